import Foundation
import TestSupport
import Testing

/// `--python-sdk` gives the client what older docs lack: airbyte-api's docs have no UsageSnippet,
/// so without an overlay none of its 29 operations has a route; the SDK's operation modules give
/// each its method and path, and its request model's field metadata place each parameter.
@Suite struct PythonOperationsCLITests {
    @Test func airbytesSDKGivesEveryOperationItsRouteAndParameterLocations() async throws {
        guard PackageRoot.hasSharedCorpus else {
            print("skipped: ../shared/corpus is not beside this checkout")
            return
        }
        let (package, missing) = SharedCorpusTests.sdkPackage("airbyte")
        guard let package else {
            if PeerCheck.required { Issue.record("\(missing ?? "")") } else { print("skipped: \(missing ?? "")") }
            return
        }
        let output = try TemporaryFolder()
        let result = try await ProcessRunner.Async.docmodelgen([
            "generate", PackageRoot.sharedCorpus.appendingPathComponent("airbyte-api-python-sdk").path,
            "--python-sdk", package.path, "--output", output.url.path, "--no-docs", "--bundles", "0",
        ])
        #expect(result.status == 0, "\(result.stderr.suffix(4000))")
        #expect(!result.stderr.contains(": warning:"), "\(result.stderr.suffix(4000))")
        // No parameter is left to the query by default: the SDK says where each goes.
        #expect(!result.stderr.contains("is sent in the query"), "\(result.stderr.suffix(4000))")
        let files = try FileManager.default.contentsOfDirectory(atPath: output.url.path).filter { $0.hasPrefix("Operations+") }.sorted()
        var text: [String: String] = [:]
        for file in files { text[file] = try String(contentsOf: output.url.appendingPathComponent(file), encoding: .utf8) }
        let methods = text.values.map { $0.components(separatedBy: "async throws").count - 1 }.reduce(0, +)
        #expect(methods == 29)
        let jobs = try #require(text["Operations+jobs.swift"])
        #expect(jobs.contains(#"APIRequest(method: .delete, path: "/jobs/{jobId}""#))
        #expect(jobs.contains(#"try apiRequest.setPath("jobId", request.jobId)"#))
        #expect(jobs.contains(#"try apiRequest.addQuery("connectionId", request.connectionId)"#))
        #expect(jobs.contains(#"try apiRequest.addQuery("workspaceIds", request.workspaceIds)"#))
        let connections = try #require(text["Operations+connections.swift"])
        #expect(connections.contains(#"APIRequest(method: .patch, path: "/connections/{connectionId}""#))
        #expect(connections.contains(#"try apiRequest.setPath("connectionId", request.connectionId)"#))
        #expect(connections.contains(#"try apiRequest.addQuery("includeDeleted", request.includeDeleted)"#))
    }
}
