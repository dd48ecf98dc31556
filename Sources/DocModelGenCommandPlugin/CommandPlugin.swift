import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory generate-models [--target NAME]… [tool flags]`
///
/// Writes the generated Swift files into the package, for people who check them in. Each target
/// with a `docmodelgen-config.json` (or each `--target` named) is generated from that config; the
/// files go to the config's `"output"`, or to a `Generated` folder in the target. Other arguments
/// (`--check`, `--dry-run`, `--access-level …`) are passed to `docmodelgen generate` and win over
/// the config.
@main
struct DocModelGenCommandPlugin: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        let named = extractor.extractOption(named: "target")
        let passThrough = extractor.remainingArguments
        let targets: [Target]
        if named.isEmpty {
            targets = context.package.targets.filter { hasConfig($0) }
            if targets.isEmpty {
                Diagnostics.error("no target of \(context.package.displayName) has a \(ConfigFile.fileName)")
                throw Failure()
            }
        } else {
            targets = try context.package.targets(named: named)
        }
        let tool = try context.tool(named: "docmodelgen")
        var failed = false
        for target in targets {
            let config = PathMath.standardize(target.directoryURL.appendingPathComponent(ConfigFile.fileName).path)
            var toolArguments = ["generate", "--config", config]
            // The config's own "output" when it has one; otherwise the target's Generated folder.
            if case .success(let file) = ConfigFile.load(config, packageRoot: context.package.directoryURL.path),
               file.output == nil, !passThrough.contains("--output") {
                toolArguments += ["--output", target.directoryURL.appendingPathComponent("Generated").path]
            }
            print("docmodelgen: generating \(target.name)")
            let status = try run(tool.url, toolArguments + passThrough, in: context.package.directoryURL)
            if status != 0 {
                Diagnostics.error("docmodelgen failed for target '\(target.name)' (exit \(status))")
                failed = true
            }
        }
        if failed { throw Failure() }
    }

    private func hasConfig(_ target: Target) -> Bool {
        target is SourceModuleTarget
            && FileManager.default.fileExists(atPath: target.directoryURL.appendingPathComponent(ConfigFile.fileName).path)
    }

    /// Runs the tool with the package as the working directory, so its diagnostics show paths
    /// relative to the package; its output goes straight to the user.
    private func run(_ executable: URL, _ arguments: [String], in directory: URL) throws -> Int32 {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String { "generate-models failed" }
    }
}
