@testable import DocModelGenCore
import Testing

@Suite struct PipeTableSplitterTests {
    private func cells(_ line: String) -> [String] {
        PipeTableSplitter.cells(of: Array(line.utf8)).map(\.text)
    }

    @Test func leadingAndTrailingPipesAreOptional() {
        #expect(cells("| a | b |") == ["a", "b"])
        #expect(cells("a | b") == ["a", "b"])
        #expect(cells("| a | b") == ["a", "b"])
        #expect(cells("a | b |") == ["a", "b"])
    }

    @Test func emptyCellsAreKept() {
        #expect(cells("| a |  | c |") == ["a", "", "c"])
        #expect(cells("|  |") == [""])
    }

    @Test func escapedPipeIsContentAndUnescaped() {
        #expect(cells(#"| a \| b | c |"#) == ["a | b", "c"])
        #expect(cells(#"| `x\|y` | z |"#) == ["`x|y`", "z"])
        #expect(cells(#"| a \|"#) == [#"a |"#])
    }

    @Test func pipeInsideCodeSpanDoesNotSplit() {
        #expect(cells("| `a|b` | c |") == ["`a|b`", "c"])
        #expect(cells("| ``a ` | b`` | c |") == ["``a ` | b``", "c"])
        // An unclosed backtick run is literal, so the pipe splits.
        #expect(cells("| `a | b |") == ["`a", "b"])
    }

    @Test func columnsAreOneBasedByteColumnsOfTheTrimmedContent() {
        let split = PipeTableSplitter.cells(of: Array("| ab | é |  x".utf8))
        #expect(split.map(\.column) == [3, 8, 14])
        #expect(PipeTableSplitter.cells(of: Array("|  | a |".utf8)).map(\.column) == [2, 6])
    }

    @Test func delimiterRows() {
        #expect(PipeTableSplitter.isDelimiterRow(Array("| --- | :-: | --: |".utf8), cellCount: 3))
        #expect(PipeTableSplitter.isDelimiterRow(Array("---|---".utf8), cellCount: 2))
        #expect(!PipeTableSplitter.isDelimiterRow(Array("| --- | --- |".utf8), cellCount: 3))
        #expect(!PipeTableSplitter.isDelimiterRow(Array("| --- | abc |".utf8), cellCount: 2))
        #expect(!PipeTableSplitter.isDelimiterRow(Array("| : | --- |".utf8), cellCount: 2))
    }
}
