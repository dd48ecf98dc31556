/// Schema → one markdown page per model for Swift users, rendered from `model.md.mustache`.
public enum DocumentationEmitter {
    public static func emit(_ schema: Schema, templates: TemplateSet) -> [GeneratedFile] {
        schema.models.map { model in
            GeneratedFile(
                path: GeneratedFile.outputName(forPage: model.sourcePath, extension: "md"),
                contents: templates.render(TemplateSet.Name.docsPage, context(for: model, in: schema)),
                sourcePath: model.sourcePath)
        }
    }

    static func context(for model: Model, in schema: Schema) -> [String: Any] {
        [
            "sourcePath": MarkdownText.codeSpan(model.sourcePath),
            "headerSourcePath": SwiftSourceText.singleLine(model.sourcePath).replacingAll("--", with: "- -"),
            "typeName": model.swiftName,
            "name": MarkdownText.codeSpan(model.name),
            "summary": model.summary.map(SwiftSourceText.lineSafe) ?? "",
            "hasSummary": model.summary != nil,
            "hasProperties": !model.fields.isEmpty,
            "properties": model.fields.map { field -> [String: Any] in
                [
                    "name": MarkdownText.codeSpan(SwiftNaming.escaped(field.swiftName)),
                    "wireName": MarkdownText.codeSpan(field.wireName),
                    "type": MarkdownText.codeSpan(SwiftTypeRenderer.swiftType(of: field, in: schema)),
                    "required": field.isOptional ? "No" : "Yes",
                    "description": MarkdownText.tableCell(field.description ?? ""),
                ]
            },
        ]
    }
}
