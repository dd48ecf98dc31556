import Foundation

/// Why a multipart/form-data body could not be built.
public enum MultipartError: Error, Hashable, Sendable {
    /// The boundary is not 1–70 characters of the RFC 2046 `bchars` set, or ends with a space.
    case invalidBoundary(String)
    /// A part's Content-Type contains a control character (CR, LF, …) that could inject a header.
    case invalidContentType(partName: String, contentType: String)
    /// A part's body contains the delimiter (`CRLF--boundary`), so it would end the part early.
    ///
    /// Only possible with a caller-chosen boundary; a random boundary never collides in practice.
    case boundaryCollision(partName: String)
    /// A file part's size changed between measuring it and copying it, so the body would not
    /// match its announced length.
    case fileSizeChanged(URL, expected: Int64, actual: Int64)
}

extension MultipartError: LocalizedError {
    /// A readable description of the failure.
    public var errorDescription: String? {
        switch self {
        case .invalidBoundary(let boundary):
            return "Invalid multipart boundary \(boundary.debugDescription): it must be 1-70 RFC 2046 bchars not ending in a space."
        case .invalidContentType(let partName, let contentType):
            return "Invalid Content-Type \(contentType.debugDescription) for part \(partName.debugDescription): control characters are not allowed."
        case .boundaryCollision(let partName):
            return "The body of part \(partName.debugDescription) contains the multipart delimiter; choose another boundary."
        case .fileSizeChanged(let url, let expected, let actual):
            return "The file \(url.path) changed size while it was being encoded (expected \(expected) bytes, read \(actual))."
        }
    }
}
