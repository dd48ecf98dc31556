/// A Type cell, parsed: scalars, wrappers, links to other model pages, and the file-content union.
public indirect enum TypeExpression: Sendable, Hashable {
    case string
    case integer
    case float
    case boolean
    /// `Union[bytes, IO[bytes], io.BufferedReader]`: the content of an uploaded file.
    case fileContent
    case optional(TypeExpression)
    case list(TypeExpression)
    /// `Dict[str, X]`.
    case dictionary(TypeExpression)
    /// A link to another page.
    case reference(ModelReference)
    /// Anything the grammar does not know; the validator reports it.
    case unknown(String)

    /// The type with an outer `Optional[…]` removed.
    public var unwrappingOptional: TypeExpression {
        if case .optional(let wrapped) = self { return wrapped }
        return self
    }

    /// Every sub-expression, depth first, this one included.
    public var allExpressions: [TypeExpression] {
        switch self {
        case .optional(let inner), .list(let inner), .dictionary(let inner): return [self] + inner.allExpressions
        default: return [self]
        }
    }
}

/// A link from a Type cell to another page.
public struct ModelReference: Codable, Sendable, Hashable {
    /// The link text (`components.BodyGenImageToVideoImage`).
    public var text: String
    /// The link destination as written.
    public var destination: String
    /// The linked page's path relative to the input root, or nil when it is not in the input set.
    public var target: String?

    public init(text: String, destination: String, target: String?) {
        self.text = text
        self.destination = destination
        self.target = target
    }
}

/// JSON form: `{"kind": "optional", "wrapped": {...}}`, readable in `docmodelgen schema` output.
extension TypeExpression: Codable {
    private enum CodingKeys: String, CodingKey { case kind, wrapped, reference, text }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        switch kind {
        case "string": self = .string
        case "integer": self = .integer
        case "float": self = .float
        case "boolean": self = .boolean
        case "fileContent": self = .fileContent
        case "optional": self = .optional(try container.decode(TypeExpression.self, forKey: .wrapped))
        case "list": self = .list(try container.decode(TypeExpression.self, forKey: .wrapped))
        case "dictionary": self = .dictionary(try container.decode(TypeExpression.self, forKey: .wrapped))
        case "reference": self = .reference(try container.decode(ModelReference.self, forKey: .reference))
        case "unknown": self = .unknown(try container.decode(String.self, forKey: .text))
        default:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "unknown kind \(kind)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .string: try container.encode("string", forKey: .kind)
        case .integer: try container.encode("integer", forKey: .kind)
        case .float: try container.encode("float", forKey: .kind)
        case .boolean: try container.encode("boolean", forKey: .kind)
        case .fileContent: try container.encode("fileContent", forKey: .kind)
        case .optional(let wrapped):
            try container.encode("optional", forKey: .kind)
            try container.encode(wrapped, forKey: .wrapped)
        case .list(let wrapped):
            try container.encode("list", forKey: .kind)
            try container.encode(wrapped, forKey: .wrapped)
        case .dictionary(let wrapped):
            try container.encode("dictionary", forKey: .kind)
            try container.encode(wrapped, forKey: .wrapped)
        case .reference(let reference):
            try container.encode("reference", forKey: .kind)
            try container.encode(reference, forKey: .reference)
        case .unknown(let text):
            try container.encode("unknown", forKey: .kind)
            try container.encode(text, forKey: .text)
        }
    }
}
