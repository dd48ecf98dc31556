import Foundation
import TestSupport
import Testing

@Suite struct PackageRootTests {
    @Test func rootHoldsThePackageManifest() {
        #expect(FileManager.default.fileExists(atPath: PackageRoot.url.appendingPathComponent("Package.swift").path))
        #expect(FileManager.default.fileExists(atPath: PackageRoot.url.appendingPathComponent("Tests/TestSupport").path))
    }
}

@Suite struct TemporaryFolderTests {
    @Test func writesReadsSnapshotsAndIsRemovedWhenReleased() throws {
        var folder: TemporaryFolder? = try TemporaryFolder()
        let url = try #require(folder?.url)
        let text = try #require(try folder?.write("hi", to: "a/b.txt"))
        #expect(text == url.appendingPathComponent("a/b.txt"))
        try folder?.write(Data([0, 0xFF]), to: "c.bin")
        #expect(try folder?.read("a/b.txt") == "hi")
        #expect(folder?.file("c.bin") == url.appendingPathComponent("c.bin"))
        #expect(try folder?.snapshot() == ["a/b.txt": Data("hi".utf8), "c.bin": Data([0, 0xFF])])
        folder = nil
        #expect(!FileManager.default.fileExists(atPath: url.path))
        #expect(try TemporaryFolder.snapshot(of: url) == [:])
    }
}

@Suite struct SeededRandomNumberGeneratorTests {
    @Test func isSplitMix64() {
        var random = SeededRandomNumberGenerator(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test func theSameSeedGivesTheSameSequence() {
        var first = SeededRandomNumberGenerator(seed: 99), second = SeededRandomNumberGenerator(seed: 99)
        #expect((0..<100).map { _ in first.next() } == (0..<100).map { _ in second.next() })
        var other = SeededRandomNumberGenerator(seed: 100), again = SeededRandomNumberGenerator(seed: 99)
        #expect(other.next() != again.next())
    }
}

@Suite struct ProcessRunnerTests {
    static let env = URL(fileURLWithPath: "/usr/bin/env")

    @Test func capturesStatusAndBothStreams() throws {
        let result = try ProcessRunner.run(
            executable: Self.env, arguments: ["sh", "-c", "echo out; echo err >&2; exit 3"])
        #expect(result.status == 3)
        #expect(result.stdout == "out\n")
        #expect(result.stderr == "err\n")
    }

    @Test func runsInTheFolderWithTheEnvironmentLaidOver() throws {
        let folder = try TemporaryFolder()
        let result = try ProcessRunner.run(
            executable: Self.env, arguments: ["sh", "-c", "pwd; echo $TEST_SUPPORT_VALUE; test -n \"$PATH\" && echo path"],
            in: folder.url, environment: ["TEST_SUPPORT_VALUE": "x"])
        #expect(result.stdout == "\(folder.url.resolvingSymlinksInPath().path)\nx\npath\n")
    }

    @Test func largeOutputOnBothStreamsDoesNotBlock() throws {
        let result = try ProcessRunner.run(
            executable: Self.env, arguments: ["sh", "-c", "head -c 1000000 /dev/zero >&2; head -c 1000000 /dev/zero"])
        #expect(result.status == 0)
        #expect(result.stdout.utf8.count == 1_000_000)
        #expect(result.stderr.utf8.count == 1_000_000)
    }

    @Test func theAsyncFormsDrainLargeOutputAndFreeThePool() async throws {
        // More children than pool threads (and slots), each waiting a while: they queue for the
        // slots and wait off the pool, while this task's sleeps keep running.
        async let results = withThrowingTaskGroup(of: ProcessRunner.Result.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    try await ProcessRunner.Async.run(
                        executable: Self.env, arguments: ["sh", "-c", "head -c 1000000 /dev/zero >&2; sleep 1; head -c 1000000 /dev/zero"])
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        var ticks = 0
        for _ in 0..<20 {
            try await Task.sleep(for: .milliseconds(10))
            ticks += 1
        }
        #expect(ticks == 20)
        for result in try await results {
            #expect(result.status == 0)
            #expect(result.stdout.utf8.count == 1_000_000 && result.stderr.utf8.count == 1_000_000)
            #expect(result.duration >= .seconds(1))
        }
        let bash = try await ProcessRunner.Async.bash("echo one; echo two >&2", in: PackageRoot.url)
        #expect(bash.stdout == "one\ntwo\n")
        let process = try ProcessRunner.start(executable: Self.env, arguments: ["sh", "-c", "exit 4"], discardingOutput: true)
        #expect(await process.waitForExit() == 4)
    }

    @Test func bashMergesBothStreamsInOrder() throws {
        let folder = try TemporaryFolder()
        let result = try ProcessRunner.bash("echo one; echo two >&2; echo three; exit 1", in: folder.url)
        #expect(result.status == 1)
        #expect(result.stdout == "one\ntwo\nthree\n")
        #expect(result.stderr == "")
    }

    @Test func aStartedProcessReadsLinesAndEndsWhenItsInputCloses() throws {
        // Like the peer servers: announce, then wait for stdin to close.
        var process: RunningProcess? = try ProcessRunner.start(
            executable: Self.env, arguments: ["sh", "-c", "printf 'READY 1\\nsecond'; cat >/dev/null; exit 0"])
        #expect(process?.readLine() == "READY 1")
        let id = try #require(process?.processIdentifier)
        try process?.standardInput.close()
        #expect(process?.readLine() == "second")
        #expect(process?.readLine() == nil)
        #expect(process?.waitUntilExit() == 0)
        process = nil
        #expect(kill(id, 0) == -1)
    }

    @Test func aStartedProcessCanBeKilled() throws {
        let process = try ProcessRunner.start(executable: Self.env, arguments: ["sleep", "30"], discardingOutput: true)
        #expect(process.isRunning)
        kill(process.processIdentifier, SIGKILL)
        #expect(process.waitUntilExit() == SIGKILL)
        #expect(process.readLine() == nil)
    }

    @Test func aManualTestClockWakesSleepsWhenAdvancedAndOnCancellation() async throws {
        let clock = TestClock(.manual)
        let woke = Task { try await clock.sleep(for: .seconds(5)) }
        let cancelled = Task { try await clock.sleep(for: .seconds(60)) }
        #expect(try await clock.waitForSleepers(2))
        clock.advance(by: .seconds(4))
        #expect(clock.sleeperCount == 2)
        clock.advance(by: .seconds(1))
        try await woke.value
        cancelled.cancel()
        await #expect(throws: CancellationError.self) { try await cancelled.value }
        #expect(clock.sleeperCount == 0)
        #expect(clock.elapsed == .seconds(5))
        #expect(clock.sleeps == [.seconds(5), .seconds(60)] || clock.sleeps == [.seconds(60), .seconds(5)])
    }

    @Test func anAutomaticTestClockMovesToEachDeadline() async throws {
        let clock = TestClock(.automatic)
        let start = clock.now
        try await clock.sleep(for: .milliseconds(20))
        try await clock.sleep(for: .seconds(3600))
        #expect(start.duration(to: clock.now) == .milliseconds(3_600_020))
        #expect(clock.sleeps == [.milliseconds(20), .seconds(3600)])
    }

    @Test func docmodelgenIsBesideTheTests() {
        #expect(ProcessRunner.docmodelgen.lastPathComponent == "docmodelgen")
        #expect(ProcessRunner.modules.lastPathComponent == "Modules")
    }
}

@Suite struct GoldenTests {
    @Test func matchingFileRecordsNoIssueAndRecordingWritesOnlyChanges() throws {
        let folder = try TemporaryFolder()
        let golden = try folder.write("a\nb\n", to: "golden.txt")
        try Golden.assertMatches(actual: "a\nb\n", goldenFile: golden, record: false)
        try Golden.assertMatches(actual: Data("new\n".utf8), goldenFile: folder.file("sub/new.txt"), record: true)
        #expect(try folder.read("sub/new.txt") == "new\n")
    }

    /// The mismatch is the expected issue only if its message carries the hint and the diff;
    /// otherwise it fails this test.
    @Test func mismatchRecordsAnIssueWithTheDiff() throws {
        let folder = try TemporaryFolder()
        let golden = try folder.write("a\nb\nc\n", to: "golden.txt")
        try withKnownIssue {
            try Golden.assertMatches(actual: "a\nB\nc\n", goldenFile: golden, record: false)
        } matching: { issue in
            let text = issue.comments.map(\.rawValue).joined()
            return text.contains("DOCMODELGEN_RECORD=1")
                && text.contains("--- expected/golden.txt\n+++ actual/golden.txt\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n")
        }
    }

    @Test func missingGoldenFileIsAnIssue() throws {
        let folder = try TemporaryFolder()
        withKnownIssue {
            try Golden.assertMatches(actual: "x", goldenFile: folder.file("none.txt"), record: false)
        }
    }

    @Test func folderDifferencesNameFilesAndDiffTheChangedOnes() {
        let expected = ["same": Data("s\n".utf8), "gone": Data(), "changed.txt": Data("1\n2\n".utf8)]
        let actual = ["same": Data("s\n".utf8), "new": Data(), "changed.txt": Data("1\n3\n".utf8)]
        #expect(Golden.differences(expected: expected, actual: expected) == nil)
        #expect(Golden.differences(expected: expected, actual: actual) == """
            missing (1): gone
            unexpected (1): new
            changed (1): changed.txt
            --- expected/changed.txt
            +++ actual/changed.txt
            @@ -1,2 +1,2 @@
             1
            -2
            +3

            """)
    }

    @Test func recordingAFolderMirrorsIt() throws {
        let actual = try TemporaryFolder(), golden = try TemporaryFolder()
        try actual.write("1", to: "keep.swift")
        try actual.write("2", to: "sub/added.swift")
        try golden.write("old", to: "keep.swift")
        try golden.write("stale", to: "stale.swift")
        try Golden.assertDirectoryMatches(actual: actual.url, goldenDirectory: golden.url, record: true)
        #expect(try golden.snapshot() == actual.snapshot())
        try Golden.assertDirectoryMatches(actual: actual.url, goldenDirectory: golden.url, record: false)
    }
}
