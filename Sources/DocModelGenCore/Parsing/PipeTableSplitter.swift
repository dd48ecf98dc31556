/// Splits one source line of a GFM pipe table into cells.
///
/// Rules (GFM spec, "Tables" extension): leading and trailing pipes are optional, `\|` is a literal
/// pipe (unescaped everywhere, even inside code spans), and surrounding whitespace is trimmed. One
/// deliberate extension: a pipe inside a complete code span (`` `a|b` ``) does not split the cell,
/// because type cells like `` `Union[str|int]` `` are meant literally.
enum PipeTableSplitter {
    struct RawCell: Equatable, Sendable {
        /// The cell text with surrounding whitespace trimmed and `\|` unescaped.
        var text: String
        /// 1-based byte column where the trimmed content starts.
        var column: Int
    }

    static func cells(of line: [UInt8]) -> [RawCell] {
        let pipe = UInt8(ascii: "|"), backslash = UInt8(ascii: "\\"), backtick = UInt8(ascii: "`")
        var start = 0
        var end = line.count
        while start < end, isSpace(line[start]) { start += 1 }
        while end > start, isSpace(line[end - 1]) { end -= 1 }
        if start < end, line[start] == pipe { start += 1 }

        var cells: [RawCell] = []
        var cellStart = start
        var index = start
        var endedWithPipe = false
        while index < end {
            let byte = line[index]
            endedWithPipe = false
            if byte == backslash, index + 1 < end {
                index += 2
                continue
            }
            if byte == backtick {
                let run = runLength(of: backtick, in: line, from: index, to: end)
                if let close = closingRun(of: run, in: line, from: index + run, to: end) {
                    index = close + run
                } else {
                    index += run
                }
                continue
            }
            if byte == pipe {
                cells.append(cell(line, from: cellStart, to: index))
                cellStart = index + 1
                endedWithPipe = index + 1 == end
            }
            index += 1
        }
        if !endedWithPipe || cells.isEmpty {
            cells.append(cell(line, from: cellStart, to: end))
        }
        return cells
    }

    /// Whether the line is a delimiter row (`| --- | :-: |`) with exactly `count` cells.
    static func isDelimiterRow(_ line: [UInt8], cellCount count: Int) -> Bool {
        guard line.contains(UInt8(ascii: "|")) || count == 1 else { return false }
        let cells = cells(of: line)
        guard cells.count == count else { return false }
        return cells.allSatisfy { cell in
            var text = Substring(cell.text)
            if text.hasPrefix(":") { text = text.dropFirst() }
            if text.hasSuffix(":") { text = text.dropLast() }
            return !text.isEmpty && text.allSatisfy { $0 == "-" }
        }
    }

    private static func cell(_ line: [UInt8], from start: Int, to end: Int) -> RawCell {
        var lower = start, upper = end
        while lower < upper, isSpace(line[lower]) { lower += 1 }
        while upper > lower, isSpace(line[upper - 1]) { upper -= 1 }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(upper - lower)
        var index = lower
        while index < upper {
            if line[index] == UInt8(ascii: "\\"), index + 1 < upper, line[index + 1] == UInt8(ascii: "|") {
                bytes.append(UInt8(ascii: "|"))
                index += 2
            } else {
                bytes.append(line[index])
                index += 1
            }
        }
        // An empty cell is located right after the pipe that opens it.
        return RawCell(text: String(decoding: bytes, as: UTF8.self), column: (lower == upper ? start : lower) + 1)
    }

    private static func runLength(of byte: UInt8, in line: [UInt8], from start: Int, to end: Int) -> Int {
        var index = start
        while index < end, line[index] == byte { index += 1 }
        return index - start
    }

    /// Start of the next backtick run of exactly `length` at or after `start`, if any.
    private static func closingRun(of length: Int, in line: [UInt8], from start: Int, to end: Int) -> Int? {
        var index = start
        while index < end {
            if line[index] == UInt8(ascii: "`") {
                let run = runLength(of: UInt8(ascii: "`"), in: line, from: index, to: end)
                if run == length { return index }
                index += run
            } else {
                index += 1
            }
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }
}
