/// How visible the generated declarations are (`--access-level`, config `accessLevel`).
public enum AccessLevel: String, Codable, Sendable, CaseIterable {
    case `public`
    case `internal`
    case `package`
}
