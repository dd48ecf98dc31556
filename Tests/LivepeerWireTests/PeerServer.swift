import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TestSupport

/// The Python peers in `Tests/Peers`, run from the virtualenv `.ci/run` creates.
enum Peers {
    static let folder = PackageRoot.url.appendingPathComponent("Tests/Peers")
    static let python = PackageRoot.url.appendingPathComponent(".venv-peers/bin/python")

    static var available: Bool { FileManager.default.isExecutableFile(atPath: python.path) }
    static let skipMessage = "the peer virtualenv is missing: run `Tests/Peers/setup-venv` (CI's .ci/run does)"

    /// One FastAPI server for the whole test process, started on first use (off the pool: the
    /// start waits for the server's first line).
    static let server = Task { try await ProcessRunner.offThePool { try PeerServer.start() } }
}

/// A running `image_to_video_server.py` on 127.0.0.1. It exits when this process's end of its
/// stdin closes, so a crashed test run leaves no server behind.
final class PeerServer: @unchecked Sendable {
    let port: Int
    private let process: RunningProcess  // closes the server's stdin and terminates it when released

    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    private init(port: Int, process: RunningProcess) {
        self.port = port
        self.process = process
    }

    struct StartFailure: Error, CustomStringConvertible {
        var description: String
    }

    static func start() throws -> PeerServer {
        let process = try ProcessRunner.start(
            executable: Peers.python, arguments: [Peers.folder.appendingPathComponent("image_to_video_server.py").path, "--port", "0"])
        // The server prints `LISTENING <port>` once it accepts connections.
        guard let line = process.readLine() else { throw StartFailure(description: "peer server exited before listening") }
        let text = line.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("LISTENING "), let port = Int(text.dropFirst("LISTENING ".count)) else {
            throw StartFailure(description: "unexpected peer output: \(text)")
        }
        return PeerServer(port: port, process: process)
    }
}

/// Runs `sdk_client.py`: the real livepeer-ai SDK sends the request, and the server's JSON answer
/// comes back.
enum PythonSDK {
    static func imageToVideo(server: PeerServer, request: [String: Any]) async throws -> [String: Any] {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: request), as: UTF8.self)
        let result = try await ProcessRunner.Async.run(executable: Peers.python, arguments: [
            Peers.folder.appendingPathComponent("sdk_client.py").path, "--server-url", server.baseURL.absoluteString, json,
        ])
        guard result.status == 0, let answer = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            throw PeerServer.StartFailure(description: "sdk_client.py exited \(result.status): \(result.stderr)")
        }
        return answer
    }
}

/// URLSession, as a Swift app would use it.
enum HTTP {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func upload(_ request: URLRequest, fromFile file: URL) async throws -> (Int, Data) {
        try await withCheckedThrowingContinuation { continuation in
            URLSession.shared.uploadTask(with: request, fromFile: file) { data, response, error in
                continuation.resume(with: result(data, response, error))
            }.resume()
        }
    }

    static func upload(_ request: URLRequest, from body: Data) async throws -> (Int, Data) {
        try await withCheckedThrowingContinuation { continuation in
            URLSession.shared.uploadTask(with: request, from: body) { data, response, error in
                continuation.resume(with: result(data, response, error))
            }.resume()
        }
    }

    private static func result(_ data: Data?, _ response: URLResponse?, _ error: (any Error)?) -> Result<(Int, Data), any Error> {
        if let error { return .failure(error) }
        guard let http = response as? HTTPURLResponse else { return .failure(Failure(description: "no HTTP response")) }
        return .success((http.statusCode, data ?? Data()))
    }
}
