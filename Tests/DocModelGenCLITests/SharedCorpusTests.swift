import Foundation
import TestSupport
import Testing

/// Every page of the four shared docs trees (two layouts, three generator generations) generates with
/// zero errors and zero warnings, and the output compiles, with zero warnings, in a throwaway package
/// that holds a copy of `DocModelRuntime`. The compile is memory-capped.
@Suite(.enabled(if: PackageRoot.hasSharedCorpus, "../shared/corpus is not beside this checkout"))
struct SharedCorpusTests {
    static let corpus = PackageRoot.sharedCorpus
    static let trees = [
        ("LivepeerAll", "livepeer-ai-python/docs/models", 49),
        ("UnstructuredAll", "unstructured-python-client/docs/models", 113),
        ("PolarAll", "polar-python/docs/models", 1_233),
        ("AirbyteAll", "airbyte-api-python-sdk/docs/models", 1_850),
    ]

    @Test func everyTreeGeneratesWithoutErrorsOrWarningsAndCompilesWithoutWarnings() throws {
        let package = try TemporaryFolder()
        for (target, tree, pages) in Self.trees {
            let result = try ProcessRunner.docmodelgen([
                "generate", Self.corpus.appendingPathComponent(tree).path,
                "--output", package.url.appendingPathComponent("Sources/\(target)").path,
            ])
            #expect(result.status == 0, "\(tree): \(result.stderr)")
            #expect(!result.stderr.contains(": error:") && !result.stderr.contains(": warning:"), "\(result.stderr)")
            #expect(result.stdout.contains("\(pages) model(s) from \(pages) page(s)"), "\(result.stdout)")
            let files = try FileManager.default.contentsOfDirectory(atPath: package.url.appendingPathComponent("Sources/\(target)").path)
            #expect(files.count == pages, "one Swift file per page")
        }
        try FileManager.default.copyItem(
            at: PackageRoot.url.appendingPathComponent("Sources/DocModelRuntime"),
            to: package.url.appendingPathComponent("Sources/DocModelRuntime"))
        try package.write("""
            // swift-tools-version:6.1
            import PackageDescription

            let package = Package(
                name: "Throwaway",
                targets: [
                    .target(name: "DocModelRuntime"),
                    .target(name: "LivepeerAll", dependencies: ["DocModelRuntime"]),
                    .target(name: "UnstructuredAll", dependencies: ["DocModelRuntime"]),
                    .target(name: "PolarAll", dependencies: ["DocModelRuntime"]),
                    .target(name: "AirbyteAll", dependencies: ["DocModelRuntime"]),
                ],
                swiftLanguageModes: [.v6]
            )

            """, to: "Package.swift")
        // Bounded: a compiler fed pathological types can eat all memory.
        let build = try ProcessRunner.bash("ulimit -v 12000000; timeout 1500 swift build --disable-sandbox", in: package.url)
        let log = build.stdout
        #expect(build.status == 0, "\(log.suffix(4000))")
        #expect(!log.contains("warning:"), "\(log.components(separatedBy: "\n").filter { $0.contains("warning:") }.prefix(20).joined(separator: "\n"))")
        for (target, _, _) in Self.trees { #expect(log.contains("Compiling \(target)")) }
    }
}
