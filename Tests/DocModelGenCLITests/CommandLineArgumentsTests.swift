import DocModelGenCore
import Foundation
import TestSupport
import Testing
@testable import docmodelgen

/// The hand-written argument parser: the grammar itself, then the executable as a user runs it.
@Suite struct CommandLineArgumentsTests {
    private func parse(_ arguments: [String], _ spec: CommandSpec = Generate.spec) throws(UsageError) -> ParsedArguments {
        try spec.parse(arguments)
    }

    private func usageError(_ arguments: [String], _ spec: CommandSpec = Generate.spec) -> String? {
        do {
            _ = try Generate(parse(arguments, spec)).validate()
            return nil
        } catch {
            return error.message ?? "help"
        }
    }

    @Test func optionsFlagsAndInputsInAnyOrder() async throws {
        let parsed = try parse(["docs", "--output", "out", "--check", "more", "--docs-output=d", "--multipart", "A", "--multipart=B=C"])
        #expect(parsed.inputs == ["docs", "more"])
        #expect(parsed.value("output") == "out")
        #expect(parsed.value("docs-output") == "d")
        #expect(parsed.allValues("multipart") == ["A", "B=C"])
        #expect(parsed.flag("check"))
        #expect(!parsed.flag("dry-run"))
    }

    @Test func generateDefaultsAndLastValueWins() async throws {
        let plain = try Generate(parse(["docs", "--output", "out"]))
        #expect(plain.options.inputs == ["docs"] && plain.options.output == "out")
        #expect(plain.options.config == nil && plain.options.docsOutput == nil && plain.options.accessLevel == nil)
        #expect(plain.options.templates == nil && plain.options.namespace == nil && plain.options.silence.isEmpty)
        #expect(plain.options.multipartModels.isEmpty)
        #expect(!plain.check && !plain.dryRun && !plain.options.noDocs && !plain.absolutePaths && !plain.timings && !plain.options.verbose)

        let full = try Generate(parse([
            "--config", "c.json", "--output", "first", "--output", "second", "--access-level", "package", "--templates", "t",
            "--namespace", "API", "--no-docs", "--absolute-paths", "--timings", "--dry-run", "--multipart", "X", "--multipart", "Y",
            "--silence", "sdk-object", "--verbose",
        ]))
        #expect(full.options.config == "c.json" && full.options.output == "second" && full.options.accessLevel == .package)
        #expect(full.options.templates == "t" && full.options.namespace == "API" && full.options.multipartModels == ["X", "Y"])
        #expect(full.options.noDocs && full.absolutePaths && full.timings && full.dryRun && !full.check)
        #expect(full.options.silence == [.sdkObject] && full.options.verbose)
    }

    @Test func doubleDashEndsOptions() async throws {
        let parsed = try parse(["--output", "out", "--", "--check", "-h", "-"])
        #expect(parsed.inputs == ["--check", "-h", "-"])
        #expect(!parsed.flag("check"))
        #expect(try parse(["-", "--output", "o"]).inputs == ["-"])
    }

    @Test func usageErrors() async {
        #expect(usageError(["docs", "--bogus"]) == "unknown option '--bogus'")
        #expect(usageError(["docs", "--bogus=1"]) == "unknown option '--bogus'")
        #expect(usageError(["docs", "-o", "out"]) == "unknown option '-o'")
        #expect(usageError(["docs", "--output"]) == "missing value for '--output <output>'")
        #expect(usageError(["docs", "--output", "--check"]) == "missing value for '--output <output>'")
        #expect(usageError(["docs", "--multipart", "-x", "--output", "o"]) == "missing value for '--multipart <model>'")
        #expect(usageError(["docs", "--check=yes"]) == "'--check' takes no value")
        #expect(usageError(["docs", "--output", "o", "--access-level", "open"]) == "invalid value 'open' for '--access-level'; use public, internal or package")
        #expect(usageError(["docs", "--output", "o", "--check", "--dry-run"]) == "--check and --dry-run cannot be combined")
        #expect(usageError(["docs", "--output", "o", "--namespace", "1x"]) == "--namespace must be a Swift identifier")
        #expect(usageError(["docs", "--output", "o", "--silence", "everything"]) == "invalid value 'everything' for '--silence'; use sdk-object, sdk-utility, no-fields-table, unknown-type, overlay-unmatched, overlay-conflict, drift, operation-not-generated, inferred-location, inferred-call")
        #expect(usageError(["docs", "--output", "o", "--bundles", "1000"]) == "invalid value '1000' for '--bundles'; use a whole number from 0 (one file per page) to 999")
        #expect(usageError(["docs", "--output", "o", "--bundles", "many"]) == "invalid value 'many' for '--bundles'; use a whole number from 0 (one file per page) to 999")
        #expect(usageError(["--output", "o"]) == "give input pages or folders, or --config FILE")
        #expect(usageError([], SchemaDump.spec) == "missing expected argument '<inputs> ...'")
        #expect(usageError(["--", "docs"]) == nil)
    }

    @Test func helpWinsBeforeDoubleDashOnly() async {
        #expect(usageError(["--bogus", "-h"]) == "help")
        #expect(usageError(["docs", "--output", "--help"]) == "help")
        #expect(usageError([], Validate.spec) == "missing expected argument '<inputs> ...'")
        #expect(usageError(["--help"], Validate.spec) == "help")
        #expect(usageError(["--", "--help"], Validate.spec) == nil)
    }

    @Test func helpTextListsEveryOptionWithin80Columns() async {
        let text = Generate.spec.helpText
        for option in Generate.spec.options {
            #expect(text.contains("  \(option.synopsis) ") || text.contains("  \(option.synopsis)\n"), "\(option.name)")
        }
        #expect(text.contains("  --multipart <model>     Send this model"))
        #expect(text.contains("USAGE: docmodelgen generate [<options>] [<inputs> ...]"))
        #expect(text.contains("  -h, --help              Show help information."))
        let all = [text, SchemaDump.spec.helpText, Validate.spec.helpText, CommandLineTool.helpText(DocModelGen.subcommands.map { $0.spec })]
        for line in all.joined().split(separator: "\n") {
            #expect(line.count < 80, "\(line)")
        }
    }

    @Test func theExecutableShowsHelpAndExitsZero() async throws {
        let root = try await ProcessRunner.Async.docmodelgen(["--help"])
        #expect(root.status == 0 && root.stderr.isEmpty)
        #expect(root.stdout.hasPrefix("OVERVIEW: Generate Swift models from markdown model docs"))
        for name in ["generate", "schema", "validate"] { #expect(root.stdout.contains("\n  \(name)  ")) }
        #expect(try await ProcessRunner.Async.docmodelgen([]).stdout == root.stdout)
        #expect(try await ProcessRunner.Async.docmodelgen(["-h"]).stdout == root.stdout)
        #expect(try await ProcessRunner.Async.docmodelgen(["help"]).stdout == root.stdout)

        let generate = try await ProcessRunner.Async.docmodelgen(["generate", "-h"])
        #expect(generate.status == 0)
        #expect(generate.stdout == Generate.spec.helpText)
        #expect(try await ProcessRunner.Async.docmodelgen(["help", "generate"]).stdout == generate.stdout)
        #expect(try await ProcessRunner.Async.docmodelgen(["validate", "--help"]).stdout == Validate.spec.helpText)
        #expect(try await ProcessRunner.Async.docmodelgen(["schema", "x", "--help"]).stdout == SchemaDump.spec.helpText)
    }

    @Test func theExecutableReportsUsageErrorsWithUsageAndExitsTwo() async throws {
        let temp = try TemporaryFolder()
        let unknown = try await ProcessRunner.Async.docmodelgen(["generate", "docs", "--output", "out", "--bogus"], in: temp.url)
        #expect(unknown.status == 2 && unknown.stdout.isEmpty)
        #expect(unknown.stderr == """
            error: unknown option '--bogus'
            Usage: docmodelgen generate [<options>] [<inputs> ...]
              See 'docmodelgen generate --help' for more information.

            """)
        let missing = try await ProcessRunner.Async.docmodelgen(["generate", "docs", "--output"], in: temp.url)
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("error: missing value for '--output <output>'\nUsage: "))
        let subcommand = try await ProcessRunner.Async.docmodelgen(["frobnicate"], in: temp.url)
        #expect(subcommand.status == 2)
        #expect(subcommand.stderr.hasPrefix("error: unknown subcommand 'frobnicate'\nUsage: docmodelgen <subcommand>\n"))
        #expect(try await ProcessRunner.Async.docmodelgen(["--version"], in: temp.url).status == 2)
        #expect(try await ProcessRunner.Async.docmodelgen(["schema"], in: temp.url).status == 2)
        #expect(!FileManager.default.fileExists(atPath: temp.url.appendingPathComponent("out").path))
    }

    @Test func theExecutableTakesRepeatedMultipartAndInputsAfterDoubleDash() async throws {
        let temp = try TemporaryFolder()
        try temp.write(MultipartCLITests.settings, to: "-docs/settings.md")
        try temp.write(MultipartCLITests.settings.replacingOccurrences(of: "# Settings", with: "# Options"), to: "-docs/options.md")
        let result = try await ProcessRunner.Async.docmodelgen(
            ["generate", "--output=out", "--multipart", "Settings", "--multipart=Options", "--", "-docs"], in: temp.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try temp.read("out/settings.swift").contains("extension Settings: DocModelRuntime.MultipartFormEncodable {"))
        #expect(try temp.read("out/options.swift").contains("extension Options: DocModelRuntime.MultipartFormEncodable {"))
    }
}
