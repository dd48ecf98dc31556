import DocModelGenCore
import Foundation

/// `docmodelgen`: Speakeasy-style model docs → Swift models.
///
/// Exit codes: 0 success, 1 diagnostics with errors (or `--check` found changes), 2 usage.
@main
enum DocModelGen {
    /// The subcommands, in the order `--help` lists them.
    static var subcommands: [any Subcommand.Type] { [Generate.self, SchemaDump.self, Validate.self, Drift.self] }

    static func main() {
        Foundation.exit(run(Array(CommandLine.arguments.dropFirst())))
    }

    /// Runs one command line (without the executable's name) and returns the exit status.
    static func run(_ arguments: [String]) -> Int32 {
        let specs = subcommands.map { $0.spec }
        guard let first = arguments.first, first != "-h", first != "--help" else {
            print(CommandLineTool.helpText(specs), terminator: "")
            return ExitStatus.success
        }
        if first == "help" {
            // `docmodelgen help [subcommand]`, as `--help` does.
            guard let name = arguments.dropFirst().first else {
                print(CommandLineTool.helpText(specs), terminator: "")
                return ExitStatus.success
            }
            guard let command = subcommands.first(where: { $0.spec.name == name }) else {
                return usageError("unknown subcommand '\(name)'", usage: "\(CommandLineTool.name) <subcommand>", helpCommand: CommandLineTool.name)
            }
            print(command.spec.helpText, terminator: "")
            return ExitStatus.success
        }
        guard let command = subcommands.first(where: { $0.spec.name == first }) else {
            let problem = first.hasPrefix("-") ? "unknown option '\(first)'" : "unknown subcommand '\(first)'"
            return usageError(problem, usage: "\(CommandLineTool.name) <subcommand>", helpCommand: CommandLineTool.name)
        }
        return command.run(Array(arguments.dropFirst()))
    }

    /// Prints a usage error (one line, then the usage) and returns the usage exit status.
    static func usageError(_ message: String, usage: String, helpCommand: String) -> Int32 {
        printError(Diagnostic.error(message).formatted() + "\nUsage: \(usage)\n  See '\(helpCommand) --help' for more information.")
        return ExitStatus.usage
    }
}

/// One of docmodelgen's subcommands: its grammar, how it reads its arguments, and what it does.
protocol Subcommand {
    /// What the subcommand accepts, and its help text.
    static var spec: CommandSpec { get }
    /// Reads the parsed arguments; a value that does not fit (such as an unknown access level) is a usage error.
    init(_ arguments: ParsedArguments) throws(UsageError)
    /// Checks combinations of arguments before running.
    func validate() throws(UsageError)
    /// Does the work and returns the exit status.
    func run() -> Int32
}

extension Subcommand {
    func validate() throws(UsageError) {}

    /// Parses `arguments` (those after the subcommand's name), runs, and returns the exit status.
    static func run(_ arguments: [String]) -> Int32 {
        let command: Self
        do {
            command = try Self(spec.parse(arguments))
            try command.validate()
        } catch {
            guard let message = error.message else {
                print(spec.helpText, terminator: "")
                return ExitStatus.success
            }
            return DocModelGen.usageError(message, usage: spec.usage, helpCommand: "\(CommandLineTool.name) \(spec.name)")
        }
        return command.run()
    }
}

/// The exit statuses documented in the README.
enum ExitStatus {
    static let success: Int32 = 0
    static let failure: Int32 = 1
    static let usage: Int32 = 2
}
