import Foundation
import PackagePlugin

/// Generates a target's Swift models from the docs named in its `docmodelgen-config.json`.
///
/// One `.buildCommand` (never a prebuild command) declares every page, the config file and the
/// templates as inputs and every Swift file as an output. The file names follow from the page
/// names (`Shared/PagePlan.swift` and `Shared/OutputNaming.swift`, linked from DocModelGenCore), so they are known before the tool runs,
/// and an unchanged rebuild does not run it.
///
/// Problems are left to the tool to report: a failed plugin is hidden by a plain `swift build`
/// ("build planning stopped due to build-tool plugin failures"), while a failed build command
/// shows its output, `path:line:col: error: …`, in `swift build` and in Xcode.
@main
struct DocModelGenBuildPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard target is SourceModuleTarget else { return [] }
        let configURL = target.directoryURL.appendingPathComponent(ConfigFile.fileName)
        let configPath = PathMath.standardize(configURL.path)
        let tool = try context.tool(named: "docmodelgen")
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("GeneratedSources")
        let arguments = [
            "generate", "--config", configPath, "--output", output.path, "--no-docs", "--absolute-paths",
        ]
        // A missing config is not declared (SwiftPM would only say "missing inputs"): the tool runs
        // and says what the file is and where it belongs.
        var inputs = (FileManager.default.fileExists(atPath: configPath) ? [configURL] : [])
            + [tool.url] + Self.bundledTemplates(beside: tool.url)
        var outputs: [URL]

        switch ConfigFile.load(configPath, packageRoot: context.package.directoryURL.path).flatMap(Self.plan) {
        case .success(let (config, plan)):
            inputs += (plan.allPages + plan.allSDKPages).map { URL(fileURLWithPath: $0) }
            if let templates = config.templates { inputs += Self.files(in: templates) }
            // The overlay sources: a changed spec or SDK model regenerates. A spec's `$ref`s may
            // name sibling files, so its folder's files are declared too.
            if let openAPI = config.openAPI {
                inputs += [URL(fileURLWithPath: openAPI)] + Self.files(in: (openAPI as NSString).deletingLastPathComponent)
                    .filter { [".yaml", ".yml", ".json"].contains(where: $0.lastPathComponent.hasSuffix) && $0.path != openAPI }
            }
            if let pythonSDK = config.pythonSDK {
                let all = (FileManager.default.enumerator(atPath: pythonSDK)?.allObjects as? [String]) ?? []
                inputs += PythonModelFiles.select(all).map { URL(fileURLWithPath: pythonSDK + "/" + $0) }
            }
            outputs = plan.allSwiftFiles.map { output.appendingPathComponent($0) }
        case .failure:
            // Let the tool say what is wrong, at the file's line and column, as part of the build.
            // Its output never appears, so the build fails there every time until it is fixed.
            outputs = [output.appendingPathComponent("docmodelgen-config-error.swift")]
        }
        return [
            .buildCommand(
                displayName: "Generating Swift models for \(target.name) from \(ConfigFile.fileName)",
                executable: tool.url,
                arguments: arguments,
                inputFiles: inputs,
                outputFiles: outputs),
        ]
    }

    private static func plan(_ config: ConfigFile) -> Result<(ConfigFile, PagePlan), DiagnosticList> {
        PagePlan.make(config).map { (config, $0) }
    }

    /// The templates bundled with the tool (a resource bundle beside it), so a new version of them
    /// regenerates too.
    private static func bundledTemplates(beside tool: URL) -> [URL] {
        let folder = tool.deletingLastPathComponent()
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return entries.sorted()
            .filter { $0.hasSuffix("_DocModelTemplates.resources") || $0.hasSuffix("_DocModelTemplates.bundle") }
            .flatMap { files(in: folder.appendingPathComponent($0).path) }
    }

    /// The regular files directly in a folder.
    private static func files(in folder: String) -> [URL] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return entries.sorted().compactMap { entry in
            var isDirectory: ObjCBool = false
            let path = folder + "/" + entry
            guard !entry.hasPrefix("."), FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
                  !isDirectory.boolValue else { return nil }
            return URL(fileURLWithPath: path)
        }
    }
}
