@testable import DocModelGenCore
@testable import DocModelGenOpenAPI
import DocModelGenMustache
import Foundation
import Testing

/// What the overlay takes from an OpenAPI document or a Python SDK, and who wins when they differ.
@Suite struct WireOverlayTests {
    static let root = "/docs/models"

    static let connection = SourcePage(path: "shared/connectioncreaterequest.md", text: SwiftModelEmitterTests.fields("ConnectionCreateRequest", """
        | `source_id` | *str* | :heavy_check_mark: | The source. |
        | `in_` | *Optional[str]* | :heavy_minus_sign: | An escaped keyword. |
        | `type_filter` | *Optional[str]* | :heavy_minus_sign: | Renamed by an alias. |
        | `height` | *Optional[int]* | :heavy_minus_sign: | Has a default. |
        | `ratio` | *Optional[float]* | :heavy_minus_sign: | Has a default. |
        | `mode` | [Optional[shared.Mode]](../../models/shared/mode.md) | :heavy_minus_sign: | An enum with a default. |
        | `count` | *Optional[int]* | :heavy_minus_sign: | An int64. |
        | `extra` | *Optional[str]* | :heavy_minus_sign: | Nowhere in the SDK. |
        """))
    static let mode = SourcePage(path: "shared/mode.md", text: "# Mode\n\n## Values\n\n| Name | Value |\n| --- | --- |\n| `FAST` | fast |\n| `SLOW` | slow |\n")
    static let either = SourcePage(path: "shared/either.md", text: "# Either\n\n## Supported Types\n\n### `str`\n\n```python\nvalue: str = /* values here */\n```\n\n### `int`\n\n```python\nvalue: int = /* values here */\n```\n")
    static let orphan = SourcePage(path: "shared/orphan.md", text: SwiftModelEmitterTests.fields("Orphan", "| `a_b` | *str* | :heavy_check_mark: | N/A |"))
    static let pages = [connection, mode, either, orphan]

    static func location(_ line: Int) -> Location { Location(file: "sdk/models/shared/connection.py", line: line, column: 5) }

    /// What `airbyte/models/shared/…` would say.
    static let sdk = WireFacts(origin: .pythonSDK, models: [
        WireModel(name: "ConnectionCreateRequest", path: "models/shared/connection.py: ConnectionCreateRequest", location: location(1), kind: .object, fields: [
            WireField(attributeName: "source_id", wireName: "sourceId", isRequired: true, type: .string(format: nil), location: location(2)),
            WireField(attributeName: "in_", wireName: "in", type: .string(format: nil), location: location(3)),
            WireField(attributeName: "type_filter", wireName: "type", type: .string(format: nil), location: location(4)),
            WireField(attributeName: "height", wireName: "height", type: .integer(format: nil), defaultValue: .number("576"), location: location(5)),
            WireField(attributeName: "ratio", wireName: "ratio", type: .number(format: nil), defaultValue: .number(".5"), location: location(6)),
            WireField(attributeName: "mode", wireName: "mode", type: .reference("Mode"), defaultValue: .string("slow"), location: location(7)),
            WireField(attributeName: "count", wireName: "count", type: .integer(format: nil), defaultValue: .null, location: location(8)),
        ]),
    ])

    /// What the API's spec would say: one name differs from the SDK's, one default too, and it
    /// knows `count` is an int64.
    static let spec = WireFacts(origin: .openAPI, models: [
        WireModel(name: "Connection_create_request", path: "#/components/schemas/Connection_create_request", location: Location(file: "/spec.yaml", line: 10, column: 3), kind: .object, fields: [
            WireField(wireName: "sourceId", isRequired: true, type: .string(format: "uuid"), location: Location(file: "/spec.yaml", line: 11, column: 5)),
            WireField(wireName: "type_filter", type: .string(format: nil), location: Location(file: "/spec.yaml", line: 12, column: 5)),
            WireField(wireName: "height", type: .integer(format: "int32"), defaultValue: .number("512"), location: Location(file: "/spec.yaml", line: 13, column: 5)),
            WireField(wireName: "count", type: .integer(format: "int64"), location: Location(file: "/spec.yaml", line: 14, column: 5)),
        ]),
    ])

    static func overlaid(_ sources: [WireFacts]) -> (schema: Schema, diagnostics: [Diagnostic]) {
        Generator.schema(of: pages, root: root, overlay: sources)
    }

    static func field(_ name: String, in schema: Schema) throws -> Field {
        let model = try #require(schema.model(atPath: "shared/connectioncreaterequest.md"))
        return try #require(model.fields.first { ($0.documentedName ?? $0.wireName) == name })
    }

    @Test func wireNamesComeFromTheSDKAndSwiftNamesFromTheDocs() throws {
        let (schema, _) = Self.overlaid([Self.sdk])
        #expect(try Self.field("source_id", in: schema).wireName == "sourceId")
        #expect(try Self.field("in", in: schema).wireName == "in")
        #expect(try Self.field("type_filter", in: schema).wireName == "type")
        let swift = try SwiftModelEmitterTests.emitted(schema)
        #expect(swift.contains("    public var sourceId: Swift.String\n"))
        #expect(swift.contains("    public var typeFilter: Swift.String?\n"))
        #expect(swift.contains("        self.typeFilter = try container.decodeIfPresent(Swift.String.self, forKey: \"type\")\n"))
        #expect(swift.contains("        self.sourceId = try container.decode(Swift.String.self, forKey: \"sourceId\")\n"))
    }

    @Test func theSDKWinsConflictsAndEachIsReportedAtTheDocsCell() throws {
        let (schema, diagnostics) = Self.overlaid([Self.spec, Self.sdk])
        #expect(try Self.field("type_filter", in: schema).wireName == "type")
        #expect(try Self.field("height", in: schema).defaultValue == .number("576"))
        let conflicts = diagnostics.filter { $0.kind == .overlayConflict }
        // The wire name and the default; `height`'s int32 is the spec's alone, no conflict.
        #expect(conflicts.count == 2, "\(conflicts)")
        let wireName = try #require(conflicts.first { $0.message.contains("the wire name") })
        #expect(wireName.message.contains("'type'") && wireName.message.contains("'type_filter'"))
        #expect(wireName.location?.file == "shared/connectioncreaterequest.md")
        #expect(wireName.location?.line == 9)
        // A fact only the spec gives is taken from it.
        #expect(try Self.field("count", in: schema).format == "int64")
        #expect(try Self.field("source_id", in: schema).format == "uuid")
    }

    @Test func whatMatchesNothingIsAWarningAndNothingIsGuessed() throws {
        let (schema, diagnostics) = Self.overlaid([Self.sdk])
        let unmatched = diagnostics.filter { $0.kind == .overlayUnmatched }
        #expect(unmatched.compactMap { $0.location?.file }.sorted() == ["shared/connectioncreaterequest.md", "shared/orphan.md"])
        #expect(unmatched.contains { $0.message.contains("field 'extra'") })
        #expect(try Self.field("extra", in: schema).wireName == "extra")
        // The orphan keeps its docs names; the union page is not reported: nothing of it is renamed.
        #expect(schema.model(atPath: "shared/orphan.md")?.fields.first?.wireName == "a_b")
        #expect(!unmatched.contains { $0.location?.file == "shared/either.md" })
    }

    @Test func defaultsAreValuesAndSentOnlyWhenAsked() throws {
        let (schema, _) = Self.overlaid([Self.spec, Self.sdk])
        let quiet = try SwiftModelEmitterTests.emitted(schema)
        #expect(quiet.contains("        public static let height: Swift.Int32 = 576\n"))
        #expect(quiet.contains("        public static let ratio: Swift.Double = 0.5\n"))
        #expect(quiet.contains("        public static let mode: Mode = Mode.slow\n"))
        #expect(quiet.contains("        height: Swift.Int32? = nil,\n"))
        #expect(quiet.contains("Default: `576` (the server's, when left out)."))
        // `None` is no default: `count` has none.
        #expect(!quiet.contains("static let count"))
        #expect(quiet.contains("    public var count: Swift.Int64?\n"))

        let sending = try SwiftModelEmitterTests.emitted(schema, sendDefaults: true)
        #expect(sending.contains("        height: Swift.Int32? = Defaults.height,\n"))
        #expect(sending.contains("        mode: Mode? = Defaults.mode,\n"))
        #expect(sending.contains("        count: Swift.Int64? = nil,\n"))
    }

    @Test func aNumberTheSpecTypesAsAStringIsSentAsAString() throws {
        var spec = Self.spec
        spec.models[0].fields[3] = WireField(wireName: "count", type: .string(format: "int64"), defaultValue: .string("7"), location: Self.location(1))
        let (schema, _) = Generator.schema(of: Self.pages, root: Self.root, overlay: [spec])
        #expect(try Self.field("count", in: schema).isSentAsString == true)
        let swift = try SwiftModelEmitterTests.emitted(schema, sendDefaults: true)
        #expect(swift.contains("    public var count: DocModelRuntime.StringEncoded<Swift.Int64>?\n"))
        #expect(swift.contains("        public static let count: DocModelRuntime.StringEncoded<Swift.Int64> = DocModelRuntime.StringEncoded(7)\n"))
    }

    @Test func driftPointsAtTheDocsAndNamesTheSpec() throws {
        let schema = Generator.schema(of: Self.pages, root: Self.root)
        var spec = Self.spec
        spec.models[0].fields += [
            WireField(wireName: "only_in_spec", location: Location(file: "/spec.yaml", line: 15, column: 5)),
            WireField(wireName: "in", isRequired: true, type: .string(format: nil), location: Location(file: "/spec.yaml", line: 16, column: 5)),
            WireField(wireName: "ratio", isNullable: true, type: .string(format: "date-time"), location: Location(file: "/spec.yaml", line: 17, column: 5)),
        ]
        spec.models.append(WireModel(
            name: "Mode", path: "#/components/schemas/Mode", location: Location(file: "/spec.yaml", line: 30, column: 3),
            kind: .enumeration, values: [.string("fast"), .string("medium")]))
        let findings = DriftReport.compare(schema, with: spec)
        let kinds = Dictionary(grouping: findings, by: \.kind)
        #expect(kinds[.pageWithoutSchema]?.map(\.location.file).sorted() == ["shared/either.md", "shared/orphan.md"])
        #expect(kinds[.fieldNotInSpec]?.map(\.location.line) == [12, 14])  // mode, extra
        #expect(kinds[.propertyNotInDocs]?.map(\.specPath) == ["#/components/schemas/Connection_create_request/properties/only_in_spec"])
        #expect(kinds[.required]?.first?.message.contains("'in' is optional in the docs but required") == true)
        #expect(kinds[.nullable]?.first?.location.line == 11)
        #expect(kinds[.type]?.first?.message.contains("'ratio' is a number in the docs") == true)
        let values = try #require(kinds[.enumValues]?.first)
        #expect(values.message.contains("the docs lack 'medium'") && values.message.contains("the spec lacks 'slow'"))
        #expect(values.specPath == "#/components/schemas/Mode")

        let json = DriftReport.render(findings, format: .json)
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
        #expect(decoded?.count == findings.count)
        let markdown = DriftReport.render(findings, format: .markdown)
        #expect(markdown.contains("| shared/orphan.md:1 | page-without-schema |"))
    }
}

extension SwiftModelEmitterTests {
    /// The Swift of every model of `schema`, concatenated.
    static func emitted(_ schema: Schema, sendDefaults: Bool = false) throws -> String {
        let binding = SwiftBinding(schema)
        #expect(!Validator.validate(binding.schema).hasErrors)
        let templates = try TemplateSet(texts: TypedMustacheTemplateTests.bundledTexts())
        return SwiftModelEmitter.emit(binding, options: .init(sendDefaults: sendDefaults), templates: templates)
            .map(\.contents).joined(separator: "\n")
    }
}

/// Two classes of one name in different modules (Speakeasy names an inline object after its
/// property), read from Python sources, matched to their own docs pages: by the linking page, by
/// the folder, by the field set; and matched to nothing, with a warning, when nothing tells.
@Suite struct WireOverlaySameNameTests {
    static let header = """
        from __future__ import annotations
        import pydantic
        from sdk.types import BaseModel
        from typing import List, Optional
        from typing_extensions import Annotated


        """

    /// A module of a class with one aliased `str` attribute, then `rest`.
    static func module(_ path: String, _ name: String, _ attribute: String, alias: String, then rest: String = "") -> (String, String) {
        (path, header + "class \(name)(BaseModel):\n    \(attribute): Annotated[str, pydantic.Field(alias=\"\(alias)\")]\n" + rest)
    }

    static let modules: [(String, String)] = [
        // Field sets differ: the fields decide.
        ("models/operations/webhook_a.py", header + """
            class Sale(BaseModel):
                sale_id: Annotated[str, pydantic.Field(alias="saleId")]
                amount_due: Annotated[int, pydantic.Field(alias="amountDue")]
            """),
        ("models/operations/webhook_b.py", header + """
            class Sale(BaseModel):
                sale_id: Annotated[str, pydantic.Field(alias="sale-id")]
                refunded: bool
            """),
        // Field sets alike, aliases not: the linking page decides, through a class of the
        // parent's own module and through an import.
        module("models/operations/item_d.py", "Item", "item_id", alias: "item_ID"),
        module("models/operations/order_c.py", "Item", "item_id", alias: "itemId", then: """


            class OrderC(BaseModel):
                items: List[Item]
            """),
        ("models/operations/order_d.py", header + """
            from .item_d import Item, ItemTypedDict


            class OrderD(BaseModel):
                items: Optional[List[Item]] = None
            """),
        // Alike but for the folder: the folder decides.
        module("models/shared/tag.py", "Tag", "label", alias: "tagLabel"),
        module("models/operations/post.py", "Tag", "label", alias: "label_text"),
        // Nothing tells these apart.
        module("models/operations/note_e.py", "Note", "text", alias: "noteText"),
        module("models/operations/note_f.py", "Note", "text", alias: "note_text"),
    ]

    static func page(_ path: String, _ title: String, _ rows: String) -> SourcePage {
        SourcePage(path: path, text: SwiftModelEmitterTests.fields(title, rows))
    }

    static let pages = [
        page("operations/sale.md", "Sale", """
            | `sale_id` | *str* | :heavy_check_mark: | N/A |
            | `amount_due` | *int* | :heavy_check_mark: | N/A |
            """),
        page("operations/refundedsale.md", "Sale", """
            | `sale_id` | *str* | :heavy_check_mark: | N/A |
            | `refunded` | *bool* | :heavy_check_mark: | N/A |
            """),
        page("operations/orderc.md", "OrderC", "| `items` | List[[operations.Item](../../models/operations/item.md)] | :heavy_check_mark: | N/A |"),
        page("operations/item.md", "Item", "| `item_id` | *str* | :heavy_check_mark: | N/A |"),
        page("operations/orderd.md", "OrderD", "| `items` | List[[operations.Item](../../models/operations/itemd.md)] | :heavy_minus_sign: | N/A |"),
        page("operations/itemd.md", "Item", "| `item_id` | *str* | :heavy_check_mark: | N/A |"),
        page("shared/tag.md", "Tag", "| `label` | *str* | :heavy_check_mark: | N/A |"),
        page("operations/note.md", "Note", "| `text` | *str* | :heavy_check_mark: | N/A |"),
    ]

    static func overlaid() throws -> (schema: Schema, diagnostics: [Diagnostic]) {
        let read = PythonModelReaderTests.read(modules)
        #expect(read.diagnostics == [])
        return Generator.schema(of: pages, root: WireOverlayTests.root, overlay: [read.facts])
    }

    static func wireNames(_ path: String, in schema: Schema) throws -> [String] {
        try #require(schema.model(atPath: path)).fields.map(\.wireName)
    }

    @Test func eachPageGetsItsOwnClass() throws {
        let (schema, diagnostics) = try Self.overlaid()
        // The field set: only one class has every docs field.
        #expect(try Self.wireNames("operations/sale.md", in: schema) == ["saleId", "amountDue"])
        #expect(try Self.wireNames("operations/refundedsale.md", in: schema) == ["sale-id", "refunded"])
        // The linking page: `OrderC.items` is the `Item` of its own module, `OrderD.items` the one
        // it imports.
        #expect(try Self.wireNames("operations/item.md", in: schema) == ["itemId"])
        #expect(try Self.wireNames("operations/itemd.md", in: schema) == ["item_ID"])
        #expect(schema.model(atPath: "operations/itemd.md")?.wirePaths == ["models/operations/item_d.py: Item"])
        // The folder: `shared/` is `models/shared/`.
        #expect(try Self.wireNames("shared/tag.md", in: schema) == ["tagLabel"])
        #expect(!diagnostics.contains { $0.location?.file != "operations/note.md" })
    }

    @Test func whatNothingTellsApartMatchesNothingWithAWarning() throws {
        let (schema, diagnostics) = try Self.overlaid()
        #expect(try Self.wireNames("operations/note.md", in: schema) == ["text"])
        #expect(schema.model(atPath: "operations/note.md")?.wirePaths == nil)
        let warning = try #require(diagnostics.first { $0.location?.file == "operations/note.md" })
        #expect(diagnostics.count == 1)
        #expect(warning.kind == .overlayUnmatched && warning.severity == .warning)
        #expect(warning.location?.line == 1)
        #expect(warning.message == "'Note' fits 2 classes of the Python SDK and nothing tells which (models/operations/note_e.py: Note, models/operations/note_f.py: Note); none is used, and its fields keep the docs' names on the wire")
        // Drift says the same, and compares nothing.
        let read = PythonModelReaderTests.read(Self.modules)
        let drift = DriftReport.compare(Generator.schema(of: Self.pages, root: WireOverlayTests.root), with: read.facts)
        let note = drift.filter { $0.location.file == "operations/note.md" }
        #expect(note.map(\.kind) == [.pageWithoutSchema])
        #expect(note.first?.specPath == "models/operations/note_e.py: Note, models/operations/note_f.py: Note")
    }
}

/// Wire names of symbols and pydantic's catch-all, against the SDK and against a spec.
extension WireOverlayTests {
    static let symbols = SourcePage(path: "shared/node.md", text: SwiftModelEmitterTests.fields("Node", """
        | `at_type` | *Optional[str]* | :heavy_minus_sign: | JSON-LD type. |
        | `ref` | *Optional[str]* | :heavy_minus_sign: | A reference. |
        | `dollar_schema` | *Optional[str]* | :heavy_minus_sign: | A schema. |
        | `x_id` | *Optional[str]* | :heavy_minus_sign: | A header-like name. |
        | `a_b` | *Optional[str]* | :heavy_minus_sign: | A dotted name. |
        | `__pydantic_extra__` | Dict[str, *Any*] | :heavy_minus_sign: | N/A |
        """))

    static let symbolsModule = """
        from __future__ import annotations
        import pydantic
        from sdk.types import BaseModel
        from sdk.utils import FieldMetadata, QueryParamMetadata
        from typing import Any, Dict, Optional
        from typing_extensions import Annotated


        class Node(BaseModel):
            model_config = pydantic.ConfigDict(populate_by_name=True, arbitrary_types_allowed=True, extra="allow")
            __pydantic_extra__: Dict[str, Any] = pydantic.Field(init=False)

            at_type: Annotated[Optional[str], pydantic.Field(alias="@type")] = None
            ref: Annotated[Optional[str], pydantic.Field(alias="$ref")] = None
            dollar_schema: Annotated[Optional[str], pydantic.Field(alias="$schema")] = None
            x_id: Annotated[
                Optional[str],
                pydantic.Field(alias="x-id"),
                FieldMetadata(query=QueryParamMetadata(style="form", explode=True)),
            ] = None
            a_b: Annotated[Optional[str], pydantic.Field(alias="a.b")] = None
        """

    static let symbolsSpec = """
        openapi: 3.1.0
        info: {title: t, version: '1'}
        components:
          schemas:
            Node:
              type: object
              additionalProperties: true
              properties:
                '@type': {type: string}
                $ref: {type: string}
                $schema: {type: string}
                x-id: {type: string}
                a.b: {type: string}

        """

    @Test func wireNamesWithSymbolsMatchTheirEscapedAttributes() throws {
        let sdk = PythonModelReaderTests.read([("models/shared/node.py", Self.symbolsModule)])
        #expect(sdk.diagnostics == [])
        let spec = try #require(OpenAPIReader.read(rootPath: "/spec.yaml") { _ in Array(Self.symbolsSpec.utf8) }.facts)
        let expected = ["@type", "$ref", "$schema", "x-id", "a.b", "__pydantic_extra__"]
        for sources in [[sdk.facts], [spec], [spec, sdk.facts]] {
            let (schema, diagnostics) = Generator.schema(of: [Self.symbols], root: Self.root, overlay: sources)
            #expect(diagnostics == [], "\(sources.map(\.origin))")
            #expect(schema.model(atPath: "shared/node.md")?.fields.map(\.wireName) == expected, "\(sources.map(\.origin))")
        }
    }

    @Test func pydanticExtraIsTheAdditionalPropertiesNotAProperty() throws {
        let sdk = PythonModelReaderTests.read([("models/shared/node.py", Self.symbolsModule)])
        // Not read as a property of the class…
        #expect(sdk.facts.models.first?.fields.contains { $0.wireName == "__pydantic_extra__" } == false)
        let spec = try #require(OpenAPIReader.read(rootPath: "/spec.yaml") { _ in Array(Self.symbolsSpec.utf8) }.facts)
        // …nor reported against the spec, where it is `additionalProperties`: not by the overlay
        // (above), not by drift.
        let schema = Generator.schema(of: [Self.symbols], root: Self.root)
        for facts in [spec, sdk.facts] {
            #expect(DriftReport.compare(schema, with: facts) == [], "\(facts.origin)")
        }
        let field = try #require(schema.model(atPath: "shared/node.md")?.fields.last)
        #expect(field.isAdditionalProperties)
        #expect(spec.models.first.map { WireMatch.field(for: field, in: $0) } == .some(nil))
    }
}
