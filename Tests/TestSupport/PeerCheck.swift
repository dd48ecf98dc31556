import Foundation

/// One SDK's JSON peer check (`Tests/Peers/peer-check`, described in `Tests/Peers/README.md`), as the
/// peer tests run it: whether it can run here, the run itself, and its `report.json`.
///
/// It needs `../shared/corpus` beside the checkout and the peers virtualenv (`Tests/Peers/setup-venv`);
/// a test skips without them, unless DOCMODELGEN_REQUIRE_PEERS=1 (CI), where it fails.
public struct PeerCheck: Sendable {
    /// `polar` or `airbyte` (`peer-check --sdk`).
    public var sdk: String
    /// The SDK's docs tree.
    public var tree: URL
    /// The Python module whose import says the venv holds the SDK.
    public var module: String

    public static let python = PackageRoot.url.appendingPathComponent(".venv-peers/bin/python")
    public static let script = PackageRoot.url.appendingPathComponent("Tests/Peers/peer-check")
    public static var required: Bool { ProcessInfo.processInfo.environment["DOCMODELGEN_REQUIRE_PEERS"] == "1" }

    /// `corpus`: the tree's folder in `../shared/corpus` (its `docs/models` is checked).
    public init(sdk: String, corpus: String, module: String) {
        self.sdk = sdk
        self.tree = PackageRoot.sharedCorpus.appendingPathComponent("\(corpus)/docs/models")
        self.module = module
    }

    /// Why the check cannot run here, or nil when it can.
    public func missing() -> String? {
        if !FileManager.default.fileExists(atPath: tree.path) {
            return "the \(sdk) docs tree is missing (\(tree.path)): ../shared/corpus is not beside this checkout"
        }
        guard FileManager.default.isExecutableFile(atPath: Self.python.path) else {
            return "the peer virtualenv is missing: run `Tests/Peers/setup-venv` (CI's .ci/run does)"
        }
        let probe = try? ProcessRunner.run(executable: Self.python, arguments: ["-c", "import \(module)"])
        if probe?.status != 0 {
            return "the peer virtualenv cannot import \(module): rerun `Tests/Peers/setup-venv`"
        }
        return nil
    }

    /// What one run left: its exit status (0 passed, 1 a type failed or was not checked, 2 the
    /// harness failed), its output, and the report when it wrote one.
    public struct Outcome: Sendable {
        public var status: Int32
        public var output: String
        public var report: PeerReport?
        public var reportError: String?
        /// Where the report, the JSON lines and the logs were kept.
        public var kept: URL

        /// The summary and every failed or unchecked type, as the script printed them.
        public var summary: String {
            output.components(separatedBy: "\n").filter { !$0.hasPrefix("peer-check: ") }.joined(separator: "\n")
        }
    }

    /// Runs the check in a temporary work folder and keeps its report and logs in `.build/<keep>`.
    /// `limit`: `--limit N`; `generateArguments`: each passed as `--generate-arg ARG`; `seconds`
    /// bounds the whole run (the script bounds its Swift build itself: ulimit -v, timeout 900).
    /// `overlayArguments`: each passed as `--overlay-arg ARG` (to `schema`, `validate` and `generate`).
    public func run(
        limit: Int? = nil, generateArguments: [String] = [], overlayArguments: [String] = [], seconds: Int, keep: String
    ) throws -> Outcome {
        let work = try TemporaryFolder(prefix: "\(sdk)-peer-check")
        var arguments = [
            Self.script.path, "--sdk", sdk, "--docmodelgen", ProcessRunner.docmodelgen.path, "--python", Self.python.path,
            "--tree", tree.path, "--work", work.url.path,
        ]
        if let limit { arguments += ["--limit", String(limit)] }
        for argument in generateArguments { arguments += ["--generate-arg", argument] }
        for argument in overlayArguments { arguments += ["--overlay-arg", argument] }
        let command = arguments.map(Self.quoted).joined(separator: " ")
        let run = try ProcessRunner.bash("timeout \(seconds) \(command)", in: PackageRoot.url)
        let kept = PackageRoot.url.appendingPathComponent(".build/\(keep)")
        try Self.keep(work, log: run.stdout, in: kept)
        var outcome = Outcome(status: run.status, output: run.stdout, kept: kept)
        do {
            outcome.report = try JSONDecoder().decode(PeerReport.self, from: Data(contentsOf: work.file("report.json")))
        } catch {
            outcome.reportError = "no readable report.json (\(error))"
        }
        return outcome
    }

    /// `run(limit:generateArguments:overlayArguments:seconds:keep:)`, waiting on a thread of its own
    /// instead of the caller's pool thread (the check runs for minutes).
    public func runAsync(
        limit: Int? = nil, generateArguments: [String] = [], overlayArguments: [String] = [], seconds: Int, keep: String
    ) async throws -> Outcome {
        let check = self
        return try await ProcessRunner.Async.limited {
            try check.run(limit: limit, generateArguments: generateArguments, overlayArguments: overlayArguments, seconds: seconds, keep: keep)
        }
    }

    private static func keep(_ work: TemporaryFolder, log: String, in kept: URL) throws {
        try? FileManager.default.removeItem(at: kept)
        try FileManager.default.createDirectory(at: kept, withIntermediateDirectories: true)
        try Data(log.utf8).write(to: kept.appendingPathComponent("output.txt"))
        for name in ["report.json", "samples.jsonl", "swift.jsonl", "sdk.jsonl", "swift-again.jsonl", "unchecked.jsonl", "build.txt"] {
            let file = work.file(name)
            if FileManager.default.fileExists(atPath: file.path) {
                try FileManager.default.copyItem(at: file, to: kept.appendingPathComponent(name))
            }
        }
    }

    private static func quoted(_ argument: String) -> String {
        "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// The parts of `report.json` (written by `peer_check.py compare`) the tests read.
public struct PeerReport: Decodable, Sendable {
    public struct Entry: Decodable, Sendable {
        public struct Failure: Decodable, Sendable {
            /// A key spelled one way on the left and another on the right, at `path`.
            public struct Renamed: Decodable, Sendable {
                public var path: String
                public var left: String
                public var right: String
            }
            public var variant: String
            /// `swift-decodes-sample`, `swift-keeps-sample`, `sdk-accepts`, `sdk-writes-same`,
            /// `swift-decodes-sdk`, `swift-writes-same` or `harness`.
            public var stage: String
            /// `wire-name` (equal but for the spelling of keys) or `other`.
            public var cause: String
            public var reason: String
            public var renamed: [Renamed]?
        }
        public struct Unchecked: Decodable, Sendable {
            public var variant: String?
            public var reason: String
            public var accepted: Bool
        }
        public var type: String
        public var status: String
        public var failures: [Failure]
        public var unchecked: [Unchecked]
    }
    public var sdk: String
    public var types: Int
    public var checked: Int
    public var passed: Int
    public var failed: Int
    public var partlyChecked: Int
    public var unchecked: Int
    public var values: Int
    /// Types that failed, or that have a value left unchecked for a reason not accepted
    /// (`ACCEPTED` in peer_check.py: the SDK type is no JSON body, a known SDK bug, --limit).
    public var blocking: [String]
    public var entries: [Entry]
}
