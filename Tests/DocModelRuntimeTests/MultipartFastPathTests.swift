import Foundation
import TestSupport
import Testing
@testable import DocModelRuntime

/// The shortcuts the writer takes for speed (memchr scanning in blocks and chunks, escaping only
/// when a name needs it, sizing without building headers), each checked against a plain version.
@Suite struct MultipartFastPathTests {
    let boundary = "fast-boundary-42"
    var delimiter: [UInt8] { Array("\r\n--\(boundary)".utf8) }

    /// Feeds `body` to a scanner in chunks of the given sizes (cycled).
    func scanInChunks(_ body: [UInt8], sizes: [Int]) -> Bool {
        var scanner = DelimiterScanner(delimiter: delimiter)
        scanner.startBody()
        var start = 0, index = 0
        var found = false
        while start < body.count {
            let end = min(body.count, start + sizes[index % sizes.count])
            found = body[start..<end].withUnsafeBytes { scanner.scan($0) } || found
            start = end
            index += 1
        }
        return found
    }

    /// The plain answer: CRLF + body contains the delimiter.
    func naiveContains(_ body: [UInt8]) -> Bool {
        ([0x0D, 0x0A] + body).firstRange(of: delimiter) != nil
    }

    @Test func delimiterSplitAtEveryChunkBoundaryIsFound() {
        let m = delimiter.count
        for position in [0, 1, 5, 100] {
            var body = [UInt8](repeating: 0x61, count: position)
            body += delimiter + [0x62, 0x62]
            for split in 0...body.count {
                #expect(scanInChunks(body, sizes: [max(split, 1), body.count]), "position \(position), split \(split)")
            }
            for size in 1...(m + 2) {
                #expect(scanInChunks(body, sizes: [size]), "position \(position), chunks of \(size)")
            }
        }
        // Completed by the CRLF before the body, even when `--boundary` arrives a byte at a time.
        #expect(scanInChunks(Array("--\(boundary)".utf8), sizes: [1]))
        #expect(scanInChunks(Array("--\(boundary)".utf8), sizes: [3, 100]))
    }

    @Test func chunkedScanAgreesWithPlainSearch() {
        let pieces: [[UInt8]] = [
            [0x0D], [0x0A], [0x0D, 0x0A], Array("--".utf8), Array(boundary.utf8), Array(boundary.utf8.dropLast()),
            Array("x".utf8), Array("\r\n-".utf8), Array("\r\n--fast".utf8),
        ]
        var generator = SystemRandomNumberGenerator()  // a failure prints its body
        for _ in 0..<2_000 {
            var body: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                body += pieces[Int.random(in: 0..<pieces.count, using: &generator)]
            }
            let expected = naiveContains(body)
            let sizes = (0..<3).map { _ in Int.random(in: 1...40, using: &generator) }
            #expect(scanInChunks(body, sizes: sizes) == expected, "\(String(decoding: body, as: UTF8.self).debugDescription)")
            let whole = delimiter.withUnsafeBytes { d in body.withUnsafeBytes { DelimiterScanner.bodyContains(d, in: $0) } }
            #expect(whole == expected)
        }
    }

    /// In memory, big bodies are scanned in blocks; a delimiter across a block edge, or at the
    /// very end, is still found.
    @Test func delimiterAcrossInMemoryBlocksIsFound() throws {
        let writer = try MultipartFormWriter(boundary: boundary)
        let block = 128 << 10
        for offset in [block - 1, block - 5, block - delimiter.count + 1, block, 3 * block - 2] {
            var body = Data(repeating: 0x0D, count: offset)  // dense CRs: a candidate at every byte
            body.append(contentsOf: delimiter)
            #expect(throws: MultipartError.boundaryCollision(partName: "f"), "offset \(offset)") {
                try writer.encode([.file(name: "f", filename: "f.bin", content: .bytes(body))])
            }
            body.append(contentsOf: [0x0D, 0x0A])
            #expect(throws: MultipartError.boundaryCollision(partName: "f"), "offset \(offset)") {
                try writer.encode([.file(name: "f", filename: "f.bin", content: .bytes(body))])
            }
        }
        let clean = Data(repeating: 0x0D, count: 3 * block + 17) + Data("\r\n--fast-boundary-4".utf8)
        let encoded = try writer.encode([.file(name: "f", filename: "f.bin", content: .bytes(clean))])
        #expect(Array(encoded).firstRange(of: Array(clean)) != nil)
    }

    /// A file read straight into the output (in memory) or the write buffer (streaming): a
    /// delimiter anywhere around the 1 MiB read boundaries is found by both.
    @Test func delimiterNearFileReadBoundariesIsFound() throws {
        let directory = try TemporaryFolder()
        let writer = try MultipartFormWriter(boundary: boundary)
        let chunk = MultipartFormWriter.chunkSize
        // The streaming buffer already holds the part's header, so reads end a header's length
        // earlier; cover both that and the plain chunk edge.
        let header = try writer.contentLength(of: [.file(name: "f", filename: "f.bin", content: .bytes(Data()))]) - 2
            - Int64("--\(boundary)--\r\n".utf8.count)
        for edge in [chunk, chunk - Int(header)] {
            for shift in [-delimiter.count, -3, -1, 0, 1] {
                var data = Data(repeating: 0x61, count: edge + shift)
                data.append(contentsOf: delimiter)
                data.append(Data(repeating: 0x62, count: 10))
                let url = try directory.write(data, to: "f.bin")
                let part = MultipartPart.file(name: "f", fileURL: url)
                #expect(throws: MultipartError.boundaryCollision(partName: "f"), "edge \(edge) shift \(shift)") {
                    try writer.encode([part], to: directory.file("out.body"))
                }
                #expect(throws: MultipartError.boundaryCollision(partName: "f"), "edge \(edge) shift \(shift)") {
                    try writer.encode([part])
                }
            }
        }
    }

    /// The byte-wise escaping (with its copy-as-is shortcut for clean names) against the plain
    /// scalar-by-scalar rules; the computed length against the written one.
    @Test func escapingMatchesScalarRulesAndSizes() throws {
        let names = [
            "plain", "", "model_id", "\"", "\\", "\r\n", "\u{1B}", "\u{0}", "\u{1F}x", "x\u{7F}", "a\"\"b", "\"start", "end\"",
            "café", "日本\u{1}語", "emoji 🐈\"", "tab\t", "mixed\\\"\r\n\u{1B}é", String(repeating: "long", count: 40),
        ]
        let writer = try MultipartFormWriter(boundary: boundary)
        for name in names {
            let expected = Self.scalarEscaped(name)
            #expect(MultipartHeaders.escapeParameterValue(name) == expected, "\(name.debugDescription)")
            #expect(MultipartHeaders.escapedCount(name) == expected.utf8.count)
            let parts: [MultipartPart] = [.text(name: name, value: "v"), .file(name: "f", filename: name, content: .bytes(Data()))]
            let body = try writer.encode(parts)
            #expect(Int64(body.count) == (try writer.contentLength(of: parts)))
            #expect(body.utf8Text.contains("name=\"\(expected)\"\r\n\r\nv\r\n"))
            #expect(body.utf8Text.contains("filename=\"\(expected)\"\r\n"))
        }
    }

    /// The rules as httpx states them, one Unicode scalar at a time.
    static func scalarEscaped(_ value: String) -> String {
        var escaped = ""
        for scalar in value.unicodeScalars {
            switch scalar.value {
            case 0x22: escaped += "%22"
            case 0x5C: escaped += "\\\\"
            case 0x1B: escaped.unicodeScalars.append(scalar)
            case 0x00...0x1F: escaped += String(format: "%%%02X", scalar.value)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// Every kind of part and body: the computed length is the encoded size, in memory and streamed,
    /// and both encodings are the same bytes.
    @Test func lengthsMatchForEveryPartKind() throws {
        let directory = try TemporaryFolder()
        let writer = try MultipartFormWriter(boundary: boundary)
        let big = Data((0..<(300 << 10)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        let parts: [MultipartPart] = [
            .text(name: "short", value: "x"),
            .text(name: "long", value: String(repeating: "long text ", count: 20)),
            .text(name: "utf8", value: "日本 café 🐈"),
            .field(name: "float", value: 0.02),
            .field(name: "tiny", value: 1e-05),
            .field(name: "int", value: 576),
            .field(name: "flag", value: true),
            .json(name: "meta", data: Data("{}".utf8)),
            .file(name: "big", filename: "big.png", content: .bytes(big)),
            .file(name: "guessed", fileURL: try directory.write(big, to: "clip.mp4")),
            .file(name: "typed", fileURL: try directory.write(Data("abc".utf8), to: "x"), contentType: "text/plain"),
        ]
        let body = try writer.encode(parts)
        #expect(Int64(body.count) == (try writer.contentLength(of: parts)))
        try writer.encode(parts, to: directory.file("out.body"))
        #expect(try Data(contentsOf: directory.file("out.body")) == body)
    }
}
