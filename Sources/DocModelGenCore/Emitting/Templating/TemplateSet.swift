import Mustache

/// Template texts by file name (`model.swift.mustache`), compiled once. The CLI reads the bundled
/// templates and a user's `--templates` folder; emitters only ever see this value.
///
/// A template within `TypedMustacheTemplate`'s subset is compiled and rendered by it; any other,
/// including every template with an error, goes to swift-mustache (whose errors users see).
public struct TemplateSet: Sendable {
    /// The templates' file names.
    public enum Name {
        public static let swiftModel = "model.swift.mustache"
        public static let swiftEnum = "enum.swift.mustache"
        public static let swiftUnion = "union.swift.mustache"
        public static let swiftSkipped = "skipped.swift.mustache"
        public static let namespace = "namespace.swift.mustache"
        public static let docsPage = "model.md.mustache"
        /// Every template: the one list of names (the bundle, the CLI's loader and `init` read it).
        public static let all = [swiftModel, swiftEnum, swiftUnion, swiftSkipped, namespace, docsPage]
    }

    /// A template that did not compile, or a template that is missing.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var fileName: String
        public var message: String
        public var description: String { "\(fileName): error: \(message)" }
    }

    private enum Compiled: Sendable {
        case typed(TypedMustacheTemplate)
        case mustache(MustacheTemplate)
    }

    private let templates: [String: Compiled]

    /// Compiles `texts` (file name → template source). `typedRendering: false` renders every
    /// template with swift-mustache (tests compare both ways).
    public init(texts: [String: String], typedRendering: Bool = true) throws(Failure) {
        var templates: [String: Compiled] = [:]
        for name in Name.all {
            guard let text = texts[name] else {
                throw Failure(fileName: name, message: "template '\(name)' is missing")
            }
            if typedRendering, let typed = TypedMustacheTemplate(text) {
                // The subset parser only accepts what swift-mustache accepts too (tested), so
                // swift-mustache's slower parse is skipped.
                templates[name] = .typed(typed)
                continue
            }
            do {
                templates[name] = .mustache(try MustacheTemplate(string: text))
            } catch {
                throw Failure(fileName: name, message: "template does not parse: \(error)")
            }
        }
        self.templates = templates
    }

    /// Renders `context` with its template.
    func render(_ context: some TemplateContext) -> String {
        let name = context.templateName
        let values = TemplateValue.object(context.templateValues)
        // Names are checked in init, so a missing template here is a programming error.
        switch templates[name] {
        case .typed(let template): return template.render(values)
        case .mustache(let template): return template.render(values.anyValue)
        case nil: preconditionFailure("template \(name) not loaded")
        }
    }

    /// Whether `name` renders through the typed fast path (for tests).
    func isTyped(_ name: String) -> Bool {
        if case .typed = templates[name] { return true }
        return false
    }
}
