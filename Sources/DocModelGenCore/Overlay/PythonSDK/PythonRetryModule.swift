/// Which connection errors a Speakeasy Python SDK retries, read from its retry loop
/// (`utils/retries.py`, `core/utils/retries.py`): the `except` clause whose block starts by
/// testing `retry_connection_errors` names them (SDK-FACTS r.4). Generator versions differ:
/// `httpx.ConnectError` and `httpx.TimeoutException` (polar, livepeer), `httpx.NetworkError`
/// (friendli), `httpx.TransportError` (unstructured), `requests`' `ConnectionError` (airbyte).
struct PythonRetryModule {
    /// The widest kind the clauses name; nil when the module has no such clause.
    private(set) var connectionErrors: WireConnectionErrors?
    private(set) var diagnostics: [Diagnostic] = []

    init(path: String, bytes: [UInt8]) {
        let lines = PythonTokenizer.logicalLines(bytes)
        for (index, line) in lines.enumerated() {
            guard let first = line.tokens.first, first.kind == .name, first.text == "except",
                  index + 1 < lines.count, lines[index + 1].indent > line.indent,
                  lines[index + 1].tokens.contains(where: { $0.kind == .name && $0.text == "retry_connection_errors" })
            else { continue }
            for name in Self.exceptionNames(line.tokens.dropFirst()) {
                guard let kind = Self.kind(of: name) else {
                    if !Self.timeouts.contains(String(name.split(separator: ".").last ?? "")) {
                        diagnostics.append(.warning(
                            "the retry loop retries `\(name)` as a connection error, a class this reader does not know; it is left out",
                            at: first.location(in: path)))
                    }
                    continue
                }
                connectionErrors = max(connectionErrors ?? kind, kind)
            }
        }
        if connectionErrors == nil {
            diagnostics.append(.warning(
                "no `except` clause of the retry loop tests `retry_connection_errors`: the client retries the connection errors it does by default",
                at: SourceLocation(file: path, line: 1, column: 1)))
        }
    }

    /// Timeouts: every kind retries them (the runtime's request timeout included).
    static let timeouts: Set<String> = ["TimeoutException", "Timeout"]

    /// The kind a class stands for, by its last name (and module, for `requests`).
    static func kind(of name: String) -> WireConnectionErrors? {
        let parts = name.split(separator: ".")
        switch parts.last {
        case "ConnectError": return .connecting
        case "NetworkError": return .network
        case "TransportError": return .transport
        // `requests.exceptions.ConnectionError` also wraps a connection closed before the reply.
        case "ConnectionError" where parts.first == "requests": return .transport
        default: return nil
        }
    }

    /// The dotted names of `except A as e:` or `except (A, B) as e:`.
    static func exceptionNames(_ tokens: ArraySlice<PythonToken>) -> [String] {
        var names: [String] = []
        var current = ""
        for token in tokens {
            if token.kind == .name, token.text == "as" { break }
            if token.kind == .name {
                current += token.text
            } else if token.kind == .symbol, token.text == "." {
                current += "."
            } else if !current.isEmpty {
                names.append(current)
                current = ""
            }
        }
        if !current.isEmpty { names.append(current) }
        return names
    }
}
