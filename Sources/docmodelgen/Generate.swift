import DocModelGenCore
import Foundation

/// `docmodelgen generate`: reads the config and pages, hands them to `Generation.run`, prints what
/// it found and writes what it produced.
struct Generate: Subcommand {
    static let spec = CommandSpec(
        name: "generate",
        abstract: "Generate Swift models (and docs pages) from model pages.",
        discussion: "Nothing is written when any page has an error.",
        inputsHelp: "Markdown pages or folders searched recursively for .md files (default: the config's inputs).",
        inputsRequired: false,
        options: [
            .option("config", help: "A docmodelgen-config.json; the flags given here win over it."),
            .option("output", help: "Folder for the generated Swift files."),
            .option("docs-output", help: "Folder for the generated markdown docs pages."),
            .option("access-level", help: "Access level of generated declarations: public, internal or package."),
            .option("templates", help: "Folder whose templates override the bundled ones by file name."),
            .option("multipart", valueName: "model", help: "Send this model (page title or Swift name) as multipart/form-data even if it carries no file. Repeatable."),
            .option("namespace", help: "Nest every generated type in `enum NAME`, declared in NAME.namespace.swift (default: each config input's \"namespace\")."),
            .option("silence", valueName: "kind", help: "Do not print warnings or notes of this kind (\(Diagnostic.Kind.all.map(\.rawValue).joined(separator: ", "))). Repeatable."),
            .option("openapi", valueName: "file", help: "The API's OpenAPI document (YAML or JSON): wire names, defaults and formats the docs cannot show."),
            .option("python-sdk", valueName: "dir", help: "The Python SDK's package folder (the one holding models/): wire names and defaults from its model classes; wins over --openapi."),
            .option("bundles", valueName: "count", help: "Write each docs tree's Swift files as this many bundle files, Models+NN.swift (0: one file per page; default: 250 bundles above 500 files)."),
            .flag("send-defaults", help: "Default fields to the defaults --openapi or --python-sdk give, so they are sent as the Python SDK sends them."),
            .flag("check", help: "Write nothing; exit 1 when the output would change."),
            .flag("dry-run", help: "Write nothing; list what would be written."),
            .flag("no-docs", help: "Write no docs pages, even if the config names a docs folder."),
            .flag("no-client", help: "Generate no API client, even with docs/sdks beside the models."),
            .flag("absolute-paths", help: "Print absolute paths in diagnostics (for IDEs and build plugins)."),
            .flag("strict", help: "A type the docs write that is not understood is an error, not a JSONValue field with a warning."),
            .flag("verbose", help: "Print every note, not one summary per kind."),
            .flag("timings", help: "Print the time spent in each stage (read, parse, validate, emit, write) to standard error."),
        ])

    var options = GenerateOptions()
    var check = false
    var dryRun = false
    var absolutePaths = false
    var timings = false

    /// Reads the parsed arguments; an unknown `--access-level` or `--silence` kind is a usage error.
    init(_ arguments: ParsedArguments) throws(UsageError) {
        options.inputs = arguments.inputs
        options.config = arguments.value("config")
        options.output = arguments.value("output")
        options.docsOutput = arguments.value("docs-output")
        if let level = arguments.value("access-level") {
            guard let parsed = AccessLevel(rawValue: level) else {
                throw UsageError("invalid value '\(level)' for '--access-level'; use public, internal or package")
            }
            options.accessLevel = parsed
        }
        options.templates = arguments.value("templates")
        options.multipartModels = arguments.allValues("multipart")
        options.namespace = arguments.value("namespace")
        for kind in arguments.allValues("silence").map(Diagnostic.Kind.init(rawValue:)) {
            guard Diagnostic.Kind.all.contains(kind) else {
                throw UsageError("invalid value '\(kind.rawValue)' for '--silence'; use \(Diagnostic.Kind.all.map(\.rawValue).joined(separator: ", "))")
            }
            options.silence.append(kind)
        }
        options.noDocs = arguments.flag("no-docs")
        options.noClient = arguments.flag("no-client")
        options.verbose = arguments.flag("verbose")
        options.strict = arguments.flag("strict")
        options.openAPI = arguments.value("openapi")
        options.pythonSDK = arguments.value("python-sdk")
        options.sendDefaults = arguments.flag("send-defaults")
        if let bundles = arguments.value("bundles") {
            guard let count = Int(bundles), (0...OutputNaming.maximumBundleCount).contains(count) else {
                throw UsageError("invalid value '\(bundles)' for '--bundles'; use a whole number from 0 (one file per page) to \(OutputNaming.maximumBundleCount)")
            }
            options.bundles = count
        }
        check = arguments.flag("check")
        dryRun = arguments.flag("dry-run")
        absolutePaths = arguments.flag("absolute-paths")
        timings = arguments.flag("timings")
    }

    func validate() throws(UsageError) {
        if check && dryRun { throw UsageError("--check and --dry-run cannot be combined") }
        if options.inputs.isEmpty && options.config == nil { throw UsageError("give input pages or folders, or --config FILE") }
        if let namespace = options.namespace, !PathMath.isSwiftIdentifier(namespace) { throw UsageError("--namespace must be a Swift identifier") }
    }

    func run() -> Int32 {
        let printer = DiagnosticPrinter(absolutePaths: absolutePaths)
        let clock = ContinuousClock()
        var config: ConfigFile?, plan: PagePlan?
        if let path = options.config {
            switch ConfigFile.load(PathMath.standardize(path)).flatMap({ file in PagePlan.make(file).map { (file, $0) } }) {
            case .success(let loaded): (config, plan) = (loaded.0, loaded.1)
            case .failure(let problems): return printer.fail(problems.all)
            }
        }
        let request: GenerateRequest
        switch GenerateRequest.resolve(options, config: config, plan: plan, displayPath: printer.paths.show) {
        case .success(let resolved): request = resolved
        case .failure(let problem):
            printer.print([.error(problem.message)])
            return ExitStatus.usage
        }
        let conflicts = OutputPlan.folderConflicts(
            output: FileSystem.realPath(request.output), docs: request.docsOutput.map(FileSystem.realPath),
            inputs: (request.trees.flatMap(\.inputs) + (config?.inputs.map(\.folder) ?? []))
                .filter(FileSystem.isFolder).map { (FileSystem.realPath($0), printer.paths.show($0)) },
            outputName: request.output, docsName: request.docsOutput)
        guard conflicts.isEmpty else { return printer.fail(conflicts) }
        let templates: TemplateSet
        switch TemplateLoader.load(overrides: request.templates) {
        case .success(let loaded): templates = loaded
        case .failure(let problems): return printer.fail(problems.all)
        }

        var readTime = Duration.zero
        var trees: [Generation.TreeFiles] = []
        readTime += clock.measure { trees = request.trees.map { InputReader.tree($0.inputs, sdkPages: $0.sdkPages, readme: $0.readme) } }
        var overlay = OverlayFiles()
        readTime += clock.measure { overlay = InputReader.overlay(openAPI: request.openAPI, pythonSDK: request.pythonSDK) }
        let result = Generation.run(request, trees: trees, templates: templates, overlay: overlay)
        printer.print(result.diagnostics)
        guard !result.hasErrors else { return ExitStatus.failure }

        var outputs = [(URL(fileURLWithPath: request.output), result.swiftFiles, "swift")]
        if let docs = request.docsOutput { outputs.append((URL(fileURLWithPath: docs), result.documentationFiles, "md")) }
        // Plan every folder first so an error in the second leaves the first untouched.
        var plans: [OutputPlan] = []
        for (folder, files, fileExtension) in outputs {
            let state = OutputWriter.state(of: folder, wanting: files.map(\.path), fileExtension: fileExtension)
            switch OutputPlan.make(files: files, state: state, fileExtension: fileExtension) {
            case .success(let plan): plans.append(plan)
            case .failure(let problems): return printer.fail(problems.all)
            }
        }
        let pending = plans.flatMap { plan in plan.changes.filter(\.isChange).map { (plan.folder, $0) } }
        if check || dryRun {
            let listed = dryRun ? plans.flatMap { plan in plan.changes.map { (plan.folder, $0) } } : pending
            for (folder, change) in listed { print("\(change.line) (in \(printer.paths.show(folder)))") }
            guard check, !pending.isEmpty else { return ExitStatus.success }
            return printer.fail([.error("generated files are out of date (\(pending.count) change(s)); run docmodelgen generate without --check")])
        }
        var writeTime = Duration.zero
        for plan in plans {
            do {
                writeTime += try clock.measure { try OutputWriter.apply(plan) }
            } catch {
                return printer.fail([.error(error.localizedDescription, at: .file(plan.folder))])
            }
        }
        if timings { printError(Self.timingSummary(read: readTime, result.timings, write: writeTime)) }
        let client = result.clientFileCount == 0 ? "" : " and a client of \(result.operationCount) operation(s)"
        print("docmodelgen: \(result.modelFileCount) model(s) from \(result.pageCount) page(s)\(client); \(pending.count) file(s) changed")
        return ExitStatus.success
    }

    /// `timings: read 1.2 ms` … per stage, for `--timings`.
    static func timingSummary(read: Duration, _ stages: Generator.Timings, write: Duration) -> String {
        let rows = [("read", read), ("parse", stages.parse), ("validate", stages.validate), ("emit", stages.emit), ("client", stages.client), ("write", write)]
        let total = rows.reduce(Duration.zero) { $0 + $1.1 }
        return (rows + [("total", total)]).map { name, duration in
            "timings: \(name) \(String(format: "%.1f", Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1000)) ms"
        }.joined(separator: "\n")
    }
}
