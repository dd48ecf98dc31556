import Foundation
import TestSupport
import Testing

/// The streams peer check (`Tests/Peers/stream-peer-check`, issue 20): for each of friendli's nine
/// `stream` operations, the real SDK (`friendli.SyncFriendli`) and the generated Swift client call one
/// server on 127.0.0.1 that answers with event-stream scenarios built from the operation's event
/// model (normal streams with comments, keep-alives, ids, `retry:`, multi-line data and `[DONE]`;
/// line by line; every split point of a short stream over two TCP writes and one byte per write; a
/// malformed event; bodies cut off; 422 and 500 JSON answers). Both must yield the same values (the
/// SDK's `model_dump(by_alias=True)` against the Swift `Codable` encoding, as JSON values), fail at
/// the same event, or report the same status; and send the same method, path and content type.
///
/// Listed exceptions, with reasons (the report says which): the docs-only client has no sentinel
/// and fails decoding `[DONE]`; generator bugs the check works around or excepts are in the
/// report's `excepted` and the script's output. One throwaway package (the whole friendli client
/// and the runner, `.build/stream-peer/package`) is built once; unchanged files are not rewritten.
/// Needs `../shared/corpus` and the peers venv; skipped without them unless DOCMODELGEN_REQUIRE_PEERS=1.
@Suite(.serialized) struct StreamPeerTests {
    struct Report: Decodable {
        struct Row: Decodable {
            var cases: Int
            var equal: Int
            var values: Int
            var failing: Int
            var status: Int
        }
        struct Excepted: Decodable {
            var id: String
            var what: String
            var reason: String
        }
        struct Failure: Decodable {
            var id: String
            var why: String
        }
        var operations: Int
        var cases: Int
        var equal: Int
        var values: Int
        var perOperation: [String: Row]
        var excepted: [Excepted]
        var failures: [Failure]
    }

    static let work = PackageRoot.url.appendingPathComponent(".build/stream-peer")

    @Test("every friendli stream operation yields what the SDK yields, from the same bodies")
    func everyStreamOperationYieldsWhatTheSDKYields() async throws {
        let check = PeerCheck(sdk: "friendli", corpus: "friendli-python", module: "friendli")
        if let missing = check.missing() {
            if PeerCheck.required { Issue.record("DOCMODELGEN_REQUIRE_PEERS=1, but \(missing)") } else { print("skipped the streams peer check: \(missing)") }
            return
        }
        let sdkPackage = PackageRoot.url.appendingPathComponent(".venv-peers/lib/python3.11/site-packages/friendli")
        let arguments = [
            PackageRoot.url.appendingPathComponent("Tests/Peers/stream-peer-check").path,
            "--tree", PackageRoot.sharedCorpus.appendingPathComponent("friendli-python").path,
            "--sdk-package", sdkPackage.path, "--docmodelgen", ProcessRunner.docmodelgen.path,
            "--python", PeerCheck.python.path, "--work", Self.work.path,
        ]
        let command = arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let run = try await ProcessRunner.Async.bash("timeout 1800 \(command)", in: PackageRoot.url)
        print(run.stdout.components(separatedBy: "\n").suffix(40).joined(separator: "\n"))
        #expect(run.status == 0, "streams peer check failed (exit \(run.status)); work folder \(Self.work.path):\n\(run.stdout.suffix(6000))\(run.stderr.suffix(3000))")
        let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: Self.work.appendingPathComponent("report.json")))
        #expect(report.operations == 9, "the docs describe nine stream operations")
        #expect(report.failures.isEmpty, "\(report.failures.prefix(10).map { "\($0.id): \($0.why)" })")
        // Every operation is checked (values equal, failures at the same event, the same statuses),
        for (operation, row) in report.perOperation {
            #expect(row.equal == row.cases && row.values > 0 && row.failing == 3 && row.status == 2, "\(operation): \(row)")
        }
        #expect(report.perOperation.count == 9, "every stream operation of the docs")
        for item in report.excepted {
            #expect(item.reason.contains("the docs do not state the SDK's sentinel"), "an exception without a known reason: \(item.id): \(item.reason)")
        }
        #expect(report.excepted.contains { $0.what.hasPrefix("docs-only client fails at [DONE]") },
                "the docs-only client must fail at [DONE] (the docs never name the sentinel)")
        let warnings = (try? String(contentsOf: Self.work.appendingPathComponent("warnings.txt"), encoding: .utf8)) ?? ""
        #expect(warnings.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "the runner package compiles with warnings:\n\(warnings.prefix(3000))")

        // The README example prints the stream's text and ends at the sentinel.
        let printed = try String(contentsOf: Self.work.appendingPathComponent("readme.txt"), encoding: .utf8)
        #expect(printed == "Hello, world!")
        let status = try String(contentsOf: Self.work.appendingPathComponent("readme.status"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(status == "0", "the README example failed")
        let snippet = try String(contentsOf: Self.work.appendingPathComponent("readme-snippet.swift"), encoding: .utf8)
        let readme = try String(contentsOf: PackageRoot.url.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("```swift\n" + snippet + "```"), "the README shows the lines the check ran:\n\(snippet)")
        let excepted = Dictionary(grouping: report.excepted, by: \.reason).map { "\($0.value.count) × \($0.key)" }
        print("""
            streams peer check: \(report.operations) operation(s), \(report.cases) case(s), \(report.equal) equal \
            (\(report.values) value(s) compared), \(report.excepted.count) excepted: \(excepted.joined(separator: "; "))
            """)
    }
}
