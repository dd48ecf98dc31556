import Foundation

/// A server URL template's variable that is not filled, not in the template, or a result that is
/// no URL.
public enum ServerURLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The template names `{name}` but no value was given.
    case missingVariable(String)
    /// A value was given for a name the template does not have.
    case unknownVariable(String)
    /// A `{` without its `}`.
    case unterminatedVariable(template: String)
    /// The filled template is not an absolute URL with a host.
    case invalidURL(String)

    public var description: String {
        switch self {
        case .missingVariable(let name): "the server URL variable '\(name)' has no value"
        case .unknownVariable(let name): "the server URL has no variable '\(name)'"
        case .unterminatedVariable(let template): "the server URL template '\(template)' has a '{' without '}'"
        case .invalidURL(let text): "'\(text)' is not a valid server URL"
        }
    }
}

/// A server URL template (`https://{region}.example.com`) with its variables filled: throws
/// ServerURLError for an unknown/missing variable or an invalid URL.
public enum ServerURLTemplate {
    /// `template` with each `{name}` replaced by `variables[name]` as it is (the SDK's
    /// `url_params`, SDK-FACTS i.8, replace `{name}` without escaping).
    public static func url(_ template: String, variables: [String: String] = [:]) throws -> URL {
        var result = ""
        var used = Set<String>()
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw ServerURLError.unterminatedVariable(template: template)
            }
            let name = String(rest[rest.index(after: open)..<close])
            guard let value = variables[name] else { throw ServerURLError.missingVariable(name) }
            result += value
            used.insert(name)
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        if let unknown = variables.keys.sorted().first(where: { !used.contains($0) }) {
            throw ServerURLError.unknownVariable(unknown)
        }
        guard let url = URL(string: result), url.scheme != nil, url.host != nil else {
            throw ServerURLError.invalidURL(result)
        }
        return url
    }
}
