import ArgumentParser
import Foundation

/// `docmodelgen`: Speakeasy-style model docs → Swift models.
///
/// Exit codes: 0 success, 1 diagnostics with errors (or `--check` found changes), 2 usage.
@main
struct DocModelGen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docmodelgen",
        abstract: "Generate Swift models from markdown model docs (Speakeasy docs/models pages).",
        subcommands: [Generate.self, SchemaDump.self, Validate.self])

    /// Argument errors exit with 2 (ArgumentParser's default is 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(ExitStatus.usage)
            }
            exit(withError: error)
        }
    }
}

/// The exit statuses documented in the README.
enum ExitStatus {
    static let success: Int32 = 0
    static let failure: Int32 = 1
    static let usage: Int32 = 2
}

/// A failure that has already been reported to the user; only its exit status remains.
struct Reported: Error {
    var status: Int32 = ExitStatus.failure
}

/// Inputs shared by every subcommand.
struct InputOptions: ParsableArguments {
    @Argument(help: "Markdown pages or folders searched recursively for .md files.")
    var inputs: [String]
}

extension ParsableCommand {
    /// Runs `body`, turning a `Reported` failure into its exit status.
    func exiting(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let reported as Reported {
            throw ExitCode(reported.status)
        }
    }
}

/// Writes to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
