import DocModelGenCore
import Foundation

/// Reads the input pages: the CLI's input edge. Folders are searched recursively for `.md`
/// files; the root is the deepest folder holding every page, so the same pages give the same
/// root-relative paths whether they are named one by one or by folder, from any directory.
struct InputSet {
    var root: URL
    var pages: [SourcePage]
    var pathDisplay: PathDisplay

    /// How a root-relative page path is shown: relative to the working directory when the page is
    /// below it, absolute otherwise (what IDEs need to jump to the line).
    func displayPath(_ path: String) -> String {
        pathDisplay.show(root.appendingPathComponent(path).path)
    }

    static func collect(_ inputs: [String], pathDisplay: PathDisplay = PathDisplay()) throws -> InputSet {
        var files: [URL] = []
        var problems: [String] = []
        for input in inputs {
            let url = URL(fileURLWithPath: input).standardizedFileURL
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                printError("\(input): error: no such file or directory")
                throw Reported()
            }
            if isDirectory.boolValue {
                // A symbolic link found inside an input folder must stay inside it: pages are the
                // folder's, and a link elsewhere is a way out of it.
                let realFolder = url.resolvingSymlinksInPath().path
                let tree = MarkdownTree(folder: url.path)
                // `isDirectory: false`: without it, each URL costs a stat of its file.
                files += tree.files.map { URL(fileURLWithPath: $0, isDirectory: false) }
                for link in tree.links.map({ URL(fileURLWithPath: $0, isDirectory: false) }) {
                    let real = link.resolvingSymlinksInPath().path
                    if real.hasPrefix(realFolder + "/") {
                        files.append(URL(fileURLWithPath: real, isDirectory: false))
                    } else {
                        problems.append("\(pathDisplay.show(link.path)):1:1: error: symbolic link to '\(real)', outside the input folder '\(input)'")
                    }
                }
            } else {
                files.append(url)
            }
        }
        let unique = Array(Set(files.map(\.path))).sorted()
        guard !unique.isEmpty || !problems.isEmpty else {
            printError("error: no .md pages found in \(inputs.joined(separator: ", "))")
            throw Reported()
        }
        let root = unique.isEmpty ? "/" : PagePlan.commonFolder(of: unique)
        // Reading, checking and decoding run in parallel; the case check needs every name, in order.
        let loaded = unique.parallelMap { path -> LoadedPage in
            guard let (bytes, size) = readBytes(path) else { return .unreadable }
            let relative = String(path.dropFirst(root.count + (root.hasSuffix("/") ? 0 : 1)))
            let checks = PageBytesCheck.sizeDiagnostic(path: relative, size: size).map { [$0] }
                ?? PageBytesCheck.diagnostics(path: relative, bytes: bytes)
            guard checks.isEmpty else { return .rejected(relative, checks) }
            return .page(SourcePage(path: relative, text: String(decoding: bytes, as: UTF8.self)))
        }
        var pages: [SourcePage] = []
        var outputNames: [String: String] = [:]
        for (path, page) in zip(unique, loaded) {
            let relative: String
            switch page {
            case .unreadable:
                problems.append("\(pathDisplay.show(path)):1:1: error: cannot read file")
                continue
            case .rejected(let rejectedPath, _):
                relative = rejectedPath
            case .page(let source):
                relative = source.path
            }
            // Output names that differ only in case collide on macOS and Windows file systems.
            let folded = relative.lowercased()
            if let other = outputNames[folded] {
                problems.append("\(pathDisplay.show(path)):1:1: error: page name differs from '\(other)' only in case; their generated files would collide")
                continue
            }
            outputNames[folded] = relative
            switch page {
            case .page(let source):
                pages.append(source)
            case .rejected(_, let checks):
                problems += checks.map { $0.formatted { pathDisplay.show(URL(fileURLWithPath: root).appendingPathComponent($0).path) } }
            case .unreadable:
                break
            }
        }
        guard problems.isEmpty else {
            problems.forEach(printError)
            throw Reported()
        }
        return InputSet(root: URL(fileURLWithPath: root, isDirectory: true), pages: pages, pathDisplay: pathDisplay)
    }

    private enum LoadedPage: Sendable {
        case unreadable
        /// A root-relative path and what is wrong with its bytes.
        case rejected(String, [Diagnostic])
        case page(SourcePage)
    }

    /// The file's bytes and size, read with plain POSIX calls (one open, fstat and read for a
    /// page), or nil. A file over the page size limit is not read: its size is enough to reject it.
    private static func readBytes(_ path: String) -> (bytes: [UInt8], size: Int)? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(status.st_size)
        guard size <= PageBytesCheck.maximumPageSize else { return ([], size) }
        // The page as it was when opened: `size` bytes, without a second read to see the end.
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { break }
            filled += count
        }
        bytes.removeLast(bytes.count - filled)
        return (bytes, filled)
    }
}
