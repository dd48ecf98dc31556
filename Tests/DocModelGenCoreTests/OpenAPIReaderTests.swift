@testable import DocModelGenCore
@testable import DocModelGenOpenAPI
import Foundation
import Testing
import TestSupport

/// `OpenAPIReader`: each construct on a small inline spec, multi-file `$ref`s through an in-memory
/// `load`, every hostile input with its located diagnostic, and the real livepeer spec.
@Suite struct OpenAPIReaderTests {
    /// Reads `files` (path → text) from memory, the root being `/spec/openapi.yaml` unless named.
    static func read(_ files: [String: String], root: String = "/spec/openapi.yaml") -> (facts: WireFacts?, diagnostics: [Diagnostic]) {
        OpenAPIReader.read(rootPath: root) { path in files[path].map { Array($0.utf8) } }
    }

    static func readBytes(_ bytes: [UInt8]) -> [Diagnostic] {
        OpenAPIReader.read(rootPath: "/spec/openapi.yaml") { $0 == "/spec/openapi.yaml" ? bytes : nil }.diagnostics
    }

    static func spec(_ schemas: String, paths: String = "") -> String {
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n" + (paths.isEmpty ? "" : "paths:\n" + paths) + "components:\n  schemas:\n" + schemas
    }

    static func model(_ facts: WireFacts?, _ name: String) -> WireModel? { facts?.models.first { $0.name == name } }
    static func field(_ model: WireModel?, _ name: String) -> WireField? { model?.fields.first { $0.wireName == name } }

    /// `x-speakeasy-retries` of an operation, else of the document: the default policy and the
    /// statuses; without it, the statuses Speakeasy's SDKs retry under a policy, and no default.
    @Test func retriesOfTheOperationElseTheDocumentElseSpeakeasys() throws {
        let spec = """
            openapi: 3.1.0
            info: {title: t, version: "1"}
            x-speakeasy-retries:
              strategy: backoff
              backoff: {initialInterval: 3000, maxInterval: 720000, maxElapsedTime: 1800000, exponent: 1.88}
              statusCodes: [5xx]
              retryConnectionErrors: true
            paths:
              /a:
                get: {operationId: a, responses: {"200": {description: ok}}}
              /b:
                get:
                  operationId: b
                  x-speakeasy-retries: {strategy: backoff, statusCodes: [429]}
                  responses: {"200": {description: ok}}
            """
        let facts = try #require(Self.read(["/spec/openapi.yaml": spec]).facts)
        let a = try #require(facts.operations.first { $0.operationID == "a" })
        #expect(a.defaultRetryPolicy == WireRetryPolicy(
            initialIntervalMilliseconds: 3000, maxIntervalMilliseconds: 720_000, exponent: 1.88, maxElapsedTimeMilliseconds: 1_800_000,
            retryConnectionErrors: true))
        #expect(a.retryStatusCodes == ["5xx"])
        let b = try #require(facts.operations.first { $0.operationID == "b" })
        #expect(b.defaultRetryPolicy == WireRetryPolicy(
            initialIntervalMilliseconds: 500, maxIntervalMilliseconds: 60_000, exponent: 1.5, maxElapsedTimeMilliseconds: 3_600_000,
            retryConnectionErrors: false))
        #expect(b.retryStatusCodes == ["429"])
        let plain = try #require(Self.read(["/spec/openapi.yaml": "openapi: 3.1.0\npaths:\n  /a:\n    get: {operationId: a}\n"]).facts)
        #expect(plain.operations.first?.defaultRetryPolicy == nil)
        #expect(plain.operations.first?.retryStatusCodes == ["429", "500", "502", "503", "504"])
    }

    /// An operation's own `servers`: the first is where the SDK sends it; a malformed list is a
    /// located warning.
    @Test func anOperationsOwnServers() throws {
        let spec = """
            openapi: 3.1.0
            info: {title: t, version: "1"}
            servers: [{url: "https://api.example.com"}]
            paths:
              /a:
                post:
                  operationId: a
                  servers: [{url: "http://localhost:8000"}, {url: "http://localhost:9000"}]
                  responses: {"200": {description: ok}}
              /b:
                get: {operationId: b, servers: [{description: none}], responses: {"200": {description: ok}}}
              /c:
                get: {operationId: c, responses: {"200": {description: ok}}}
            """
        let (facts, diagnostics) = Self.read(["/spec/openapi.yaml": spec])
        let operations = try #require(facts?.operations)
        #expect(operations.first { $0.operationID == "a" }?.servers == ["http://localhost:8000", "http://localhost:9000"])
        #expect(operations.first { $0.operationID == "b" }?.servers == nil)
        #expect(operations.first { $0.operationID == "c" }?.servers == nil)
        #expect(diagnostics.map(\.message) == ["`servers` should be a list of mappings with a `url`: ignored"])
        #expect(diagnostics.first?.location?.line == 11)
    }

    @Test func objectFieldsRequiredDefaultsAndFormats() throws {
        let (facts, diagnostics) = Self.read(["/spec/openapi.yaml": Self.spec("""
            Pet:
              type: object
              required: [id]
              properties:
                id: {type: integer, format: int64}
                ratio: {type: number, default: 0.020}
                born: {type: string, format: date-time}
                tags: {type: array, items: {type: string}}
                extra: {type: object, additionalProperties: {type: integer}}
                flag: {type: boolean, default: true}
                label: {type: string, default: '576'}
                alias: {type: string, x-speakeasy-name-override: nickname}
        """)])
        #expect(diagnostics == [])
        let pet = try #require(Self.model(facts, "Pet"))
        #expect(pet.kind == .object && pet.path == "#/components/schemas/Pet")
        #expect(pet.location == SourceLocation(file: "/spec/openapi.yaml", line: 5, column: 5))
        #expect(pet.fields.map(\.wireName) == ["id", "ratio", "born", "tags", "extra", "flag", "label", "alias"])
        #expect(Self.field(pet, "id")?.isRequired == true && Self.field(pet, "ratio")?.isRequired == false)
        #expect(Self.field(pet, "id")?.type == .integer(format: "int64"))
        #expect(Self.field(pet, "id")?.location == SourceLocation(file: "/spec/openapi.yaml", line: 9, column: 9))
        #expect(Self.field(pet, "ratio")?.defaultValue == .number("0.020"))
        #expect(Self.field(pet, "born")?.type == .string(format: "date-time"))
        #expect(Self.field(pet, "tags")?.type == .array(.string(format: nil)))
        #expect(Self.field(pet, "extra")?.type == .map(.integer(format: nil)))
        #expect(Self.field(pet, "flag")?.defaultValue == .bool(true))
        #expect(Self.field(pet, "label")?.defaultValue == .string("576"))
        #expect(Self.field(pet, "alias")?.attributeName == "nickname")
    }

    @Test func nullabilityIn30And31() throws {
        let (facts, diagnostics) = Self.read(["/spec/openapi.yaml": Self.spec("""
            N:
              properties:
                a: {type: string, nullable: true}
                b: {type: [integer, 'null']}
                c: {anyOf: [{$ref: '#/components/schemas/N'}, {type: 'null'}]}
                d: {type: string}
                e: {oneOf: [{type: string}, {type: integer}, {type: null}]}
        """)])
        #expect(diagnostics == [])
        let n = try #require(Self.model(facts, "N"))
        #expect(Self.field(n, "a")?.isNullable == true && Self.field(n, "a")?.type == .string(format: nil))
        #expect(Self.field(n, "b")?.isNullable == true && Self.field(n, "b")?.type == .integer(format: nil))
        #expect(Self.field(n, "c")?.isNullable == true && Self.field(n, "c")?.type == .reference("N"))
        #expect(Self.field(n, "d")?.isNullable == false)
        #expect(Self.field(n, "e")?.isNullable == true && Self.field(n, "e")?.type == .reference("E"))
        let e = try #require(Self.model(facts, "E"))
        #expect(e.kind == .union && e.members == [.string(format: nil), .integer(format: nil)])
    }

    @Test func enumsConstantsUnionsFilesAndAllOf() throws {
        let (facts, diagnostics) = Self.read(["/spec/openapi.yaml": Self.spec("""
            Color: {type: string, enum: [red, green, NO, null]}
            Size: {type: integer, enum: [1, 2]}
            Shape:
              oneOf: [{$ref: '#/components/schemas/Color'}, {$ref: '#/components/schemas/Size'}]
            Base:
              properties:
                id: {type: string}
              required: [id]
            Derived:
              allOf:
                - $ref: '#/components/schemas/Base'
                - properties:
                    kind: {const: derived}
                    single: {enum: [only]}
                    upload: {type: string, format: binary}
                    mode: {type: string, enum: [fast, slow]}
                  required: [kind]
        """)])
        #expect(diagnostics == [])
        let color = try #require(Self.model(facts, "Color"))
        #expect(color.kind == .enumeration && color.values == [.string("red"), .string("green"), .string("NO")] && color.isNullable)
        #expect(Self.model(facts, "Size")?.values == [.number("1"), .number("2")])
        #expect(Self.model(facts, "Shape")?.members == [.reference("Color"), .reference("Size")])
        let derived = try #require(Self.model(facts, "Derived"))
        #expect(derived.kind == .object && derived.fields.map(\.wireName) == ["id", "kind", "single", "upload", "mode"])
        #expect(Self.field(derived, "id")?.isRequired == true && Self.field(derived, "kind")?.isRequired == true)
        #expect(Self.field(derived, "kind")?.type == .constant(.string("derived")))
        #expect(Self.field(derived, "single")?.type == .constant(.string("only")))
        #expect(Self.field(derived, "upload")?.type == .file)
        #expect(Self.field(derived, "mode")?.type == .reference("Mode"))
        #expect(Self.model(facts, "Mode")?.values == [.string("fast"), .string("slow")])
        // The file class Speakeasy makes for a binary property.
        #expect(Self.model(facts, "Upload")?.path == "#/components/schemas/Derived/allOf/1/properties/upload")
    }

    @Test func inlineNamesFollowSpeakeasy() throws {
        let (facts, diagnostics) = Self.read(["/spec/openapi.yaml": Self.spec("""
            A:
              properties:
                image: {type: string, format: binary}
                owner: {type: object, properties: {name: {type: string}}}
                loc: {type: array, items: {anyOf: [{type: string}, {type: integer}]}}
            B:
              properties:
                image: {type: string, format: binary}
                owner: {type: object, title: Person, properties: {name: {type: string}}}
            Owner: {type: string}
        """, paths: """
              /things/{id}:
                post:
                  operationId: createThing
                  parameters:
                    - {name: id, in: path, schema: {type: string}}
                    - {name: sort, in: query, schema: {type: string, enum: [asc, desc], default: asc}}
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema: {type: object, properties: {title: {type: string}}}
                  responses:
                    '200':
                      content:
                        application/json:
                          schema: {type: object, properties: {ok: {type: boolean}}}
                    '404':
                      content:
                        application/json:
                          schema: {type: object, properties: {detail: {type: string}}}

        """)])
        #expect(diagnostics == [])
        let names = facts?.models.map(\.name) ?? []
        // `Owner` is a component, so the inline `owner` takes its parent's prefix; the second
        // `image` collides with the first; `loc`'s items union is named by the property.
        #expect(names == ["A", "Image", "AOwner", "Loc", "B", "BImage", "Person", "Owner",
                          "CreateThingRequest", "Sort", "CreateThingRequestBody", "CreateThingResponseBody", "CreateThing404ResponseBody"])
        let request = try #require(Self.model(facts, "CreateThingRequest"))
        #expect(request.fields.map(\.wireName) == ["id", "sort", "request_body"])
        #expect(Self.field(request, "id")?.isRequired == true && Self.field(request, "sort")?.isRequired == false)
        #expect(Self.field(request, "sort")?.defaultValue == .string("asc"))
        #expect(Self.field(request, "request_body")?.type == .reference("CreateThingRequestBody"))
        #expect(Self.field(request, "request_body")?.isRequired == true)
    }

    @Test func jsonDocumentsRead() throws {
        let json = #"{"openapi": "3.0.3", "components": {"schemas": {"X": {"type": "object", "properties": {"n": {"type": "number", "default": 1.50, "nullable": true}}}}}}"#
        let (facts, diagnostics) = Self.read(["/spec/openapi.json": json], root: "/spec/openapi.json")
        #expect(diagnostics == [])
        let n = Self.field(Self.model(facts, "X"), "n")
        #expect(n?.defaultValue == .number("1.50") && n?.isNullable == true)
        #expect(n?.location == SourceLocation(file: "/spec/openapi.json", line: 1, column: 88))
    }

    @Test func multiFileReferences() throws {
        let (facts, diagnostics) = Self.read([
            "/spec/openapi.yaml": Self.spec("""
                Owner:
                  properties:
                    pet: {$ref: 'schemas/pet.yaml'}
                    toy: {$ref: './shared/common.yaml#/components/schemas/Toy'}
                    odd: {$ref: '#/components/schemas/a~1b~0c'}
                a/b~c: {type: string}
            """),
            "/spec/schemas/pet.yaml": "title: Pet\ntype: object\nproperties:\n  owner: {$ref: '../openapi.yaml#/components/schemas/Owner'}\n",
            "/spec/shared/common.yaml": "components:\n  schemas:\n    Toy: {type: object, properties: {name: {type: string}}}\n",
        ])
        #expect(diagnostics == [])
        let owner = try #require(Self.model(facts, "Owner"))
        #expect(Self.field(owner, "pet")?.type == .reference("Pet"))
        #expect(Self.field(owner, "toy")?.type == .reference("Toy"))
        #expect(Self.field(owner, "odd")?.type == .reference("a/b~c"))
        #expect(Self.field(Self.model(facts, "Pet"), "owner")?.type == .reference("Owner"))
        #expect(Self.model(facts, "Toy")?.path == "/spec/shared/common.yaml#/components/schemas/Toy")
        #expect(Self.model(facts, "Pet")?.location.file == "/spec/schemas/pet.yaml")
    }

    @Test func referenceCyclesDoNotLoop() throws {
        let (facts, diagnostics) = Self.read(["/spec/openapi.yaml": Self.spec("""
            Node:
              properties:
                next: {$ref: '#/components/schemas/Node'}
            Loop:
              allOf: [{$ref: '#/components/schemas/Loop2'}]
              properties: {a: {type: string}}
            Loop2:
              allOf: [{$ref: '#/components/schemas/Loop'}]
              properties: {b: {type: string}}
            Inner:
              properties:
                self: {$ref: '#/components/schemas/Inner/properties/self'}
        """)])
        #expect(Self.field(Self.model(facts, "Node"), "next")?.type == .reference("Node"))
        #expect(Self.model(facts, "Loop")?.fields.map(\.wireName) == ["a", "b"])
        #expect(diagnostics.map(\.severity) == [.warning])
    }

    @Test func badReferencesAreLocatedErrors() {
        let (facts, diagnostics) = Self.read([
            "/spec/openapi.yaml": Self.spec("""
                A:
                  properties:
                    x: {$ref: '#/components/schemas/Missing'}
                    y: {$ref: '../secret.yaml#/components/schemas/S'}
                    z: {$ref: 'absent.yaml'}
                    w: {$ref: 'https://example.com/s.yaml'}
            """),
            "/secret.yaml": "components: {schemas: {S: {type: string}}}",
        ])
        #expect(facts == nil)
        let file = "/spec/openapi.yaml"
        #expect(diagnostics == [
            .error("$ref #/components/schemas/Missing points to nothing", at: SourceLocation(file: file, line: 7, column: 19)),
            .error("$ref ../secret.yaml#/components/schemas/S leaves the folder of the OpenAPI document; it is not read", at: SourceLocation(file: file, line: 8, column: 19)),
            .error("cannot read the file /spec/absent.yaml that a $ref names", at: SourceLocation(file: file, line: 9, column: 19)),
            .error("$ref https://example.com/s.yaml: remote documents are not read", at: SourceLocation(file: file, line: 10, column: 19)),
        ])
    }

    @Test func wrongTypesAreWarningsAndSkipped() {
        let (facts, diagnostics) = Self.read(["/spec/openapi.yaml": Self.spec("""
            A:
              properties: 5
              required: "x"
            B:
              type: object
              properties:
                n: {type: wat}
                m: {enum: 3}
        """)])
        #expect(facts != nil)
        #expect(diagnostics == [
            .warning("`properties` should be a mapping: skipped", at: SourceLocation(file: "/spec/openapi.yaml", line: 6, column: 19)),
            .warning("`required` should be a list of property names: skipped", at: SourceLocation(file: "/spec/openapi.yaml", line: 7, column: 17)),
            .warning("unknown schema type `wat`: skipped", at: SourceLocation(file: "/spec/openapi.yaml", line: 11, column: 19)),
            .warning("`enum` should be a list of values: skipped", at: SourceLocation(file: "/spec/openapi.yaml", line: 12, column: 19)),
        ])
    }

    // MARK: Hostile input

    @Test func invalidYAMLIsALocatedError() {
        let diagnostics = Self.read(["/spec/openapi.yaml": "openapi: 3.1.0\ncomponents:\n  schemas: [a, b\n  x: y\n"]).diagnostics
        #expect(diagnostics.count == 1 && diagnostics[0].severity == .error && diagnostics[0].message.hasPrefix("invalid YAML:"))
        #expect(diagnostics[0].location?.line == 4)
    }

    @Test func duplicateKeysAreALocatedError() {
        let diagnostics = Self.read(["/spec/openapi.yaml": "openapi: 3.1.0\nopenapi: 3.0.0\n"]).diagnostics
        #expect(diagnostics.map(\.message) == ["invalid YAML: duplicate keys openapi in one mapping"])
        #expect(diagnostics.first?.location?.line == 1)
    }

    @Test func nonUTF8AndNULAreErrors() {
        #expect(Self.readBytes(Array("openapi: 3.1.0\nx: \u{e9}".utf8.dropLast(1)) + [0xFF]) == [
            .error("file is not valid UTF-8 (byte 0xC3)", at: SourceLocation(file: "/spec/openapi.yaml", line: 2, column: 4)),
        ])
        #expect(Self.readBytes(Array("a: b\0".utf8)) == [.error("file contains a NUL byte", at: SourceLocation(file: "/spec/openapi.yaml", line: 1, column: 5))])
    }

    @Test func hugeFilesAreNotParsed() {
        let huge = [UInt8](repeating: UInt8(ascii: " "), count: OpenAPIReader.maximumFileSize + 1)
        #expect(Self.readBytes(huge).map(\.message) == ["file is \(huge.count) bytes; OpenAPI files larger than 64 MiB are not read"])
    }

    @Test(arguments: [
        String(repeating: "[", count: 100_000),
        String(repeating: "{a: ", count: 100_000),
        (0..<5_000).map { String(repeating: " ", count: $0) + "a:\n" }.joined(),
        String(repeating: "- ", count: 100_000) + "x\n",
    ])
    func deepNestingIsALocatedErrorNotACrash(text: String) {
        let diagnostics = Self.read(["/spec/openapi.yaml": text]).diagnostics
        #expect(diagnostics.count == 1 && diagnostics[0].severity == .error)
        #expect((diagnostics.first?.location?.line ?? 0) >= 1)
    }

    @Test func deepSchemasStopAtTheDepthLimit() {
        // 900 nested inline objects: within libyaml's limit, beyond the reader's.
        var schema = "{type: string}"
        for _ in 0..<450 { schema = "{type: object, properties: {p: \(schema)}}" }
        let (facts, diagnostics) = Self.read(["/spec/openapi.yaml": Self.spec("    Deep: \(schema)\n")])
        #expect(facts != nil)
        #expect(diagnostics.map(\.message) == ["schemas nested deeper than 64 levels are not read"])
    }

    @Test func billionLaughsIsBounded() {
        // Ten levels of ten aliases: 10^10 nodes once expanded.
        var text = "openapi: 3.1.0\nx-lol0: &l0 [lol]\n"
        for level in 1...10 { text += "x-lol\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]\n" }
        text += "components:\n  schemas:\n    Laugh: {type: string, enum: *l10}\n"
        let started = Date()
        let diagnostics = Self.read(["/spec/openapi.yaml": text]).diagnostics
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(diagnostics.map(\.message) == ["the document expands to too many nodes (YAML aliases?); reading stopped here"])
    }

    @Test func aliasesInKeysAreRefusedBeforeParsing() {
        let text = "openapi: 3.1.0\na: &a [x, x]\nb: {*a : 1}\n"
        #expect(Self.read(["/spec/openapi.yaml": text]).diagnostics == [
            .error("a YAML alias or complex key in a mapping key, in a document with anchors, is not read (an alias there can expand exponentially)",
                   at: SourceLocation(file: "/spec/openapi.yaml", line: 3, column: 5)),
        ])
        // Aliases as values are fine.
        let fine = "openapi: 3.1.0\ncomponents:\n  schemas:\n    A: &a {type: string}\n    B: *a\n"
        #expect(Self.read(["/spec/openapi.yaml": fine]).diagnostics == [])
    }

    @Test func bracesInPlainScalarsAreNotComplexKeys() throws {
        // A templated server URL and a path key with a parameter, in a document with anchors.
        let text = """
            openapi: 3.1.0
            info: {title: t, version: '1'}
            servers:
              - url: http://{hostname}:{port}
                variables: {hostname: {default: localhost}, port: {default: '8080'}}
            paths:
              /users/{id}:
                get:
                  operationId: getUser
                  responses:
                    '200': {description: ok}
            components:
              schemas:
                Base: &base {type: object, properties: {id: {type: string}}}
                User: *base

            """
        let (facts, diagnostics) = Self.read(["/spec/openapi.yaml": text])
        #expect(diagnostics == [])
        #expect(Self.model(facts, "User")?.fields.map(\.wireName) == ["id"])
        // What the guard is for stays refused: a flow collection as a key, a `? ` key, and the
        // same after a plain scalar's brace on an earlier line or behind a quoted bracket that
        // miscounts.
        let refused = "a YAML alias or complex key in a mapping key, in a document with anchors, is not read (an alias there can expand exponentially)"
        for hazard in [
            "a: &a [x]\nb: {[*a]: 1}\n",
            "a: &a [x]\n[*a, *a]: 1\n",
            "a: &a [x]\n? *a\n: 1\n",
            "u: http://{host\na: &a [x]\n[ \"]\", *a ]: 1\n",
            "a: &a [x]\n[ \"]\", *a ]: 1\n",
        ] {
            #expect(Self.read(["/spec/openapi.yaml": "openapi: 3.1.0\n" + hazard]).diagnostics.map(\.message) == [refused], "\(hazard)")
        }
    }

    @Test func mergeKeysAreReadAndExplicitKeysWin() throws {
        let (facts, diagnostics) = Self.read(["/spec/openapi.yaml": Self.spec("""
            Base: &base
              type: object
              required: [id]
              properties: &baseProperties
                id: {type: string}
                kind: {type: string, default: base}
            Extra:
              properties: &extraProperties
                kind: {type: string, default: extra}
                size: {type: integer, format: int64}
            Pet:
              <<: *base
              properties:
                <<: [*baseProperties, *extraProperties]
                name: {type: string}
            Cat:
              <<: *base
              properties:
                <<: *baseProperties
                kind: {type: string, default: cat}
            Quoted:
              properties:
                "<<": {type: string}
        """)])
        #expect(diagnostics == [])
        let pet = try #require(Self.model(facts, "Pet"))
        // In place of the merge key, in order; of two merged mappings the earlier wins.
        #expect(pet.fields.map(\.wireName) == ["id", "kind", "size", "name"])
        #expect(Self.field(pet, "kind")?.defaultValue == .string("base"))
        #expect(Self.field(pet, "size")?.type == .integer(format: "int64"))
        #expect(Self.field(pet, "id")?.isRequired == true && pet.kind == .object)
        let cat = try #require(Self.model(facts, "Cat"))
        #expect(cat.fields.map(\.wireName) == ["id", "kind"])
        #expect(Self.field(cat, "kind")?.defaultValue == .string("cat"))
        // A quoted `<<` is an ordinary key.
        #expect(Self.model(facts, "Quoted")?.fields.map(\.wireName) == ["<<"])
    }

    @Test func manyPropertiesAndCollisionsStayLinear() {
        // 20 000 properties, each an inline object titled alike: one name, one prefixed, then numbers.
        let properties = (0..<20_000).map { "        p\($0): {title: T, properties: {a: {type: string}}}" }.joined(separator: "\n")
        let started = Date()
        let (facts, diagnostics) = Self.read(["/spec/openapi.yaml": Self.spec("    Big:\n      properties:\n" + properties + "\n")])
        #expect(diagnostics == [])
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(Self.model(facts, "Big")?.fields.count == 20_000)
        #expect(facts?.models.prefix(4).map(\.name) == ["Big", "T", "BigT", "BigT2"])
        #expect(facts?.models.last?.name == "BigT19999")
    }

    /// FuzzSpecReader found a model without a name: an empty schema key (here an anchored empty
    /// key), an empty override or title, a `$ref` to the empty key.
    @Test func emptyNamesNameNothing() throws {
        let text = """
            openapi: 3.1.0
            components:
              schemas:
                &et:
                  type: object
                A:
                  x-speakeasy-name-override: ''
                  properties:
                    b: {title: '', properties: {c: {type: string}}}
                    d: {$ref: '#/components/schemas/'}
            """
        let (facts, diagnostics) = Self.read(["/spec/openapi.yaml": text])
        #expect(diagnostics == [.warning("a schema's key should be a non-empty string: skipped", at: SourceLocation(file: "/spec/openapi.yaml", line: 4, column: 5))])
        #expect(facts?.models.map(\.name) == ["A", "B"])
        #expect(Self.field(Self.model(facts, "A"), "d")?.type == .map(nil))
    }

    @Test func columnsAreBytes() {
        // libyaml counts characters; diagnostics count bytes, like every other location.
        let text = Self.spec("    Ünï: {properties: {é: {type: string}, x: {type: wat}}}\n")
        let diagnostics = Self.read(["/spec/openapi.yaml": text]).diagnostics
        #expect(diagnostics.first?.location == SourceLocation(file: "/spec/openapi.yaml", line: 5, column: 56))
    }

    @Test func swaggerAndMissingRootAreErrors() {
        #expect(Self.read(["/spec/openapi.yaml": "swagger: '2.0'\n"]).diagnostics.map(\.message) == ["OpenAPI 2 (swagger) documents are not read; convert to OpenAPI 3 first"])
        #expect(Self.read([:]).diagnostics == [.error("cannot read the OpenAPI document", at: .file("/spec/openapi.yaml"))])
    }

    // MARK: The real livepeer spec

    @Test(.enabled(if: PackageRoot.hasSharedCorpus, "../shared/corpus is not beside this checkout"))
    func livepeerSpec() throws {
        let path = PackageRoot.sharedCorpus.appendingPathComponent("livepeer-ai-python/gateway.openapi.yaml").path
        let result = OpenAPIReader.read(rootPath: path) { try? Array(Data(contentsOf: URL(fileURLWithPath: $0))) }
        #expect(result.diagnostics == [])
        let facts = try #require(result.facts)
        #expect(facts.origin == .openAPI)
        let video = try #require(Self.model(facts, "Body_genImageToVideo"))
        #expect(video.location == SourceLocation(file: path, line: 656, column: 5))
        #expect(Self.field(video, "height")?.defaultValue == .number("576"))
        #expect(Self.field(video, "height")?.type == .integer(format: nil))
        #expect(Self.field(video, "noise_aug_strength")?.defaultValue == .number("0.02"))
        #expect(Self.field(video, "image")?.type == .file)
        #expect(Self.field(video, "image")?.isRequired == true)
        #expect(Self.field(video, "model_id")?.defaultValue == .string("") && Self.field(video, "model_id")?.isRequired == true)
        #expect(Self.field(video, "seed")?.defaultValue == nil && Self.field(video, "seed")?.isRequired == false)
        #expect(Self.field(Self.model(facts, "LLMRequest"), "top_k")?.defaultValue == .number("-1"))
        #expect(Self.field(Self.model(facts, "LLMRequest"), "top_p")?.defaultValue == .number("1.0"))
        #expect(Self.field(Self.model(facts, "HTTPValidationError"), "detail")?.type == .array(.reference("ValidationError")))
        #expect(Self.field(Self.model(facts, "ValidationError"), "loc")?.type == .array(.reference("Loc")))
        #expect(Self.field(Self.model(facts, "LiveVideoToVideoParams"), "params")?.defaultValue == .object([:]))
        // Every inline name matches a page title of the SDK's docs.
        let docs = PackageRoot.sharedCorpus.appendingPathComponent("livepeer-ai-python/docs/models")
        var titles: Set<String> = []
        for page in try FileManager.default.subpathsOfDirectory(atPath: docs.path) where page.hasSuffix(".md") {
            let text = try String(contentsOf: docs.appendingPathComponent(page), encoding: .utf8)
            if let first = text.split(separator: "\n").first { titles.insert(String(first.dropFirst(2))) }
        }
        let inline = facts.models.filter { (model: WireModel) in model.path.contains("/properties/") || model.path.contains("/items") }
        #expect(inline.map { $0.name }.sorted() == ["Audio", "BodyGenImageToTextImage", "BodyGenImageToVideoImage", "BodyGenSegmentAnything2Image",
                                                "BodyGenUpscaleImage", "Image", "Loc", "Params"])
        for model in facts.models {
            #expect(titles.contains(SpeakeasyInlineNames.className(model.name)), "\(model.name) has a docs page")
        }
    }
}
