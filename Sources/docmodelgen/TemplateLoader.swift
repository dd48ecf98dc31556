import DocModelGenCore
import DocModelTemplates
import Foundation

/// Reads the templates: bundled ones, each overridden by a file of the same name in `--templates`.
enum TemplateLoader {
    static func load(overrides: String?) throws -> TemplateSet {
        guard let bundled = BundledTemplates.directory() else {
            printError("error: the bundled templates were not found beside the docmodelgen executable; pass --templates DIR with \(TemplateSet.Name.all.joined(separator: ", "))")
            throw Reported()
        }
        var texts: [String: String] = [:]
        for name in TemplateSet.Name.all {
            texts[name] = try read(bundled.appendingPathComponent(name))
        }
        if let overrides {
            let folder = URL(fileURLWithPath: overrides, isDirectory: true)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                printError("\(overrides): error: --templates must name a folder")
                throw Reported()
            }
            for name in TemplateSet.Name.all {
                let file = folder.appendingPathComponent(name)
                if FileManager.default.fileExists(atPath: file.path) { texts[name] = try read(file) }
            }
        }
        do {
            return try TemplateSet(texts: texts)
        } catch {
            printError(error.description)
            throw Reported()
        }
    }

    private static func read(_ file: URL) throws -> String {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            printError("\(file.path): error: cannot read template")
            throw Reported()
        }
        return String(decoding: data, as: UTF8.self)
    }
}
