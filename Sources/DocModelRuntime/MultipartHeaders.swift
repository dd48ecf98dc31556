import Foundation

/// The header block of one part: the opening delimiter line, Content-Disposition and the optional
/// Content-Type, up to and including the blank line that precedes the body.
enum MultipartHeaders {
    /// `--boundary\r\nContent-Disposition: form-data; name="…"[; filename="…"]\r\n[Content-Type: …\r\n]\r\n`
    static func bytes(for part: MultipartPart, boundary: String) throws -> Data {
        var header = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(escapeParameterValue(part.name))\""
        if let filename = part.filename {
            header += "; filename=\"\(escapeParameterValue(filename))\""
        }
        header += "\r\n"
        if let contentType = part.resolvedContentType {
            header += "Content-Type: \(try validatedContentType(contentType, partName: part.name))\r\n"
        }
        header += "\r\n"
        return Data(header.utf8)
    }

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
    /// header or end the quoted string.
    static func escapeParameterValue(_ value: String) -> String {
        var escaped = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            switch scalar.value {
            case 0x22:
                escaped.append(contentsOf: "%22".unicodeScalars)
            case 0x5C:
                escaped.append(contentsOf: #"\\"#.unicodeScalars)
            case 0x1B:
                escaped.append(scalar)
            case 0x00...0x1F:
                escaped.append(contentsOf: percentEncoded(UInt8(scalar.value)).unicodeScalars)
            default:
                escaped.append(scalar)
            }
        }
        return String(escaped)
    }

    /// `contentType` if it holds no control character (CR, LF, NUL, … DEL; a tab is allowed),
    /// otherwise a thrown ``MultipartError/invalidContentType(partName:contentType:)``.
    static func validatedContentType(_ contentType: String, partName: String) throws -> String {
        let isSafe = contentType.unicodeScalars.allSatisfy { scalar in
            scalar == "\t" || !(scalar.value < 0x20 || scalar.value == 0x7F)
        }
        guard isSafe else {
            throw MultipartError.invalidContentType(partName: partName, contentType: contentType)
        }
        return contentType
    }

    private static func percentEncoded(_ byte: UInt8) -> String {
        let hex = Array("0123456789ABCDEF".unicodeScalars)
        return "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0x0F)])
    }
}
