/// A page's text and where it sits: the input of the pipeline, read by the CLI or a test.
public struct SourcePage: Sendable, Hashable {
    /// Path relative to the input root, `/`-separated (`components/bodygenimagetovideo.md`).
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

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
    /// A model is a multipart body when a field refers to a file-shaped model, or when its name
    /// (page title or Swift name) is in `multipartModels`.
    public static func build(_ pages: [Page], root: String, multipartModels: Set<String> = []) -> Schema {
        let paths = Set(pages.map(\.path))
        let models = pages.sorted { $0.path < $1.path }.map { page in
            model(of: page) { destination in
                LinkResolver.resolve(destination, from: page.path, root: root).flatMap { paths.contains($0) ? $0 : nil }
            }
        }
        var schema = Schema(models: models)
        for index in schema.models.indices {
            let model = schema.models[index]
            schema.models[index].isMultipartBody = multipartModels.contains(model.name)
                || multipartModels.contains(model.swiftName)
                || model.fields.contains { schema.fileModel(referencedBy: $0.type) != nil }
        }
        return schema
    }

    static func model(of page: Page, resolve: @escaping (String) -> String?) -> Model {
        let stem = page.path.split(separator: "/").last.map { String($0.dropLast(page.path.hasSuffix(".md") ? 3 : 0)) } ?? page.path
        let name = page.title?.text ?? stem
        let titleSection = page.sections.first { $0.heading == page.title && page.title != nil }
        let summaryText = (titleSection?.blocks ?? []).compactMap { block -> String? in
            if case .paragraph(let paragraph) = block { return paragraph.inlines.markdown.trimmingSpaces }
            return nil
        }.filter { !$0.isEmpty }.joined(separator: "\n\n")

        var fieldsTable: FieldsTable?
        var fields: [Field] = []
        if let table = fieldsTableOf(page) {
            fieldsTable = FieldsTable(columns: table.header.map(\.text), location: table.location)
            fields = table.rows.compactMap { row in field(row, header: table.header, resolve: resolve) }
        }
        return Model(
            name: name,
            swiftName: SwiftNaming.typeName(name),
            sourcePath: page.path,
            location: page.title?.location ?? SourceLocation(file: page.path, line: 1, column: 1),
            hasTitle: page.title != nil,
            summary: summaryText.isEmpty ? nil : summaryText,
            fieldsTable: fieldsTable,
            fields: fields)
    }

    private static func fieldsTableOf(_ page: Page) -> Table? {
        page.section(named: "Fields", level: 2)?.blocks.lazy.compactMap { block -> Table? in
            if case .table(let table) = block { return table }
            return nil
        }.first
    }

    private static func field(_ row: TableRow, header: [TableCell], resolve: @escaping (String) -> String?) -> Field? {
        func cell(_ column: String) -> TableCell? {
            header.firstIndex { $0.text == column }.map { row.cells[$0] }
        }
        guard let nameCell = cell(Column.field), let typeCell = cell(Column.type),
              let requiredCell = cell(Column.required)
        else { return nil }
        let wireName = nameCell.inlines.plainText.trimmingSpaces
        let description = cell(Column.description)?.text
        let example = cell(Column.example)?.text
        return Field(
            wireName: wireName,
            swiftName: SwiftNaming.propertyName(wireName),
            type: TypeExpressionParser.parse(typeCell.inlines, resolve: resolve),
            typeText: typeCell.text,
            required: RequiredMarker(cell: requiredCell.text),
            description: description.flatMap { $0.isEmpty || $0 == "N/A" ? nil : $0 },
            example: example.flatMap { $0.isEmpty ? nil : $0 },
            location: nameCell.location,
            typeLocation: typeCell.location,
            requiredLocation: requiredCell.location)
    }
}

/// Lexical link resolution inside the input root. Pure string work: no file system access.
public enum LinkResolver {
    /// The root-relative path `destination` points to from the page at `pagePath`, or nil when it is
    /// a URL, empty, or leaves `root`.
    public static func resolve(_ destination: String, from pagePath: String, root: String) -> String? {
        var target = Substring(destination)
        if let cut = target.firstIndex(where: { $0 == "#" || $0 == "?" }) { target = target[..<cut] }
        guard !target.isEmpty, !target.contains("://"), !target.hasPrefix("mailto:") else { return nil }
        let rootComponents = normalized(root.split(separator: "/").map(String.init))
        var components: [String]
        if target.hasPrefix("/") {
            components = target.split(separator: "/").map(String.init)
        } else {
            components = rootComponents + pagePath.split(separator: "/").dropLast().map(String.init)
                + target.split(separator: "/").map(String.init)
        }
        components = normalized(components)
        guard components.count > rootComponents.count, Array(components.prefix(rootComponents.count)) == rootComponents
        else { return nil }
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
