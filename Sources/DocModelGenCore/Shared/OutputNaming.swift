/// How output files are named: one rule for the core, the CLI and the build plugin (which must know
/// every output file before the tool runs).
public enum OutputNaming {
    /// The file a page becomes: the root-relative path with folders joined by `.` (Swift rejects two
    /// files with one base name in a module) and the extension replaced: `components/pet.md` →
    /// `components.pet.swift`.
    public static func fileName(forPage path: String, extension newExtension: String) -> String {
        let stem = path.hasSuffix(".md") ? String(path.dropLast(3)) : path
        return stem.split(separator: "/").joined(separator: ".") + "." + newExtension
    }

    /// The file that declares a namespace enum: `Livepeer.namespace.swift`.
    public static func namespaceFileName(_ namespace: String) -> String {
        "\(namespace).namespace.swift"
    }

    /// The prefix of every file of one docs tree when a run has several (so two trees cannot
    /// produce one file name): the tree's package-relative folder with `/` as `.`, then a `.`.
    public static func filePrefix(forInput packagePath: String, treeCount: Int) -> String {
        treeCount > 1 ? packagePath.split(separator: "/").joined(separator: ".") + "." : ""
    }

    /// The client type's file (`+` never appears in a page's file name, so no page takes it).
    public static let clientFileName = "Client+API.swift"

    /// The file of one operations page: `../sdks/checkouts/README.md` → `Operations+checkouts.swift`
    /// (its folder's name; the path's folders joined by `.` when it is deeper).
    public static func operationsFileName(forGroupPage path: String) -> String {
        // Spelled out: inferred, `String.init` and the `!=` overloads took 0.5 s to type-check.
        var parts: [String] = []
        for part in path.split(separator: "/") where part != ".." && part != "." { parts.append(String(part)) }
        if parts.last?.lowercased() == "readme.md" { parts.removeLast() }
        if parts.first == "sdks", parts.count > 1 { parts.removeFirst() }
        if parts.first == "docs", parts.count > 2, parts[1] == "sdks" { parts.removeFirst(2) }
        let stem = parts.joined(separator: ".")
        return "Operations+" + (stem.hasSuffix(".md") ? String(stem.dropLast(3)) : stem) + ".swift"
    }
}
