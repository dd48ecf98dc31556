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
    func awkwardPagesCompileWithoutWarnings(accessLevel: String) throws {
        let temp = try TemporaryFolder()
        try temp.write(Self.tricky, to: "docs/tricky.md")
        try temp.write(Self.other, to: "docs/other.md")
        try temp.write(Self.upload, to: "docs/upload.md")
        let result = try ProcessRunner.docmodelgen(
            ["generate", "docs", "--output", "out", "--access-level", accessLevel], in: temp.url)
        #expect(result.status == 0, "\(result.stderr)")
        let swift = try temp.read("out/tricky.swift")
        #expect(swift.contains("    \(accessLevel) var `class`: String\n"))
        #expect(swift.contains("    \(accessLevel) var self_: Int?\n"))
        #expect(swift.contains("    \(accessLevel) var _2fa: [[String: Double]]?\n"))
        #expect(swift.contains("case quoteD = \"quote\\\"d\""))

        let files = ["other.swift", "tricky.swift", "upload.swift"].map { temp.url.appendingPathComponent("out/\($0)").path }
        let compile = try SwiftCompiler.typecheck(files, packageName: accessLevel == "package" ? "Fixture" : nil)
        #expect(compile.status == 0, "\(compile.stderr)")
        #expect(compile.stderr.isEmpty, "\(compile.stderr)")
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

    @Test func referencesAndDecodingDoNotWarnButUseDoes() throws {
        let temp = try TemporaryFolder()
        // Decoding a model that holds every deprecated kind, and naming the types: no warning.
        try temp.write("""
            import Foundation
            func decode(_ data: Data) throws -> Measure { try JSONDecoder().decode(Measure.self, from: data) }
            func names(_ record: OldRecord, _ mode: OldMode, _ level: OldLevel, _ outline: OldOutline) -> String {
                "\\(record.id) \\(mode.rawValue) \\(level.rawValue) \\(outline)"
            }
            """, to: "quiet.swift")
        let quiet = try SwiftCompiler.typecheck(try Self.fixtureFiles + [temp.url.appendingPathComponent("quiet.swift").path])
        #expect(quiet.status == 0, "\(quiet.stderr)")
        #expect(quiet.stderr.isEmpty, "\(quiet.stderr)")

        try temp.write("""
            let record = OldRecord(id: "x")
            let mode = OldMode.fast
            let level = OldLevel.low
            let outline = OldOutline.string("x")
            """, to: "main.swift")
        let used = try SwiftCompiler.typecheck(
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
    static func typecheck(_ files: [String], packageName: String? = nil, warningsAsErrors: Bool = true) throws -> ProcessRunner.Result {
        let modules = ProcessRunner.modules.path
        var arguments = ["swiftc", "-typecheck", "-swift-version", "6", "-I", modules, "-module-name", "Fixture"]
        if warningsAsErrors { arguments.append("-warnings-as-errors") }
        if let packageName { arguments += ["-package-name", packageName] }
        // Both streams in `stderr`: the caller wants no output at all.
        let result = try ProcessRunner.run(
            executable: URL(fileURLWithPath: "/usr/bin/env"), arguments: arguments + files, mergingOutput: true)
        return ProcessRunner.Result(status: result.status, stdout: "", stderr: result.stdout)
    }
}
