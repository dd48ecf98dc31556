import Foundation

/// Creating and checking multipart boundaries (RFC 2046 §5.1.1).
///
/// A random boundary is 32 characters drawn uniformly from `[A-Za-z0-9]` with the system's
/// cryptographically secure generator: about 190 bits of entropy, so the chance that any body
/// contains it is negligible (httpx uses 128 bits: 32 hex digits). Bodies are nevertheless checked
/// while encoding and a collision throws ``MultipartError/boundaryCollision(partName:)``, which
/// matters only for a caller-chosen boundary.
public enum MultipartBoundary {
    /// The number of characters in a random boundary.
    public static let randomLength = 32

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)

    /// A fresh random boundary of ``randomLength`` alphanumeric characters.
    public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<randomLength).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `boundary` is valid per RFC 2046: 1–70 `bchars` (digits, letters, space and
    /// `'()+_,-./:=?`), not ending with a space.
    public static func isValid(_ boundary: String) -> Bool {
        let bytes = Array(boundary.utf8)
        guard (1...70).contains(bytes.count), bytes.last != UInt8(ascii: " ") else { return false }
        return bytes.allSatisfy(isBChar)
    }

    /// `boundary` itself, or a thrown ``MultipartError/invalidBoundary(_:)`` if it is not valid.
    public static func validated(_ boundary: String) throws -> String {
        guard isValid(boundary) else { throw MultipartError.invalidBoundary(boundary) }
        return boundary
    }

    /// The `boundary=` parameter value for a Content-Type header: quoted when the boundary holds
    /// characters that are not allowed in an RFC 2045 token (space and `'()+,/:=?` are bchars
    /// but tspecials).
    static func parameterValue(_ boundary: String) -> String {
        let isToken = boundary.utf8.allSatisfy { byte in
            isAlphanumeric(byte) || "'+_-.".utf8.contains(byte)
        }
        // `'` and `+` are token characters; `(`, `)`, `,`, `/`, `:`, `=`, `?` and space are not.
        return isToken ? boundary : "\"\(boundary)\""
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    }

    private static func isBChar(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || " '()+_,-./:=?".utf8.contains(byte)
    }
}
