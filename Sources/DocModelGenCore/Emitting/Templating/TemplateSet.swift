/// Template texts by file name (`model.swift.mustache`), compiled once. The CLI reads the bundled
/// templates and a user's `--templates` folder; emitters only ever see this value.
///
/// A template within `TypedMustacheTemplate`'s subset is compiled and rendered by it; any other,
/// including every template with an error, goes to the `engine` (swift-mustache in the tool, whose
/// errors users see: `DocModelGenMustache`'s `TemplateSet(texts:paths:)`).
public struct TemplateSet: Sendable {
    /// The templates' file names.
    public enum Name {
        public static let swiftModel = "model.swift.mustache"
        public static let swiftEnum = "enum.swift.mustache"
        public static let swiftUnion = "union.swift.mustache"
        public static let swiftSkipped = "skipped.swift.mustache"
        public static let namespace = "namespace.swift.mustache"
        public static let docsPage = "model.md.mustache"
        /// The API client (`SwiftClientEmitter`): the client type, and one operations page's group.
        public static let client = "client.swift.mustache"
        public static let operations = "operations.swift.mustache"
        /// Every template: the one list of names (the bundle, the CLI's loader and `init` read it).
        public static let all = [swiftModel, swiftEnum, swiftUnion, swiftSkipped, namespace, docsPage, client, operations]
    }

    private enum Compiled: Sendable {
        case typed(TypedMustacheTemplate)
        case engine(any CompiledTemplate)
    }

    private let templates: [String: Compiled]

    /// Compiles `texts` (file name → template source). A missing or broken template is an error at
    /// its file (`paths` gives each template's path for diagnostics; by default its name) and, when
    /// the engine says where, its line and column. `typedRendering: false` renders every template
    /// with the engine (tests compare both ways).
    public init(
        texts: [String: String], paths: [String: String] = [:], typedRendering: Bool = true, engine: any TemplateEngine
    ) throws(DiagnosticList) {
        var templates: [String: Compiled] = [:]
        var problems: [Diagnostic] = []
        for name in Name.all {
            let path = paths[name] ?? name
            guard let text = texts[name] else {
                problems.append(.error("template '\(name)' is missing", at: .file(path)))
                continue
            }
            if typedRendering, let typed = TypedMustacheTemplate(text) {
                // The subset parser only accepts what swift-mustache accepts too (tested), so
                // swift-mustache's slower parse is skipped.
                templates[name] = .typed(typed)
                continue
            }
            do {
                templates[name] = .engine(try engine.compile(text, path: path))
            } catch {
                problems.append(contentsOf: error.all)
            }
        }
        guard problems.isEmpty else { throw DiagnosticList(problems) }
        self.templates = templates
    }

    /// Renders `context` with its template.
    func render(_ context: some TemplateContext) -> String {
        let name = context.templateName
        let values = TemplateValue.object(context.templateValues)
        // Names are checked in init, so a missing template here is a programming error.
        switch templates[name] {
        case .typed(let template): return template.render(values)
        case .engine(let template): return template.render(values)
        case nil: preconditionFailure("template \(name) not loaded")
        }
    }

    /// Whether `name` renders through the typed fast path (for tests).
    func isTyped(_ name: String) -> Bool {
        if case .typed = templates[name] { return true }
        return false
    }
}

/// A Mustache engine for the templates outside `TypedMustacheTemplate`'s subset. The tool uses
/// swift-mustache (`DocModelGenMustache.SwiftMustacheEngine`); it is not a dependency of the core,
/// so the core compiles beside it rather than after it.
public protocol TemplateEngine: Sendable {
    /// Compiles `text`; a template that does not parse throws an error at `path` (with its line and
    /// column when the engine knows them).
    func compile(_ text: String, path: String) throws(DiagnosticList) -> any CompiledTemplate
}

/// A template compiled by a `TemplateEngine`.
public protocol CompiledTemplate: Sendable {
    /// The template rendered with `value` as its context.
    func render(_ value: TemplateValue) -> String
}
