@testable import DocModelGenCore
import Testing

@Suite struct PageParserTests {
    private func onlyTable(_ page: Page) throws -> Table {
        let tables = page.sections.flatMap(\.blocks).compactMap { block -> Table? in
            if case .table(let table) = block { return table }
            return nil
        }
        #expect(tables.count == 1)
        return try #require(tables.first)
    }

    @Test func seedPageTitleSectionsAndTable() throws {
        let page = PageParser.parse(try TestPages.seed("bodygenimagetovideo.md"), path: "bodygenimagetovideo.md")
        #expect(page.title?.text == "BodyGenImageToVideo")
        #expect(page.title?.location == Location(file: "bodygenimagetovideo.md", line: 1, column: 1))
        #expect(page.sections.compactMap(\.heading?.text) == ["BodyGenImageToVideo", "Fields"])
        let table = try onlyTable(page)
        #expect(table.header.map(\.text) == ["Field", "Type", "Required", "Description"])
        #expect(table.location.line == 6)
        #expect(table.rows.count == 10)
        let first = table.rows[0]
        #expect(first.cells[0].inlines == [.code("image")])
        #expect(first.cells[0].location == Location(file: "bodygenimagetovideo.md", line: 8, column: 3))
        #expect(first.cells[1].inlines == [
            .link(destination: "../../models/components/bodygenimagetovideoimage.md",
                  children: [.text("components.BodyGenImageToVideoImage")]),
        ])
        #expect(first.cells[1].location.column == 134)
        #expect(first.cells[2].text == ":heavy_check_mark:")
        #expect(table.rows[1].cells[1].inlines == [.emphasis([.text("Optional[str]")])])
        #expect(table.rows[9].location.line == 17)
    }

    @Test func fileShapedSeedPage() throws {
        let page = PageParser.parse(try TestPages.seed("bodygenimagetovideoimage.md"), path: "x.md")
        let table = try onlyTable(page)
        #expect(table.rows.map { $0.cells[0].inlines.plainText } == ["file_name", "content", "content_type"])
        #expect(table.rows[1].cells[1].inlines == [.emphasis([.text("Union[bytes, IO[bytes], io.BufferedReader]")])])
    }

    @Test func escapedPipesAndPipesInCodeSpans() throws {
        let text = """
            # T

            ## Fields

            | Field | Type | Required | Description |
            | --- | --- | --- | --- |
            | `a` | *str* | :heavy_check_mark: | one \\| two |
            | `b` | `Union[str|int]` | :heavy_minus_sign: | see `x|y` |
            """
        let table = try onlyTable(PageParser.parse(text, path: "t.md"))
        #expect(table.rows[0].cells[3].text == "one | two")
        #expect(table.rows[0].cells[3].inlines == [.text("one | two")])
        #expect(table.rows[1].cells[1].inlines == [.code("Union[str|int]")])
        #expect(table.rows[1].cells[3].inlines == [.text("see "), .code("x|y")])
    }

    @Test func raggedRowsArePaddedOrCutToTheHeader() throws {
        let text = """
            | Field | Type | Required |
            | --- | --- | --- |
            | a |
            | b | c | d | e | f |
            """
        let table = try onlyTable(PageParser.parse(text, path: "t.md"))
        #expect(table.rows.map { $0.cells.map(\.text) } == [["a", "", ""], ["b", "c", "d"]])
        #expect(table.rows.map(\.sourceCellCount) == [1, 5])
    }

    @Test func emptyFieldsTableHasNoRows() throws {
        let text = "# Empty\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n"
        let page = PageParser.parse(text, path: "e.md")
        let table = try onlyTable(page)
        #expect(table.header.count == 4)
        #expect(table.rows.isEmpty)
        let fields = try #require(page.section(named: "Fields", level: 2))
        #expect(fields.blocks.count == 1)
    }

    @Test func pageWithoutFieldsSection() {
        let page = PageParser.parse("# Lonely\n\nJust prose.\n", path: "l.md")
        #expect(page.title?.text == "Lonely")
        #expect(page.section(named: "Fields", level: 2) == nil)
        #expect(page.sections.first?.blocks == [
            .paragraph(Paragraph(inlines: [.text("Just prose.")], location: Location(file: "l.md", line: 3, column: 1))),
        ])
    }

    @Test func crlfInputGivesTheSameTableAndLines() throws {
        let lf = try TestPages.seed("bodygenimagetovideo.md")
        let crlf = lf.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
        let lone = lf.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r")
        let expected = PageParser.parse(lf, path: "p.md")
        #expect(PageParser.parse(crlf, path: "p.md") == expected)
        #expect(PageParser.parse(lone, path: "p.md") == expected)
    }

    @Test func cellsAreInlinesNeverBlocks() throws {
        let text = "| a | b |\n| - | - |\n| # not a heading | - not a list |\n| _emph_ | [l](x.md) |\n"
        let table = try onlyTable(PageParser.parse(text, path: "t.md"))
        #expect(table.rows[0].cells.map(\.inlines) == [[.text("# not a heading")], [.text("- not a list")]])
        #expect(table.rows[1].cells.map(\.inlines) == [
            [.emphasis([.text("emph")])], [.link(destination: "x.md", children: [.text("l")])],
        ])
    }

    @Test func textBeforeATableInTheSameParagraphStaysAParagraph() throws {
        let text = "Intro line\n| a | b |\n| - | - |\n| 1 | 2 |\n"
        let page = PageParser.parse(text, path: "t.md")
        let blocks = page.sections.flatMap(\.blocks)
        #expect(blocks.count == 2)
        guard case .paragraph(let intro) = blocks.first else {
            Issue.record("expected a paragraph first")
            return
        }
        #expect(intro.inlines == [.text("Intro line")])
        #expect(try onlyTable(page).location.line == 2)
    }
}
