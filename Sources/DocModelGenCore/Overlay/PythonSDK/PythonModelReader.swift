/// Reads the model modules of a Speakeasy Python SDK (`polar_sdk/models/*.py`,
/// `airbyte/models/shared/*.py`, …) into `WireFacts`. A small extractor for the shapes
/// Speakeasy generates, not a Python parser: it tokenizes each module, joins logical lines, and
/// reads these statements (everything else is skipped without a word):
///
/// - `class X(BaseModel):` (pydantic, newer generators) and `@dataclasses.dataclass class X:`
///   (dataclasses-json, 2024 generators): an object model. Each annotated attribute
///   `name: T [= default]` is a field; the wire name is `pydantic.Field(alias="…")`, else the
///   `utils.get_field_name('…')` of `dataclasses_json`'s `letter_case`, else a parameter's
///   `'field_name': '…'`, else the attribute name. A field is required when it has no default
///   (`dataclasses.field()` without `default`/`default_factory` has none). `Callable` and
///   `ClassVar` attributes (a paginated response's `next`) are not data and are left out.
/// - `class X(str, Enum):`: an enumeration of its `NAME = value` members.
/// - `X = TypeAliasType("X", T)`, `X = Union[…]`, `X = Annotated[Union[…], Discriminator(…)]`:
///   a union of T's members (repeated members once; `None` makes the model nullable), or for
///   any other T a model of kind `other` whose one member is T.
/// - An exception class (`class X(PolarError)`, `class X(Exception)`) with a `data: T`
///   attribute: a model of kind `other` whose one member is T, the wire body of that error.
///   Exception classes without `data` (`SDKError`, `PolarError`) are SDK runtime, skipped.
/// - `TypedDict` classes and `…TypedDict` aliases (the SDK's input twins) are skipped, and so
///   are dunder attributes (`__pydantic_extra__`, the catch-all of additional properties).
///
/// Each field's `referencedPaths` locates the classes its type names (`PythonReferenceResolver`:
/// the module's own classes, its `from … import`s), so two same-named classes of different
/// modules stay apart.
///
/// Defaults: strings, numbers (their text exactly), `True`/`False`, `None` (`.null`), lists and
/// dicts of those, `default_factory=list`/`dict`, `dateutil.parser.parse('…')[.date()]` (the text
/// as written). `UNSET` is no value. An enum member (`Aircall.AIRCALL`, `Role.MEMBER`) is
/// resolved to its value when an enum of that name is among the files (one in the same file
/// first); when none is, the default is left nil without a warning: the field is still optional,
/// and the value lives in a module the caller did not pass.
///
/// Nothing here traps: a module that is not UTF-8, an unterminated string, an unclosed bracket,
/// nesting deeper than `PythonExpressionParser.maximumDepth` or an annotation it does not know is
/// a warning located in the module, and the rest of the module is still read. Time is linear in
/// the input.
public enum PythonModelReader {
    /// Reads `files` (the model modules: paths relative to the folder the user named; bytes as on
    /// disk) in order, and `operationFiles` (`PythonModelFiles.selectOperations`) for the
    /// operations (`PythonOperationModule`), whose parameters the request models' field metadata
    /// locate.
    public static func read(
        files: [(path: String, bytes: [UInt8])], operationFiles: [(path: String, bytes: [UInt8])] = []
    ) -> (facts: WireFacts, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let modules = readModules(files, diagnostics: &diagnostics, read: PythonModule.init, warnings: \.diagnostics)
        let enums = EnumIndex(modules)
        var references = PythonReferenceResolver(modules)
        var models: [WireModel] = []
        for module in modules {
            for var pending in module.models {
                for (fieldIndex, member) in pending.enumDefaults {
                    pending.model.fields[fieldIndex].defaultValue = enums.value(
                        of: member.enumName, member: member.member, preferringFile: module.path)
                }
                for (fieldIndex, names) in pending.references {
                    let paths = names.compactMap { references.path(ofReference: $0, in: module.path) }
                    if !paths.isEmpty { pending.model.fields[fieldIndex].referencedPaths = paths }
                }
                models.append(pending.model)
            }
        }
        let retryFiles = operationFiles.filter { PythonModelFiles.isRetryModule($0.path) }
        let operationModules = readModules(
            operationFiles.filter { !PythonModelFiles.isRetryModule($0.path) }, diagnostics: &diagnostics,
            read: PythonOperationModule.init, warnings: \.diagnostics)
        var stringLists: [String: [String]] = [:]
        for module in modules { stringLists.merge(module.stringLists) { first, _ in first } }
        let resolved = PythonOperationResolver(models: models, modules: operationModules, stringLists: stringLists)
        diagnostics += resolved.diagnostics
        var operations = resolved.operations
        // One retry loop serves every operation of the SDK.
        let retryModules = readModules(retryFiles, diagnostics: &diagnostics, read: PythonRetryModule.init, warnings: \.diagnostics)
        if let connectionErrors = retryModules.compactMap(\.connectionErrors).max() {
            for index in operations.indices { operations[index].retriedConnectionErrors = connectionErrors }
        }
        return (WireFacts(origin: .pythonSDK, models: models, operations: operations), diagnostics)
    }

    /// `read` of each file that is well-formed UTF-8, with its warnings; a file that is not is a
    /// warning at its first bad byte, and not read.
    private static func readModules<Module>(
        _ files: [(path: String, bytes: [UInt8])], diagnostics: inout [Diagnostic],
        read: (String, [UInt8]) -> Module, warnings: (Module) -> [Diagnostic]
    ) -> [Module] {
        var modules: [Module] = []
        for file in files {
            if let problem = firstInvalidUTF8(file.bytes) {
                diagnostics.append(.warning(
                    "not read: the module is not valid UTF-8",
                    at: SourceLocation(file: file.path, line: problem.line, column: problem.column)))
                continue
            }
            let module = read(file.path, file.bytes)
            diagnostics += warnings(module)
            modules.append(module)
        }
        return modules
    }

    /// Where the first byte that is not well-formed UTF-8 sits, or nil.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> (line: Int, column: Int)? {
        // Decoding replaces every ill-formed sequence with U+FFFD, so the text's UTF-8 equals
        // the input exactly when the input is well-formed; the first difference is the culprit.
        let decoded = String(decoding: bytes, as: UTF8.self).utf8
        var line = 1, lineStart = 0, offset = 0
        var decodedIndex = decoded.startIndex
        while offset < bytes.count {
            guard decodedIndex != decoded.endIndex, decoded[decodedIndex] == bytes[offset] else {
                return (line, offset - lineStart + 1)
            }
            if bytes[offset] == UInt8(ascii: "\n") {
                line += 1
                lineStart = offset + 1
            }
            offset += 1
            decodedIndex = decoded.index(after: decodedIndex)
        }
        return nil
    }

    /// Enum values by enum name, for resolving `Enum.MEMBER` defaults across modules.
    private struct EnumIndex {
        var byName: [String: [(file: String, members: [String: WireValue])]] = [:]

        init(_ modules: [PythonModule]) {
            for module in modules {
                for (name, members) in module.enumMembers {
                    byName[name, default: []].append((module.path, members))
                }
            }
        }

        func value(of enumName: String, member: String, preferringFile file: String) -> WireValue? {
            let candidates = byName[enumName] ?? []
            if let local = candidates.first(where: { $0.file == file }) { return local.members[member] }
            let values = Set(candidates.compactMap { $0.members[member] })
            return values.count == 1 ? values.first : nil
        }
    }
}
