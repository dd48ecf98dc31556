// The Swift side of the JSON peer check (Tests/Peers/peer-check, see Tests/Peers/README.md). Compiled
// by the harness into a throwaway package beside the generated models and `PeerTable.swift`.
//
// Reads JSON lines `{"id": …, "swiftType": "Name", "text": "<JSON text>"}` on standard input; for
// each, decodes the text into the named Swift type, encodes the value again, and writes
// `{"id": …, "ok": true, "text": "<JSON text>"}` or `{"id": …, "ok": false, "error": "…"}`.
import Foundation

struct Request: Decodable {
    var id: String
    var swiftType: String
    var text: String
}

struct Answer: Encodable {
    var id: String
    var ok: Bool
    var text: String?
    var error: String?
}

struct UnknownType: Error, CustomStringConvertible {
    var name: String
    var description: String { "no Swift type named \(name) in the table" }
}

/// Decodes `json` as `T` and encodes it again, keys sorted.
func roundTrip<T: Codable>(_ type: T.Type, _ json: Data) throws -> Data {
    let value = try JSONDecoder().decode(T.self, from: json)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(value)
}

func describe(_ error: any Error) -> String {
    func path(_ codingPath: [any CodingKey]) -> String {
        "$" + codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
    switch error {
    case DecodingError.keyNotFound(let key, let context):
        return "keyNotFound \(key.stringValue) at \(path(context.codingPath)): \(context.debugDescription)"
    case DecodingError.typeMismatch(let type, let context):
        return "typeMismatch \(type) at \(path(context.codingPath)): \(context.debugDescription)"
    case DecodingError.valueNotFound(let type, let context):
        return "valueNotFound \(type) at \(path(context.codingPath)): \(context.debugDescription)"
    case DecodingError.dataCorrupted(let context):
        return "dataCorrupted at \(path(context.codingPath)): \(context.debugDescription)"
    default:
        return "\(error)"
    }
}

let decoder = JSONDecoder()
let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
while let line = readLine(strippingNewline: true) {
    if line.isEmpty { continue }
    var answer: Answer
    do {
        let request = try decoder.decode(Request.self, from: Data(line.utf8))
        do {
            guard let data = try peerRoundTrip(request.swiftType, Data(request.text.utf8)) else {
                throw UnknownType(name: request.swiftType)
            }
            answer = Answer(id: request.id, ok: true, text: String(decoding: data, as: UTF8.self))
        } catch {
            answer = Answer(id: request.id, ok: false, error: describe(error))
        }
    } catch {
        answer = Answer(id: "?", ok: false, error: "bad input line: \(describe(error))")
    }
    let data = try encoder.encode(answer)
    FileHandle.standardOutput.write(data + Data("\n".utf8))
}
