import Foundation

/// `docmodelgen-config.json`: what to generate, read strictly. An unknown key, a value of the wrong
/// type or a path that leaves the package is an error at its line and column.
///
/// Foundation only: the build and command plugins compile this file too (their `Config` folders
/// link here), so the plugins and the tool read a config the same way.
public struct ConfigFile: Sendable {
    public static let fileName = "docmodelgen-config.json"

    /// One docs tree.
    public struct Input: Sendable, Hashable {
        /// Absolute, standardised folder.
        public var folder: String
        /// The folder relative to the package root ("." for the root itself).
        public var packagePath: String
        /// Swift namespace (an enum) that wraps this tree's types, if asked.
        public var namespace: String?
    }

    /// The config file (absolute, standardised).
    public var file: String
    /// Paths in the file may not leave this folder.
    public var packageRoot: String
    public var inputs: [Input] = []
    public var accessLevel: AccessLevel?
    /// Page globs relative to each input folder; empty means every page.
    public var include: [String] = []
    public var exclude: [String] = []
    public var multipart: [String] = []
    /// Absolute folder of template overrides.
    public var templates: String?
    /// Absolute folder for Swift files (used by the CLI and the command plugin; the build plugin
    /// writes to its own work folder).
    public var output: String?
    /// Absolute folder for docs pages; nil when docs are off.
    public var docs: String?
    /// Types that are not understood are errors (`--strict`).
    public var strict = false
    /// Kinds of warnings and notes not to print (`Diagnostic.Kind`).
    public var silence: [Diagnostic.Kind] = []
    /// Absolute path of the API's OpenAPI document (`--openapi`).
    public var openAPI: String?
    /// Absolute folder of the Python SDK's package (`--python-sdk`).
    public var pythonSDK: String?
    /// Send the defaults the overlay finds, as the Python SDK does (`--send-defaults`).
    public var sendDefaults = false
    /// How many files each tree's Swift files are bundled into (0: one file per page; nil:
    /// automatic, `SwiftFileLayout.resolve`).
    public var bundles: Int?
    /// The `client` key: `false` for none, or `{"name": …, "include": […], "exclude": […]}`.
    public var client = Client()

    /// How the API client is generated from `docs/sdks` (`client` in the config).
    public struct Client: Sendable, Hashable {
        public var isEnabled = true
        /// The client's type name (default: the SDK's class, `Polar` → `PolarClient`).
        public var typeName: String?
        /// Operation globs over `group/…/operation` (`customers/*`, `**/list`).
        public var include: [String] = []
        public var exclude: [String] = []
        public init() {}
    }

    /// An empty config for `file`, whose paths stay inside `packageRoot`; `load` fills one from the file.
    public init(file: String, packageRoot: String) {
        self.file = file
        self.packageRoot = packageRoot
    }

    static let keys = [
        "inputs", "accessLevel", "include", "exclude", "multipart", "templates", "output", "docs", "silence", "strict",
        "openapi", "pythonSDK", "sendDefaults", "client", "bundles",
    ]

    /// Reads and checks `file`. Paths must stay inside `packageRoot`; by default the nearest
    /// folder above the file that holds a `Package.swift` (or the file's own folder).
    public static func load(_ file: String, packageRoot: String? = nil) -> Result<ConfigFile, DiagnosticList> {
        let path = PathMath.standardize(file)
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            return .failure(DiagnosticList([.error(
                exists ? "cannot read the config file" : "no such file (a target that uses DocModelGenBuildPlugin keeps its \(fileName) in its folder)",
                at: .file(path))]))
        }
        return parse(String(decoding: data, as: UTF8.self), file: path,
                     packageRoot: packageRoot.map(PathMath.standardize) ?? PathMath.packageRoot(containing: path))
    }

    public static func parse(_ text: String, file: String, packageRoot: String) -> Result<ConfigFile, DiagnosticList> {
        let root: JSONNode
        do {
            root = try JSONReader.parse(text)
        } catch {
            return .failure(DiagnosticList([.error(error.message, at: error.position.location(in: file))]))
        }
        var reader = Reader(file: file, folder: PathMath.parent(of: file), packageRoot: packageRoot)
        var config = ConfigFile(file: file, packageRoot: packageRoot)
        reader.read(root, into: &config)
        return reader.problems.isEmpty ? .success(config) : .failure(DiagnosticList(reader.problems))
    }

    /// Checks values one key at a time, collecting every problem.
    private struct Reader {
        var file: String
        var folder: String
        var packageRoot: String
        var problems: [Diagnostic] = []

        mutating func fail(_ message: String, at node: JSONNode) {
            problems.append(.error(message, at: node.position.location(in: file)))
        }

        mutating func read(_ root: JSONNode, into config: inout ConfigFile) {
            guard case .object(let members) = root.value else {
                return fail("the config must be a JSON object, found \(root.kindName)", at: root)
            }
            var sawInputs = false
            for member in members {
                let value = member.value
                switch member.key {
                case "inputs":
                    sawInputs = true
                    config.inputs = inputs(value)
                case "accessLevel":
                    if let level = string(value, "accessLevel") {
                        if let parsed = AccessLevel(rawValue: level) {
                            config.accessLevel = parsed
                        } else {
                            fail("accessLevel must be one of \(AccessLevel.allCases.map(\.rawValue).joined(separator: ", ")), found '\(level)'", at: value)
                        }
                    }
                case "include": config.include = globs(value, "include")
                case "exclude": config.exclude = globs(value, "exclude")
                case "multipart": config.multipart = strings(value, "multipart")
                case "strict", "sendDefaults":
                    guard case .bool(let flag) = value.value else {
                        fail("\(member.key) must be true or false, found \(value.kindName)", at: value)
                        continue
                    }
                    if member.key == "strict" { config.strict = flag } else { config.sendDefaults = flag }
                case "openapi":
                    config.openAPI = path(value, "openapi", mustBeFolder: false)
                    if let file = config.openAPI, !FileManager.default.fileExists(atPath: file) {
                        fail("openapi '\(file)' does not exist", at: value)
                    }
                case "pythonSDK": config.pythonSDK = path(value, "pythonSDK", mustBeFolder: true)
                case "silence":
                    for element in strings(value, "silence") {
                        let kind = Diagnostic.Kind(rawValue: element)
                        if Diagnostic.Kind.all.contains(kind) {
                            config.silence.append(kind)
                        } else {
                            fail("silence takes kinds of warnings and notes (\(Diagnostic.Kind.all.map(\.rawValue).joined(separator: ", "))), found '\(element)'", at: value)
                        }
                    }
                case "client":
                    if case .bool(let flag) = value.value {
                        config.client.isEnabled = flag
                        continue
                    }
                    guard case .object(let entries) = value.value else {
                        fail("client must be true, false or an object with name, include and exclude, found \(value.kindName)", at: value)
                        continue
                    }
                    for entry in entries {
                        switch entry.key {
                        case "name":
                            guard let name = string(entry.value, "client name") else { continue }
                            if name.isEmpty || !name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) || name.first!.isNumber {
                                fail("client name must be a Swift identifier, found '\(name)'", at: entry.value)
                            } else {
                                config.client.typeName = name
                            }
                        case "include": config.client.include = operationGlobs(entry.value, "client include")
                        case "exclude": config.client.exclude = operationGlobs(entry.value, "client exclude")
                        default:
                            problems.append(.error(
                                "unknown key '\(entry.key)' in client; known keys: name, include, exclude",
                                at: entry.keyPosition.location(in: file)))
                        }
                    }
                case "bundles":
                    var found = value.kindName
                    if case .number(let number) = value.value {
                        if number >= 0, number <= Double(OutputNaming.maximumBundleCount), number == number.rounded() {
                            config.bundles = Int(number)
                            continue
                        }
                        found = number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
                    }
                    fail("bundles must be a whole number from 0 (one Swift file per page) to \(OutputNaming.maximumBundleCount), found \(found)", at: value)
                case "templates": config.templates = path(value, "templates", mustBeFolder: true)
                case "output": config.output = path(value, "output", mustBeFolder: false)
                case "docs":
                    if case .bool(false) = value.value { config.docs = nil; continue }
                    if case .bool(true) = value.value {
                        fail("docs turns docs pages on by naming their folder: give a folder as a string, or false for none", at: value)
                        continue
                    }
                    if case .string = value.value {
                        config.docs = path(value, "docs", mustBeFolder: false)
                    } else {
                        fail("docs must be a folder (a string) or false, found \(value.kindName)", at: value)
                    }
                default:
                    problems.append(.error(
                        "unknown key '\(member.key)'; known keys: \(ConfigFile.keys.joined(separator: ", "))",
                        at: member.keyPosition.location(in: file)))
                }
            }
            if !sawInputs {
                fail("missing key 'inputs' (the docs folders to read)", at: root)
            }
        }

        mutating func inputs(_ node: JSONNode) -> [Input] {
            guard case .array(let elements) = node.value else {
                fail("inputs must be a list of folders, found \(node.kindName)", at: node)
                return []
            }
            if elements.isEmpty { fail("inputs must name at least one folder", at: node) }
            var result: [Input] = []
            for element in elements {
                var pathNode: JSONNode?
                var namespace: String?
                switch element.value {
                case .string:
                    pathNode = element
                case .object(let members):
                    for member in members {
                        switch member.key {
                        case "path": pathNode = member.value
                        case "namespace":
                            guard let name = string(member.value, "namespace") else { continue }
                            if PathMath.isSwiftIdentifier(name) {
                                namespace = name
                            } else {
                                fail("namespace must be a Swift identifier, found '\(name)'", at: member.value)
                            }
                        default:
                            problems.append(.error(
                                "unknown key '\(member.key)' in an input; known keys: path, namespace",
                                at: member.keyPosition.location(in: file)))
                        }
                    }
                    if pathNode == nil { fail("an input object needs a 'path'", at: element) }
                default:
                    fail("each input must be a folder (a string) or {\"path\": …, \"namespace\": …}, found \(element.kindName)", at: element)
                }
                guard let pathNode, let folder = path(pathNode, "input", mustBeFolder: true) else { continue }
                let input = Input(folder: folder, packagePath: PathMath.relative(folder, to: packageRoot), namespace: namespace)
                if let other = result.first(where: { PathMath.overlaps($0.folder, folder) }) {
                    fail("input '\(input.packagePath)' overlaps input '\(other.packagePath)'; a page may belong to one input only", at: pathNode)
                    continue
                }
                if let namespace, let other = result.first(where: { $0.namespace == namespace }) {
                    fail("namespace '\(namespace)' is already the namespace of input '\(other.packagePath)'", at: element)
                    continue
                }
                result.append(input)
            }
            return result
        }

        mutating func string(_ node: JSONNode, _ key: String) -> String? {
            guard case .string(let text) = node.value else {
                fail("\(key) must be a string, found \(node.kindName)", at: node)
                return nil
            }
            return text
        }

        mutating func strings(_ node: JSONNode, _ key: String) -> [String] {
            guard case .array(let elements) = node.value else {
                fail("\(key) must be a list of strings, found \(node.kindName)", at: node)
                return []
            }
            return elements.compactMap { string($0, "each entry of \(key)") }
        }

        /// Operation globs (`customers/*`): strings over the group path and the operation name.
        mutating func operationGlobs(_ node: JSONNode, _ key: String) -> [String] {
            let found = strings(node, key)
            for glob in found where glob.isEmpty { fail("\(key) globs must not be empty", at: node) }
            return found.filter { !$0.isEmpty }
        }

        mutating func globs(_ node: JSONNode, _ key: String) -> [String] {
            guard case .array(let elements) = node.value else {
                fail("\(key) must be a list of page globs, found \(node.kindName)", at: node)
                return []
            }
            var result: [String] = []
            for element in elements {
                guard let glob = string(element, "each entry of \(key)") else { continue }
                if glob.isEmpty || glob.hasPrefix("/") || glob.split(separator: "/").contains("..") {
                    fail("\(key) globs are relative to each input folder, found '\(glob)'", at: element)
                } else {
                    result.append(glob)
                }
            }
            return result
        }

        /// A path relative to the config file's folder, resolved and kept inside the package.
        mutating func path(_ node: JSONNode, _ key: String, mustBeFolder: Bool) -> String? {
            guard let text = string(node, key) else { return nil }
            guard !text.isEmpty, !text.hasPrefix("/"), !text.hasPrefix("~") else {
                fail("\(key) must be a path relative to the config file's folder, found '\(text)'", at: node)
                return nil
            }
            let resolved = PathMath.standardize(folder + "/" + text)
            guard PathMath.isInside(resolved, packageRoot) else {
                fail("\(key) '\(text)' is outside the package (\(packageRoot))", at: node)
                return nil
            }
            if mustBeFolder {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory), isDirectory.boolValue else {
                    fail("\(key) '\(text)' is not a folder", at: node)
                    return nil
                }
            }
            return resolved
        }
    }
}
