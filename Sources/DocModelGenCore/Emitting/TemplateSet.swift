import Mustache

/// Template texts by file name (`model.swift.mustache`), compiled once. The CLI reads the bundled
/// templates and a user's `--templates` folder; emitters only ever see this value.
public struct TemplateSet: Sendable {
    /// The file names every emitter needs.
    public enum Name {
        public static let swiftModel = "model.swift.mustache"
        public static let swiftEnum = "enum.swift.mustache"
        public static let swiftUnion = "union.swift.mustache"
        public static let swiftSkipped = "skipped.swift.mustache"
        public static let docsPage = "model.md.mustache"
        public static let all = [swiftModel, swiftEnum, swiftUnion, swiftSkipped, docsPage]
    }

    /// A template that did not compile, or a template that is missing.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var fileName: String
        public var message: String
        public var description: String { "\(fileName): error: \(message)" }
    }

    private let templates: [String: MustacheTemplate]

    /// Compiles `texts` (file name → template source).
    public init(texts: [String: String]) throws(Failure) {
        var templates: [String: MustacheTemplate] = [:]
        for name in Name.all {
            guard let text = texts[name] else {
                throw Failure(fileName: name, message: "template '\(name)' is missing")
            }
            do {
                templates[name] = try MustacheTemplate(string: text)
            } catch {
                throw Failure(fileName: name, message: "template does not parse: \(error)")
            }
        }
        self.templates = templates
    }

    func render(_ name: String, _ context: [String: Any]) -> String {
        // Names are checked in init, so a missing template here is a programming error.
        guard let template = templates[name] else { preconditionFailure("template \(name) not loaded") }
        return template.render(context)
    }
}
