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

    /// The most bundle files a tree may be written in (`bundles` in the config, `--bundles`).
    public static let maximumBundleCount = 999

    /// The bundle a per-page file (`benefitcustom.swift`, without a tree's prefix) goes to, of
    /// `count`: its name's 32-bit FNV-1a hash modulo `count`. A hash of the name alone, so a page
    /// stays in its bundle whatever other pages are added or removed.
    public static func bundleIndex(forFile name: String, count: Int) -> Int {
        var hash: UInt32 = 2_166_136_261
        for byte in name.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return Int(hash % UInt32(max(count, 1)))
    }

    /// The name of bundle `index` of `count`: `Models+07.swift` (zero-padded to the width of the
    /// largest index; `+` never appears in a page's file name, so no page takes it).
    public static func bundleFileName(index: Int, count: Int) -> String {
        let width = String(max(count - 1, 0)).count
        let digits = String(index)
        return "Models+" + String(repeating: "0", count: max(width - digits.count, 0)) + digits + ".swift"
    }

    /// The files a tree writes: `perPage` (one per page, without the tree's prefix) as they are,
    /// or, bundled, the names of the bundles that receive at least one of them; sorted.
    public static func swiftFileNames(_ perPage: [String], layout: SwiftFileLayout) -> [String] {
        switch layout {
        case .filePerPage: return perPage.sorted()
        case .bundles(let count):
            return Set(perPage.map { bundleIndex(forFile: $0, count: count) }).sorted().map { bundleFileName(index: $0, count: count) }
        }
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

/// How a tree's Swift files are laid out. One file per page is what a reader expects, but the
/// compiler pays for every file of a module in every batch job and in the driver; a large tree
/// builds faster and rebuilds a one-page edit faster from a few hundred
/// (`Tests/Benchmarks/build-profile.md`).
public enum SwiftFileLayout: Sendable, Hashable {
    /// `benefitcustom.md` → `benefitcustom.swift`.
    case filePerPage
    /// The per-page files gathered into this many files (`OutputNaming.bundleIndex`).
    case bundles(Int)

    /// A tree writes more per-page files than this before it is bundled automatically.
    public static let automaticThreshold = 500
    /// How many bundles an automatically bundled tree is written in: the driver puts at most 25
    /// files in one frontend job, so 10 jobs. Fewer, larger jobs leave a core idle: SwiftPM starts
    /// the first job beside the module's emission and the others only when that job ends, so the
    /// first job's length is lost on the other core (half the build with 32 bundles, 2 jobs).
    public static let automaticBundleCount = 250

    /// The layout of a tree of `fileCount` per-page files: `requested` bundles (0: one file per
    /// page), or when nil, bundles above `automaticThreshold` files.
    public static func resolve(requested: Int?, fileCount: Int) -> SwiftFileLayout {
        if let requested { return requested == 0 ? .filePerPage : .bundles(requested) }
        return fileCount > automaticThreshold ? .bundles(automaticBundleCount) : .filePerPage
    }
}
