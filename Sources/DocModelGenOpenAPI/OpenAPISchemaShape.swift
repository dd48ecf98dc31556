#if OpenAPI
// Compiled with the package trait OpenAPI (on by default): it brings jpsim/Yams.
import DocModelGenCore
import Yams

/// What a schema mapping is, read from its keywords in one place: `$ref` (handled by the caller),
/// `const`, `enum`, `allOf`, `oneOf`/`anyOf`, then `type` (a name, or a 3.1 list of names).
/// Nullability is read here too: 3.0 `nullable: true`, 3.1 `"null"` among the types, a `null`
/// enum value or a `{type: "null"}` union member.
struct OpenAPISchemaShape {
    enum Kind {
        case object
        case allOf([Node])
        case enumeration([Node])
        /// `oneOf`/`anyOf` members without the `null` ones.
        case union([Node])
        /// A 3.1 list of several non-null type names.
        case primitiveUnion([String])
        case constant(Node)
        case array(Node?)
        /// An object of `additionalProperties` only (nil: any values).
        case map(Node?)
        case primitive(String, format: String?)
        case any
        case invalid(String, Node?)
    }

    var kind: Kind = .any
    var isNullable = false
    /// `oneOf` or `anyOf`, for pointers to union members.
    var unionKeyword = "oneOf"

    init(_ schema: Node) {
        isNullable = schema.member("nullable")?.scalar?.string == "true"
        var types: [String] = []
        if let type = schema.member("type") {
            if let name = type.scalar?.string {
                types = [name]
            } else if let list = type.sequence, list.allSatisfy({ $0.scalar != nil }) {
                types = list.compactMap { $0.scalar?.string }
            } else {
                kind = .invalid("`type` should be a type name or a list of them: skipped", type)
                return
            }
        }
        if types.contains("null") {
            isNullable = true
            types.removeAll { $0 == "null" }
            if types.isEmpty, schema.member("enum") == nil, schema.member("const") == nil {
                kind = .constant(Node("null"))
                return
            }
        }
        if schema.member("$ref") != nil { return }
        if let constant = schema.member("const") {
            kind = .constant(constant)
            return
        }
        if let values = schema.member("enum") {
            guard let list = values.sequence else {
                kind = .invalid("`enum` should be a list of values: skipped", values)
                return
            }
            let nonNull = Array(list).filter { !Self.isNull($0) }
            if nonNull.count < list.count { isNullable = true }
            kind = nonNull.count == 1 ? .constant(nonNull[0]) : nonNull.isEmpty ? .constant(Node("null")) : .enumeration(nonNull)
            return
        }
        if let parts = schema.member("allOf") {
            guard let list = parts.sequence else {
                kind = .invalid("`allOf` should be a list of schemas: skipped", parts)
                return
            }
            kind = .allOf(Array(list))
            return
        }
        for keyword in ["oneOf", "anyOf"] {
            guard let members = schema.member(keyword) else { continue }
            unionKeyword = keyword
            guard let list = members.sequence else {
                kind = .invalid("`\(keyword)` should be a list of schemas: skipped", members)
                return
            }
            // `type: null` and `type: 'null'` both read as the text "null".
            let nonNull = list.filter { $0.member("type")?.scalar?.string != "null" }
            if nonNull.count < list.count { isNullable = true }
            kind = .union(Array(nonNull))
            return
        }
        if types.count > 1 {
            kind = .primitiveUnion(types)
            return
        }
        let format = schema.member("format")?.scalar?.string
        // Without `type`, the keywords present tell the kind.
        let implied = types.first ?? (schema.member("properties") != nil || schema.member("additionalProperties") != nil ? "object"
            : schema.member("items") != nil ? "array" : nil)
        switch implied {
        case "object":
            let additional = schema.member("additionalProperties")
            if schema.member("properties") != nil {
                kind = .object
            } else if let additional, additional.mapping != nil {
                kind = .map(additional)
            } else if additional != nil {
                // `additionalProperties: true` (or false) and no properties: Speakeasy still makes a
                // class (livepeer's `LiveVideoToVideoParams.params` is the page `Params`).
                kind = .object
            } else {
                kind = .map(nil)
            }
        case "array":
            kind = .array(schema.member("items"))
        case let name?:
            kind = .primitive(name, format: format)
        case nil:
            kind = .any
        }
    }

    /// A plain `null` (or `~`) scalar.
    static func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar else { return false }
        return OpenAPIScalar.value(scalar) == .null
    }
}
#endif
