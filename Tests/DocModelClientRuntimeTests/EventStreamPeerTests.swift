import DocModelClientRuntime
import DocModelRuntime
import DocModelURLSessionTransport
import Foundation
import Testing
import TestSupport

/// The event-stream peer check (`Tests/Peers/sse_peer.py`, `sse_scenarios.py`): every scenario is
/// served from 127.0.0.1 and read twice, by the friendli SDK's own `EventStream` and by
/// ``EventStream`` of `[String: JSONValue]` (the envelope `{id, event, data, retry}` each event is
/// decoded from), and the envelopes must be equal, one by one.
///
/// Needs the peers virtualenv with friendli (`Tests/Peers/setup-venv`); skipped without it, unless
/// DOCMODELGEN_REQUIRE_PEERS=1 (CI), where it fails.
@Suite struct EventStreamPeerTests {
    struct SDKOutcome: Decodable {
        struct Failure: Decodable { var type: String; var message: String }
        var scenario: String
        var envelopes: [[String: JSONValue]]
        var error: Failure?
    }

    struct Scenario: Decodable {
        var name: String
        var sentinel: String?
        var data_required: Bool?
        var framing: String
    }

    static let peers = PackageRoot.url.appendingPathComponent("Tests/Peers")

    /// Each envelope as JSON with sorted keys: equal values, equal text, and a readable failure.
    static func canonical(_ envelopes: some Sequence<[String: JSONValue]>) -> [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return envelopes.map { (try? encoder.encode($0)).map { String(decoding: $0, as: UTF8.self) } ?? "unencodable" }
    }

    static func missing() -> String? {
        guard FileManager.default.isExecutableFile(atPath: PeerCheck.python.path) else {
            return "the peer virtualenv is missing: run `Tests/Peers/setup-venv` (CI's .ci/run does)"
        }
        let probe = try? ProcessRunner.run(executable: PeerCheck.python, arguments: ["-c", "import friendli, httpx"])
        return probe?.status == 0 ? nil : "the peer virtualenv cannot import friendli: rerun `Tests/Peers/setup-venv`"
    }

    struct RandomCase: Decodable {
        var chunks: [String]
        var sentinel: String?
        var data_required: Bool
        var envelopes: [[String: JSONValue]]
        var error: String?
    }

    @Test("random bodies in random chunks: the parser gives the SDK's stream_events envelopes, or its error")
    func randomBodies() async throws {
        if let missing = Self.missing() {
            if PeerCheck.required { Issue.record("DOCMODELGEN_REQUIRE_PEERS=1, but \(missing)") } else { print("skipped the event-stream peer check: \(missing)") }
            return
        }
        let run = try await ProcessRunner.Async.run(executable: PeerCheck.python, arguments: [
            Self.peers.appendingPathComponent("sse_peer.py").path, "random", "--count", "20000", "--seed", "3",
        ])
        try #require(run.status == 0, "sse_peer.py random: \(run.stderr)")
        let decoder = JSONDecoder()
        var compared = 0
        for line in run.stdout.split(separator: "\n") {
            let item = try decoder.decode(RandomCase.self, from: Data(line.utf8))
            var parser = ServerSentEventParser(sentinel: item.sentinel, dataRequired: item.data_required)
            var events: [ParsedServerSentEvent] = []
            var error: String?
            do {
                for chunk in item.chunks { events += try parser.consume(Array(Data(base64Encoded: chunk) ?? Data())) }
                if let last = try parser.finish() { events.append(last) }
            } catch .invalidUTF8 {
                error = "UnicodeDecodeError"
            } catch .invalidRetry {
                error = "ValueError"
            }
            let envelopes = try events.map { try decoder.decode([String: JSONValue].self, from: $0.envelope) }
            #expect(Self.canonical(envelopes) == Self.canonical(item.envelopes), "\(line)")
            #expect(error == item.error, "\(line)")
            compared += 1
        }
        #expect(compared == 20_000)
    }

    @Test("the SDK's EventStream and EventStream read the same envelopes from every scenario")
    func sameEnvelopes() async throws {
        if let missing = Self.missing() {
            if PeerCheck.required { Issue.record("DOCMODELGEN_REQUIRE_PEERS=1, but \(missing)") } else { print("skipped the event-stream peer check: \(missing)") }
            return
        }
        let work = try TemporaryFolder(prefix: "sse-peer")
        let file = work.file("scenarios.json")
        let generated = try await ProcessRunner.Async.run(executable: PeerCheck.python, arguments: [
            Self.peers.appendingPathComponent("sse_scenarios.py").path, "--out", file.path,
        ])
        try #require(generated.status == 0, "sse_scenarios.py: \(generated.stderr)")
        let scenarios = try JSONDecoder().decode([Scenario].self, from: Data(contentsOf: file))

        let sdkRun = try await ProcessRunner.Async.run(executable: PeerCheck.python, arguments: [
            Self.peers.appendingPathComponent("sse_peer.py").path, "sdk", "--scenarios", file.path,
        ])
        try #require(sdkRun.status == 0, "sse_peer.py sdk: \(sdkRun.stderr)")
        let sdk = try sdkRun.stdout.split(separator: "\n").map { try JSONDecoder().decode(SDKOutcome.self, from: Data($0.utf8)) }
        try #require(sdk.count == scenarios.count)

        let server = try ProcessRunner.start(executable: PeerCheck.python, arguments: [
            Self.peers.appendingPathComponent("sse_peer.py").path, "serve", "--scenarios", file.path,
        ])
        let line = server.readLine()?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let port = try #require(line.hasPrefix("LISTENING ") ? Int(line.dropFirst("LISTENING ".count)) : nil, "server said \(line)")
        let client = APIClientCore(configuration: APIClientConfiguration(
            serverURL: URL(string: "http://127.0.0.1:\(port)")!, transport: StreamingURLSessionTransport()))

        for (index, (scenario, expected)) in zip(scenarios, sdk).enumerated() {
            var envelopes: [[String: JSONValue]] = []
            var failure: (any Error)?
            do {
                let response = try await client.sendStreaming(APIRequest(method: .get, path: "/scenarios/\(index)", operationID: "stream"))
                let stream = EventStream<[String: JSONValue]>(response, sentinel: scenario.sentinel, dataRequired: scenario.data_required ?? true)
                for try await envelope in stream { envelopes.append(envelope) }
            } catch {
                failure = error
            }
            switch expected.error?.type {
            case "ResponseValidationError"?:
                // The SDK's model refused an event the envelope type takes: up to it, the same.
                #expect(Self.canonical(envelopes.prefix(expected.envelopes.count)) == Self.canonical(expected.envelopes), "\(scenario.name)")
                #expect(failure == nil, "\(scenario.name): \(String(describing: failure))")
            case let type?:
                // The body was cut off (httpx's RemoteProtocolError): the same events, then an error.
                #expect(Self.canonical(envelopes) == Self.canonical(expected.envelopes), "\(scenario.name)")
                #expect(failure is EventStreamReadError, "\(scenario.name): the SDK raised \(type), Swift \(String(describing: failure))")
            case nil:
                #expect(Self.canonical(envelopes) == Self.canonical(expected.envelopes), "\(scenario.name)")
                #expect(failure == nil, "\(scenario.name): \(String(describing: failure))")
            }
        }
        _ = server  // the server lives until here; releasing it closes its stdin and ends it
    }
}
