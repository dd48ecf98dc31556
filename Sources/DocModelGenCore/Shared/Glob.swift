/// Page globs: `*` matches within one folder name, `?` one character, `**` any number of folders.
/// A glob matches a page path relative to its input folder, e.g. `components/*.md`, `**/errors/**`.
public enum Glob {
    public static func matches(_ pattern: String, _ path: String) -> Bool {
        match(pattern.split(separator: "/", omittingEmptySubsequences: true)[...],
              path.split(separator: "/", omittingEmptySubsequences: true)[...])
    }

    private static func match(_ pattern: ArraySlice<Substring>, _ path: ArraySlice<Substring>) -> Bool {
        guard let head = pattern.first else { return path.isEmpty }
        if head == "**" {
            let rest = pattern.dropFirst()
            return (path.startIndex...path.endIndex).contains { match(rest, path[$0...]) }
        }
        guard let name = path.first, segment(Array(head.unicodeScalars)[...], Array(name.unicodeScalars)[...]) else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }

    private static func segment(_ pattern: ArraySlice<Unicode.Scalar>, _ name: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let head = pattern.first else { return name.isEmpty }
        switch head {
        case "*":
            return (name.startIndex...name.endIndex).contains { segment(pattern.dropFirst(), name[$0...]) }
        case "?":
            return !name.isEmpty && segment(pattern.dropFirst(), name.dropFirst())
        default:
            return name.first == head && segment(pattern.dropFirst(), name.dropFirst())
        }
    }
}
