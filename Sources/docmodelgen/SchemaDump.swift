import ArgumentParser
import DocModelGenCore
import Foundation

struct SchemaDump: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema", abstract: "Print the intermediate schema as JSON (sorted keys, stable).")

    @OptionGroup var input: InputOptions

    func run() throws {
        try exiting {
            let inputs = try InputSet.collect(input.inputs)
            let schema = Generator.schema(of: inputs.pages, root: inputs.root.path)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(schema)
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        }
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check the pages and print diagnostics only.")

    @OptionGroup var input: InputOptions

    func run() throws {
        try exiting {
            let inputs = try InputSet.collect(input.inputs)
            let diagnostics = Validator.validate(Generator.schema(of: inputs.pages, root: inputs.root.path))
            report(diagnostics, inputs)
            if diagnostics.hasErrors { throw Reported() }
        }
    }
}
