/// The percent-encodings of the SDKs' HTTP stack: Python's `quote_plus` for queries and form
/// bodies, httpx's path quoting for paths.
enum PercentEncoding {
    /// `urllib.parse.quote_plus(text)` (safe `""`): `A-Z a-z 0-9 _ . - ~` kept, space → `+`,
    /// every other byte of the UTF-8 text → `%XX` in upper case (SDK-FACTS i.2).
    static func quotePlus(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                bytes.append(byte)
            } else if byte == UInt8(ascii: " ") {
                bytes.append(UInt8(ascii: "+"))
            } else {
                appendEscape(byte, to: &bytes)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// httpx's quoting of a URL path (SDK-FACTS i.1; `httpx/_urlparse.py:55-63`, `PATH_SAFE`):
    /// printable ASCII is kept except space `"` `#` `<` `>` `?` `` ` `` `{` `}`; everything else is
    /// UTF-8 percent-encoded. `%` is in the safe set, so `%XX` and a lone `%` are both sent as they are.
    ///
    /// - Throws: ``ParameterEncodingError/controlCharacterInPath(_:)`` for an ASCII control
    ///   character, which httpx rejects rather than encodes.
    static func quotePath(_ path: String) throws -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(path.utf8.count)
        for byte in path.utf8 {
            if byte < 0x20 || byte == 0x7F { throw ParameterEncodingError.controlCharacterInPath(path) }
            if byte < 0x80 && !pathUnsafe.contains(byte) {
                bytes.append(byte)
            } else {
                appendEscape(byte, to: &bytes)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// httpx's `normalize_path` (`_urlparse.py:447-479`): `.` segments dropped, `..` removes the
    /// segment before it (never the leading empty one). SDK-FACTS i.1: an `id` of `..` sends
    /// `DELETE /v1` instead of `/v1/customers/..`.
    static func removeDotSegments(_ path: String) -> String {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        guard components.contains(where: { $0 == "." || $0 == ".." }) else { return path }
        var output: [Substring] = []
        for component in components {
            if component == "." { continue }
            if component == ".." {
                if !output.isEmpty && output != [""] { output.removeLast() }
            } else {
                output.append(component)
            }
        }
        return output.joined(separator: "/")
    }

    /// httpx parses the whole URL, so a `?` or `#` inside a path value ends the path: the SDK's
    /// own query replaces what follows `?`, and a fragment is never sent (SDK-FACTS i.1,
    /// `x?y=1#frag` → `/v1/customers/x?anonymize=false`).
    static func pathBeforeQueryOrFragment(_ path: String) -> Substring {
        path.prefix { $0 != "?" && $0 != "#" }
    }

    private static let pathUnsafe: Set<UInt8> = Set(" \"#<>?`{}".utf8)

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func appendEscape(_ byte: UInt8, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "%"))
        bytes.append(hexDigits[Int(byte >> 4)])
        bytes.append(hexDigits[Int(byte & 0x0F)])
    }
}
