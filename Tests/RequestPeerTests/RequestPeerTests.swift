import Foundation
import TestSupport
import Testing

/// The request-equality peer check (`Tests/Peers/request-peer-check --swift`, described in
/// `Tests/Peers/README.md`): for every operation of five shared trees (livepeer, unstructured,
/// polar, airbyte, friendli), the real Python SDK and the
/// generated Swift client call a recording server on 127.0.0.1 with the same arguments (one sample
/// description), with every argument and with the required ones only (unstructured twice: from
/// its docs alone, and with its SDK's sources, `--python-sdk`; airbyte and friendli with their SDK's
/// sources); the two requests must be
/// equal (method, path, query pairs in order, the headers the SDK sets, the body as a value,
/// multipart part by part). The server then answers each call with the operation's 2xx body, each
/// documented error status and an undocumented one; the client must return what the SDK returns, or
/// throw the typed error with the same decoded body, or the generic error. A stream operation
/// (friendli's `EventStream<X>`) gets a `text/event-stream` reply (the event sample twice, then
/// `data: [DONE]`); both sides drain it and return the list of the events.
///
/// A difference fails the test unless `Tests/Peers/request-exceptions-<sdk>.jsonl` lists it with a
/// reason (what the docs cannot say); what cannot be checked is in the report's unchecked rows, with
/// the reason.
///
/// Then the retry pass, with the Runner already built (`--retries` on its command line): one call
/// per operation, run again by both clients with the same explicit backoff policy (1 ms initial,
/// 5 ms cap, 1.5, 60 s) while the recording server fails its first 1 or 2 attempts with 429, 500,
/// 502, 503, 504, 501 or 400 in turn and then gives the normal reply. Both must make the same number
/// of attempts, each attempt the same request (the body resent intact, multipart included) and the
/// same final outcome (`retry-report.json`); a difference fails the test unless the request check's
/// row covers it or `Tests/Peers/retry-exceptions-<sdk>.jsonl` lists it, with a reason and the
/// variant it holds for (from the docs alone the generated client does not know an operation's
/// retried statuses). Every operation must be covered; with an overlay the attempts must be equal
/// over the calls both clients send. Needs `../shared/corpus` and the peers venv; skipped without them, unless
/// DOCMODELGEN_REQUIRE_PEERS=1 (CI). Each tree builds a throwaway package with its whole client.
@Suite(.serialized) struct RequestPeerTests {
    struct Tree: Sendable, CustomTestStringConvertible {
        var sdk: String
        var corpus: String
        var module: String
        /// `generate` arguments besides the tree (the overlay the issue names for it).
        var overlay: [String]
        /// More arguments of the retry pass (livepeer's, unstructured's and friendli's add dropped connections).
        var retryArguments: [String] = []
        var testDescription: String { "\(sdk) \(overlay.first ?? "docs")" }
    }

    static let venvPackages = PackageRoot.url.appendingPathComponent(".venv-peers/lib/python3.11/site-packages")

    static let trees = [
        Tree(sdk: "livepeer", corpus: "livepeer-ai-python", module: "livepeer_ai",
             overlay: ["--openapi", PackageRoot.sharedCorpus.appendingPathComponent("livepeer-ai-python/gateway.openapi.yaml").path],
             retryArguments: ["--retry-drop", "--retry-policy", "backoff:1,5,1.5,60000,1"]),
        Tree(sdk: "unstructured", corpus: "unstructured-python-client", module: "unstructured_client", overlay: []),
        // Its retry loop retries any transport error (SDK-FACTS r.4): a dropped connection too.
        Tree(sdk: "unstructured", corpus: "unstructured-python-client", module: "unstructured_client",
             overlay: ["--python-sdk", venvPackages.appendingPathComponent("unstructured_client").path],
             retryArguments: ["--retry-drop", "--retry-policy", "backoff:1,5,1.5,60000,1"]),
        Tree(sdk: "polar", corpus: "polar-python", module: "polar_sdk", overlay: []),
        Tree(sdk: "airbyte", corpus: "airbyte-api-python-sdk", module: "airbyte",
             overlay: ["--python-sdk", venvPackages.appendingPathComponent("airbyte").path]),
        // Its 9 stream operations are drained on both sides (their replies are `text/event-stream`).
        Tree(sdk: "friendli", corpus: "friendli-python", module: "friendli",
             overlay: ["--python-sdk", venvPackages.appendingPathComponent("friendli").path],
             retryArguments: ["--retry-drop", "--retry-policy", "backoff:1,5,1.5,60000,1"]),
    ]

    struct Report: Decodable {
        var operations: Int
        var calls: Int
        var minCalls: Int
        var requestsEqual: Int
        var responsesEqual: Int
        var minRequestsEqual: Int
        var minResponsesEqual: Int
        var excepted: Int
        var unchecked: Int
        var blocking: Int
    }

    struct RetryReport: Decodable {
        var calls: Int
        var operations: Int
        var uncovered: [String]
        var attemptsSdk: Int
        var attemptsSwift: Int
        var retriedSdk: Int
        var retriedSwift: Int
        var equal: Int
        var excepted: Int
        var blocking: Int
        /// The same counts over the calls both clients sent (one that rejects a call before sending
        /// is a request-check row, not a retry difference).
        var bothSent: BothSent

        struct BothSent: Decodable {
            var calls: Int
            var attemptsSdk: Int
            var attemptsSwift: Int
            var retriedSdk: Int
            var retriedSwift: Int
        }
    }

    @Test(arguments: trees)
    func everyOperationSendsWhatTheSDKSends(_ tree: Tree) async throws {
        let check = PeerCheck(sdk: tree.sdk, corpus: tree.corpus, module: tree.module)
        if let missing = check.missing() {
            if PeerCheck.required { Issue.record("DOCMODELGEN_REQUIRE_PEERS=1, but \(missing)") } else { print("skipped \(tree.sdk): \(missing)") }
            return
        }
        let work = PackageRoot.url.appendingPathComponent(".build/request-peer-\(tree.sdk)\(tree.overlay.isEmpty ? "" : "-overlay")")
        var arguments = [
            PackageRoot.url.appendingPathComponent("Tests/Peers/request-peer-check").path, "--sdk", tree.sdk,
            "--tree", PackageRoot.sharedCorpus.appendingPathComponent(tree.corpus).path, "--swift",
            "--docmodelgen", ProcessRunner.docmodelgen.path, "--python", PeerCheck.python.path, "--work", work.path,
            "--exceptions", PackageRoot.url.appendingPathComponent("Tests/Peers/request-exceptions-\(tree.sdk).jsonl").path,
        ]
        for argument in tree.overlay { arguments += ["--generate-arg", argument] }
        arguments += tree.retryArguments
        let command = arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let run = try await ProcessRunner.Async.bash("timeout 1800 \(command)", in: PackageRoot.url)
        let lines = run.stdout.components(separatedBy: "\n")
        print(lines.filter {
            !$0.hasPrefix("DIFFERENCE (excepted)") && !$0.hasPrefix("DEFAULT-VALUE DIFFERENCE (excepted)") && !$0.hasPrefix("RETRY DIFFERENCE (excepted)")
        }.suffix(80).joined(separator: "\n"))
        #expect(run.status == 0, "request peer check of \(tree.sdk) failed (exit \(run.status)); work folder \(work.path):\n\(run.stdout.suffix(6000))\(run.stderr.suffix(3000))")
        let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: work.appendingPathComponent("report.json")))
        print("""
            request peer check \(tree.sdk): \(report.operations) operation(s), \(report.calls) call(s) (\(report.minCalls) required-only); \
            requests equal \(report.requestsEqual + report.minRequestsEqual), responses equal \(report.responsesEqual + report.minResponsesEqual), \
            \(report.excepted) excepted difference(s), \(report.unchecked) unchecked row(s)
            """)
        #expect(report.operations > 0 && report.calls > report.minCalls)
        #expect(report.blocking == 0, "\(report.blocking) call(s) differ without an exception")
        let retry = try JSONDecoder().decode(RetryReport.self, from: Data(contentsOf: work.appendingPathComponent("retry-report.json")))
        print("""
            retry peer check \(tree.testDescription): \(retry.calls) call(s) over \(retry.operations) operation(s); \
            attempts SDK \(retry.attemptsSdk) / Swift \(retry.attemptsSwift) (retried calls \(retry.retriedSdk) / \(retry.retriedSwift)); \
            equal \(retry.equal), excepted \(retry.excepted), blocking \(retry.blocking)
            """)
        #expect(retry.uncovered.isEmpty && retry.operations == report.operations, "operations without a retry call: \(retry.uncovered)")
        #expect(retry.blocking == 0, "\(retry.blocking) retry call(s) differ without an exception (retry-report.json)")
        if tree.sdk != "airbyte" {
            // airbyte-api 0.47.3's operations never retry (SDK-FACTS j); the others retry 5xx at least.
            #expect(retry.retriedSdk > 0 && retry.attemptsSdk > retry.calls)
        }
        if !tree.overlay.isEmpty {
            let both = retry.bothSent
            #expect(both.attemptsSwift == both.attemptsSdk && both.retriedSwift == both.retriedSdk,
                    "with the overlay the generated client knows the retried statuses (calls both clients sent: \(both.calls))")
        }
        let warnings = (try? String(contentsOf: work.appendingPathComponent("warnings.txt"), encoding: .utf8)) ?? ""
        #expect(warnings.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "the generated client compiles with warnings:\n\(warnings.prefix(3000))")
    }
}
