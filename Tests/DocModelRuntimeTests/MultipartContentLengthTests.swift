import Foundation
import TestSupport
import Testing
import DocModelRuntime

@Suite struct MultipartContentLengthTests {
    let boundary = "test-boundary-0123"

    /// Bytes that look like framing: CRLFs, `--`, a boundary prefix, NULs and high bytes.
    var trickyBinary: Data {
        var data = Data("\r\n\r\n--\r\n--test-bound\r\n-".utf8)
        data.append(contentsOf: [0x00, 0xFF, 0x0D, 0x0A, 0x2D, 0x2D, 0x80, 0xC3])
        data.append(contentsOf: (0...255).map(UInt8.init))
        return data
    }

    func parts(in directory: TemporaryFolder) throws -> [MultipartPart] {
        [
            .text(name: "empty", value: ""),
            .text(name: "prompt", value: "日本 café"),
            .field(name: "strength", value: 0.02),
            .file(name: "empty-bytes", filename: "e.bin", content: .bytes(Data())),
            .file(name: "binary", filename: "b.bin", content: .bytes(trickyBinary)),
            .file(name: "empty-file", fileURL: try directory.write(Data(), to: "empty.txt")),
            .file(name: "binary-file", fileURL: try directory.write(trickyBinary, to: "tricky.png")),
            .json(name: "meta", data: Data("{}".utf8)),
        ]
    }

    @Test func contentLengthEqualsEncodedSizeInMemoryAndOnDisk() throws {
        let directory = try TemporaryFolder()
        let writer = try MultipartFormWriter(boundary: boundary)
        let parts = try parts(in: directory)
        let length = try writer.contentLength(of: parts)
        let inMemory = try writer.encode(parts)
        #expect(Int64(inMemory.count) == length)

        let output = directory.file("out.body")
        try writer.encode(parts, to: output)
        #expect(try FileContent.file(output).byteCount() == length)
        #expect(try Data(contentsOf: output) == inMemory)
    }

    @Test func fileAndBytesBodiesEncodeIdentically() throws {
        let directory = try TemporaryFolder()
        let writer = try MultipartFormWriter(boundary: boundary)
        let url = try directory.write(trickyBinary, to: "tricky.png")
        let fromFile = try writer.encode([.file(name: "f", fileURL: url)])
        let fromBytes = try writer.encode([.file(name: "f", filename: "tricky.png", content: .bytes(trickyBinary))])
        #expect(fromFile == fromBytes)
        #expect(fromFile.utf8Text.contains("Content-Type: image/png\r\n"))
    }

    @Test func eachLengthMatchesForSingleParts() throws {
        let directory = try TemporaryFolder()
        let writer = MultipartFormWriter()
        for part in try parts(in: directory) {
            #expect(Int64(try writer.encode([part]).count) == (try writer.contentLength(of: [part])))
        }
    }

    @Test func contentLengthDoesNotReadFilesAndMissingFilesThrow() throws {
        let directory = try TemporaryFolder()
        let writer = try MultipartFormWriter(boundary: boundary)
        let missing = MultipartPart.file(name: "f", fileURL: directory.file("missing.bin"))
        #expect(throws: (any Error).self) { try writer.contentLength(of: [missing]) }
        #expect(throws: (any Error).self) { try writer.encode([missing]) }
        #expect(throws: (any Error).self) { try writer.encode([missing], to: directory.file("out")) }
        #expect(!FileManager.default.fileExists(atPath: directory.file("out").path))
    }
}
