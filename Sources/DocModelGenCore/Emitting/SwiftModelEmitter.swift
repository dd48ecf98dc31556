/// Schema → one Swift file per page, rendered from the template for the page's kind:
/// `model.swift.mustache` (structs), `enum.swift.mustache`, `union.swift.mustache` and
/// `skipped.swift.mustache` (a header-only file, so every page has exactly one output file).
/// With a namespace, `namespace.swift.mustache` renders one more file that declares it.
public enum SwiftModelEmitter {
    public struct Options: Sendable, Hashable {
        public var accessLevel: AccessLevel
        /// Nest every type in this enum (see `Generator.Options.namespace`).
        public var namespace: String?
        /// The memberwise `init` defaults a field the spec or SDK gives a default to that default,
        /// so it is sent as the Python SDK sends it (otherwise it is left out and the server fills
        /// it in). Either way the values are in the model's `Defaults` enum.
        public var sendDefaults: Bool

        public init(accessLevel: AccessLevel = .public, namespace: String? = nil, sendDefaults: Bool = false) {
            self.accessLevel = accessLevel
            self.namespace = namespace
            self.sendDefaults = sendDefaults
        }
    }

    public static func emit(_ binding: SwiftBinding, options: Options, templates: TemplateSet) -> [GeneratedFile] {
        pending(binding, options: options, templates: templates).parallelMap { $0.rendered() }
    }

    /// `emit`'s files, named but not rendered: `Generation` renders them straight into their
    /// bundles.
    static func pending(_ binding: SwiftBinding, options: Options, templates: TemplateSet) -> [PendingFile] {
        let builder = ContextBuilder(binding, options: options)
        let files = binding.schema.models.indices.map { index in
            let model = binding.schema.models[index]
            return PendingFile(path: GeneratedFile.outputName(forPage: model.sourcePath, extension: "swift"), sourcePath: model.sourcePath) {
                templates.render(builder.context(at: index))
            }
        }
        guard let namespace = namespaceContext(options: options) else { return files }
        let declaration = PendingFile(path: OutputNaming.namespaceFileName(namespace.namespace.name), sourcePath: "") {
            templates.render(namespace)
        }
        return [declaration] + files
    }

    /// What the page templates see for each model, parallel to `binding.schema.models`.
    public static func contexts(for binding: SwiftBinding, options: Options) -> [SwiftPageTemplateContext] {
        let builder = ContextBuilder(binding, options: options)
        return Array(binding.schema.models.indices).parallelMap(builder.context(at:))
    }

    /// What `namespace.swift.mustache` sees, or nil without a namespace (no such file is written).
    public static func namespaceContext(options: Options) -> NamespaceTemplateContext? {
        options.namespace.map { NamespaceTemplateContext(access: options.accessLevel.rawValue, namespace: .init(name: $0)) }
    }

    /// Why a union whose members are all SDK objects has no Swift type.
    static func sdkObjectUnionReason(_ union: UnionModel) -> String {
        "every member is an SDK object (" + union.members.map(\.typeText).joined(separator: ", ") + "), not a JSON value"
    }

    /// Builds the page contexts of one binding; the whole-schema analyses run once.
    struct ContextBuilder: Sendable {
        let binding: SwiftBinding
        let options: Options
        let recursive: Set<String>
        let sizes: InlineSizeAnalysis.Result

        init(_ binding: SwiftBinding, options: Options) {
            self.binding = binding
            self.options = options
            recursive = RecursionAnalysis.recursiveModels(in: binding.schema)
            sizes = InlineSizeAnalysis.analyse(binding.schema, recursive: recursive)
        }

        func context(at index: Int) -> SwiftPageTemplateContext {
            let model = binding.schema.models[index]
            let common = self.common(for: model, typeName: binding.typeNames[index])
            switch model.kind {
            case .object:
                var context = objectContext(for: model, common: common)
                if Self.needsRuntime(context) { context.common.imports = [LibraryNames.runtimeModule] }
                return .model(context)
            case .enumeration(let enumeration):
                return .enumeration(enumContext(for: enumeration, caseNames: binding.caseNames(ofModelAt: index), common: common))
            case .union(let union) where union.wireMembers.isEmpty:
                return .skipped(SkippedTemplateContext(common: common, reason: SwiftSourceText.singleLine(SwiftModelEmitter.sdkObjectUnionReason(union))))
            case .union(let union):
                let isIndirect = recursive.contains(model.sourcePath) || sizes.indirectUnions.contains(model.sourcePath)
                var context = unionContext(
                    for: union, caseNames: binding.caseNames(ofModelAt: index), isIndirect: isIndirect, common: common)
                // `UnionFit` and `JSONValue` choose among the members that decode.
                context.common.imports = [LibraryNames.runtimeModule]
                return .union(context)
            case .skipped(let reason):
                return .skipped(SkippedTemplateContext(common: common, reason: SwiftSourceText.singleLine(reason)))
            }
        }

        /// Whether a struct's file names a runtime type: in what the context spells (types, wrappers,
        /// defaults, the `Codable`'s `WireKey`), or in what the template adds for boxed properties
        /// (`Indirect`), constants (`LiteralValue`) and multipart bodies (`MultipartPart`). Read from
        /// the context, so that the import follows every type an overlay or an analysis put there.
        static func needsRuntime(_ context: ModelTemplateContext) -> Bool {
            if context.isMultipartBody || !context.constants.isEmpty || context.properties.contains(where: \.isBoxed) { return true }
            if let coding = context.coding, LibraryNames.namesRuntime((coding.decodeLines + coding.encodeLines).joined()) { return true }
            return context.properties.contains { LibraryNames.namesRuntime($0.type + $0.attribute + $0.declarationDefault) }
                || context.defaults.contains { LibraryNames.namesRuntime($0.type + $0.value) }
        }

        private func common(for model: Model, typeName: String) -> SwiftTemplateCommonContext {
            SwiftTemplateCommonContext(
                sourcePath: SwiftSourceText.singleLine(model.sourcePath),
                imports: [],
                access: options.accessLevel.rawValue,
                typeName: typeName,
                qualifiedTypeName: options.namespace.map { "\($0).\(typeName)" } ?? typeName,
                docLines: model.summary.map(SwiftSourceText.docCommentLines) ?? [],
                namespace: options.namespace.map { .init(name: $0) },
                deprecated: model.deprecation.map { .init(message: SwiftSourceText.stringLiteral(SwiftSourceText.singleLine($0))) })
        }

        private func objectContext(for model: Model, common: SwiftTemplateCommonContext) -> ModelTemplateContext {
            let fields = model.wireFields
            var properties: [ModelTemplateContext.Property] = []
            var parameters: [ModelTemplateContext.Parameter] = []
            var constants: [ModelTemplateContext.Constant] = []
            var defaults: [ModelTemplateContext.Default] = []
            // Deprecated properties, by wire name: generated code uses their private storage.
            var storedUnder: [String: String] = [:]
            // What the written-out `Codable` codes: each coded property's storage, its type and
            // its wire name (a Swift string literal).
            var coded: [(storage: String, type: String, key: String)] = []
            var extrasName: String?
            for field in fields {
                let propertyName = binding.propertyName(of: field, in: model)
                if field.isAdditionalProperties {
                    let name = SwiftNaming.escaped(propertyName)
                    let type = SwiftTypeRenderer.swiftType(of: field.type.unwrappingWrappers, in: binding)
                    extrasName = name
                    let property = ModelTemplateContext.Property(
                        name: name, type: type, attribute: "", isBoxed: false, storageName: "", declarationDefault: "",
                        docLines: SwiftSourceText.docCommentLines(
                            (field.description.map { $0 + "\n\n" } ?? "") + "Every key the other properties do not name, at the top level of the object."),
                        wireName: "")
                    properties.append(property)
                    parameters.append(ModelTemplateContext.Parameter(
                        name: name, type: type, parameterDefault: " = [:]", isBoxed: false, storageName: "", isLast: false))
                    continue
                }
                let name = SwiftNaming.escaped(propertyName)
                let type = SwiftTypeRenderer.propertyType(of: field, propertyName: propertyName, in: binding)
                let storage = FieldStorage(field)
                // Closes a by-value cycle: stored out of line, behind a computed property. (Not a
                // property wrapper: the compiler's infinite-size check looks through those.)
                let boxed = isBoxed(field, of: model)
                let deprecated = field.isDeprecated == true && !boxed
                let storageName = deprecated ? "_\(propertyName)Storage" : "_\(propertyName)Box"
                var docText = field.description ?? ""
                if let example = field.example { docText += (docText.isEmpty ? "" : "\n\n") + "Example: \(example)" }
                let defaultValue = field.defaultValue.flatMap { SwiftDefaultValue.source(of: $0, for: field, in: binding) }
                if let defaultValue, let wire = field.defaultValue {
                    defaults.append(ModelTemplateContext.Default(name: name, type: defaultValue.type, value: defaultValue.value))
                    docText += (docText.isEmpty ? "" : "\n\n") + "Default: `\(WireOverlay.describe(wire))`" + (options.sendDefaults ? "." : " (the server's, when left out).")
                }
                if field.isDeprecated == true, !docText.contains("DEPRECATED") {
                    docText += (docText.isEmpty ? "" : "\n\n") + "- Warning: Deprecated in the API docs."
                }
                var property = ModelTemplateContext.Property(
                    name: name, type: type, attribute: storage == .nullable ? "@\(LibraryNames.qualified.runtime("Nullable")) " : "", isBoxed: boxed,
                    storageName: storageName, declarationDefault: "",
                    docLines: docText.isEmpty ? [] : SwiftSourceText.docCommentLines(docText),
                    wireName: SwiftSourceText.stringLiteral(field.wireName))
                if deprecated {
                    property.deprecationMessage = SwiftSourceText.stringLiteral(Self.deprecationMessage(field))
                    storedUnder[field.wireName] = storageName
                }
                func parameter(default parameterDefault: String) -> ModelTemplateContext.Parameter {
                    ModelTemplateContext.Parameter(
                        name: name, type: type, parameterDefault: parameterDefault, isBoxed: boxed, storageName: storageName,
                        isLast: false, isDeprecated: deprecated)
                }
                switch storage {
                case .literal(let constant, _):
                    property.declarationDefault = " = \(LibraryNames.qualified.runtime("Literal"))()"
                    constants.append(ModelTemplateContext.Constant(
                        constantType: binding.constantTypeName(propertyName: propertyName),
                        fieldName: SwiftSourceText.singleLine(field.wireName).replacingAll("`", with: "'"),
                        valueType: SwiftTypeRenderer.swiftType(of: .literal(constant), in: binding),
                        value: SwiftTypeRenderer.literalSource(constant)))
                case .optionalNullable:
                    parameters.append(parameter(default: defaultValue != nil && options.sendDefaults ? " = .value(Defaults.\(name))" : " = .absent"))
                case .optional:
                    parameters.append(parameter(default: defaultValue != nil && options.sendDefaults ? " = Defaults.\(name)" : " = nil"))
                case .plain, .nullable:
                    parameters.append(parameter(default: defaultValue != nil && options.sendDefaults ? " = Defaults.\(name)" : ""))
                }
                properties.append(property)
                let key = property.wireName
                if boxed {
                    coded.append((storageName, LibraryNames.qualified.runtime("Indirect") + "<\(type)>", key))
                } else if deprecated, storage == .nullable {
                    // The private storage is itself `@Nullable`: its wrapper writes the key, null included.
                    coded.append(("_" + storageName, LibraryNames.qualified.runtime("Nullable") + "<\(type.dropLast())>", key))
                } else if deprecated {
                    coded.append((storageName, type, key))
                } else if storage == .nullable {
                    coded.append(("_" + propertyName, LibraryNames.qualified.runtime("Nullable") + "<\(type.dropLast())>", key))
                } else {
                    coded.append((name, type, key))
                }
            }
            if !parameters.isEmpty { parameters[parameters.count - 1].isLast = true }
            return ModelTemplateContext(
                common: common, properties: properties, parameters: parameters, constants: constants, defaults: defaults,
                isMultipartBody: model.isMultipartBody,
                multipartLines: model.isMultipartBody ? MultipartPartsRenderer.lines(for: model, in: binding, storedUnder: storedUnder) : [],
                coding: Self.coding(
                    coded: coded,
                    additionalProperties: extrasName.map { ($0, fields.filter { !$0.isAdditionalProperties }.map(\.wireName)) }))
        }

        /// The written-out `Codable`: each coded property by its wire name, as synthesized code
        /// would code it (`decodeIfPresent` and `encodeIfPresent` for an optional type, so the
        /// runtime's overloads for its wrappers apply alike), then the additional properties, if
        /// any. Nil for a model without fields (synthesized: an empty object).
        static func coding(
            coded: [(storage: String, type: String, key: String)], additionalProperties: (name: String, wireNames: [String])?
        ) -> ModelTemplateContext.Coding? {
            guard !coded.isEmpty || additionalProperties != nil else { return nil }
            var decodeLines: [String] = []
            var encodeLines: [String] = []
            if !coded.isEmpty {
                let key = LibraryNames.qualified.runtime("WireKey")
                decodeLines.append("let container = try decoder.container(keyedBy: \(key).self)")
                encodeLines.append("var container = encoder.container(keyedBy: \(key).self)")
            }
            for (storage, type, key) in coded {
                if type.hasSuffix("?") {
                    decodeLines.append("self.\(storage) = try container.decodeIfPresent(\(type.dropLast()).self, forKey: \(key))")
                    encodeLines.append("try container.encodeIfPresent(self.\(storage), forKey: \(key))")
                } else {
                    decodeLines.append("self.\(storage) = try container.decode(\(type).self, forKey: \(key))")
                    encodeLines.append("try container.encode(self.\(storage), forKey: \(key))")
                }
            }
            if let (name, wireNames) = additionalProperties {
                let runtime = LibraryNames.qualified.runtime("AdditionalProperties")
                let known = "[" + wireNames.map(SwiftSourceText.stringLiteral).joined(separator: ", ") + "]"
                decodeLines.append("self.\(name) = try \(runtime).decode(from: decoder, excluding: \(known))")
                encodeLines.append("try \(runtime).encode(self.\(name), to: encoder, excluding: \(known))")
            }
            return ModelTemplateContext.Coding(decodeLines: decodeLines, encodeLines: encodeLines)
        }

        /// `@available(*, deprecated, message:)` text: what the docs say after their deprecation
        /// marker, or a plain statement.
        static func deprecationMessage(_ field: Field) -> String {
            let marker = ": warning: ** DEPRECATED **"
            if let description = field.description, description.hasPrefix(marker) {
                let rest = description.dropFirst(marker.count).drop { $0 == ":" || $0 == " " || $0 == "." }
                let text = String(rest).replacingAll("<br/>", with: " ").replacingAll("<br>", with: " ")
                if !text.isEmpty { return SwiftSourceText.singleLine(text) }
            }
            return "Deprecated in the API docs."
        }

        /// A field that closes a by-value cycle, or whose model is too big to hold inline, is stored
        /// out of line.
        private func isBoxed(_ field: Field, of model: Model) -> Bool {
            guard let target = RecursionAnalysis.directTarget(of: field.type) else { return false }
            let cyclic = recursive.contains(model.sourcePath) && recursive.contains(target)
            guard cyclic || sizes.isBoxed(field, of: model) else { return false }
            switch FieldStorage(field) {
            case .plain, .optional: return true
            case .nullable, .optionalNullable, .literal: return false
            }
        }

        private func enumContext(for enumeration: EnumModel, caseNames: [String], common: SwiftTemplateCommonContext) -> EnumTemplateContext {
            let names = Set(caseNames)
            var unrecognized = "unrecognized"
            while names.contains(unrecognized) { unrecognized += "_" }
            return EnumTemplateContext(
                common: common,
                isOpen: enumeration.isOpen,
                rawType: LibraryNames.qualified.swift(enumeration.isInteger ? "Int" : "String"),
                cases: zip(enumeration.cases, caseNames).map { enumCase, caseName in
                    EnumTemplateContext.Case(
                        name: SwiftNaming.escaped(caseName),
                        rawValue: enumeration.isInteger ? String(Int(enumCase.value) ?? 0) : SwiftSourceText.stringLiteral(enumCase.value))
                },
                unrecognized: unrecognized)
        }

        private func unionContext(
            for union: UnionModel, caseNames: [String], isIndirect: Bool, common: SwiftTemplateCommonContext
        ) -> UnionTemplateContext {
            UnionTemplateContext(
                common: common,
                indirect: isIndirect ? "indirect " : "",
                members: zip(union.wireMembers, caseNames).map { member, caseName in
                    UnionTemplateContext.Member(
                        name: SwiftNaming.escaped(caseName),
                        type: SwiftTypeRenderer.swiftType(of: member.type, in: binding))
                },
                memberList: SwiftSourceText.stringLiteral(
                    "the value matches none of: " + union.members.map(\.typeText).joined(separator: ", ")))
        }
    }
}
