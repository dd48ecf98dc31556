import Foundation
import TestSupport
import Testing

/// A run killed at any moment leaves the output folder either complete and old or complete and new.
@Suite struct AtomicOutputTests {
    @Test func sigkillAtRandomMomentsNeverLeavesAMixedFolder() async throws {
        let temp = try TemporaryFolder()
        let specs = PackageRoot.url.appendingPathComponent("Specs/unstructured/docs").path
        // The old output: the same tree generated as `internal`; the new one is `public`.
        #expect(try await ProcessRunner.Async.docmodelgen(["generate", specs, "--output", "out", "--access-level", "internal"], in: temp.url).status == 0)
        let old = try TemporaryFolder.snapshot(of: temp.url.appendingPathComponent("out"))
        let reference = try TemporaryFolder()
        #expect(try await ProcessRunner.Async.docmodelgen(["generate", specs, "--output", "out"], in: reference.url).status == 0)
        let new = try TemporaryFolder.snapshot(of: reference.url.appendingPathComponent("out"))
        #expect(old != new && old.count == new.count)

        var outcomes: [String: Int] = [:]
        var generator = SystemRandomNumberGenerator()
        for attempt in 0..<24 {
            // Back to the old output, then start the new run and kill it after a random delay.
            if attempt > 0, try TemporaryFolder.snapshot(of: temp.url.appendingPathComponent("out")) != old {
                #expect(try await ProcessRunner.Async.docmodelgen(["generate", specs, "--output", "out", "--access-level", "internal"], in: temp.url).status == 0)
            }
            let process = try ProcessRunner.start(
                executable: ProcessRunner.docmodelgen, arguments: ["generate", specs, "--output", "out"], in: temp.url,
                discardingOutput: true)
            // Up to 0.6 s: long enough that some runs finish their swap before the kill.
            try await Task.sleep(for: .microseconds(Int.random(in: 0...600_000, using: &generator)))  // not usleep: frees the pool thread
            kill(process.processIdentifier, SIGKILL)
            await process.waitForExit()
            let now = try TemporaryFolder.snapshot(of: temp.url.appendingPathComponent("out"))
            let outcome = now == old ? "old" : now == new ? "new" : "mixed"
            outcomes[outcome, default: 0] += 1
            #expect(outcome != "mixed", "attempt \(attempt): \(now.count) files, neither the old nor the new set")
        }
        #expect(outcomes["mixed"] == nil)
        // The staging a killed run leaves is removed by the next run.
        #expect(try await ProcessRunner.Async.docmodelgen(["generate", specs, "--output", "out"], in: temp.url).status == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: temp.url.path).filter { $0.contains("docmodelgen-staging") }
        #expect(leftovers.isEmpty, "\(leftovers)")
        print("kill test outcomes: \(outcomes)")
    }
}
