import Foundation
import TestSupport
import Testing

/// The golden helper's diff: `diff -u` text, hunk by hunk.
@Suite struct UnifiedDiffTests {
    static let ten = (1...10).map { "\($0)\n" }.joined()

    @Test func identicalTextsGiveAnEmptyDiff() {
        #expect(UnifiedDiff.make(expected: Self.ten, actual: Self.ten) == "")
        #expect(UnifiedDiff.make(expected: "", actual: "") == "")
    }

    @Test func oneChangedLineGivesOneHunkWithThreeLinesOfContext() {
        let actual = Self.ten.replacingOccurrences(of: "5\n", with: "five\n")
        #expect(UnifiedDiff.make(expected: Self.ten, actual: actual) == """
            --- expected
            +++ actual
            @@ -2,7 +2,7 @@
             2
             3
             4
            -5
            +five
             6
             7
             8

            """)
    }

    @Test func insertionAtTheStart() {
        #expect(UnifiedDiff.make(expected: Self.ten, actual: "0\n" + Self.ten) == """
            --- expected
            +++ actual
            @@ -1,3 +1,4 @@
            +0
             1
             2
             3

            """)
    }

    @Test func insertionAtTheEnd() {
        #expect(UnifiedDiff.make(expected: Self.ten, actual: Self.ten + "11\n") == """
            --- expected
            +++ actual
            @@ -8,3 +8,4 @@
             8
             9
             10
            +11

            """)
    }

    @Test func emptyExpectedTextAndDeletionOfEverything() {
        #expect(UnifiedDiff.make(expected: "", actual: "a\nb\n") == "--- expected\n+++ actual\n@@ -0,0 +1,2 @@\n+a\n+b\n")
        #expect(UnifiedDiff.make(expected: "a\n", actual: "") == "--- expected\n+++ actual\n@@ -1 +0,0 @@\n-a\n")
    }

    @Test func changesFarApartGetTwoHunksAndCloseOnesShareOne() {
        let lines = (1...20).map { "\($0)\n" }
        var far = lines
        far[1] = "two\n"
        far[18] = "nineteen\n"
        #expect(UnifiedDiff.make(expected: lines.joined(), actual: far.joined()) == """
            --- expected
            +++ actual
            @@ -1,5 +1,5 @@
             1
            -2
            +two
             3
             4
             5
            @@ -16,5 +16,5 @@
             16
             17
             18
            -19
            +nineteen
             20

            """)
        var near = lines
        near[1] = "two\n"
        near[8] = "nine\n"  // six unchanged lines between: one hunk
        #expect(UnifiedDiff.make(expected: lines.joined(), actual: near.joined()).components(separatedBy: "@@ -").count == 2)
    }

    @Test func replacedRunsListDeletionsBeforeInsertions() {
        #expect(UnifiedDiff.make(expected: "a\nb\nc\n", actual: "a\nx\ny\nc\n", context: 0) == """
            --- expected
            +++ actual
            @@ -2 +2,2 @@
            -b
            +x
            +y

            """)
    }

    @Test func aMissingFinalLineFeedIsMarked() {
        #expect(UnifiedDiff.make(expected: "a\nb\n", actual: "a\nb") == """
            --- expected
            +++ actual
            @@ -1,2 +1,2 @@
             a
            -b
            +b
            \\ No newline at end of file

            """)
    }

    @Test func longDiffsAreCut() {
        let expected = (0..<1000).map { "old \($0)\n" }.joined()
        let actual = (0..<1000).map { "new \($0)\n" }.joined()
        let lines = UnifiedDiff.make(expected: expected, actual: actual, maxLines: 200).split(separator: "\n")
        #expect(lines.count == 201)
        #expect(lines.last == "… 1803 more diff line(s) not shown")
    }

    /// Random edits of random texts: applying the diff's hunks to the expected text gives the actual text.
    @Test func randomDiffsApplyBack() {
        var random = SeededRandomNumberGenerator(seed: 42)
        for _ in 0..<300 {
            let expected = (0..<Int.random(in: 0...30, using: &random)).map { _ in "\(Int.random(in: 0..<6, using: &random))" }
            var actual = expected
            for _ in 0..<Int.random(in: 0...6, using: &random) {
                switch Int.random(in: 0..<3, using: &random) {
                case 0 where !actual.isEmpty: actual.remove(at: Int.random(in: 0..<actual.count, using: &random))
                case 1 where !actual.isEmpty: actual[Int.random(in: 0..<actual.count, using: &random)] = "x"
                default: actual.insert("y", at: Int.random(in: 0...actual.count, using: &random))
                }
            }
            let text = { (lines: [String]) in lines.map { $0 + "\n" }.joined() }
            let diff = UnifiedDiff.make(expected: text(expected), actual: text(actual), maxLines: .max)
            #expect(Self.apply(diff, to: expected) == actual, "\(expected) → \(actual)\n\(diff)")
        }
    }

    /// A minimal `patch`: checks every context and deleted line against `lines` on the way.
    static func apply(_ diff: String, to lines: [String]) -> [String]? {
        var result: [String] = [], position = 0
        for line in diff.split(separator: "\n").dropFirst(2) {
            if line.hasPrefix("@@ -") {
                let oldRange = line.dropFirst(4).prefix { $0 != " " }.split(separator: ",")
                guard let start = Int(oldRange[0]) else { return nil }
                let count = oldRange.count > 1 ? Int(oldRange[1]) ?? 0 : 1
                let first = count == 0 ? start : start - 1
                guard first >= position, first <= lines.count else { return nil }
                result += lines[position..<first]
                position = first
            } else if line.hasPrefix("+") {
                result.append(String(line.dropFirst()))
            } else {
                guard position < lines.count, lines[position] == line.dropFirst() else { return nil }
                if line.hasPrefix(" ") { result.append(lines[position]) }
                position += 1
            }
        }
        return result + lines[position...]
    }
}
