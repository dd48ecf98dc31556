// The Swift side of the streams peer check (Tests/Peers/stream-peer-check, stream_peer.py):
// calls each case's friendli stream operation through the generated client (package target
// PeerClient) and writes what it yields, one JSON line per case.
//
//   Runner --server-url URL --cases cases.json --out out.jsonl [--sentinel TEXT|none] [--only KIND] [--side NAME]
//   Runner readme --server-url URL          runs the README example, prints what it prints
//
// --sentinel none re-reads each generated EventStream's body without a sentinel, as the
// docs-only client does (the docs never name it; its stream methods are the same text but for
// the sentinel, which the check diffs).
import DocModelClientRuntime
import DocModelRuntime
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PeerClient

struct Case: Decodable {
    var id: String
    var operation: String
    var arguments: [String: JSONValue]
    var kind: String
    var scenario: Int
}

struct RunnerError: Error, CustomStringConvertible {
    var description: String
}

/// The argument `name` decoded into the parameter's type (the generated type's own Decodable).
func arg<T: Decodable>(_ arguments: [String: JSONValue], _ name: String) throws -> T {
    guard let value = arguments[name] else { throw RunnerError(description: "argument \(name): missing") }
    return try JSONDecoder().decode(T.self, from: JSONEncoder().encode(value))
}

/// What one call gave: the values as their Codable writes them (sorted keys), and how it ended.
struct Outcome {
    var values: [String] = []
    var error: [String: JSONValue]?
}

func read<E: Codable & Sendable>(_ stream: () async throws -> EventStream<E>, sentinel: String?, into outcome: inout Outcome) async {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    do {
        var events = try await stream()
        if let sentinel {
            events = EventStream<E>(body: events.body, sentinel: sentinel == "none" ? nil : sentinel, dataRequired: events.dataRequired)
        }
        for try await event in events {
            outcome.values.append(String(decoding: try encoder.encode(event), as: UTF8.self))
        }
    } catch let error as EventStreamDecodingError {
        outcome.error = ["kind": .string("decoding"), "index": .integer(error.index), "message": .string(error.description)]
    } catch let error as EventStreamReadError {
        outcome.error = ["kind": .string("read"), "eventsRead": .integer(error.eventsRead), "message": .string(error.description)]
    } catch let error as UnexpectedResponseError {
        outcome.error = ["kind": .string("status"), "status": .integer(error.status.code), "type": .string("UnexpectedResponseError")]
    } catch {
        outcome.error = ["kind": .string("other"), "message": .string(String(describing: error))]
    }
}

/// The container operations have servers of their own (the SDK's `CONTAINER_*_OP_SERVERS`):
/// they are sent to `serverURL` by naming it per call, as stream_peer.py does with `server_url=`.
func call(_ item: Case, _ client: SyncFriendliClient, serverURL: URL, sentinel: String?) async -> Outcome {
    let a = item.arguments
    var outcome = Outcome()
    switch item.operation {
    case "serverless.chat.stream":
        await read({ try await client.serverless.chat.stream(model: arg(a, "model"), messages: arg(a, "messages"), retries: .disabled) }, sentinel: sentinel, into: &outcome)
    case "dedicated.chat.stream":
        await read({ try await client.dedicated.chat.stream(model: arg(a, "model"), messages: arg(a, "messages"), retries: .disabled) }, sentinel: sentinel, into: &outcome)
    case "container.chat.stream":
        await read({ try await client.container.chat.stream(messages: arg(a, "messages"), retries: .disabled, serverURL: serverURL) }, sentinel: sentinel, into: &outcome)
    case "serverless.completions.stream":
        await read({ try await client.serverless.completions.stream(serverlessCompletionsStreamBody: arg(a, "serverless_completions_stream_body"), retries: .disabled) }, sentinel: sentinel, into: &outcome)
    case "dedicated.completions.stream":
        await read({ try await client.dedicated.completions.stream(dedicatedCompletionsStreamBody: arg(a, "dedicated_completions_stream_body"), retries: .disabled) }, sentinel: sentinel, into: &outcome)
    case "container.completions.stream":
        await read({ try await client.container.completions.stream(arg(a, "request"), retries: .disabled, serverURL: serverURL) }, sentinel: sentinel, into: &outcome)
    case "serverless.audio.stream":
        await read({ try await client.serverless.audio.stream(model: arg(a, "model"), file: arg(a, "file"), retries: .disabled) }, sentinel: sentinel, into: &outcome)
    case "dedicated.audio.stream":
        await read({ try await client.dedicated.audio.stream(model: arg(a, "model"), file: arg(a, "file"), retries: .disabled) }, sentinel: sentinel, into: &outcome)
    case "container.audio.stream":
        await read({ try await client.container.audio.stream(file: arg(a, "file"), retries: .disabled, serverURL: serverURL) }, sentinel: sentinel, into: &outcome)
    default:
        outcome.error = ["kind": .string("other"), "message": .string("no Swift call for \(item.operation)")]
    }
    return outcome
}

/// `POST URL/__peer__/select/<scenario>`: the server answers the next request with that scenario.
func select(_ base: String, _ item: Case, side: String) async throws {
    let id = item.id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? item.id
    var request = URLRequest(url: URL(string: "\(base)/__peer__/select/\(item.scenario)?case=\(id)&side=\(side)")!)
    request.httpMethod = "POST"
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
        URLSession.shared.dataTask(with: request) { _, _, error in
            if let error { continuation.resume(throwing: error) } else { continuation.resume() }
        }.resume()
    }
}

/// The README example, as written there (the transport aside: URLSessionTransport buffers on
/// Linux, so the runner streams through its own URLSession delegate transport).
func readme(serverURL: URL) async throws {
    let client = SyncFriendliClient(serverURL: serverURL, security: .init(token: "flp_…"), transport: StreamingURLSessionTransport())
    // README-BEGIN
    let messages: [Message] = [.userMessage(UserMessage(content: .string("Hello!")))]
    for try await event in try await client.serverless.chat.stream(model: "meta-llama-3.1-8b-instruct", messages: messages) {
        print(event.data.choices.first?.delta.content.wrappedValue ?? "", terminator: "")
    }
    // README-END
}

func main() async {
    var options: [String: String] = [:]
    var rest = Array(CommandLine.arguments.dropFirst())
    let readmeMode = rest.first == "readme"
    if readmeMode { rest.removeFirst() }
    while rest.count >= 2 {
        options[rest[0]] = rest[1]
        rest.removeFirst(2)
    }
    guard let server = options["--server-url"], let serverURL = URL(string: server) else {
        FileHandle.standardError.write(Data("usage: Runner [readme] --server-url URL --cases FILE --out FILE [--sentinel TEXT] [--only KIND]\n".utf8))
        exit(2)
    }
    if readmeMode {
        do { try await readme(serverURL: serverURL) } catch {
            FileHandle.standardError.write(Data("readme example failed: \(error)\n".utf8))
            exit(3)
        }
        return
    }
    guard let casesPath = options["--cases"], let outPath = options["--out"],
          let data = FileManager.default.contents(atPath: casesPath),
          let cases = try? JSONDecoder().decode([Case].self, from: data) else {
        FileHandle.standardError.write(Data("Runner: cannot read the cases\n".utf8))
        exit(2)
    }
    let base = server.hasSuffix("/") ? String(server.dropLast()) : server
    let client = SyncFriendliClient(serverURL: serverURL, security: .init(token: "tok"), transport: StreamingURLSessionTransport())
    var lines: [String] = []
    for item in cases where options["--only"].map({ $0 == item.kind }) ?? true {
        do { try await select(base, item, side: options["--side"] ?? "swift") } catch {
            FileHandle.standardError.write(Data("Runner: selecting \(item.id) failed: \(error)\n".utf8))
            exit(2)
        }
        let outcome = await call(item, client, serverURL: serverURL, sentinel: options["--sentinel"])
        let error = outcome.error.flatMap { try? JSONEncoder().encode($0) }.map { String(decoding: $0, as: UTF8.self) } ?? "null"
        let id = String(decoding: (try? JSONEncoder().encode(item.id)) ?? Data(), as: UTF8.self)
        lines.append("{\"id\":\(id),\"values\":[\(outcome.values.joined(separator: ","))],\"error\":\(error)}")
    }
    _ = FileManager.default.createFile(atPath: outPath, contents: Data((lines.joined(separator: "\n") + "\n").utf8))
}

await main()
