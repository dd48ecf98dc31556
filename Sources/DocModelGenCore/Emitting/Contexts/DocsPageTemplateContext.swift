/// The context of `model.md.mustache`: a markdown page about one model, for Swift users. Code spans
/// come with their backticks; every string is safe where the bundled template puts it.
public struct DocsPageTemplateContext: TemplateContext {
    /// What the page documents. Its keys join the page's: `isObject`, `isEnum`, `isUnion` or
    /// `isSkipped` is `true`, and only that kind's keys are present.
    public enum Kind: Sendable, Hashable {
        /// A struct (`isObject`): its `properties` and `isMultipartBody` (whether it is sent as
        /// `multipart/form-data`); `hasProperties` says whether there is any property.
        case object(properties: [Property], isMultipartBody: Bool)
        /// An enum (`isEnum`): its `cases`, and `isOpen` (whether unknown values are kept).
        case enumeration(cases: [Case], isOpen: Bool)
        /// A union (`isUnion`): its `members` in decoding order.
        case union(members: [Member])
        /// A page without declarations (`isSkipped`): the `reason`, escaped as a table cell.
        case skipped(reason: String)
    }

    /// A row of the Properties table.
    public struct Property: TemplateObject {
        /// The Swift property's name (in backticks when a keyword) as a code span.
        public var name: String
        /// The field's wire name as a code span.
        public var wireName: String
        /// The property's Swift type as a code span.
        public var type: String
        /// `Yes` or `No`.
        public var required: String
        /// The field's description as a table cell: pipes escaped, line breaks as `<br/>`.
        public var description: String

        public var templateValues: TemplateValue.Members {
            [
                "name": .string(name), "wireName": .string(wireName), "type": .string(type), "required": .string(required),
                "description": .string(description),
            ]
        }
    }

    /// A row of the Cases table.
    public struct Case: TemplateObject {
        /// The Swift case with its leading dot (`.red`) as a code span.
        public var name: String
        /// The wire value as a code span.
        public var value: String

        public var templateValues: TemplateValue.Members { ["name": .string(name), "value": .string(value)] }
    }

    /// A row of the Members table.
    public struct Member: TemplateObject {
        /// The Swift case with its leading dot as a code span.
        public var name: String
        /// The member's Swift type as a code span.
        public var type: String
        /// The member's type as the docs write it, as a code span.
        public var docsType: String

        public var templateValues: TemplateValue.Members {
            ["name": .string(name), "type": .string(type), "docsType": .string(docsType)]
        }
    }

    /// The page's path relative to the input root, as a code span.
    public var sourcePath: String
    /// The page's path on one line with `--` broken up as `- -`: safe in an HTML comment.
    public var headerSourcePath: String
    /// The Swift type's name.
    public var typeName: String
    /// The model's name as the docs' title gives it, as a code span.
    public var name: String
    /// The page's summary: line breaks kept (as `\n`), other control characters replaced by
    /// spaces; empty without one.
    public var summary: String
    /// Whether the page has a summary.
    public var hasSummary: Bool
    /// What the page documents, with the keys of that kind.
    public var kind: Kind

    public var templateName: String { TemplateSet.Name.docsPage }

    public var templateValues: TemplateValue.Members {
        var values = TemplateValue.Members()
        values.reserveCapacity(10)
        values["sourcePath"] = .string(sourcePath)
        values["headerSourcePath"] = .string(headerSourcePath)
        values["typeName"] = .string(typeName)
        values["name"] = .string(name)
        values["summary"] = .string(summary)
        values["hasSummary"] = .bool(hasSummary)
        switch kind {
        case .object(let properties, let isMultipartBody):
            values["isObject"] = true
            values["hasProperties"] = .bool(!properties.isEmpty)
            values["isMultipartBody"] = .bool(isMultipartBody)
            values["properties"] = .objects(properties)
        case .enumeration(let cases, let isOpen):
            values["isEnum"] = true
            values["isOpen"] = .bool(isOpen)
            values["cases"] = .objects(cases)
        case .union(let members):
            values["isUnion"] = true
            values["members"] = .objects(members)
        case .skipped(let reason):
            values["isSkipped"] = true
            values["reason"] = .string(reason)
        }
        return values
    }
}
