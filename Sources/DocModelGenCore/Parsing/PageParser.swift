/// Markdown page → `Page`: cmark parses the page; pipe tables, which libcmark 0.30 delivers as plain
/// paragraphs, are re-split from the paragraph's raw source lines and each cell's inlines are parsed
/// by cmark again.
public enum PageParser {
    /// Rows past this are counted but not parsed, so a 100 000-row table is reported at once
    /// (the validator allows far fewer members) instead of taking seconds.
    public static let maximumTableRows = 2_000

    /// Parses `text`, the contents of the page at `path` (relative to the input root).
    public static func parse(_ text: String, path: String) -> Page {
        let lines = SourceLines(text)
        var title: Heading?
        var sections: [Section] = []
        var current = Section(heading: nil, blocks: [])

        let blocks = CmarkReader.blocks(of: text) { first, last in
            tableHeaderLine(in: lines, from: first, to: last) == nil
        }
        for block in blocks {
            let location = SourceLocation(file: path, line: block.startLine, column: block.startColumn)
            switch block.kind {
            case .heading(let level, let inlines):
                let heading = Heading(
                    text: inlines.plainText.trimmingSpaces, inlines: inlines, level: level, location: location)
                if level == 1, title == nil { title = heading }
                if current.heading != nil || !current.blocks.isEmpty { sections.append(current) }
                current = Section(heading: heading, blocks: [])
            case .paragraph(let inlines):
                current.blocks += paragraphBlocks(block, inlines: inlines, lines: lines, path: path)
            case .list(let items):
                current.blocks.append(.list(ListBlock(
                    items: items.map { item in
                        Paragraph(
                            inlines: item.inlines,
                            location: SourceLocation(file: path, line: item.line, column: item.column))
                    },
                    location: location)))
            case .blockQuote(let paragraphs):
                current.blocks.append(.blockQuote(paragraphs.map {
                    Paragraph(inlines: $0.inlines, location: SourceLocation(file: path, line: $0.line, column: $0.column))
                }))
            case .codeBlock(let info, let literal):
                current.blocks.append(.codeBlock(CodeBlock(info: info, literal: literal, location: location)))
            case .html(let literal):
                current.blocks.append(.html(HTMLBlock(literal: literal, location: location)))
            case .other:
                break
            }
        }
        if current.heading != nil || !current.blocks.isEmpty { sections.append(current) }
        return Page(path: path, title: title, sections: sections)
    }

    /// The page's title as `parse` reads it (the text of its first top-level `#` heading), without
    /// building the rest of the page.
    public static func title(of text: String) -> String? {
        plainFirstLineTitle(of: text) ?? CmarkReader.firstHeadingInlines(of: text, level: 1).map { $0.plainText.trimmingSpaces }
    }

    /// The title when the page starts the usual way, `# Plain words`: the first line is then the
    /// first block and an ATX heading whatever follows, so cmark is not needed. Nil otherwise.
    static func plainFirstLineTitle(of text: String) -> String? {
        let utf8 = text.utf8
        guard utf8.starts(with: "# ".utf8) else { return nil }
        let lineEnd = utf8.firstIndex { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") } ?? utf8.endIndex
        let content = text[utf8.index(utf8.startIndex, offsetBy: 2)..<lineEnd]
        // A `#` may close the heading; an empty heading has no words to take.
        guard !content.utf8.contains(UInt8(ascii: "#")),
              case .text(let words)? = CmarkReader.plainTextInlines(of: String(content))?.first
        else { return nil }
        return words.trimmingSpaces
    }

    /// A paragraph, or the table it really is (with any lines before the table as a paragraph).
    private static func paragraphBlocks(
        _ block: CmarkBlock, inlines: [Inline], lines: SourceLines, path: String
    ) -> [Block] {
        let paragraphLocation = SourceLocation(file: path, line: block.startLine, column: block.startColumn)
        // Tables are only recognised at the top level, where the source lines carry no container
        // prefix (block quotes, list indentation) to strip.
        guard block.startColumn <= 4, block.endLine > block.startLine else {
            return [.paragraph(Paragraph(inlines: inlines, location: paragraphLocation))]
        }
        if let headerLine = tableHeaderLine(in: lines, from: block.startLine, to: block.endLine) {
            let header = PipeTableSplitter.cells(of: lines[headerLine])
            var blocks: [Block] = []
            if headerLine > block.startLine {
                let leading = (block.startLine..<headerLine)
                    .map { String(decoding: lines[$0], as: UTF8.self) }
                    .joined(separator: "\n")
                blocks.append(.paragraph(Paragraph(inlines: CmarkReader.inlines(of: leading), location: paragraphLocation)))
            }
            let width = header.count
            let allBodyLines = headerLine + 2 <= block.endLine ? Array((headerLine + 2)...block.endLine) : []
            let bodyLines = allBodyLines.prefix(maximumTableRows)
            let rows = bodyLines.map { number -> TableRow in
                let raw = PipeTableSplitter.cells(of: lines[number])
                var cells = raw.prefix(width).map { tableCell($0, line: number, path: path) }
                let padColumn = (raw.last?.column ?? 1) + (raw.last?.text.utf8.count ?? 0)
                while cells.count < width {
                    cells.append(TableCell(
                        text: "", inlines: [], location: SourceLocation(file: path, line: number, column: padColumn)))
                }
                return TableRow(
                    cells: cells, sourceCellCount: raw.count,
                    location: SourceLocation(file: path, line: number, column: firstContentColumn(lines[number])))
            }
            blocks.append(.table(Table(
                header: header.map { tableCell($0, line: headerLine, path: path) },
                rows: rows,
                location: SourceLocation(file: path, line: headerLine, column: firstContentColumn(lines[headerLine])),
                omittedRows: allBodyLines.count > bodyLines.count ? allBodyLines.count - bodyLines.count : nil)))
            return blocks
        }
        return [.paragraph(Paragraph(inlines: inlines, location: paragraphLocation))]
    }

    /// The line of a GFM table's header row inside lines `first...last` (a line with a pipe,
    /// followed by a delimiter row with as many cells), or nil.
    private static func tableHeaderLine(in lines: SourceLines, from first: Int, to last: Int) -> Int? {
        guard last > first else { return nil }
        for headerLine in first..<last {
            let line = lines[headerLine]
            guard line.contains(UInt8(ascii: "|")) else { continue }
            let count = PipeTableSplitter.cells(of: line).count
            if PipeTableSplitter.isDelimiterRow(lines[headerLine + 1], cellCount: count) { return headerLine }
        }
        return nil
    }

    private static func tableCell(_ raw: PipeTableSplitter.RawCell, line: Int, path: String) -> TableCell {
        TableCell(
            text: raw.text,
            inlines: raw.text.isEmpty ? [] : CmarkReader.inlines(of: raw.text),
            location: SourceLocation(file: path, line: line, column: raw.column))
    }

    private static func firstContentColumn(_ line: [UInt8]) -> Int {
        (line.firstIndex { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") } ?? 0) + 1
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(self[first...last])
    }
}
