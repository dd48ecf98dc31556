import Foundation
import TestSupport
import Testing

/// Hostile and awkward inputs: each gives a located diagnostic and exit 1 with nothing written, or
/// a documented success whose output compiles.
@Suite struct HostileInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        /// Relative path → bytes.
        var files: [String: [UInt8]]
        var extraArguments: [String] = []
        /// nil: success expected.
        var error: String?
        /// Text the output (all generated Swift) must contain on success.
        var expectOutput: String?
        var setUp: (@Sendable (URL) throws -> Void)?
        var testDescription: String { name }
    }

    static let header = "| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n"
    static func page(_ title: String = "Pet", rows: String) -> [UInt8] {
        Array("# \(title)\n\n## Fields\n\n\(header)\(rows)".utf8)
    }
    static func row(_ field: String, _ type: String = "*str*", _ description: String = "d") -> String {
        "| `\(field)` | \(type) | :heavy_check_mark: | \(description) |\n"
    }
    static let ok = page(rows: row("name"))
    static let upload = Array("# Upload\n\n## Fields\n\n\(header)| `file_name` | *str* | :heavy_check_mark: | N/A |\n| `content` | *Union[bytes, IO[bytes], io.BufferedReader]* | :heavy_check_mark: | N/A |\n".utf8)

    static let cases: [Case] = [
        Case(name: "invalid UTF-8", files: ["docs/pet.md": Array("# Pet\n\nab".utf8) + [0xC3, 0x28] + Array("\n".utf8)],
             error: "docs/pet.md:3:3: error: page is not valid UTF-8 (byte 0xC3)"),
        Case(name: "lone continuation byte", files: ["docs/pet.md": [0x80]], error: "docs/pet.md:1:1: error: page is not valid UTF-8 (byte 0x80)"),
        Case(name: "NUL byte", files: ["docs/pet.md": Array("# Pet\n\n## Fi".utf8) + [0] + Array("elds\n".utf8)],
             error: "docs/pet.md:3:6: error: page contains a NUL byte"),
        Case(name: "UTF-8 BOM", files: ["docs/pet.md": [0xEF, 0xBB, 0xBF] + ok], expectOutput: "public struct Pet"),
        Case(name: "CRLF", files: ["docs/pet.md": Array(String(decoding: page(rows: row("a") + row("b")), as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8)],
             expectOutput: "public var b: Swift.String"),
        Case(name: "lone CR", files: ["docs/pet.md": Array(String(decoding: page(rows: row("a") + row("b")), as: UTF8.self).replacingOccurrences(of: "\n", with: "\r").utf8)],
             expectOutput: "public var b: Swift.String"),
        Case(name: "tabs", files: ["docs/pet.md": Array("# Pet\n\n## Fields\n\n|\tField\t|\tType\t|\tRequired\t|\tDescription\t|\n|\t---\t|\t---\t|\t---\t|\t---\t|\n|\t`a`\t|\t*int*\t|\t:heavy_check_mark:\t|\tx\t|\n".utf8)],
             expectOutput: "public var a: Swift.Int"),
        Case(name: "10 MB cell", files: ["docs/pet.md": page(rows: row("a", "*str*", String(repeating: "x", count: 10_000_000)))],
             error: "docs/pet.md:1:1: error: page is 10000126 bytes; pages larger than 4 MiB are not read"),
        Case(name: "100 000-row table", files: ["docs/pet.md": page(rows: (0..<100_000).map { "|f\($0)|*int*|:heavy_check_mark:|d|\n" }.joined())],
             error: "docs/pet.md:1:1: error: 'Pet' has 100000 members; at most 1000 are supported"),
        Case(name: "50 MB page", files: ["docs/pet.md": ok + Array(repeating: UInt8(ascii: "a"), count: 50_000_000)],
             error: "docs/pet.md:1:1: error: page is 50000130 bytes; pages larger than 4 MiB are not read"),
        Case(name: "List[ nested 10 000 deep", files: ["docs/pet.md": page(rows: row("a", String(repeating: "List[", count: 10_000) + "str" + String(repeating: "]", count: 10_000)))],
             error: "docs/pet.md:7:9: error: malformed type expression 'List[List["),
        Case(name: "unbalanced open bracket", files: ["docs/pet.md": page(rows: row("a", "*List[str*"))],
             error: "docs/pet.md:7:9: error: malformed type expression 'List[str' for field 'a'"),
        Case(name: "unbalanced close bracket", files: ["docs/pet.md": page(rows: row("a", "*str]*"))],
             error: "docs/pet.md:7:9: error: malformed type expression 'str]' for field 'a'"),
        Case(name: "empty type cell", files: ["docs/pet.md": page(rows: "| `a` |  | :heavy_check_mark: | d |\n")],
             error: "docs/pet.md:7:8: error: malformed type expression '' for field 'a'"),
        Case(name: "cyclic links", files: [
            "docs/models/components/a.md": page("A", rows: row("b", "[components.B](../../models/components/b.md)")),
            "docs/models/components/b.md": page("B", rows: row("a", "[Optional[components.A]](../../models/components/a.md)")),
        ], expectOutput: "private var _aBox: DocModelRuntime.Indirect<A>"),
        Case(name: "link to itself", files: ["docs/pet.md": page(rows: row("me", "[Optional[components.Pet]](pet.md)"))], expectOutput: "private var _meBox: DocModelRuntime.Indirect<Pet>"),
        Case(name: "link leaving the input root", files: ["docs/pet.md": page(rows: row("a", "[components.X](../../../../etc/x.md)"))],
             error: "docs/pet.md:7:9: error: link '../../../../etc/x.md' for field 'a' points to a page that is not in the input set"),
        Case(name: "absolute link", files: ["docs/pet.md": page(rows: row("a", "[components.X](/etc/passwd)"))],
             error: "docs/pet.md:7:9: error: link '/etc/passwd' for field 'a' points to a page that is not in the input set"),
        Case(name: "URL link (an SDK object: left out with a warning)", files: ["docs/pet.md": page(rows: row("name") + row("a", "[components.X](https://example.com/x.md)"))],
             expectOutput: "public var name: Swift.String"),
        Case(name: "symlink loop", files: ["docs/pet.md": ok], expectOutput: "public struct Pet",
             setUp: { root in try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("docs/loop").path, withDestinationPath: root.appendingPathComponent("docs").path) }),
        Case(name: "symlink out of the input folder", files: ["docs/pet.md": ok, "elsewhere/secret.md": ok],
             error: "docs/secret.md:1:1: error: symbolic link to",
             setUp: { root in try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("docs/secret.md").path, withDestinationPath: root.appendingPathComponent("elsewhere/secret.md").path) }),
        Case(name: "names differing only in case", files: ["docs/Pet.md": ok, "docs/pet.md": page("Pet2", rows: row("a"))],
             error: "docs/pet.md:1:1: error: page name differs from 'Pet.md' only in case"),
        Case(name: "Swift keyword field", files: ["docs/pet.md": page(rows: row("class") + row("default"))], expectOutput: "public var `class`: Swift.String"),
        Case(name: "self field", files: ["docs/pet.md": page(rows: row("self"))], expectOutput: "public var self_: Swift.String"),
        Case(name: "Type field", files: ["docs/pet.md": page(rows: row("Type"))], expectOutput: "forKey: \"Type\")"),
        Case(name: "digits first", files: ["docs/pet.md": page(rows: row("2fa"))], expectOutput: "public var _2fa: Swift.String"),
        Case(name: "emoji field", files: ["docs/pet.md": page(rows: row("🙂"))], expectOutput: "forKey: \"🙂\")"),
        Case(name: "empty after sanitising, twice", files: ["docs/pet.md": page(rows: row("!!!") + row("???"))],
             expectOutput: "self.unnamed2 = try container.decode(Swift.String.self, forKey: \"???\")"),
        Case(name: "collision after camel-casing", files: ["docs/pet.md": page(rows: row("model_id") + row("modelId"))],
             expectOutput: "self.modelId2 = try container.decode(Swift.String.self, forKey: \"modelId\")"),
        Case(name: "description with */", files: ["docs/pet.md": page(rows: row("a", "*str*", "ends */ a comment /*"))], expectOutput: "/// ends */ a comment /*"),
        Case(name: "description with \"\"\"", files: ["docs/pet.md": page(rows: row("a", "*str*", #"""" not a string """"#))], expectOutput: #"/// """ not a string """"#),
        Case(name: "description with \\u{", files: ["docs/pet.md": page(rows: row("a", "*str*", #"\u{1F600} \(x)"#))], expectOutput: #"\u{1F600}"#),
        Case(name: "description with #if", files: ["docs/pet.md": page(rows: row("a", "*str*", "#if false"))], expectOutput: "/// #if false"),
        Case(name: "description with backticks", files: ["docs/pet.md": page(rows: row("a", "*str*", "use ``` and `x`"))], expectOutput: "public var a: Swift.String"),
        Case(name: "description with <br/>", files: ["docs/pet.md": page(rows: row("a", "*str*", "one<br/>two"))], expectOutput: "/// one<br/>two"),
        Case(name: "enum value empty", files: ["docs/e.md": Array("# E\n\n## Values\n\n| Name | Value |\n| - | - |\n| `NONE` |  |\n| `SOME` | some |\n".utf8)],
             expectOutput: "case none = \"\""),
        Case(name: "enum value *", files: ["docs/e.md": Array("# E\n\n## Values\n\n- `*`\n- `a`\n".utf8)], expectOutput: "case unnamed = \"*\""),
        Case(name: "enum values with spaces and quotes", files: ["docs/e.md": Array("# E\n\n## Values\n\n| Name | Value |\n| - | - |\n| `SAY` | say \"hi\" |\n| `TWO WORDS` | two words |\n".utf8)],
             expectOutput: #"case say = "say \"hi\"""#),
        Case(name: "output folder inside the input folder", files: ["docs/pet.md": ok], extraArguments: ["--output", "docs/generated"], expectOutput: "public struct Pet"),
        Case(name: "output folder equal to the input folder", files: ["docs/pet.md": ok], extraArguments: ["--output", "docs"],
             error: "docs: error: the output folder is the input folder 'docs'"),
        Case(name: "docs output inside the input folder", files: ["docs/pet.md": ok], extraArguments: ["--output", "out", "--docs-output", "docs/api"],
             error: "docs/api: error: the docs output folder is inside the input folder 'docs'"),
        Case(name: "output folder is a file", files: ["docs/pet.md": ok, "outfile": Array("x".utf8)], extraArguments: ["--output", "outfile"],
             error: "error: output path exists and is not a folder"),
        Case(name: "read-only output location", files: ["docs/pet.md": ok], extraArguments: ["--output", "/proc/docmodelgen-out"],
             error: "error:"),
        Case(name: "page without a title", files: ["docs/pet.md": Array("## Fields\n\n\(header)".utf8)], error: "docs/pet.md:1:1: error: page has no '# Title' heading"),
        Case(name: "deeply nested emphasis", files: ["docs/pet.md": page(rows: row("a", "*str*", String(repeating: "*a _", count: 5_000) + String(repeating: "_ a*", count: 5_000)))],
             expectOutput: "public var a: Swift.String"),
    ]

    @Test(arguments: cases)
    func hostileInput(_ hostile: Case) async throws {
        let temp = try TemporaryFolder()
        for (path, bytes) in hostile.files {
            let file = temp.url.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: file)
        }
        try hostile.setUp?(temp.url)
        let before = try temp.snapshot()
        let arguments = hostile.extraArguments.contains("--output")
            ? ["generate", "docs"] + hostile.extraArguments : ["generate", "docs", "--output", "out"] + hostile.extraArguments
        let result = try await ProcessRunner.Async.docmodelgen(arguments, in: temp.url)
        let seconds = Double(result.duration.components.seconds)  // the run itself, not its wait for a slot
        if let error = hostile.error {
            #expect(result.status == 1, "\(result.stderr)")
            #expect(result.stderr.contains(error), "stderr: \(result.stderr.prefix(600))")
            #expect(try temp.snapshot() == before, "nothing may be written")
        } else {
            #expect(result.status == 0, "\(result.stderr.prefix(600))")
            let outputFolder = hostile.extraArguments.firstIndex(of: "--output").map { hostile.extraArguments[$0 + 1] } ?? "out"
            let output = try TemporaryFolder.snapshot(of: temp.url.appendingPathComponent(outputFolder))
            let text = output.values.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n")
            if let expected = hostile.expectOutput { #expect(text.contains(expected), "\(text.prefix(1500))") }
            // Collected for the one compile of every success case.
            #expect(!output.isEmpty)
        }
        #expect(seconds < 30, "took \(seconds) s")
    }

    /// Every success case's output, each in its own namespace, compiles in one module with zero warnings.
    @Test func everySuccessCaseCompiles() async throws {
        let temp = try TemporaryFolder()
        var swiftFiles: [String] = []
        for (index, hostile) in Self.cases.enumerated() where hostile.error == nil {
            let folder = temp.url.appendingPathComponent("case\(index)")
            for (path, bytes) in hostile.files {
                let file = folder.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: file)
            }
            try hostile.setUp?(folder)
            let result = try await ProcessRunner.Async.docmodelgen(["generate", "docs", "--output", "swift", "--namespace", "Case\(index)"], in: folder)
            #expect(result.status == 0, "\(hostile.name): \(result.stderr.prefix(400))")
            // Swift rejects two files with one base name in a module: prefix each with its case.
            let out = folder.appendingPathComponent("swift")
            for name in try FileManager.default.contentsOfDirectory(atPath: out.path) {
                let renamed = temp.url.appendingPathComponent("case\(index).\(name)")
                try FileManager.default.moveItem(at: out.appendingPathComponent(name), to: renamed)
                swiftFiles.append(renamed.path)
            }
        }
        #expect(swiftFiles.count > 20)
        let compile = try await SwiftCompiler.typecheck(swiftFiles)
        #expect(compile.status == 0, "\(compile.stderr.prefix(3000))")
        #expect(compile.stderr.isEmpty, "\(compile.stderr.prefix(3000))")
    }
}
