import DocModelGenCore
import DocModelGenOpenAPI

/// Spec bytes → `OpenAPIReader.read`: YAML/JSON parsing, `$ref`s across files, schema walking and
/// Speakeasy's inline names. The input is split at form feeds into the root document, a schema
/// file beside it and a file outside its folder, which a `$ref` may name but the reader must never
/// load. A crash, a hang (libFuzzer `-timeout`) or a broken invariant is a bug.
enum SpecReaderFuzzer {
    static let paths = ["/fuzz/spec/openapi.yaml", "/fuzz/spec/schemas/pet.yaml", "/fuzz/outside.yaml"]

    static func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        let parts = bytes.split(separator: 0x0C, maxSplits: 2, omittingEmptySubsequences: false).map(Array.init)
        let (facts, diagnostics) = OpenAPIReader.read(rootPath: paths[0]) { path in
            precondition(path.hasPrefix("/fuzz/spec/"), "loaded \(path), outside the document's folder")
            guard let index = paths.firstIndex(of: path), index < parts.count else { return nil }
            return parts[index]
        }
        precondition((facts == nil) == diagnostics.hasErrors, "facts exactly when there is no error")
        for diagnostic in diagnostics {
            guard let location = diagnostic.location else { preconditionFailure("unlocated: \(diagnostic.message)") }
            precondition(location.file.hasPrefix("/fuzz/spec/"), "location outside the folder")
            precondition(location.line >= 1 && location.column >= 1 || location.line == 0 && location.column == 0, "location \(location)")
        }
        for model in facts?.models ?? [] {
            precondition(!model.name.isEmpty, "a model without a name")
            precondition(model.location.line >= 1 && model.location.column >= 1, "model location")
            for field in model.fields { precondition(field.location.line >= 1 && field.location.column >= 1, "field location") }
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSpecReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    SpecReaderFuzzer.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}
