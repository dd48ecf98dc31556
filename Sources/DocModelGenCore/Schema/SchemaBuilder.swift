/// Parsed pages → `Schema`. Total: it records what each page says (including what is wrong with
/// it) and leaves every judgement to the `Validator`.
public enum SchemaBuilder {
    /// The column names a Fields table is read by.
    public enum Column {
        public static let field = "Field"
        public static let type = "Type"
        public static let required = "Required"
        public static let description = "Description"
        public static let example = "Example"
    }

    /// Builds the schema of `pages`. `root` is the absolute input root; links are resolved
    /// lexically against it, so a link may climb out of a page's folder and back in
    /// (`../../models/components/x.md`) but never out of the root.
    ///
    /// A model is a multipart body when a field refers to a file-shaped model (`Schema.markingMultipart`
    /// adds the models a user names).
    public static func build(_ pages: [Page], root: String) -> Schema {
        let sorted = pages.sorted { $0.path < $1.path }
        return build(
            sorted, paths: sorted.map(\.path), titles: sorted.map { $0.title?.text }, root: root,
            page: { $0 })
    }

    /// Parses and builds `sources`, one page at a time: each parsed page becomes its model and is
    /// dropped, so a 20 000-page tree never holds 20 000 page trees (most of the memory a run used).
    /// Titles, which name lookups across pages need, are read in a first, cheaper pass.
    public static func build(sources: [SourcePage], root: String) -> Schema {
        let sorted = sources.sorted { $0.path < $1.path }
        return build(
            sorted, paths: sorted.map(\.path), titles: sorted.parallelMap { PageParser.title(of: $0.text) }, root: root,
            page: { PageParser.parse($0.text, path: $0.path) })
    }

    /// The operation groups of `sdkPages`, the `docs/sdks/<group>/README.md` pages, whose paths are
    /// relative to the models root `root` (`../sdks/checkouts/README.md` beside `docs/models`): their
    /// type cells resolve into the model pages of `models` by link and by name, as a model page's do.
    /// Groups come in path order; the diagnostics are those of reading each page.
    public static func operationGroups(of sdkPages: [SourcePage], models: Schema, root: String) -> (groups: [OperationGroup], diagnostics: [Diagnostic]) {
        let paths = models.models.map(\.sourcePath)
        let known = Set(paths)
        // The index a model page's names resolve through: titles where the page has one.
        let names = ModelNameIndex(
            paths: paths, titles: models.models.map { $0.hasTitle ? $0.name : nil },
            rootFolderName: root.split(separator: "/").last.map(String.init))
        let links = LinkResolver(root: root)
        // Real operations pages link some models one folder off (polar's `../../x.md` for
        // `../../models/x.md`): the file name still names the page when exactly one page has it.
        let byFileName = Dictionary(grouping: paths, by: { $0.split(separator: "/").last.map(String.init) ?? $0 })
        let read = sdkPages.sorted { $0.path < $1.path }.parallelMap { source in
            let page = PageParser.parse(source.text, path: source.path)
            let resolver = resolver(forPageAt: page.path, known: known, names: names, links: links) { destination in
                guard let file = destination.split(separator: "/").last.map(String.init), file != ".md",
                      let candidates = byFileName[file], candidates.count == 1
                else { return nil }
                return candidates[0]
            }
            return OperationPageParser.parse(page, resolver: resolver)
        }
        return (read.map(\.group), read.flatMap(\.diagnostics))
    }

    /// How the page at `path` finds its links (among `known` pages, else through `fallback`) and
    /// the models it names without a link.
    private static func resolver(
        forPageAt path: String, known: Set<String>, names: ModelNameIndex, links: LinkResolver,
        fallback: @escaping @Sendable (String) -> String? = { _ in nil }
    ) -> TypeExpressionParser.Resolver {
        TypeExpressionParser.Resolver(
            link: { destination in
                if let target = links.resolve(destination, from: path), known.contains(target) { return target }
                return fallback(destination)
            },
            name: { names.lookup($0, from: path) },
            isModelNamespace: { names.isModelNamespace($0) })
    }

    /// `inputs`, `paths` and `titles` are parallel and sorted by path; `page` turns an input into
    /// its parsed page.
    private static func build<Input: Sendable>(
        _ inputs: [Input], paths: [String], titles: [String?], root: String,
        page parsedPage: @Sendable (Input) -> Page
    ) -> Schema {
        let known = Set(paths)
        let names = ModelNameIndex(paths: paths, titles: titles, rootFolderName: root.split(separator: "/").last.map(String.init))
        let links = LinkResolver(root: root)
        let models = inputs.parallelMap { input in
            let page = parsedPage(input)
            return model(of: page, resolver: resolver(forPageAt: page.path, known: known, names: names, links: links))
        }
        var schema = Schema(models: models)
        for index in schema.models.indices {
            schema.models[index].isMultipartBody = schema.models[index].fields.contains { field in
                if schema.fileModel(referencedBy: field.type) != nil { return true }
                if case .list(let element) = field.type.unwrappingWrappers { return schema.fileModel(referencedBy: element) != nil }
                return false
            }
        }
        return schema
    }

    static func model(of page: Page, resolver: TypeExpressionParser.Resolver) -> Model {
        let components = page.path.split(separator: "/")
        let namespace = components.count >= 2 ? String(components[components.count - 2]) : nil
        let stem = components.last.map { String($0.dropLast(page.path.hasSuffix(".md") ? 3 : 0)) } ?? page.path
        let name = page.title?.text ?? stem
        let titleSection = page.sections.first { $0.heading == page.title && page.title != nil }
        let summaryText = (titleSection?.blocks ?? []).compactMap { block -> String? in
            if case .paragraph(let paragraph) = block { return paragraph.inlines.markdown.trimmingSpaces }
            return nil
        }.filter { !$0.isEmpty }.joined(separator: "\n\n")

        var model = Model(
            name: name,
            sourcePath: page.path,
            namespace: namespace,
            location: page.title?.location ?? SourceLocation(file: page.path, line: 1, column: 1),
            hasTitle: page.title != nil,
            summary: summaryText.isEmpty ? nil : summaryText,
            kind: kind(of: page, namespace: namespace, resolver: resolver))
        model.deprecation = deprecation(in: titleSection?.blocks ?? [])
        return model
    }

    /// The message of a deprecated page, from the paragraph or quote under its title that says so:
    /// `> :warning: **DEPRECATED**: …` (older generators) or `**Deprecated**: Use X instead.` (newer).
    static func deprecation(in blocks: [Block]) -> String? {
        let paragraphs = blocks.flatMap { block -> [Paragraph] in
            switch block {
            case .paragraph(let paragraph): return [paragraph]
            case .blockQuote(let paragraphs): return paragraphs
            default: return []
            }
        }
        for paragraph in paragraphs {
            var text = paragraph.inlines.plainText.trimmingSpaces
            for prefix in [":warning:", "⚠️"] where text.hasPrefix(prefix) {
                text = String(text.dropFirst(prefix.count)).trimmingSpaces
            }
            guard text.lowercased().hasPrefix("deprecated") else { continue }
            var rest = Substring(text.dropFirst("deprecated".count))
            // `Deprecated: …` or `DEPRECATED` alone, not a sentence that starts with the word.
            guard rest.isEmpty || rest.first == ":" else { continue }
            while let first = rest.first, first == ":" || first == " " || first == "." || first == "-" { rest = rest.dropFirst() }
            return rest.isEmpty ? "Deprecated in the API's docs." : String(rest)
        }
        return nil
    }

    /// Which construct the page is: decided by its sections, in this order.
    private static func kind(of page: Page, namespace: String?, resolver: TypeExpressionParser.Resolver) -> ModelKind {
        if namespace == "utils" {
            return .skipped(reason: "it documents an SDK utility (a page in utils/), not a wire model")
        }
        if let fields = page.section(named: "Fields", level: 2) {
            return .object(objectModel(fields, resolver: resolver))
        }
        if let values = page.section(named: "Values", level: 2) {
            return .enumeration(enumModel(values, page: page))
        }
        if let index = page.sections.firstIndex(where: { $0.heading?.level == 2 && $0.heading?.text == "Supported Types" }) {
            return .union(unionModel(page.sections[(index + 1)...].prefix { ($0.heading?.level ?? 3) > 2 }, resolver: resolver))
        }
        return .object(ObjectModel(fieldsTable: nil, fields: []))
    }

    private static func firstTable(_ section: Section) -> Table? {
        section.blocks.lazy.compactMap { block -> Table? in
            if case .table(let table) = block { return table }
            return nil
        }.first
    }

    private static func objectModel(_ section: Section, resolver: TypeExpressionParser.Resolver) -> ObjectModel {
        guard let table = firstTable(section) else { return ObjectModel(fieldsTable: nil, fields: []) }
        return ObjectModel(
            fieldsTable: FieldsTable(columns: table.header.map(\.text), location: table.location),
            fields: {
                let columns = FieldColumns(header: table.header)
                // Sized once: a schema holds every field of every page, and `compactMap` would
                // leave each array up to half empty.
                var fields: [Field] = []
                fields.reserveCapacity(table.rows.count)
                for row in table.rows {
                    if let field = field(row, columns: columns, resolver: resolver) { fields.append(field) }
                }
                return fields
            }(),
            omittedFields: table.omittedRows)
    }

    private static func enumModel(_ section: Section, page: Page) -> EnumModel {
        let isOpen = page.proseParagraphs.contains { $0.inlines.plainText.lowercased().contains("open enum") }
        var cases: [EnumCase] = []
        var omitted: Int?
        var location = section.heading?.location ?? SourceLocation(file: page.path, line: 1, column: 1)
        for block in section.blocks {
            switch block {
            case .table(let table) where cases.isEmpty:
                location = table.location
                omitted = table.omittedRows
                let nameColumn = table.header.firstIndex { $0.text == "Name" }
                let valueColumn = table.header.firstIndex { $0.text == "Value" } ?? nameColumn
                guard let valueColumn else { continue }
                for row in table.rows {
                    let value = row.cells[valueColumn].inlines.plainText.trimmingSpaces
                    let name = nameColumn.map { row.cells[$0].inlines.plainText.trimmingSpaces } ?? value
                    cases.append(EnumCase(
                        name: name, value: value,
                        location: row.cells[valueColumn].location))
                }
            case .list(let list) where cases.isEmpty:
                location = list.location
                for item in list.items {
                    let value = Self.unquotedPythonString(item.inlines.plainText.trimmingSpaces)
                    cases.append(EnumCase(name: value, value: value, location: item.location))
                }
            default:
                continue
            }
        }
        return EnumModel(isOpen: isOpen, cases: cases, omittedCases: omitted, location: location)
    }

    /// A value listed as a Python string literal (`"transcript.text.delta"`, the newest generator's
    /// `Literal[…]` pages) without its quotes and escapes; anything else as written.
    static func unquotedPythonString(_ text: String) -> String {
        guard text.count >= 2, let quote = text.first, quote == "\"" || quote == "'", text.last == quote else { return text }
        var value = ""
        var escaped = false
        for character in text.dropFirst().dropLast() {
            if escaped {
                switch character {
                case "n": value.append("\n")
                case "t": value.append("\t")
                case "r": value.append("\r")
                default: value.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                value.append(character)
            }
        }
        if escaped { value.append("\\") }
        return value
    }

    private static func unionModel(_ sections: ArraySlice<Section>, resolver: TypeExpressionParser.Resolver) -> UnionModel {
        UnionModel(members: sections.compactMap { section -> UnionMember? in
            guard let heading = section.heading, heading.level == 3 else { return nil }
            // An empty heading (seen in real trees): the member's example declaration,
            // `name: shared.X = /* values here */`, names its type.
            if heading.text.isEmpty, let declared = declaredType(in: section) {
                return UnionMember(
                    typeText: declared, type: TypeExpressionParser.parse([.text(declared)], resolver: resolver),
                    location: heading.location)
            }
            let type = TypeExpressionParser.parse(heading.inlines, resolver: resolver)
            return UnionMember(
                typeText: heading.text, type: type, location: heading.location)
        })
    }

    /// `T` in the first code block's first line `name: T = …`, if it has that shape.
    private static func declaredType(in section: Section) -> String? {
        for case .codeBlock(let block) in section.blocks {
            let line = block.literal.split(separator: "\n", maxSplits: 1).first ?? ""
            guard let colon = line.firstIndex(of: ":"), let equals = line.range(of: " = ")?.lowerBound, colon < equals else { return nil }
            let type = line[line.index(after: colon)..<equals].trimmingCharacters(in: .whitespaces)
            return type.isEmpty ? nil : type
        }
        return nil
    }

    /// Where a Fields table keeps each column, found once per table rather than once per cell.
    private struct FieldColumns {
        var field, type, required, description, example: Int?

        init(header: [TableCell]) {
            func index(_ column: String) -> Int? { header.firstIndex { $0.text == column } }
            field = index(Column.field)
            type = index(Column.type)
            required = index(Column.required)
            description = index(Column.description)
            example = index(Column.example)
        }
    }

    private static func field(_ row: TableRow, columns: FieldColumns, resolver: TypeExpressionParser.Resolver) -> Field? {
        func cell(_ column: Int?) -> TableCell? { column.map { row.cells[$0] } }
        guard let nameCell = cell(columns.field), let typeCell = cell(columns.type),
              let requiredCell = cell(columns.required)
        else { return nil }
        let name = FieldName(cell: nameCell.inlines.plainText.trimmingSpaces)
        let description = cell(columns.description)?.text
        let example = cell(columns.example)?.text
        var field = Field(
            wireName: name.wireName,
            type: TypeExpressionParser.parse(source: typeCell.text, resolver: resolver),
            typeText: typeCell.text,
            required: RequiredMarker(cell: requiredCell.text),
            description: description.flatMap { $0.isEmpty || $0 == "N/A" ? nil : $0 },
            example: example.flatMap { $0.isEmpty ? nil : $0 },
            location: nameCell.location,
            typeLocation: typeCell.location,
            requiredLocation: requiredCell.location)
        if name.isDeprecated || (description?.hasPrefix(": warning: ** DEPRECATED **") ?? false) { field.isDeprecated = true }
        return field
    }
}

/// A Field cell read as the wire name it stands for. Speakeasy's Python docs show the Python
/// attribute name: a keyword, builtin or imported name gets a trailing `_` (`filter_`, `in_`,
/// `from_`) while the wire keeps the plain name (polar-sdk: `pydantic.Field(alias="filter")`;
/// airbyte-api: `letter_case: utils.get_field_name('in')`). A deprecated field is struck through:
/// `` ~~`about`~~ `` (cmark 0.30 reads `~~` as text).
struct FieldName {
    var wireName: String
    var isDeprecated: Bool

    init(cell: String) {
        var name = cell
        isDeprecated = name.count > 4 && name.hasPrefix("~~") && name.hasSuffix("~~")
        if isDeprecated { name = String(name.dropFirst(2).dropLast(2)).trimmingSpaces }
        if name.hasSuffix("_"), !name.hasSuffix("__"), Self.escapedNames.contains(String(name.dropLast())) {
            name.removeLast()
        }
        wireName = name
    }

    /// What the generator escapes: Python's keywords, its builtins, and the names an SDK module
    /// imports (`date`, `datetime`, `decimal`, …), which a field would shadow.
    static let escapedNames: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
        "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
        "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
        "match", "case", "type",
        "abs", "all", "any", "ascii", "bin", "bool", "breakpoint", "bytearray", "bytes", "callable", "chr",
        "classmethod", "compile", "complex", "delattr", "dict", "dir", "divmod", "enumerate", "eval", "exec",
        "filter", "float", "format", "frozenset", "getattr", "globals", "hasattr", "hash", "help", "hex", "id",
        "input", "int", "isinstance", "issubclass", "iter", "len", "list", "locals", "map", "max", "memoryview",
        "min", "next", "object", "oct", "open", "ord", "pow", "print", "property", "range", "repr", "reversed",
        "round", "set", "setattr", "slice", "sorted", "staticmethod", "str", "sum", "super", "tuple", "type",
        "vars", "zip",
        "date", "datetime", "time", "decimal", "typing", "json", "io", "enum",
    ]
}

/// Lexical link resolution inside the input root. Pure string work: no file system access.
public struct LinkResolver: Sendable {
    private let rootComponents: [String]

    /// A resolver for links inside `root` (an absolute folder); its components are split once.
    public init(root: String) {
        rootComponents = Self.normalized(root.split(separator: "/").map(String.init))
    }

    /// The root-relative path `destination` points to from the page at `pagePath`, or nil when it is
    /// a URL, empty, or leaves `root`.
    public static func resolve(_ destination: String, from pagePath: String, root: String) -> String? {
        LinkResolver(root: root).resolve(destination, from: pagePath)
    }

    /// The root-relative path `destination` points to from the page at `pagePath` (root-relative).
    public func resolve(_ destination: String, from pagePath: String) -> String? {
        var target = Substring(destination)
        if let cut = target.firstIndex(where: { $0 == "#" || $0 == "?" }) { target = target[..<cut] }
        guard !target.isEmpty, !target.containsSchemeSeparator, !target.hasPrefix("mailto:") else { return nil }
        let components = Self.normalized(
            target.hasPrefix("/")
                ? target.split(separator: "/").map(String.init)
                : rootComponents + pagePath.split(separator: "/").dropLast().map(String.init)
                    + target.split(separator: "/").map(String.init))
        guard components.count > rootComponents.count, components.starts(with: rootComponents) else { return nil }
        return components.dropFirst(rootComponents.count).joined(separator: "/")
    }

    private static func normalized(_ components: [String]) -> [String] {
        var result: [String] = []
        for component in components {
            switch component {
            case "", ".": continue
            case "..": if !result.isEmpty { result.removeLast() }
            default: result.append(component)
            }
        }
        return result
    }
}

extension StringProtocol {
    /// Whether `://` occurs (a URL rather than a page path). A byte scan: Foundation's `contains`
    /// showed in profiles of every type cell.
    var containsSchemeSeparator: Bool {
        var matched = 0
        for byte in utf8 {
            switch (matched, byte) {
            case (_, UInt8(ascii: ":")): matched = 1
            case (1, UInt8(ascii: "/")): matched = 2
            case (2, UInt8(ascii: "/")): return true
            default: matched = 0
            }
        }
        return false
    }
}
