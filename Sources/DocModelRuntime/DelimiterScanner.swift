import Foundation

/// Finds the multipart delimiter `CRLF--boundary` inside part bodies.
///
/// A part's body always follows the CRLF that ends its header block, so each body is scanned as
/// if preceded by CRLF: a body starting with `--boundary` collides as well.
///
/// The search is `memchr` for CR, then `memcmp` at each hit. It is linear in the worst case too:
/// a boundary holds no CR, so the delimiter's only CR is its first byte, and a comparison that
/// starts at one CR of the body fails by the next one.
struct DelimiterScanner {
    /// `CRLF--boundary`.
    let delimiter: [UInt8]
    /// The last bytes (fewer than `delimiter.count`) of CRLF + the body so far: a delimiter that
    /// starts in them can end in the next chunk.
    private var tail: [UInt8] = []

    init(delimiter: [UInt8]) {
        self.delimiter = delimiter
        tail.reserveCapacity(2 * delimiter.count)
    }

    /// Starts a new body, which follows a CRLF.
    mutating func startBody() {
        tail.removeAll(keepingCapacity: true)
        tail.append(contentsOf: [0x0D, 0x0A])
    }

    /// Scans the next chunk of the body; `true` once the delimiter has been seen.
    mutating func scan(_ chunk: UnsafeRawBufferPointer) -> Bool {
        let keep = delimiter.count - 1
        let tailCount = tail.count
        // Delimiters that start in the tail end within the chunk's first `keep` bytes.
        tail.append(contentsOf: chunk.prefix(keep))
        let found = delimiter.withUnsafeBytes { delimiter in
            tail.withUnsafeBytes { Self.contains(delimiter, in: $0, startingIn: 0..<tailCount) }
                || Self.contains(delimiter, in: chunk, startingIn: 0..<chunk.count)
        }
        if chunk.count > keep {
            tail.removeAll(keepingCapacity: true)
            tail.append(contentsOf: chunk.suffix(keep))
        } else if tail.count > keep {
            tail.removeFirst(tail.count - keep)
        }
        return found
    }

    /// Whether a whole body, which follows a CRLF, contains the delimiter.
    static func bodyContains(_ delimiter: UnsafeRawBufferPointer, in body: UnsafeRawBufferPointer) -> Bool {
        startsBody(delimiter, body) || contains(delimiter, in: body, startingIn: 0..<body.count)
    }

    /// Whether `body` starts with the delimiter minus its CRLF (`--boundary`), which the CRLF before
    /// every body completes.
    static func startsBody(_ delimiter: UnsafeRawBufferPointer, _ body: UnsafeRawBufferPointer) -> Bool {
        let rest = delimiter.count - 2
        guard body.count >= rest, let start = body.baseAddress else { return false }
        return memcmp(start, delimiter.baseAddress! + 2, rest) == 0
    }

    /// Whether `haystack` holds the delimiter at an offset in `starts`. A match may run past
    /// `starts.upperBound`, not past the end of `haystack`.
    static func contains(
        _ delimiter: UnsafeRawBufferPointer, in haystack: UnsafeRawBufferPointer, startingIn starts: Range<Int>
    ) -> Bool {
        let length = delimiter.count
        guard let base = haystack.baseAddress, haystack.count >= length else { return false }
        let end = min(starts.upperBound, haystack.count - length + 1)
        var start = starts.lowerBound
        while start < end {
            guard let hit = memchr(base + start, 0x0D, end - start) else { return false }
            if memcmp(hit, delimiter.baseAddress!, length) == 0 { return true }
            start = base.distance(to: UnsafeRawPointer(hit)) + 1
        }
        return false
    }
}
