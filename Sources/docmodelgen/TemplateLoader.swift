import DocModelGenCore
import DocModelGenMustache
import DocModelTemplates
import Foundation

/// Reads the templates: bundled ones, each overridden by a file of the same name in `--templates`.
enum TemplateLoader {
    static func load(overrides: String?) -> Result<TemplateSet, DiagnosticList> {
        guard let bundled = BundledTemplates.directory() else {
            return .failure(DiagnosticList([.error(
                "the bundled templates were not found beside the docmodelgen executable; pass --templates DIR with \(TemplateSet.Name.all.joined(separator: ", "))")]))
        }
        var files: [String: URL] = [:]
        for name in TemplateSet.Name.all { files[name] = bundled.appendingPathComponent(name) }
        if let overrides {
            guard FileSystem.isFolder(overrides) else {
                return .failure(DiagnosticList([.error("--templates must name a folder", at: .file(overrides))]))
            }
            let folder = URL(fileURLWithPath: overrides, isDirectory: true)
            for name in TemplateSet.Name.all where FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) {
                files[name] = folder.appendingPathComponent(name)
            }
        }
        var texts: [String: String] = [:]
        for (name, file) in files {
            guard let data = FileManager.default.contents(atPath: file.path) else {
                return .failure(DiagnosticList([.error("cannot read template", at: .file(file.path))]))
            }
            texts[name] = String(decoding: data, as: UTF8.self)
        }
        do {
            return .success(try TemplateSet(texts: texts, paths: files.mapValues(\.path)))
        } catch {
            return .failure(error)
        }
    }
}
