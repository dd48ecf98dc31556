import DocModelGenCore

/// Python model-module bytes → `PythonModelReader.read`: the reader behind `--python-sdk`. A crash, a
/// hang (libFuzzer `-timeout`) or a broken invariant is a bug: every finding is a warning located
/// in a module that was passed, and every model and field is located in one.
enum PythonModelsFuzzer {
    static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        // Split at form feeds into up to three modules, so cross-module enum defaults get exercised.
        let parts = bytes.split(separator: 0x0C, maxSplits: 2, omittingEmptySubsequences: false)
        let paths = ["shared/a.py", "shared/b.py", "operations/c.py"]
        let files = parts.enumerated().map { (path: paths[$0.offset], bytes: Array($0.element)) }
        let (facts, diagnostics) = PythonModelReader.read(files: files)
        let passed = Set(files.map(\.path))
        for diagnostic in diagnostics {
            precondition(diagnostic.severity == .warning, "only warnings")
            guard let location = diagnostic.location else { preconditionFailure("unlocated diagnostic") }
            precondition(passed.contains(location.file) && location.line >= 1 && location.column >= 1, "location")
        }
        for model in facts.models {
            precondition(passed.contains(model.location.file) && model.location.line >= 1, "model location")
            precondition(!model.name.isEmpty, "model name")
            for field in model.fields {
                precondition(field.location.file == model.location.file && field.location.line >= model.location.line, "field location")
            }
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPythonModels(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    PythonModelsFuzzer.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}
