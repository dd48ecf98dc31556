import Foundation

/// Runs child processes for tests: a command to completion with its output, a bash script, the
/// built `docmodelgen`, or a long-running process such as a peer server.
///
/// `run`, `bash` and `docmodelgen` block their caller. In an async test use their `async` forms in
/// ``ProcessRunner/Async``, which wait on a thread of their own: a test that waits minutes for a
/// compiler must not hold one of the Swift concurrency pool's few threads (one per core), or every
/// other test's sleeps and timeouts stall meanwhile. (Separate names, not overloads: an async
/// overload would be chosen in every async context and break the calls that lack `await`.)
public enum ProcessRunner {
    /// How a finished process ended.
    public struct Result: Sendable {
        /// The exit status (or the signal number, when a signal ended the process).
        public var status: Int32
        /// Standard output as UTF-8; with `mergingOutput`, standard error too.
        public var stdout: String
        /// Standard error as UTF-8; empty with `mergingOutput`.
        public var stderr: String
        /// From the child's start to its end (without any wait for a slot, see ``ProcessRunner/Async``).
        public var duration: Duration

        public init(status: Int32, stdout: String, stderr: String, duration: Duration = .zero) {
            self.status = status
            self.stdout = stdout
            self.stderr = stderr
            self.duration = duration
        }
    }

    /// Runs `executable` to completion in `directory` (the current directory when nil), with
    /// `environment` laid over this process's environment. Both pipes are drained while the child
    /// runs, so a large output cannot block it. With `mergingOutput`, standard error goes to the same
    /// pipe as standard output, in the order written, and `Result.stderr` is empty.
    public static func run(
        executable: URL, arguments: [String], in directory: URL? = nil, environment: [String: String] = [:],
        mergingOutput: Bool = false
    ) throws -> Result {
        let process = configured(executable: executable, arguments: arguments, in: directory, environment: environment)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = mergingOutput ? out : err
        process.standardInput = FileHandle.nullDevice
        let started = ContinuousClock.now
        try process.run()
        // Read before waiting; stderr on another thread so neither pipe can fill up while the other is read.
        let errors = mergingOutput ? nil : PipeDrain(err.fileHandleForReading)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = errors?.wait() ?? Data()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: outData.utf8Text, stderr: errData.utf8Text, duration: ContinuousClock.now - started)
    }

    /// Runs a bash script in `directory`, standard error merged into `Result.stdout`: for commands
    /// that need `ulimit`, `timeout` or a pipeline.
    public static func bash(_ script: String, in directory: URL, environment: [String: String] = [:]) throws -> Result {
        try run(
            executable: URL(fileURLWithPath: "/usr/bin/env"), arguments: ["bash", "-c", script], in: directory,
            environment: environment, mergingOutput: true)
    }

    /// Runs blocking `work` on a new thread (not one of the concurrency pool's) and resumes the
    /// caller with its result, so the caller's pool thread is free while it runs.
    public static func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Swift.Result { try work() }) }
        }
    }

    /// `docmodelgen` beside the test bundle in the build folder, as built with the tests.
    public static let docmodelgen: URL = {
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        // On Apple platforms the tests run inside an .xctest bundle.
        while folder.pathExtension == "xctest" || folder.lastPathComponent == "MacOS" || folder.lastPathComponent == "Contents" {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("docmodelgen")
    }()

    /// The build folder's `Modules` folder (beside `docmodelgen`), for compiling against this build's modules.
    public static var modules: URL { docmodelgen.deletingLastPathComponent().appendingPathComponent("Modules") }

    /// Runs the built `docmodelgen` with `arguments` in `directory` (the package root unless given), as a user would.
    public static func docmodelgen(
        _ arguments: [String], in directory: URL = PackageRoot.url, environment: [String: String] = [:]
    ) throws -> Result {
        try run(executable: docmodelgen, arguments: arguments, in: directory, environment: environment)
    }

    /// Starts `executable` and returns at once. Its standard input and output are pipes this
    /// process holds (see `RunningProcess`); its standard error is discarded. With
    /// `discardingOutput`, standard output is discarded too. Read the output you keep, or the child
    /// blocks once the pipe is full.
    public static func start(
        executable: URL, arguments: [String], in directory: URL? = nil, environment: [String: String] = [:],
        discardingOutput: Bool = false
    ) throws -> RunningProcess {
        let process = configured(executable: executable, arguments: arguments, in: directory, environment: environment)
        let input = Pipe()
        let output: Pipe? = discardingOutput ? nil : Pipe()
        process.standardInput = input
        process.standardOutput = output ?? FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return RunningProcess(process: process, input: input.fileHandleForWriting, output: output?.fileHandleForReading)
    }

    private static func configured(executable: URL, arguments: [String], in directory: URL?, environment: [String: String]) -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        return process
    }
}

extension ProcessRunner {
    /// The `async` forms of ``ProcessRunner/run(executable:arguments:in:environment:mergingOutput:)``,
    /// ``ProcessRunner/bash(_:in:environment:)`` and ``ProcessRunner/docmodelgen(_:in:environment:)``:
    /// each waits for its child on a thread of its own, never on the caller's pool thread.
    public enum Async {
        /// `run(executable:arguments:in:environment:mergingOutput:)`, waiting on a thread of its own
        /// instead of the caller's pool thread.
        public static func run(
            executable: URL, arguments: [String], in directory: URL? = nil, environment: [String: String] = [:],
            mergingOutput: Bool = false
        ) async throws -> Result {
            try await limited {
                try ProcessRunner.run(executable: executable, arguments: arguments, in: directory, environment: environment, mergingOutput: mergingOutput)
            }
        }

        /// `bash(_:in:environment:)`, waiting on a thread of its own instead of the caller's pool thread.
        public static func bash(_ script: String, in directory: URL, environment: [String: String] = [:]) async throws -> Result {
            try await limited { try ProcessRunner.bash(script, in: directory, environment: environment) }
        }

        /// `docmodelgen(_:in:environment:)`, waiting on a thread of its own instead of the caller's pool thread.
        public static func docmodelgen(
            _ arguments: [String], in directory: URL = PackageRoot.url, environment: [String: String] = [:]
        ) async throws -> Result {
            try await limited { try ProcessRunner.docmodelgen(arguments, in: directory, environment: environment) }
        }

        /// At most two children per core run to completion at a time, so freeing the pool does not
        /// start every compiler of the test run at once; two, so that short runs still get a slot
        /// while the peer checks and corpus compiles hold others for many minutes.
        static let slots = AsyncSemaphore(2 * max(1, ProcessInfo.processInfo.activeProcessorCount))

        /// `offThePool(work)` once one of the ``slots`` is free; for work that runs a child to completion.
        public static func limited<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
            await slots.wait()
            defer { slots.signal() }
            return try await ProcessRunner.offThePool(work)
        }
    }
}

/// A child process started by `ProcessRunner.start`. Releasing it closes the child's standard
/// input and terminates the child if it still runs.
public final class RunningProcess: @unchecked Sendable {
    private let process: Process
    private let lock = NSLock()
    private var buffered = Data()

    /// The writing end of the child's standard input. A child that exits when its input closes
    /// (as the peer servers do) ends with this process, even if it crashes.
    public let standardInput: FileHandle
    /// The reading end of the child's standard output; nil when it was discarded. Prefer
    /// `readLine()`, which buffers what it reads past a line.
    public let standardOutput: FileHandle?

    init(process: Process, input: FileHandle, output: FileHandle?) {
        self.process = process
        standardInput = input
        standardOutput = output
    }

    deinit {
        try? standardInput.close()
        if process.isRunning { process.terminate() }
    }

    /// The child's process id, for `kill(2)`.
    public var processIdentifier: Int32 { process.processIdentifier }

    /// Whether the child still runs.
    public var isRunning: Bool { process.isRunning }

    /// Sends SIGTERM.
    public func terminate() { process.terminate() }

    /// Waits for the child to end and returns its exit status (or the signal that ended it).
    @discardableResult
    public func waitUntilExit() -> Int32 {
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// `waitUntilExit()`, waiting on a thread of its own instead of the caller's pool thread.
    @discardableResult
    public func waitForExit() async -> Int32 {
        // Cannot throw: the work does not.
        (try? await ProcessRunner.offThePool { self.waitUntilExit() }) ?? -1
    }

    /// The next line of the child's standard output, without its line feed; blocks until a whole
    /// line arrives. At the end of the output, what is left (nil when nothing is).
    public func readLine() -> String? {
        guard let standardOutput else { return nil }
        lock.lock()
        defer { lock.unlock() }
        while true {
            if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffered[buffered.startIndex..<newline]
                buffered = Data(buffered[(newline + 1)...])
                return Data(line).utf8Text
            }
            let chunk = standardOutput.availableData
            if chunk.isEmpty {
                defer { buffered = Data() }
                return buffered.isEmpty ? nil : buffered.utf8Text
            }
            buffered += chunk
        }
    }
}

/// Reads a pipe to its end on another thread.
private final class PipeDrain: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        DispatchQueue.global().async {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}

/// A counting semaphore whose waiters are suspended tasks, not blocked threads.
final class AsyncSemaphore: @unchecked Sendable {
    private let lock = NSLock()
    private var available: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(_ count: Int) { available = count }

    /// Takes a unit, waiting (suspended) until one is free.
    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let acquired = lock.withLock {
                guard available > 0 else {
                    waiters.append(continuation)
                    return false
                }
                available -= 1
                return true
            }
            if acquired { continuation.resume() }
        }
    }

    /// Gives a unit back: to the longest waiter, if any.
    func signal() {
        let next: CheckedContinuation<Void, Never>? = lock.withLock {
            if waiters.isEmpty {
                available += 1
                return nil
            }
            return waiters.removeFirst()
        }
        next?.resume()
    }
}
