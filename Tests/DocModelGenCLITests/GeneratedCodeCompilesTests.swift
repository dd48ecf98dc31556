import Foundation
import TestSupport
import Testing

/// Generated code for awkward but valid pages compiles in Swift 6 mode with zero warnings.
@Suite struct GeneratedCodeCompilesTests {
    static let tricky = #"""
        # Tricky Model

        Summary with */ and """ and \u{1F600} and #if os(Linux) and a `code` span.

        ## Fields

        | Field | Type | Required | Description |
        | --- | --- | --- | --- |
        | `class` | *str* | :heavy_check_mark: | ends a comment? */ /* nope |
        | `self` | *Optional[int]* | :heavy_minus_sign: | """ multi """ |
        | `2fa` | *List[Dict[str, float]]* | :heavy_minus_sign: | `\u{0}` and #if false |
        | `Type` | *Optional[bool]* | :heavy_minus_sign: | a<br/>b \| c |
        | `naïve_名前` | [components.Other](other.md) | :heavy_check_mark: | link |
        | `upload` | [Optional[components.Upload]](upload.md) | :heavy_minus_sign: | N/A |
        | `quote"d` | *List[[components.Other](other.md)]* | :heavy_check_mark: | \ backslash |

        """#
    static let other = "# Other\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n"
    static let upload = """
        # Upload

        ## Fields

        | Field | Type | Required | Description |
        | --- | --- | --- | --- |
        | `file_name` | *str* | :heavy_check_mark: | N/A |
        | `content` | *Union[bytes, IO[bytes], io.BufferedReader]* | :heavy_check_mark: | N/A |
        | `content_type` | *Optional[str]* | :heavy_minus_sign: | N/A |

        """

    @Test(arguments: ["public", "internal", "package"])
    func awkwardPagesCompileWithoutWarnings(accessLevel: String) async throws {
        let temp = try TemporaryFolder()
        try temp.write(Self.tricky, to: "docs/tricky.md")
        try temp.write(Self.other, to: "docs/other.md")
        try temp.write(Self.upload, to: "docs/upload.md")
        let result = try await ProcessRunner.Async.docmodelgen(
            ["generate", "docs", "--output", "out", "--access-level", accessLevel], in: temp.url)
        #expect(result.status == 0, "\(result.stderr)")
        let swift = try temp.read("out/tricky.swift")
        #expect(swift.contains("    \(accessLevel) var `class`: Swift.String\n"))
        #expect(swift.contains("    \(accessLevel) var self_: Swift.Int?\n"))
        #expect(swift.contains("    \(accessLevel) var _2fa: [[Swift.String: Swift.Double]]?\n"))
        #expect(swift.contains("self.quoteD = try container.decode([Other].self, forKey: \"quote\\\"d\")"))

        let files = ["other.swift", "tricky.swift", "upload.swift"].map { temp.url.appendingPathComponent("out/\($0)").path }
        let compile = try await SwiftCompiler.typecheck(files, packageName: accessLevel == "package" ? "Fixture" : nil)
        #expect(compile.status == 0, "\(compile.stderr)")
        #expect(compile.stderr.isEmpty, "\(compile.stderr)")
    }
}

/// What an overlay adds compiles without warnings: a runtime type that only the overlay brings
/// (an `int` the spec sends as a string) brings its import, and a default that names a case of a
/// deprecated enum does not warn (with and without `--send-defaults`).
@Suite struct OverlayAddedCodeCompilesTests {
    static let pages = [
        "docs/counter.md": """
            # Counter

            ## Fields

            | Field | Type | Required | Description |
            | --- | --- | --- | --- |
            | `total` | *int* | :heavy_check_mark: | The spec sends it as a string. |

            """,
        "docs/settings.md": """
            # Settings

            ## Fields

            | Field | Type | Required | Description |
            | --- | --- | --- | --- |
            | `mode` | [Optional[models.Mode]](mode.md) | :heavy_minus_sign: | Its default is a deprecated case. |

            """,
        "docs/mode.md": """
            # Mode

            **Deprecated**: Use something else.

            ## Values

            | Name | Value |
            | --- | --- |
            | `FAST` | fast |
            | `SLOW` | slow |

            """,
    ]
    static let spec = """
        openapi: 3.1.0
        info: {title: t, version: "1"}
        paths: {}
        components:
          schemas:
            Counter:
              type: object
              required: [total]
              properties:
                total: {type: string}
            Settings:
              type: object
              properties:
                mode: {type: string, enum: [fast, slow], default: slow}
            Mode:
              type: string
              enum: [fast, slow]

        """

    @Test(arguments: [false, true])
    func overlayTypesImportTheRuntimeAndDeprecatedDefaultsDoNotWarn(sendDefaults: Bool) async throws {
        let temp = try TemporaryFolder()
        for (path, text) in Self.pages { try temp.write(text, to: path) }
        try temp.write(Self.spec, to: "spec.yaml")
        let result = try await ProcessRunner.Async.docmodelgen(
            ["generate", "docs", "--output", "out", "--openapi", "spec.yaml"] + (sendDefaults ? ["--send-defaults"] : []), in: temp.url)
        #expect(result.status == 0, "\(result.stderr)")
        let counter = try temp.read("out/counter.swift")
        #expect(counter.contains("import DocModelRuntime\n"), "\(counter)")
        #expect(counter.contains("public var total: DocModelRuntime.StringEncoded<Swift.Int>\n"), "\(counter)")
        let settings = try temp.read("out/settings.swift")
        #expect(settings.contains("public static let mode: Mode = DocModelRuntime.DeprecatedCase.named(rawValue: \"slow\")\n"), "\(settings)")
        #expect(settings.contains("import DocModelRuntime\n"), "\(settings)")

        let files = ["counter.swift", "mode.swift", "settings.swift"].map { temp.url.appendingPathComponent("out/\($0)").path }
        let compile = try await SwiftCompiler.typecheck(files)
        #expect(compile.status == 0, "\(compile.stderr)")
        #expect(compile.stderr.isEmpty, "\(compile.stderr)")

        // Without the overlay the same pages need no runtime type but the `Codable`'s key: an enum
        // page imports nothing, a struct page the runtime for `WireKey` alone.
        let plain = try await ProcessRunner.Async.docmodelgen(["generate", "docs", "--output", "plain"], in: temp.url)
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(!(try temp.read("plain/mode.swift")).contains("import"))
        let plainCounter = try temp.read("plain/counter.swift")
        #expect(plainCounter.contains("import DocModelRuntime\n") && plainCounter.components(separatedBy: "DocModelRuntime.").count - 1 == 2)
    }
}

/// Deprecated pages: the generated code compiles without a warning, and a user's code that uses a
/// deprecated model, enum case or union case gets one.
@Suite struct DeprecatedPageTests {
    static var fixtureFiles: [String] {
        get throws {
            let folder = PackageRoot.url.appendingPathComponent("Sources/GrammarFixtureModels/Models")
            return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }.sorted()
                .map { folder.appendingPathComponent($0).path }
        }
    }

    @Test func referencesAndDecodingDoNotWarnButUseDoes() async throws {
        let temp = try TemporaryFolder()
        // Decoding a model that holds every deprecated kind, and naming the types: no warning.
        try temp.write("""
            import Foundation
            func decode(_ data: Data) throws -> Measure { try JSONDecoder().decode(Measure.self, from: data) }
            func names(_ record: OldRecord, _ mode: OldMode, _ level: OldLevel, _ outline: OldOutline) -> String {
                "\\(record.id) \\(mode.rawValue) \\(level.rawValue) \\(outline)"
            }
            """, to: "quiet.swift")
        let quiet = try await SwiftCompiler.typecheck(try Self.fixtureFiles + [temp.url.appendingPathComponent("quiet.swift").path])
        #expect(quiet.status == 0, "\(quiet.stderr)")
        #expect(quiet.stderr.isEmpty, "\(quiet.stderr)")

        try temp.write("""
            let record = OldRecord(id: "x")
            let mode = OldMode.fast
            let level = OldLevel.low
            let outline = OldOutline.string("x")
            """, to: "main.swift")
        let used = try await SwiftCompiler.typecheck(
            try Self.fixtureFiles + [temp.url.appendingPathComponent("main.swift").path], warningsAsErrors: false)
        #expect(used.status == 0, "\(used.stderr)")
        for (line, what) in [(1, "init(id:)"), (2, "fast"), (3, "low"), (4, "string")] {
            #expect(used.stderr.contains("main.swift:\(line):"), "no warning for \(what): \(used.stderr)")
        }
        #expect(used.stderr.contains("Use Status instead."))
        #expect(used.stderr.contains("please migrate away from it"))
    }
}

/// `swiftc -typecheck` against the modules of this build, warnings as errors.
enum SwiftCompiler {
    static func typecheck(_ files: [String], packageName: String? = nil, warningsAsErrors: Bool = true) async throws -> ProcessRunner.Result {
        let modules = ProcessRunner.modules.path
        var arguments = ["swiftc", "-typecheck", "-swift-version", "6", "-I", modules, "-module-name", "Fixture"]
        if warningsAsErrors { arguments.append("-warnings-as-errors") }
        if let packageName { arguments += ["-package-name", packageName] }
        // Both streams in `stderr`: the caller wants no output at all.
        let result = try await ProcessRunner.Async.run(
            executable: URL(fileURLWithPath: "/usr/bin/env"), arguments: arguments + files, mergingOutput: true)
        return ProcessRunner.Result(status: result.status, stdout: "", stderr: result.stdout)
    }
}
