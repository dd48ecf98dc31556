import ArgumentParser
import DocModelGenCore
import Foundation

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate Swift models (and docs pages) from model pages.",
        discussion: "Nothing is written when any page has an error.")

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: "Folder for the generated Swift files.")
    var output: String

    @Option(name: .customLong("docs-output"), help: "Folder for the generated markdown docs pages.")
    var docsOutput: String?

    @Option(name: .customLong("access-level"), help: "Access level of generated declarations: public, internal or package.")
    var accessLevel: AccessLevel = .public

    @Option(name: .long, help: "Folder whose templates override the bundled ones by file name.")
    var templates: String?

    @Option(name: .customLong("multipart"), help: ArgumentHelp(
        "Send this model (page title or Swift name) as multipart/form-data even if it carries no file. Repeatable.",
        valueName: "model"))
    var multipartModels: [String] = []

    @Flag(name: .long, help: "Write nothing; exit 1 when the output would change.")
    var check = false

    @Flag(name: .customLong("dry-run"), help: "Write nothing; list what would be written.")
    var dryRun = false

    func validate() throws {
        if check && dryRun { throw ValidationError("--check and --dry-run cannot be combined") }
    }

    func run() throws {
        try exiting {
            let inputs = try InputSet.collect(input.inputs)
            let templateSet = try TemplateLoader.load(overrides: templates)
            let result = Generator.run(
                inputs.pages, root: inputs.root.path,
                options: Generator.Options(
                    accessLevel: accessLevel, emitDocumentation: docsOutput != nil,
                    multipartModels: Set(multipartModels)),
                templates: templateSet)
            let known = Set(result.schema.models.flatMap { [$0.name, $0.swiftName] })
            for name in multipartModels where !known.contains(name) {
                printError("error: --multipart names '\(name)', but no page defines that model")
                throw Reported()
            }
            report(result.diagnostics, inputs)
            guard !result.diagnostics.hasErrors else { throw Reported() }

            var writers = [OutputWriter(folder: URL(fileURLWithPath: output), files: result.swiftFiles, fileExtension: "swift")]
            if let docsOutput {
                writers.append(OutputWriter(folder: URL(fileURLWithPath: docsOutput), files: result.documentationFiles, fileExtension: "md"))
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
                    try writer.apply(changes)
                } catch {
                    printError("\(writer.folder.path): error: \(error.localizedDescription)")
                    throw Reported()
                }
            }
            let written = changes.filter { $0.1.isChange }.count
            print("docmodelgen: \(result.swiftFiles.count) model(s) from \(inputs.pages.count) page(s); \(written) file(s) changed")
        }
    }
}

extension AccessLevel: ExpressibleByArgument {}

/// Prints diagnostics to standard error in `path:line:col: severity: message` form.
func report(_ diagnostics: [Diagnostic], _ inputs: InputSet) {
    for diagnostic in diagnostics {
        printError(diagnostic.formatted(displayPath: inputs.displayPath))
    }
}
