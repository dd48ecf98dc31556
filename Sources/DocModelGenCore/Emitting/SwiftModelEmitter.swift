/// Schema → one Swift file per page, rendered from the template for the page's kind:
/// `model.swift.mustache` (structs), `enum.swift.mustache`, `union.swift.mustache` and
/// `skipped.swift.mustache` (a header-only file, so every page has exactly one output file).
public enum SwiftModelEmitter {
    public struct Options: Sendable, Hashable {
        public var accessLevel: AccessLevel
        /// Nest every type in this enum (see `Generator.Options.namespace`).
        public var namespace: String?

        public init(accessLevel: AccessLevel = .public, namespace: String? = nil) {
            self.accessLevel = accessLevel
            self.namespace = namespace
        }
    }

    public static func emit(_ binding: SwiftBinding, options: Options, templates: TemplateSet) -> [GeneratedFile] {
        let schema = binding.schema
        let recursive = RecursionAnalysis.recursiveModels(in: schema)
        let sizes = InlineSizeAnalysis.analyse(schema, recursive: recursive)
        let files = Array(schema.models.indices).parallelMap { index in
            let model = schema.models[index]
            let typeName = binding.typeNames[index]
            let template: String
            let context: [String: TemplateValue]
            switch model.kind {
            case .object:
                template = TemplateSet.Name.swiftModel
                context = objectContext(for: model, in: binding, options: options, recursive: recursive, sizes: sizes)
            case .enumeration(let enumeration):
                template = TemplateSet.Name.swiftEnum
                context = enumContext(for: model, enumeration, options: options)
            case .union(let union):
                template = TemplateSet.Name.swiftUnion
                context = unionContext(for: model, union, in: binding, options: options, isIndirect: recursive.contains(model.sourcePath) || sizes.indirectUnions.contains(model.sourcePath))
            case .skipped(let reason):
                template = TemplateSet.Name.swiftSkipped
                context = ["reason": .string(SwiftSourceText.singleLine(reason))]
            }
            let boxes = model.wireFields.contains { isBoxed($0, of: model, recursive: recursive, sizes: sizes) }
            let rendered = templates.render(
                template, context.merging(common(for: model, typeName: typeName, options: options, boxes: boxes)) { first, _ in first })
            return GeneratedFile(
                path: GeneratedFile.outputName(forPage: model.sourcePath, extension: "swift"),
                contents: options.namespace.map { NamespaceWrapper.wrap(rendered, in: $0) } ?? rendered,
                sourcePath: model.sourcePath)
        }
        guard let namespace = options.namespace else { return files }
        let declaration = GeneratedFile(
            path: NamespaceWrapper.declarationFileName(namespace),
            contents: NamespaceWrapper.declaration(namespace, access: options.accessLevel),
            sourcePath: "")
        return [declaration] + files
    }

    private static func common(for model: Model, typeName: String, options: Options, boxes: Bool) -> [String: TemplateValue] {
        [
            "sourcePath": .string(SwiftSourceText.singleLine(model.sourcePath)),
            "imports": .strings(SwiftTypeRenderer.needsRuntime(model) || boxes ? ["DocModelRuntime"] : []),
            "access": .string(options.accessLevel.rawValue),
            "typeName": .string(typeName),
            // What extensions at file scope must call the type.
            "qualifiedTypeName": .string(options.namespace.map { "\($0).\(typeName)" } ?? typeName),
            "docLines": .strings(model.summary.map(SwiftSourceText.docCommentLines) ?? []),
        ]
    }

    /// The values `model.swift.mustache` sees; every string is already valid Swift in its position.
    static func objectContext(
        for model: Model, in binding: SwiftBinding, options: Options, recursive: Set<String>, sizes: InlineSizeAnalysis.Result
    ) -> [String: TemplateValue] {
        let schema = binding.schema
        let fields = model.wireFields
        var properties: [[String: TemplateValue]] = []
        var parameters: [[String: TemplateValue]] = []
        var constants: [[String: TemplateValue]] = []
        for field in fields {
            let propertyName = SwiftBinding.propertyName(field)
            let name = SwiftNaming.escaped(propertyName)
            let type = SwiftTypeRenderer.propertyType(of: field, in: binding)
            let storage = FieldStorage(field)
            // Closes a by-value cycle: stored out of line, behind a computed property. (Not a
            // property wrapper: the compiler's infinite-size check looks through those.)
            let boxed = isBoxed(field, of: model, recursive: recursive, sizes: sizes)
            var docText = field.description ?? ""
            if let example = field.example { docText += (docText.isEmpty ? "" : "\n\n") + "Example: \(example)" }
            var property: [String: TemplateValue] = [
                "name": .string(name),
                "type": .string(type),
                "attribute": storage == .nullable ? "@Nullable " : "",
                "isBoxed": .bool(boxed),
                "isStored": .bool(!boxed),
                "storageName": .string("_\(propertyName)Box"),
                "declarationDefault": "",
                "docLines": .strings(docText.isEmpty ? [] : SwiftSourceText.docCommentLines(docText)),
                "codingKey": .string(boxed
                    ? "_\(propertyName)Box = \(SwiftSourceText.stringLiteral(field.wireName))"
                    : propertyName == field.wireName ? name : "\(name) = \(SwiftSourceText.stringLiteral(field.wireName))"),
            ]
            switch storage {
            case .literal(let constant, _):
                property["declarationDefault"] = " = Literal()"
                constants.append([
                    "constantType": .string(FieldStorage.constantTypeName(field)),
                    "fieldName": .string(SwiftSourceText.singleLine(field.wireName).replacingAll("`", with: "'")),
                    "valueType": .string(SwiftTypeRenderer.swiftType(of: .literal(constant), in: binding)),
                    "value": .string(SwiftTypeRenderer.literalSource(constant)),
                ])
            case .optionalNullable:
                parameters.append(["name": .string(name), "type": .string(type), "parameterDefault": " = .absent"])
            case .optional:
                parameters.append([
                    "name": .string(name), "type": .string(type), "parameterDefault": " = nil", "isBoxed": .bool(boxed),
                    "storageName": .string("_\(propertyName)Box"),
                ])
            case .plain, .nullable:
                parameters.append([
                    "name": .string(name), "type": .string(type), "parameterDefault": "", "isBoxed": .bool(boxed),
                    "storageName": .string("_\(propertyName)Box"),
                ])
            }
            properties.append(property)
        }
        for index in parameters.indices { parameters[index]["isLast"] = .bool(index == parameters.count - 1) }
        let multipartLines = model.isMultipartBody ? MultipartPartsRenderer.lines(for: fields, in: schema) : []
        return [
            "properties": .objects(properties),
            "hasProperties": .bool(!properties.isEmpty),
            "parameters": .objects(parameters),
            "hasParameters": .bool(!parameters.isEmpty),
            "constants": .objects(constants),
            "isMultipartBody": .bool(model.isMultipartBody),
            "multipartLines": .strings(multipartLines),
            // `var parts` that is never appended to would warn.
            "partsBinding": multipartLines.isEmpty ? "let" : "var",
        ]
    }

    /// A field that closes a by-value cycle, or whose model is too big to hold inline, is stored
    /// out of line.
    private static func isBoxed(_ field: Field, of model: Model, recursive: Set<String>, sizes: InlineSizeAnalysis.Result) -> Bool {
        guard let target = RecursionAnalysis.directTarget(of: field.type) else { return false }
        let cyclic = recursive.contains(model.sourcePath) && recursive.contains(target)
        guard cyclic || sizes.isBoxed(field, of: model) else { return false }
        switch FieldStorage(field) {
        case .plain, .optional: return true
        case .nullable, .optionalNullable, .literal: return false
        }
    }

    static func enumContext(for model: Model, _ enumeration: EnumModel, options: Options) -> [String: TemplateValue] {
        let names = Set(enumeration.cases.map(SwiftBinding.caseName))
        var unrecognized = "unrecognized"
        while names.contains(unrecognized) { unrecognized += "_" }
        return [
            "isOpen": .bool(enumeration.isOpen),
            "rawType": enumeration.isInteger ? "Int" : "String",
            "cases": .objects(enumeration.cases.map { enumCase in
                [
                    "name": .string(SwiftNaming.escaped(SwiftBinding.caseName(enumCase))),
                    "rawValue": .string(enumeration.isInteger ? String(Int(enumCase.value) ?? 0) : SwiftSourceText.stringLiteral(enumCase.value)),
                ]
            }),
            "unrecognized": .string(unrecognized),
        ]
    }

    static func unionContext(
        for model: Model, _ union: UnionModel, in binding: SwiftBinding, options: Options, isIndirect: Bool
    ) -> [String: TemplateValue] {
        [
            "indirect": isIndirect ? "indirect " : "",
            "members": .objects(union.members.map { member in
                [
                    "name": .string(SwiftNaming.escaped(SwiftBinding.caseName(member))),
                    "type": .string(SwiftTypeRenderer.swiftType(of: member.type, in: binding)),
                ]
            }),
            "memberList": .string(SwiftSourceText.stringLiteral("the value matches none of: " + union.members.map(\.typeText).joined(separator: ", "))),
        ]
    }
}
