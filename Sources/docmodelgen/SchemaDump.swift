import DocModelGenCore
import Foundation

struct SchemaDump: Subcommand {
    static let spec = CommandSpec.inputsOnly("schema", abstract: "Print the intermediate schema as JSON (sorted keys, stable).")

    var input: InputOptions

    init(_ arguments: ParsedArguments) { input = InputOptions(arguments) }

    func run() throws {
        let inputs = try InputSet.collect(input.inputs)
        let schema = Generator.schema(of: inputs.pages, root: inputs.root.path)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(schema)
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
}

struct Validate: Subcommand {
    static let spec = CommandSpec.inputsOnly("validate", abstract: "Check the pages and print diagnostics only.")

    var input: InputOptions

    init(_ arguments: ParsedArguments) { input = InputOptions(arguments) }

    func run() throws {
        let inputs = try InputSet.collect(input.inputs)
        let diagnostics = Generator.diagnostics(of: inputs.pages, root: inputs.root.path)
        report(diagnostics, inputs)
        if diagnostics.hasErrors { throw Reported() }
    }
}
