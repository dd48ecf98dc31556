import Foundation
import TestSupport
import Testing
@testable import DocModelGenCore

/// The JSON reader behind docmodelgen-config.json: values and their line:column.
@Suite struct JSONReaderTests {
    @Test func keepsPositionsOfKeysAndValues() async throws {
        let node = try JSONReader.parse("{\n  \"a\": [1, \"x\\u00e9\\ud83d\\ude00\"],\n\t\"b\": {\"c\": null}\n}")
        guard case .object(let members) = node.value, case .array(let list) = members[0].value.value else {
            Issue.record("not an object with a list")
            return
        }
        #expect(members.map(\.key) == ["a", "b"])
        #expect(members[0].keyPosition == .init(line: 2, column: 3))
        #expect(list[1].position == .init(line: 2, column: 12))
        if case .string(let text) = list[1].value { #expect(text == "xé😀") } else { Issue.record("not a string") }
        #expect(members[1].keyPosition == .init(line: 3, column: 2))
    }

    @Test(arguments: [
        ("{\"a\": 1,}", "expected a key in double quotes", 1, 9),
        ("{\"a\": 1, \"a\": 2}", "duplicate key 'a'", 1, 10),
        ("[1 2]", "expected ',' or ']'", 1, 4),
        ("{\"a\": 01}", "malformed number", 1, 7),
        ("{\"a\": \"x", "unterminated string", 1, 9),
        ("{} {}", "unexpected text after the JSON value", 1, 4),
        ("\n\n  tru", "expected a value", 3, 3),
    ])
    func syntaxErrorsSayWhere(text: String, message: String, line: Int, column: Int) async {
        do {
            _ = try JSONReader.parse(text)
            Issue.record("parsed \(text)")
        } catch {
            #expect(error.message == message)
            #expect(error.position == .init(line: line, column: column))
        }
    }
}

@Suite struct GlobTests {
    @Test func matchesFoldersAndNames() async {
        #expect(Glob.matches("*.md", "pet.md"))
        #expect(!Glob.matches("*.md", "components/pet.md"))
        #expect(Glob.matches("**/*.md", "components/pet.md"))
        #expect(Glob.matches("**/*.md", "pet.md"))
        #expect(Glob.matches("components/p?t.md", "components/pet.md"))
        #expect(Glob.matches("errors/**", "errors/a/b.md"))
        #expect(!Glob.matches("errors/**", "components/errors.md"))
        #expect(Glob.matches("**/errors/**", "x/errors/y.md"))
    }
}

/// `docmodelgen generate --config`: a strict file, flags over it, and file names known in advance.
@Suite struct ConfigFileTests {
    static let config = "docmodelgen-config.json"

    private func generate(_ temp: TemporaryFolder, _ extra: [String] = []) async throws -> ProcessRunner.Result {
        try await ProcessRunner.Async.docmodelgen(["generate", "--config", Self.config] + extra, in: temp.url)
    }

    private func tree(_ temp: TemporaryFolder, config: String) throws {
        try temp.write(config, to: Self.config)
        try temp.write(CLITests.good, to: "docs/models/components/pet.md")
        try temp.write(CLITests.good.replacingOccurrences(of: "# Pet", with: "# Owner"), to: "docs/models/shared/owner.md")
        try temp.write(CLITests.good.replacingOccurrences(of: "# Pet", with: "# Fault"), to: "docs/models/errors/fault.md")
        try temp.write("# Hidden\n", to: "docs/models/.drafts/hidden.md")
    }

    @Test func unknownKeysWrongTypesAndOutsidePathsAreErrorsAtTheirLineAndColumn() async throws {
        let temp = try TemporaryFolder()
        try tree(temp, config: """
            {
              "inputs": ["docs/models", {"path": "../elsewhere"}, {"path": "docs", "namespace": "9x", "kind": 1}],
              "acess": "public",
              "accessLevel": "open",
              "multipart": "Pet",
              "include": [3],
              "templates": "missing",
              "docs": true,
              "bundles": 2.5
            }
            """)
        let result = try await generate(temp, ["--output", "out"])
        #expect(result.status == 1)
        #expect(result.stderr == """
            docmodelgen-config.json:2:38: error: input '../elsewhere' is outside the package (\(temp.url.path))
            docmodelgen-config.json:2:85: error: namespace must be a Swift identifier, found '9x'
            docmodelgen-config.json:2:91: error: unknown key 'kind' in an input; known keys: path, namespace
            docmodelgen-config.json:2:64: error: input 'docs' overlaps input 'docs/models'; a page may belong to one input only
            docmodelgen-config.json:3:3: error: unknown key 'acess'; known keys: inputs, accessLevel, include, exclude, multipart, templates, output, docs, silence, strict, openapi, pythonSDK, sendDefaults, client, bundles
            docmodelgen-config.json:4:18: error: accessLevel must be one of public, internal, package, found 'open'
            docmodelgen-config.json:5:16: error: multipart must be a list of strings, found a string
            docmodelgen-config.json:6:15: error: each entry of include must be a string, found a number
            docmodelgen-config.json:7:16: error: templates 'missing' is not a folder
            docmodelgen-config.json:8:11: error: docs turns docs pages on by naming their folder: give a folder as a string, or false for none
            docmodelgen-config.json:9:14: error: bundles must be a whole number from 0 (one Swift file per page) to 999, found 2.5

            """)
        #expect(!FileManager.default.fileExists(atPath: temp.url.appendingPathComponent("out").path))
    }

    @Test func syntaxErrorsAndAMissingFileAreReported() async throws {
        let temp = try TemporaryFolder()
        try tree(temp, config: "{\n  \"inputs\": [\"docs\"],\n}\n")
        let broken = try await generate(temp, ["--output", "out"])
        #expect(broken.status == 1)
        #expect(broken.stderr == "docmodelgen-config.json:3:1: error: expected a key in double quotes\n")

        let missing = try await ProcessRunner.Async.docmodelgen(["generate", "--config", "nope.json", "--output", "out"], in: temp.url)
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("nope.json: error: no such file"))

        let absolute = try await generate(temp, ["--output", "out", "--absolute-paths"])
        #expect(absolute.stderr == "\(temp.url.path)/docmodelgen-config.json:3:1: error: expected a key in double quotes\n")
    }

    @Test func theConfigDrivesGenerationAndFlagsWin() async throws {
        let temp = try TemporaryFolder()
        try tree(temp, config: """
            {"inputs": ["docs/models"], "accessLevel": "internal", "output": "Generated", "docs": "Docs",
             "exclude": ["errors/**"]}
            """)
        let result = try await generate(temp)
        #expect(result.status == 0, "\(result.stderr)")
        let files = try temp.snapshot().keys.sorted()
        #expect(files.contains("Generated/components.pet.swift"))
        #expect(files.contains("Generated/shared.owner.swift"))
        #expect(files.contains("Docs/components.pet.md"))
        #expect(!files.contains { !$0.hasPrefix("docs/") && ($0.contains("fault") || $0.contains("hidden")) })
        #expect(try temp.read("Generated/components.pet.swift").contains("internal struct Pet"))

        // Flags win: access level, output folder, no docs.
        let flagged = try await generate(temp, ["--access-level", "package", "--output", "other", "--no-docs"])
        #expect(flagged.status == 0, "\(flagged.stderr)")
        #expect(try temp.read("other/components.pet.swift").contains("package struct Pet"))
        #expect(try temp.snapshot().keys.filter { $0.hasPrefix("Docs/") }.count == 2)

        // Positional inputs replace the config's inputs.
        let positional = try await generate(temp, ["docs/models/errors", "--output", "errs"])
        #expect(positional.status == 0, "\(positional.stderr)")
        #expect(try temp.snapshot().keys.filter { $0.hasPrefix("errs/") } == ["errs/fault.swift"])
    }

    @Test func withoutAnOutputItIsAUsageError() async throws {
        let temp = try TemporaryFolder()
        try tree(temp, config: #"{"inputs": ["docs/models"]}"#)
        let result = try await generate(temp)
        #expect(result.status == 2)
        #expect(result.stderr == "error: --output is required when docmodelgen-config.json has no \"output\"\n")
        let neither = try await ProcessRunner.Async.docmodelgen(["generate", "--output", "x"], in: temp.url)
        #expect(neither.status == 2)
    }

    /// The names the build plugin declares before the tool runs are the names the tool writes:
    /// one tree (no prefix) and several trees (each prefixed by its folder), one file per page and
    /// bundled.
    @Test(arguments: [
        #"{"inputs": ["docs/models"]}"#,
        #"{"inputs": ["docs/models"], "include": ["components/*.md"]}"#,
        #"{"inputs": ["docs/models/components", {"path": "docs/models/shared", "namespace": "Shared"}, "docs/models/errors"]}"#,
        // Bundled: each tree's files in its own bundles, named by the rule the plugin declares them by.
        #"{"inputs": ["docs/models"], "bundles": 2}"#,
        #"{"inputs": ["docs/models/components", {"path": "docs/models/shared", "namespace": "Shared"}, "docs/models/errors"], "bundles": 1}"#,
    ])
    func plannedOutputsAreExactlyTheWrittenFiles(config: String) async throws {
        let temp = try TemporaryFolder()
        try tree(temp, config: config)
        let file = try #require(try? ConfigFile.load(temp.url.appendingPathComponent(Self.config).path).get())
        let plan = try #require(try? PagePlan.make(file).get())
        let result = try await generate(temp, ["--output", "out"])
        #expect(result.status == 0, "\(result.stderr)")
        let written = try TemporaryFolder.snapshot(of: temp.url.appendingPathComponent("out")).keys.sorted()
        #expect(plan.allSwiftFiles.sorted() == written)
        #expect(plan.allPages.allSatisfy { !$0.contains("/.drafts/") })
        // The key is obeyed, not only agreed on: a bundled config writes bundles and nothing else.
        let bundled = config.contains(#""bundles""#)
        #expect(written.allSatisfy { $0.contains("Models+") } == bundled, "\(written)")
        #expect((written.count < plan.jobs.reduce(0) { $0 + $1.perPageSwiftFiles.count }) == bundled, "\(written)")
    }

    @Test func overlayKeysAreReadCheckedAndUsed() async throws {
        let temp = try TemporaryFolder()
        try tree(temp, config: #"{"inputs": ["docs/models"], "openapi": "spec.yaml", "pythonSDK": "nowhere", "sendDefaults": "yes"}"#)
        let wrong = try await generate(temp, ["--output", "out"])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("openapi '"), "\(wrong.stderr)")
        #expect(wrong.stderr.contains("does not exist"))
        #expect(wrong.stderr.contains("pythonSDK 'nowhere' is not a folder"))
        #expect(wrong.stderr.contains("sendDefaults must be true or false, found a string"))

        // A spec that gives `name` a default: the config's overlay and sendDefaults reach the output.
        let spec = "openapi: 3.0.0\ncomponents:\n  schemas:\n    Pet:\n      type: object\n      properties:\n        nick_name:\n          type: string\n          default: rex\n"
        try temp.write(spec, to: "spec.yaml")
        try temp.write("# Pet\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n| `nick_name` | *Optional[str]* | :heavy_minus_sign: | N/A |\n", to: "docs/models/components/pet.md")
        try temp.write(#"{"inputs": ["docs/models"], "include": ["components/pet.md"], "openapi": "spec.yaml", "sendDefaults": true}"#, to: Self.config)
        let result = try await generate(temp, ["--output", "out"])
        #expect(result.status == 0, "\(result.stderr)")
        let swift = try temp.read("out/pet.swift")
        #expect(swift.contains("nickName: Swift.String? = Defaults.nickName"), "\(swift)")
    }

    @Test func severalTreesGetPrefixedNames() async throws {
        let temp = try TemporaryFolder()
        try tree(temp, config: #"{"inputs": ["docs/models/components", "docs/models/shared"]}"#)
        let result = try await generate(temp, ["--output", "out"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try TemporaryFolder.snapshot(of: temp.url.appendingPathComponent("out")).keys.sorted()
            == ["docs.models.components.pet.swift", "docs.models.shared.owner.swift"])
    }

    @Test func eachInputCanHaveItsOwnNamespace() async throws {
        let temp = try TemporaryFolder()
        try tree(temp, config: #"{"inputs": [{"path": "docs/models/components", "namespace": "Pets"}, "docs/models/shared"]}"#)
        let result = try await generate(temp, ["--output", "out"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try temp.read("out/docs.models.components.Pets.namespace.swift").contains("public enum Pets {}"))
        #expect(try temp.read("out/docs.models.components.pet.swift").contains("extension Pets {\n"))
        #expect(!(try temp.read("out/docs.models.shared.owner.swift")).contains("extension"))

        // One --namespace cannot serve several inputs, and two inputs cannot share one.
        let flag = try await generate(temp, ["--output", "out", "--namespace", "All"])
        #expect(flag.status == 2)
        #expect(flag.stderr == "error: --namespace names one namespace, but docmodelgen-config.json has 2 inputs\n")
        try temp.write(#"{"inputs": [{"path": "docs/models/components", "namespace": "A"}, {"path": "docs/models/shared", "namespace": "A"}]}"#, to: Self.config)
        let shared = try await generate(temp, ["--output", "out"])
        #expect(shared.status == 1)
        #expect(shared.stderr == "docmodelgen-config.json:1:67: error: namespace 'A' is already the namespace of input 'docs/models/components'\n")
    }

    @Test func anInputWithNoPagesLeftIsAnError() async throws {
        let temp = try TemporaryFolder()
        try tree(temp, config: #"{"inputs": ["docs/models"], "include": ["nothing/*.md"]}"#)
        let result = try await generate(temp, ["--output", "out"])
        #expect(result.status == 1)
        #expect(result.stderr == "docmodelgen-config.json: error: input 'docs/models' has no .md pages left after include/exclude\n")
    }

    /// A config's input folders count too: an output folder that is one of them is refused.
    @Test func anOutputFolderThatIsAConfigInputIsRefused() async throws {
        let temp = try TemporaryFolder()
        try tree(temp, config: #"{"inputs": ["docs/models/components"], "output": "docs/models/components"}"#)
        let result = try await generate(temp)
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: the output folder is the input folder 'docs/models/components'"), "\(result.stderr)")
    }
}
