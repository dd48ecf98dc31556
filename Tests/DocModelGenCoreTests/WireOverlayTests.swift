@testable import DocModelGenCore
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
        #expect(swift.contains("        case typeFilter = \"type\"\n"))
        #expect(swift.contains("        case sourceId\n"))
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
