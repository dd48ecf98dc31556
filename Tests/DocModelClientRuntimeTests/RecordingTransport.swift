import DocModelClientRuntime
import Foundation
import HTTPTypes
import OpenAPIRuntime

/// What a transport received for one request.
struct RecordedRequest: Sendable {
    var request: HTTPRequest
    var body: Data?
    var bodyLength: HTTPBody.Length?
    var baseURL: URL
    var operationID: String

    /// `name: value` lines in order, as they would go on the wire.
    var headerLines: [String] { request.headerFields.map { "\($0.name.rawName): \($0.value)" } }
    var bodyText: String? { body.map { String(decoding: $0, as: UTF8.self) } }
}

/// A transport that records each request and answers with a fixed response.
final class RecordingTransport: ClientTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [RecordedRequest] = []
    let response: HTTPResponse
    let responseBody: @Sendable () -> HTTPBody?

    init(status: HTTPResponse.Status = .ok, headerFields: HTTPFields = [.contentType: "application/json"],
         body: @escaping @Sendable () -> HTTPBody? = { HTTPBody("{}") }) {
        response = HTTPResponse(status: status, headerFields: headerFields)
        responseBody = body
    }

    var requests: [RecordedRequest] { lock.withLock { recorded } }
    var last: RecordedRequest { requests.last! }

    func send(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws -> (HTTPResponse, HTTPBody?) {
        var data: Data?
        if let body { data = try await Data(collecting: body, upTo: .max) }
        let entry = RecordedRequest(request: request, body: data, bodyLength: body?.length, baseURL: baseURL, operationID: operationID)
        lock.withLock { recorded.append(entry) }
        return (response, responseBody())
    }
}

/// A client on `https://api.example.com` over `transport`.
func makeClient(
    _ transport: RecordingTransport, serverURL: String = "https://api.example.com", security: [SecurityCredential] = [],
    headers: HTTPFields = [:], middlewares: [any ClientMiddleware] = [], maximumResponseBytes: Int = 64 << 20
) -> APIClientCore {
    APIClientCore(configuration: APIClientConfiguration(
        serverURL: URL(string: serverURL)!, transport: transport, middlewares: middlewares, security: security,
        headers: headers, maximumResponseBytes: maximumResponseBytes))
}

/// Sends `request` through a fresh recording client and returns what the transport got.
func sent(
    _ request: APIRequest, serverURL: String = "https://api.example.com", security: [SecurityCredential] = [],
    headers: HTTPFields = [:]
) async throws -> RecordedRequest {
    let transport = RecordingTransport()
    _ = try await makeClient(transport, serverURL: serverURL, security: security, headers: headers).send(request)
    return transport.last
}

/// A dictionary-like value that encodes its keys in the given order (Swift dictionaries have none).
struct OrderedObject: Encodable {
    var members: [(String, ParameterLike)]

    init(_ members: [(String, ParameterLike)]) { self.members = members }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        for (key, value) in members { try container.encode(value, forKey: AnyKey(key)) }
    }
}

/// A JSON-ish value for building parameters in tests.
enum ParameterLike: Encodable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByNilLiteral, ExpressibleByFloatLiteral
{
    case string(String), int(Int), double(Double), bool(Bool), array([ParameterLike]), object(OrderedObject), null

    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .int(value) }
    init(floatLiteral value: Double) { self = .double(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(arrayLiteral elements: ParameterLike...) { self = .array(elements) }
    init(nilLiteral: ()) { self = .null }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .string(let value): try value.encode(to: encoder)
        case .int(let value): try value.encode(to: encoder)
        case .double(let value): try value.encode(to: encoder)
        case .bool(let value): try value.encode(to: encoder)
        case .array(let value): try value.encode(to: encoder)
        case .object(let value): try value.encode(to: encoder)
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        }
    }
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
