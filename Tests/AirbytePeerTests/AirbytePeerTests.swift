import Foundation
import TestSupport
import Testing

/// The airbyte JSON peer check (`Tests/Peers/peer-check --sdk airbyte`, described in
/// `Tests/Peers/README.md`): every type of the airbyte-api 0.47.3 docs tree through the real SDK
/// (dataclasses-json), as the polar check does for polar-sdk.
///
/// The airbyte API is camelCase on the wire, but its docs show the Python attribute names
/// (`bytes_synced` for `bytesSynced`), so without a wire-name overlay the generated Swift writes
/// the wrong keys. dataclasses-json reads a Python attribute name as well as the wire name, so the
/// SDK accepts what Swift writes and answers with the wire names: the round trip fails at
/// `sdk-writes-same`, and the check classifies such a difference as `wire-name`.
///
/// Needs `../shared/corpus` beside the checkout and the peers virtualenv (`Tests/Peers/setup-venv`);
/// without them the test is skipped, unless DOCMODELGEN_REQUIRE_PEERS=1 (CI), where it fails.
@Suite(.serialized) struct AirbytePeerTests {
    static let check = PeerCheck(sdk: "airbyte", corpus: "airbyte-api-python-sdk", module: "airbyte.models.shared")
    static let missing = check.missing()
    /// The first pages in file order with everything they link to: the `operations` wrappers and the
    /// connection, job, stream and workspace bodies they hold, whose fields are camelCase on the wire.
    static let limit = 150

    /// Without an overlay the check must fail, and for the wire names: proof that the docs alone
    /// cannot give airbyte's JSON keys.
    @Test(.enabled(if: missing == nil || PeerCheck.required, "\(missing ?? ""); the airbyte peer check is skipped"))
    func withoutAnOverlayTheDocsGiveWrongWireNames() async throws {
        if let missing = Self.missing {
            Issue.record("DOCMODELGEN_REQUIRE_PEERS=1, but \(missing)")
            return
        }
        let outcome = try await Self.check.runAsync(limit: Self.limit, seconds: 900, keep: "airbyte-peer-check-docs-only")
        guard let report = outcome.report else {
            Issue.record("exit \(outcome.status), \(outcome.reportError ?? ""); output:\n\(outcome.output.suffix(6000))")
            return
        }
        print(outcome.summary.components(separatedBy: "\n").filter { !$0.contains("left out by --limit") }.joined(separator: "\n"))
        print("airbyte peer check: report and log kept in \(outcome.kept.path)")
        #expect(outcome.status == 1, "the check should fail without an overlay (exit \(outcome.status))")
        #expect(report.checked >= 100, "only \(report.checked) type(s) checked of the \(Self.limit) page(s) kept")

        let failures = report.entries.flatMap { entry in entry.failures.map { (type: entry.type, failure: $0) } }
        let wireName = failures.filter { $0.failure.cause == "wire-name" }
        #expect(wireName.count >= 10, "only \(wireName.count) value(s) failed for wire names")
        // Each such failure is the SDK answering with the wire name of a key Swift spelt as the docs do.
        for (type, failure) in wireName {
            #expect(failure.stage == "sdk-writes-same", "\(type): \(failure.stage): \(failure.reason)")
            let renamed = failure.renamed ?? []
            #expect(!renamed.isEmpty, "\(type): a wire-name failure without renamed keys")
            #expect(renamed.allSatisfy { $0.left != $0.right }, "\(type): \(renamed.map { "\($0.left) → \($0.right)" })")
        }
        let jobResponse = wireName.first { $0.type == "JobResponse" }?.failure.renamed ?? []
        #expect(jobResponse.contains { $0.path == "$" && $0.left == "bytes_synced" && $0.right == "bytesSynced" },
                "JobResponse: \(jobResponse.map { "\($0.path): \($0.left) → \($0.right)" })")
        // Anything else that fails is not the overlay's to fix; none does in this subset (nor in the
        // whole tree). A union member the SDK cannot tell from an earlier one is unchecked, accepted.
        let other = failures.filter { $0.failure.cause != "wire-name" }
        #expect(other.isEmpty, "\(other.count) failure(s) not caused by wire names, e.g. \(other.prefix(3).map { "\($0.type): \($0.failure.reason)" })")
        // The types left unchecked are the operations wrappers (no JSON body) and what --limit left out.
        let unchecked = report.entries.filter { entry in entry.unchecked.contains { !$0.accepted } }
        #expect(unchecked.isEmpty, "unchecked for a reason not accepted: \(unchecked.prefix(3).map { "\($0.type): \($0.unchecked.first { !$0.accepted }?.reason ?? "")" })")
    }

    /// The installed SDK's package folder (`site-packages/airbyte`), whose models give the wire names.
    static func sdkFolder() async throws -> String {
        let result = try await ProcessRunner.Async.run(
            executable: PeerCheck.python, arguments: ["-c", "import airbyte, os; print(os.path.dirname(airbyte.__file__))"])
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The same subset with the SDK's models as overlay (`--python-sdk`): every type checked passes.
    @Test(.enabled(if: missing == nil || PeerCheck.required, "\(missing ?? ""); the airbyte peer check is skipped"))
    func withThePythonSDKOverlayEveryTypePasses() async throws {
        if let missing = Self.missing {
            Issue.record("DOCMODELGEN_REQUIRE_PEERS=1, but \(missing)")
            return
        }
        let sdkFolder = try await Self.sdkFolder()
        let outcome = try await Self.check.runAsync(
            limit: Self.limit, overlayArguments: ["--python-sdk", sdkFolder], seconds: 900, keep: "airbyte-peer-check-overlay")
        guard let report = outcome.report else {
            Issue.record("exit \(outcome.status), \(outcome.reportError ?? ""); output:\n\(outcome.output.suffix(6000))")
            return
        }
        print(outcome.summary.components(separatedBy: "\n").filter { !$0.contains("left out by --limit") }.joined(separator: "\n"))
        #expect(report.checked >= 100, "only \(report.checked) type(s) checked")
        #expect(report.failed == 0, "\(report.failed) type(s) failed: \(report.entries.filter { !$0.failures.isEmpty }.prefix(3).map { "\($0.type): \($0.failures.first?.reason ?? "")" })")
        #expect(report.blocking.isEmpty, "blocking: \(report.blocking.prefix(5))")
        let unchecked = report.entries.filter { entry in entry.unchecked.contains { !$0.accepted } }
        #expect(unchecked.isEmpty, "unchecked for a reason not accepted: \(unchecked.prefix(3).map(\.type))")
    }
}
