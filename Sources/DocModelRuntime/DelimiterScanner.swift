import Foundation

/// Finds the multipart delimiter `CRLF--boundary` inside a part body that arrives in chunks
/// (Knuth–Morris–Pratt, so a delimiter split across chunks is found too).
///
/// A part's body always follows the CRLF that ends its header block, so each body is scanned as
/// if preceded by CRLF: a body starting with `--boundary` collides as well.
struct DelimiterScanner {
    private let pattern: [UInt8]
    /// `failure[i]`: the length of the longest proper prefix of `pattern[0...i]` that is also a
    /// suffix of it.
    private let failure: [Int]
    private var matched = 0

    init(boundary: String) {
        pattern = Array("\r\n--\(boundary)".utf8)
        var failure = [Int](repeating: 0, count: pattern.count)
        var length = 0
        for index in 1..<pattern.count {
            while length > 0 && pattern[index] != pattern[length] { length = failure[length - 1] }
            if pattern[index] == pattern[length] { length += 1 }
            failure[index] = length
        }
        self.failure = failure
    }

    /// Starts a new body, which follows a CRLF.
    mutating func startBody() {
        matched = 2
    }

    /// Scans the next chunk of the body; `true` once the delimiter has been seen.
    mutating func scan(_ chunk: Data) -> Bool {
        var state = matched
        let found = pattern.withUnsafeBufferPointer { pattern in
            failure.withUnsafeBufferPointer { failure in
                chunk.withUnsafeBytes { bytes in
                    for byte in bytes {
                        while state > 0 && pattern[state] != byte { state = failure[state - 1] }
                        if pattern[state] == byte {
                            state += 1
                            if state == pattern.count { return true }
                        }
                    }
                    return false
                }
            }
        }
        matched = state
        return found
    }
}
