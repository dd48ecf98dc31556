/// `docs/sdks/<group>/README.md`, parsed (`Page`) → `OperationGroup`.
///
/// The page, as every Speakeasy Python generator writes it: `# Title`, a paragraph `(*accessor*)`
/// (`(*customer_portal.downloadables*)` for a nested group), an "Available Operations" list
/// (`* [list](#list) - List Checkout Sessions`), then one `## name` section per operation with its
/// description, `### Example Usage` (newer generators put `<!-- UsageSnippet … method="get"
/// path="/v1/…" -->` above the code), `### Parameters` (`Parameter | Type | Required | Description`,
/// optionally `Example`), `### Response` (`**[models.X](…)**`) and `### Errors`
/// (`Error Type` or `Error Object` | `Status Code` | `Content Type`). Type cells use the model
/// pages' grammar and resolve through the same links and names.
///
/// An operation that cannot be understood (a Parameters table without its columns, a Required
/// cell that is neither marker) is left out with a located warning; the rest of the page stands.
public enum OperationPageParser {
    /// The group on `page` and the diagnostics of reading it. `resolver` resolves the page's links
    /// and names into the model pages, as for a model page.
    public static func parse(_ page: Page, resolver: TypeExpressionParser.Resolver) -> (group: OperationGroup, diagnostics: [Diagnostic]) {
        let titleLocation = page.title?.location ?? SourceLocation(file: page.path, line: 1, column: 1)
        let title = page.title?.text ?? ""
        var diagnostics: [Diagnostic] = []
        if page.title == nil {
            diagnostics.append(.warning("operations page has no '# Title' heading", at: titleLocation))
        }
        let accessor = accessorPath(in: page) ?? snakeCaseWords(title)
        let summaries = self.summaries(in: page)
        var operations: [Operation] = []
        let sections = page.sections
        var index = 0
        while index < sections.count {
            let section = sections[index]
            guard let heading = section.heading, heading.level == 2, heading.text.lowercased() != "overview" else {
                index += 1
                continue
            }
            var end = index + 1
            while end < sections.count, (sections[end].heading?.level ?? 3) > 2 { end += 1 }
            switch operation(named: heading.text, heading: heading, body: sections[index..<end], summary: summaries[heading.text], resolver: resolver) {
            case .success(let operation): operations.append(operation)
            case .failure(let problem): diagnostics.append(problem.diagnostic)
            }
            index = end
        }
        return (OperationGroup(
            title: title, accessor: accessor, sourcePath: page.path, operations: operations, sdkClassName: sdkClassName(in: page),
            location: titleLocation), diagnostics)
    }

    /// The keyword arguments of the SDK class's construction in the first Python example of
    /// `blocks` (`with Polar(access_token="…") as polar:` → `["access_token"]`); nil when none.
    /// Whether the example pages through the results as the README's Pagination section shows:
    /// a loop that calls `next()` on the response (`while res is not None: … res = res.next()`).
    static func examplePages(_ blocks: [Block]) -> Bool {
        blocks.contains { block in
            guard case .codeBlock(let code) = block, code.info.hasPrefix("python") else { return false }
            let lines = code.literal.split(separator: "\n").map { $0.filter { !$0.isWhitespace } }
            return lines.contains { $0.hasPrefix("while") && $0.hasSuffix("isnotNone:") } && lines.contains { $0.hasSuffix(".next()") }
        }
    }

    static func constructorArguments(in blocks: [Block]) -> [String]? {
        for case .codeBlock(let code) in blocks where code.info.hasPrefix("python") {
            guard let name = importedClass(in: code.literal), let start = code.literal.range(of: name + "(") else { continue }
            var depth = 1, names: [String] = [], current = "", inString: Character? = nil
            for character in code.literal[start.upperBound...] {
                if let quote = inString {
                    if character == quote { inString = nil }
                    continue
                }
                switch character {
                case "\"", "'": inString = character
                case "(", "[", "{": depth += 1
                case ")", "]", "}":
                    depth -= 1
                    if depth == 0 { return names }
                case "=" where depth == 1:
                    let argument = current.trimmingSpaces
                    if !argument.isEmpty, argument.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) { names.append(argument) }
                    current = ""
                case "," where depth == 1: current = ""
                default: if depth == 1 { current.append(character) }
                }
            }
            return names
        }
        return nil
    }

    /// The first imported name the code constructs (`from polar_sdk import Polar` … `Polar(`).
    static func importedClass(in code: String) -> String? {
        var imported: [String] = []
        for line in code.split(separator: "\n") {
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            if words.count >= 4, words[0] == "from", words[2] == "import" {
                imported += words[3...].joined(separator: " ").split(separator: ",").map { String($0).trimmingSpaces }
            }
        }
        return imported.first { name in
            !name.isEmpty && name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) && code.contains(name + "(")
        }
    }

    /// The class the page's first Python example imports and constructs (`from polar_sdk import
    /// Polar` then `Polar(`): the SDK's client.
    static func sdkClassName(in page: Page) -> String? {
        for section in page.sections {
            for case .codeBlock(let code) in section.blocks where code.info.hasPrefix("python") {
                if let name = importedClass(in: code.literal) { return name }
            }
        }
        return nil
    }

    struct Problem: Error {
        var diagnostic: Diagnostic
    }

    private static func operation(
        named name: String, heading: Heading, body: ArraySlice<Section>, summary: String?, resolver: TypeExpressionParser.Resolver
    ) -> Result<Operation, Problem> {
        let own = body.first?.blocks ?? []
        let paragraphs = own.compactMap { block -> String? in
            if case .paragraph(let paragraph) = block { return paragraph.inlines.plainText.trimmingSpaces }
            return nil
        }.filter { !$0.isEmpty }
        func leftOut(_ problem: Problem) -> Problem {
            Problem(diagnostic: .warning(
                "operation '\(name)' is left out: \(problem.diagnostic.message)", at: problem.diagnostic.location ?? heading.location))
        }
        var operation = Operation(
            name: name, summary: summary, description: paragraphs.isEmpty ? nil : paragraphs.joined(separator: "\n\n"),
            usage: nil, parameters: [], response: nil, responseText: nil, errors: [], location: heading.location)
        for section in body.dropFirst() {
            guard let subheading = section.heading else { continue }
            let kind = subheading.text.lowercased()
            if kind.hasPrefix("example usage") {
                if operation.usage == nil { operation.usage = usageSnippet(in: section.blocks) }
                if operation.exampleClientArguments == nil { operation.exampleClientArguments = constructorArguments(in: section.blocks) }
                if examplePages(section.blocks) { operation.examplePages = true }
            } else if kind == "parameters" {
                guard let table = firstTable(section.blocks) else { continue }
                switch parameters(table, resolver: resolver) {
                case .success(let parameters): operation.parameters = parameters
                case .failure(let problem): return .failure(leftOut(problem))
                }
            } else if kind == "response" {
                for case .paragraph(let paragraph) in section.blocks {
                    let inlines = withoutEmptyLinks(paragraph.inlines)
                    let text = inlines.plainText.trimmingSpaces
                    guard !text.isEmpty else { continue }
                    operation.response = TypeExpressionParser.parse(inlines, resolver: resolver)
                    operation.responseText = text
                    operation.streamEvent = TypeExpressionParser.streamElement(inlines, resolver: resolver)
                    break
                }
            } else if kind == "errors" {
                guard let table = firstTable(section.blocks) else { continue }
                switch errors(table, resolver: resolver) {
                case .success(let errors): operation.errors = errors
                case .failure(let problem): return .failure(leftOut(problem))
                }
            }
        }
        return .success(operation)
    }

    private static func parameters(_ table: Table, resolver: TypeExpressionParser.Resolver) -> Result<[OperationParameter], Problem> {
        let columns = table.columnIndices
        guard let name = columns["Parameter"], let type = columns["Type"], let required = columns["Required"] else {
            return .failure(Problem(diagnostic: .warning(
                "its Parameters table has no 'Parameter', 'Type' and 'Required' columns (found: \(table.header.map(\.text).joined(separator: ", ")))",
                at: table.location)))
        }
        let description = columns["Description"]
        var parameters: [OperationParameter] = []
        for row in table.rows {
            let requiredCell = row.cells[required]
            let marker = RequiredMarker(cell: requiredCell.text)
            if case .invalid(let text) = marker {
                return .failure(Problem(diagnostic: .warning(
                    "Required cell must be ':heavy_check_mark:' or ':heavy_minus_sign:', found '\(text)'", at: requiredCell.location)))
            }
            let typeCell = row.cells[type]
            let text = description.map { row.cells[$0].text } ?? ""
            parameters.append(OperationParameter(
                name: row.cells[name].inlines.plainText.trimmingSpaces,
                type: TypeExpressionParser.parse(withoutEmptyLinks(typeCell.inlines), resolver: resolver),
                typeText: typeCell.text, required: marker,
                description: text.isEmpty || text == "N/A" ? nil : text,
                location: row.cells[name].location, typeLocation: typeCell.location))
        }
        return .success(parameters)
    }

    private static func errors(_ table: Table, resolver: TypeExpressionParser.Resolver) -> Result<[OperationError], Problem> {
        let columns = table.columnIndices
        guard let type = columns["Error Type"] ?? columns["Error Object"], let status = columns["Status Code"] else {
            return .failure(Problem(diagnostic: .warning(
                "its Errors table has no 'Error Type' and 'Status Code' columns (found: \(table.header.map(\.text).joined(separator: ", ")))",
                at: table.location)))
        }
        let content = columns["Content Type"]
        return .success(table.rows.map { row in
            let typeCell = row.cells[type]
            let typeText = typeCell.inlines.plainText.trimmingSpaces
            let codes = row.cells[status].inlines.plainText.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
            let contentType = content.map { row.cells[$0].inlines.plainText.trimmingSpaces }
            return OperationError(
                typeText: typeText, type: TypeExpressionParser.parse(source: typeText, resolver: resolver), statusCodes: codes,
                contentType: contentType.flatMap { $0.isEmpty ? nil : $0 }, location: typeCell.location)
        })
    }

    /// The attributes of the first `<!-- UsageSnippet … -->` comment in `blocks`.
    static func usageSnippet(in blocks: [Block]) -> UsageSnippet? {
        for case .html(let html) in blocks {
            let text = html.literal.trimmingSpaces
            guard text.hasPrefix("<!--"), String(text.dropFirst(4)).trimmingSpaces.hasPrefix("UsageSnippet") else { continue }
            let attributes = self.attributes(of: text)
            return UsageSnippet(operationID: attributes["operationID"], method: attributes["method"], path: attributes["path"], location: html.location)
        }
        return nil
    }

    /// `name="value"` pairs of an HTML comment; a value runs to its closing quote.
    static func attributes(of text: String) -> [String: String] {
        var attributes: [String: String] = [:]
        var rest = Substring(text)
        while let equals = rest.range(of: "=\"") {
            let name = rest[..<equals.lowerBound].reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
            let valueStart = equals.upperBound
            guard let close = rest[valueStart...].firstIndex(of: "\"") else { break }
            let key = String(name.reversed())
            if !key.isEmpty, attributes[key] == nil { attributes[key] = String(rest[valueStart..<close]) }
            rest = rest[rest.index(after: close)...]
        }
        return attributes
    }

    /// `(*customer_portal.downloadables*)`, the paragraph under the title, as its components.
    static func accessorPath(in page: Page) -> [String]? {
        for section in page.sections.prefix(2) {
            for case .paragraph(let paragraph) in section.blocks {
                let text = paragraph.inlines.plainText.trimmingSpaces
                guard text.count > 2, text.hasPrefix("("), text.hasSuffix(")") else { continue }
                let path = text.dropFirst().dropLast().split(separator: ".").map { String($0).trimmingSpaces }
                guard !path.isEmpty, path.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } }) else { continue }
                return path
            }
        }
        return nil
    }

    /// The "Available Operations" list: operation name → summary.
    static func summaries(in page: Page) -> [String: String] {
        var summaries: [String: String] = [:]
        for section in page.sections where section.heading?.text.lowercased() == "available operations" {
            for case .list(let list) in section.blocks {
                for item in list.items {
                    let text = item.inlines.plainText.trimmingSpaces
                    guard let dash = text.range(of: " - ") else { continue }
                    let name = String(text[..<dash.lowerBound]).trimmingSpaces
                    let summary = String(text[dash.upperBound...]).trimmingSpaces
                    if !name.isEmpty, !summary.isEmpty, summaries[name] == nil { summaries[name] = summary }
                }
            }
        }
        return summaries
    }

    /// `Customer Portal` → `["customer_portal"]`.
    /// The accessor path a title without `(*accessor*)` stands for: a dot between nested groups
    /// (friendli's `# Serverless.ChatRender` is the SDK's `serverless.chat_render`), and in each
    /// part the words (split at spaces, punctuation and lower-to-upper case changes) in snake case.
    static func snakeCaseWords(_ title: String) -> [String] {
        title.split(separator: ".").compactMap { part -> String? in
            let words = NameWords.split(part)
            return words.isEmpty ? nil : words.joined(separator: "_")
        }
    }

    /// Links to `…/.md` (a page with no name: the generators' link for `Any`, `str`, `List[…]`) are
    /// not links to a page: their text is read as if unlinked.
    static func withoutEmptyLinks(_ inlines: [Inline]) -> [Inline] {
        inlines.flatMap { inline -> [Inline] in
            switch inline {
            case .link(let destination, let children) where destination == ".md" || destination.hasSuffix("/.md"):
                return withoutEmptyLinks(children)
            case .link(let destination, let children): return [.link(destination: destination, children: withoutEmptyLinks(children))]
            case .strong(let children): return withoutEmptyLinks(children)
            case .emphasis(let children): return [.emphasis(withoutEmptyLinks(children))]
            default: return [inline]
            }
        }
    }

    private static func firstTable(_ blocks: [Block]) -> Table? {
        for case .table(let table) in blocks { return table }
        return nil
    }
}
