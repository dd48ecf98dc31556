import DocModelGenCore
import Foundation

/// One Fields table row (the type cell above all) inside an otherwise valid page.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTableRow(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let row = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let text = "# Fuzz\n\n## Fields\n\n| Field | Type | Required | Description |\n| --- | --- | --- | --- |\n" + row + "\n"
    let page = PageParser.parse(text, path: "components/fuzz.md")
    let schema = SchemaBuilder.build([page], root: "/fuzz/docs/models")
    let diagnostics = Validator.validate(schema)
    for field in schema.models.flatMap(\.fields) {
        precondition(field.location.line >= 7, "rows start on line 7")
        // The schema must encode (it is what `docmodelgen schema` prints).
        _ = try? JSONEncoder().encode(field)
    }
    _ = diagnostics
    return 0
}
