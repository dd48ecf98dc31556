/// `TypeExpression` → Swift type text.
enum SwiftTypeRenderer {
    /// The type of `field`'s stored property, as declared.
    static func propertyType(of field: Field, propertyName: String, in binding: SwiftBinding) -> String {
        var value = swiftType(of: field.type.unwrappingWrappers, in: binding, format: field.format)
        if field.isSentAsString == true { value = "StringEncoded<\(value)>" }
        switch FieldStorage(field) {
        case .plain: return value
        case .optional, .nullable: return value + "?"
        case .optionalNullable: return "OptionalNullable<\(value)>"
        case .literal(_, let optional): return "Literal<\(FieldStorage.constantTypeName(propertyName: propertyName))>" + (optional ? "?" : "")
        }
    }

    /// `format` is the field's format from an overlay: it picks the width of its integers.
    static func swiftType(of type: TypeExpression, in binding: SwiftBinding, format: String? = nil) -> String {
        func swiftType(of type: TypeExpression, in binding: SwiftBinding) -> String {
            Self.swiftType(of: type, in: binding, format: format)
        }
        switch type {
        case .string: return "String"
        case .integer: return integerType(format: format)
        case .float: return "Double"
        case .boolean: return "Bool"
        case .any: return "JSONValue"
        case .date: return "DateTime"
        case .dateTime: return "DateTime"
        case .fileContent: return "FileContent"
        case .bytes: return "ByteString"
        case .decimal: return "DecimalString"
        case .null: return "JSONNull"
        case .union(let members) where (2...8).contains(members.count):
            return "OneOf\(members.count)<" + members.map { swiftType(of: $0, in: binding) }.joined(separator: ", ") + ">"
        case .union:
            // More members than the runtime's one-of types hold (the validator warns): any JSON.
            return "JSONValue"
        case .optional(let wrapped), .nullable(let wrapped): return swiftType(of: wrapped, in: binding) + "?"
        case .optionalNullable(let wrapped): return "OptionalNullable<\(swiftType(of: wrapped, in: binding))>"
        case .list(let element): return "[\(swiftType(of: element, in: binding))]"
        case .dictionary(let value): return "[String: \(swiftType(of: value, in: binding))]"
        case .literal(let constant):
            switch constant {
            case .string: return "String"
            case .integer: return "Int"
            case .boolean: return "Bool"
            }
        case .reference(let reference):
            // The validator guarantees the target exists before anything is emitted.
            return reference.target.flatMap(binding.typeName(atPath:)) ?? reference.text
        case .sdkObject(let text): return text
        // Not understood (a warning): any JSON, kept as it is.
        case .unknown, .malformed: return "JSONValue"
        }
    }

    /// `Int32` for `int32`, `Int64` for `int64`, else `Int`. Python's `int` is unbounded and the
    /// wire text is the same; the width only bounds what Swift accepts.
    static func integerType(format: String?) -> String {
        switch format {
        case "int32": "Int32"
        case "int64": "Int64"
        default: "Int"
        }
    }

    /// Swift source for a literal constant's value.
    static func literalSource(_ constant: LiteralConstant) -> String {
        switch constant {
        case .string(let text): return SwiftSourceText.stringLiteral(text)
        case .integer(let value): return String(value)
        case .boolean(let value): return value ? "true" : "false"
        }
    }

    /// Whether `model`'s generated code needs `DocModelRuntime`.
    static func needsRuntime(_ model: Model) -> Bool {
        if model.isMultipartBody { return true }
        switch model.kind {
        case .object:
            return model.wireFields.contains { field in
                switch FieldStorage(field) {
                case .nullable, .optionalNullable, .literal: return true
                case .plain, .optional: break
                }
                return field.type.allExpressions.contains(where: usesRuntime)
            }
        case .union:
            // `UnionFit` chooses among members that all decode.
            return true
        case .enumeration, .skipped:
            return false
        }
    }

    private static func usesRuntime(_ type: TypeExpression) -> Bool {
        switch type {
        case .any, .unknown, .date, .dateTime, .fileContent, .optionalNullable, .literal, .bytes, .decimal, .null, .union: return true
        default: return false
        }
    }
}
