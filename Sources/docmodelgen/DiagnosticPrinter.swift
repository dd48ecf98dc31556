import DocModelGenCore
import Foundation

/// Prints diagnostics to standard error, one `path:line:col: severity: message` line each: the one
/// printer of the tool.
struct DiagnosticPrinter {
    var paths: PathDisplay

    init(absolutePaths: Bool) {
        paths = PathDisplay(absolute: absolutePaths, workingDirectory: FileManager.default.currentDirectoryPath)
    }

    func print(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        printError(diagnostics.map { $0.formatted(displayPath: paths.show) }.joined(separator: "\n"))
    }

    /// Prints `diagnostics` and returns the failure exit status.
    func fail(_ diagnostics: [Diagnostic]) -> Int32 {
        print(diagnostics)
        return ExitStatus.failure
    }
}

/// Writes to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
