/// How generated code spells the standard library's and the runtime's names.
///
/// Generated Swift qualifies every such name (`Swift.String`, `DocModelRuntime.OptionalNullable`),
/// as swift-openapi-generator does with `Swift.` and `OpenAPIRuntime.`: a page titled `Nullable`,
/// `String` or `JSONValue` declares a type of that name in the user's module, which would shadow
/// an unqualified reference. Documentation shows the short names, which read better.
enum LibraryNames: Sendable {
    /// `Swift.String`, `DocModelRuntime.JSONValue`: what generated source writes.
    case qualified
    /// `String`, `JSONValue`: what generated documentation shows.
    case short

    /// The module whose names generated code qualifies with `runtime(_:)`.
    static let runtimeModule = "DocModelRuntime"

    /// A standard-library type (`String`, `Int64`).
    func swift(_ name: String) -> String {
        self == .qualified ? "Swift." + name : name
    }

    /// A `DocModelRuntime` type (`OptionalNullable`, `Literal`).
    func runtime(_ name: String) -> String {
        self == .qualified ? Self.runtimeModule + "." + name : name
    }

    /// Whether generated source `text` names a runtime type (and so needs its import).
    static func namesRuntime(_ text: String) -> Bool {
        text.contains(runtimeModule + ".")
    }
}
