/// What of a run's findings the user sees: the presentation policy, in one place.
///
/// - A silenced kind (config `silence`, `--silence`) is not shown.
/// - Notes are documented rules applied (an SDK runtime field left out, an SDK helper page not
///   generated). They recur on every build of a real tree, so each kind is shown once, as a summary
///   naming the first occurrence, unless `verbose` asks for every one.
/// - Errors and warnings are always shown, each at its location.
public enum DiagnosticReport {
    public static func present(_ diagnostics: [Diagnostic], silence: Set<Diagnostic.Kind>, verbose: Bool) -> [Diagnostic] {
        let shown = diagnostics.filter { $0.kind.map { !silence.contains($0) } ?? true }
        guard !verbose else { return shown }
        var counts: [Diagnostic.Kind: Int] = [:]
        for diagnostic in shown where diagnostic.severity == .note {
            if let kind = diagnostic.kind { counts[kind, default: 0] += 1 }
        }
        var summarised = Set<Diagnostic.Kind>()
        return shown.compactMap { diagnostic in
            guard diagnostic.severity == .note, let kind = diagnostic.kind, let count = counts[kind], count > 1 else {
                return diagnostic
            }
            // The first of its kind stands for all, where it occurs.
            guard summarised.insert(kind).inserted else { return nil }
            var summary = diagnostic
            summary.message += " (and \(count - 1) more like it; --verbose lists them)"
            return summary
        }
    }
}
