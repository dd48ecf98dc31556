import DocModelGenCore
import Foundation

/// Reads the input pages: the CLI's input edge. Folders are searched recursively for `.md`
/// files; the root is the deepest folder holding every page, so the same pages give the same
/// root-relative paths whether they are named one by one or by folder, from any directory.
struct InputSet {
    var root: URL
    var pages: [SourcePage]

    /// How a root-relative page path is shown: relative to the working directory when the page is
    /// below it, absolute otherwise (what IDEs need to jump to the line).
    func displayPath(_ path: String) -> String {
        PathDisplay.show(root.appendingPathComponent(path).path)
    }

    static func collect(_ inputs: [String]) throws -> InputSet {
        var files: [URL] = []
        for input in inputs {
            let url = URL(fileURLWithPath: input).standardizedFileURL
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                printError("\(input): error: no such file or directory")
                throw Reported()
            }
            if isDirectory.boolValue {
                files += PagePlan.markdownFiles(under: url.path).map { URL(fileURLWithPath: $0) }
            } else {
                files.append(url)
            }
        }
        let unique = Array(Set(files.map(\.path))).sorted()
        guard !unique.isEmpty else {
            printError("error: no .md pages found in \(inputs.joined(separator: ", "))")
            throw Reported()
        }
        let root = PagePlan.commonFolder(of: unique)
        var pages: [SourcePage] = []
        for path in unique {
            guard let data = FileManager.default.contents(atPath: path) else {
                printError("\(path): error: cannot read file")
                throw Reported()
            }
            let relative = String(path.dropFirst(root.count + (root.hasSuffix("/") ? 0 : 1)))
            pages.append(SourcePage(path: relative, text: String(decoding: data, as: UTF8.self)))
        }
        return InputSet(root: URL(fileURLWithPath: root, isDirectory: true), pages: pages)
    }
}
