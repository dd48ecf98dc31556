/// How paths are printed: relative to the working directory when below it, or always absolute
/// (`--absolute-paths`, which the build plugin passes so Xcode and SwiftPM can find the file).
public struct PathDisplay: Sendable {
    /// Always print absolute paths.
    public var absolute: Bool
    public var workingDirectory: String

    public init(absolute: Bool, workingDirectory: String) {
        self.absolute = absolute
        self.workingDirectory = workingDirectory
    }

    public func show(_ path: String) -> String {
        if absolute { return path }
        let prefix = workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
