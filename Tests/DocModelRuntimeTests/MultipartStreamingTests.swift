import Foundation
import TestSupport
import Testing
import DocModelRuntime

@Suite struct MultipartStreamingTests {
    @Test func streamedOutputEqualsInMemoryEncodingAcrossChunks() throws {
        let directory = try TemporaryFolder()
        // 2.5 chunks of varied bytes, so the copy loop runs several times with a short last chunk.
        let size = MultipartFormWriter.chunkSize * 5 / 2 + 3
        let content = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) })
        let source = try directory.write(content, to: "clip.mp4")
        let writer = try MultipartFormWriter(boundary: "stream-boundary")
        let parts: [MultipartPart] = [
            .text(name: "model_id", value: "m"),
            .file(name: "video", fileURL: source),
            .field(name: "fps", value: 6),
        ]
        let output = directory.file("out.body")
        try writer.encode(parts, to: output)
        let streamed = try Data(contentsOf: output)
        #expect(streamed == (try writer.encode(parts)))
        #expect(Int64(streamed.count) == (try writer.contentLength(of: parts)))
        #expect(streamed.starts(with: Data(("--stream-boundary\r\nContent-Disposition: form-data; name=\"model_id\"\r\n\r\nm\r\n"
            + "--stream-boundary\r\nContent-Disposition: form-data; name=\"video\"; filename=\"clip.mp4\"\r\n"
            + "Content-Type: video/mp4\r\n\r\n").utf8)))
    }

    @Test func encodingToAFileReplacesItsContents() throws {
        let directory = try TemporaryFolder()
        let output = try directory.write(Data(repeating: 0x7A, count: 10_000), to: "out.body")
        let writer = try MultipartFormWriter(boundary: "b")
        try writer.encode([.text(name: "a", value: "1")], to: output)
        #expect(try Data(contentsOf: output) == (try writer.encode([.text(name: "a", value: "1")])))
    }

    #if os(Linux)
    /// Streams a 64 MiB file part and checks the process's peak resident memory (`VmHWM`) grows by
    /// less than 16 MiB. `VmHWM` is process-wide, so the peak is first reset to the current RSS
    /// (`echo 5 > /proc/self/clear_refs`, Linux ≥ 4.0) and the source file is written in chunks.
    /// Tests running concurrently in the same process can raise the peak, so a failing
    /// measurement is repeated once; a body held in memory fails both.
    @Test func streamingA64MiBFileKeepsMemoryBounded() throws {
        let directory = try TemporaryFolder()
        let mebibyte = 1 << 20
        let fileSize = 64 * mebibyte
        let source = directory.file("big.bin")
        #expect(FileManager.default.createFile(atPath: source.path, contents: nil))
        let handle = try FileHandle(forWritingTo: source)
        let chunk = Data((0..<mebibyte).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 13) })
        for _ in 0..<64 { try handle.write(contentsOf: chunk) }
        try handle.close()

        let writer = MultipartFormWriter()
        let parts: [MultipartPart] = [.text(name: "prompt", value: "x"), .file(name: "video", fileURL: source)]
        let output = directory.file("out.body")

        var growth = Int.max
        for _ in 0..<2 where growth >= 16 * mebibyte {
            let baseline = try resetPeakMemory()
            try writer.encode(parts, to: output)
            growth = try memoryStatus("VmHWM") - baseline
        }
        #expect(growth < 16 * mebibyte, "peak memory grew by \(growth / 1024) KiB")

        let length = try writer.contentLength(of: parts)
        #expect(try FileContent.file(output).byteCount() == length)
        #expect(length > Int64(fileSize))

        // The meter itself works: touching 32 MiB raises the peak by about that much.
        let baseline = try resetPeakMemory()
        let ballast = Data(repeating: 0xAB, count: 32 * mebibyte)
        let ballastGrowth = try memoryStatus("VmHWM") - baseline
        #expect(ballast.count == 32 * mebibyte)
        #expect(ballastGrowth >= 24 * mebibyte, "peak memory grew by only \(ballastGrowth / 1024) KiB")
    }

    /// Resets `VmHWM` to the current RSS where the kernel allows it, and returns the baseline to
    /// measure growth from (the current peak if the reset is not possible).
    private func resetPeakMemory() throws -> Int {
        try? Data("5".utf8).write(to: URL(fileURLWithPath: "/proc/self/clear_refs"))
        return try memoryStatus("VmHWM")
    }

    /// A `/proc/self/status` field in bytes (`VmHWM:   123456 kB`).
    private func memoryStatus(_ field: String) throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
            let kibibytes = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first
            if let kibibytes, let value = Int(kibibytes) { return value * 1024 }
        }
        throw CocoaError(.fileReadCorruptFile)
    }
    #endif
}
