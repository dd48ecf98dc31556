/// A position in a file: the path (relative to the input root for pages), and a 1-based line and
/// byte column (the convention cmark, clang and Xcode share). Line 0 stands for the file as a whole.
public struct SourceLocation: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The file as a whole, without a position.
    public static func file(_ path: String) -> SourceLocation {
        SourceLocation(file: path, line: 0, column: 0)
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }

    public var description: String { "\(file):\(line):\(column)" }

    /// The same place with a root-relative path made absolute under `root`.
    public func resolvingPath(against root: String) -> SourceLocation {
        guard !file.hasPrefix("/") else { return self }
        var copy = self
        copy.file = (root.hasSuffix("/") ? root : root + "/") + file
        return copy
    }
}
