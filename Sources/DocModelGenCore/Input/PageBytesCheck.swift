/// Checks a page's raw bytes before anything parses them: size, UTF-8 validity, NUL bytes.
/// Each problem is a located diagnostic; a page with an error is not parsed at all.
public enum PageBytesCheck {
    /// Pages larger than this are not read (a 50 MB page is an accident, not documentation).
    public static let maximumPageSize = 4 << 20

    /// The error for a page of `size` bytes, when that is too large.
    public static func sizeDiagnostic(path: String, size: Int) -> Diagnostic? {
        guard size > maximumPageSize else { return nil }
        return .error(
            "page is \(size) bytes; pages larger than \(maximumPageSize >> 20) MiB are not read",
            at: SourceLocation(file: path, line: 1, column: 1))
    }

    public static func diagnostics(path: String, bytes: [UInt8]) -> [Diagnostic] {
        if let tooLarge = sizeDiagnostic(path: path, size: bytes.count) { return [tooLarge] }
        guard let problem = encodingProblem(bytes) else { return [] }
        return [.error("page \(problem.message)", at: SourceLocation(file: path, line: problem.line, column: problem.column))]
    }

    /// The first NUL byte or invalid UTF-8 sequence: what is wrong ("contains a NUL byte", "is not
    /// valid UTF-8 (byte 0xFF)") and where (1-based line, byte column). Shared with the OpenAPI reader.
    package static func encodingProblem(_ bytes: [UInt8]) -> (message: String, line: Int, column: Int)? {
        var line = 1, lineStart = 0, index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0 {
                return ("contains a NUL byte", line, index - lineStart + 1)
            }
            if byte == UInt8(ascii: "\n") || (byte == UInt8(ascii: "\r") && (index + 1 == bytes.count || bytes[index + 1] != UInt8(ascii: "\n"))) {
                line += 1
                lineStart = index + 1
                index += 1
                continue
            }
            let length = sequenceLength(bytes, at: index)
            guard length > 0 else {
                return ("is not valid UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true)))", line, index - lineStart + 1)
            }
            index += length
        }
        return nil
    }

    /// The length of the well-formed UTF-8 sequence at `index`, or 0 (Unicode Table 3-7).
    private static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let first = bytes[index]
        func continuation(_ offset: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            index + offset < bytes.count && range.contains(bytes[index + offset])
        }
        switch first {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: return continuation(1) ? 2 : 0
        case 0xE0: return continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : 0
        case 0xED: return continuation(1, 0x80...0x9F) && continuation(2) ? 3 : 0
        case 0xF0: return continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4: return continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default: return 0
        }
    }
}
