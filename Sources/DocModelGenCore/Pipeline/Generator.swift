/// The whole pipeline as one pure function: pages in, schema + diagnostics + files out.
///
/// `markdown --(cmark)--> PageParser --> SchemaBuilder --> Validator --> emitters`
public enum Generator {
    public struct Options: Sendable, Hashable {
        public var accessLevel: AccessLevel
        public var emitDocumentation: Bool
        /// Models (by page title or Swift name) to send as multipart/form-data even without a file.
        public var multipartModels: Set<String>
        /// Types that are not understood are errors instead of `JSONValue` fields with a warning.
        public var strict: Bool
        /// When set, every generated type is nested in `enum <namespace>` (declared in an extra file,
        /// `<namespace>.namespace.swift`), so several docs trees can share one module.
        public var namespace: String?
        /// What an OpenAPI document or a Python SDK says about the wire (`WireOverlay`).
        public var overlay: [WireFacts]
        /// Memberwise `init`s default fields to the overlay's defaults (see `SwiftModelEmitter.Options`).
        public var sendDefaults: Bool

        public init(
            accessLevel: AccessLevel = .public, emitDocumentation: Bool = true, multipartModels: Set<String> = [],
            namespace: String? = nil, strict: Bool = false, overlay: [WireFacts] = [], sendDefaults: Bool = false
        ) {
            self.strict = strict
            self.overlay = overlay
            self.sendDefaults = sendDefaults
            self.accessLevel = accessLevel
            self.emitDocumentation = emitDocumentation
            self.multipartModels = multipartModels
            self.namespace = namespace
        }
    }

    /// Time spent in each stage of one run (`docmodelgen generate --timings`).
    public struct Timings: Sendable {
        public var parse: Duration = .zero
        public var validate: Duration = .zero
        public var emit: Duration = .zero
        /// Reading the operations pages and the README, binding and emitting the client (zero
        /// without operations pages).
        public var client: Duration = .zero
    }

    public struct Output: Sendable {
        public var schema: Schema
        /// `multipartModels` that name no model of these pages.
        public var unmatchedMultipartModels: [String] = []
        public var timings = Timings()
        /// Sorted by location; when any is an error, no files are produced.
        public var diagnostics: [Diagnostic]
        public var swiftFiles: [GeneratedFile]
        public var documentationFiles: [GeneratedFile]
        /// The model files, named but not rendered, when `run` was asked to defer them (then
        /// `swiftFiles` is empty).
        var pendingSwiftFiles: [PendingFile] = []
    }

    /// Parses and builds the schema of `pages` (paths relative to `root`, an absolute folder).
    public static func schema(of pages: [SourcePage], root: String) -> Schema {
        SchemaBuilder.build(sources: pages, root: root)
    }

    /// The schema of `pages` with `overlay` applied, and what the matching found.
    public static func schema(of pages: [SourcePage], root: String, overlay: [WireFacts]) -> (schema: Schema, diagnostics: [Diagnostic]) {
        WireOverlay.apply(overlay, to: schema(of: pages, root: root))
    }

    /// `schema` with the SDK's operations (`operations`, the `docs/sdks/<group>/README.md` pages,
    /// paths relative to `root`) and its README's servers and security read into `Schema.api`, and
    /// the diagnostics of reading them. Without either, `schema` as it is.
    public static func addingAPI(to schema: Schema, operations: [SourcePage], readme: SourcePage?, root: String) -> (schema: Schema, diagnostics: [Diagnostic]) {
        guard !operations.isEmpty || readme != nil else { return (schema, []) }
        let (groups, diagnostics) = SchemaBuilder.operationGroups(of: operations, models: schema, root: root)
        var schema = schema
        schema.api = API(groups: groups, overview: readme.map { SDKReadmeParser.parse(PageParser.parse($0.text, path: $0.path)) })
        return (schema, diagnostics)
    }

    /// The client of `schema.api` (`ClientBinding`, `SwiftClientEmitter`): its files, one per
    /// operations page in `groupPages` (paths relative to the docs root) and the client's, and what
    /// binding found. Nothing without operations.
    public static func client(
        of schema: Schema, groupPages: [String], binding options: ClientBinding.Options, emitter: SwiftClientEmitter.Options,
        templates: TemplateSet
    ) -> (files: [GeneratedFile], operations: Int, diagnostics: [Diagnostic]) {
        let binding = SwiftBinding(schema)
        let (plan, diagnostics) = ClientBinding.plan(binding, options: options)
        guard let plan, !diagnostics.hasErrors else { return ([], 0, diagnostics) }
        return (SwiftClientEmitter.emit(plan, binding: binding, groupPages: groupPages, options: emitter, templates: templates),
                plan.groups.reduce(0) { $0 + $1.operations.count }, diagnostics)
    }

    /// Every diagnostic of `schema`, sorted; with `strict`, what is generated as `JSONValue` is an
    /// error instead.
    public static func diagnostics(of schema: Schema, strict: Bool = false) -> [Diagnostic] {
        let found = Validator.validate(schema)
        return strict ? found.map { $0.kind == .unknownType ? $0.asError : $0 } : found
    }

    /// Runs every stage. Emitters run only when validation found no error.
    public static func run(_ pages: [SourcePage], root: String, options: Options, templates: TemplateSet) -> Output {
        run(pages, root: root, options: options, templates: templates, deferringSwift: false)
    }

    /// `run`; with `deferringSwift`, the model files are left in `pendingSwiftFiles` for the caller
    /// to render.
    static func run(_ pages: [SourcePage], root: String, options: Options, templates: TemplateSet, deferringSwift: Bool) -> Output {
        let clock = ContinuousClock()
        var timings = Timings()
        var schema = Schema(models: [])
        var overlayDiagnostics: [Diagnostic] = []
        timings.parse = clock.measure { (schema, overlayDiagnostics) = self.schema(of: pages, root: root, overlay: options.overlay) }
        var diagnostics: [Diagnostic] = []
        var binding = SwiftBinding(schema)
        var unmatched: [String] = []
        timings.validate = clock.measure {
            (schema, unmatched) = schema.markingMultipart(options.multipartModels) { [binding] in [binding.typeNames[$0]] }
            binding = binding.rebinding(schema)
            diagnostics = (Generator.diagnostics(of: schema, strict: options.strict) + overlayDiagnostics).sorted()
        }
        var output = Output(schema: schema, timings: timings, diagnostics: diagnostics, swiftFiles: [], documentationFiles: [])
        output.unmatchedMultipartModels = unmatched
        guard !diagnostics.hasErrors else { return output }
        output.timings.emit = clock.measure {
            let pending = SwiftModelEmitter.pending(
                binding,
                options: SwiftModelEmitter.Options(accessLevel: options.accessLevel, namespace: options.namespace, sendDefaults: options.sendDefaults),
                templates: templates)
            if deferringSwift {
                output.pendingSwiftFiles = pending
            } else {
                output.swiftFiles = pending.parallelMap { $0.rendered() }
            }
            output.documentationFiles = options.emitDocumentation ? DocumentationEmitter.emit(binding, templates: templates) : []
        }
        return output
    }
}
