/// The raw lines of a page, numbered as cmark numbers them (a line ends at LF, CRLF or a lone CR),
/// kept as UTF-8 bytes so columns are byte columns like cmark's.
struct SourceLines: Sendable {
    private let lines: [[UInt8]]

    init(_ text: String) {
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var bytes = Array(text.utf8)
        // cmark skips a leading byte-order mark; so do the line columns.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                lines.append(current)
                current = []
                if byte == UInt8(ascii: "\r"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") {
                    index += 1
                }
            } else {
                current.append(byte)
            }
            index += 1
        }
        lines.append(current)
        self.lines = lines
    }

    /// The bytes of 1-based line `number`, or empty past the end.
    subscript(number: Int) -> [UInt8] {
        number >= 1 && number <= lines.count ? lines[number - 1] : []
    }
}
