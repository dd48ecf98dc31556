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

/// A generated file named before it is rendered. A bundle renders its parts one at a time into its
/// own buffer, so a large tree never holds every page's text and every bundle's at once.
struct PendingFile: Sendable {
    var path: String
    /// As `GeneratedFile.sourcePath`.
    var sourcePath: String
    /// The file's contents; called once, on any thread.
    var render: @Sendable () -> String

    init(path: String, sourcePath: String, render: @escaping @Sendable () -> String) {
        self.path = path
        self.sourcePath = sourcePath
        self.render = render
    }

    /// A file already rendered.
    init(_ file: GeneratedFile) {
        let contents = file.contents
        self.init(path: file.path, sourcePath: file.sourcePath) { contents }
    }

    func rendered() -> GeneratedFile {
        GeneratedFile(path: path, contents: render(), sourcePath: sourcePath)
    }
}
