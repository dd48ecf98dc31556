@testable import DocModelGenCore
import Foundation
import TestSupport
import Testing

@Suite struct SchemaBuilderTests {
    static let root = "/specs/docs/models/components"

    static func seedSchema() throws -> Schema {
        Generator.schema(
            of: [
                SourcePage(path: "bodygenimagetovideo.md", text: try TestPages.seed("bodygenimagetovideo.md")),
                SourcePage(path: "bodygenimagetovideoimage.md", text: try TestPages.seed("bodygenimagetovideoimage.md")),
            ],
            root: root)
    }

    @Test func seedModelsFieldsWireNamesTypesAndLines() throws {
        let schema = try Self.seedSchema()
        #expect(SwiftBinding(schema).typeNames == ["BodyGenImageToVideo", "BodyGenImageToVideoImage"])
        let body = schema.models[0]
        #expect(body.fields.map(\.wireName) == [
            "image", "model_id", "height", "width", "fps", "motion_bucket_id", "noise_aug_strength",
            "safety_check", "seed", "num_inference_steps",
        ])
        #expect(body.fields.map(SwiftBinding.propertyName) == [
            "image", "modelId", "height", "width", "fps", "motionBucketId", "noiseAugStrength",
            "safetyCheck", "seed", "numInferenceSteps",
        ])
        #expect(body.fields.map(\.type) == [
            .reference(ModelReference(
                text: "components.BodyGenImageToVideoImage",
                destination: "../../models/components/bodygenimagetovideoimage.md",
                target: "bodygenimagetovideoimage.md")),
            .optional(.string), .optional(.integer), .optional(.integer), .optional(.integer), .optional(.integer),
            .optional(.float), .optional(.boolean), .optional(.integer), .optional(.integer),
        ])
        #expect(body.fields.map(\.required) == [.required] + Array(repeating: .notRequired, count: 9))
        #expect(body.fields.map(\.location.line) == Array(8...17))
        #expect(body.fields[0].description == "Uploaded image to generate a video from.")

        let image = schema.models[1]
        #expect(image.fields.map(\.type) == [.string, .fileContent, .optional(.string)])
        #expect(image.fields.map(\.isOptional) == [false, false, true])
        #expect(image.fields.allSatisfy { $0.description == nil })  // "N/A"
        #expect(Validator.validate(schema).isEmpty)
    }

    /// The JSON of the seed schema, byte for byte. Re-record with `DOCMODELGEN_RECORD=1 swift test`.
    @Test func seedSchemaJSONIsStable() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let schema = try Self.seedSchema()
        let json = try encoder.encode(schema)
        try Golden.assertMatches(actual: json, goldenFile: PackageRoot.url.appendingPathComponent("Tests/DocModelGenCoreTests/Golden/seed-schema.json"))
        #expect(try JSONDecoder().decode(Schema.self, from: json) == schema)
    }

    @Test func typeCellGrammar() {
        func parse(_ cell: String) -> TypeExpression {
            TypeExpressionParser.parse(CmarkReader.inlines(of: cell)) { $0 == "x.md" ? "x.md" : nil }
        }
        let reference = TypeExpression.reference(ModelReference(text: "components.X", destination: "x.md", target: "x.md"))
        #expect(parse("*str*") == .string)
        #expect(parse("`int`") == .integer)
        #expect(parse("*List[Dict[str, float]]*") == .list(.dictionary(.float)))
        #expect(parse("List[[components.X](x.md)]") == .list(reference))
        #expect(parse("*Optional[[components.X](x.md)]*") == .optional(reference))
        #expect(parse("[Optional[components.X]](x.md)") == .optional(reference))
        #expect(parse("[components.Y](y.md)") == .reference(ModelReference(text: "components.Y", destination: "y.md", target: nil)))
        #expect(parse("*Union[bytes, IO[bytes], io.BufferedReader]*") == .fileContent)
        #expect(parse("*Optional[str*") == .malformed("Optional[str"))
        #expect(parse("*Foo[int]*") == .unknown("Foo[int]"))
        #expect(parse("*Dict[int, str]*") == .unknown("Dict[int, str]"))
        #expect(parse("") == .malformed(""))
    }

    @Test func linksResolveLexicallyInsideTheRoot() {
        let root = "/a/docs/models"
        #expect(LinkResolver.resolve("../../models/components/x.md", from: "components/y.md", root: root) == "components/x.md")
        #expect(LinkResolver.resolve("x.md#anchor", from: "components/y.md", root: root) == "components/x.md")
        #expect(LinkResolver.resolve("../../../../etc/passwd", from: "components/y.md", root: root) == nil)
        #expect(LinkResolver.resolve("https://example.com/x.md", from: "y.md", root: root) == nil)
        #expect(LinkResolver.resolve("/a/docs/models/z.md", from: "y.md", root: root) == "z.md")
        #expect(LinkResolver.resolve("", from: "y.md", root: root) == nil)
        #expect(LinkResolver.resolve("a::/b://c", from: "y.md", root: root) == nil)
        #expect(LinkResolver.resolve("a:/b/c.md", from: "y.md", root: root) == "a:/b/c.md")
        for url in ["x://", "::://", "a:b://"] { #expect(url.containsSchemeSeparator, "\(url)") }
        for path in [":/", ":/:/", "a/b", ":/a/", "//:"] { #expect(!path.containsSchemeSeparator, "\(path)") }
    }

    @Test func swiftNames() {
        #expect(SwiftNaming.propertyName("model_id") == "modelId")
        #expect(SwiftNaming.propertyName("HTTPMetadata") == "httpMetadata")
        #expect(SwiftNaming.propertyName("URL") == "url")
        #expect(SwiftNaming.propertyName("Content-Type") == "contentType")
        #expect(SwiftNaming.propertyName("2fa_code") == "_2faCode")
        #expect(SwiftNaming.propertyName("self") == "self_")
        #expect(SwiftNaming.propertyName("!!!") == "unnamed")
        #expect(SwiftNaming.escaped("class") == "`class`")
        #expect(SwiftNaming.escaped("modelId") == "modelId")
        #expect(SwiftNaming.typeName("body gen-image") == "BodyGenImage")
        #expect(SwiftNaming.typeName("Data") == "Data_")
    }

    /// The grammar fixture's schema shows each construct as its own node. Re-record with
    /// `DOCMODELGEN_RECORD=1 swift test`.
    @Test func grammarSchemaJSONIsStable() throws {
        let folder = PackageRoot.url.appendingPathComponent("Specs/grammar/docs/models")
        let paths = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".md") }.sorted()
        let pages = try paths.map { SourcePage(path: $0, text: try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = try encoder.encode(Generator.schema(of: pages, root: folder.path))
        try Golden.assertMatches(actual: json, goldenFile: PackageRoot.url.appendingPathComponent("Tests/DocModelGenCoreTests/Golden/grammar-schema.json"))
        let text = String(decoding: json, as: UTF8.self)
        for kind in ["nullable", "optionalNullable", "literal", "any", "date", "dateTime", "sdkObject", "dictionary", "list"] {
            #expect(text.contains("\"kind\" : \"\(kind)\""), "\(kind)")
        }
        for construct in ["\"enumeration\" :", "\"union\" :", "\"skipped\" :", "\"isOpen\" : true"] {
            #expect(text.contains(construct), "\(construct)")
        }
    }
}
