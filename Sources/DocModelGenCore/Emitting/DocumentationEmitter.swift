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
        var context: [String: Any] = [
            "sourcePath": MarkdownText.codeSpan(model.sourcePath),
            "headerSourcePath": SwiftSourceText.singleLine(model.sourcePath).replacingAll("--", with: "- -"),
            "typeName": model.swiftName,
            "name": MarkdownText.codeSpan(model.name),
            "summary": model.summary.map(SwiftSourceText.lineSafe) ?? "",
            "hasSummary": model.summary != nil,
        ]
        switch model.kind {
        case .object:
            let fields = model.wireFields
            context["isObject"] = true
            context["hasProperties"] = !fields.isEmpty
            context["isMultipartBody"] = model.isMultipartBody
            context["properties"] = fields.map { field -> [String: Any] in
                [
                    "name": MarkdownText.codeSpan(SwiftNaming.escaped(field.swiftName)),
                    "wireName": MarkdownText.codeSpan(field.wireName),
                    "type": MarkdownText.codeSpan(SwiftTypeRenderer.propertyType(of: field, in: schema)),
                    "required": field.isOptional ? "No" : "Yes",
                    "description": MarkdownText.tableCell(field.description ?? ""),
                ]
            }
        case .enumeration(let enumeration):
            context["isEnum"] = true
            context["isOpen"] = enumeration.isOpen
            context["cases"] = enumeration.cases.map { enumCase -> [String: Any] in
                [
                    "name": MarkdownText.codeSpan("." + SwiftNaming.escaped(enumCase.swiftName)),
                    "value": MarkdownText.codeSpan(enumCase.value),
                ]
            }
        case .union(let union):
            context["isUnion"] = true
            context["members"] = union.members.map { member -> [String: Any] in
                [
                    "name": MarkdownText.codeSpan("." + SwiftNaming.escaped(member.swiftName)),
                    "type": MarkdownText.codeSpan(SwiftTypeRenderer.swiftType(of: member.type, in: schema)),
                    "docsType": MarkdownText.codeSpan(member.typeText),
                ]
            }
        case .skipped(let reason):
            context["isSkipped"] = true
            context["reason"] = MarkdownText.tableCell(reason)
        }
        return context
    }
}
