@testable import DocModelGenCore
import DocModelGenMustache
import Testing

/// Constructs of real Speakeasy trees beyond the two the project started from: models named without
/// a link, link texts that are unions, the file-content union's spellings, names that collide in
/// Swift, and what is not understood.
@Suite struct GrammarCoverageTests {
    static let index = ModelNameIndex(
        paths: ["components/pet.md", "errors/error.md", "shared/error.md", "shared/owner.md", "petowner.md"],
        titles: ["Pet", "Error", "Error", "Owner", "PetOwner"],
        rootFolderName: "models")

    @Test func namesResolveByTitleFileNameAndFolder() {
        #expect(Self.index.lookup("components.Pet", from: "shared/owner.md") == .page("components/pet.md"))
        #expect(Self.index.lookup("Pet", from: "shared/owner.md") == .page("components/pet.md"))
        #expect(Self.index.lookup("shared.Error", from: "components/pet.md") == .page("shared/error.md"))
        // The flat layout: root pages belong to the root folder's name.
        #expect(Self.index.lookup("models.PetOwner", from: "petowner.md") == .page("petowner.md"))
        #expect(Self.index.lookup("petowner", from: "components/pet.md") == .page("petowner.md"))
        // Bare and found in two folders: the referrer's folder decides, or it is ambiguous.
        #expect(Self.index.lookup("Error", from: "shared/owner.md") == .page("shared/error.md"))
        #expect(Self.index.lookup("Error", from: "components/pet.md") == .ambiguous(["errors/error.md", "shared/error.md"]))
        #expect(Self.index.lookup("shared.Gone", from: "components/pet.md") == .missing)
        // A root page (flat layout) prefers the root's own pages.
        let flat = ModelNameIndex(paths: ["item.md", "shared/item.md"], titles: ["Item", "Item"], rootFolderName: "models")
        #expect(flat.lookup("Item", from: "order.md") == .page("item.md"))
        #expect(flat.lookup("Item", from: "shared/x.md") == .page("shared/item.md"))
    }

    private func type(_ cell: String) -> TypeExpression {
        let page = Generator.schema(of: [
            SourcePage(path: "components/a.md", text: "# A\n\n## Fields\n\n| Field | Type | Required | Description |\n| - | - | - | - |\n| `x` | \(cell) | :heavy_check_mark: | x |\n"),
            SourcePage(path: "components/b.md", text: "# B\n\n## Supported Types\n\n### `str`\n"),
        ], root: "/docs/models")
        return page.models[0].fields[0].type
    }

    @Test func linkedUnionsFileContentAndUnknownTypes() {
        let b = TypeExpression.reference(ModelReference(text: "Union", destination: "b.md", target: "components/b.md"))
        #expect(type("[Union[components.B, components.A]](b.md)") == b)
        #expect(type("[Optional[Union[components.B, str]]](b.md)") == .optional(b))
        #expect(type("*Union[bytes, IO[bytes], io.IOBase]*") == .fileContent)
        #expect(type("*Optional[Union[bytes, IO[bytes], io.BufferedReader]]*") == .optional(.fileContent))
        #expect(type("*Mystery[int]*") == .unknown("Mystery[int]"))
        #expect(type("*Mystery[int*") == .malformed("Mystery[int"))
        #expect(type("*List[str]]*") == .malformed("List[str]]"))
        #expect(type("components.B") == .reference(ModelReference(text: "components.B", destination: "", target: "components/b.md")))
        #expect(type("components.Gone") == .reference(ModelReference(text: "components.Gone", destination: "", target: nil, candidates: [])))
    }

    @Test func unionMembersWithEmptyHeadingsAndBareDates() {
        let union = """
            # U

            ## Supported Types

            ### `datetime`

            ### 

            ```python
            u: components.B = /* values here */
            ```

            ### `str`

            ### `str`
            """
        let schema = Generator.schema(of: [
            SourcePage(path: "components/u.md", text: union),
            SourcePage(path: "components/b.md", text: "# B\n\n## Fields\n\n| Field | Type | Required | Description |\n| - | - | - | - |\n| `x` | *str* | :heavy_check_mark: | x |\n"),
        ], root: "/docs/models")
        guard case .union(let model) = schema.models[1].kind else { Issue.record("not a union"); return }
        #expect(model.members.map(\.type) == [
            .dateTime, .reference(ModelReference(text: "components.B", destination: "", target: "components/b.md")), .string, .string,
        ])
        #expect(SwiftBinding(schema).caseNames(ofModelAt: 1) == ["dateTime", "b", "string", "string2"])
        #expect(Generator.diagnostics(of: schema).isEmpty)
    }

    @Test func namesThatCollideInSwiftAreNumberedInPageOrder() {
        let enumeration = "# Sort\n\n## Values\n\n| Name | Value |\n| - | - |\n| `CREATED` | created |\n| `MINUS_CREATED` | -created |\n"
        let listEnum = "# Order\n\n## Values\n\n- `created`\n- `-created`\n"
        let fields = "# M\n\n## Fields\n\n| Field | Type | Required | Description |\n| - | - | - | - |\n| `model_id` | *str* | :heavy_check_mark: | x |\n| `modelId` | *str* | :heavy_check_mark: | y |\n"
        let schema = Generator.schema(of: [
            SourcePage(path: "a/sort.md", text: enumeration), SourcePage(path: "a/order.md", text: listEnum),
            SourcePage(path: "a/m.md", text: fields), SourcePage(path: "a/m2.md", text: fields),
        ], root: "/docs/models")
        let binding = SwiftBinding(schema)
        #expect(Generator.diagnostics(of: schema).isEmpty)
        #expect(binding.typeNames == ["M", "M2", "Order", "Sort"])
        #expect(binding.caseNames(ofModelAt: 2) == ["created", "created2"])
        #expect(binding.caseNames(ofModelAt: 3) == ["created", "minusCreated"])
        #expect(schema.models[0].fields.map { binding.propertyName(of: $0, in: schema.models[0]) } == ["modelId", "modelId2"])
    }

    /// The Field cell shows the Python attribute: a trailing `_` escapes a keyword, builtin or
    /// imported name (polar-sdk `filter_` → alias "filter", airbyte-api `in_` → "in"), and a struck
    /// name is deprecated.
    @Test func fieldCellsNameTheWireName() {
        #expect(FieldName(cell: "filter_").wireName == "filter")
        #expect(FieldName(cell: "in_").wireName == "in")
        #expect(FieldName(cell: "date_").wireName == "date")
        #expect(FieldName(cell: "custom_").wireName == "custom_")
        #expect(FieldName(cell: "__type__").wireName == "__type__")
        let struck = FieldName(cell: "~~about~~")
        #expect(struck.wireName == "about" && struck.isDeprecated)
        let rows = "| ~~`product_price_id`~~ | *str* | :heavy_minus_sign: | : warning: ** DEPRECATED **: Use `products`. |\n| `format_` | *str* | :heavy_check_mark: | x |\n"
        let schema = Generator.schema(of: [SourcePage(
            path: "m.md", text: "# M\n\n## Fields\n\n| Field | Type | Required | Description |\n| - | - | - | - |\n" + rows)], root: "/docs")
        #expect(schema.models[0].fields.map(\.wireName) == ["product_price_id", "format"])
        #expect(schema.models[0].fields.map(\.isDeprecated) == [true, nil])
    }

    /// Type cells are read from their source: markup is decided from the characters.
    @Test func typeCellsAreReadFromTheirSource() {
        #expect(type(#"*Literal["__encrypted__"]*"#) == .literal(.string("__encrypted__")))
        #expect(type(#"*Literal["a*b_c_"]*"#) == .literal(.string("a*b_c_")))
        #expect(type("`*int*`") == .integer)
        #expect(type("*str*<br/>") == .string)
        #expect(type(#"*Literal["x\]"]*"#) == .literal(.string("x]")))
        #expect(type("List[[Optional[components.B]](b.md)]") == .list(.optional(
            .reference(ModelReference(text: "components.B", destination: "b.md", target: "components/b.md")))))
        #expect(type("~~*str*~~") == .string)
    }

    /// SDK plumbing is the documented rule (left out, a note) wherever it appears.
    @Test func sdkPlumbingInEveryForm() {
        #expect(type("*Optional[httpx.Response]*") == .optional(.sdkObject("httpx.Response")))
        #expect(type("[Optional[httpx.Response]](https://www.python-httpx.org/api/#response)") == .optional(.sdkObject("httpx.Response")))
        #expect(type("Union[eventstreaming.EventStream[components.B], eventstreaming.EventStreamAsync[components.B]]")
            == .sdkObject("eventstreaming.EventStream"))
    }

    /// The SDK-object rule is about module names: a name qualified by a module that is neither a
    /// docs model namespace nor a Python module of values is plumbing, whatever its spelling.
    @Test func sdkObjectsAreNamedByTheirModule() {
        #expect(type("*Optional[requests_http.Response]*") == .optional(.sdkObject("requests_http.Response")))
        #expect(type("*aiohttp.ClientResponse*") == .sdkObject("aiohttp.ClientResponse"))
        // Model namespaces stay model references (here: to a page that does not exist, an error).
        #expect(type("*shared.Missing*") == .reference(ModelReference(text: "shared.Missing", destination: "", target: nil, candidates: [])))
        #expect(type("*webhooks.Missing*") == .reference(ModelReference(text: "webhooks.Missing", destination: "", target: nil, candidates: [])))
        // Python's own value modules are values.
        #expect(type("*datetime.datetime*") == .dateTime)
        #expect(type("*decimal.Decimal*") == .decimal)
        #expect(type("*Union[bytes, IO[bytes], io.BufferedReader]*") == .fileContent)
    }

    /// Page shapes of real trees: an empty Fields table, raw tags in cells, no final line feed, an
    /// `## Example Usage` fence before `## Values`, bullet enums without names, open integer enums.
    @Test func pageShapes() throws {
        let pages = [
            SourcePage(path: "m/empty.md", text: "# Empty\n\n## Fields\n\n| Field | Type | Required | Description |\n| ----- | ---- | -------- | ----------- |"),
            SourcePage(path: "m/tags.md", text: "# Tags\n\n## Fields\n\n| Field | Type | Required | Description | Example |\n| - | - | - | - | - |\n| `a` | *str*<br/> | :heavy_check_mark: | One<br/>two | `x` |"),
            SourcePage(path: "m/sort.md", text: "# Sort\n\n## Example Usage\n\n```python\nvalue = Sort.CREATED\n```\n\n## Values\n\n- `created`\n- `-created`"),
            SourcePage(path: "m/level.md", text: "# Level\n\nAn open enum: unknown values are kept.\n\n## Values\n\n| Name | Value |\n| - | - |\n| `ONE` | 1 |\n| `TWO` | 2 |"),
        ]
        let schema = Generator.schema(of: pages, root: "/docs/models")
        #expect(Generator.diagnostics(of: schema).isEmpty)
        let byName = Dictionary(uniqueKeysWithValues: schema.models.map { ($0.name, $0) })
        #expect(byName["Empty"]?.fields.isEmpty == true && byName["Empty"]?.fieldsTable != nil)
        #expect(byName["Tags"]?.fields.map(\.type) == [.string])
        #expect(byName["Tags"]?.fields.first?.example == "`x`")
        guard case .enumeration(let sort) = byName["Sort"]?.kind, case .enumeration(let level) = byName["Level"]?.kind else {
            Issue.record("enums not read")
            return
        }
        #expect(sort.cases.map(\.value) == ["created", "-created"])
        #expect(level.isOpen && level.isInteger && level.cases.map(\.value) == ["1", "2"])
        let templates = try TemplateSet(texts: TypedMustacheTemplateTests.bundledTexts())
        let files = SwiftModelEmitter.emit(SwiftBinding(schema), options: .init(), templates: templates)
        #expect(files.first { $0.path == "m.empty.swift" }?.contents.contains("public init() {}") == true)
        #expect(files.first { $0.path == "m.level.swift" }?.contents.contains("case unrecognized(Swift.Int)") == true)
    }
}
