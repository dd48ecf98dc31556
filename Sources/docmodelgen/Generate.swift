import DocModelGenCore
import Foundation

struct Generate: Subcommand {
    var inputs: [String] = []
    var config: String?
    var output: String?
    var docsOutput: String?
    var accessLevel: AccessLevel?
    var templates: String?
    var multipartModels: [String] = []
    var namespace: String?
    var check = false
    var dryRun = false
    var noDocs = false
    var absolutePaths = false
    var timings = false

    func validate() throws(UsageError) {
        if check && dryRun { throw UsageError("--check and --dry-run cannot be combined") }
        if inputs.isEmpty && config == nil { throw UsageError("give input pages or folders, or --config FILE") }
        if let namespace, !PathMath.isSwiftIdentifier(namespace) { throw UsageError("--namespace must be a Swift identifier") }
    }

    func run() throws {
        let settings = try settings()
        try checkOutputFolders(settings)
        let templateSet = try TemplateLoader.load(overrides: settings.templates)
        var swiftFiles: [GeneratedFile] = [], documentationFiles: [GeneratedFile] = []
        var known = Set<String>(), pageCount = 0, failed = false
        let clock = ContinuousClock()
        var stages = StageTimes()
        for job in settings.jobs {
            var collected: InputSet?
            stages.read += try clock.measure { collected = try InputSet.collect(job.inputs, pathDisplay: pathDisplay) }
            guard let inputs = collected else { continue }
            let result = Generator.run(
                inputs.pages, root: inputs.root.path,
                options: Generator.Options(
                    accessLevel: settings.accessLevel, emitDocumentation: settings.docsOutput != nil,
                    multipartModels: Set(settings.multipartModels), namespace: job.namespace),
                templates: templateSet)
            stages.add(result.timings)
            let unmatched = Set(result.unmatchedMultipartModels)
            known.formUnion(settings.multipartModels.filter { !unmatched.contains($0) })
            report(result.diagnostics, inputs)
            failed = failed || result.diagnostics.hasErrors
            swiftFiles += job.filePrefix.isEmpty ? result.swiftFiles : result.swiftFiles.map { $0.prefixed(job.filePrefix) }
            documentationFiles += job.filePrefix.isEmpty
                ? result.documentationFiles : result.documentationFiles.map { $0.prefixed(job.filePrefix) }
            pageCount += inputs.pages.count
        }
        for name in settings.multipartModels where !known.contains(name) {
            printError("error: --multipart names '\(name)', but no page defines that model")
            throw Reported()
        }
        guard !failed else { throw Reported() }

        var writers = [OutputWriter(folder: URL(fileURLWithPath: settings.output), files: swiftFiles, fileExtension: "swift")]
        if let docsOutput = settings.docsOutput {
            writers.append(OutputWriter(folder: URL(fileURLWithPath: docsOutput), files: documentationFiles, fileExtension: "md"))
        }
        // Plan everything first so an error in the second folder leaves the first untouched.
        var plans: [(OutputWriter, [OutputWriter.Change])] = []
        for writer in writers {
            switch writer.plan() {
            case .success(let changes): plans.append((writer, changes))
            case .failure(let error):
                printError(error.message)
                throw Reported()
            }
        }
        let changes = plans.flatMap { writer, changes in changes.map { (writer.folder, $0) } }
        if check {
            let pending = changes.filter { $0.1.isChange }
            for (folder, change) in pending { print("\(change.line) (in \(folder.relativePath))") }
            if !pending.isEmpty {
                printError("error: generated files are out of date (\(pending.count) change(s)); run docmodelgen generate without --check")
                throw Reported()
            }
            return
        }
        if dryRun {
            for (folder, change) in changes { print("\(change.line) (in \(folder.relativePath))") }
            return
        }
        for (writer, changes) in plans {
            do {
                stages.write += try clock.measure { try writer.apply(changes) }
            } catch {
                printError("\(writer.folder.path): error: \(error.localizedDescription)")
                throw Reported()
            }
        }
        if timings { printError(stages.summary) }
        let written = changes.filter { $0.1.isChange }.count
        print("docmodelgen: \(swiftFiles.count) model(s) from \(pageCount) page(s); \(written) file(s) changed")
    }
}

extension Generate {
    /// Output folders must not be an input folder, and docs pages (`.md`) must not land in one,
    /// where the next run would read them as input.
    func checkOutputFolders(_ settings: GenerateSettings) throws {
        func standard(_ path: String) -> String {
            URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        }
        let output = standard(settings.output)
        let docs = settings.docsOutput.map(standard)
        for input in settings.jobs.flatMap(\.inputs) {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            let folder = standard(input)
            if output == folder || docs == folder {
                printError("\(settings.output): error: the output folder is the input folder '\(input)'; generated files would mix with the pages")
                throw Reported()
            }
            if let docs, docs.hasPrefix(folder + "/") {
                printError("\(settings.docsOutput ?? docs): error: the docs output folder is inside the input folder '\(input)'; its pages would be read as input next time")
                throw Reported()
            }
        }
    }
}

/// Wall time per stage, summed over jobs, for `--timings`.
struct StageTimes {
    var read: Duration = .zero
    var parse: Duration = .zero
    var validate: Duration = .zero
    var emit: Duration = .zero
    var write: Duration = .zero

    mutating func add(_ timings: Generator.Timings) {
        parse += timings.parse
        validate += timings.validate
        emit += timings.emit
    }

    var summary: String {
        let stages = [("read", read), ("parse", parse), ("validate", validate), ("emit", emit), ("write", write)]
        let total = stages.reduce(Duration.zero) { $0 + $1.1 }
        return (stages + [("total", total)]).map { name, duration in
            "timings: \(name) \(String(format: "%.1f", Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1000)) ms"
        }.joined(separator: "\n")
    }
}

/// Prints diagnostics to standard error in `path:line:col: severity: message` form.
func report(_ diagnostics: [Diagnostic], _ inputs: InputSet) {
    for diagnostic in diagnostics {
        printError(diagnostic.formatted(displayPath: inputs.displayPath))
    }
}
