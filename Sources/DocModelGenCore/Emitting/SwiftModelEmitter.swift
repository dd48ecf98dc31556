/// Schema → one Swift file per model page, rendered from `model.swift.mustache`.
public enum SwiftModelEmitter {
    public struct Options: Sendable, Hashable {
        public var accessLevel: AccessLevel
        public init(accessLevel: AccessLevel = .public) {
            self.accessLevel = accessLevel
        }
    }

    public static func emit(_ schema: Schema, options: Options, templates: TemplateSet) -> [GeneratedFile] {
        schema.models.map { model in
            GeneratedFile(
                path: GeneratedFile.outputName(forPage: model.sourcePath, extension: "swift"),
                contents: templates.render(TemplateSet.Name.swiftModel, context(for: model, in: schema, options: options)),
                sourcePath: model.sourcePath)
        }
    }

    /// The values `model.swift.mustache` sees; every string is already valid Swift in its position.
    static func context(for model: Model, in schema: Schema, options: Options) -> [String: Any] {
        let properties: [[String: Any]] = model.fields.enumerated().map { index, field in
            let name = SwiftNaming.escaped(field.swiftName)
            return [
                "name": name,
                "wireName": SwiftSourceText.stringLiteral(field.wireName),
                "type": SwiftTypeRenderer.swiftType(of: field, in: schema),
                "isOptional": field.isOptional,
                "docLines": field.description.map(SwiftSourceText.docCommentLines) ?? [],
                "codingKey": field.swiftName == field.wireName
                    ? name : "\(name) = \(SwiftSourceText.stringLiteral(field.wireName))",
                "isLast": index == model.fields.count - 1,
            ]
        }
        var imports: [String] = []
        if SwiftTypeRenderer.needsRuntime(model) || model.isMultipartBody { imports.append("DocModelRuntime") }
        let multipartLines = model.fields.flatMap { MultipartPartsRenderer.lines(for: $0, in: schema) }
        return [
            "sourcePath": SwiftSourceText.singleLine(model.sourcePath),
            "imports": imports,
            "access": options.accessLevel.rawValue,
            "typeName": model.swiftName,
            "docLines": model.summary.map(SwiftSourceText.docCommentLines) ?? [],
            "properties": properties,
            "hasProperties": !properties.isEmpty,
            "isMultipartBody": model.isMultipartBody,
            "multipartLines": multipartLines,
            // `var parts` that is never appended to would warn.
            "partsBinding": multipartLines.isEmpty ? "let" : "var",
        ]
    }
}
