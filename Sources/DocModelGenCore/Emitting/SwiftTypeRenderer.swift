/// `TypeExpression` → Swift type text.
enum SwiftTypeRenderer {
    /// The type of `field`'s stored property, as declared.
    static func propertyType(
        of field: Field, propertyName: String, in binding: SwiftBinding, names: LibraryNames = .qualified, typePrefix: String = ""
    ) -> String {
        var value = swiftType(of: field.type.unwrappingWrappers, in: binding, format: field.format, names: names, typePrefix: typePrefix)
        if field.isSentAsString == true { value = names.runtime("StringEncoded") + "<\(value)>" }
        switch FieldStorage(field) {
        case .plain: return value
        case .optional, .nullable: return value + "?"
        case .optionalNullable: return names.runtime("OptionalNullable") + "<\(value)>"
        case .literal(_, let optional):
            return names.runtime("Literal") + "<\(binding.constantTypeName(propertyName: propertyName))>" + (optional ? "?" : "")
        }
    }

    /// `format` is the field's format from an overlay: it picks the width of its integers.
    /// `typePrefix` goes before every model's name (`Namespace.`, for code outside the namespace).
    static func swiftType(
        of type: TypeExpression, in binding: SwiftBinding, format: String? = nil, names: LibraryNames = .qualified, typePrefix: String = ""
    ) -> String {
        func swiftType(of type: TypeExpression, in binding: SwiftBinding) -> String {
            Self.swiftType(of: type, in: binding, format: format, names: names, typePrefix: typePrefix)
        }
        switch type {
        case .string: return names.swift("String")
        case .integer: return names.swift(integerType(format: format))
        case .float: return names.swift("Double")
        case .boolean: return names.swift("Bool")
        case .any: return names.runtime("JSONValue")
        case .date, .dateTime: return names.runtime("DateTime")
        case .fileContent: return names.runtime("FileContent")
        case .bytes: return names.runtime("ByteString")
        case .decimal: return names.runtime("DecimalString")
        case .null: return names.runtime("JSONNull")
        case .union(let members) where (2...8).contains(members.count):
            return names.runtime("OneOf\(members.count)") + "<" + members.map { swiftType(of: $0, in: binding) }.joined(separator: ", ") + ">"
        case .union:
            // More members than the runtime's one-of types hold (the validator warns): any JSON.
            return names.runtime("JSONValue")
        case .optional(let wrapped), .nullable(let wrapped): return swiftType(of: wrapped, in: binding) + "?"
        case .optionalNullable(let wrapped): return names.runtime("OptionalNullable") + "<\(swiftType(of: wrapped, in: binding))>"
        case .list(let element): return "[\(swiftType(of: element, in: binding))]"
        case .dictionary(let value): return "[\(names.swift("String")): \(swiftType(of: value, in: binding))]"
        case .literal(let constant):
            switch constant {
            case .string: return names.swift("String")
            case .integer: return names.swift("Int")
            case .boolean: return names.swift("Bool")
            }
        case .reference(let reference):
            // The validator guarantees the target exists before anything is emitted.
            return reference.target.flatMap(binding.typeName(atPath:)).map { typePrefix + $0 } ?? reference.text
        case .sdkObject(let text): return text
        // Not understood (a warning): any JSON, kept as it is.
        case .unknown, .malformed: return names.runtime("JSONValue")
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
}
