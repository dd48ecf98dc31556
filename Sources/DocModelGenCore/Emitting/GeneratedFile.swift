/// A file an emitter produces: its path relative to the output folder and its full contents.
public struct GeneratedFile: Codable, Sendable, Hashable {
    public var path: String
    public var contents: String
    /// The page it was generated from (root-relative).
    public var sourcePath: String

    public init(path: String, contents: String, sourcePath: String) {
        self.path = path
        self.contents = contents
        self.sourcePath = sourcePath
    }

    /// The marker every generated file carries; a file without it belongs to the user.
    public static let doNotEditMarker = "DO NOT EDIT."

    /// Output file name for a page: the root-relative path with folders joined by `.` (Swift
    /// rejects two files with the same base name in one module) and the extension replaced.
    static func outputName(forPage path: String, extension newExtension: String) -> String {
        let stem = path.hasSuffix(".md") ? String(path.dropLast(3)) : path
        return stem.split(separator: "/").joined(separator: ".") + "." + newExtension
    }
}

/// How visible the generated declarations are.
public enum AccessLevel: String, Codable, Sendable, CaseIterable {
    case `public`
    case `internal`
    case `package`
}
