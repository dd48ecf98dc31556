/// One token of a Python logical line: just enough of Python's lexical grammar to read Speakeasy's
/// generated model modules (names, numbers, string literals, punctuation), with its 1-based line
/// and byte column.
struct PythonToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case name
        /// The number as written (`0.02`, `10_000`, `1e3`).
        case number
        /// A string literal; `text` is its value (escapes decoded unless raw).
        case string
        /// Punctuation and operators (`(`, `:`, `=`, `->`, `==`, `|`, …).
        case symbol
    }

    var kind: Kind
    var text: String
    var line: Int
    var column: Int
}

/// A statement as Python sees it: physical lines joined while brackets are open or a line ends in
/// a backslash. `indent` is the column width of its first line (a tab advances to the next multiple
/// of 8, as in CPython).
struct PythonLogicalLine: Sendable, Hashable {
    var indent: Int
    var tokens: [PythonToken]
    /// A string literal ran to the end of its line (or of the file, for a triple-quoted one).
    var hasUnterminatedString = false
    /// A bracket was still open where the line ended (at the end of the file, or before a
    /// `class`/`@` line at column 0, where reading starts again).
    var hasUnclosedBracket = false

    var line: Int { tokens.first?.line ?? 0 }
    var column: Int { tokens.first?.column ?? 0 }
}

extension PythonToken {
    /// Where the token sits in the module at `path`, line and column at least 1 (the separators
    /// a reader appends have 0).
    func location(in path: String) -> SourceLocation {
        SourceLocation(file: path, line: max(line, 1), column: max(column, 1))
    }
}

extension PythonLogicalLine {
    /// What the tokenizer found wrong with the line (an unterminated string, an unclosed
    /// bracket), as warnings located in the module at `path`.
    func tokenizerWarnings(in path: String) -> [Diagnostic] {
        guard let first = tokens.first else { return [] }
        var warnings: [Diagnostic] = []
        if hasUnterminatedString { warnings.append(.warning("a string literal is not terminated", at: first.location(in: path))) }
        if hasUnclosedBracket {
            warnings.append(.warning("a bracket is not closed; the statement is read up to here", at: first.location(in: path)))
        }
        return warnings
    }
}

/// Splits UTF-8 source bytes into logical lines in one pass: linear time, no recursion, and no
/// input makes it trap. Comments and blank lines vanish.
enum PythonTokenizer {
    static func logicalLines(_ bytes: [UInt8]) -> [PythonLogicalLine] {
        var scanner = Scanner(bytes: bytes)
        scanner.run()
        return scanner.lines
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var line = 1
        var lineStart = 0
        var depth = 0
        var current = PythonLogicalLine(indent: 0, tokens: [])
        var lines: [PythonLogicalLine] = []

        init(bytes: [UInt8]) { self.bytes = bytes }

        var column: Int { index - lineStart + 1 }

        func byte(at offset: Int) -> UInt8? {
            offset < bytes.count ? bytes[offset] : nil
        }

        mutating func run() {
            while index < bytes.count {
                if current.tokens.isEmpty && depth == 0 {
                    readIndentation()
                    continue
                }
                scanToken()
            }
            finishLine()
        }

        /// At the start of a logical line: measure the indentation, and skip the line when it
        /// is blank or only a comment.
        mutating func readIndentation() {
            var width = 0
            while let byte = byte(at: index) {
                switch byte {
                case UInt8(ascii: " "): width += 1
                case UInt8(ascii: "\t"): width = (width / 8 + 1) * 8
                case 0x0C: width = 0
                default:
                    current.indent = width
                    if byte == UInt8(ascii: "#") { skipComment() }
                    guard index < bytes.count else { return }
                    if let next = self.byte(at: index), next == UInt8(ascii: "\n") || next == UInt8(ascii: "\r") {
                        newline()
                        return
                    }
                    scanToken()
                    return
                }
                index += 1
            }
        }

        mutating func newline() {
            if bytes[index] == UInt8(ascii: "\r"), byte(at: index + 1) == UInt8(ascii: "\n") { index += 1 }
            index += 1
            line += 1
            lineStart = index
        }

        mutating func skipComment() {
            while let byte = byte(at: index), byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r") { index += 1 }
        }

        mutating func finishLine() {
            if !current.tokens.isEmpty {
                if depth > 0 { current.hasUnclosedBracket = true }
                lines.append(current)
            }
            current = PythonLogicalLine(indent: 0, tokens: [])
            depth = 0
        }

        /// Whether the physical line starting at `offset` begins, at column 0, a statement that
        /// cannot be inside brackets (`class`, a decorator): a place to recover from an unclosed
        /// bracket instead of swallowing the rest of the file.
        func startsFreshStatement(at offset: Int) -> Bool {
            if byte(at: offset) == UInt8(ascii: "@") { return true }
            let keyword = Array("class ".utf8)
            guard offset + keyword.count <= bytes.count else { return false }
            return Array(bytes[offset..<(offset + keyword.count)]) == keyword
        }

        mutating func scanToken() {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0C:
                index += 1
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                newline()
                if depth == 0 {
                    finishLine()
                } else if startsFreshStatement(at: index) {
                    finishLine()
                }
            case UInt8(ascii: "#"):
                skipComment()
            case UInt8(ascii: "\\"):
                if let next = self.byte(at: index + 1), next == UInt8(ascii: "\n") || next == UInt8(ascii: "\r") {
                    index += 1
                    newline()
                } else {
                    appendSymbol(length: 1)
                }
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                scanString(prefixStart: index, raw: false)
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                scanNumber()
            case UInt8(ascii: "."):
                if let next = self.byte(at: index + 1), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(next) {
                    scanNumber()
                } else {
                    appendSymbol(length: 1)
                }
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                appendSymbol(length: 1)
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
                appendSymbol(length: 1)
            default:
                if Self.isNameStart(byte) {
                    scanName()
                } else {
                    let pair = self.byte(at: index + 1).map { [byte, $0] } ?? []
                    appendSymbol(length: Self.twoByteSymbols.contains(pair) ? 2 : 1)
                }
            }
        }

        static let twoByteSymbols: Set<[UInt8]> = Set(["->", "==", "!=", "<=", ">=", "**", "//", ":="].map { Array($0.utf8) })

        static func isNameStart(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: "_") || (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte >= 0x80
        }

        static func isNameByte(_ byte: UInt8) -> Bool {
            isNameStart(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }

        mutating func appendSymbol(length: Int) {
            let end = min(index + length, bytes.count)
            append(.symbol, String(decoding: bytes[index..<end], as: UTF8.self), column: column)
            index = end
        }

        mutating func append(_ kind: PythonToken.Kind, _ text: String, column: Int, line: Int? = nil) {
            current.tokens.append(PythonToken(kind: kind, text: text, line: line ?? self.line, column: column))
        }

        mutating func scanName() {
            let start = index
            while let byte = byte(at: index), Self.isNameByte(byte) { index += 1 }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            // A string prefix (`r`, `b`, `rb`, `f`, `u`, …) directly before a quote.
            if let quote = byte(at: index), quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\""),
               text.count <= 2, text.lowercased().allSatisfy({ "rbuf".contains($0) }) {
                scanString(prefixStart: start, raw: text.lowercased().contains("r"))
                return
            }
            append(.name, text, column: start - lineStart + 1)
        }

        mutating func scanNumber() {
            let start = index
            while let byte = byte(at: index) {
                if Self.isNameByte(byte) || byte == UInt8(ascii: ".") {
                    index += 1
                } else if (byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")),
                          let previous = self.byte(at: index - 1), previous | 0x20 == UInt8(ascii: "e"),
                          bytes[start] != UInt8(ascii: "0") || self.byte(at: start + 1).map({ $0 | 0x20 != UInt8(ascii: "x") }) ?? true {
                    index += 1
                } else {
                    break
                }
            }
            append(.number, String(decoding: bytes[start..<index], as: UTF8.self), column: start - lineStart + 1)
        }

        /// A string literal from its quote at `index` (the prefix, if any, began at
        /// `prefixStart`). A single-quoted string ends at the end of its line at the latest, a
        /// triple-quoted one at the end of the file: either way it is marked unterminated.
        mutating func scanString(prefixStart: Int, raw: Bool) {
            let startLine = line, startColumn = prefixStart - lineStart + 1
            let quote = bytes[index]
            let triple = byte(at: index + 1) == quote && byte(at: index + 2) == quote
            index += triple ? 3 : 1
            let contentStart = index
            var contentEnd = index
            var terminated = false
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\\") {
                    index += 1
                    if let next = self.byte(at: index), next == UInt8(ascii: "\n") || next == UInt8(ascii: "\r") {
                        newline()
                    } else if index < bytes.count {
                        index += 1
                    }
                    continue
                }
                if byte == quote {
                    if !triple {
                        contentEnd = index
                        index += 1
                        terminated = true
                        break
                    }
                    if self.byte(at: index + 1) == quote && self.byte(at: index + 2) == quote {
                        contentEnd = index
                        index += 3
                        terminated = true
                        break
                    }
                }
                if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                    if !triple { break }
                    newline()
                    continue
                }
                index += 1
            }
            if !terminated {
                contentEnd = min(index, bytes.count)
                current.hasUnterminatedString = true
                // Brackets opened before a string that breaks off at its line's end would
                // swallow the statements after it: the line's end ends the statement instead.
                if !triple { depth = 0 }
            }
            let content = bytes[contentStart..<max(contentStart, contentEnd)]
            let text = raw ? String(decoding: content, as: UTF8.self) : PythonStringEscapes.decode(content)
            append(.string, text, column: startColumn, line: startLine)
        }
    }
}

/// Python's backslash escapes in a non-raw string literal. An unknown escape keeps its backslash,
/// as Python does.
enum PythonStringEscapes {
    static func decode(_ content: ArraySlice<UInt8>) -> String {
        guard content.contains(UInt8(ascii: "\\")) else { return String(decoding: content, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(content.count)
        var index = content.startIndex
        func hexValue(_ count: Int) -> UInt32? {
            guard index + 1 + count <= content.endIndex else { return nil }
            var value: UInt32 = 0
            for byte in content[(index + 1)..<(index + 1 + count)] {
                guard let digit = hexDigit(byte) else { return nil }
                value = value * 16 + digit
            }
            return value
        }
        while index < content.endIndex {
            let byte = content[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < content.endIndex else {
                output.append(byte)
                index += 1
                continue
            }
            let next = content[index + 1]
            index += 1
            switch next {
            case UInt8(ascii: "\n"): index += 1
            case UInt8(ascii: "\r"): index += content[safe: index + 1] == UInt8(ascii: "\n") ? 2 : 1
            case UInt8(ascii: "n"): output.append(0x0A); index += 1
            case UInt8(ascii: "t"): output.append(0x09); index += 1
            case UInt8(ascii: "r"): output.append(0x0D); index += 1
            case UInt8(ascii: "a"): output.append(0x07); index += 1
            case UInt8(ascii: "b"): output.append(0x08); index += 1
            case UInt8(ascii: "f"): output.append(0x0C); index += 1
            case UInt8(ascii: "v"): output.append(0x0B); index += 1
            case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): output.append(next); index += 1
            case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                let count = next == UInt8(ascii: "x") ? 2 : next == UInt8(ascii: "u") ? 4 : 8
                if let value = hexValue(count), let scalar = Unicode.Scalar(value) {
                    output.append(contentsOf: Array(String(Character(scalar)).utf8))
                    index += 1 + count
                } else {
                    output.append(UInt8(ascii: "\\"))
                }
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value: UInt32 = 0, digits = 0
                while digits < 3, index < content.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(content[index]) {
                    value = value * 8 + UInt32(content[index] - UInt8(ascii: "0"))
                    index += 1
                    digits += 1
                }
                output.append(contentsOf: Array(String(Character(Unicode.Scalar(value) ?? "\u{FFFD}")).utf8))
            default:
                output.append(UInt8(ascii: "\\"))
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}

private extension ArraySlice where Element == UInt8 {
    subscript(safe index: Int) -> UInt8? { indices.contains(index) ? self[index] : nil }
}
