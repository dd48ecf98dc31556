import DocModelGenCore
import Foundation

/// Locates the templates that ship with docmodelgen: the `.mustache` files beside this file,
/// copied by SwiftPM into a resource bundle next to the built tool.
///
/// SwiftPM's generated `Bundle.module` stops the process when the bundle is missing, so the
/// bundle is looked up here by hand and the caller reports a clear error instead.
public enum BundledTemplates {
    /// The folder holding the bundled templates (every file `TemplateSet.Name.all` names), or nil
    /// when neither the resource bundle beside the executable nor this source tree can be found.
    public static func directory() -> URL? {
        candidates().first { folder in
            TemplateSet.Name.all.allSatisfy { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
        }
    }

    private static func candidates() -> [URL] {
        var folders: [URL] = []
        let executableFolders = [Bundle.main.executableURL, Bundle.main.bundleURL.appendingPathComponent("x")]
            .compactMap { $0?.resolvingSymlinksInPath().deletingLastPathComponent() }
        for folder in executableFolders {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            // `<package>_DocModelTemplates.resources` on Linux, `.bundle` on Apple platforms; the
            // package part depends on how the depending package names this one.
            for entry in entries.sorted() where entry.hasSuffix("_DocModelTemplates.resources") || entry.hasSuffix("_DocModelTemplates.bundle") {
                let bundle = folder.appendingPathComponent(entry)
                folders.append(bundle)
                folders.append(bundle.appendingPathComponent("Contents/Resources"))
            }
        }
        // Running from this package's own source tree (tests, `swift run`).
        folders.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent())
        return folders
    }
}
