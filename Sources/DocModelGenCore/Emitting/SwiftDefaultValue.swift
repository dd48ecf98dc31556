/// A field's default (`Field.defaultValue`, from an overlay) as Swift source for the field's type.
enum SwiftDefaultValue {
    /// The value's Swift type and source, or nil when the default does not fit the field's type as
    /// a plain literal (a list, an object, a decimal, a value an enum does not list): such a
    /// default is not generated, and a field left out gets the server's.
    static func source(of value: WireValue, for field: Field, in binding: SwiftBinding) -> (type: String, value: String)? {
        guard let plain = plainSource(of: value, for: field, in: binding) else { return nil }
        guard field.isSentAsString == true else { return plain }
        let encoded = LibraryNames.qualified.runtime("StringEncoded")
        return ("\(encoded)<\(plain.type)>", "\(encoded)(\(plain.value))")
    }

    private static func plainSource(of value: WireValue, for field: Field, in binding: SwiftBinding) -> (type: String, value: String)? {
        source(of: value, type: field.type, format: field.format, in: binding)
    }

    /// The value as Swift source for a value of `type` (a field's or a method argument's, its
    /// wrappers ignored), or nil when it is not a plain literal of that type.
    static func source(of value: WireValue, type: TypeExpression, format: String?, in binding: SwiftBinding) -> (type: String, value: String)? {
        let type = type.unwrappingWrappers
        let names = LibraryNames.qualified
        switch (type, value) {
        case (.string, .string(let text)):
            return (names.swift("String"), SwiftSourceText.stringLiteral(text))
        case (.integer, .number(let text)) where Int64(text) != nil, (.integer, .string(let text)) where Int64(text) != nil:
            return (names.swift(SwiftTypeRenderer.integerType(format: format)), text)
        case (.float, .number(let text)) where isDecimalLiteral(text), (.float, .string(let text)) where isDecimalLiteral(text):
            // A Swift float literal needs digits before the point (`.5` is not one).
            return (names.swift("Double"), text.hasPrefix(".") ? "0" + text : text.hasPrefix("-.") ? "-0" + text.dropFirst() : text)
        case (.boolean, .bool(let flag)):
            return (names.swift("Bool"), flag ? "true" : "false")
        case (.reference(let reference), _):
            guard let target = reference.target, let index = binding.schema.index(ofPath: target),
                  case .enumeration(let enumeration) = binding.schema.models[index].kind,
                  let typeName = binding.typeName(atPath: target)
            else { return nil }
            let wanted: String
            switch value {
            case .string(let text): wanted = text
            case .number(let text): wanted = text
            default: return nil
            }
            guard let position = enumeration.cases.firstIndex(where: { $0.value == wanted }) else { return nil }
            guard binding.schema.models[index].deprecation != nil else {
                return (typeName, typeName + "." + SwiftNaming.escaped(binding.caseNames(ofModelAt: index)[position]))
            }
            // The cases of a deprecated enum are deprecated: naming one here would warn in the
            // user's build, which must warn only where the user's own code names one.
            let raw = enumeration.isInteger ? String(Int(enumeration.cases[position].value) ?? 0) : SwiftSourceText.stringLiteral(wanted)
            return (typeName, names.runtime("DeprecatedCase") + ".named(rawValue: \(raw))")
        default:
            return nil
        }
    }

    /// `-1.5`, `2e10`, `.5`: digits, one point, an exponent; not `inf` or `nan`, which Swift
    /// cannot write as a literal.
    private static func isDecimalLiteral(_ text: String) -> Bool {
        Double(text) != nil && text.unicodeScalars.allSatisfy { "0123456789.-+eE".unicodeScalars.contains($0) }
    }
}
