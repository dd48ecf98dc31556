/// Schema → one markdown page per model for Swift users, rendered from `model.md.mustache`.
public enum DocumentationEmitter {
    public static func emit(_ binding: SwiftBinding, templates: TemplateSet) -> [GeneratedFile] {
        Array(binding.schema.models.indices).parallelMap { index in
            let model = binding.schema.models[index]
            return GeneratedFile(
                path: GeneratedFile.outputName(forPage: model.sourcePath, extension: "md"),
                contents: templates.render(TemplateSet.Name.docsPage, context(for: model, typeName: binding.typeNames[index], in: binding)),
                sourcePath: model.sourcePath)
        }
    }

    static func context(for model: Model, typeName: String, in binding: SwiftBinding) -> [String: TemplateValue] {
        var context: [String: TemplateValue] = [
            "sourcePath": .string(MarkdownText.codeSpan(model.sourcePath)),
            "headerSourcePath": .string(SwiftSourceText.singleLine(model.sourcePath).replacingAll("--", with: "- -")),
            "typeName": .string(typeName),
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
                    "name": .string(MarkdownText.codeSpan(SwiftNaming.escaped(SwiftBinding.propertyName(field)))),
                    "wireName": .string(MarkdownText.codeSpan(field.wireName)),
                    "type": .string(MarkdownText.codeSpan(SwiftTypeRenderer.propertyType(of: field, in: binding))),
                    "required": field.isOptional ? "No" : "Yes",
                    "description": .string(MarkdownText.tableCell(field.description ?? "")),
                ]
            })
        case .enumeration(let enumeration):
            context["isEnum"] = true
            context["isOpen"] = .bool(enumeration.isOpen)
            context["cases"] = .objects(enumeration.cases.map { enumCase in
                [
                    "name": .string(MarkdownText.codeSpan("." + SwiftNaming.escaped(SwiftBinding.caseName(enumCase)))),
                    "value": .string(MarkdownText.codeSpan(enumCase.value)),
                ]
            })
        case .union(let union):
            context["isUnion"] = true
            context["members"] = .objects(union.members.map { member in
                [
                    "name": .string(MarkdownText.codeSpan("." + SwiftNaming.escaped(SwiftBinding.caseName(member)))),
                    "type": .string(MarkdownText.codeSpan(SwiftTypeRenderer.swiftType(of: member.type, in: binding))),
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
