import DocModelRuntime
import Foundation

/// Arbitrary names, filenames, content types and values through the multipart writer; the body's
/// framing must hold: exactly one closing delimiter, at the end; no delimiter inside any part;
/// names and filenames escaped; `contentLength` equals the bytes written.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMultipart(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // Fields are separated by 0xFF; every four make a part: name, filename, content type, body.
    let fields = bytes.split(separator: 0xFF, omittingEmptySubsequences: false).map { Data($0) }
    var parts: [MultipartPart] = []
    var index = 0
    while index < fields.count {
        let name = String(decoding: fields[index], as: UTF8.self)
        let filename = index + 1 < fields.count ? String(decoding: fields[index + 1], as: UTF8.self) : nil
        let type = index + 2 < fields.count ? String(decoding: fields[index + 2], as: UTF8.self) : nil
        let body = index + 3 < fields.count ? fields[index + 3] : Data()
        parts.append(MultipartPart(
            name: name, filename: filename.flatMap { $0.isEmpty ? nil : $0 },
            contentType: type.flatMap { $0.isEmpty ? nil : $0 }, body: .bytes(body)))
        index += 4
    }
    let boundary = "fuzzboundary0123456789"
    guard let writer = try? MultipartFormWriter(boundary: boundary) else { fatalError("valid boundary rejected") }
    let encoded: Data
    do {
        encoded = try writer.encode(parts)
    } catch {
        // Rejections (a content type with control characters, a body holding the delimiter) are fine.
        return 0
    }
    precondition(Int64(encoded.count) == (try? writer.contentLength(of: parts)), "Content-Length differs from the body")
    let closing = Data("--\(boundary)--\r\n".utf8)
    precondition(encoded.suffix(closing.count) == closing, "body must end with the closing delimiter")
    let delimiter = Data("\r\n--\(boundary)".utf8)
    var count = 0
    var searchRange = encoded.startIndex..<encoded.endIndex
    while let found = encoded.range(of: delimiter, in: searchRange) {
        count += 1
        searchRange = found.upperBound..<encoded.endIndex
    }
    // One delimiter before each part after the first, plus the closing one.
    precondition(count == parts.count, "found \(count) delimiters for \(parts.count) parts")
    precondition(encoded.starts(with: Data("--\(boundary)\r\n".utf8)) || parts.isEmpty, "first delimiter")
    // Walk the parts: each header block has one line per header, the quoted values hold no raw
    // quote or line break, and the body is exactly the part's bytes.
    var cursor = encoded.startIndex
    let crlf = Data("\r\n".utf8), blankLine = Data("\r\n\r\n".utf8)
    for part in parts {
        let opening = Data("--\(boundary)\r\n".utf8)
        precondition(encoded[cursor...].starts(with: opening), "part opening")
        cursor += opening.count
        guard let headerEnd = encoded.range(of: blankLine, in: cursor..<encoded.endIndex) else { fatalError("no blank line") }
        let header = encoded[cursor..<headerEnd.lowerBound]
        let headerLines = header.split(separator: UInt8(ascii: "\n")).count
        let expected = part.resolvedContentType == nil ? 1 : 2
        let disposition = header.prefix { $0 != UInt8(ascii: "\r") }
        let quotes = disposition.filter { $0 == UInt8(ascii: "\"") }.count
        precondition(quotes == (part.filename == nil ? 2 : 4), "a raw quote escaped the name or filename")
        precondition(headerLines == expected, "header lines \(headerLines), expected \(expected)")
        let bodyStart = headerEnd.upperBound
        let body = (try? part.body.data()) ?? Data()
        precondition(encoded[bodyStart..<(bodyStart + body.count)] == body, "part body altered")
        cursor = bodyStart + body.count
        precondition(encoded[cursor...].starts(with: crlf), "CRLF after body")
        cursor += crlf.count
    }
    precondition(encoded[cursor...] == closing, "only the closing delimiter follows the last part")
    return 0
}
