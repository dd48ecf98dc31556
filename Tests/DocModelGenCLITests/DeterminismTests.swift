import Foundation
import TestSupport
import Testing

/// The same pages give byte-identical output whatever the file-system order, locale, time zone,
/// working directory, and whether the pages are named as files or as a folder.
@Suite struct DeterminismTests {
    static let specs = PackageRoot.url.appendingPathComponent("Specs/grammar/docs")

    /// Copies the pages in a shuffled order (directory order follows creation order on most file systems).
    private func shuffledCopy(in folder: URL, seed: UInt64) throws -> [String] {
        let manager = FileManager.default
        let base = Self.specs.path
        // The model pages (the operations page is another input: named one by one it would be a model page).
        let pages = try manager.subpathsOfDirectory(atPath: base).filter { $0.hasSuffix(".md") && $0.hasPrefix("models/") }
        var generator = SeededRandomNumberGenerator(seed: seed)
        let shuffled = pages.shuffled(using: &generator)
        for page in shuffled {
            let target = folder.appendingPathComponent("docs").appendingPathComponent(page)
            try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try manager.copyItem(at: Self.specs.appendingPathComponent(page), to: target)
        }
        return shuffled.map { folder.appendingPathComponent("docs").appendingPathComponent($0).path }
    }

    private func run(_ arguments: [String], in folder: URL, environment: [String: String]) async throws -> [String: Data] {
        let result = try await ProcessRunner.Async.docmodelgen(arguments, in: folder, environment: environment)
        #expect(result.status == 0)
        let output = URL(fileURLWithPath: arguments[arguments.firstIndex(of: "--output")! + 1], relativeTo: folder)
        return try TemporaryFolder.snapshot(of: output)
    }

    @Test func outputIsIdenticalAcrossOrderLocaleTimeZoneDirectoryAndInputForm() async throws {
        let first = try TemporaryFolder(), second = try TemporaryFolder(), elsewhere = try TemporaryFolder()
        _ = try shuffledCopy(in: first.url, seed: 1)
        let secondFiles = try shuffledCopy(in: second.url, seed: 99)

        let baseline = try await run(["generate", "docs", "--output", first.url.appendingPathComponent("out").path], in: first.url, environment: ["LC_ALL": "C", "TZ": "UTC"])
        // One file per grammar page (Specs/grammar).
        #expect(baseline.count == 76)
        let variants: [(String, [String], URL, [String: String])] = [
            ("other order, Turkish locale, Tokyo", ["generate", "docs", "--output", second.url.appendingPathComponent("out1").path], second.url,
             ["LC_ALL": "tr_TR.UTF-8", "LANG": "tr_TR.UTF-8", "TZ": "Asia/Tokyo"]),
            ("pages named one by one, in shuffled order, from another directory",
             ["generate"] + secondFiles + ["--output", second.url.appendingPathComponent("out2").path], elsewhere.url,
             ["LC_ALL": "de_DE.UTF-8", "TZ": "America/St_Johns"]),
            ("folder named by an absolute path", ["generate", second.url.appendingPathComponent("docs").path, "--output", second.url.appendingPathComponent("out3").path],
             elsewhere.url, [:]),
        ]
        for (name, arguments, folder, environment) in variants {
            #expect(try await run(arguments, in: folder, environment: environment) == baseline, "\(name)")
        }
    }
}
