#if OpenAPI
// Compiled with the package trait OpenAPI (on by default): it brings jpsim/Yams.
import DocModelGenCore
import Yams

/// Reads an OpenAPI 3.0 or 3.1 document (YAML or JSON, one file or several joined by `$ref`s) into
/// `WireFacts`: one `WireModel` per `components.schemas` entry and per inline schema Speakeasy
/// names (request and response bodies, parameters, nested objects, enums and unions; see
/// `SpeakeasyInlineNames` for the naming rule).
///
/// The core does no file IO: `load` returns a file's bytes or nil. Every finding is a located
/// `Diagnostic`. Hostile input is bounded, never fatal:
/// - a file larger than `maximumFileSize` (64 MiB), not UTF-8 or with a NUL byte is an error;
/// - libyaml (Yams 6) refuses nesting deeper than 1 000 levels, and the walk below stops at
///   `maximumSchemaDepth`, so neither recursion can exhaust the stack;
/// - YAML aliases are shared by Yams, not copied; the walk has a budget of visited nodes, and a
///   document that could make Yams hash an alias-expanded key is refused before parsing
///   (`OpenAPITextChecks.aliasKeyHazard`);
/// - a `$ref` that leaves the root document's folder is an error and is never loaded.
public enum OpenAPIReader {
    /// Files larger than this are not read: real specs are a few MiB, and libyaml holds the whole
    /// text plus its nodes in memory.
    public static let maximumFileSize = 64 << 20
    /// Schemas nested deeper than this (inline objects in inline objects…) are not read.
    public static let maximumSchemaDepth = 64

    /// Reads the document at `rootPath` and every file its `$ref`s name. Returns nil facts when the
    /// root cannot be read or any error was found; warnings leave the facts usable.
    public static func read(rootPath: String, load: (String) -> [UInt8]?) -> (facts: WireFacts?, diagnostics: [Diagnostic]) {
        withoutActuallyEscaping(load) { load in
            var reading = OpenAPIReading(rootPath: rootPath, load: load)
            let models = reading.run()
            let diagnostics = reading.diagnostics
            guard let models, !diagnostics.hasErrors else { return (nil, diagnostics) }
            return (WireFacts(origin: .openAPI, models: models, operations: reading.operations), diagnostics)
        }
    }
}

/// One file of the document set, parsed.
struct OpenAPIFile {
    let path: String
    let root: Node
    let positions: OpenAPITextPositions

    func location(of node: Node) -> SourceLocation {
        guard let mark = node.mark else { return SourceLocation(file: path, line: 1, column: 1) }
        return positions.location(line: mark.line, characterColumn: mark.column)
    }
}

/// The state of one `OpenAPIReader.read` call: loaded files, names taken, models produced.
struct OpenAPIReading {
    let rootPath: String
    let rootFolder: String
    let load: (String) -> [UInt8]?
    var diagnostics: [Diagnostic] = []
    var models: [WireModel] = []
    var operations: [WireOperation] = []
    var names = SpeakeasyInlineNames()
    /// Files by normalised path; nil once a file failed (its error is already reported).
    var files: [String: OpenAPIFile?] = [:]
    /// Schemas of other files already turned into models, by `path#pointer`.
    var externalModels: [String: String] = [:]
    /// Externally referenced schemas still to turn into models.
    var pendingExternal: [(file: OpenAPIFile, pointer: String, name: String)] = []
    /// Nodes the walk may still visit: aliases can make a small text a huge tree.
    var budget: Int
    var budgetExhausted = false
    /// `$ref`s read in place (targets that are not named schemas) now being read: a cycle guard.
    var inPlaceReferences: Set<String> = []

    init(rootPath: String, load: @escaping (String) -> [UInt8]?) {
        self.rootPath = OpenAPIPaths.normalize(rootPath)
        self.rootFolder = OpenAPIPaths.folder(of: self.rootPath)
        self.load = load
        self.budget = 1_000_000
    }

    // MARK: Files

    /// The parsed file at a normalised path, loading it on first use.
    mutating func file(at path: String, referencedFrom location: SourceLocation?) -> OpenAPIFile? {
        if let known = files[path] { return known }
        files[path] = .some(nil)
        guard let bytes = load(path) else {
            diagnostics.append(.error(location == nil ? "cannot read the OpenAPI document" : "cannot read the file \(path) that a $ref names",
                                      at: location ?? .file(path)))
            return nil
        }
        guard let parsed = parse(bytes, path: path) else { return nil }
        files[path] = parsed
        return parsed
    }

    private mutating func parse(_ bytes: [UInt8], path: String) -> OpenAPIFile? {
        guard bytes.count <= OpenAPIReader.maximumFileSize else {
            diagnostics.append(.error("file is \(bytes.count) bytes; OpenAPI files larger than \(OpenAPIReader.maximumFileSize >> 20) MiB are not read",
                                      at: SourceLocation(file: path, line: 1, column: 1)))
            return nil
        }
        if let problem = PageBytesCheck.encodingProblem(bytes) {
            diagnostics.append(.error("file \(problem.message)", at: SourceLocation(file: path, line: problem.line, column: problem.column)))
            return nil
        }
        let positions = OpenAPITextPositions(path: path, bytes: bytes)
        if let offset = OpenAPITextChecks.aliasKeyHazard(bytes) {
            diagnostics.append(.error("a YAML alias or complex key in a mapping key, in a document with anchors, is not read (an alias there can expand exponentially)",
                                      at: positions.location(ofOffset: offset)))
            return nil
        }
        // Budget: a node per two bytes is more than any real text holds; aliases beyond that are refused.
        budget += bytes.count / 2
        let text = String(decoding: bytes, as: UTF8.self)
        do {
            guard let root = try Yams.compose(yaml: text) else {
                diagnostics.append(.error("file is empty", at: SourceLocation(file: path, line: 1, column: 1)))
                return nil
            }
            return OpenAPIFile(path: path, root: root, positions: positions)
        } catch let error as YamlError {
            diagnostics.append(yamlDiagnostic(error, positions: positions))
            return nil
        } catch {
            diagnostics.append(.error("cannot parse: \(error)", at: SourceLocation(file: path, line: 1, column: 1)))
            return nil
        }
    }

    private func yamlDiagnostic(_ error: YamlError, positions: OpenAPITextPositions) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { positions.location(line: mark.line, characterColumn: mark.column) }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _), .composer(let context, let problem, let mark, _):
            let while_ = context.map { " (\($0.text))" } ?? ""
            return .error("invalid YAML: \(problem)\(while_)", at: at(mark))
        case .reader(let problem, let offset, _, _):
            return .error("invalid YAML: \(problem)", at: positions.location(ofOffset: offset ?? 0))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error("invalid YAML: duplicate keys \(duplicates.joined(separator: ", ")) in one mapping", at: at(context.mark))
        default:
            return .error("invalid YAML: \(error)", at: positions.location(ofOffset: 0))
        }
    }

    // MARK: Walk budget

    /// Takes one node from the budget; false (with one error) once it is spent.
    mutating func spend(at location: @autoclosure () -> SourceLocation) -> Bool {
        guard !budgetExhausted else { return false }
        budget -= 1
        guard budget < 0 else { return true }
        budgetExhausted = true
        diagnostics.append(.error("the document expands to too many nodes (YAML aliases?); reading stopped here", at: location()))
        return false
    }

    // MARK: Run

    mutating func run() -> [WireModel]? {
        guard let root = file(at: rootPath, referencedFrom: nil) else { return nil }
        guard root.root.mapping != nil else {
            diagnostics.append(.error("an OpenAPI document is a mapping at the top level", at: root.location(of: root.root)))
            return nil
        }
        if let swagger = root.root.member("swagger") {
            diagnostics.append(.error("OpenAPI 2 (swagger) documents are not read; convert to OpenAPI 3 first", at: root.location(of: swagger)))
            return nil
        }
        if let version = root.root.member("openapi") {
            if !(version.scalar?.string.hasPrefix("3.") ?? false) {
                diagnostics.append(.warning("openapi version \(version.scalar?.string ?? "?") is not 3.0 or 3.1; read as 3.1", at: root.location(of: version)))
            }
        } else {
            diagnostics.append(.warning("no `openapi` version: read as OpenAPI 3.1", at: root.location(of: root.root)))
        }
        let schemas = componentSchemas(of: root)
        for entry in schemas { names.reserve(SpeakeasyInlineNames.className(entry.name)) }
        for entry in schemas {
            addModel(name: entry.name, pointer: "#/components/schemas/" + OpenAPIPaths.escape(entry.key), keyNode: entry.keyNode, schema: entry.schema, file: root)
        }
        readOperations(root)
        drainExternal()
        return models
    }

    /// The `components.schemas` entries of a file, with their Speakeasy-facing names (the
    /// `x-speakeasy-name-override` when present, else the key).
    mutating func componentSchemas(of file: OpenAPIFile) -> [(key: String, name: String, keyNode: Node, schema: Node)] {
        guard let components = mappingValue(file.root, "components", in: file),
              let schemas = mappingValue(components, "schemas", in: file) else { return [] }
        var result: [(key: String, name: String, keyNode: Node, schema: Node)] = []
        for (keyNode, schema) in schemas.entries {
            guard let key = keyNode.scalar?.string, !key.isEmpty else {
                diagnostics.append(.warning("a schema's key should be a non-empty string: skipped", at: file.location(of: keyNode)))
                continue
            }
            result.append((key, schema.nameOverride ?? key, keyNode, schema))
        }
        return result
    }

    /// The value under `key` of a mapping node when it is itself a mapping; a warning when it is
    /// there but of another kind.
    mutating func mappingValue(_ node: Node, _ key: String, in file: OpenAPIFile) -> Node? {
        guard let value = node.member(key) else { return nil }
        guard value.mapping != nil else {
            diagnostics.append(.warning("`\(key)` should be a mapping: skipped", at: file.location(of: value)))
            return nil
        }
        return value
    }

    /// Turns the externally referenced schemas into models (each may reference more).
    mutating func drainExternal() {
        while !pendingExternal.isEmpty {
            let next = pendingExternal.removeFirst()
            guard let schema = OpenAPIPaths.resolve(pointer: next.pointer, in: next.file.root) else { continue }
            addModel(name: next.name, pointer: next.file.path + "#" + next.pointer, keyNode: schema, schema: schema, file: next.file)
        }
    }
}

/// Lexical path and JSON-pointer arithmetic for `$ref`s; no file system.
enum OpenAPIPaths {
    /// `.` and `..` resolved lexically; a relative path stays relative (a leading `..` is kept).
    static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            if part == "..", absolute { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : joined
    }

    /// The folder of a normalised path ("" for a bare file name).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func join(_ folder: String, _ relative: String) -> String {
        if relative.hasPrefix("/") { return normalize(relative) }
        return normalize(folder.isEmpty ? relative : folder + "/" + relative)
    }

    /// Whether a normalised path is inside a normalised folder.
    static func isInside(_ path: String, _ folder: String) -> Bool {
        if path.hasPrefix("../") || path == ".." { return false }
        if folder.isEmpty { return !path.hasPrefix("/") }
        return folder == "/" ? path.hasPrefix("/") : path.hasPrefix(folder + "/")
    }

    /// A JSON pointer token: `~` as `~0`, `/` as `~1`.
    static func escape(_ token: String) -> String {
        token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    static func unescape(_ token: Substring) -> String {
        String(token).replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }

    /// The node a JSON pointer (`/components/schemas/X`, or "" for the whole file) names.
    static func resolve(pointer: String, in root: Node) -> Node? {
        var node = root
        for token in pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            let key = unescape(token).removingPercentEncodingIfValid
            if node.mapping != nil {
                guard let value = node.member(key) else { return nil }
                node = value
            } else if let sequence = node.sequence, let index = Int(key), index >= 0, index < sequence.count {
                node = sequence[index]
            } else {
                return nil
            }
        }
        return node
    }
}

extension Node {
    /// A non-empty `x-speakeasy-name-override` of a schema (an empty one names nothing).
    var nameOverride: String? { member("x-speakeasy-name-override")?.scalar?.string.nonEmpty }

    /// A non-empty `title`.
    var title: String? { member("title")?.scalar?.string.nonEmpty }

    /// The value under a string key of a mapping, merge keys resolved (`entries`). Keys are
    /// compared as text: Yams' own subscript compares resolved tags, so a quoted `'200'` would not
    /// find a plain `200`.
    func member(_ key: String) -> Node? {
        guard let mapping else { return nil }
        if !mapping.keys.contains(where: \.isMergeKey) {
            for (candidate, value) in mapping where candidate.scalar?.string == key { return value }
            return nil
        }
        return entries.first { $0.key.scalar?.string == key }?.value
    }

    /// A mapping's pairs in order with YAML merge keys resolved (`<<: *base`, `<<: [*a, *b]`):
    /// each merge key is replaced by the pairs it merges that no explicit key of the mapping and
    /// no earlier merged mapping gives, so explicit keys win, then the earlier of the merged ones
    /// (the YAML merge-key rule). Yams resolves merges only when it constructs Swift values, not in
    /// the nodes the reader walks. Empty for anything but a mapping.
    var entries: [(key: Node, value: Node)] {
        guard let mapping else { return [] }
        guard mapping.keys.contains(where: \.isMergeKey) else { return Array(mapping) }
        var sources = 0
        return Self.mergedPairs(of: mapping, depth: 0, sources: &sources)
    }

    /// Merges nest at most this deep, and one mapping draws on at most this many merged mappings:
    /// real specs merge a base or two, and shared nodes could make a small text merge
    /// exponentially many.
    static let maximumMergeDepth = 8
    static let maximumMergeSources = 32

    private static func mergedPairs(of mapping: Node.Mapping, depth: Int, sources: inout Int) -> [(key: Node, value: Node)] {
        var taken = Set(mapping.compactMap { $0.key.isMergeKey ? nil : $0.key.scalar?.string })
        var result: [(key: Node, value: Node)] = []
        for pair in mapping {
            guard pair.key.isMergeKey else {
                result.append(pair)
                continue
            }
            guard depth < maximumMergeDepth else { continue }
            let merged = pair.value.mapping.map { [$0] } ?? (pair.value.sequence ?? []).compactMap(\.mapping)
            for source in merged {
                sources += 1
                guard sources <= maximumMergeSources else { break }
                for entry in mergedPairs(of: source, depth: depth + 1, sources: &sources) {
                    guard let name = entry.key.scalar?.string else {
                        result.append(entry)
                        continue
                    }
                    if taken.insert(name).inserted { result.append(entry) }
                }
            }
        }
        return result
    }

    /// A plain `<<` key: a quoted `"<<"` is an ordinary key.
    var isMergeKey: Bool {
        guard let scalar, scalar.string == "<<" else { return false }
        return scalar.style == .plain
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }

    /// URI fragments may percent-encode pointer characters; undecodable text is kept as is.
    fileprivate var removingPercentEncodingIfValid: String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%"),
               let high = utf8.index(index, offsetBy: 1, limitedBy: utf8.endIndex), high < utf8.endIndex,
               let low = utf8.index(index, offsetBy: 2, limitedBy: utf8.endIndex), low < utf8.endIndex,
               let value = UInt8(String(decoding: [utf8[high], utf8[low]], as: UTF8.self), radix: 16) {
                bytes.append(value)
                index = utf8.index(index, offsetBy: 3)
            } else {
                bytes.append(byte)
                index = utf8.index(after: index)
            }
        }
        // `String(validating:)` needs macOS 15; a lossless round trip says the same.
        let decoded = String(decoding: bytes, as: UTF8.self)
        return Array(decoded.utf8) == bytes ? decoded : self
    }
}
#endif
