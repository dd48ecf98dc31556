/// The values a template sees: strings, flags, lists and objects. Typed (not `[String: Any]`) so
/// contexts are `Sendable` and lookups need no dynamic casts, which dominated rendering time.
public enum TemplateValue: Sendable, Hashable {
    case string(String)
    case bool(Bool)
    case list([TemplateValue])
    case object([String: TemplateValue])

    /// A list of strings.
    public static func strings(_ values: [String]) -> TemplateValue {
        .list(values.map(TemplateValue.string))
    }

    /// A list of objects.
    public static func objects(_ values: [some TemplateObject]) -> TemplateValue {
        .list(values.map { .object($0.templateValues) })
    }

    /// The same value as swift-mustache expects it (`String`, `Bool`, `[Any]`, `[String: Any]`).
    var anyValue: Any {
        switch self {
        case .string(let value): value
        case .bool(let value): value
        case .list(let values): values.map(\.anyValue)
        case .object(let members): members.mapValues(\.anyValue)
        }
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) {
        self = .string(value)
    }

    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }
}
