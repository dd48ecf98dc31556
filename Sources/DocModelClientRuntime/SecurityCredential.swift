import Foundation
import HTTPTypes

/// How one credential is applied (SDK-FACTS i.7, the SDKs' `utils/security.py`).
public enum SecurityCredential: Sendable, Hashable {
    /// `Authorization: Bearer <token>`; a token that already starts with `bearer ` (any case) is
    /// sent as it is (`_apply_bearer`).
    case bearer(String)
    /// `Authorization: Basic base64(username:password)` (`_parse_basic_auth_scheme`).
    case basic(username: String, password: String)
    /// A header with the raw value (`apiKey`, `sub_type="header"`).
    case apiKeyHeader(name: String, value: String)
    /// A query pair with the raw value, after the parameters (`apiKey`, `sub_type="query"`).
    case apiKeyQuery(name: String, value: String)

    /// The header this credential sets, if it sets one.
    var header: (name: String, value: String)? {
        switch self {
        case .bearer(let token):
            ("Authorization", token.lowercased().hasPrefix("bearer ") ? token : "Bearer \(token)")
        case .basic(let username, let password):
            ("Authorization", "Basic " + Data("\(username):\(password)".utf8).base64EncodedString())
        case .apiKeyHeader(let name, let value):
            (name, value)
        case .apiKeyQuery:
            nil
        }
    }
}
