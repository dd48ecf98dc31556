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
}
