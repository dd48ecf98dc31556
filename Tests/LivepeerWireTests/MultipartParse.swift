import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A part as python-multipart's own parser saw it (the peer's `/parse` endpoint).
struct ParsedPart: Equatable, CustomStringConvertible {
    var name: String?
    var filename: String?
    var contentType: String?
    var data: Data
    var headers: [[String]]

    var description: String {
        "\(name ?? "nil") filename=\(filename ?? "nil") type=\(contentType ?? "nil") \(data.count) bytes"
    }
}

enum MultipartParse {
    static func parts(server: PeerServer, body: Data, contentType: String) async throws -> [ParsedPart] {
        var request = URLRequest(url: server.baseURL.appendingPathComponent("parse"))
        request.httpMethod = "POST"
        request.setValue(contentType, forHTTPHeaderField: "Content-Type")
        let (status, data) = try await HTTP.upload(request, from: body)
        guard status == 200,
              let answer = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let parts = answer["parts"] as? [[String: Any]]
        else { throw HTTP.Failure(description: "parse failed (\(status)): \(String(decoding: data, as: UTF8.self))") }
        return parts.map { part in
            ParsedPart(
                name: part["name"] as? String,
                filename: part["filename"] as? String,
                contentType: part["content_type"] as? String,
                data: (part["data_b64"] as? String).flatMap { Data(base64Encoded: $0) } ?? Data(),
                headers: part["headers"] as? [[String]] ?? [])
        }
    }
}
