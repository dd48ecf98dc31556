/// The body of a multipart model's `multipartParts()`: one statement per field, in field order,
/// following the Python SDK's form rules (`utils/forms.py`): unset optionals are left out;
/// strings, numbers and flags are text fields spelled as Python spells them; file models are file
/// parts; lists of scalars are repeated `name[]` fields; other models, dictionaries and lists of
/// models are one `application/json` part.
enum MultipartPartsRenderer {
    /// How one field travels.
    enum PartKind: Equatable {
        case file(Model)
        case scalar
        case scalarList(elementIsOptional: Bool)
        case json
        /// The validator rejects these before anything is emitted.
        case unsupported(String)
    }

    static func kind(of field: Field, in schema: Schema) -> PartKind {
        if let file = schema.fileModel(referencedBy: field.type) { return .file(file) }
        switch field.type.unwrappingOptional {
        case .string, .integer, .float, .boolean:
            return .scalar
        case .list(let element):
            switch element.unwrappingOptional {
            case .string, .integer, .float, .boolean:
                if case .optional = element { return .scalarList(elementIsOptional: true) }
                return .scalarList(elementIsOptional: false)
            default:
                if schema.fileModel(referencedBy: element) != nil {
                    return .unsupported("a list of files")
                }
                return element.allExpressions.contains(.fileContent) ? .unsupported("a list holding file content") : .json
            }
        case .fileContent:
            return .unsupported("file content outside a file model (file_name, content, content_type)")
        case .reference, .dictionary:
            return .json
        case .optional, .unknown:
            return .unsupported("an unparsed type")
        }
    }

    /// Source lines (indented relative to the function body) that append `field`'s parts to `parts`.
    static func lines(for field: Field, in schema: Schema) -> [String] {
        let name = SwiftNaming.escaped(field.swiftName)
        let wire = SwiftSourceText.stringLiteral(field.wireName)
        let value = field.isOptional ? "value" : "self.\(name)"
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
        case .scalar:
            body = ["parts.append(.field(name: \(wire), value: \(value)))"]
        case .scalarList(let elementIsOptional):
            let listWire = SwiftSourceText.stringLiteral(field.wireName + "[]")
            body = [
                "for \(elementIsOptional ? "case let element?" : "element") in \(value) {",
                "    parts.append(.field(name: \(listWire), value: element))",
                "}",
            ]
        case .json:
            body = ["parts.append(try .json(name: \(wire), value: \(value)))"]
        case .unsupported:
            body = []
        }
        guard field.isOptional else { return body }
        return ["if let value = self.\(name) {"] + body.map { "    " + $0 } + ["}"]
    }
}
