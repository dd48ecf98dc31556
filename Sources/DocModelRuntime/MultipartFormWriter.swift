import Foundation

/// Writes multipart/form-data bodies (RFC 7578) byte for byte as httpx, the Python SDK's HTTP
/// stack, does:
///
/// ```
/// --BOUNDARY\r\n
/// Content-Disposition: form-data; name="NAME"[; filename="FILENAME"]\r\n
/// [Content-Type: TYPE\r\n]
/// \r\n
/// BODY\r\n
/// …one such block per part…
/// --BOUNDARY--\r\n
/// ```
///
/// Names and filenames are escaped (`"` → `%22`, CR → `%0D`, LF → `%0A`, `\` → `\\`; non-ASCII
/// stays raw UTF-8) and Content-Types with control characters are rejected, so no value can add a
/// header or end a part. File bodies are copied from disk in ``chunkSize`` chunks.
public struct MultipartFormWriter: Hashable, Sendable {
    /// The size of the chunks file parts are copied in: 1 MiB.
    public static let chunkSize = 1 << 20

    /// The boundary between parts (without the leading `--`).
    public let boundary: String

    /// The bytes that depend only on the boundary, laid out once per writer rather than per part.
    private let framing: Framing

    private struct Framing: Sendable {
        /// `--boundary\r\nContent-Disposition: form-data; name="`, how every part starts.
        let opening: [UInt8]
        /// `\r\n--boundary`, which no body may contain.
        let delimiter: [UInt8]
        /// `--boundary--\r\n`, the end of the body.
        let closing: [UInt8]

        init(boundary: String) {
            opening = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"".utf8)
            delimiter = Array("\r\n--\(boundary)".utf8)
            closing = Array("--\(boundary)--\r\n".utf8)
        }
    }

    /// A writer with a fresh random boundary (see ``MultipartBoundary/random()``).
    public init() {
        boundary = MultipartBoundary.random()
        framing = Framing(boundary: boundary)
    }

    /// A writer with a chosen boundary, for reproducible output in tests.
    ///
    /// - Throws: ``MultipartError/invalidBoundary(_:)`` unless `boundary` is 1–70 RFC 2046
    ///   `bchars` not ending in a space.
    public init(boundary: String) throws {
        self.boundary = try MultipartBoundary.validated(boundary)
        framing = Framing(boundary: boundary)
    }

    /// Writers are equal when their boundaries are.
    public static func == (lhs: MultipartFormWriter, rhs: MultipartFormWriter) -> Bool {
        lhs.boundary == rhs.boundary
    }

    /// Hashes the boundary.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(boundary)
    }

    /// The request's Content-Type: `multipart/form-data; boundary=…` (quoted if the boundary holds
    /// characters a header token cannot).
    public var contentType: String {
        "multipart/form-data; boundary=\(MultipartBoundary.parameterValue(boundary))"
    }

    /// The exact size of the encoded body, computed without reading any file (file sizes come from
    /// their attributes).
    ///
    /// - Throws: An invalid Content-Type, or a file that cannot be inspected.
    public func contentLength(of parts: [MultipartPart]) throws -> Int64 {
        var fileSizes: [Int64] = []
        return try measure(parts, fileSizes: &fileSizes)
    }

    /// The encoded body, in memory.
    ///
    /// The body is sized exactly first, then written into a single buffer of that size. Files are
    /// measured once and read straight into it.
    ///
    /// - Throws: An invalid Content-Type, a body containing the delimiter, or a file read error.
    public func encode(_ parts: [MultipartPart]) throws -> Data {
        var fileSizes: [Int64] = []  // stays unallocated unless there are file parts
        guard let length = Int(exactly: try measure(parts, fileSizes: &fileSizes)) else {
            throw CocoaError(.fileReadTooLarge)
        }
        // Uninitialized: every byte is written below, and zeroing first would cost a pass over it.
        guard let memory = malloc(length) else { throw CocoaError(.fileReadTooLarge) }
        var data = Data(bytesNoCopy: memory, count: length, deallocator: .free)
        try data.withUnsafeMutableBytes { buffer in
            Self.preferHugePages(buffer)
            var sink = BufferSink(buffer)
            try write(parts, to: &sink, fileSizes: fileSizes)
            precondition(sink.count == length, "multipart body shorter than its computed length")
        }
        return data
    }

    /// Streams the encoded body into the file at `fileURL`, replacing it. Memory use stays bounded
    /// by ``chunkSize`` whatever the size of the file parts; on failure the file is removed.
    ///
    /// - Throws: An invalid Content-Type, a body containing the delimiter, or a file error.
    public func encode(_ parts: [MultipartPart], to fileURL: URL) throws {
        guard FileManager.default.createFile(atPath: fileURL.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: fileURL.path])
        }
        do {
            let handle = try FileHandle(forWritingTo: fileURL)
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
            defer { buffer.deallocate() }
            do {
                var sink = FileSink(descriptor: handle.fileDescriptor, buffer: buffer)
                try write(parts, to: &sink, fileSizes: nil)
                try sink.flush()
                try handle.close()
            } catch {
                try? handle.close()
                throw error
            }
        } catch {
            try? FileManager.default.removeItem(at: fileURL)
            throw error
        }
    }

    /// Asks Linux to back a large, still untouched output buffer with 2 MiB pages. Filling 64 MiB
    /// otherwise takes 16 384 page faults, which cost more than copying the bytes; with huge pages
    /// the same body is written about three times faster. Elsewhere, and for small bodies, nothing.
    private static func preferHugePages(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
        let hugePage = UInt(2 << 20)
        guard buffer.count >= 4 << 20, let base = buffer.baseAddress else { return }
        let start = (UInt(bitPattern: base) + hugePage - 1) & ~(hugePage - 1)
        let end = (UInt(bitPattern: base) + UInt(buffer.count)) & ~(hugePage - 1)
        guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(aligned, Int(end - start), MADV_HUGEPAGE)  // only advice: failure changes nothing
        #endif
    }

    // MARK: - Sizing

    /// The encoded size of `parts`; appends the size of each file part, in order, to `fileSizes`.
    private func measure(_ parts: [MultipartPart], fileSizes: inout [Int64]) throws -> Int64 {
        // Each part is read field by field in place: copying a whole part out of the array
        // retains and releases all its strings, a good share of the cost of a small body.
        try parts.withUnsafeBufferPointer { parts in
            var length = Int64(framing.closing.count)
            for index in parts.indices {
                let part = parts.baseAddress! + index
                let contentType = try MultipartPart.validatedContentType(
                    part.pointee.contentType, filename: part.pointee.filename, partName: part.pointee.name)
                length += Int64(MultipartHeaders.byteCount(
                    name: part.pointee.name, filename: part.pointee.filename, opening: framing.opening.count,
                    contentType: contentType))
                switch part.pointee.content {
                case .text(let text): length += Int64(text.utf8.count)
                case .content(.bytes(let data)): length += Int64(data.count)
                case .content(.file(let url)):
                    let size = try FileContent.file(url).byteCount()
                    fileSizes.append(size)
                    length += size
                }
                length += 2  // CRLF after the body
            }
            return length
        }
    }

    // MARK: - Writing

    /// Bodies in memory are scanned and copied in blocks this size, so each block is still in
    /// cache when it is copied.
    private static let blockSize = 128 << 10

    /// Writes the body. `fileSizes` are the file parts' sizes from ``measure(_:fileSizes:)``, or
    /// `nil` to look each one up just before copying it.
    private func write(_ parts: [MultipartPart], to sink: inout some MultipartSink, fileSizes: [Int64]?) throws {
        var scanner: DelimiterScanner?  // only file parts need one
        var fileIndex = 0
        try framing.opening.withUnsafeBytes { opening in
            try framing.delimiter.withUnsafeBytes { delimiter in
                // Field by field in place, as in `measure`.
                try parts.withUnsafeBufferPointer { parts in
                    for index in parts.indices {
                        let part = parts.baseAddress! + index
                        let contentType = try MultipartPart.validatedContentType(
                            part.pointee.contentType, filename: part.pointee.filename, partName: part.pointee.name)
                        try MultipartHeaders.write(
                            name: part.pointee.name, filename: part.pointee.filename, opening: opening,
                            contentType: contentType, to: &sink)
                        switch part.pointee.content {
                        case .text(let text):
                            try withUTF8(text) { try writeBody($0, partName: part.pointee.name, delimiter: delimiter, to: &sink) }
                        case .content(.bytes(let data)):
                            try data.withUnsafeBytes { try writeBody($0, partName: part.pointee.name, delimiter: delimiter, to: &sink) }
                        case .content(.file(let url)):
                            let expected = try fileSizes.map { $0[fileIndex] } ?? FileContent.file(url).byteCount()
                            fileIndex += 1
                            if scanner == nil { scanner = DelimiterScanner(delimiter: framing.delimiter) }
                            try copyFile(url, expected: expected, partName: part.pointee.name, to: &sink, scanner: &scanner!)
                        }
                        try sink.write("\r\n")
                    }
                }
            }
        }
        try framing.closing.withUnsafeBytes { try sink.write($0) }
    }

    private func writeBody(
        _ body: UnsafeRawBufferPointer, partName: String, delimiter: UnsafeRawBufferPointer,
        to sink: inout some MultipartSink
    ) throws {
        if DelimiterScanner.startsBody(delimiter, body) { throw MultipartError.boundaryCollision(partName: partName) }
        var start = 0
        repeat {
            let end = min(body.count, start + Self.blockSize)
            if DelimiterScanner.contains(delimiter, in: body, startingIn: start..<end) {
                throw MultipartError.boundaryCollision(partName: partName)
            }
            try sink.write(UnsafeRawBufferPointer(rebasing: body[start..<end]))
            start = end
        } while start < body.count
    }

    /// Copies a file of `expected` bytes into the sink in chunks of at most ``chunkSize``, read
    /// straight into the sink's memory.
    private func copyFile(
        _ url: URL, expected: Int64, partName: String, to sink: inout some MultipartSink,
        scanner: inout DelimiterScanner
    ) throws {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let descriptor = handle.fileDescriptor
        scanner.startBody()
        var copied: Int64 = 0
        while copied < expected {
            var read = 0
            var collides = false
            try sink.fill(upTo: Int(min(Int64(Self.chunkSize), expected - copied))) { region in
                read = try POSIXIO.read(descriptor, into: region)
                collides = scanner.scan(UnsafeRawBufferPointer(rebasing: region[..<read]))
                return read
            }
            if collides { throw MultipartError.boundaryCollision(partName: partName) }
            if read == 0 { break }
            copied += Int64(read)
        }
        // One more byte tells a file that grew since it was measured.
        var probe: UInt8 = 0
        let extra = try withUnsafeMutableBytes(of: &probe) { try POSIXIO.read(descriptor, into: $0) }
        guard copied == expected, extra == 0 else {
            throw MultipartError.fileSizeChanged(url, expected: expected, actual: copied + Int64(extra))
        }
    }
}

extension MultipartPart {
    /// ``resolvedContentType`` from the fields it depends on, checked for control characters.
    static func validatedContentType(_ contentType: String?, filename: String?, partName: String) throws -> String? {
        guard let contentType = resolvedContentType(contentType, filename: filename) else { return nil }
        return try MultipartHeaders.validatedContentType(contentType, partName: partName)
    }
}
