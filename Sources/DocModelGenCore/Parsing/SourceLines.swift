/// The raw lines of a page, numbered as cmark numbers them (a line ends at LF, CRLF or a lone CR),
/// kept as UTF-8 bytes so columns are byte columns like cmark's. Lines are sliced out of the one
/// byte buffer on demand, so a page of 100 000 lines costs one array, not 100 000.
struct SourceLines: Sendable {
    private let bytes: [UInt8]
    /// Start and end (exclusive, line break not included) of each line.
    private let ranges: [Range<Int>]

    init(_ text: String) {
        var bytes = Array(text.utf8)
        // cmark skips a leading byte-order mark; so do the line columns.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var ranges: [Range<Int>] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                ranges.append(start..<index)
                if byte == UInt8(ascii: "\r"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") {
                    index += 1
                }
                start = index + 1
            }
            index += 1
        }
        ranges.append(start..<bytes.count)
        self.bytes = bytes
        self.ranges = ranges
    }

    /// The bytes of 1-based line `number`, or empty past the end.
    subscript(number: Int) -> [UInt8] {
        number >= 1 && number <= ranges.count ? Array(bytes[ranges[number - 1]]) : []
    }
}
