@testable import DocModelGenCore
import Foundation
import TestSupport
import Testing

/// Table cells without inline markup skip cmark; what they become must be what cmark makes of them.
@Suite struct PlainTextCellTests {
    @Test(arguments: [
        "plain", "  padded  ", "two  spaces", "", "   ", "Ünïcödé – text", "a.b: c, d; (e) {f} #g -h +i =j |k ~l",
        "1. not a list", "# not a heading", "> not a quote", "x", " x", "`id`", " `a b` ", "`a\\b&c*d`", "*str*",
        "*Optional str*", "Optional[str]", "[x] [y]", "List[Dict[str, int]]", "a!b", ":heavy_check_mark:", "snake_case_name",
    ])
    func plainCellsMatchCmark(text: String) throws {
        let fast = try #require(CmarkReader.plainTextInlines(of: text))
        #expect(fast == CmarkReader.parsedInlines(of: text))
    }

    @Test(arguments: [
        "_em_", "[link](x.md)", "a\\|b", "&amp;", "<b>", "![i](x)", "tab\there", "*[x]*", "` a `", "``", "*a*b*", "*Optional[str]*",
        "x `c`", "**strong**", "_lead", "trail_", "a _b_ c",
    ])
    func markupGoesToCmark(text: String) {
        #expect(CmarkReader.plainTextInlines(of: text) == nil)
    }

    /// Random cells over an alphabet of plain and special characters.
    @Test func randomCellsAgreeWithCmark() {
        var random = SeededRandomNumberGenerator(seed: 7)
        let alphabet = Array("ab_ Z9.,:;-+#>=|(){}~'\"/%é–😀 *_`[]!<&\\\t")
        var fastPathTaken = 0
        for _ in 0..<6000 {
            var text = String((0..<Int.random(in: 0...12, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            // Whole-cell code spans and emphasis, as Speakeasy writes names and types.
            switch Int.random(in: 0..<3, using: &random) {
            case 0: text = "`\(text)`"
            case 1: text = "*\(text)*"
            default: break
            }
            guard let fast = CmarkReader.plainTextInlines(of: text) else { continue }
            fastPathTaken += 1
            #expect(fast == CmarkReader.parsedInlines(of: text), "\(text.debugDescription)")
        }
        #expect(fastPathTaken > 500)
    }

    @Test func parallelMapKeepsOrder() {
        let numbers = Array(0..<10_000)
        #expect(numbers.parallelMap { $0 * 2 } == numbers.map { $0 * 2 })
        #expect(Array(0..<3).parallelMap { $0 + 1 } == [1, 2, 3])
    }
}

/// Titles read without cmark are the titles the full parse finds.
@Suite struct PageTitleTests {
    @Test(arguments: [
        "# Model250\n\nText.", "# Two words \n", "# `Code`\n", "# *Em*", "#  Spaced", "# Closed #", "#\n", "# \n",
        "\u{FEFF}# BOM", "   # Indented", "# a_b ![x](y)", "# A [link](x.md)", "Text\n# Late", "# Title\r\nBody", "## Sub\n# Top",
    ])
    func titlesMatchTheFullParse(text: String) {
        #expect(PageParser.title(of: text) == PageParser.parse(text, path: "p.md").title?.text)
    }

    @Test(arguments: ["livepeer-ai", "unstructured", "grammar"])
    func everyReferencePageTitleMatches(tree: String) throws {
        let pages = try TypedMustacheTemplateTests.pages(under: PackageRoot.url.appendingPathComponent("Specs/\(tree)"))
        var fast = 0
        for page in pages {
            #expect(PageParser.title(of: page.text) == PageParser.parse(page.text, path: page.path).title?.text, "\(page.path)")
            if PageParser.plainFirstLineTitle(of: page.text) != nil { fast += 1 }
        }
        #expect(fast > pages.count / 2)
    }
}
