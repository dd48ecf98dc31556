import Foundation

/// Which pages a config's run reads and which Swift files it writes, known before the tool runs: the
/// build plugin declares exactly these as the build command's inputs and outputs, and the tool runs
/// one docs tree per `Job`. File names follow `OutputNaming`, the rule the emitters use too.
///
/// Foundation only (compiled into the plugins too).
public struct PagePlan: Sendable {
    /// One docs tree of a config: its pages and the files they become.
    public struct Job: Sendable {
        public var input: ConfigFile.Input?
        /// Absolute, sorted.
        public var pages: [String]
        /// The deepest folder holding every page; page paths are taken relative to it.
        public var root: String
        /// Put before every output file name so that several trees in one target cannot produce
        /// two files with one name ("" for a single tree).
        public var filePrefix: String
        /// The operations pages (`docs/sdks/<group>/README.md`, absolute, sorted) and the SDK's
        /// README when the client is generated; empty otherwise.
        public var sdkPages: [String] = []
        public var readme: String?

        /// The config's `bundles` (nil: automatic; see `SwiftFileLayout`).
        public var bundles: Int?

        /// The file each page becomes, the file that declares the namespace, if any, and the
        /// client's files, before bundling and without the prefix.
        public var perPageSwiftFiles: [String] {
            (input?.namespace.map { [OutputNaming.namespaceFileName($0)] } ?? [])
                + pages.map { OutputNaming.fileName(forPage: PathMath.relative($0, to: root), extension: "swift") }
                + (sdkPages.isEmpty ? [] : [OutputNaming.clientFileName])
                + sdkPages.map { OutputNaming.operationsFileName(forGroupPage: PathMath.relativeWithParents($0, to: root)) }
        }

        /// The Swift files the tree writes, relative to the output folder: `perPageSwiftFiles`
        /// in the tree's layout, prefixed.
        public var swiftFiles: [String] {
            let perPage = perPageSwiftFiles
            let layout = SwiftFileLayout.resolve(requested: bundles, fileCount: perPage.count)
            return OutputNaming.swiftFileNames(perPage, layout: layout).map { filePrefix + $0 }
        }
    }

    public var jobs: [Job]

    public var allPages: [String] { jobs.flatMap(\.pages) }
    /// Every page the client is read from (operations pages and READMEs).
    public var allSDKPages: [String] { jobs.flatMap { $0.sdkPages + ($0.readme.map { [$0] } ?? []) } }
    public var allSwiftFiles: [String] { jobs.flatMap(\.swiftFiles) }

    /// The jobs of a config, or an error for each input that selects no page.
    public static func make(_ config: ConfigFile) -> Result<PagePlan, DiagnosticList> {
        var jobs: [Job] = []
        var problems: [Diagnostic] = []
        for input in config.inputs {
            let pages = MarkdownTree(folder: PathMath.standardize(input.folder)).files.filter { page in
                let relative = PathMath.relative(page, to: input.folder)
                return (config.include.isEmpty || config.include.contains { Glob.matches($0, relative) })
                    && !config.exclude.contains { Glob.matches($0, relative) }
            }
            guard !pages.isEmpty else {
                problems.append(.error(
                    "input '\(input.packagePath)' has no .md pages\(config.include.isEmpty && config.exclude.isEmpty ? "" : " left after include/exclude")",
                    at: .file(config.file)))
                continue
            }
            let prefix = OutputNaming.filePrefix(forInput: input.packagePath, treeCount: config.inputs.count)
            var job = Job(input: input, pages: pages, root: commonFolder(of: pages), filePrefix: prefix, bundles: config.bundles)
            if config.client.isEnabled {
                (job.sdkPages, job.readme) = MarkdownTree.sdkPages(of: PathMath.standardize(input.folder))
            }
            jobs.append(job)
        }
        return problems.isEmpty ? .success(PagePlan(jobs: jobs)) : .failure(DiagnosticList(problems))
    }

    /// The deepest folder that contains every file in `paths` (absolute, standardised). The common
    /// prefix of all paths is that of the smallest and the largest, so only those two are compared.
    public static func commonFolder(of paths: [String]) -> String {
        guard let first = paths.min(), let last = paths.max() else { return "/" }
        let firstFolders = first.split(separator: "/").dropLast(), lastFolders = last.split(separator: "/").dropLast()
        let shared = zip(firstFolders, lastFolders).prefix { $0 == $1 }.map { String($0.0) }
        return "/" + shared.joined(separator: "/")
    }
}

/// Diagnostics as an `Error`, for `Result`s of the edges (config, plan).
public struct DiagnosticList: Error, Sendable, Equatable {
    public var all: [Diagnostic]
    public init(_ all: [Diagnostic]) { self.all = all }
}
