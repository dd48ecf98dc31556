import DocModelGenCore
import Foundation

/// `docmodelgen schema`: the intermediate schema of the pages as JSON.
struct SchemaDump: Subcommand {
    static let spec = CommandSpec.inputsOnly("schema", abstract: "Print the intermediate schema as JSON (sorted keys, stable).")

    var inputs: [String]

    init(_ arguments: ParsedArguments) { inputs = arguments.inputs }

    func run() -> Int32 {
        let result = Generation.validate(InputReader.tree(inputs))
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
    static let spec = CommandSpec.inputsOnly("validate", abstract: "Check the pages and print diagnostics only.")

    var inputs: [String]

    init(_ arguments: ParsedArguments) { inputs = arguments.inputs }

    func run() -> Int32 {
        let result = Generation.validate(InputReader.tree(inputs))
        let printer = DiagnosticPrinter(absolutePaths: false)
        return result.hasErrors ? printer.fail(result.diagnostics) : { printer.print(result.diagnostics); return ExitStatus.success }()
    }
}
