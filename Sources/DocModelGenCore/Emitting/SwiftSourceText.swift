/// Escaping for text that lands in generated Swift source: nothing a page says can end a comment,
/// a string literal or a line early.
enum SwiftSourceText {
    /// A Swift string literal (with quotes) whose value is exactly `value`.
    static func stringLiteral(_ value: String) -> String {
        if value.utf8.allSatisfy({ isPrintableASCII($0) && $0 != UInt8(ascii: "\\") && $0 != UInt8(ascii: "\"") }) {
            return "\"" + value + "\""
        }
        var result = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\0": result += "\\0"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || isLineSeparator(scalar) {
                    result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// The lines of a `///` comment for `text`: one per source line, control characters replaced so
    /// the comment cannot end before the text does.
    static func docCommentLines(_ text: String) -> [String] {
        // Split on the byte: a line feed is always a grapheme of its own, and the Character view's
        // grapheme breaking was a visible cost.
        lineSafe(text).utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            line.isEmpty ? "" : " " + String(decoding: line, as: UTF8.self)
        }
    }

    /// `text` with every line break folded to `\n` and other control characters (which would
    /// make the compiler warn or end a comment) replaced by spaces.
    static func lineSafe(_ text: String) -> String {
        // Most text is printable ASCII and needs nothing.
        if text.utf8.allSatisfy(isPrintableASCII) { return text }
        var result = ""
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            if scalar == "\n" {
                if !previousWasCR { result += "\n" }
            } else if scalar == "\r" || isLineSeparator(scalar) {
                result += "\n"
            } else if scalar == "\t" {
                result += " "
            } else if scalar.value < 0x20 || scalar.value == 0x7F {
                result += " "
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func isPrintableASCII(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte < 0x7F
    }

    /// `text` on one line: line breaks become spaces.
    static func singleLine(_ text: String) -> String {
        lineSafe(text).replacingAll("\n", with: " ")
    }

    private static func isLineSeparator(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0x85
    }
}

/// Escaping for text that lands in generated markdown tables.
enum MarkdownText {
    /// A table cell: pipes escaped, line breaks as `<br/>`.
    static func tableCell(_ text: String) -> String {
        SwiftSourceText.lineSafe(text).replacingAll("|", with: "\\|").replacingAll("\n", with: "<br/>")
    }

    /// A code span holding `text` verbatim, fenced by more backticks than `text` contains in a row.
    static func codeSpan(_ text: String) -> String {
        let line = SwiftSourceText.singleLine(text).replacingAll("|", with: "\\|")
        var longest = 0, run = 0
        for character in line {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = line.hasPrefix("`") || line.hasSuffix("`") ? " " : ""
        return fence + pad + line + pad + fence
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
