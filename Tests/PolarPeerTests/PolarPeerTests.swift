import Foundation
import TestSupport
import Testing

/// The polar JSON peer check (`Tests/Peers/polar-peer-check`, described in `Tests/Peers/README.md`):
/// for every type of the polar docs tree (struct, enum and union), Swift writes a deterministic sample
/// as JSON, the real polar-sdk 0.32.0 parses it and writes it as it sends a body, and Swift decodes
/// that and writes it again. The JSON values must be equal at every step. Nothing is skipped
/// silently: a type that cannot be checked is listed with the reason, and fails the test unless the
/// reason is accepted (an SDK utility page, an SDK type that is no JSON body, a known polar-sdk bug).
///
/// Needs `../shared/corpus` beside the checkout and the peers virtualenv (`Tests/Peers/setup-venv`);
/// without them the test is skipped, unless DOCMODELGEN_REQUIRE_PEERS=1 (CI), where it fails.
@Suite(.serialized) struct PolarPeerTests {
    static let tree = PackageRoot.sharedCorpus.appendingPathComponent("polar-python/docs/models")
    static let python = PackageRoot.url.appendingPathComponent(".venv-peers/bin/python")
    static let script = PackageRoot.url.appendingPathComponent("Tests/Peers/polar-peer-check")
    /// Where the last run's report and log are kept (the work folder itself is removed).
    static let kept = PackageRoot.url.appendingPathComponent(".build/polar-peer-check")

    static var required: Bool { ProcessInfo.processInfo.environment["DOCMODELGEN_REQUIRE_PEERS"] == "1" }

    /// Why the check cannot run here, or nil when it can.
    static let missing: String? = {
        if !FileManager.default.fileExists(atPath: tree.path) {
            return "the polar docs tree is missing (\(tree.path)): ../shared/corpus is not beside this checkout"
        }
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            return "the peer virtualenv is missing: run `Tests/Peers/setup-venv` (CI's .ci/run does)"
        }
        let probe = try? ProcessRunner.run(executable: python, arguments: ["-c", "import polar_sdk.models"])
        if probe?.status != 0 {
            return "the peer virtualenv has no polar-sdk: rerun `Tests/Peers/setup-venv`"
        }
        return nil
    }()

    /// The parts of `report.json` (written by `polar_peer.py compare`) the test reads.
    struct Report: Decodable {
        struct Entry: Decodable {
            struct Unchecked: Decodable {
                var variant: String?
                var reason: String
                var accepted: Bool
            }
            var type: String
            var status: String
            var unchecked: [Unchecked]
        }
        var types: Int
        var checked: Int
        var passed: Int
        var failed: Int
        var partlyChecked: Int
        var unchecked: Int
        var values: Int
        /// Types that failed, or that have a value left unchecked for a reason not accepted
        /// (`ACCEPTED` in polar_peer.py: the SDK type is no JSON body, or a known polar-sdk bug).
        var blocking: [String]
        var entries: [Entry]
    }

    @Test(.enabled(if: missing == nil || required, "\(missing ?? ""); the polar peer check is skipped"))
    func everyPolarTypeRoundTripsThroughTheSDK() throws {
        if let missing = Self.missing {
            Issue.record("DOCMODELGEN_REQUIRE_PEERS=1, but \(missing)")
            return
        }
        let work = try TemporaryFolder(prefix: "polar-peer-check")
        let command = [
            Self.script.path, "--docmodelgen", ProcessRunner.docmodelgen.path, "--python", Self.python.path,
            "--tree", Self.tree.path, "--work", work.url.path,
        ].map(quoted).joined(separator: " ")
        // The script bounds the Swift build itself (ulimit -v 8000000, timeout 900); this bounds the rest.
        let run = try ProcessRunner.bash("timeout 1500 \(command)", in: PackageRoot.url)
        try keep(work, log: run.stdout)
        #expect(run.status == 0 || run.status == 1, "the harness failed (exit \(run.status)):\n\(run.stdout.suffix(6000))")
        let report: Report
        do {
            report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: work.file("report.json")))
        } catch {
            Issue.record("no readable report.json (\(error)); output:\n\(run.stdout.suffix(6000))")
            return
        }
        // The summary and every failed or unchecked type, as the script printed them.
        print(run.stdout.components(separatedBy: "\n").filter { !$0.hasPrefix("polar-peer-check: ") }.joined(separator: "\n"))
        print("polar peer check: report and log kept in \(Self.kept.path)")
        #expect(report.checked > 0, "no type was checked")
        #expect(report.failed == 0, "\(report.failed) of \(report.checked) checked type(s) failed the round trip (see the output above)")
        let unchecked = report.entries.filter { entry in entry.status != "failed" && entry.unchecked.contains { !$0.accepted } }
        #expect(unchecked.count == 0, """
            \(unchecked.count) type(s) could not be checked, e.g. \
            \(unchecked.prefix(3).map { "\($0.type): \($0.unchecked.first { !$0.accepted }?.reason ?? "")" })
            """)
    }

    private func keep(_ work: TemporaryFolder, log: String) throws {
        try? FileManager.default.removeItem(at: Self.kept)
        try FileManager.default.createDirectory(at: Self.kept, withIntermediateDirectories: true)
        try Data(log.utf8).write(to: Self.kept.appendingPathComponent("output.txt"))
        for name in ["report.json", "samples.jsonl", "swift.jsonl", "sdk.jsonl", "swift-again.jsonl", "unchecked.jsonl", "build.txt"] {
            let file = work.file(name)
            if FileManager.default.fileExists(atPath: file.path) {
                try FileManager.default.copyItem(at: file, to: Self.kept.appendingPathComponent(name))
            }
        }
    }

    private func quoted(_ argument: String) -> String {
        "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
