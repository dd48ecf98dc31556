/// The body of a multipart model's `multipartParts()`: one statement per field, each part as
/// `MultipartForm` says it travels: the plain fields in field order, then the files and JSON parts
/// in field order, as the SDK sends them. Unset optionals and nulls are left out.
enum MultipartPartsRenderer {
    /// How a text value is turned into something `PythonFormValueConvertible`.
    private static func accessor(_ value: MultipartForm.TextValue) -> String {
        switch value {
        case .scalar: ""
        case .wireText: ".rawValue"
        }
    }

    /// The body of `multipartParts()` after `var parts`: the fields' lines, preceded by reserving
    /// room for one part per field so that appending does not regrow the array part by part.
    /// `storedUnder` names the private storage of deprecated properties by wire name: generated code
    /// reads those instead of the deprecated accessor.
    static func lines(for model: Model, in binding: SwiftBinding, storedUnder: [String: String] = [:]) -> [String] {
        let schema = binding.schema
        // Additional properties are not form parts: the SDK's form encoder sends declared fields.
        let declared = model.wireFields.filter { !$0.isAdditionalProperties }
        let isFile = { (field: Field) in MultipartForm.isFilePart(MultipartForm.part(for: field, in: schema)) }
        let fields = declared.filter { !isFile($0) } + declared.filter(isFile)
        let body = fields.flatMap { lines(for: $0, of: model, in: binding, storedUnder: storedUnder[$0.wireName]) }
        let partFields = fields.filter { field in
            if case .unsupported = MultipartForm.part(for: field, in: schema) { return false }
            return true
        }
        guard partFields.count > 1 else { return body }
        return ["parts.reserveCapacity(\(partFields.count))"] + body
    }

    /// The statement that appends one file part named `name` (a Swift string literal) from the
    /// file model `file` held in `value`.
    private static func filePart(name: String, file: Model, value: String, in binding: SwiftBinding) -> String {
        func member(_ wireName: String) -> String {
            let swiftName = file.fields.first { $0.wireName == wireName }.map { binding.propertyName(of: $0, in: file) } ?? wireName
            return "\(value).\(SwiftNaming.escaped(swiftName))"
        }
        return "parts.append(.file(name: \(name), filename: \(member("file_name")), content: \(member("content")), contentType: \(member("content_type"))))"
    }

    /// Source lines (indented relative to the function body) that append `field`'s parts to `parts`.
    static func lines(for field: Field, of model: Model, in binding: SwiftBinding, storedUnder storage: String? = nil) -> [String] {
        let schema = binding.schema
        let name = storage ?? SwiftNaming.escaped(binding.propertyName(of: field, in: model))
        let wire = SwiftSourceText.stringLiteral(field.wireName)
        let storage = FieldStorage(field)
        let value: String
        switch storage {
        case .plain: value = "self.\(name)"
        case .literal(_, let optional): value = optional ? "value" : "self.\(name).value"
        default: value = "value"
        }
        var body: [String]
        switch MultipartForm.part(for: field, in: schema) {
        case .file(let file):
            body = [filePart(name: wire, file: file, value: value, in: binding)]
        case .fileList(let file, let elementIsOptional):
            body = [
                "for \(elementIsOptional ? "case let element?" : "element") in \(value) {",
                "    " + filePart(name: SwiftSourceText.stringLiteral(field.wireName + "[]"), file: file, value: "element", in: binding),
                "}",
            ]
        case .text(let text):
            body = ["parts.append(.field(name: \(wire), value: \(value)\(accessor(text))))"]
        case .textList(let text, let elementIsOptional):
            let listWire = SwiftSourceText.stringLiteral(field.wireName + "[]")
            body = [
                "for \(elementIsOptional ? "case let element?" : "element") in \(value) {",
                "    parts.append(.field(name: \(listWire), value: element\(accessor(text))))",
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
