/// The whole pipeline as one pure function: pages in, schema + diagnostics + files out.
///
/// `markdown --(cmark)--> PageParser --> SchemaBuilder --> Validator --> emitters`
public enum Generator {
    public struct Options: Sendable, Hashable {
        public var accessLevel: AccessLevel
        public var emitDocumentation: Bool
        /// Models (by page title or Swift name) to send as multipart/form-data even without a file.
        public var multipartModels: Set<String>
        /// When set, every generated type is nested in `enum <namespace>` (declared in an extra file,
        /// `<namespace>.namespace.swift`), so several docs trees can share one module.
        public var namespace: String?

        public init(
            accessLevel: AccessLevel = .public, emitDocumentation: Bool = true, multipartModels: Set<String> = [],
            namespace: String? = nil
        ) {
            self.accessLevel = accessLevel
            self.emitDocumentation = emitDocumentation
            self.multipartModels = multipartModels
            self.namespace = namespace
        }
    }

    public struct Output: Sendable {
        public var schema: Schema
        /// Sorted by location; when any is an error, no files are produced.
        public var diagnostics: [Diagnostic]
        public var swiftFiles: [GeneratedFile]
        public var documentationFiles: [GeneratedFile]
    }

    /// Parses and builds the schema of `pages` (paths relative to `root`, an absolute folder).
    public static func schema(of pages: [SourcePage], root: String, multipartModels: Set<String> = []) -> Schema {
        SchemaBuilder.build(
            pages.map { PageParser.parse($0.text, path: $0.path) }, root: root, multipartModels: multipartModels)
    }

    /// Runs every stage. Emitters run only when validation found no error.
    public static func run(_ pages: [SourcePage], root: String, options: Options, templates: TemplateSet) -> Output {
        let schema = schema(of: pages, root: root, multipartModels: options.multipartModels)
        let diagnostics = Validator.validate(schema)
        guard !diagnostics.hasErrors else {
            return Output(schema: schema, diagnostics: diagnostics, swiftFiles: [], documentationFiles: [])
        }
        return Output(
            schema: schema,
            diagnostics: diagnostics,
            swiftFiles: SwiftModelEmitter.emit(
                schema, options: SwiftModelEmitter.Options(accessLevel: options.accessLevel, namespace: options.namespace),
                templates: templates),
            documentationFiles: options.emitDocumentation ? DocumentationEmitter.emit(schema, templates: templates) : [])
    }
}
