import DocModelGenCore
import Foundation

/// What one `generate` run does: the command-line flags over the config file (flags win).
struct GenerateSettings {
    /// One docs tree: the pages to read and how its files are named.
    struct Job {
        var inputs: [String]
        var namespace: String?
        var filePrefix: String = ""
    }

    var jobs: [Job]
    var output: String
    var docsOutput: String?
    var accessLevel: AccessLevel
    var templates: String?
    var multipartModels: [String]
}

/// How paths are printed: relative to the working directory when below it, or always absolute
/// (`--absolute-paths`, which the build plugin passes so Xcode and SwiftPM can find the file).
struct PathDisplay: Sendable {
    /// Always print absolute paths.
    var absolute = false

    func show(_ absolutePath: String) -> String {
        if absolute { return absolutePath }
        let cwd = FileManager.default.currentDirectoryPath
        let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return absolutePath.hasPrefix(prefix) ? String(absolutePath.dropFirst(prefix.count)) : absolutePath
    }
}

extension Generate {
    /// How this run prints paths.
    var pathDisplay: PathDisplay { PathDisplay(absolute: absolutePaths) }

    /// Reads `--config` (when given) and merges it under the flags.
    func settings() throws -> GenerateSettings {
        guard let config else {
            guard let output else { throw usage("--output is required (or --config with an \"output\")") }
            return GenerateSettings(
                jobs: [.init(inputs: inputs, namespace: namespace)], output: output, docsOutput: noDocs ? nil : docsOutput,
                accessLevel: accessLevel ?? .public, templates: templates, multipartModels: multipartModels)
        }
        let file = try ConfigFile.loadReporting(config, pathDisplay: pathDisplay)
        var jobs: [GenerateSettings.Job]
        if inputs.isEmpty {
            switch PagePlan.make(file) {
            case .success(let plan):
                if namespace != nil, plan.jobs.count > 1 {
                    throw usage("--namespace names one namespace, but \(pathDisplay.show(file.file)) has \(plan.jobs.count) inputs")
                }
                jobs = plan.jobs.map { .init(inputs: $0.pages, namespace: namespace ?? $0.input?.namespace, filePrefix: $0.filePrefix) }
            case .failure(let problems):
                for problem in problems.all { printError(problem.formatted(path: pathDisplay.show(file.file))) }
                throw Reported()
            }
        } else {
            jobs = [.init(inputs: inputs, namespace: namespace)]
        }
        guard let resolvedOutput = output ?? file.output else {
            throw usage("--output is required when \(pathDisplay.show(file.file)) has no \"output\"")
        }
        return GenerateSettings(
            jobs: jobs, output: resolvedOutput, docsOutput: noDocs ? nil : docsOutput ?? file.docs,
            accessLevel: accessLevel ?? file.accessLevel.flatMap(AccessLevel.init(rawValue:)) ?? .public,
            templates: templates ?? file.templates,
            multipartModels: multipartModels.isEmpty ? file.multipart : multipartModels)
    }

    private func usage(_ message: String) -> Reported {
        printError("error: \(message)")
        return Reported(status: ExitStatus.usage)
    }
}

extension ConfigFile {
    /// Loads a config file named on the command line, printing its problems as diagnostics.
    static func loadReporting(_ path: String, pathDisplay: PathDisplay) throws -> ConfigFile {
        let absolute = PathMath.standardize(path)
        switch load(absolute) {
        case .success(let file):
            return file
        case .failure(let problems):
            for problem in problems.all { printError(problem.formatted(path: pathDisplay.show(absolute))) }
            throw Reported()
        }
    }
}

extension GeneratedFile {
    /// The same file under a prefixed name (several docs trees in one output folder).
    func prefixed(_ prefix: String) -> GeneratedFile {
        GeneratedFile(path: prefix + path, contents: contents, sourcePath: sourcePath)
    }
}
