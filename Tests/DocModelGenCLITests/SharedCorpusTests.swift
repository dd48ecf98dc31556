import DocModelGenCore
import Foundation
import TestSupport
import Testing

/// Every page of the five shared docs trees (two layouts, three generator generations) generates, with
/// the client of its operations, and the output type-checks in Swift 6 mode with zero warnings, in each variant its sources allow: the
/// docs alone, with the tree's OpenAPI document (`--openapi`), and with its SDK's own models
/// (`--python-sdk`, the wheels installed in the peers venv). An overlay changes what is emitted
/// (wire names, `Int64`, `StringEncoded`, `Defaults`), so each variant is its own compile.
///
/// Memory-capped (`ulimit -v`) and bounded in time: a compiler fed pathological types can eat all
/// memory. Serialized, so that two large trees never type-check at once.
@Suite(.enabled(if: PackageRoot.hasSharedCorpus, "../shared/corpus is not beside this checkout"), .serialized)
struct SharedCorpusTests {
    struct Tree: Sendable {
        /// The tree's folder in `../shared/corpus`.
        var folder: String
        var pages: Int
        /// Its OpenAPI document, relative to `folder`, when the corpus has one.
        var spec: String?
        /// The folder of its SDK's Python package that holds `models/`, relative to the venv's
        /// site-packages.
        var package: String
        /// Its operations pages.
        var operationsPages: Int
        /// The operations whose call is generated, and those not generated (each with an
        /// `operation-not-generated` warning; one warning for all of them when older docs give no
        /// method and path), by source.
        var operations: [Source: Int]
        var notGenerated: [Source: Int] = [:]
    }

    static let trees = [
        Tree(folder: "livepeer-ai-python", pages: 49, spec: "gateway.openapi.yaml", package: "livepeer_ai", operationsPages: 2,
             operations: [.docs: 0, .openapi: 10, .pythonSDK: 10], notGenerated: [.docs: 1]),
        Tree(folder: "unstructured-python-client", pages: 113, package: "unstructured_client", operationsPages: 7,
             operations: [.docs: 30, .pythonSDK: 30]),
        Tree(folder: "polar-python", pages: 1_233, package: "polar_sdk", operationsPages: 40, operations: [.docs: 185, .pythonSDK: 185]),
        Tree(folder: "airbyte-api-python-sdk", pages: 1_850, package: "airbyte", operationsPages: 7,
             operations: [.docs: 0, .pythonSDK: 29], notGenerated: [.docs: 1]),
        // Every operation of the docs, its 9 streams and its bodies flattened into arguments included.
        Tree(folder: "friendli-python", pages: 339, package: "friendli/core", operationsPages: 26,
             operations: [.docs: 69, .pythonSDK: 69]),
    ]

    enum Source: String, Sendable, Hashable { case docs, openapi, pythonSDK = "python-sdk" }

    struct Variant: Sendable, CustomTestStringConvertible {
        var tree: Tree
        var source: Source
        var testDescription: String { "\(tree.folder) \(source.rawValue)" }
    }

    static let variants: [Variant] = trees.flatMap { tree in
        [Variant(tree: tree, source: .docs)] + (tree.spec == nil ? [] : [Variant(tree: tree, source: .openapi)])
            + [Variant(tree: tree, source: .pythonSDK)]
    }

    /// The SDK package installed in the peers venv, or nil (with why) when it is not there.
    static func sdkPackage(_ name: String) -> (url: URL?, missing: String?) {
        let lib = PackageRoot.url.appendingPathComponent(".venv-peers/lib")
        let pythons = (try? FileManager.default.contentsOfDirectory(atPath: lib.path))?.filter { $0.hasPrefix("python") }.sorted() ?? []
        for python in pythons {
            let package = lib.appendingPathComponent("\(python)/site-packages/\(name)")
            if FileManager.default.fileExists(atPath: package.appendingPathComponent("models").path) { return (package, nil) }
        }
        return (nil, "the peers venv has no \(name) (run Tests/Peers/setup-venv, as .ci/run does)")
    }

    @Test(arguments: variants)
    func everyTreeGeneratesAndCompilesWithoutWarnings(_ variant: Variant) async throws {
        let tree = PackageRoot.sharedCorpus.appendingPathComponent(variant.tree.folder)
        var overlay: [String] = []
        switch variant.source {
        case .docs: break
        case .openapi:
            overlay = ["--openapi", tree.appendingPathComponent(try #require(variant.tree.spec)).path]
        case .pythonSDK:
            let (package, missing) = Self.sdkPackage(variant.tree.package)
            guard let package else {
                // CI must run every variant; elsewhere the venv is optional.
                if PeerCheck.required { Issue.record("\(missing ?? "")") } else { print("skipped \(variant.testDescription): \(missing ?? "")") }
                return
            }
            overlay = ["--python-sdk", package.path]
        }
        let output = try TemporaryFolder()
        let models = output.url.appendingPathComponent("Models")
        let result = try await ProcessRunner.Async.docmodelgen(
            ["generate", tree.appendingPathComponent("docs/models").path, "--output", models.path] + overlay)
        #expect(result.status == 0, "\(result.stderr.suffix(4000))")
        #expect(!result.stderr.contains(": error:"), "\(result.stderr.suffix(4000))")
        // The docs alone and the SDK's models explain every page: no warning at all. A spec has no
        // schema for the SDK's own wrappers (an operation's response with its `http_meta`, the
        // `Security` holder), which is said, once per page, as `overlay-unmatched`; nothing else.
        let warnings = result.stderr.components(separatedBy: "\n").filter { $0.contains(": warning:") }
        var allowed = variant.source == .openapi ? warnings.filter { !$0.hasSuffix("[overlay-unmatched]") } : warnings
        // What the client cannot call yet is said, one warning per operation, and nothing else.
        let notGenerated = allowed.filter { $0.hasSuffix("[operation-not-generated]") }
        allowed.removeAll { $0.hasSuffix("[operation-not-generated]") }
        #expect(allowed.isEmpty, "\(allowed.prefix(20).joined(separator: "\n"))")
        #expect(notGenerated.count == variant.tree.notGenerated[variant.source, default: 0], "\(notGenerated.prefix(20).joined(separator: "\n"))")
        let operations = try #require(variant.tree.operations[variant.source])
        #expect(result.stdout.contains("\(variant.tree.pages) model(s) from \(variant.tree.pages) page(s) and a client of \(operations) operation(s)"), "\(result.stdout)")
        let files = try FileManager.default.contentsOfDirectory(atPath: models.path).filter { $0.hasSuffix(".swift") }.sorted()
        // One file per page and the client's, gathered into bundles when the tree is large.
        let perPage = variant.tree.pages + 1 + variant.tree.operationsPages
        if case .bundles(let count) = SwiftFileLayout.resolve(requested: nil, fileCount: perPage) {
            #expect(files.count <= count && files.allSatisfy { $0.hasPrefix("Models+") }, "\(files)")
            let texts = try files.map { try String(contentsOf: models.appendingPathComponent($0), encoding: .utf8) }
            #expect(texts.joined().components(separatedBy: " DO NOT EDIT.").count - 1 - files.count == perPage, "each page is one part of one bundle")
        } else {
            #expect(files.count == perPage, "one Swift file per page, and the client's")
        }

        // The whole tree as one module against this build's DocModelRuntime, compiled to an object
        // file (whole-module, debug): what a user's target does, short of linking.
        let arguments = ["swiftc", "-c", "-wmo", "-Onone", "-parse-as-library", "-swift-version", "6", "-warnings-as-errors",
                         "-I", ProcessRunner.modules.path, "-module-name", "CorpusModels", "-o", output.url.appendingPathComponent("CorpusModels.o").path]
            + files
        let compile = try await ProcessRunner.Async.bash(
            "ulimit -v 12000000; timeout 900 " + arguments.map(Self.shellQuoted).joined(separator: " "), in: models)
        #expect(compile.status == 0, "\(compile.stdout.suffix(4000))")
        #expect(compile.stdout.isEmpty, "\(compile.stdout.components(separatedBy: "\n").prefix(30).joined(separator: "\n"))")
    }

    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
