import Foundation

/// The header block of one part: the opening delimiter line, Content-Disposition and the optional
/// Content-Type, up to and including the blank line that precedes the body:
///
/// `--boundary\r\nContent-Disposition: form-data; name="…"[; filename="…"]\r\n[Content-Type: …\r\n]\r\n`
///
/// Its size is computed without building it, and it is written straight into the output.
enum MultipartHeaders {
    /// The size of a part's header block. `opening` is `--boundary\r\nContent-Disposition: form-data; name="`
    /// and `contentType` the part's validated Content-Type.
    static func byteCount(name: String, filename: String?, opening: Int, contentType: String?) -> Int {
        var count = opening + escapedCount(name) + 3  // `"` CRLF
        if let filename {
            count += 12 + escapedCount(filename) + 1  // `; filename="` … `"`
        }
        if let contentType {
            count += 14 + contentType.utf8.count + 2  // `Content-Type: ` … CRLF
        }
        return count + 2  // the blank line
    }

    /// Writes a part's header block (see ``byteCount(name:filename:opening:contentType:)``).
    static func write(
        name: String, filename: String?, opening: UnsafeRawBufferPointer, contentType: String?,
        to sink: inout some MultipartSink
    ) throws {
        try sink.write(opening)
        try writeEscaped(name, to: &sink)
        if let filename {
            try sink.write("\"; filename=\"")
            try writeEscaped(filename, to: &sink)
        }
        try sink.write("\"\r\n")
        if let contentType {
            try sink.write("Content-Type: ")
            try withUTF8(contentType) { try sink.write($0) }
            try sink.write("\r\n")
        }
        try sink.write("\r\n")
    }

    // MARK: Escaping

    /// Escapes a `name` or `filename` parameter value exactly as httpx does (the Python SDK's
    /// HTTP stack, `httpx/_multipart.py` `_format_form_param`):
    ///
    /// - `"` becomes `%22` and CR, LF become `%0D`, `%0A`: the WHATWG HTML
    ///   multipart/form-data encoding algorithm, what browsers send;
    /// - every other C0 control character except ESC (0x1B) becomes `%XX` (uppercase hex);
    /// - `\` is doubled, because python-multipart (and `email.message`) un-escape `\\` and `\"`
    ///   inside quoted parameters, so `a\\b` arrives intact;
    /// - everything else, including non-ASCII, is kept as raw UTF-8.
    ///
    /// The result contains no CR, LF or unescaped `"`, so no value can end the header line, add a
    /// header or end the quoted string. Escaping works on UTF-8 bytes: every byte it changes is
    /// ASCII, and the bytes of a multi-byte character are all ≥ 0x80.
    static func escapeParameterValue(_ value: String) -> String {
        String(unsafeUninitializedCapacity: escapedCount(value)) { buffer in
            var sink = BufferSink(UnsafeMutableRawBufferPointer(buffer))
            do { try writeEscaped(value, to: &sink) } catch { preconditionFailure("a BufferSink does not throw") }
            return sink.count
        }
    }

    /// The size of `value` once escaped.
    static func escapedCount(_ value: String) -> Int {
        withUTF8(value) { bytes in
            var extra = 0
            for byte in bytes where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                extra += escape(byte).utf8CodeUnitCount - 1
            }
            return bytes.count + extra
        }
    }

    /// Writes `value` escaped: runs of bytes that need no escaping are written as they are, so a
    /// clean name is a single copy.
    static func writeEscaped(_ value: String, to sink: inout some MultipartSink) throws {
        try withUTF8(value) { bytes in
            var runStart = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                let replacement = escape(byte)
                guard replacement.utf8CodeUnitCount > 1 else { continue }  // ESC stays raw
                try sink.write(UnsafeRawBufferPointer(rebasing: bytes[runStart..<index]))
                try sink.write(replacement)
                runStart = index + 1
            }
            try sink.write(UnsafeRawBufferPointer(rebasing: bytes[runStart...]))
        }
    }

    /// What a byte below 0x20, `"` or `\` becomes.
    private static func escape(_ byte: UInt8) -> StaticString {
        switch byte {
        case 0x22: return "%22"
        case 0x5C: return #"\\"#
        case 0x1B: return "\u{1B}"
        default: return percentEscapes[Int(byte)]
        }
    }

    /// `%00` … `%1F`.
    private static let percentEscapes: [StaticString] = [
        "%00", "%01", "%02", "%03", "%04", "%05", "%06", "%07", "%08", "%09", "%0A", "%0B", "%0C", "%0D", "%0E", "%0F",
        "%10", "%11", "%12", "%13", "%14", "%15", "%16", "%17", "%18", "%19", "%1A", "%1B", "%1C", "%1D", "%1E", "%1F",
    ]

    // MARK: Content-Type

    /// `contentType` if it holds no control character (CR, LF, NUL, … DEL; a tab is allowed),
    /// otherwise a thrown ``MultipartError/invalidContentType(partName:contentType:)``. Checked on
    /// UTF-8 bytes: control characters are single bytes, and non-ASCII bytes are all ≥ 0x80.
    static func validatedContentType(_ contentType: String, partName: String) throws -> String {
        let isSafe = withUTF8(contentType) { bytes in
            bytes.allSatisfy { byte in byte == 0x09 || (byte >= 0x20 && byte != 0x7F) }
        }
        guard isSafe else {
            throw MultipartError.invalidContentType(partName: partName, contentType: contentType)
        }
        return contentType
    }
}

/// Calls `body` with the UTF-8 of `text`: its own storage for a native string, so nothing is
/// copied.
func withUTF8<Result>(_ text: String, _ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
    var text = text
    return try text.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
}
