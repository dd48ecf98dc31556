import DocModelGenCore

/// `generate`'s command-line grammar and how its arguments become a `Generate`.
extension Generate {
    /// The flags and options of `generate`; `--help` lists them in this order.
    static let spec = CommandSpec(
        name: "generate",
        abstract: "Generate Swift models (and docs pages) from model pages.",
        discussion: "Nothing is written when any page has an error.",
        inputsHelp: "Markdown pages or folders searched recursively for .md files (default: the config's inputs).",
        inputsRequired: false,
        options: [
            .option("config", help: "A docmodelgen-config.json; the flags given here win over it."),
            .option("output", help: "Folder for the generated Swift files."),
            .option("docs-output", help: "Folder for the generated markdown docs pages."),
            .option("access-level", help: "Access level of generated declarations: public, internal or package."),
            .option("templates", help: "Folder whose templates override the bundled ones by file name."),
            .option("multipart", valueName: "model", help: "Send this model (page title or Swift name) as multipart/form-data even if it carries no file. Repeatable."),
            .option("namespace", help: "Nest every generated type in `enum NAME`, declared in NAME.namespace.swift (default: each config input's \"namespace\")."),
            .flag("check", help: "Write nothing; exit 1 when the output would change."),
            .flag("dry-run", help: "Write nothing; list what would be written."),
            .flag("no-docs", help: "Write no docs pages, even if the config names a docs folder."),
            .flag("absolute-paths", help: "Print absolute paths in diagnostics (for IDEs and build plugins)."),
            .flag("timings", help: "Print the time spent in each stage (read, parse, validate, emit, write) to standard error."),
        ])

    /// Reads the parsed arguments; an unknown `--access-level` is a usage error.
    init(_ arguments: ParsedArguments) throws(UsageError) {
        inputs = arguments.inputs
        config = arguments.value("config")
        output = arguments.value("output")
        docsOutput = arguments.value("docs-output")
        if let level = arguments.value("access-level") {
            guard let parsed = AccessLevel(rawValue: level) else {
                throw UsageError("invalid value '\(level)' for '--access-level'; use public, internal or package")
            }
            accessLevel = parsed
        }
        templates = arguments.value("templates")
        multipartModels = arguments.allValues("multipart")
        namespace = arguments.value("namespace")
        check = arguments.flag("check")
        dryRun = arguments.flag("dry-run")
        noDocs = arguments.flag("no-docs")
        absolutePaths = arguments.flag("absolute-paths")
        timings = arguments.flag("timings")
    }
}
