import DocModelGenCore
import Foundation

/// `docmodelgen schema`: the intermediate schema of the pages as JSON.
struct SchemaDump: Subcommand {
    static let spec = CommandSpec.inputsOnly(
        "schema", abstract: "Print the intermediate schema as JSON (sorted keys, stable).", options: OverlayOptions.specs)

    var inputs: [String]
    var overlay: OverlayOptions

    init(_ arguments: ParsedArguments) {
        inputs = arguments.inputs
        overlay = OverlayOptions(arguments)
    }

    func run() -> Int32 {
        let result = Generation.validate(InputReader.tree(inputs), overlay: overlay.files)
        let printer = DiagnosticPrinter(absolutePaths: false)
        // The schema needs readable pages; findings about their content are `validate`'s.
        guard let schema = result.schemas.first else { return printer.fail(result.diagnostics) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(schema) else { return printer.fail([.error("the schema cannot be encoded as JSON")]) }
        FileHandle.standardOutput.write(data + Data("\n".utf8))
        return ExitStatus.success
    }
}

/// `docmodelgen validate`: diagnostics only.
struct Validate: Subcommand {
    static let spec = CommandSpec.inputsOnly(
        "validate", abstract: "Check the pages and print diagnostics only.", options: OverlayOptions.specs)

    var inputs: [String]
    var overlay: OverlayOptions

    init(_ arguments: ParsedArguments) {
        inputs = arguments.inputs
        overlay = OverlayOptions(arguments)
    }

    func run() -> Int32 {
        let result = Generation.validate(InputReader.tree(inputs), overlay: overlay.files)
        let printer = DiagnosticPrinter(absolutePaths: false)
        return result.hasErrors ? printer.fail(result.diagnostics) : { printer.print(result.diagnostics); return ExitStatus.success }()
    }
}

/// `--openapi` and `--python-sdk`, as `schema`, `validate` and `drift` take them.
struct OverlayOptions {
    static let specs: [OptionSpec] = [
        .option("openapi", valueName: "file", help: "The API's OpenAPI document (YAML or JSON)."),
        .option("python-sdk", valueName: "dir", help: "The Python SDK's package folder (the one holding models/)."),
    ]

    var openAPI: String?
    var pythonSDK: String?

    init(_ arguments: ParsedArguments) {
        openAPI = arguments.value("openapi")
        pythonSDK = arguments.value("python-sdk")
    }

    var files: OverlayFiles { InputReader.overlay(openAPI: openAPI, pythonSDK: pythonSDK) }
}

/// `docmodelgen drift`: every disagreement between the docs and the OpenAPI document (or the
/// Python SDK's models).
struct Drift: Subcommand {
    static let spec = CommandSpec(
        name: "drift",
        abstract: "Report every disagreement between the docs and the OpenAPI document (or the SDK's models).",
        discussion: "Each finding points at the docs cell and names the spec's path. Exit 0 (1 with --strict and any finding).",
        inputsHelp: "Markdown pages or folders searched recursively for .md files.",
        inputsRequired: true,
        options: OverlayOptions.specs + [
            .option("format", help: "text (diagnostics, the default), json or markdown."),
            .flag("strict", help: "Exit 1 when there is any finding."),
        ])

    var inputs: [String]
    var overlay: OverlayOptions
    var format: DriftReport.Format
    var strict: Bool

    init(_ arguments: ParsedArguments) throws(UsageError) {
        inputs = arguments.inputs
        overlay = OverlayOptions(arguments)
        let name = arguments.value("format") ?? "text"
        guard let format = DriftReport.Format(rawValue: name) else {
            throw UsageError("invalid value '\(name)' for '--format'; use \(DriftReport.Format.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.format = format
        strict = arguments.flag("strict")
    }

    func validate() throws(UsageError) {
        if overlay.openAPI == nil && overlay.pythonSDK == nil { throw UsageError("drift needs --openapi FILE or --python-sdk DIR to compare the docs with") }
    }

    func run() -> Int32 {
        let printer = DiagnosticPrinter(absolutePaths: false)
        let result = Generation.drift(InputReader.tree(inputs), overlay: overlay.files)
        guard !result.diagnostics.hasErrors else { return printer.fail(result.diagnostics) }
        printer.print(result.diagnostics)
        print(DriftReport.render(result.findings, format: format, displayPath: printer.paths.show), terminator: "")
        if format == .text { printError("docmodelgen: \(result.findings.count) drift finding(s)") }
        return strict && !result.findings.isEmpty ? ExitStatus.failure : ExitStatus.success
    }
}
