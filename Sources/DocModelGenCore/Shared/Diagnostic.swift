/// A finding about the input, the config, the templates or the output folder, as a value: the one
/// diagnostic type of every stage. Printed in the form SwiftPM and Xcode show inline:
/// `path:line:col: error: message`.
///
/// Foundation-free and self-contained: the plugins compile this folder too.
public struct Diagnostic: Codable, Sendable, Hashable, Comparable {
    public enum Severity: String, Codable, Sendable, Hashable {
        case error
        /// Something the user can act on; the run still succeeds.
        case warning
        /// Information: a documented rule was applied.
        case note
    }

    /// A kind of warning or note that a user may silence (config `silence`, `--silence KIND`).
    /// Errors have no kind: they cannot be silenced.
    public struct Kind: RawRepresentable, Codable, Sendable, Hashable, Comparable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// A field typed with an SDK runtime object (`httpx.Response`): left out of the model.
        public static let sdkObject = Kind(rawValue: "sdk-object")
        /// A page documenting an SDK helper (`utils/`): not generated.
        public static let sdkUtility = Kind(rawValue: "sdk-utility")
        /// A page without a `## Fields` table: generated without fields.
        public static let noFieldsTable = Kind(rawValue: "no-fields-table")
        /// A type cell that is not understood: generated as `JSONValue` (an error with `--strict`).
        public static let unknownType = Kind(rawValue: "unknown-type")

        /// A page or field that no overlay source (`--openapi`, `--python-sdk`) matches: it keeps
        /// the docs' names on the wire.
        public static let overlayUnmatched = Kind(rawValue: "overlay-unmatched")
        /// The Python SDK and the OpenAPI document disagree on a fact; the SDK's is used.
        public static let overlayConflict = Kind(rawValue: "overlay-conflict")
        /// The docs and the OpenAPI document disagree (`docmodelgen drift`).
        public static let drift = Kind(rawValue: "drift")

        /// An operation whose call is not generated (no method and path in the docs, a response
        /// the client does not read yet), or a security scheme the client cannot set.
        public static let operationNotGenerated = Kind(rawValue: "operation-not-generated")
        /// A parameter placed by the docs-only rules (the query, by default): an overlay says where
        /// it really goes.
        public static let inferredLocation = Kind(rawValue: "inferred-location")
        /// What the docs never say about calls beyond one request (a stream's end sentinel, the
        /// SDK's retry policy, a page's default size), left out or inferred: an overlay says it.
        public static let inferredCall = Kind(rawValue: "inferred-call")
        /// Every kind, in the order the README lists them.
        public static let all: [Kind] = [
            .sdkObject, .sdkUtility, .noFieldsTable, .unknownType, .overlayUnmatched, .overlayConflict, .drift,
            .operationNotGenerated, .inferredLocation, .inferredCall,
        ]

        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var severity: Severity
    public var message: String
    /// Where: a position in a file, a whole file (line 0), or nil for the run as a whole. Page
    /// locations are relative to the input root inside the pipeline and absolute once a run is done.
    public var location: SourceLocation?
    /// Set on warnings and notes a user may silence.
    public var kind: Kind?

    public init(_ severity: Severity, _ message: String, at location: SourceLocation?, kind: Kind? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
        self.kind = kind
    }

    public static func error(_ message: String, at location: SourceLocation? = nil) -> Diagnostic {
        Diagnostic(.error, message, at: location)
    }

    public static func warning(_ message: String, at location: SourceLocation?, kind: Kind? = nil) -> Diagnostic {
        Diagnostic(.warning, message, at: location, kind: kind)
    }

    public static func note(_ message: String, at location: SourceLocation? = nil, kind: Kind? = nil) -> Diagnostic {
        Diagnostic(.note, message, at: location, kind: kind)
    }

    /// `path:line:col: severity: message` (`path: …` for a whole file, `severity: message` for the
    /// run), with `displayPath` mapping the stored path to what the user should see, and the kind
    /// after the message so the user knows what `silence` takes.
    public func formatted(displayPath: (String) -> String = { $0 }) -> String {
        let text = "\(severity.rawValue): \(message)" + (kind.map { " [\($0.rawValue)]" } ?? "")
        guard let location else { return text }
        guard location.line > 0 else { return "\(displayPath(location.file)): \(text)" }
        return "\(displayPath(location.file)):\(location.line):\(location.column): \(text)"
    }

    /// The same finding as an error (`--strict`): errors have no kind.
    public var asError: Diagnostic {
        Diagnostic(.error, message, at: location)
    }

    /// The same diagnostic with a root-relative page path made absolute under `root`.
    public func resolvingPath(against root: String) -> Diagnostic {
        var copy = self
        copy.location = location?.resolvingPath(against: root)
        return copy
    }

    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        let left = lhs.location ?? SourceLocation(file: "", line: 0, column: 0)
        let right = rhs.location ?? SourceLocation(file: "", line: 0, column: 0)
        return (left, lhs.message) < (right, rhs.message)
    }
}

extension Array where Element == Diagnostic {
    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }
}
