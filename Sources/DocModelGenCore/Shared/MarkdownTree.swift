import Foundation

/// The `.md` pages below a folder, found in one `readdir` walk: regular files, and symbolic links
/// named `*.md` (reported apart, because the CLI must check where they point). Hidden entries are
/// skipped and folder links are not followed, so a link loop cannot hang the walk.
///
/// POSIX rather than `FileManager.enumerator` + `URL.resourceValues`, which took most of the read
/// stage (a `stat` and several allocations per entry). Foundation only: compiled into the plugins.
public struct MarkdownTree: Sendable {
    /// Absolute paths of regular `.md` files, sorted.
    public var files: [String] = []
    /// Absolute paths of `.md` symbolic links, sorted.
    public var links: [String] = []

    public init(folder: String) {
        let folder = Self.modelPagesFolder(of: folder.hasSuffix("/") && folder.count > 1 ? String(folder.dropLast()) : folder)
        var pending = [folder]
        while let current = pending.popLast() {
            guard let directory = opendir(current) else { continue }
            defer { closedir(directory) }
            let prefix = current == "/" ? "/" : current + "/"
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                guard !name.hasPrefix(".") else { continue }
                let path = prefix + name
                switch Self.kind(of: entry.pointee.d_type, path: path) {
                case .folder: pending.append(path)
                case .file where name.hasSuffix(".md"): files.append(path)
                case .link where name.hasSuffix(".md"): links.append(path)
                default: break
                }
            }
        }
        files.sort()
        links.sort()
    }

    private enum Kind { case folder, file, link, other }

    /// Where the model pages of `folder` are. An SDK checkout (`<sdk>/docs/models`) or its docs
    /// folder (`docs/models` beside `docs/sdks`) also holds pages that document the SDK, not a model:
    /// its `README.md`, `LICENSE.md` and the operations pages `docs/sdks/<group>/README.md` (read apart,
    /// for the client). Given such a folder, only its `models` folder holds model pages; any other
    /// folder is walked whole.
    public static func modelPagesFolder(of folder: String) -> String {
        let prefix = folder == "/" ? "/" : folder + "/"
        if isFolder(prefix + "docs/models") { return prefix + "docs/models" }
        if isFolder(prefix + "models"), isFolder(prefix + "sdks") { return prefix + "models" }
        return folder
    }

    /// The pages that document the SDK of `folder` rather than its models, when `folder` is an SDK
    /// checkout, its docs folder or its `docs/models`: the operations pages
    /// (`docs/sdks/<group>/README.md`, sorted) and the SDK's `README.md` beside `docs`.
    public static func sdkPages(of folder: String) -> (operations: [String], readme: String?) {
        let models = modelPagesFolder(of: folder.hasSuffix("/") && folder.count > 1 ? String(folder.dropLast()) : folder)
        guard models.hasSuffix("/models") else { return ([], nil) }
        let docs = String(models.dropLast("/models".count))
        let sdks = docs + "/sdks"
        guard isFolder(sdks) else { return ([], nil) }
        let operations = MarkdownTree(folder: sdks).files.filter { $0.hasSuffix("/README.md") && $0.dropLast("/README.md".count).split(separator: "/").count == sdks.split(separator: "/").count + 1 }
        let readme = docs.hasSuffix("/docs") ? String(docs.dropLast("/docs".count)) + "/README.md" : nil
        var status = stat()
        return (operations, readme.flatMap { stat($0, &status) == 0 && status.st_mode & S_IFMT == S_IFREG ? $0 : nil })
    }

    private static func isFolder(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }

    private static func kind(of type: UInt8, path: String) -> Kind {
        switch Int32(type) {
        case Int32(DT_DIR): return .folder
        case Int32(DT_REG): return .file
        case Int32(DT_LNK): return .link
        case Int32(DT_UNKNOWN):
            // Some file systems do not fill in d_type.
            var status = stat()
            guard lstat(path, &status) == 0 else { return .other }
            switch status.st_mode & S_IFMT {
            case S_IFDIR: return .folder
            case S_IFREG: return .file
            case S_IFLNK: return .link
            default: return .other
            }
        default: return .other
        }
    }
}
