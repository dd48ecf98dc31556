/// A line-based unified diff (`diff -u` format) of two texts, for failure messages.
public enum UnifiedDiff {
    /// The lines that turn `expected` into `actual`: a `--- expected` / `+++ actual` header, then
    /// `@@ -a,b +c,d @@` hunks with `context` unchanged lines around each change (counts of 1 are
    /// left out, as `diff -u` does). A last line without a line feed is marked
    /// `\ No newline at end of file`. Empty when the texts are equal. Past `maxLines` lines the diff
    /// is cut, and a last line says how many were left out.
    public static func make(
        expected: String, actual: String, expectedName: String = "expected", actualName: String = "actual",
        context: Int = 3, maxLines: Int = 200
    ) -> String {
        guard expected != actual else { return "" }
        let old = Line.split(expected), new = Line.split(actual)
        let edits = editScript(old, new)
        var lines = ["--- \(expectedName)", "+++ \(actualName)"]
        for hunk in hunks(edits, context: max(0, context)) {
            lines.append(hunk.header)
            for edit in hunk.edits {
                switch edit {
                case .keep(let index, _): lines += old[index].printed(" ")
                case .delete(let index): lines += old[index].printed("-")
                case .insert(let index): lines += new[index].printed("+")
                }
            }
        }
        if lines.count > maxLines {
            let left = lines.count - maxLines
            lines = Array(lines.prefix(maxLines)) + ["… \(left) more diff line(s) not shown"]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One line of a text: its characters, and whether a line feed ended it (only a last line may lack one).
    struct Line: Hashable {
        var text: Substring
        var terminated: Bool

        static func split(_ text: String) -> [Line] {
            var parts = text.split(separator: "\n", omittingEmptySubsequences: false)
            let last = parts.removeLast()  // "" when the text ends with a line feed
            return parts.map { Line(text: $0, terminated: true) } + (last.isEmpty ? [] : [Line(text: last, terminated: false)])
        }

        func printed(_ marker: String) -> [String] {
            terminated ? [marker + text] : [marker + text, "\\ No newline at end of file"]
        }
    }

    /// One step from the old lines to the new: keep an old line (equal to a new one), delete an old
    /// line, or insert a new line. Indices are 0-based.
    enum Edit: Equatable {
        case keep(Int, Int)
        case delete(Int)
        case insert(Int)
    }

    /// A shortest edit script (Myers' O(ND) algorithm) over the lines between the common prefix and
    /// suffix. Past `maximumDistance` differences it gives up on minimality and replaces the whole
    /// middle, so memory stays bounded. Within each run of changes, deletions come first.
    static func editScript<T: Hashable>(_ old: [T], _ new: [T], maximumDistance: Int = 2_000) -> [Edit] {
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
              old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        // Lines as small integers, so the search compares numbers.
        var ids: [T: Int] = [:]
        func id(_ line: T) -> Int {
            if let id = ids[line] { return id }
            ids[line] = ids.count
            return ids.count - 1
        }
        let a = old[prefix..<(old.count - suffix)].map(id)
        let b = new[prefix..<(new.count - suffix)].map(id)
        var middle = myers(a, b, maximumDistance: maximumDistance)
            ?? (a.indices.map { Edit.delete($0) } + b.indices.map { Edit.insert($0) })
        middle = middle.map {
            switch $0 {
            case .keep(let x, let y): .keep(x + prefix, y + prefix)
            case .delete(let x): .delete(x + prefix)
            case .insert(let y): .insert(y + prefix)
            }
        }
        let tail = (0..<suffix).map { Edit.keep(old.count - suffix + $0, new.count - suffix + $0) }
        return (0..<prefix).map { Edit.keep($0, $0) } + deletionsFirst(middle) + tail
    }

    /// Myers' greedy forward search, keeping the frontier of every step to walk the path back.
    /// Nil when more than `maximumDistance` edits are needed.
    private static func myers(_ a: [Int], _ b: [Int], maximumDistance: Int) -> [Edit]? {
        let n = a.count, m = b.count
        if n == 0 || m == 0 { return a.indices.map { Edit.delete($0) } + b.indices.map { Edit.insert($0) } }
        let limit = min(n + m, maximumDistance)
        let offset = limit + 1
        var frontier = [Int](repeating: 0, count: 2 * limit + 3)  // furthest x on diagonal k, at index k + offset
        var trace: [[Int]] = []  // trace[d]: frontier[-d...d] before step d
        var distance: Int?
        search: for d in 0...limit {
            trace.append(Array(frontier[(offset - d)...(offset + d)]))
            for k in stride(from: -d, through: d, by: 2) {
                var x = k == -d || (k != d && frontier[offset + k - 1] < frontier[offset + k + 1])
                    ? frontier[offset + k + 1]  // down: insert b[y]
                    : frontier[offset + k - 1] + 1  // right: delete a[x]
                var y = x - k
                while x < n, y < m, a[x] == b[y] {
                    x += 1
                    y += 1
                }
                frontier[offset + k] = x
                if x >= n, y >= m {
                    distance = d
                    break search
                }
            }
        }
        guard let distance else { return nil }
        var edits: [Edit] = []
        var x = n, y = m
        for d in stride(from: distance, to: 0, by: -1) {
            let previous = trace[d]  // index k + d
            let k = x - y
            let down = k == -d || (k != d && previous[k - 1 + d] < previous[k + 1 + d])
            let previousK = down ? k + 1 : k - 1
            let previousX = previous[previousK + d], previousY = previousX - previousK
            let startX = down ? previousX : previousX + 1
            while x > startX {
                x -= 1
                y -= 1
                edits.append(.keep(x, y))
            }
            if down { edits.append(.insert(previousY)) } else { edits.append(.delete(previousX)) }
            x = previousX
            y = previousY
        }
        while x > 0 {
            x -= 1
            y -= 1
            edits.append(.keep(x, y))
        }
        return edits.reversed()
    }

    /// Each run of deletions and insertions reordered so that the deletions come first.
    private static func deletionsFirst(_ edits: [Edit]) -> [Edit] {
        var result: [Edit] = [], deletions: [Edit] = [], insertions: [Edit] = []
        func flush() {
            result += deletions + insertions
            deletions = []
            insertions = []
        }
        for edit in edits {
            switch edit {
            case .keep: flush(); result.append(edit)
            case .delete: deletions.append(edit)
            case .insert: insertions.append(edit)
            }
        }
        flush()
        return result
    }

    struct Hunk {
        var edits: ArraySlice<Edit>
        var header: String
    }

    /// The changes with `context` kept lines around each; changes closer than twice that share a hunk.
    static func hunks(_ edits: [Edit], context: Int) -> [Hunk] {
        let changes = edits.indices.filter { if case .keep = edits[$0] { false } else { true } }
        guard let first = changes.first else { return [] }
        var ranges: [ClosedRange<Int>] = []
        var start = first, end = first
        for index in changes.dropFirst() {
            if index - end - 1 > 2 * context {
                ranges.append(start...end)
                start = index
            }
            end = index
        }
        ranges.append(start...end)
        return ranges.map { range in
            let slice = edits[max(0, range.lowerBound - context)...min(edits.count - 1, range.upperBound + context)]
            // Position before the slice: old and new lines consumed by the edits ahead of it.
            var oldStart = 0, newStart = 0
            for edit in edits[..<slice.startIndex] {
                switch edit {
                case .keep: oldStart += 1; newStart += 1
                case .delete: oldStart += 1
                case .insert: newStart += 1
                }
            }
            var oldCount = 0, newCount = 0
            for edit in slice {
                switch edit {
                case .keep: oldCount += 1; newCount += 1
                case .delete: oldCount += 1
                case .insert: newCount += 1
                }
            }
            return Hunk(edits: slice, header: "@@ -\(rangeText(oldStart, oldCount)) +\(rangeText(newStart, newCount)) @@")
        }
    }

    /// `start,count` as `diff -u` writes it: 1-based, the count left out when it is 1, and an empty
    /// range named by the line before it.
    private static func rangeText(_ start: Int, _ count: Int) -> String {
        switch count {
        case 0: "\(start),0"
        case 1: "\(start + 1)"
        default: "\(start + 1),\(count)"
        }
    }
}
