/// An SDK's top-level `README.md`, parsed (`Page`) → `APIOverview`: the table under
/// `## Server Selection` (columns `Name` or `#`, `Server`, optionally `Description` and `Variables`,
/// found by name, in any `###` subsection) and the one under `## Authentication` (`Name`, `Type`,
/// `Scheme`, optionally `Environment Variable`). A README without them has none: servers and
/// security then come from an overlay.
public enum SDKReadmeParser {
    public static func parse(_ page: Page) -> APIOverview {
        APIOverview(
            servers: firstTable(under: "server selection", in: page, having: "Server").map(servers) ?? [],
            securitySchemes: firstTable(under: "authentication", in: page, having: "Scheme").map(securitySchemes) ?? [])
    }

    private static func servers(_ table: Table) -> [Server] {
        let columns = table.columnIndices
        guard let url = columns["Server"] else { return [] }
        return table.rows.enumerated().compactMap { index, row in
            let text = code(row.cells[url])
            guard !text.isEmpty else { return nil }
            let name = columns["Name"].map { code(row.cells[$0]) }.flatMap { $0.isEmpty ? nil : $0 }
            let described = columns["Description"].map { row.cells[$0].inlines.plainText.trimmingSpaces }
            let variables = columns["Variables"].map { row.cells[$0].inlines.plainText.trimmingSpaces }
            return Server(
                name: name, index: index, url: text, description: described.flatMap { $0.isEmpty ? nil : $0 },
                variables: variables.flatMap { $0.isEmpty || $0 == "None" ? nil : $0 }, location: row.cells[url].location)
        }
    }

    private static func securitySchemes(_ table: Table) -> [SecurityScheme] {
        let columns = table.columnIndices
        guard let name = columns["Name"], let type = columns["Type"] else { return [] }
        return table.rows.compactMap { row in
            let argument = code(row.cells[name])
            guard !argument.isEmpty else { return nil }
            let scheme = columns["Scheme"].map { row.cells[$0].inlines.plainText.trimmingSpaces }
            let variable = columns["Environment Variable"].map { code(row.cells[$0]) }
            return SecurityScheme(
                name: argument, type: row.cells[type].inlines.plainText.trimmingSpaces, scheme: scheme.flatMap { $0.isEmpty ? nil : $0 },
                environmentVariable: variable.flatMap { $0.isEmpty ? nil : $0 }, location: row.cells[name].location)
        }
    }

    /// The first table with a `column` header in a `##` section `name` or its subsections (a README
    /// may have several sections of one name: airbyte's first `## Authentication` is prose only).
    private static func firstTable(under name: String, in page: Page, having column: String) -> Table? {
        var inside = false
        for section in page.sections {
            if let heading = section.heading, heading.level <= 2 { inside = heading.level == 2 && heading.text.lowercased() == name }
            guard inside else { continue }
            for case .table(let table) in section.blocks where table.header.contains(where: { $0.text == column }) { return table }
        }
        return nil
    }

    /// A cell's text without its code span markup (`` `production` `` → `production`).
    private static func code(_ cell: TableCell) -> String {
        cell.inlines.plainText.trimmingSpaces
    }
}
