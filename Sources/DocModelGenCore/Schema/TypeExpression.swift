/// A Type cell, parsed: scalars, wrappers, links to other pages, and the special types the docs use.
public indirect enum TypeExpression: Sendable, Hashable {
    case string
    case integer
    case float
    case boolean
    /// `Any`: any JSON value.
    case any
    /// `[date](https://docs.python.org/…)`: an ISO 8601 calendar date.
    case date
    /// `[datetime](https://docs.python.org/…)`: an RFC 3339 timestamp.
    case dateTime
    /// `Union[bytes, IO[bytes], io.BufferedReader]`: the content of an uploaded file.
    case fileContent
    /// `bytes` outside a file model: raw bytes, which the SDK writes to JSON as UTF-8 text.
    case bytes
    /// `Decimal`: an exact decimal number, which the SDK writes to JSON as a string (`"1.10"`).
    case decimal
    /// `Literal[None]`: always `null`.
    case null
    /// `Union[A, B, …]` written in a Type cell without a page of its own (`Union[str, int]`,
    /// `Union[shared.A, shared.B]`): one of the members, in the order written.
    case union([TypeExpression])
    /// `Optional[X]`: may be absent.
    case optional(TypeExpression)
    /// `Nullable[X]`: present, may be null.
    case nullable(TypeExpression)
    /// `OptionalNullable[X]`: absent, null or a value.
    case optionalNullable(TypeExpression)
    case list(TypeExpression)
    /// `Dict[str, X]`.
    case dictionary(TypeExpression)
    /// `Literal["x"]`, `Literal[True]`, `Literal[3]`: a constant.
    case literal(LiteralConstant)
    /// A link to another page.
    case reference(ModelReference)
    /// An SDK runtime object linked to external docs (`[httpx.Response](https://…)`): not on the wire.
    case sdkObject(String)
    /// A well-formed expression the grammar does not know (`Mystery[int]`): generated as `JSONValue`,
    /// with a warning.
    case unknown(String)
    /// Text that is not an expression at all (`List[str`, an empty cell): an error.
    case malformed(String)

    /// The type with an outer `Optional[…]` removed.
    public var unwrappingOptional: TypeExpression {
        if case .optional(let wrapped) = self { return wrapped }
        return self
    }

    /// The type with every outer `Optional`, `Nullable` and `OptionalNullable` removed.
    public var unwrappingWrappers: TypeExpression {
        switch self {
        case .optional(let wrapped), .nullable(let wrapped), .optionalNullable(let wrapped):
            return wrapped.unwrappingWrappers
        default:
            return self
        }
    }

    /// Every sub-expression, depth first, this one included.
    public var allExpressions: [TypeExpression] {
        switch self {
        case .optional(let inner), .nullable(let inner), .optionalNullable(let inner), .list(let inner),
             .dictionary(let inner):
            return [self] + inner.allExpressions
        case .union(let members):
            return [self] + members.flatMap(\.allExpressions)
        default:
            return [self]
        }
    }

    /// The pages this type refers to.
    public var referencedPaths: [String] {
        allExpressions.compactMap { if case .reference(let reference) = $0 { return reference.target } else { return nil } }
    }
}

/// The value of a `Literal[…]`.
public enum LiteralConstant: Codable, Sendable, Hashable {
    case string(String)
    case integer(Int)
    case boolean(Bool)
}

/// A link from a Type cell to another page.
public struct ModelReference: Codable, Sendable, Hashable {
    /// The link text (`components.BodyGenImageToVideoImage`).
    public var text: String
    /// The link destination as written (empty for a bare `namespace.Name` in a union heading).
    public var destination: String
    /// The linked page's path relative to the input root, or nil when it is not in the input set.
    public var target: String?
    /// For a name that found no page (empty) or several (their paths): what the lookup saw. Nil for
    /// links and found names.
    public var candidates: [String]?

    public init(text: String, destination: String, target: String?, candidates: [String]? = nil) {
        self.text = text
        self.destination = destination
        self.target = target
        self.candidates = candidates
    }
}

/// JSON form: `{"kind": "optional", "wrapped": {...}}`, readable in `docmodelgen schema` output.
extension TypeExpression: Codable {
    private enum CodingKeys: String, CodingKey { case kind, wrapped, reference, text, literal, members }

    private static let simple: [String: TypeExpression] = [
        "string": .string, "integer": .integer, "float": .float, "boolean": .boolean, "any": .any,
        "date": .date, "dateTime": .dateTime, "fileContent": .fileContent, "bytes": .bytes, "decimal": .decimal,
        "null": .null,
    ]

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        if let simple = Self.simple[kind] {
            self = simple
            return
        }
        switch kind {
        case "optional": self = .optional(try container.decode(TypeExpression.self, forKey: .wrapped))
        case "nullable": self = .nullable(try container.decode(TypeExpression.self, forKey: .wrapped))
        case "optionalNullable": self = .optionalNullable(try container.decode(TypeExpression.self, forKey: .wrapped))
        case "list": self = .list(try container.decode(TypeExpression.self, forKey: .wrapped))
        case "dictionary": self = .dictionary(try container.decode(TypeExpression.self, forKey: .wrapped))
        case "literal": self = .literal(try container.decode(LiteralConstant.self, forKey: .literal))
        case "union": self = .union(try container.decode([TypeExpression].self, forKey: .members))
        case "reference": self = .reference(try container.decode(ModelReference.self, forKey: .reference))
        case "sdkObject": self = .sdkObject(try container.decode(String.self, forKey: .text))
        case "unknown": self = .unknown(try container.decode(String.self, forKey: .text))
        case "malformed": self = .malformed(try container.decode(String.self, forKey: .text))
        default:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "unknown kind \(kind)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .string, .integer, .float, .boolean, .any, .date, .dateTime, .fileContent, .bytes, .decimal, .null:
            try container.encode(Self.simple.first { $0.value == self }?.key, forKey: .kind)
        case .optional(let wrapped):
            try container.encode("optional", forKey: .kind)
            try container.encode(wrapped, forKey: .wrapped)
        case .nullable(let wrapped):
            try container.encode("nullable", forKey: .kind)
            try container.encode(wrapped, forKey: .wrapped)
        case .optionalNullable(let wrapped):
            try container.encode("optionalNullable", forKey: .kind)
            try container.encode(wrapped, forKey: .wrapped)
        case .list(let wrapped):
            try container.encode("list", forKey: .kind)
            try container.encode(wrapped, forKey: .wrapped)
        case .dictionary(let wrapped):
            try container.encode("dictionary", forKey: .kind)
            try container.encode(wrapped, forKey: .wrapped)
        case .literal(let constant):
            try container.encode("literal", forKey: .kind)
            try container.encode(constant, forKey: .literal)
        case .union(let members):
            try container.encode("union", forKey: .kind)
            try container.encode(members, forKey: .members)
        case .reference(let reference):
            try container.encode("reference", forKey: .kind)
            try container.encode(reference, forKey: .reference)
        case .sdkObject(let text):
            try container.encode("sdkObject", forKey: .kind)
            try container.encode(text, forKey: .text)
        case .unknown(let text):
            try container.encode("unknown", forKey: .kind)
            try container.encode(text, forKey: .text)
        case .malformed(let text):
            try container.encode("malformed", forKey: .kind)
            try container.encode(text, forKey: .text)
        }
    }
}
