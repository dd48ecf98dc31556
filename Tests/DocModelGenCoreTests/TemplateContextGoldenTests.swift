@testable import DocModelGenCore
@testable import DocModelGenOpenAPI
import Foundation
import Testing
import TestSupport

/// What every template sees for every page of the reference trees, checked in as JSON under
/// `Golden/contexts/`. A change to a key or to the escaping of a value shows up here, before any
/// user's template override meets it.
@Suite struct TemplateContextGoldenTests {
    /// One page's two contexts.
    struct PageContexts: Encodable {
        var page: String
        var swiftTemplate: String
        var swift: SwiftPageTemplateContext
        var docs: DocsPageTemplateContext
    }

    @Test(arguments: ["livepeer-ai", "unstructured", "grammar"])
    func contextsMatchTheGolden(tree: String) throws {
        let folder = PackageRoot.url.appendingPathComponent("Specs/\(tree)/docs/models")
        // The livepeer pages with their bundled spec, as the README's main command generates them,
        // so the `defaults` keys are shown with values.
        let spec = PackageRoot.url.appendingPathComponent("Specs/\(tree)/gateway.openapi.yaml").path
        let overlay = OpenAPIReader.read(rootPath: spec) { FileManager.default.contents(atPath: $0).map { [UInt8]($0) } }.facts
        let sources = try TypedMustacheTemplateTests.pages(under: folder)
        let binding = SwiftBinding(Generator.schema(of: sources, root: folder.path, overlay: overlay.map { [$0] } ?? []).schema)
        let swift = SwiftModelEmitter.contexts(for: binding, options: SwiftModelEmitter.Options())
        let docs = DocumentationEmitter.contexts(for: binding)
        #expect(swift.count == binding.schema.models.count && docs.count == swift.count)
        let pages = binding.schema.models.indices.map { index in
            PageContexts(
                page: binding.schema.models[index].sourcePath, swiftTemplate: swift[index].templateName, swift: swift[index],
                docs: docs[index])
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        try Golden.assertMatches(
            actual: try encoder.encode(pages) + Data("\n".utf8),
            goldenFile: PackageRoot.url.appendingPathComponent("Tests/DocModelGenCoreTests/Golden/contexts/\(tree).json"))
    }

    /// What the client templates see for the bundled livepeer tree (its operations page, README and
    /// spec, as the README's main command generates it).
    struct ClientContexts: Encodable {
        var client: ClientTemplateContext
        var operations: [OperationsTemplateContext]
    }

    @Test func clientContextsMatchTheGolden() throws {
        let specs = PackageRoot.url.appendingPathComponent("Specs/livepeer-ai")
        let folder = specs.appendingPathComponent("docs/models")
        let overlay = OpenAPIReader.read(rootPath: specs.appendingPathComponent("gateway.openapi.yaml").path) {
            FileManager.default.contents(atPath: $0).map { [UInt8]($0) }
        }.facts.map { [$0] } ?? []
        let models = Generator.schema(of: try TypedMustacheTemplateTests.pages(under: folder), root: folder.path, overlay: overlay).schema
        let operationsPage = SourcePage(
            path: "../sdks/generate/README.md",
            text: try String(contentsOf: specs.appendingPathComponent("docs/sdks/generate/README.md"), encoding: .utf8))
        let readme = SourcePage(path: "../../README.md", text: try String(contentsOf: specs.appendingPathComponent("README.md"), encoding: .utf8))
        let (schema, _) = Generator.addingAPI(to: models, operations: [operationsPage], readme: readme, root: folder.path)
        let binding = SwiftBinding(schema)
        let plan = try #require(ClientBinding.plan(binding, options: ClientBinding.Options().withOverlay(overlay)).plan)
        let options = SwiftClientEmitter.Options()
        let contexts = ClientContexts(
            client: SwiftClientEmitter.clientContext(plan, options: options),
            operations: plan.groups.indices.map { SwiftClientEmitter.operationsContext(plan, group: $0, binding: binding, options: options) })
        #expect(contexts.operations.map(\.typeName) == ["GenerateOperations"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        try Golden.assertMatches(
            actual: try encoder.encode(contexts) + Data("\n".utf8),
            goldenFile: PackageRoot.url.appendingPathComponent("Tests/DocModelGenCoreTests/Golden/contexts/livepeer-ai-client.json"))
    }

    /// The JSON of a context is what its template sees, keys and values alike.
    @Test func encodingShowsTheTemplateValues() throws {
        let common = SwiftTemplateCommonContext(
            sourcePath: "a.md", imports: [], access: "public", typeName: "A", qualifiedTypeName: "N.A", docLines: [" Hi."],
            namespace: .init(name: "N"))
        let context = SkippedTemplateContext(common: common, reason: "why")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(String(decoding: try encoder.encode(context), as: UTF8.self) == """
            {"access":"public","docLines":[" Hi."],"imports":[],"indent":"    ","namespace":{"name":"N"},\
            "qualifiedTypeName":"N.A","reason":"why","sourcePath":"a.md","typeName":"A"}
            """)
    }
}
