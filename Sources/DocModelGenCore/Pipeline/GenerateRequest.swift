/// What the user asked `generate` for on the command line, before the config file is merged in.
public struct GenerateOptions: Sendable, Hashable {
    public var inputs: [String] = []
    public var config: String?
    public var output: String?
    public var docsOutput: String?
    public var accessLevel: AccessLevel?
    public var templates: String?
    public var multipartModels: [String] = []
    public var namespace: String?
    public var silence: [Diagnostic.Kind] = []
    public var noDocs = false
    /// A type cell that is not understood is an error instead of a `JSONValue` field.
    public var strict = false
    /// List every note instead of a summary per kind.
    public var verbose = false
    /// The API's OpenAPI document (wire names, defaults, formats).
    public var openAPI: String?
    /// The Python SDK's package folder, whose `models` give wire names and defaults.
    public var pythonSDK: String?
    /// Give fields the overlay's defaults in the memberwise `init`, so they are sent as the SDK does.
    public var sendDefaults = false
    /// No client, even with `docs/sdks` beside the models.
    public var noClient = false
    /// Bundle each tree's Swift files into this many files (0: one per page; nil: the config's, else automatic).
    public var bundles: Int?

    public init() {}
}

/// Whether and how the client is generated (`docs/sdks` beside the models, unless turned off).
public struct ClientRequest: Sendable, Hashable {
    public var isEnabled: Bool
    public var binding: ClientBinding.Options

    public init(isEnabled: Bool = true, binding: ClientBinding.Options = ClientBinding.Options()) {
        self.isEnabled = isEnabled
        self.binding = binding
    }
}

/// One `generate` run, fully decided: the command-line options over the config file (options win).
public struct GenerateRequest: Sendable {
    /// One docs tree: the pages to read and how its files are named.
    public struct Tree: Sendable, Hashable {
        /// Files and folders as the user or the config named them.
        public var inputs: [String]
        public var namespace: String?
        public var filePrefix: String = ""
        /// The operations pages and README a config's plan found beside the pages (its inputs are
        /// then page files, not the folder): `PagePlan.Job.sdkPages`, `readme`.
        public var sdkPages: [String] = []
        public var readme: String?

        public init(inputs: [String], namespace: String?, filePrefix: String = "", sdkPages: [String] = [], readme: String? = nil) {
            self.inputs = inputs
            self.namespace = namespace
            self.filePrefix = filePrefix
            self.sdkPages = sdkPages
            self.readme = readme
        }
    }

    public var trees: [Tree]
    public var output: String
    public var docsOutput: String?
    public var accessLevel: AccessLevel
    public var templates: String?
    public var multipartModels: [String]
    public var silence: Set<Diagnostic.Kind>
    public var verbose: Bool
    public var strict: Bool
    /// Where wire names, defaults and formats come from besides the docs (see `WireOverlay`).
    public var openAPI: String?
    public var pythonSDK: String?
    public var sendDefaults = false
    public var client = ClientRequest()
    /// How many files each tree's Swift files are bundled into (0: one per page; nil: automatic,
    /// `SwiftFileLayout.resolve`).
    public var bundles: Int?

    /// The run `options` ask for, with `config` (already loaded) under them and `plan` its pages.
    /// A combination that cannot run is a usage error (exit status 2), returned as its message, which
    /// names the config file as `displayPath` shows it.
    public static func resolve(
        _ options: GenerateOptions, config: ConfigFile?, plan: PagePlan?, displayPath: (String) -> String = { $0 }
    ) -> Result<GenerateRequest, UsageProblem> {
        guard let config else {
            guard let output = options.output else { return .failure(UsageProblem("--output is required (or --config with an \"output\")")) }
            return .success(GenerateRequest(
                trees: [Tree(inputs: options.inputs, namespace: options.namespace)], output: output,
                docsOutput: options.noDocs ? nil : options.docsOutput, accessLevel: options.accessLevel ?? .public,
                templates: options.templates, multipartModels: options.multipartModels,
                silence: Set(options.silence), verbose: options.verbose, strict: options.strict,
                openAPI: options.openAPI, pythonSDK: options.pythonSDK, sendDefaults: options.sendDefaults,
                client: ClientRequest(isEnabled: !options.noClient), bundles: options.bundles))
        }
        var trees: [Tree]
        if options.inputs.isEmpty, let plan {
            if options.namespace != nil, plan.jobs.count > 1 {
                return .failure(UsageProblem("--namespace names one namespace, but \(displayPath(config.file)) has \(plan.jobs.count) inputs"))
            }
            trees = plan.jobs.map {
                Tree(inputs: $0.pages, namespace: options.namespace ?? $0.input?.namespace, filePrefix: $0.filePrefix,
                     sdkPages: $0.sdkPages, readme: $0.readme)
            }
        } else {
            trees = [Tree(inputs: options.inputs, namespace: options.namespace)]
        }
        guard let output = options.output ?? config.output else {
            return .failure(UsageProblem("--output is required when \(displayPath(config.file)) has no \"output\""))
        }
        return .success(GenerateRequest(
            trees: trees, output: output, docsOutput: options.noDocs ? nil : options.docsOutput ?? config.docs,
            accessLevel: options.accessLevel ?? config.accessLevel ?? .public,
            templates: options.templates ?? config.templates,
            multipartModels: options.multipartModels.isEmpty ? config.multipart : options.multipartModels,
            silence: Set(options.silence + config.silence), verbose: options.verbose, strict: options.strict || config.strict,
            openAPI: options.openAPI ?? config.openAPI, pythonSDK: options.pythonSDK ?? config.pythonSDK,
            sendDefaults: options.sendDefaults || config.sendDefaults,
            client: ClientRequest(
                isEnabled: !options.noClient && config.client.isEnabled,
                binding: ClientBinding.Options(typeName: config.client.typeName, include: config.client.include, exclude: config.client.exclude)),
            bundles: options.bundles ?? config.bundles))
    }
}

/// A command line that cannot run as given (exit status 2).
public struct UsageProblem: Error, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
