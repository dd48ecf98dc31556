/// The body of a multipart model's `multipartParts()`: one statement per field, in field order,
/// following the Python SDK's form rules (`utils/forms.py`): unset optionals and nulls are left
/// out; strings, numbers, flags, dates and enums are text fields spelled as Python spells them;
/// file models are file parts; lists of those scalars are repeated `name[]` fields; other models,
/// unions, dictionaries, `Any` and lists of models are one `application/json` part.
enum MultipartPartsRenderer {
    /// How one field travels.
    enum PartKind: Equatable {
        case file(Model)
        /// A text field; `accessor` turns the value into something `PythonFormValueConvertible`.
        case scalar(accessor: String)
        case scalarList(accessor: String, elementIsOptional: Bool)
        case json
        /// The validator rejects these before anything is emitted.
        case unsupported(String)
    }

    static func kind(of field: Field, in schema: Schema) -> PartKind {
        if let file = schema.fileModel(referencedBy: field.type) { return .file(file) }
        let value = field.type.unwrappingWrappers
        if let accessor = scalarAccessor(value, in: schema) { return .scalar(accessor: accessor) }
        switch value {
        case .list(let element):
            if let accessor = scalarAccessor(element.unwrappingWrappers, in: schema) {
                return .scalarList(accessor: accessor, elementIsOptional: element != element.unwrappingWrappers)
            }
            if schema.fileModel(referencedBy: element) != nil { return .unsupported("a list of files") }
            return element.allExpressions.contains(.fileContent) ? .unsupported("a list holding file content") : .json
        case .fileContent:
            return .unsupported("file content outside a file model (file_name, content, content_type)")
        case .reference, .dictionary, .any:
            return .json
        default:
            return .unsupported("an unparsed type")
        }
    }

    /// How to spell a scalar's value as a form field, or nil when it is not a scalar.
    private static func scalarAccessor(_ type: TypeExpression, in schema: Schema) -> String? {
        switch type {
        case .string, .integer, .float, .boolean, .literal: return ""
        case .date, .dateTime: return ".rawValue"
        case .reference(let reference):
            guard let target = reference.target, case .enumeration = schema.model(atPath: target)?.kind else { return nil }
            return ".rawValue"
        default: return nil
        }
    }

    /// The body of `multipartParts()` after `var parts`: the fields' lines, preceded by reserving
    /// room for one part per field so that appending does not regrow the array part by part.
    static func lines(for fields: [Field], in schema: Schema) -> [String] {
        let body = fields.flatMap { lines(for: $0, in: schema) }
        let partFields = fields.filter { field in
            if case .unsupported = kind(of: field, in: schema) { return false }
            return true
        }
        guard partFields.count > 1 else { return body }
        return ["parts.reserveCapacity(\(partFields.count))"] + body
    }

    /// Source lines (indented relative to the function body) that append `field`'s parts to `parts`.
    static func lines(for field: Field, in schema: Schema) -> [String] {
        let name = SwiftNaming.escaped(field.swiftName)
        let wire = SwiftSourceText.stringLiteral(field.wireName)
        let storage = FieldStorage(field)
        let value: String
        switch storage {
        case .plain: value = "self.\(name)"
        case .literal(_, let optional): value = optional ? "value" : "self.\(name).value"
        default: value = "value"
        }
        var body: [String]
        switch kind(of: field, in: schema) {
        case .file(let file):
            func member(_ wireName: String) -> String {
                let swiftName = file.fields.first { $0.wireName == wireName }?.swiftName ?? wireName
                return "\(value).\(SwiftNaming.escaped(swiftName))"
            }
            body = [
                "parts.append(.file(name: \(wire), filename: \(member("file_name")), content: \(member("content")), contentType: \(member("content_type"))))",
            ]
        case .scalar(let accessor):
            body = ["parts.append(.field(name: \(wire), value: \(value)\(accessor)))"]
        case .scalarList(let accessor, let elementIsOptional):
            let listWire = SwiftSourceText.stringLiteral(field.wireName + "[]")
            body = [
                "for \(elementIsOptional ? "case let element?" : "element") in \(value) {",
                "    parts.append(.field(name: \(listWire), value: element\(accessor)))",
                "}",
            ]
        case .json:
            body = ["parts.append(try .json(name: \(wire), value: \(value)))"]
        case .unsupported:
            body = []
        }
        let opening: String
        switch storage {
        case .plain: return body
        case .literal(_, let optional):
            guard optional else { return body }
            opening = "if let value = self.\(name)?.value {"
        case .optional, .nullable: opening = "if let value = self.\(name) {"
        case .optionalNullable: opening = "if case .value(let value) = self.\(name) {"
        }
        return [opening] + body.map { "    " + $0 } + ["}"]
    }
}
