import Foundation
import TestSupport
import Testing

/// The generated polar client's paging against polar-sdk's own (`Tests/Peers/request-peer-check --pages`,
/// `page_peer.py check`): for every paged operation of polar-sdk (36: the methods whose source has a
/// `next_func`, found in the SDK by `page_peer.py`, which fails on another count) the SDK's
/// `while res is not None: … res.next()` loop and the generated `…Pages(…)` and `…Items(…)` (through
/// `URLSessionTransport`, against `page_peer.py`'s server, which answers any path and records it) must
/// send the same requests (path and query, in order), see the same items (by `id`, else `name`) and
/// stop at the same page. The listed items are minimal valid instances of each operation's item
/// model, built from the SDK's pydantic models (custom benefits for `benefits.list`); required
/// arguments (a path id, the customer portal's `security`) take the same values on both sides.
/// Scenarios: all 10 of `page_peer.py` for `benefits.list`, `customers.list`,
/// `webhooks.list_webhook_endpoints` and `members.list_members`; for the other 32 a subset of 6 (25
/// items, none, page 2, a limit given, the SDK's defaults passed, nothing passed): 232 in all, 464
/// loops. The runner also checks laziness (nothing sent before the first `next()`, nothing after a
/// `break`) per operation and sequence, and runs the README's `listItems` example. The runner's
/// table of the 36 methods must match the plan's operations, or it fails before any run.
///
/// Twice: from the docs alone, where the SDK's default page size (10) is unknown (the differences
/// that follow from it are rows of `Tests/Peers/page-exceptions-polar.jsonl`, with reasons; any other
/// fails), and with `--python-sdk`, where the generated methods default their arguments as the SDK's
/// signatures do (`page = 1`, `limit = 10`, `root_events = False`) and every run must be equal but
/// DEFAULTS_SCENARIO's first request (the runner passes page and limit as nil, where the SDK's
/// caller passes nothing; excepted). From the docs alone `event_types.list`'s `root_events=false`,
/// which the SDK sends on every request, is excepted too. The PageRunner is built in the request
/// peer check's package (`.build/request-peer-polar[-overlay]`), so the generated client is compiled
/// once for both checks; the script locks the folder, so this suite and RequestPeerTests can run side
/// by side. Skipped without `../shared` or the venv, unless DOCMODELGEN_REQUIRE_PEERS=1.
@Suite(.serialized) struct GeneratedPagesPeerTests {
    struct Variant: Sendable, CustomTestStringConvertible {
        var name: String
        var overlay: [String]
        var testDescription: String { name }
    }

    static let variants = [
        Variant(name: "docs", overlay: []),
        Variant(name: "python-sdk", overlay: ["--python-sdk", RequestPeerTests.venvPackages.appendingPathComponent("polar_sdk").path]),
    ]

    struct Report: Decodable {
        struct Difference: Decodable {
            var operation: String
            var scenario: String
            var mode: String
            var line: String
            var excepted: Bool
        }

        var operations: Int
        var scenarios: Int
        var scenariosPerOperation: [String: Int]
        var runs: Int
        var requestsEqual: Int
        var itemsEqual: Int
        var excepted: Int
        var blocking: Int
        var lazy: Int
        var lazyFailed: Int
        var readme: Bool
        var readmeOutput: [String]?
        var readmeRequests: [String]?
        var differences: [Difference]
    }

    /// page_peer.py's DEFAULTS_SCENARIO: the caller passes nothing, the SDK sends `page=1&limit=10`.
    static let defaultsScenario = "the SDK's method defaults, Swift passes nothing"

    /// polar-sdk 0.32.0's paged operations, and the scenarios: 10 for the first four, 6 for the rest.
    static let operations = 36
    static let scenarios = 4 * 10 + 32 * 6

    /// What the README example prints over 25 custom benefits, 10 a page.
    static let readmeOutput = (1...25).map { "b\($0) Benefit \($0)" }

    @Test(arguments: variants)
    func generatedPagesFollowTheSDK(_ variant: Variant) async throws {
        let check = PeerCheck(sdk: "polar", corpus: "polar-python", module: "polar_sdk")
        if let missing = check.missing() {
            if PeerCheck.required { Issue.record("DOCMODELGEN_REQUIRE_PEERS=1, but \(missing)") } else { print("skipped pages \(variant.name): \(missing)") }
            return
        }
        let work = PackageRoot.url.appendingPathComponent(".build/request-peer-polar\(variant.overlay.isEmpty ? "" : "-overlay")")
        var arguments = [
            PackageRoot.url.appendingPathComponent("Tests/Peers/request-peer-check").path, "--sdk", "polar",
            "--tree", PackageRoot.sharedCorpus.appendingPathComponent("polar-python").path, "--swift",
            "--docmodelgen", ProcessRunner.docmodelgen.path, "--python", PeerCheck.python.path, "--work", work.path,
            "--pages", PackageRoot.url.appendingPathComponent("Tests/Peers/PageRunner").path,
            "--exceptions", PackageRoot.url.appendingPathComponent("Tests/Peers/page-exceptions-polar.jsonl").path,
        ]
        for argument in variant.overlay { arguments += ["--generate-arg", argument] }
        let command = arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let run = try await ProcessRunner.Async.bash("timeout 2400 \(command)", in: PackageRoot.url)
        print(run.stdout.components(separatedBy: "\n").filter { !$0.hasPrefix("DIFFERENCE (excepted") }.suffix(60).joined(separator: "\n"))
        #expect(run.status == 0, "page peer check (\(variant.name)) failed (exit \(run.status)); work folder \(work.path):\n\(run.stdout.suffix(6000))\(run.stderr.suffix(3000))")
        let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: work.appendingPathComponent("page-report.json")))
        print("""
            pages \(variant.name): \(report.operations) operation(s), \(report.scenarios) scenario(s) x pages/items = \(report.runs) run(s); \
            requests equal \(report.requestsEqual), items equal \(report.itemsEqual), excepted \(report.excepted), \
            blocking \(report.blocking); lazy \(report.lazy); README example \(report.readme ? "ok" : "FAILED")
            """)
        #expect(report.operations == Self.operations && report.scenarios == Self.scenarios && report.runs == 2 * report.scenarios,
                "\(report.operations) operation(s), \(report.scenarios) scenario(s), \(report.runs) run(s)")
        #expect(report.scenariosPerOperation.count == Self.operations)
        #expect(report.blocking == 0, "\(report.blocking) run(s) differ without an exception")
        #expect(report.itemsEqual == report.runs, "every loop sees the SDK's items, also from the docs alone")
        #expect(report.lazy == 2 * report.operations && report.lazyFailed == 0, "a sequence sent a request before `next()` or after `break`")
        #expect(report.readme && report.readmeOutput == Self.readmeOutput, "the README example printed \(report.readmeOutput ?? [])")
        // The lines it ran are the README's.
        let runner = try String(contentsOf: PackageRoot.url.appendingPathComponent("Tests/Peers/PageRunner/main.swift"), encoding: .utf8)
        let lines = runner.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex { $0.hasSuffix("// README-SNIPPET-BEGIN") })
        let end = try #require(lines.firstIndex { $0.hasSuffix("// README-SNIPPET-END") })
        let snippet = lines[(start + 1)..<end].map { String($0.dropFirst(4)) }.joined(separator: "\n")
        let readme = try String(contentsOf: PackageRoot.url.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("```swift\n" + snippet + "\n```"), "the README shows the lines the check ran:\n\(snippet)")
        let open = report.differences.filter { !$0.excepted }.map(\.line)
        #expect(open.isEmpty, "differences without an exception row: \(open.prefix(10))")
        if !variant.overlay.isEmpty {
            // With the SDK's sources the generated methods default their arguments as the SDK's
            // signatures do (`page = 1`, `limit = 10`, event_types.list's `root_events = False`), so
            // only DEFAULTS_SCENARIO's first request may differ: the runner passes page and limit as
            // nil there, where the SDK's caller passes nothing and gets its defaults.
            let others = report.differences.filter { $0.scenario != Self.defaultsScenario || !$0.line.hasPrefix("request 1: ") }
            #expect(others.isEmpty, "with --python-sdk every other run must equal the SDK's: \(others.map(\.line).prefix(10))")
            #expect(report.requestsEqual == report.runs - 2 * report.operations)
        }
        let warnings = (try? String(contentsOf: work.appendingPathComponent("page-warnings.txt"), encoding: .utf8)) ?? ""
        #expect(warnings.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "the PageRunner build has warnings:\n\(warnings.prefix(3000))")
    }
}
