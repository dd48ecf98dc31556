import DocModelGenCore
#if OpenAPI
// Built with the package trait OpenAPI (on by default): the OpenAPI document reader, over jpsim/Yams.
import DocModelGenOpenAPI
#endif
import Foundation

/// The tool's reading edge: the files a docs tree's inputs name, as bytes. Every rule about them
/// (sizes, encodings, links leaving a folder, case collisions) is `PageSet`'s.
enum InputReader {
    /// Folders are searched recursively for `.md` files (regular files and symbolic links).
    /// `sdkPages` and `readme`: the client's pages a config's plan found (its inputs are then
    /// page files); a folder input finds its own.
    static func tree(_ inputs: [String], sdkPages: [String] = [], readme: String? = nil) -> Generation.TreeFiles {
        var found: [(path: String, link: InputFile.Link?)] = []
        var missing: [String] = []
        var sdkPaths: [String] = sdkPages
        var readmePath: String? = readme
        for input in inputs {
            let path = PathMath.standardize(input)
            guard FileManager.default.fileExists(atPath: path) else {
                missing.append(input)
                continue
            }
            guard FileSystem.isFolder(path) else {
                found.append((path, nil))
                continue
            }
            let sdk = MarkdownTree.sdkPages(of: path)
            sdkPaths += sdk.operations
            readmePath = readmePath ?? sdk.readme
            let tree = MarkdownTree(folder: path)
            let realFolder = FileSystem.realPath(path)
            found += tree.files.map { ($0, nil) }
            found += tree.links.map { link in
                (FileSystem.realPath(link), InputFile.Link(path: link, folder: realFolder, input: input))
            }
        }
        let files = found.parallelMap { entry in
            InputFile(path: entry.path, content: readBytes(entry.path), link: entry.link)
        }
        return Generation.TreeFiles(
            files: files, inputs: inputs, missing: missing,
            sdkFiles: sdkPaths.parallelMap { InputFile(path: $0, content: readBytes($0)) },
            sdkReadme: readmePath.map { InputFile(path: $0, content: readBytes($0)) })
    }

    /// The file's bytes, read with plain POSIX calls (one open, fstat and read for a page). A file
    /// over the page size limit is not read: its size is enough to reject it.
    private static func readBytes(_ path: String) -> InputFile.Content {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .unreadable }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return .unreadable }
        let size = Int(status.st_size)
        guard size <= PageBytesCheck.maximumPageSize else { return .tooLarge(size: size) }
        // The page as it was when opened: `size` bytes, without a second read to see the end.
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return .unreadable }
            if count == 0 { break }
            filled += count
        }
        bytes.removeLast(bytes.count - filled)
        return .bytes(bytes)
    }
}

/// The few file-system questions the edges ask.
enum FileSystem {
    static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Absolute, standardised, with symbolic links resolved.
    static func realPath(_ path: String) -> String {
        URL(fileURLWithPath: PathMath.standardize(path)).resolvingSymlinksInPath().path
    }
}

extension InputReader {
    /// The overlay sources `--openapi` and `--python-sdk` name, as the core reads them.
    static func overlay(openAPI: String?, pythonSDK: String?) -> OverlayFiles {
        var overlay = OverlayFiles()
        if let openAPI {
            // `$ref`s name sibling files; the reader decides which it may read.
            overlay.openAPI = OverlayFiles.OpenAPI(path: PathMath.standardize(openAPI), reader: openAPIReader) { path in
                FileManager.default.contents(atPath: path).map { [UInt8]($0) }
            }
        }
        if let pythonSDK {
            let folder = PathMath.standardize(pythonSDK)
            let all = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String]) ?? []
            let load: @Sendable (String) -> (path: String, bytes: [UInt8]) = { path in
                (path, FileManager.default.contents(atPath: folder + "/" + path).map { [UInt8]($0) } ?? [])
            }
            overlay.pythonSDK = OverlayFiles.PythonSDK(
                folder: folder, files: PythonModelFiles.select(all).parallelMap(load),
                operationFiles: PythonModelFiles.selectOperations(all).parallelMap(load))
        }
        return overlay
    }

    /// The OpenAPI document reader this build has: none without the package trait OpenAPI.
    private static var openAPIReader: OpenAPIDocumentReader? {
        #if OpenAPI
        { OpenAPIReader.read(rootPath: $0, load: $1) }
        #else
        nil
        #endif
    }
}
