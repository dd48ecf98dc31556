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

    /// A writer with a fresh random boundary (see ``MultipartBoundary/random()``).
    public init() {
        boundary = MultipartBoundary.random()
    }

    /// A writer with a chosen boundary, for reproducible output in tests.
    ///
    /// - Throws: ``MultipartError/invalidBoundary(_:)`` unless `boundary` is 1–70 RFC 2046
    ///   `bchars` not ending in a space.
    public init(boundary: String) throws {
        self.boundary = try MultipartBoundary.validated(boundary)
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
        var length: Int64 = 0
        for part in parts {
            length += Int64(try MultipartHeaders.bytes(for: part, boundary: boundary).count)
            length += try part.body.byteCount()
            length += 2  // CRLF after the body
        }
        return length + Int64(closingDelimiter.count)
    }

    /// The encoded body, in memory.
    ///
    /// - Throws: An invalid Content-Type, a body containing the delimiter, or a file read error.
    public func encode(_ parts: [MultipartPart]) throws -> Data {
        var sink = DataSink()
        sink.data.reserveCapacity(Int(clamping: try contentLength(of: parts)))
        try write(parts, to: &sink)
        return sink.data
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
            do {
                var sink = FileHandleSink(handle: handle)
                try write(parts, to: &sink)
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

    // MARK: - Writing

    private var closingDelimiter: Data { Data("--\(boundary)--\r\n".utf8) }

    private func write(_ parts: [MultipartPart], to sink: inout some MultipartSink) throws {
        var scanner = DelimiterScanner(boundary: boundary)
        for part in parts {
            try sink.write(try MultipartHeaders.bytes(for: part, boundary: boundary))
            scanner.startBody()
            try writeBody(of: part, to: &sink, scanner: &scanner)
            try sink.write(Data("\r\n".utf8))
        }
        try sink.write(closingDelimiter)
    }

    private func writeBody(
        of part: MultipartPart, to sink: inout some MultipartSink, scanner: inout DelimiterScanner
    ) throws {
        switch part.body {
        case .bytes(let data):
            if scanner.scan(data) { throw MultipartError.boundaryCollision(partName: part.name) }
            try sink.write(data)
        case .file(let url):
            let expected = try part.body.byteCount()
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            var copied: Int64 = 0
            while let chunk = try handle.read(upToCount: Self.chunkSize), !chunk.isEmpty {
                if scanner.scan(chunk) { throw MultipartError.boundaryCollision(partName: part.name) }
                try sink.write(chunk)
                copied += Int64(chunk.count)
                if copied > expected { break }
            }
            guard copied == expected else {
                throw MultipartError.fileSizeChanged(url, expected: expected, actual: copied)
            }
        }
    }
}
