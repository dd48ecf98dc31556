import Foundation
import TestSupport
import Testing

/// `--openapi`, `--python-sdk` and `docmodelgen drift` end to end.
@Suite struct DriftAndOverlayCLITests {
    static let spec = "Specs/livepeer-ai/gateway.openapi.yaml"

    @Test func driftOfTheBundledPagesIsEmptyInEveryFormat() async throws {
        let json = try await ProcessRunner.Async.docmodelgen(["drift", "Specs/livepeer-ai", "--openapi", Self.spec, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let findings = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [Any]
        #expect(findings?.isEmpty == true, "\(json.stdout)")
        let markdown = try await ProcessRunner.Async.docmodelgen(["drift", "Specs/livepeer-ai", "--openapi", Self.spec, "--format", "markdown", "--strict"])
        #expect(markdown.status == 0)
        #expect(markdown.stdout.contains("0 finding(s)."))
    }

    @Test func driftNeedsASourceAndAKnownFormat() async throws {
        #expect(try await ProcessRunner.Async.docmodelgen(["drift", "Specs/livepeer-ai"]).status == 2)
        let format = try await ProcessRunner.Async.docmodelgen(["drift", "Specs/livepeer-ai", "--openapi", Self.spec, "--format", "xml"])
        #expect(format.status == 2)
        #expect(format.stderr.contains("use text, json, markdown"))
    }

    @Test(.enabled(if: PackageRoot.hasSharedCorpus, "../shared/corpus is not beside this checkout"))
    func driftOfTheLivepeerTreeAgainstItsSpec() async throws {
        let tree = PackageRoot.sharedCorpus.appendingPathComponent("livepeer-ai-python")
        let result = try await ProcessRunner.Async.docmodelgen([
            "drift", tree.appendingPathComponent("docs/models").path, "--openapi", tree.appendingPathComponent("gateway.openapi.yaml").path,
            "--format", "json", "--strict",
        ])
        #expect(result.status == 1, "drift found, --strict: \(result.stderr)")
        let findings = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let kinds = Dictionary(grouping: findings, by: { $0["kind"] as? String ?? "" }).mapValues(\.count)
        // The spec is newer than the SDK's docs (5 properties), and one page is the SDK's own
        // (Security); the 10 operation response wrappers (`http_meta`) are known to be the SDK's
        // and not reported (`Model.isSDKResponse`).
        #expect(kinds == ["property-not-in-docs": 5, "page-without-schema": 1], "\(kinds)")
        let gateway = try #require(findings.first { ($0["specPath"] as? String)?.hasSuffix("/gateway_request_id") == true })
        #expect((gateway["file"] as? String)?.hasSuffix("components/livevideotovideoparams.md") == true)
        #expect(gateway["specLine"] as? Int != nil)
    }

    @Test func hostileSpecsAreLocatedErrorsAndWriteNothing() async throws {
        let temp = try TemporaryFolder()
        let cases: [(String, String, String)] = [
            ("broken.yaml", "openapi: 3.0.0\ncomponents: [\n", "broken.yaml:3:1: error:"),
            ("cycle.yaml", "openapi: 3.0.0\ncomponents:\n  schemas:\n    A:\n      $ref: '#/components/schemas/B'\n    B:\n      $ref: '#/components/schemas/A'\n", ""),
            ("outside.yaml", "openapi: 3.0.0\ncomponents:\n  schemas:\n    A:\n      $ref: '../secret.yaml#/x'\n", "outside.yaml:5:"),
            ("nowhere.yaml", "openapi: 3.0.0\ncomponents:\n  schemas:\n    A:\n      $ref: '#/components/schemas/Gone'\n", "nowhere.yaml:5:"),
        ]
        for (name, text, expected) in cases {
            try temp.write(text, to: "spec/\(name)")
            let output = temp.url.appendingPathComponent("out-\(name)")
            let result = try await ProcessRunner.Async.docmodelgen([
                "generate", "Specs/livepeer-ai", "--openapi", temp.url.appendingPathComponent("spec/\(name)").path, "--output", output.path,
            ])
            #expect(!result.stderr.contains("Fatal error"), "\(name): \(result.stderr)")
            if expected.isEmpty {
                // A cycle of named schemas is read, never followed forever.
                #expect(result.status == 0, "\(name): \(result.stderr)")
            } else {
                #expect(result.status == 1, "\(name): \(result.stderr)")
                #expect(result.stderr.contains(expected), "\(name): \(result.stderr)")
                #expect(!FileManager.default.fileExists(atPath: output.path), "\(name) wrote output")
            }
        }
    }

    @Test func aPythonSDKFolderWithoutModelsIsAnError() async throws {
        let temp = try TemporaryFolder()
        try temp.write("x = 1\n", to: "sdk/helpers.py")
        let result = try await ProcessRunner.Async.docmodelgen([
            "validate", "Specs/livepeer-ai", "--python-sdk", temp.url.appendingPathComponent("sdk").path,
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("no Speakeasy model class found"))
    }
}
