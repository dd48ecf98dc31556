import Foundation
import TestSupport
import Testing

/// The polar JSON peer check (`Tests/Peers/peer-check --sdk polar`, described in `Tests/Peers/README.md`):
/// for every type of the polar docs tree (struct, enum and union), Swift writes a deterministic sample
/// as JSON, the real polar-sdk 0.32.0 parses it and writes it as it sends a body, and Swift decodes
/// that and writes it again. The JSON values must be equal at every step. Nothing is skipped
/// silently: a type that cannot be checked is listed with the reason, and fails the test unless the
/// reason is accepted (an SDK utility page, an SDK type that is no JSON body, a known polar-sdk bug).
///
/// Needs `../shared/corpus` beside the checkout and the peers virtualenv (`Tests/Peers/setup-venv`);
/// without them the test is skipped, unless DOCMODELGEN_REQUIRE_PEERS=1 (CI), where it fails.
@Suite(.serialized) struct PolarPeerTests {
    static let check = PeerCheck(sdk: "polar", corpus: "polar-python", module: "polar_sdk.models")
    static let missing = check.missing()

    @Test(.enabled(if: missing == nil || PeerCheck.required, "\(missing ?? ""); the polar peer check is skipped"))
    func everyPolarTypeRoundTripsThroughTheSDK() async throws {
        if let missing = Self.missing {
            Issue.record("DOCMODELGEN_REQUIRE_PEERS=1, but \(missing)")
            return
        }
        let outcome = try await Self.check.runAsync(seconds: 1500, keep: "polar-peer-check")
        #expect(outcome.status == 0 || outcome.status == 1, "the harness failed (exit \(outcome.status)):\n\(outcome.output.suffix(6000))")
        guard let report = outcome.report else {
            Issue.record("\(outcome.reportError ?? ""); output:\n\(outcome.output.suffix(6000))")
            return
        }
        print(outcome.summary)
        print("polar peer check: report and log kept in \(outcome.kept.path)")
        #expect(report.checked > 0, "no type was checked")
        #expect(report.failed == 0, "\(report.failed) of \(report.checked) checked type(s) failed the round trip (see the output above)")
        let unchecked = report.entries.filter { entry in entry.status != "failed" && entry.unchecked.contains { !$0.accepted } }
        #expect(unchecked.count == 0, """
            \(unchecked.count) type(s) could not be checked, e.g. \
            \(unchecked.prefix(3).map { "\($0.type): \($0.unchecked.first { !$0.accepted }?.reason ?? "")" })
            """)
    }
}
