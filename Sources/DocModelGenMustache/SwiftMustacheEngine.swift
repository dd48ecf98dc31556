import DocModelGenCore
import Mustache

/// swift-mustache as the core's `TemplateEngine`: it compiles and renders the templates outside the
/// typed subset, and its parse errors are the ones users see. A module of its own so that the core,
/// which does not import swift-mustache, compiles beside swift-mustache instead of after it.
public struct SwiftMustacheEngine: TemplateEngine {
    public init() {}

    public func compile(_ text: String, path: String) throws(DiagnosticList) -> any CompiledTemplate {
        do {
            return SwiftMustacheTemplate(template: try MustacheTemplate(string: text))
        } catch let error as MustacheTemplate.ParserError {
            throw DiagnosticList([.error(
                "template does not parse: \(error.error)",
                at: SourceLocation(file: path, line: error.context.lineNumber, column: error.context.columnNumber))])
        } catch {
            throw DiagnosticList([.error("template does not parse: \(error)", at: .file(path))])
        }
    }

    /// `value` as swift-mustache expects it: `String`, `Bool`, `[Any]`, or a `MustacheObject`.
    static func mustacheValue(_ value: TemplateValue) -> Any {
        value.anyValue { MustacheObject(members: $0) }
    }
}

/// A template compiled by swift-mustache.
struct SwiftMustacheTemplate: CompiledTemplate {
    let template: MustacheTemplate

    func render(_ value: TemplateValue) -> String {
        template.render(SwiftMustacheEngine.mustacheValue(value))
    }
}

/// An object as swift-mustache sees it: its members by name (`MustacheParent`, converted when
/// looked up), printed (`{{object}}`) as the typed renderer prints it (`TemplateValue.printed`).
struct MustacheObject: MustacheParent, CustomStringConvertible {
    let members: TemplateValue.Members

    func child(named name: String) -> Any? {
        members[name].map(SwiftMustacheEngine.mustacheValue)
    }

    var description: String {
        TemplateValue.object(members).printed
    }
}

extension TemplateSet {
    /// Compiles `texts` (file name → template source) with swift-mustache for the templates outside
    /// the typed subset: what the tool does. See `TemplateSet.init(texts:paths:typedRendering:engine:)`.
    public init(texts: [String: String], paths: [String: String] = [:], typedRendering: Bool = true) throws(DiagnosticList) {
        try self.init(texts: texts, paths: paths, typedRendering: typedRendering, engine: SwiftMustacheEngine())
    }
}
