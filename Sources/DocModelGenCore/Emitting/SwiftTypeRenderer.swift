/// `TypeExpression` → Swift type text.
enum SwiftTypeRenderer {
    /// The Swift type of `field`, with `?` when the field may be absent.
    static func swiftType(of field: Field, in schema: Schema) -> String {
        let base = swiftType(of: field.type.unwrappingOptional, in: schema)
        return field.isOptional ? base + "?" : base
    }

    static func swiftType(of type: TypeExpression, in schema: Schema) -> String {
        switch type {
        case .string: return "String"
        case .integer: return "Int"
        case .float: return "Double"
        case .boolean: return "Bool"
        case .fileContent: return "FileContent"
        case .optional(let wrapped): return swiftType(of: wrapped, in: schema) + "?"
        case .list(let element): return "[\(swiftType(of: element, in: schema))]"
        case .dictionary(let value): return "[String: \(swiftType(of: value, in: schema))]"
        case .reference(let reference):
            // The validator guarantees the target exists before anything is emitted.
            return reference.target.flatMap { schema.model(atPath: $0)?.swiftName } ?? reference.text
        case .unknown(let text): return text
        }
    }

    /// Whether any field needs the runtime library.
    static func needsRuntime(_ model: Model) -> Bool {
        model.fields.contains { field in field.type.allExpressions.contains(.fileContent) }
    }
}
