import Foundation
import Testing

/// A run killed at any moment leaves the output folder either complete and old or complete and new.
@Suite struct AtomicOutputTests {
    @Test func sigkillAtRandomMomentsNeverLeavesAMixedFolder() throws {
        let temp = try TemporaryFolder()
        let specs = CLIRunner.packageRoot.appendingPathComponent("Specs/unstructured/docs").path
        // The old output: the same tree generated as `internal`; the new one is `public`.
        #expect(try CLIRunner.run(["generate", specs, "--output", "out", "--access-level", "internal"], in: temp.url).status == 0)
        let old = try TemporaryFolder.snapshot(of: temp.url.appendingPathComponent("out"))
        let reference = try TemporaryFolder()
        #expect(try CLIRunner.run(["generate", specs, "--output", "out"], in: reference.url).status == 0)
        let new = try TemporaryFolder.snapshot(of: reference.url.appendingPathComponent("out"))
        #expect(old != new && old.count == new.count)

        var outcomes: [String: Int] = [:]
        var generator = SystemRandomNumberGenerator()
        for attempt in 0..<24 {
            // Back to the old output, then start the new run and kill it after a random delay.
            if attempt > 0, try TemporaryFolder.snapshot(of: temp.url.appendingPathComponent("out")) != old {
                #expect(try CLIRunner.run(["generate", specs, "--output", "out", "--access-level", "internal"], in: temp.url).status == 0)
            }
            let process = Process()
            process.executableURL = CLIRunner.executable
            process.arguments = ["generate", specs, "--output", "out"]
            process.currentDirectoryURL = temp.url
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Up to 0.6 s: long enough that some runs finish their swap before the kill.
            usleep(UInt32.random(in: 0...600_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = try TemporaryFolder.snapshot(of: temp.url.appendingPathComponent("out"))
            let outcome = now == old ? "old" : now == new ? "new" : "mixed"
            outcomes[outcome, default: 0] += 1
            #expect(outcome != "mixed", "attempt \(attempt): \(now.count) files, neither the old nor the new set")
        }
        #expect(outcomes["mixed"] == nil)
        // The staging a killed run leaves is removed by the next run.
        #expect(try CLIRunner.run(["generate", specs, "--output", "out"], in: temp.url).status == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: temp.url.path).filter { $0.contains("docmodelgen-staging") }
        #expect(leftovers.isEmpty, "\(leftovers)")
        print("kill test outcomes: \(outcomes)")
    }
}
