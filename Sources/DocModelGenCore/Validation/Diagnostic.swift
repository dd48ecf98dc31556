/// A finding about the input, as a value. Printed in the form SwiftPM and Xcode show inline:
/// `path:line:col: error: message`.
public struct Diagnostic: Codable, Sendable, Hashable, Comparable {
    public enum Severity: String, Codable, Sendable, Hashable {
        case error
        case warning
    }

    public var severity: Severity
    public var message: String
    public var location: SourceLocation

    public init(_ severity: Severity, _ message: String, at location: SourceLocation) {
        self.severity = severity
        self.message = message
        self.location = location
    }

    public static func error(_ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, message, at: location)
    }

    public static func warning(_ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.warning, message, at: location)
    }

    /// `path:line:col: severity: message`, with `displayPath` mapping the root-relative page path to
    /// what the user should see (the path as given, or an absolute path for IDEs).
    public func formatted(displayPath: (String) -> String = { $0 }) -> String {
        "\(displayPath(location.file)):\(location.line):\(location.column): \(severity.rawValue): \(message)"
    }

    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.location, lhs.message) < (rhs.location, rhs.message)
    }
}

extension Array where Element == Diagnostic {
    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
