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
