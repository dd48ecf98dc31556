import CCmark

/// A top-level block as cmark reports it, before tables are recognised.
struct CmarkBlock: Sendable {
    enum Kind: Sendable {
        case heading(level: Int, inlines: [Inline])
        case paragraph(inlines: [Inline])
        case list(items: [(inlines: [Inline], line: Int, column: Int)])
        case codeBlock(info: String, literal: String)
        /// An HTML block (`<!-- UsageSnippet … -->` above an operation's example), its source text.
        case html(literal: String)
        case blockQuote(paragraphs: [(inlines: [Inline], line: Int, column: Int)])
        case other
    }

    var kind: Kind
    var startLine: Int
    var startColumn: Int
    var endLine: Int
}

/// Thin, safe wrapper over libcmark: markdown text in, Swift values out. No cmark pointer escapes.
enum CmarkReader {
    /// Parses a whole document and returns its top-level blocks in order. `wantsInlines` says,
    /// from a paragraph's first and last line, whether its inlines are needed (a paragraph that is
    /// really a table is re-split from its source lines, so converting it would be wasted work).
    static func blocks(of markdown: String, wantsInlines: (Int, Int) -> Bool = { _, _ in true }) -> [CmarkBlock] {
        withDocument(markdown) { document in
            children(of: document).map { block(of: $0, wantsInlines: wantsInlines) }
        }
    }

    /// The inlines of the first top-level heading of `level`, or nil.
    static func firstHeadingInlines(of markdown: String, level: Int) -> [Inline]? {
        withDocument(markdown) { document in
            children(of: document).first {
                cmark_node_get_type($0) == CMARK_NODE_HEADING && Int(cmark_node_get_heading_level($0)) == level
            }.map { inlineChildren(of: $0) }
        }
    }

    /// Parses `text` as the inline content of a single paragraph (a table cell's text), never as
    /// blocks: a cell reading `# x` or `- y` stays text.
    static func inlines(of text: String) -> [Inline] {
        plainTextInlines(of: text) ?? parsedInlines(of: text)
    }

    /// What cmark makes of the cells most tables are made of, without a cmark document per cell:
    /// plain text, a whole-cell code span (`` `name` ``) and a whole-cell emphasis (`*str*`).
    /// Nil when cmark must parse the cell. Tests check it agrees with `parsedInlines`.
    static func plainTextInlines(of text: String) -> [Inline]? {
        let bytes = Array(text.utf8)
        var start = 0, end = bytes.count
        while start < end, bytes[start] == UInt8(ascii: " ") { start += 1 }
        while end > start, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
        guard start < end else { return isPlain(bytes[...]) ? [] : nil }
        let trimmed = bytes[start..<end]
        func string(_ slice: ArraySlice<UInt8>) -> String { String(decoding: slice, as: UTF8.self) }
        if isPlain(trimmed) { return [.text(string(trimmed))] }
        guard trimmed.count >= 3, let first = trimmed.first, first == trimmed.last else { return nil }
        let inner = trimmed.dropFirst().dropLast()
        switch first {
        case UInt8(ascii: "`"):
            // A code span's content is literal; only its edges (a space each side) are special.
            guard !inner.contains(where: { $0 == UInt8(ascii: "`") || $0 < 0x20 || $0 == 0x7F }),
                  inner.first != UInt8(ascii: " "), inner.last != UInt8(ascii: " ")
            else { return nil }
            return [.code(string(inner))]
        case UInt8(ascii: "*"):
            // Letters or digits at both edges keep the emphasis flanking rules trivial.
            guard isPlain(inner), isAlphanumeric(inner.first!), isAlphanumeric(inner.last!) else { return nil }
            return [.emphasis([.text(string(inner))])]
        default:
            return nil
        }
    }

    /// No byte cmark's inline parser reacts to. Brackets stay literal without `](` (a cell is
    /// parsed alone, so it has no link reference definitions); `!` is literal unless before `[`;
    /// `_` between letters or digits (`:heavy_check_mark:`) can neither open nor close emphasis.
    private static func isPlain(_ bytes: ArraySlice<UInt8>) -> Bool {
        var previous: UInt8 = 0
        for index in bytes.indices {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "_") where isAlphanumeric(previous) && index + 1 < bytes.endIndex && isAlphanumeric(bytes[index + 1]):
                break
            case 0..<0x20, 0x7F, UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"),
                 UInt8(ascii: "<"), UInt8(ascii: "&"):
                return false
            case UInt8(ascii: "(") where previous == UInt8(ascii: "]"), UInt8(ascii: "[") where previous == UInt8(ascii: "!"):
                return false
            default:
                break
            }
            previous = byte
        }
        return true
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    /// `text` parsed by cmark as the inline content of a single paragraph.
    static func parsedInlines(of text: String) -> [Inline] {
        // A leading "x " cannot start any block construct and leaves the cell's own leading
        // delimiters (`_`, `*`, backticks) flanked by whitespace, as they are in the table.
        let guarded = "x " + text
        let parsed: [Inline] = withDocument(guarded) { document in
            guard let paragraph = cmark_node_first_child(document),
                  cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH
            else { return [] }
            return inlineChildren(of: paragraph)
        }
        guard case .text(let first)? = parsed.first, first.hasPrefix("x") else { return parsed }
        var rest = Array(parsed.dropFirst())
        let remainder = String(first.dropFirst()).drop(while: { $0 == " " })
        if !remainder.isEmpty { rest.insert(.text(String(remainder)), at: 0) }
        return rest
    }

    private static func withDocument<T>(_ markdown: String, _ body: (OpaquePointer) -> T) -> T {
        var text = markdown
        let document: OpaquePointer? = text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parse_document(chars.baseAddress, chars.count, CMARK_OPT_DEFAULT)
            }
        }
        // cmark_parse_document only fails on allocation failure, which aborts inside cmark anyway.
        guard let document else { preconditionFailure("cmark could not allocate a document") }
        defer { cmark_node_free(document) }
        return body(document)
    }

    private static func children(of node: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            result.append(current)
            child = cmark_node_next(current)
        }
        return result
    }

    private static func block(of node: OpaquePointer, wantsInlines: (Int, Int) -> Bool) -> CmarkBlock {
        let startLine = Int(cmark_node_get_start_line(node))
        let startColumn = Int(cmark_node_get_start_column(node))
        let endLine = Int(cmark_node_get_end_line(node))
        let kind: CmarkBlock.Kind
        switch cmark_node_get_type(node) {
        case CMARK_NODE_HEADING:
            kind = .heading(level: Int(cmark_node_get_heading_level(node)), inlines: inlineChildren(of: node))
        case CMARK_NODE_PARAGRAPH:
            kind = .paragraph(inlines: wantsInlines(startLine, endLine) ? inlineChildren(of: node) : [])
        case CMARK_NODE_LIST:
            kind = .list(items: children(of: node).map { item in
                let paragraph = children(of: item).first { cmark_node_get_type($0) == CMARK_NODE_PARAGRAPH }
                return (
                    inlines: paragraph.map { inlineChildren(of: $0) } ?? [],
                    line: Int(cmark_node_get_start_line(item)),
                    column: Int(cmark_node_get_start_column(item))
                )
            })
        case CMARK_NODE_BLOCK_QUOTE:
            kind = .blockQuote(paragraphs: children(of: node).filter { cmark_node_get_type($0) == CMARK_NODE_PARAGRAPH }.map {
                (inlines: inlineChildren(of: $0), line: Int(cmark_node_get_start_line($0)), column: Int(cmark_node_get_start_column($0)))
            })
        case CMARK_NODE_CODE_BLOCK:
            kind = .codeBlock(info: string(cmark_node_get_fence_info(node)), literal: string(cmark_node_get_literal(node)))
        case CMARK_NODE_HTML_BLOCK:
            kind = .html(literal: string(cmark_node_get_literal(node)))
        default:
            kind = .other
        }
        return CmarkBlock(kind: kind, startLine: startLine, startColumn: startColumn, endLine: endLine)
    }

    /// Inline nesting deeper than this (emphasis in emphasis in …) is flattened to its text, so a
    /// hostile cell cannot exhaust the stack.
    static let maximumInlineDepth = 48

    private static func inlineChildren(of node: OpaquePointer, depth: Int = 0) -> [Inline] {
        guard depth < maximumInlineDepth else { return [.text(flattenedText(of: node))] }
        var result: [Inline] = []
        // cmark splits text at delimiters it did not use; neighbours are merged back, collecting
        // the pieces first so a paragraph of 100 000 pieces is not quadratic.
        var pendingText: [String] = []
        func flush() {
            if !pendingText.isEmpty { result.append(.text(pendingText.joined())) }
            pendingText.removeAll()
        }
        for child in children(of: node) {
            let inline = self.inline(of: child, depth: depth + 1)
            if case .text(let text) = inline {
                pendingText.append(text)
            } else {
                flush()
                result.append(inline)
            }
        }
        flush()
        return result
    }

    private static func inline(of node: OpaquePointer, depth: Int) -> Inline {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT: return .text(string(cmark_node_get_literal(node)))
        case CMARK_NODE_CODE: return .code(string(cmark_node_get_literal(node)))
        case CMARK_NODE_EMPH: return .emphasis(inlineChildren(of: node, depth: depth))
        case CMARK_NODE_STRONG: return .strong(inlineChildren(of: node, depth: depth))
        case CMARK_NODE_LINK:
            return .link(destination: string(cmark_node_get_url(node)), children: inlineChildren(of: node, depth: depth))
        case CMARK_NODE_IMAGE:
            return .image(source: string(cmark_node_get_url(node)), children: inlineChildren(of: node, depth: depth))
        case CMARK_NODE_HTML_INLINE: return .html(string(cmark_node_get_literal(node)))
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        default: return .text(string(cmark_node_get_literal(node)))
        }
    }

    /// The text of every leaf below `node`, walked with cmark's iterator (no recursion).
    private static func flattenedText(of node: OpaquePointer) -> String {
        guard let iterator = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iterator) }
        var text = ""
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard let current = cmark_iter_get_node(iterator), cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER else { continue }
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE: text += string(cmark_node_get_literal(current))
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += " "
            default: break
            }
        }
        return text
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        // Invalid UTF-8 becomes U+FFFD rather than failing: pages are user input.
        pointer.map { String(cString: $0) } ?? ""
    }
}
