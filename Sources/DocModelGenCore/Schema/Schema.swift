/// The intermediate schema: what the docs say, independent of markdown and of Swift (Swift names
/// are given by the binding step, `SwiftBinding`).
/// Every node keeps where it came from so diagnostics and generated comments can point at the page.
public struct Schema: Codable, Sendable, Hashable {
    /// Models in input order (sorted by page path).
    public var models: [Model]
    /// The SDK's operations and what its README says of servers and security, when the input has
    /// `docs/sdks` beside `docs/models`; absent otherwise (and from the JSON).
    public var api: API?

    public init(models: [Model], api: API? = nil) {
        self.models = models
        self.api = api
    }

    /// The model generated from the page at `path`, if any.
    public func model(atPath path: String) -> Model? {
        index(ofPath: path).map { models[$0] }
    }

    /// The index in `models` of the page at `path`, if any.
    public func index(ofPath path: String) -> Int? {
        // Models are sorted by path, so a binary search finds it (every reference is resolved this
        // way; a linear search made generation quadratic). A schema built in another order still
        // gets the right answer, only slower.
        var low = 0, high = models.count
        while low < high {
            let middle = (low + high) / 2
            if models[middle].sourcePath < path { low = middle + 1 } else { high = middle }
        }
        if low < models.count, models[low].sourcePath == path { return low }
        return models.firstIndex { $0.sourcePath == path }
    }

    /// The file-shaped model `type` refers to (through `Optional`), if any.
    public func fileModel(referencedBy type: TypeExpression) -> Model? {
        guard case .reference(let reference) = type.unwrappingWrappers, let target = reference.target,
              let model = model(atPath: target), model.isFileShape
        else { return nil }
        return model
    }
}

/// One model page.
public struct Model: Codable, Sendable, Hashable {
    /// The name as the page titles it (`BodyGenImageToVideo`), or the file name when the page has no title.
    public var name: String
    /// Page path relative to the input root.
    public var sourcePath: String
    /// The folder the page sits in (`components`, `shared`, `errors`, …), if any.
    public var namespace: String?
    /// The title heading's location, or the top of the page.
    public var location: SourceLocation
    /// Whether the page has a `# Title` heading.
    public var hasTitle: Bool
    /// Text between the title and the first section, if any (markdown).
    public var summary: String?
    /// What the page defines.
    public var kind: ModelKind
    /// Whether the model is sent as `multipart/form-data`: it carries a file, or the user said so.
    public var isMultipartBody: Bool = false
    /// Set when the page says the model is deprecated: the message it gives (`Use X instead.`).
    public var deprecation: String?
    /// What an overlay matched the page to, for messages and docs: `#/components/schemas/X`, or
    /// the Python module and class.
    public var wirePaths: [String]?

    public init(
        name: String, sourcePath: String, namespace: String?, location: SourceLocation,
        hasTitle: Bool, summary: String?, kind: ModelKind
    ) {
        self.name = name
        self.sourcePath = sourcePath
        self.namespace = namespace
        self.location = location
        self.hasTitle = hasTitle
        self.summary = summary
        self.kind = kind
    }

    /// The object's fields (empty for enums, unions and skipped pages).
    public var fields: [Field] {
        if case .object(let object) = kind { return object.fields }
        return []
    }

    /// The object's fields that travel on the wire (SDK runtime objects such as `httpx.Response`
    /// are left out).
    public var wireFields: [Field] {
        fields.filter { if case .sdkObject = $0.type.unwrappingWrappers { return false } else { return true } }
    }

    /// Whether the SDK made this model around an operation's response (a spec has no schema of
    /// it): its fields include the response's metadata, an `http_meta` or a raw HTTP response
    /// (`raw_response: httpx.Response`, `GetJobResponse`).
    public var isSDKResponse: Bool {
        fields.contains { field in
            let name = field.documentedName ?? field.wireName
            if name == "http_meta" { return true }
            if case .sdkObject = field.type.unwrappingWrappers, name == "raw_response" { return true }
            return false
        }
    }

    /// The `## Fields` table, or nil when the page has none.
    public var fieldsTable: FieldsTable? {
        if case .object(let object) = kind { return object.fieldsTable }
        return nil
    }

    /// Whether this is the docs' file model: `file_name: str`, `content: Union[bytes, IO[bytes],
    /// io.BufferedReader]` and an optional `content_type: str`, as Speakeasy writes every upload.
    public var isFileShape: Bool {
        let byName = Dictionary(fields.map { ($0.wireName, $0) }, uniquingKeysWith: { first, _ in first })
        guard fields.count == 3, let name = byName["file_name"], let content = byName["content"],
              let type = byName["content_type"]
        else { return false }
        return name.type.unwrappingOptional == .string && !name.isOptional
            && content.type.unwrappingOptional == .fileContent && !content.isOptional
            && type.type.unwrappingOptional == .string
    }
}

/// What a page defines.
public enum ModelKind: Codable, Sendable, Hashable {
    /// `## Fields`: a struct.
    case object(ObjectModel)
    /// `## Values`: an enum of constants.
    case enumeration(EnumModel)
    /// `## Supported Types`: one of several types.
    case union(UnionModel)
    /// A page that is SDK plumbing rather than a wire model (reported as a warning).
    case skipped(reason: String)
}

/// JSON form: one key naming the kind, holding its payload (`{"union": {"members": […]}}`).
extension ModelKind {
    private enum CodingKeys: String, CodingKey { case object, enumeration, union, skipped }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let object = try container.decodeIfPresent(ObjectModel.self, forKey: .object) {
            self = .object(object)
        } else if let enumeration = try container.decodeIfPresent(EnumModel.self, forKey: .enumeration) {
            self = .enumeration(enumeration)
        } else if let union = try container.decodeIfPresent(UnionModel.self, forKey: .union) {
            self = .union(union)
        } else {
            self = .skipped(reason: try container.decode(String.self, forKey: .skipped))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .object(let object): try container.encode(object, forKey: .object)
        case .enumeration(let enumeration): try container.encode(enumeration, forKey: .enumeration)
        case .union(let union): try container.encode(union, forKey: .union)
        case .skipped(let reason): try container.encode(reason, forKey: .skipped)
        }
    }
}

public struct ObjectModel: Codable, Sendable, Hashable {
    /// The `## Fields` table, or nil when the page has none.
    public var fieldsTable: FieldsTable?
    public var fields: [Field]
    /// Rows the parser counted but did not read (see `PageParser.maximumTableRows`).
    public var omittedFields: Int?
}

public struct EnumModel: Codable, Sendable, Hashable {
    /// An open enum keeps values it does not know instead of failing to decode.
    public var isOpen: Bool
    public var cases: [EnumCase]
    /// Rows the parser counted but did not read (see `PageParser.maximumTableRows`).
    public var omittedCases: Int?
    /// Where the values are listed.
    public var location: SourceLocation

    /// Whether every value is an integer (an `Int` enum), rather than a string enum.
    public var isInteger: Bool {
        !cases.isEmpty && cases.allSatisfy { Int($0.value) != nil }
    }
}

public struct EnumCase: Codable, Sendable, Hashable {
    /// The Name column (or the value, in the list form).
    public var name: String
    /// The wire value.
    public var value: String
    public var location: SourceLocation
}

public struct UnionModel: Codable, Sendable, Hashable {
    /// Members in page order: decoding tries them in this order, as the Python SDK does.
    public var members: [UnionMember]

    /// The members that are JSON values: an SDK object (`eventstreaming.EventStream[…]`, an
    /// `httpx.Response`) is not one, and has no Swift case.
    public var wireMembers: [UnionMember] {
        members.filter { if case .sdkObject = $0.type.unwrappingWrappers { return false } else { return true } }
    }
}

public struct UnionMember: Codable, Sendable, Hashable {
    /// The heading's type text (`shared.SecretReference`).
    public var typeText: String
    public var type: TypeExpression
    public var location: SourceLocation
}

/// The shape of a page's Fields table as written.
public struct FieldsTable: Codable, Sendable, Hashable {
    /// Header cell texts in order.
    public var columns: [String]
    public var location: SourceLocation
}

/// One row of a Fields table.
public struct Field: Codable, Sendable, Hashable {
    /// The name on the wire (`model_id`).
    public var wireName: String
    /// The parsed Type cell.
    public var type: TypeExpression
    /// The Type cell as written, for diagnostics and docs.
    public var typeText: String
    public var required: RequiredMarker
    /// The Description cell, nil when empty or `N/A`.
    public var description: String?
    /// The Example cell, when the table has one.
    public var example: String?
    /// Where the Field cell starts.
    public var location: SourceLocation
    public var typeLocation: SourceLocation
    public var requiredLocation: SourceLocation
    /// True when struck through in the docs (`` ~~`name`~~ ``) or described as deprecated; nil otherwise.
    public var isDeprecated: Bool?
    /// The name the docs give the field (Python's attribute, unescaped), set when an overlay
    /// (`WireOverlay`) gave it a different `wireName`: Swift names follow the docs, the wire
    /// follows the overlay.
    public var documentedName: String?
    /// The default an overlay found (the spec's `default`, the Python class's value).
    public var defaultValue: WireValue?
    /// The format an overlay found (`int32`, `int64`, `date`, `date-time`, `uuid`, …).
    public var format: String?
    /// Set when an overlay says a number the docs show as `int` or `float` travels as a JSON
    /// string (a spec's `type: string, format: int64`).
    public var isSentAsString: Bool?

    /// Whether this row is pydantic's `__pydantic_extra__: Dict[str, X]`: not a property but the
    /// object's additional properties (the spec's `additionalProperties`), every key the other
    /// fields do not name, at the object's top level.
    public var isAdditionalProperties: Bool {
        guard (documentedName ?? wireName) == "__pydantic_extra__" else { return false }
        if case .dictionary = type.unwrappingWrappers { return true }
        return false
    }

    public init(
        wireName: String, type: TypeExpression, typeText: String, required: RequiredMarker,
        description: String?, example: String?, location: SourceLocation, typeLocation: SourceLocation,
        requiredLocation: SourceLocation
    ) {
        self.wireName = wireName
        self.type = type
        self.typeText = typeText
        self.required = required
        self.description = description
        self.example = example
        self.location = location
        self.typeLocation = typeLocation
        self.requiredLocation = requiredLocation
    }

    /// Whether the field may be absent. The Required column decides, not the type text: Speakeasy
    /// writes `List[…]` and `Dict[…]` without `Optional` even when they are not required.
    public var isOptional: Bool { required != .required }
}

/// The Required cell: `:heavy_check_mark:`, `:heavy_minus_sign:`, or something else (an error).
public enum RequiredMarker: Codable, Sendable, Hashable {
    case required
    case notRequired
    case invalid(String)

    public init(cell: String) {
        switch cell {
        case ":heavy_check_mark:": self = .required
        case ":heavy_minus_sign:": self = .notRequired
        default: self = .invalid(cell)
        }
    }

    private enum CodingKeys: String, CodingKey { case invalid }

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let value = try? single.decode(String.self) {
            switch value {
            case "required": self = .required
            case "notRequired": self = .notRequired
            default:
                throw DecodingError.dataCorruptedError(in: single, debugDescription: "unknown marker \(value)")
            }
        } else {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self = .invalid(try container.decode(String.self, forKey: .invalid))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .required:
            var single = encoder.singleValueContainer()
            try single.encode("required")
        case .notRequired:
            var single = encoder.singleValueContainer()
            try single.encode("notRequired")
        case .invalid(let text):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(text, forKey: .invalid)
        }
    }
}

extension Schema {
    /// The schema with the models `names` selects also sent as multipart/form-data, even without a
    /// file (`--multipart`). A name selects a model by its page title or by any of `aliases(model)`
    /// (the pipeline passes its Swift name). Names that select nothing are returned, sorted.
    public func markingMultipart(_ names: Set<String>, aliases: (Int) -> [String]) -> (schema: Schema, unmatched: [String]) {
        guard !names.isEmpty else { return (self, []) }
        var schema = self
        var matched = Set<String>()
        for index in models.indices {
            let selectedBy = ([models[index].name] + aliases(index)).filter(names.contains)
            guard !selectedBy.isEmpty else { continue }
            matched.formUnion(selectedBy)
            schema.models[index].isMultipartBody = true
        }
        return (schema, names.subtracting(matched).sorted())
    }
}
