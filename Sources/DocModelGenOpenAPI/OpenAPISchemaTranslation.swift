#if OpenAPI
// Compiled with the package trait OpenAPI (on by default): it brings jpsim/Yams.
import DocModelGenCore
import Yams

/// Where an inline schema is used: what Speakeasy would name it after, and where it is.
struct OpenAPIInlineContext {
    /// The context name (property name, `{OperationId}RequestBody`…), before the class-name rule.
    var base: String
    /// The class name of the model that holds it, for the collision prefix.
    var parent: String?
    /// The JSON pointer of the schema, for `WireModel.path`.
    var pointer: String
    /// Whether the schema is an object's property (a binary string there is a file class).
    var isProperty = false
}

extension OpenAPIReading {
    // MARK: Named models

    /// A model for a named schema (a component or an externally referenced schema).
    mutating func addModel(name: String, pointer: String, keyNode: Node, schema: Node, file: OpenAPIFile) {
        let context = OpenAPIInlineContext(base: name, parent: SpeakeasyInlineNames.className(name), pointer: pointer)
        let index = models.count
        if let model = model(named: name, at: file.location(of: keyNode), schema: schema, file: file, context: context, depth: 0) {
            // Before the inline models it holds: models come in source order.
            models.insert(model, at: index)
        }
    }

    /// The model of `schema` under `name`, its inline schemas added as models of their own.
    mutating func model(named name: String, at location: SourceLocation, schema: Node, file: OpenAPIFile,
                        context: OpenAPIInlineContext, depth: Int) -> WireModel? {
        let className = SpeakeasyInlineNames.className(name)
        var model = WireModel(name: name, path: context.pointer, location: location, kind: .other)
        guard schema.mapping != nil else {
            if schema.scalar?.string != "true" {
                diagnostics.append(.warning("a schema should be a mapping: read as any value", at: file.location(of: schema)))
            }
            return model
        }
        let shape = OpenAPISchemaShape(schema)
        model.isNullable = shape.isNullable
        let children = OpenAPIInlineContext(base: name, parent: className, pointer: context.pointer)
        switch shape.kind {
        case .object, .allOf:
            model.kind = .object
            model.fields = fields(of: schema, file: file, className: className, pointer: context.pointer, depth: depth)
        case .enumeration(let values):
            model.kind = .enumeration
            model.values = values.compactMap { wireValue($0, file: file, depth: depth + 1) }.filter { $0 != .null }
        case .union(let members) where members.count > 1:
            model.kind = .union
            for (index, member) in members.enumerated() {
                var memberContext = children
                memberContext.base = "\(className)\(index + 1)"
                memberContext.pointer = context.pointer + "/\(shape.unionKeyword)/\(index)"
                if let type = useType(member, file: file, context: memberContext, depth: depth + 1).type { model.members.append(type) }
            }
        default:
            // A scalar, array, map or single-member schema: its inline parts still get their names.
            _ = useType(schema, file: file, context: children, depth: depth + 1, asNamedModel: true)
        }
        return model
    }

    /// The fields of an object schema: its properties and those of its `allOf` parts, in order.
    mutating func fields(of schema: Node, file: OpenAPIFile, className: String, pointer: String, depth: Int) -> [WireField] {
        var list = OpenAPIFieldList()
        var required: Set<String> = []
        var visiting: Set<String> = []
        collectProperties(schema, file: file, className: className, pointer: pointer, depth: depth, fields: &list, required: &required, visiting: &visiting)
        var fields = list.fields
        for index in fields.indices { fields[index].isRequired = required.contains(fields[index].wireName) }
        return fields
    }

    private mutating func collectProperties(_ schema: Node, file: OpenAPIFile, className: String, pointer: String, depth: Int,
                                            fields: inout OpenAPIFieldList, required: inout Set<String>, visiting: inout Set<String>) {
        guard depth <= OpenAPIReader.maximumSchemaDepth else {
            diagnostics.append(.warning("schemas nested deeper than \(OpenAPIReader.maximumSchemaDepth) levels are not read", at: file.location(of: schema)))
            return
        }
        guard spend(at: file.location(of: schema)) else { return }
        if let properties = schema.member("properties") {
            if properties.mapping != nil {
                for (keyNode, property) in properties.entries {
                    guard let wireName = keyNode.scalar?.string else {
                        diagnostics.append(.warning("a property's name is not a string: skipped", at: file.location(of: keyNode)))
                        continue
                    }
                    let context = OpenAPIInlineContext(base: wireName, parent: className, pointer: pointer + "/properties/" + OpenAPIPaths.escape(wireName), isProperty: true)
                    let (type, nullable) = useType(property, file: file, context: context, depth: depth + 1)
                    let field = WireField(
                        attributeName: property.nameOverride,
                        wireName: wireName, isNullable: nullable, type: type,
                        defaultValue: property.member("default").flatMap { wireValue($0, file: file, depth: depth + 1) },
                        location: file.location(of: keyNode))
                    fields.add(field)
                }
            } else {
                diagnostics.append(.warning("`properties` should be a mapping: skipped", at: file.location(of: properties)))
            }
        }
        if let list = schema.member("required") {
            if let sequence = list.sequence {
                for entry in sequence {
                    if let name = entry.scalar?.string { required.insert(name) } else {
                        diagnostics.append(.warning("a `required` entry should be a property name: skipped", at: file.location(of: entry)))
                    }
                }
            } else {
                diagnostics.append(.warning("`required` should be a list of property names: skipped", at: file.location(of: list)))
            }
        }
        guard let parts = schema.member("allOf") else { return }
        guard let sequence = parts.sequence else {
            diagnostics.append(.warning("`allOf` should be a list of schemas: skipped", at: file.location(of: parts)))
            return
        }
        for (index, part) in sequence.enumerated() {
            if let ref = part.member("$ref") {
                guard let target = resolve(ref: ref, in: file) else { continue }
                let key = target.file.path + "#" + target.pointer
                // A cycle of allOf parts adds nothing the first pass did not.
                guard visiting.insert(key).inserted else { continue }
                collectProperties(target.node, file: target.file, className: className, pointer: pointer, depth: depth + 1,
                                  fields: &fields, required: &required, visiting: &visiting)
            } else {
                collectProperties(part, file: file, className: className, pointer: pointer + "/allOf/\(index)", depth: depth + 1,
                                  fields: &fields, required: &required, visiting: &visiting)
            }
        }
    }

    // MARK: Use sites

    /// The type of a schema where it is used; an inline object, enumeration or union becomes a
    /// model of its own, named by `context`, and the type is a reference to it. `asNamedModel`:
    /// the schema is a named model's own body, so it is not named again.
    mutating func useType(_ schema: Node, file: OpenAPIFile, context: OpenAPIInlineContext, depth: Int,
                          asNamedModel: Bool = false) -> (type: WireType?, nullable: Bool) {
        guard depth <= OpenAPIReader.maximumSchemaDepth else {
            diagnostics.append(.warning("schemas nested deeper than \(OpenAPIReader.maximumSchemaDepth) levels are not read", at: file.location(of: schema)))
            return (nil, false)
        }
        guard spend(at: file.location(of: schema)) else { return (nil, false) }
        guard schema.mapping != nil else {
            // 3.1 allows `true` (anything) as a schema.
            if schema.scalar?.string == "true" { return (.any, false) }
            diagnostics.append(.warning("a schema should be a mapping: skipped", at: file.location(of: schema)))
            return (nil, false)
        }
        let shape = OpenAPISchemaShape(schema)
        if let ref = schema.member("$ref") {
            return (reference(ref, file: file, context: context, depth: depth), shape.isNullable)
        }
        func named() -> WireType? {
            let name = names.claim(base: schema.nameOverride ?? schema.title ?? context.base, parent: context.parent)
            var inner = context
            inner.base = name
            let index = models.count
            if let model = model(named: name, at: file.location(of: schema), schema: schema, file: file, context: inner, depth: depth + 1) {
                models.insert(model, at: index)
            }
            return .reference(name)
        }
        let nested = OpenAPIInlineContext(base: context.base, parent: context.parent, pointer: context.pointer)
        switch shape.kind {
        case .object where !asNamedModel, .enumeration where !asNamedModel:
            return (named(), shape.isNullable)
        case .allOf(let parts):
            if parts.count == 1, schema.member("properties") == nil {
                var inner = nested
                inner.pointer += "/allOf/0"
                let (type, nullable) = useType(parts[0], file: file, context: inner, depth: depth + 1)
                return (type, nullable || shape.isNullable)
            }
            return (asNamedModel ? nil : named(), shape.isNullable)
        case .union(let members):
            if members.count == 1 {
                var inner = nested
                inner.pointer += "/\(shape.unionKeyword)/0"
                let (type, nullable) = useType(members[0], file: file, context: inner, depth: depth + 1)
                return (type, nullable || shape.isNullable)
            }
            if members.isEmpty { return (.constant(.null), true) }
            return (asNamedModel ? nil : named(), shape.isNullable)
        case .primitiveUnion(let types):
            let members = types.map { Self.primitive($0, format: nil) ?? .any }
            return (.union(members), shape.isNullable)
        case .constant(let value):
            return (wireValue(value, file: file, depth: depth + 1).map(WireType.constant), shape.isNullable)
        case .array(let items):
            guard let items else { return (.array(.any), shape.isNullable) }
            var inner = nested
            inner.pointer += "/items"
            return (useType(items, file: file, context: inner, depth: depth + 1).type.map(WireType.array), shape.isNullable)
        case .map(let values):
            guard let values else { return (.map(nil), shape.isNullable) }
            var inner = nested
            inner.pointer += "/additionalProperties"
            return (.map(useType(values, file: file, context: inner, depth: depth + 1).type), shape.isNullable)
        case .primitive(let name, let format):
            if name == "string", format == "binary" {
                // Speakeasy makes a file class (`file_name`, `content`, `content_type`) for it.
                if context.isProperty, !asNamedModel {
                    let name = names.claim(base: schema.nameOverride ?? schema.title ?? context.base, parent: context.parent)
                    models.append(WireModel(name: name, path: context.pointer, location: file.location(of: schema), kind: .other))
                }
                return (.file, shape.isNullable)
            }
            guard let type = Self.primitive(name, format: format) else {
                diagnostics.append(.warning("unknown schema type `\(name)`: skipped", at: file.location(of: schema.member("type") ?? schema)))
                return (nil, shape.isNullable)
            }
            return (type, shape.isNullable)
        case .any, .object, .enumeration:
            return (.any, shape.isNullable)
        case .invalid(let message, let node):
            diagnostics.append(.warning(message, at: file.location(of: node ?? schema)))
            return (nil, false)
        }
    }

    static func primitive(_ name: String, format: String?) -> WireType? {
        switch name {
        case "string": return .string(format: format)
        case "integer": return .integer(format: format)
        case "number": return .number(format: format)
        case "boolean": return .boolean
        case "object": return .map(nil)
        case "array": return .array(.any)
        default: return nil
        }
    }

    // MARK: References

    /// A resolved `$ref`: the file, the JSON pointer and the node it names.
    struct Target {
        var file: OpenAPIFile
        var pointer: String
        var node: Node
    }

    /// Resolves a `$ref` node; a located error when it is malformed, leaves the document's folder
    /// or names nothing.
    mutating func resolve(ref: Node, in file: OpenAPIFile) -> Target? {
        guard let text = ref.scalar?.string else {
            diagnostics.append(.warning("`$ref` should be a string: skipped", at: file.location(of: ref)))
            return nil
        }
        let location = file.location(of: ref)
        let parts = text.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let filePart = String(parts[0])
        let pointer = parts.count > 1 ? String(parts[1]) : ""
        var targetFile = file
        if !filePart.isEmpty {
            if filePart.contains("://") {
                diagnostics.append(.error("$ref \(text): remote documents are not read", at: location))
                return nil
            }
            let path = OpenAPIPaths.join(OpenAPIPaths.folder(of: file.path), filePart)
            guard OpenAPIPaths.isInside(path, rootFolder) else {
                diagnostics.append(.error("$ref \(text) leaves the folder of the OpenAPI document; it is not read", at: location))
                return nil
            }
            guard let loaded = self.file(at: path, referencedFrom: location) else { return nil }
            targetFile = loaded
        }
        guard pointer.isEmpty || pointer.hasPrefix("/"), let node = OpenAPIPaths.resolve(pointer: pointer, in: targetFile.root) else {
            diagnostics.append(.error("$ref \(text) points to nothing", at: location))
            return nil
        }
        return Target(file: targetFile, pointer: pointer, node: node)
    }

    /// The type a `$ref` stands for: a reference by name to a named schema (components of any file,
    /// or a whole file), else the target read in place.
    mutating func reference(_ ref: Node, file: OpenAPIFile, context: OpenAPIInlineContext, depth: Int) -> WireType? {
        guard let target = resolve(ref: ref, in: file) else { return nil }
        let tokens = target.pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(OpenAPIPaths.unescape)
        let override = target.node.nameOverride
        // A component with an empty key names nothing: it is read in place below.
        if tokens.count == 3, tokens[0] == "components", tokens[1] == "schemas", !tokens[2].isEmpty {
            let name = override ?? tokens[2]
            if target.file.path != rootPath { enqueueExternal(target, name: name) }
            return .reference(name)
        }
        if tokens.isEmpty {
            // A whole file is a schema: named by its title, else its file name.
            let stem = target.file.path.split(separator: "/").last.flatMap { $0.split(separator: ".").first.map(String.init) } ?? "Schema"
            let name = override ?? target.node.title ?? stem
            enqueueExternal(target, name: name)
            return .reference(name)
        }
        let key = target.file.path + "#" + target.pointer
        guard !inPlaceReferences.contains(key) else {
            diagnostics.append(.warning("$ref cycle through schemas that are not components: read as any value", at: file.location(of: ref)))
            return .any
        }
        inPlaceReferences.insert(key)
        defer { inPlaceReferences.remove(key) }
        return useType(target.node, file: target.file, context: context, depth: depth + 1).type
    }

    private mutating func enqueueExternal(_ target: Target, name: String) {
        let key = target.file.path + "#" + target.pointer
        guard externalModels[key] == nil else { return }
        externalModels[key] = name
        names.reserve(SpeakeasyInlineNames.className(name))
        pendingExternal.append((target.file, target.pointer, name))
    }

    // MARK: Values

    /// A `default`, `enum` or `const` value; numbers keep their text.
    mutating func wireValue(_ node: Node, file: OpenAPIFile, depth: Int) -> WireValue? {
        guard depth <= OpenAPIReader.maximumSchemaDepth * 4 else {
            diagnostics.append(.warning("a value nested this deep is not read", at: file.location(of: node)))
            return nil
        }
        guard spend(at: file.location(of: node)) else { return nil }
        switch node {
        case .scalar(let scalar):
            return OpenAPIScalar.value(scalar)
        case .sequence(let sequence):
            var values: [WireValue] = []
            for element in sequence {
                guard let value = wireValue(element, file: file, depth: depth + 1) else { return nil }
                values.append(value)
            }
            return .array(values)
        case .mapping:
            var object: [String: WireValue] = [:]
            for (key, element) in node.entries {
                guard let name = key.scalar?.string, let value = wireValue(element, file: file, depth: depth + 1) else { return nil }
                object[name] = value
            }
            return .object(object)
        case .alias:
            return nil
        }
    }
}

/// Fields in order, a later one with the same wire name replacing the earlier in place (an
/// `allOf` part overriding a property). Indexed, so a hostile object of 100 000 properties stays linear.
struct OpenAPIFieldList {
    private(set) var fields: [WireField] = []
    private var indexByName: [String: Int] = [:]

    mutating func add(_ field: WireField) {
        if let existing = indexByName[field.wireName] {
            fields[existing] = field
        } else {
            indexByName[field.wireName] = fields.count
            fields.append(field)
        }
    }
}

/// YAML 1.2 core-schema reading of a scalar: what JSON would mean by it. Yams' default resolver
/// follows YAML 1.1 (`no`, `off` as booleans), which would turn the country code `NO` into false.
enum OpenAPIScalar {
    static func value(_ scalar: Node.Scalar) -> WireValue {
        let text = scalar.string
        switch Tag.Name(rawValue: scalar.tag.rawValue) {
        case .str: return .string(text)
        case .null: return .null
        case .bool: return .bool(["true", "True", "TRUE"].contains(text))
        case .int, .float: return .number(text)
        default: break
        }
        guard scalar.style == .plain || scalar.style == .any else { return .string(text) }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if isDecimalNumber(text) { return .number(text) }
        // Hexadecimal and octal integers are numbers too; sent as decimal, the only JSON form.
        for (prefix, radix) in [("0x", 16), ("0o", 8)] where text.hasPrefix(prefix) {
            if let value = Int(text.dropFirst(2), radix: radix) { return .number(String(value)) }
        }
        return .string(text)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, the core schema's int and float.
    static func isDecimalNumber(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        func digits() -> Int {
            var count = 0
            while let byte = bytes.first, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { bytes.removeFirst(); count += 1 }
            return count
        }
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes.removeFirst() }
        var mantissa = digits()
        if bytes.first == UInt8(ascii: ".") {
            bytes.removeFirst()
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if let exponent = bytes.first, exponent == UInt8(ascii: "e") || exponent == UInt8(ascii: "E") {
            bytes.removeFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes.removeFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }
}
#endif
