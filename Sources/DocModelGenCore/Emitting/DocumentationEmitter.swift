/// Schema → one markdown page per model for Swift users, rendered from `model.md.mustache`.
public enum DocumentationEmitter {
    public static func emit(_ binding: SwiftBinding, templates: TemplateSet) -> [GeneratedFile] {
        Array(binding.schema.models.indices).parallelMap { index in
            let model = binding.schema.models[index]
            return GeneratedFile(
                path: GeneratedFile.outputName(forPage: model.sourcePath, extension: "md"),
                contents: templates.render(context(at: index, in: binding)),
                sourcePath: model.sourcePath)
        }
    }

    /// What `model.md.mustache` sees for each model, parallel to `binding.schema.models`.
    public static func contexts(for binding: SwiftBinding) -> [DocsPageTemplateContext] {
        Array(binding.schema.models.indices).parallelMap { context(at: $0, in: binding) }
    }

    static func context(at index: Int, in binding: SwiftBinding) -> DocsPageTemplateContext {
        let model = binding.schema.models[index]
        let kind: DocsPageTemplateContext.Kind
        switch model.kind {
        case .object:
            kind = .object(
                properties: model.wireFields.map { field in
                    let propertyName = binding.propertyName(of: field, in: model)
                    return DocsPageTemplateContext.Property(
                        name: MarkdownText.codeSpan(SwiftNaming.escaped(propertyName)),
                        wireName: field.isAdditionalProperties ? "any other key" : MarkdownText.codeSpan(field.wireName),
                        type: MarkdownText.codeSpan(SwiftTypeRenderer.propertyType(of: field, propertyName: propertyName, in: binding, names: .short)),
                        required: field.isOptional ? "No" : "Yes",
                        description: MarkdownText.tableCell(field.description ?? ""))
                },
                isMultipartBody: model.isMultipartBody)
        case .enumeration(let enumeration):
            kind = .enumeration(
                cases: zip(enumeration.cases, binding.caseNames(ofModelAt: index)).map { enumCase, caseName in
                    DocsPageTemplateContext.Case(
                        name: MarkdownText.codeSpan("." + SwiftNaming.escaped(caseName)),
                        value: MarkdownText.codeSpan(enumCase.value))
                },
                isOpen: enumeration.isOpen)
        case .union(let union) where union.wireMembers.isEmpty:
            kind = .skipped(reason: MarkdownText.tableCell(SwiftModelEmitter.sdkObjectUnionReason(union)))
        case .union(let union):
            kind = .union(members: zip(union.wireMembers, binding.caseNames(ofModelAt: index)).map { member, caseName in
                DocsPageTemplateContext.Member(
                    name: MarkdownText.codeSpan("." + SwiftNaming.escaped(caseName)),
                    type: MarkdownText.codeSpan(SwiftTypeRenderer.swiftType(of: member.type, in: binding, names: .short)),
                    docsType: MarkdownText.codeSpan(member.typeText))
            })
        case .skipped(let reason):
            kind = .skipped(reason: MarkdownText.tableCell(reason))
        }
        return DocsPageTemplateContext(
            sourcePath: MarkdownText.codeSpan(model.sourcePath),
            headerSourcePath: SwiftSourceText.singleLine(model.sourcePath).replacingAll("--", with: "- -"),
            typeName: binding.typeNames[index],
            name: MarkdownText.codeSpan(model.name),
            summary: model.summary.map(SwiftSourceText.lineSafe) ?? "",
            hasSummary: model.summary != nil,
            kind: kind)
    }
}
