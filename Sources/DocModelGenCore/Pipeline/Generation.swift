/// One whole `generate`, `validate` or `schema` run, from the bytes of every page to the files of
/// every output folder: the entry point the CLI, the fuzzers and the tests call. The edges only
/// read files (`InputFile`), write what this returns, and print its diagnostics.
public enum Generation {
    /// The files one docs tree's reading edge found: pages, and inputs that do not exist.
    public struct TreeFiles: Sendable {
        public var files: [InputFile]
        /// Inputs as the user named them.
        public var inputs: [String]
        /// Of `inputs`, those that do not exist.
        public var missing: [String]

        /// The SDK's operations pages (`docs/sdks/<group>/README.md`) and its `README.md`, found
        /// beside the model pages of an input folder (`MarkdownTree.sdkPages`); absolute paths.
        public var sdkFiles: [InputFile]
        public var sdkReadme: InputFile?

        public init(files: [InputFile], inputs: [String], missing: [String] = [], sdkFiles: [InputFile] = [], sdkReadme: InputFile? = nil) {
            self.files = files
            self.inputs = inputs
            self.missing = missing
            self.sdkFiles = sdkFiles
            self.sdkReadme = sdkReadme
        }

        /// The operations pages as pages whose paths are relative to `root` (the model pages'
        /// root: `../sdks/checkouts/README.md`), so that their links resolve as a model page's do,
        /// and the README. A page whose bytes are not a page is left out with a warning: the models
        /// do not depend on it.
        func sdkPages(relativeTo root: String) -> (operations: [SourcePage], readme: SourcePage?, diagnostics: [Diagnostic]) {
            var diagnostics: [Diagnostic] = []
            func page(_ file: InputFile) -> SourcePage? {
                guard case .bytes(let bytes) = file.content else {
                    diagnostics.append(.warning("operations page not read: it is unreadable or too large", at: .file(file.path)))
                    return nil
                }
                let problems = PageBytesCheck.diagnostics(path: file.path, bytes: bytes)
                guard problems.isEmpty else {
                    diagnostics += problems.map { .warning("operations page not read: \($0.message)", at: $0.location) }
                    return nil
                }
                return SourcePage(path: PathMath.relativeWithParents(file.path, to: root), text: String(decoding: bytes, as: UTF8.self))
            }
            let operations = sdkFiles.compactMap(page)
            let readme = sdkReadme.flatMap(page)
            return (operations, readme, diagnostics)
        }
    }

    public struct Result: Sendable {
        /// Files for the output folder (paths relative to it); empty when there is an error.
        public var swiftFiles: [GeneratedFile] = []
        /// Files for the docs folder; empty when docs are off or there is an error.
        public var documentationFiles: [GeneratedFile] = []
        /// What to print, in order: each tree's findings sorted by location (absolute paths), then
        /// those about the run as a whole; silenced kinds removed, notes summarised.
        public var diagnostics: [Diagnostic] = []
        /// The schema of each tree.
        public var schemas: [Schema] = []
        public var pageCount = 0
        /// The models' files and the client's before bundling (`SwiftFileLayout`); and the
        /// operations the client calls.
        public var modelFileCount = 0
        public var clientFileCount = 0
        public var operationCount = 0
        public var timings = Generator.Timings()

        public var hasErrors: Bool { diagnostics.hasErrors }
    }

    /// Runs every tree of `request` through every stage. Nothing is emitted for any tree when any
    /// tree has an error, so a run writes all of its output or none.
    public static func run(_ request: GenerateRequest, trees: [TreeFiles], templates: TemplateSet, overlay: OverlayFiles = OverlayFiles()) -> Result {
        var result = Result()
        let (facts, overlayFindings) = overlay.facts()
        var found: [Diagnostic] = overlayFindings
        var unmatchedInEveryTree = Set(request.multipartModels)
        var outputs: [(tree: GenerateRequest.Tree, output: Generator.Output)] = []
        for (tree, files) in zip(request.trees, trees) {
            let pages = PageSet(files: files.files, inputs: files.inputs, missing: files.missing)
            found += pages.diagnostics
            guard !pages.diagnostics.hasErrors else { continue }
            let output = Generator.run(
                pages.pages, root: pages.root,
                options: Generator.Options(
                    accessLevel: request.accessLevel, emitDocumentation: request.docsOutput != nil,
                    multipartModels: Set(request.multipartModels), namespace: tree.namespace, strict: request.strict,
                    overlay: facts, sendDefaults: request.sendDefaults),
                templates: templates, deferringSwift: true)
            unmatchedInEveryTree.formIntersection(output.unmatchedMultipartModels)
            found += output.diagnostics.map { $0.resolvingPath(against: pages.root) }
            let clock = ContinuousClock()
            var schema = output.schema
            var apiFindings: [Diagnostic] = []
            // Reading the operations pages and the README counts as the client's time.
            let reading = clock.measure { (schema, apiFindings) = Self.addingAPI(files, to: output.schema, root: pages.root) }
            found += apiFindings
            var treeOutput = output
            treeOutput.pendingSwiftFiles = []
            var pending = output.pendingSwiftFiles
            treeOutput.timings.client = reading
            if request.client.isEnabled, !files.sdkFiles.isEmpty {
                var client: (files: [GeneratedFile], operations: Int, diagnostics: [Diagnostic]) = ([], 0, [])
                let elapsed = clock.measure {
                    client = Generator.client(
                        of: schema, groupPages: files.sdkFiles.map { PathMath.relativeWithParents($0.path, to: pages.root) }.sorted(),
                        binding: request.client.binding.withOverlay(facts),
                        emitter: SwiftClientEmitter.Options(accessLevel: request.accessLevel, namespace: tree.namespace, sendDefaults: request.sendDefaults),
                        templates: templates)
                }
                treeOutput.timings.client += elapsed
                found += client.diagnostics.map { Self.absolute($0, root: pages.root) }
                pending += client.files.map(PendingFile.init)
                result.clientFileCount += client.files.count
                result.operationCount += client.operations
            }
            result.modelFileCount += output.pendingSwiftFiles.count
            let layout = SwiftFileLayout.resolve(requested: request.bundles, fileCount: pending.count)
            // Rendering the pages into their files is emitting's last step, so its time counts there.
            treeOutput.timings.emit += clock.measure { treeOutput.swiftFiles = SwiftFileBundler.rendered(pending, layout: layout) }
            result.schemas.append(schema)
            result.pageCount += pages.pages.count
            result.timings.add(treeOutput.timings)
            outputs.append((tree, treeOutput))
        }
        found += unmatchedInEveryTree.sorted().map { .error("--multipart names '\($0)', but no page defines that model") }
        result.diagnostics = DiagnosticReport.present(found, silence: request.silence, verbose: request.verbose)
        guard !found.hasErrors else { return result }
        for (tree, output) in outputs {
            result.swiftFiles += output.swiftFiles.map { $0.prefixed(tree.filePrefix) }
            result.documentationFiles += output.documentationFiles.map { $0.prefixed(tree.filePrefix) }
        }
        return result
    }

    /// The findings of one tree, as `run` reports them, without emitting (`docmodelgen validate`).
    public static func validate(
        _ files: TreeFiles, strict: Bool = false, silence: Set<Diagnostic.Kind> = [], verbose: Bool = false,
        overlay: OverlayFiles = OverlayFiles()
    ) -> Result {
        var result = Result()
        let pages = PageSet(files: files.files, inputs: files.inputs, missing: files.missing)
        let (facts, overlayFindings) = overlay.facts()
        var found = pages.diagnostics + overlayFindings
        if !pages.diagnostics.hasErrors {
            let (models, matching) = Generator.schema(of: pages.pages, root: pages.root, overlay: facts)
            found += (Generator.diagnostics(of: models, strict: strict) + matching).map { $0.resolvingPath(against: pages.root) }
            let (schema, apiFindings) = Self.addingAPI(files, to: models, root: pages.root)
            found += apiFindings
            // What generating the client would say (operations not generated, inferred locations).
            if !files.sdkFiles.isEmpty {
                let (_, clientFindings) = ClientBinding.plan(SwiftBinding(schema), options: ClientBinding.Options().withOverlay(facts))
                found += clientFindings.map { Self.absolute($0, root: pages.root) }
            }
            result.schemas = [schema]
            result.pageCount = pages.pages.count
        }
        result.diagnostics = DiagnosticReport.present(found, silence: silence, verbose: verbose)
        return result
    }
}

extension Generation {
    /// `schema` with the operations and README of `files` read in (`Generator.addingAPI`), and the
    /// findings of reading them, with absolute paths.
    static func addingAPI(_ files: TreeFiles, to schema: Schema, root: String) -> (schema: Schema, diagnostics: [Diagnostic]) {
        let (operations, readme, unread) = files.sdkPages(relativeTo: root)
        let (withAPI, found) = Generator.addingAPI(to: schema, operations: operations, readme: readme, root: root)
        return (withAPI, unread + found.map { absolute($0, root: root) })
    }

    /// A finding about an operations page or the README (a path relative to the model pages'
    /// root, `../sdks/…`) with its absolute, standardized path.
    static func absolute(_ finding: Diagnostic, root: String) -> Diagnostic {
        var finding = finding.resolvingPath(against: root)
        if let location = finding.location { finding.location?.file = PathMath.standardize(location.file) }
        return finding
    }
}

extension Generation {
    /// What `drift` found: the disagreements, and any problem reading the docs or the sources.
    public struct DriftResult: Sendable {
        public var findings: [DriftReport.Finding] = []
        /// Errors and warnings about the inputs themselves (absolute paths).
        public var diagnostics: [Diagnostic] = []
    }

    /// Compares one docs tree with each overlay source (`docmodelgen drift`). Findings have
    /// absolute paths.
    public static func drift(_ files: TreeFiles, overlay: OverlayFiles) -> DriftResult {
        var result = DriftResult()
        let pages = PageSet(files: files.files, inputs: files.inputs, missing: files.missing)
        let (facts, overlayFindings) = overlay.facts()
        result.diagnostics = pages.diagnostics + overlayFindings
        guard !result.diagnostics.hasErrors else { return result }
        let schema = Generator.schema(of: pages.pages, root: pages.root)
        for source in facts {
            result.findings += DriftReport.compare(schema, with: source).map { finding in
                var finding = finding
                finding.location = finding.location.resolvingPath(against: pages.root)
                return finding
            }
        }
        return result
    }
}

extension Generator.Timings {
    mutating func add(_ other: Generator.Timings) {
        parse += other.parse
        validate += other.validate
        emit += other.emit
        client += other.client
    }
}

extension GeneratedFile {
    /// The same file under a prefixed name (several docs trees in one output folder).
    func prefixed(_ prefix: String) -> GeneratedFile {
        prefix.isEmpty ? self : GeneratedFile(path: prefix + path, contents: contents, sourcePath: sourcePath)
    }
}
