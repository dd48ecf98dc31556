@testable import DocModelGenCore
import Testing

/// One test per validator (and Swift binding) rule, asserting the exact printed diagnostic.
@Suite struct ValidatorTests {
    private let header = "| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n"

    /// Diagnostics for pages given as (path, text), printed as the CLI prints them.
    private func diagnostics(_ pages: [(String, String)], strict: Bool = false) -> [String] {
        let schema = Generator.schema(of: pages.map { SourcePage(path: $0.0, text: $0.1) }, root: "/docs/models/components")
        return Generator.diagnostics(of: schema, strict: strict).map { $0.formatted() }
    }

    private func page(_ rows: String) -> String {
        "# Model\n\n## Fields\n\n" + header + rows
    }

    @Test func validSeedPagesHaveNoDiagnostics() throws {
        #expect(diagnostics([
            ("bodygenimagetovideo.md", try TestPages.seed("bodygenimagetovideo.md")),
            ("bodygenimagetovideoimage.md", try TestPages.seed("bodygenimagetovideoimage.md")),
        ]) == [])
    }

    @Test func unknownTypeExpressionIsAJSONValueWithAWarningOrAnErrorWhenStrict() {
        let pages = [("m.md", page("| `a` | *Foo[int]* | :heavy_check_mark: | x |\n"))]
        #expect(diagnostics(pages) == [
            "m.md:7:9: warning: type expression 'Foo[int]' for field 'a' is not understood; it is generated as JSONValue, which keeps any JSON [unknown-type]",
        ])
        #expect(diagnostics(pages, strict: true) == [
            "m.md:7:9: error: type expression 'Foo[int]' for field 'a' is not understood; it is generated as JSONValue, which keeps any JSON",
        ])
    }

    @Test func linkToPageNotInInputSet() {
        #expect(diagnostics([("m.md", page("| `a` | [components.Gone](gone.md) | :heavy_check_mark: | x |\n"))]) == [
            "m.md:7:9: error: link 'gone.md' for field 'a' points to a page that is not in the input set",
        ])
    }

    @Test func linkLeavingTheRoot() {
        #expect(diagnostics([("m.md", page("| `a` | [components.M](../../m.md) | :heavy_check_mark: | x |\n"))]) == [
            "m.md:7:9: error: link '../../m.md' for field 'a' points to a page that is not in the input set",
        ])
    }

    @Test func duplicateField() {
        let rows = "| `a` | *str* | :heavy_check_mark: | x |\n| `a` | *int* | :heavy_check_mark: | y |\n"
        #expect(diagnostics([("m.md", page(rows))]) == [
            "m.md:8:3: error: duplicate field 'a' (first defined at line 7)",
        ])
    }

    @Test func twoWireNamesForOneSwiftNameAreNotAnError() {
        let rows = "| `model_id` | *str* | :heavy_check_mark: | x |\n| `modelId` | *str* | :heavy_check_mark: | y |\n"
        #expect(diagnostics([("m.md", page(rows))]) == [])
    }

    @Test func invalidRequiredCell() {
        #expect(diagnostics([("m.md", page("| `a` | *str* | yes | x |\n"))]) == [
            "m.md:7:17: error: Required cell must be ':heavy_check_mark:' or ':heavy_minus_sign:', found 'yes'",
        ])
    }

    @Test func wrongFieldsTableHeader() {
        let text = "# Model\n\n## Fields\n\n| Name | Type | Required |\n| --- | --- | --- |\n| `a` | *str* | :heavy_check_mark: |\n"
        #expect(diagnostics([("m.md", text)]) == [
            "m.md:5:1: error: Fields table header must be 'Field | Type | Required | Description', found 'Name | Type | Required'",
        ])
    }

    @Test func exampleColumnIsAccepted() {
        let text = "# Model\n\n## Fields\n\n| Field | Type | Required | Description | Example |\n| - | - | - | - | - |\n| `a` | *str* | :heavy_check_mark: | x | `\"v\"` |\n"
        #expect(diagnostics([("m.md", text)]) == [])
    }

    @Test func pageWithoutTitle() {
        #expect(diagnostics([("m.md", "## Fields\n\n" + header)]) == [
            "m.md:1:1: error: page has no '# Title' heading",
        ])
    }

    @Test func pageWithoutFieldsTableIsAWarning() {
        #expect(diagnostics([("m.md", "# Lonely\n\nProse only.\n")]) == [
            "m.md:1:1: warning: page has no '## Fields' table; 'Lonely' is generated without fields [no-fields-table]",
        ])
    }

    @Test func emptyFieldCell() {
        #expect(diagnostics([("m.md", page("|  | *str* | :heavy_check_mark: | x |\n"))]) == [
            "m.md:7:2: error: Field cell is empty",
        ])
    }

    @Test func twoPagesWithTheSameSwiftTypeNameAreNotAnError() {
        #expect(diagnostics([("a.md", page("")), ("b.md", page(""))]) == [])
    }

    @Test func diagnosticsAreSortedByLocation() {
        let rows = "| `a` | *Nope* | maybe | x |\n"
        #expect(diagnostics([("m.md", page(rows))]) == [
            "m.md:7:9: warning: type expression 'Nope' for field 'a' is not understood; it is generated as JSONValue, which keeps any JSON [unknown-type]",
            "m.md:7:18: error: Required cell must be ':heavy_check_mark:' or ':heavy_minus_sign:', found 'maybe'",
        ])
    }

    @Test func sdkRuntimeObjectsAreLeftOutWithANote() {
        #expect(diagnostics([("m.md", page("| `raw` | [httpx.Response](https://www.python-httpx.org/api/#response) | :heavy_check_mark: | x |\n"))]) == [
            "m.md:7:11: note: field 'raw' has the SDK runtime type 'httpx.Response', which is not sent on the wire; 'Model' is generated without it [sdk-object]",
        ])
    }

    @Test func streamUnionMembersAreLeftOutWithANote() {
        let stream = "Union[eventstreaming.EventStream[models.X], eventstreaming.EventStreamAsync[models.X]]"
        let union = "# U\n\n## Supported Types\n\n### `str`\n\n### `\(stream)`\n"
        #expect(diagnostics([("u.md", union)]) == [
            "u.md:7:1: note: union member '\(stream)' has the SDK runtime type 'eventstreaming.EventStream', which is not a JSON value; 'U' is generated without it [sdk-object]",
        ])
        let only = "# U\n\n## Supported Types\n\n### `\(stream)`\n"
        #expect(diagnostics([("u.md", only)]) == [
            "u.md:5:1: note: union member '\(stream)' has the SDK runtime type 'eventstreaming.EventStream', which is not a JSON value; 'U' has no other member, so no Swift type is generated for it [sdk-object]",
        ])
    }

    @Test func utilityPagesAreSkippedWithANote() {
        #expect(diagnostics([("utils/retryconfig.md", "# RetryConfig\n\n## Fields\n\n| Name | Type |\n| - | - |\n")]) == [
            "utils/retryconfig.md:1:1: note: page is not generated: it documents an SDK utility (a page in utils/), not a wire model [sdk-utility]",
        ])
    }

    @Test func enumRules() {
        let empty = "# E\n\n## Values\n\n| Name | Value |\n| - | - |\n"
        #expect(diagnostics([("e.md", empty)]) == ["e.md:5:1: error: enum 'E' lists no values"])
        let duplicate = "# E\n\n## Values\n\n| Name | Value |\n| - | - |\n| `A` | a |\n| `B` | a |\n| `a` | c |\n"
        #expect(diagnostics([("e.md", duplicate)]) == [
            "e.md:8:9: error: duplicate enum value 'a' (first listed at line 7)",
        ])
    }

    @Test func unionRules() {
        let union = "# U\n\n## Supported Types\n\n### `str`\n\n### `Mystery`\n\n### `shared.Gone`\n\n### `str`\n"
        #expect(diagnostics([("u.md", union)]) == [
            "u.md:7:1: warning: type expression 'Mystery' for union member 'Mystery' is not understood; it is generated as JSONValue, which keeps any JSON [unknown-type]",
            "u.md:9:1: error: no page in the input set defines 'shared.Gone' (union member 'shared.Gone')",
        ])
        #expect(diagnostics([("u.md", "# U\n\n## Supported Types\n")]) == [
            "u.md:1:1: error: union 'U' lists no member types under '### `type`' headings",
        ])
    }

    @Test func everyErrorOfEveryPageIsReportedInOneRun() {
        let first = page("| `a` | *Nope* | :heavy_check_mark: | x |\n| `b` | *str* | maybe | x |\n")
        let second = page("| `c` | [components.Gone](gone.md) | :heavy_check_mark: | x |\n").replacingOccurrences(of: "# Model", with: "# Other")
        #expect(diagnostics([("a.md", first), ("b.md", second)]).count == 3)
    }
}
