/// A file an emitter produces: its path relative to the output folder and its full contents.
public struct GeneratedFile: Codable, Sendable, Hashable {
    public var path: String
    public var contents: String
    /// The page it was generated from (root-relative); a bundle's pages, one per line.
    public var sourcePath: String

    public init(path: String, contents: String, sourcePath: String) {
        self.path = path
        self.contents = contents
        self.sourcePath = sourcePath
    }

    /// The marker every generated file carries; a file without it belongs to the user.
    public static let doNotEditMarker = "DO NOT EDIT."

    /// Output file name for a page (`OutputNaming`, the rule the build plugin uses too).
    static func outputName(forPage path: String, extension newExtension: String) -> String {
        OutputNaming.fileName(forPage: path, extension: newExtension)
    }
}
