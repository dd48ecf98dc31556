/// A file as the reading edge (the CLI, a test) found it: the pipeline's input, before any rule.
public struct InputFile: Sendable, Hashable {
    public enum Content: Sendable, Hashable {
        /// The file's bytes.
        case bytes([UInt8])
        /// Larger than `PageBytesCheck.maximumPageSize`: not read.
        case tooLarge(size: Int)
        /// It exists but could not be read.
        case unreadable
    }

    /// Absolute path of the page (for a symbolic link, the file it points to).
    public var path: String
    public var content: Content
    /// Set when the page was reached through a symbolic link found in an input folder.
    public var link: Link?

    /// A symbolic link and the input folder (symlinks resolved) its target must stay inside.
    public struct Link: Sendable, Hashable {
        public var path: String
        public var folder: String
        /// The input folder as the user named it, for messages.
        public var input: String

        public init(path: String, folder: String, input: String) {
            self.path = path
            self.folder = folder
            self.input = input
        }
    }

    public init(path: String, content: Content, link: Link? = nil) {
        self.path = path
        self.content = content
        self.link = link
    }
}

/// The pages of one docs tree, with every input rule applied: each input exists, links stay inside
/// their folder, bytes are valid UTF-8 without NUL within the size limit, and no two page names
/// differ only in case. The root is the deepest folder holding every page, so the same pages get the
/// same root-relative paths whether they are named one by one or by folder, from any directory.
public struct PageSet: Sendable {
    /// Absolute folder the page paths are relative to.
    public var root: String
    public var pages: [SourcePage]
    /// Errors (absolute paths); when there is one, the tree is not generated.
    public var diagnostics: [Diagnostic]

    /// The pages of `files`, found in `inputs` (files and folders as the user named them), of which
    /// `missing` do not exist.
    public init(files: [InputFile], inputs: [String], missing: [String] = []) {
        var problems: [Diagnostic] = missing.map { .error("no such file or directory", at: .file($0)) }
        var unique: [String: InputFile] = [:]
        for file in files {
            if let link = file.link, !PathMath.isInside(file.path, link.folder) || file.path == link.folder {
                problems.append(.error(
                    "symbolic link to '\(file.path)', outside the input folder '\(link.input)'",
                    at: SourceLocation(file: link.path, line: 1, column: 1)))
                continue
            }
            unique[file.path] = unique[file.path] ?? file
        }
        let byPath = unique
        let paths = byPath.keys.sorted()
        let root = paths.isEmpty ? "/" : PagePlan.commonFolder(of: paths)
        let prefixLength = root.count + (root.hasSuffix("/") ? 0 : 1)
        // Checking and decoding run in parallel; the case check needs every name, in order.
        let checked = paths.parallelMap { path -> (page: SourcePage?, problems: [Diagnostic]) in
            let relative = String(path.dropFirst(prefixLength))
            switch byPath[path]!.content {
            case .unreadable:
                return (nil, [.error("cannot read file", at: SourceLocation(file: path, line: 1, column: 1))])
            case .tooLarge(let size):
                return (nil, PageBytesCheck.sizeDiagnostic(path: path, size: size).map { [$0] } ?? [])
            case .bytes(let bytes):
                let checks = PageBytesCheck.diagnostics(path: path, bytes: bytes)
                guard checks.isEmpty else { return (nil, checks) }
                return (SourcePage(path: relative, text: String(decoding: bytes, as: UTF8.self)), [])
            }
        }
        var pages: [SourcePage] = []
        var outputNames: [String: String] = [:]
        for (path, result) in zip(paths, checked) {
            if case .unreadable = byPath[path]!.content {
                problems += result.problems
                continue
            }
            let relative = String(path.dropFirst(prefixLength))
            // Output names that differ only in case collide on macOS and Windows file systems.
            let folded = relative.lowercased()
            if let other = outputNames[folded] {
                problems.append(.error(
                    "page name differs from '\(other)' only in case; their generated files would collide",
                    at: SourceLocation(file: path, line: 1, column: 1)))
                continue
            }
            outputNames[folded] = relative
            problems += result.problems
            if let page = result.page { pages.append(page) }
        }
        if files.isEmpty && problems.isEmpty {
            problems.append(.error("no .md pages found in \(inputs.joined(separator: ", "))"))
        }
        self.root = root
        self.pages = pages
        self.diagnostics = problems.sorted()
    }
}
