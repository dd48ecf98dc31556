/// Schema → one markdown page per model for Swift users, rendered from `model.md.mustache`.
public enum DocumentationEmitter {
    public static func emit(_ schema: Schema, templates: TemplateSet) -> [GeneratedFile] {
        schema.models.parallelMap { model in
            GeneratedFile(
                path: GeneratedFile.outputName(forPage: model.sourcePath, extension: "md"),
                contents: templates.render(TemplateSet.Name.docsPage, context(for: model, in: schema)),
                sourcePath: model.sourcePath)
        }
    }

    static func context(for model: Model, in schema: Schema) -> [String: TemplateValue] {
        var context: [String: TemplateValue] = [
            "sourcePath": .string(MarkdownText.codeSpan(model.sourcePath)),
            "headerSourcePath": .string(SwiftSourceText.singleLine(model.sourcePath).replacingAll("--", with: "- -")),
            "typeName": .string(model.swiftName),
            "name": .string(MarkdownText.codeSpan(model.name)),
            "summary": .string(model.summary.map(SwiftSourceText.lineSafe) ?? ""),
            "hasSummary": .bool(model.summary != nil),
        ]
        switch model.kind {
        case .object:
            let fields = model.wireFields
            context["isObject"] = true
            context["hasProperties"] = .bool(!fields.isEmpty)
            context["isMultipartBody"] = .bool(model.isMultipartBody)
            context["properties"] = .objects(fields.map { field in
                [
                    "name": .string(MarkdownText.codeSpan(SwiftNaming.escaped(field.swiftName))),
                    "wireName": .string(MarkdownText.codeSpan(field.wireName)),
                    "type": .string(MarkdownText.codeSpan(SwiftTypeRenderer.propertyType(of: field, in: schema))),
                    "required": field.isOptional ? "No" : "Yes",
                    "description": .string(MarkdownText.tableCell(field.description ?? "")),
                ]
            })
        case .enumeration(let enumeration):
            context["isEnum"] = true
            context["isOpen"] = .bool(enumeration.isOpen)
            context["cases"] = .objects(enumeration.cases.map { enumCase in
                [
                    "name": .string(MarkdownText.codeSpan("." + SwiftNaming.escaped(enumCase.swiftName))),
                    "value": .string(MarkdownText.codeSpan(enumCase.value)),
                ]
            })
        case .union(let union):
            context["isUnion"] = true
            context["members"] = .objects(union.members.map { member in
                [
                    "name": .string(MarkdownText.codeSpan("." + SwiftNaming.escaped(member.swiftName))),
                    "type": .string(MarkdownText.codeSpan(SwiftTypeRenderer.swiftType(of: member.type, in: schema))),
                    "docsType": .string(MarkdownText.codeSpan(member.typeText)),
                ]
            })
        case .skipped(let reason):
            context["isSkipped"] = true
            context["reason"] = .string(MarkdownText.tableCell(reason))
        }
        return context
    }
}
