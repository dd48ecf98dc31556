import Foundation
import TestSupport
import Testing

/// The generated polar client's paging against polar-sdk's own (`Tests/Peers/request-peer-check --pages`,
/// `page_peer.py check`): for 4 paged operations of 4 groups (`benefits.list`, `customers.list`,
/// `webhooks.list_webhook_endpoints`, `members.list_members`) and every scenario of `page_peer.py`,
/// the SDK's `while res is not None: … res.next()` loop and the generated `…Pages(page:limit:)` and
/// `…Items(page:limit:)` (through `URLSessionTransport`, against `page_peer.py`'s server) must send
/// the same requests (path and query, in order), see the same item ids and stop at the same page.
/// The runner also checks laziness (nothing sent before the first `next()`, nothing after a `break`)
/// and runs the README's `listItems` example.
///
/// Twice: from the docs alone, where the SDK's default page size (10) is unknown (the differences
/// that follow from it are rows of `Tests/Peers/page-exceptions-polar.jsonl`, with reasons; any other
/// fails), and with `--python-sdk`, where there is no exception row and every run must be equal. The
/// PageRunner is built in the request peer check's package (`.build/request-peer-polar[-overlay]`),
/// so the generated client is compiled once for both checks; the script locks the folder, so this
/// suite and RequestPeerTests can run side by side. Skipped without `../shared` or the venv, unless
/// DOCMODELGEN_REQUIRE_PEERS=1.
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

    /// What the README example prints over 25 custom benefits, 10 a page.
    static let readmeOutput = (1...25).map { "b\($0) Benefit \($0)" }

    @Test(arguments: variants)
    func generatedPagesFollowTheSDK(_ variant: Variant) throws {
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
        let run = try ProcessRunner.bash("timeout 2400 \(command)", in: PackageRoot.url)
        print(run.stdout.components(separatedBy: "\n").filter { !$0.hasPrefix("DIFFERENCE (excepted") }.suffix(60).joined(separator: "\n"))
        #expect(run.status == 0, "page peer check (\(variant.name)) failed (exit \(run.status)); work folder \(work.path):\n\(run.stdout.suffix(6000))\(run.stderr.suffix(3000))")
        let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: work.appendingPathComponent("page-report.json")))
        print("""
            pages \(variant.name): \(report.operations) operation(s) x \(report.scenarios) scenario(s) x pages/items = \(report.runs) run(s); \
            requests equal \(report.requestsEqual), items equal \(report.itemsEqual), excepted \(report.excepted), \
            blocking \(report.blocking); lazy \(report.lazy); README example \(report.readme ? "ok" : "FAILED")
            """)
        #expect(report.operations >= 4 && report.scenarios >= 8 && report.runs == 2 * report.operations * report.scenarios)
        #expect(report.blocking == 0, "\(report.blocking) run(s) differ without an exception")
        #expect(report.itemsEqual == report.runs, "every loop sees the SDK's items, also from the docs alone")
        #expect(report.lazy == 2 * report.operations && report.lazyFailed == 0, "a sequence sent a request before `next()` or after `break`")
        #expect(report.readme && report.readmeOutput == Self.readmeOutput, "the README example printed \(report.readmeOutput ?? [])")
        if variant.overlay.isEmpty {
            // Only the default page size the docs cannot know may differ.
            #expect(report.differences.allSatisfy(\.excepted))
        } else {
            #expect(report.differences.isEmpty, "with --python-sdk every run must equal the SDK's: \(report.differences.map(\.line).prefix(10))")
            #expect(report.requestsEqual == report.runs)
        }
        let warnings = (try? String(contentsOf: work.appendingPathComponent("page-warnings.txt"), encoding: .utf8)) ?? ""
        #expect(warnings.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "the PageRunner build has warnings:\n\(warnings.prefix(3000))")
    }
}
