/// The intermediate schema: what the docs say, independent of markdown and of Swift syntax.
/// Every node keeps where it came from so diagnostics and generated comments can point at the page.
public struct Schema: Codable, Sendable, Hashable {
    /// Models in input order (sorted by page path).
    public var models: [Model]

    public init(models: [Model]) {
        self.models = models
    }

    /// The model generated from the page at `path`, if any.
    public func model(atPath path: String) -> Model? {
        models.first { $0.sourcePath == path }
    }

    /// The file-shaped model `type` refers to (through `Optional`), if any.
    public func fileModel(referencedBy type: TypeExpression) -> Model? {
        guard case .reference(let reference) = type.unwrappingOptional, let target = reference.target,
              let model = model(atPath: target), model.isFileShape
        else { return nil }
        return model
    }
}

/// One model page.
public struct Model: Codable, Sendable, Hashable {
    /// The name as the page titles it (`BodyGenImageToVideo`), or the file name when the page has no title.
    public var name: String
    /// The Swift type name.
    public var swiftName: String
    /// Page path relative to the input root.
    public var sourcePath: String
    /// The title heading's location, or the top of the page.
    public var location: SourceLocation
    /// Whether the page has a `# Title` heading.
    public var hasTitle: Bool
    /// Text between the title and the first section, if any.
    public var summary: String?
    /// The `## Fields` table, or nil when the page has none.
    public var fieldsTable: FieldsTable?
    public var fields: [Field]
    /// Whether the model is sent as `multipart/form-data`: it carries a file, or the user said so.
    public var isMultipartBody: Bool = false

    public init(
        name: String, swiftName: String, sourcePath: String, location: SourceLocation, hasTitle: Bool,
        summary: String?, fieldsTable: FieldsTable?, fields: [Field]
    ) {
        self.name = name
        self.swiftName = swiftName
        self.sourcePath = sourcePath
        self.location = location
        self.hasTitle = hasTitle
        self.summary = summary
        self.fieldsTable = fieldsTable
        self.fields = fields
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
    /// The Swift property name (`modelId`), without keyword escaping.
    public var swiftName: String
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

    public init(
        wireName: String, swiftName: String, type: TypeExpression, typeText: String, required: RequiredMarker,
        description: String?, example: String?, location: SourceLocation, typeLocation: SourceLocation,
        requiredLocation: SourceLocation
    ) {
        self.wireName = wireName
        self.swiftName = swiftName
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
