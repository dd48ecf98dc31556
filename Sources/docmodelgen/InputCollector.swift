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
                files += PagePlan.markdownFiles(under: url.path).map { URL(fileURLWithPath: $0) }
                for link in markdownSymlinks(under: url) {
                    let real = link.resolvingSymlinksInPath().path
                    if real.hasPrefix(realFolder + "/") {
                        files.append(URL(fileURLWithPath: real))
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
        var pages: [SourcePage] = []
        var outputNames: [String: String] = [:]
        for path in unique {
            guard let data = FileManager.default.contents(atPath: path) else {
                problems.append("\(pathDisplay.show(path)):1:1: error: cannot read file")
                continue
            }
            let relative = String(path.dropFirst(root.count + (root.hasSuffix("/") ? 0 : 1)))
            // Output names that differ only in case collide on macOS and Windows file systems.
            let folded = relative.lowercased()
            if let other = outputNames[folded] {
                problems.append("\(pathDisplay.show(path)):1:1: error: page name differs from '\(other)' only in case; their generated files would collide")
                continue
            }
            outputNames[folded] = relative
            let checks = PageBytesCheck.diagnostics(path: relative, bytes: [UInt8](data))
            guard checks.isEmpty else {
                problems += checks.map { $0.formatted { pathDisplay.show(URL(fileURLWithPath: root).appendingPathComponent($0).path) } }
                continue
            }
            pages.append(SourcePage(path: relative, text: String(decoding: data, as: UTF8.self)))
        }
        guard problems.isEmpty else {
            problems.forEach(printError)
            throw Reported()
        }
        return InputSet(root: URL(fileURLWithPath: root, isDirectory: true), pages: pages, pathDisplay: pathDisplay)
    }

    /// `.md` symbolic links below `folder` (folder links are not followed, so loops cannot hang).
    private static func markdownSymlinks(under folder: URL) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(
            at: folder, includingPropertiesForKeys: [.isSymbolicLinkKey], options: [.skipsHiddenFiles])
        else { return [] }
        var links: [URL] = []
        for case let url as URL in enumerator where url.pathExtension == "md" {
            if (try? url.resourceValues(forKeys: [.isSymbolicLinkKey]).isSymbolicLink) == true { links.append(url) }
        }
        return links.sorted { $0.path < $1.path }
    }
}
