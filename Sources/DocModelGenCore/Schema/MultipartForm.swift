/// How a multipart body's fields travel, following the Python SDK's form rules (`utils/forms.py`):
/// file models are file parts; strings, numbers, flags, constants, dates and enums are text fields;
/// lists of those are repeated `name[]` fields; other models, unions, dictionaries, `Any` and lists
/// of models are one `application/json` part. A wire rule, not a Swift one: the validator rejects
/// what cannot travel and the Swift emitter spells the rest.
public enum MultipartForm {
    /// How one field travels.
    public enum Part: Equatable, Sendable {
        /// A file part, from a file-shaped model (`file_name`, `content`, `content_type`).
        case file(Model)
        /// A repeated `name[]` file part, one per element (the SDK's "array of files").
        case fileList(Model, elementIsOptional: Bool)
        /// One text field.
        case text(TextValue)
        /// A repeated `name[]` text field, one per element (nil elements are skipped).
        case textList(TextValue, elementIsOptional: Bool)
        /// One `application/json` part.
        case json
        /// What multipart/form-data cannot carry (the validator reports it), described.
        case unsupported(String)
    }

    /// What a text field's value is.
    public enum TextValue: Equatable, Sendable {
        /// A string, number, flag or constant, spelled as Python prints it.
        case scalar
        /// A date, date-time or enum: its wire text.
        case wireText
    }

    /// Whether a part travels among the SDK's files (after every plain form field): httpx writes
    /// `data` before `files`, and the SDK puts files and JSON parts in `files`
    /// (`unstructured_client/utils/forms.py`, `serialize_multipart_form`).
    public static func isFilePart(_ part: Part) -> Bool {
        switch part {
        case .file, .fileList, .json: true
        case .text, .textList, .unsupported: false
        }
    }

    public static func part(for field: Field, in schema: Schema) -> Part {
        if let file = schema.fileModel(referencedBy: field.type) { return .file(file) }
        let value = field.type.unwrappingWrappers
        if let text = textValue(value, in: schema) { return .text(text) }
        switch value {
        case .list(let element):
            if let text = textValue(element.unwrappingWrappers, in: schema) {
                return .textList(text, elementIsOptional: element != element.unwrappingWrappers)
            }
            if let file = schema.fileModel(referencedBy: element) {
                return .fileList(file, elementIsOptional: element != element.unwrappingWrappers)
            }
            return element.allExpressions.contains(.fileContent) ? .unsupported("a list holding file content") : .json
        case .fileContent:
            return .unsupported("file content outside a file model (file_name, content, content_type)")
        case .reference, .dictionary, .any, .unknown, .union:
            return .json
        case .bytes:
            return .unsupported("bytes outside a file model (file_name, content, content_type)")
        case .null:
            // The SDK leaves `None` out of a form, and `Literal[None]` is never anything else.
            return .unsupported("a field that is always null")
        default:
            return .unsupported("an SDK runtime object")
        }
    }

    /// How a scalar travels as a text field, or nil when `type` is not one.
    private static func textValue(_ type: TypeExpression, in schema: Schema) -> TextValue? {
        switch type {
        case .string, .integer, .float, .boolean, .literal, .decimal: return .scalar
        case .date, .dateTime: return .wireText
        case .reference(let reference):
            guard let target = reference.target, case .enumeration = schema.model(atPath: target)?.kind else { return nil }
            return .wireText
        default: return nil
        }
    }
}
