import Foundation

/// Which pages one run reads and which Swift files it writes, known before the tool runs: the
/// build plugin declares exactly these as the build command's inputs and outputs.
///
/// Foundation only (compiled into the plugins too). The output naming mirrors
/// `GeneratedFile.outputName` and `NamespaceWrapper.declarationFileName` in DocModelGenCore; a
/// test checks they agree.
struct PagePlan: Sendable {
    /// One docs tree of a config: its pages and the files they become.
    struct Job: Sendable {
        var input: ConfigFile.Input?
        /// Absolute, sorted.
        var pages: [String]
        /// The deepest folder holding every page; page paths are taken relative to it.
        var root: String
        /// Put before every output file name so that several trees in one target cannot produce
        /// two files with one name ("" for a single tree).
        var filePrefix: String

        /// The Swift file each page becomes, relative to the output folder, and the file that
        /// declares the namespace, if any.
        var swiftFiles: [String] {
            (input?.namespace.map { [filePrefix + $0 + ".namespace.swift"] } ?? [])
                + pages.map { filePrefix + PagePlan.outputName(forPage: PathMath.relative($0, to: root), extension: "swift") }
        }
    }

    var jobs: [Job]

    var allPages: [String] { jobs.flatMap(\.pages) }
    var allSwiftFiles: [String] { jobs.flatMap(\.swiftFiles) }

    /// The jobs of a config, or a problem for each input that selects no page.
    static func make(_ config: ConfigFile) -> Result<PagePlan, ConfigFile.Problems> {
        var jobs: [Job] = []
        var problems: [ConfigFile.Problem] = []
        for input in config.inputs {
            let pages = markdownFiles(under: input.folder).filter { page in
                let relative = PathMath.relative(page, to: input.folder)
                return (config.include.isEmpty || config.include.contains { Glob.matches($0, relative) })
                    && !config.exclude.contains { Glob.matches($0, relative) }
            }
            guard !pages.isEmpty else {
                problems.append(ConfigFile.Problem(message: "input '\(input.packagePath)' has no .md pages\(config.include.isEmpty && config.exclude.isEmpty ? "" : " left after include/exclude")"))
                continue
            }
            let prefix = config.inputs.count > 1 ? input.packagePath.split(separator: "/").joined(separator: ".") + "." : ""
            jobs.append(Job(input: input, pages: pages, root: commonFolder(of: pages), filePrefix: prefix))
        }
        return problems.isEmpty ? .success(PagePlan(jobs: jobs)) : .failure(ConfigFile.Problems(problems))
    }

    /// Output file name for a page: the root-relative path with folders joined by `.`.
    static func outputName(forPage path: String, extension newExtension: String) -> String {
        let stem = path.hasSuffix(".md") ? String(path.dropLast(3)) : path
        return stem.split(separator: "/").joined(separator: ".") + "." + newExtension
    }

    /// Every regular `.md` file below `folder`, recursively, skipping hidden files and folders;
    /// absolute and sorted.
    static func markdownFiles(under folder: String) -> [String] {
        MarkdownTree(folder: PathMath.standardize(folder)).files
    }

    /// The deepest folder that contains every file in `paths` (absolute, standardised). The common
    /// prefix of all paths is that of the smallest and the largest, so only those two are compared.
    static func commonFolder(of paths: [String]) -> String {
        guard let first = paths.min(), let last = paths.max() else { return "/" }
        let firstFolders = first.split(separator: "/").dropLast(), lastFolders = last.split(separator: "/").dropLast()
        let shared = zip(firstFolders, lastFolders).prefix { $0 == $1 }.map { String($0.0) }
        return "/" + shared.joined(separator: "/")
    }
}

/// Page globs: `*` matches within one folder name, `?` one character, `**` any number of folders.
/// A glob matches a page path relative to its input folder, e.g. `components/*.md`, `**/errors/**`.
enum Glob {
    static func matches(_ pattern: String, _ path: String) -> Bool {
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
