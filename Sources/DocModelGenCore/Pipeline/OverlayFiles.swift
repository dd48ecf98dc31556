/// The overlay sources a reading edge found (`--openapi`, `--python-sdk`): what `Generation` turns
/// into `WireFacts` with the OpenAPI document's reader and `PythonModelReader`. The edge reads files; the rules
/// (which files, what they say, what is wrong with them) are the readers'.
public struct OverlayFiles: Sendable {
    /// An OpenAPI document: its absolute path and a loader for it and the sibling files its
    /// `$ref`s name (nil when a file cannot be read).
    public struct OpenAPI: Sendable {
        public var path: String
        public var load: @Sendable (String) -> [UInt8]?
        /// What reads the document: `DocModelGenOpenAPI`'s `OpenAPIReader.read` (jpsim/Yams, behind
        /// the package trait OpenAPI); nil in a tool built without that trait.
        public var reader: OpenAPIDocumentReader?

        public init(path: String, reader: OpenAPIDocumentReader?, load: @escaping @Sendable (String) -> [UInt8]?) {
            self.path = path
            self.reader = reader
            self.load = load
        }
    }

    /// A Python SDK's package folder (absolute), its `.py` model files
    /// (`PythonModelFiles.select`) and its operation modules (`PythonModelFiles.selectOperations`),
    /// paths relative to it.
    public struct PythonSDK: Sendable {
        public var folder: String
        public var files: [(path: String, bytes: [UInt8])]
        public var operationFiles: [(path: String, bytes: [UInt8])]

        public init(folder: String, files: [(path: String, bytes: [UInt8])], operationFiles: [(path: String, bytes: [UInt8])] = []) {
            self.folder = folder
            self.files = files
            self.operationFiles = operationFiles
        }
    }

    public var openAPI: OpenAPI?
    public var pythonSDK: PythonSDK?

    public init(openAPI: OpenAPI? = nil, pythonSDK: PythonSDK? = nil) {
        self.openAPI = openAPI
        self.pythonSDK = pythonSDK
    }

    /// What the sources say, and what is wrong with them (absolute paths).
    public func facts() -> (facts: [WireFacts], diagnostics: [Diagnostic]) {
        var facts: [WireFacts] = []
        var diagnostics: [Diagnostic] = []
        if let pythonSDK {
            let read = PythonModelReader.read(files: pythonSDK.files, operationFiles: pythonSDK.operationFiles)
            facts.append(read.facts)
            diagnostics += read.diagnostics.map { $0.resolvingPath(against: pythonSDK.folder) }
            if read.facts.models.isEmpty {
                diagnostics.append(.error("no Speakeasy model class found under \(pythonSDK.folder) (name the SDK's package folder, which holds models/)", at: .file(pythonSDK.folder)))
            }
        }
        if let openAPI {
            if let reader = openAPI.reader {
                let read = reader(openAPI.path, openAPI.load)
                if let found = read.facts { facts.append(found) }
                diagnostics += read.diagnostics
            } else {
                diagnostics.append(.error(
                    "this docmodelgen was built without the package trait OpenAPI, so it cannot read an OpenAPI document (depend on DocModelGen with its default traits, or use --python-sdk)",
                    at: .file(openAPI.path)))
            }
        }
        return (facts, diagnostics)
    }
}

/// Reads an OpenAPI document (`rootPath`, and the files its `$ref`s name through `load`) into wire
/// facts and the diagnostics of what is wrong with it. A module of its own implements it
/// (`DocModelGenOpenAPI`, over jpsim/Yams), so the core compiles beside Yams instead of after it.
public typealias OpenAPIDocumentReader = @Sendable (_ rootPath: String, _ load: (String) -> [UInt8]?) -> (facts: WireFacts?, diagnostics: [Diagnostic])
