import Foundation

/// Lexical path arithmetic on absolute paths, identical in the tool and the plugins.
public enum PathMath {
    /// Absolute, with `.` and `..` resolved and no trailing slash. Symlinks are not resolved.
    public static func standardize(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var parts: [Substring] = []
        for part in absolute.split(separator: "/") {
            if part == "." { continue }
            if part == ".." { _ = parts.popLast(); continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    public static func parent(of path: String) -> String {
        let parts = path.split(separator: "/").dropLast()
        return "/" + parts.joined(separator: "/")
    }

    public static func isInside(_ path: String, _ folder: String) -> Bool {
        folder == "/" || path == folder || path.hasPrefix(folder + "/")
    }

    public static func overlaps(_ a: String, _ b: String) -> Bool { isInside(a, b) || isInside(b, a) }

    /// `path` relative to `folder` (both absolute, standardised), going up with `..` when `path`
    /// is not inside it: `/d/sdks/x/README.md` from `/d/models` is `../sdks/x/README.md`.
    public static func relativeWithParents(_ path: String, to folder: String) -> String {
        let target = path.split(separator: "/"), base = folder.split(separator: "/")
        let shared = zip(target, base).prefix { $0 == $1 }.count
        return (Array(repeating: "..", count: base.count - shared) + target.dropFirst(shared).map(String.init)).joined(separator: "/")
    }

    public static func relative(_ path: String, to folder: String) -> String {
        if path == folder { return "." }
        return String(path.dropFirst(folder == "/" ? 1 : folder.count + 1))
    }

    /// The nearest folder at or above the file's folder that holds a `Package.swift`, else the
    /// file's own folder.
    public static func packageRoot(containing file: String) -> String {
        var folder = parent(of: file)
        while true {
            if FileManager.default.fileExists(atPath: folder + "/Package.swift") { return folder }
            if folder == "/" { return parent(of: file) }
            folder = parent(of: folder)
        }
    }

    public static func isSwiftIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !name.hasPrefix("`") else { return false }
        let head = CharacterSet.letters.union(CharacterSet(charactersIn: "_"))
        let tail = head.union(.decimalDigits)
        return head.contains(first) && name.unicodeScalars.allSatisfy { tail.contains($0) }
    }
}
