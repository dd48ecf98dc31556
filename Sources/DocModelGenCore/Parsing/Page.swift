/// A markdown page as the parser sees it: its title, and its sections with the tables, paragraphs,
/// lists and code blocks they hold. Nothing here knows about models yet.
public struct Page: Codable, Sendable, Hashable {
    /// Path of the page relative to the input root, with `/` separators.
    public var path: String
    /// The first level-1 heading (`# Title`), if any.
    public var title: Heading?
    /// One section per heading, in page order; content before the first heading has no heading.
    public var sections: [Section]

    public init(path: String, title: Heading?, sections: [Section]) {
        self.path = path
        self.title = title
        self.sections = sections
    }

    /// The text of every paragraph and block-quote paragraph, for notes anywhere on the page.
    public var proseParagraphs: [Paragraph] {
        sections.flatMap(\.blocks).flatMap { block -> [Paragraph] in
            switch block {
            case .paragraph(let paragraph): return [paragraph]
            case .blockQuote(let paragraphs): return paragraphs
            default: return []
            }
        }
    }

    /// The first section whose heading text is `name` (ASCII case-insensitive) at `level`.
    public func section(named name: String, level: Int) -> Section? {
        sections.first { $0.heading?.level == level && $0.heading?.text.lowercased() == name.lowercased() }
    }
}

public struct Heading: Codable, Sendable, Hashable {
    public var text: String
    public var inlines: [Inline]
    public var level: Int
    public var location: SourceLocation
}

public struct Section: Codable, Sendable, Hashable {
    public var heading: Heading?
    public var blocks: [Block]
}

public enum Block: Codable, Sendable, Hashable {
    case paragraph(Paragraph)
    case table(Table)
    case list(ListBlock)
    case codeBlock(CodeBlock)
    /// A block quote's paragraphs (Speakeasy puts notes such as "This is an open enum" there).
    case blockQuote([Paragraph])
    /// An HTML block, such as the `<!-- UsageSnippet … -->` comment above an operation's example.
    case html(HTMLBlock)
}

public struct HTMLBlock: Codable, Sendable, Hashable {
    /// The block's source text.
    public var literal: String
    public var location: SourceLocation
}

public struct Paragraph: Codable, Sendable, Hashable {
    public var inlines: [Inline]
    public var location: SourceLocation
}

public struct ListBlock: Codable, Sendable, Hashable {
    /// Each item's inline text (the first paragraph of the item).
    public var items: [Paragraph]
    public var location: SourceLocation
}

public struct CodeBlock: Codable, Sendable, Hashable {
    public var info: String
    public var literal: String
    public var location: SourceLocation
}

/// A GFM pipe table: header cells, body rows (padded or cut to the header's width, as GFM does).
public struct Table: Codable, Sendable, Hashable {
    /// Each column's index by its header text (the first of repeated headers).
    public var columnIndices: [String: Int] {
        var indices: [String: Int] = [:]
        for (index, cell) in header.enumerated() where indices[cell.text] == nil { indices[cell.text] = index }
        return indices
    }

    public var header: [TableCell]
    public var rows: [TableRow]
    public var location: SourceLocation
    /// Rows past `PageParser.maximumTableRows`, counted but not parsed (nil when none).
    public var omittedRows: Int?

    public init(header: [TableCell], rows: [TableRow], location: SourceLocation, omittedRows: Int? = nil) {
        self.header = header
        self.rows = rows
        self.location = location
        self.omittedRows = omittedRows
    }
}

public struct TableRow: Codable, Sendable, Hashable {
    public var cells: [TableCell]
    /// How many cells the source line really had (GFM pads or drops to the header's width).
    public var sourceCellCount: Int
    public var location: SourceLocation
}

public struct TableCell: Codable, Sendable, Hashable {
    /// The cell's source text, trimmed, with `\|` unescaped.
    public var text: String
    /// The cell's inlines as cmark parsed them.
    public var inlines: [Inline]
    /// Where the cell's content starts (or where the empty cell is).
    public var location: SourceLocation
}

/// Inline markdown, as cmark reports it.
public indirect enum Inline: Codable, Sendable, Hashable {
    case text(String)
    case code(String)
    case emphasis([Inline])
    case strong([Inline])
    case link(destination: String, children: [Inline])
    case image(source: String, children: [Inline])
    case html(String)
    case softBreak
    case lineBreak
}

extension Inline {
    /// The text a reader sees, without markup.
    public var plainText: String {
        switch self {
        case .text(let text), .code(let text): return text
        case .emphasis(let children), .strong(let children), .link(_, let children), .image(_, let children):
            return children.plainText
        case .html(let html): return html
        case .softBreak: return " "
        case .lineBreak: return "\n"
        }
    }
}

extension Inline {
    /// Markdown source that renders as this inline (for doc comments, which are markdown too).
    public var markdown: String {
        switch self {
        case .text(let text): return text
        case .code(let code):
            let fence = code.contains("`") ? "``" : "`"
            let pad = code.hasPrefix("`") || code.hasSuffix("`") ? " " : ""
            return fence + pad + code + pad + fence
        case .emphasis(let children): return "*" + children.markdown + "*"
        case .strong(let children): return "**" + children.markdown + "**"
        case .link(let destination, let children): return "[" + children.markdown + "](" + destination + ")"
        case .image(let source, let children): return "![" + children.markdown + "](" + source + ")"
        case .html(let html): return html
        case .softBreak: return "\n"
        case .lineBreak: return "  \n"
        }
    }
}

extension Array where Element == Inline {
    /// The concatenated plain text of these inlines.
    public var plainText: String { map(\.plainText).joined() }
    /// The concatenated markdown of these inlines.
    public var markdown: String { map(\.markdown).joined() }
}
