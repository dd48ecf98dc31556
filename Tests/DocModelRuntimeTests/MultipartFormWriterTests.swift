import Foundation
import TestSupport
import Testing
@testable import DocModelRuntime

@Suite struct MultipartFormWriterTests {
    let boundary = "test-boundary-0123"

    /// The golden body was produced by httpx 0.28.1 (the Python SDK's HTTP stack) with
    /// `MultipartStream(data, files, boundary=b"test-boundary-0123")` for the same fields, with the
    /// values passed through the SDK's `_val_to_string` (livepeer-ai 0.10.0).
    @Test func goldenBodyMatchesHttpx() throws {
        let writer = try MultipartFormWriter(boundary: boundary)
        let parts: [MultipartPart] = [
            .text(name: "prompt", value: "a cat"),
            .field(name: "strength", value: 1e-05),
            .field(name: "safety_check", value: true),
            .field(name: "width", value: 576),
            .file(name: "image", filename: "cat.png", content: .bytes(Data("PNG\r\nDATA".utf8))),
            .json(name: "meta", data: Data(#"{"a":1}"#.utf8)),
            .file(name: "doc", filename: "notes.unknownext", content: .bytes(Data())),
        ]
        let expected = "--test-boundary-0123\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\na cat\r\n"
            + "--test-boundary-0123\r\nContent-Disposition: form-data; name=\"strength\"\r\n\r\n1e-05\r\n"
            + "--test-boundary-0123\r\nContent-Disposition: form-data; name=\"safety_check\"\r\n\r\ntrue\r\n"
            + "--test-boundary-0123\r\nContent-Disposition: form-data; name=\"width\"\r\n\r\n576\r\n"
            + "--test-boundary-0123\r\nContent-Disposition: form-data; name=\"image\"; filename=\"cat.png\"\r\n"
            + "Content-Type: image/png\r\n\r\nPNG\r\nDATA\r\n"
            + "--test-boundary-0123\r\nContent-Disposition: form-data; name=\"meta\"\r\n"
            + "Content-Type: application/json\r\n\r\n{\"a\":1}\r\n"
            + "--test-boundary-0123\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"notes.unknownext\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n\r\n"
            + "--test-boundary-0123--\r\n"
        let body = try writer.encode(parts)
        #expect(body.utf8Text == expected)
        #expect(body == Data(expected.utf8))
        #expect(body.count == 715)  // httpx's get_content_length() for the same body
        #expect(try writer.contentLength(of: parts) == 715)
        #expect(writer.contentType == "multipart/form-data; boundary=test-boundary-0123")
    }

    @Test func noPartsIsJustTheClosingDelimiter() throws {
        let writer = try MultipartFormWriter(boundary: "b")
        #expect(try writer.encode([]) == Data("--b--\r\n".utf8))
        #expect(try writer.contentLength(of: []) == 7)
    }

    @Test func explicitContentTypeWinsAndTextPartsHaveNone() throws {
        let writer = try MultipartFormWriter(boundary: "b")
        let body = try writer.encode([
            .file(name: "f", filename: "x.png", content: .bytes(Data("1".utf8)), contentType: "image/x-custom"),
            MultipartPart(name: "t", filename: "", body: .bytes(Data("2".utf8))),
        ])
        #expect(body.utf8Text == "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.png\"\r\n"
            + "Content-Type: image/x-custom\r\n\r\n1\r\n"
            + "--b\r\nContent-Disposition: form-data; name=\"t\"; filename=\"\"\r\n\r\n2\r\n--b--\r\n")
    }

    // MARK: Boundary

    @Test(arguments: ["b", "0123456789", String(repeating: "x", count: 70), "a'()+_,-./:=?z", "with space"])
    func validBoundaries(_ boundary: String) throws {
        #expect(try MultipartFormWriter(boundary: boundary).boundary == boundary)
    }

    @Test(arguments: ["", String(repeating: "x", count: 71), "trailing ", "quote\"", "semi;colon", "cr\r", "lf\n", "é", "star*", "back\\slash"])
    func invalidBoundaries(_ boundary: String) {
        #expect(throws: MultipartError.invalidBoundary(boundary)) { try MultipartFormWriter(boundary: boundary) }
    }

    @Test func boundaryWithSpecialsIsQuotedInContentType() throws {
        #expect(try MultipartFormWriter(boundary: "a b:c").contentType == "multipart/form-data; boundary=\"a b:c\"")
        #expect(try MultipartFormWriter(boundary: "a'+_-.z").contentType == "multipart/form-data; boundary=a'+_-.z")
    }

    @Test func randomBoundariesAreLongAlphanumericAndDistinct() {
        let boundaries = (0..<100).map { _ in MultipartFormWriter().boundary }
        #expect(Set(boundaries).count == 100)
        for boundary in boundaries {
            #expect(boundary.count == MultipartBoundary.randomLength)
            #expect(boundary.count >= 24)
            #expect(boundary.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
            #expect(MultipartBoundary.isValid(boundary))
        }
    }

    // MARK: Escaping and injection

    /// Expected bytes from httpx 0.28.1 for the same name and filename
    /// (`_format_form_param`): `"` → %22, CR/LF and other C0 controls except ESC → %XX, `\` → `\\`.
    @Test func namesAndFilenamesAreEscapedLikeHttpx() throws {
        let writer = try MultipartFormWriter(boundary: boundary)
        let body = try writer.encode([
            .file(name: "na\"me\r\n;x\\é日本\u{01}\u{1B}", filename: "fi\"le\r\nContent-Type: evil\\.PNG",
                  content: .bytes(Data("x".utf8))),
        ])
        let expected = "--test-boundary-0123\r\nContent-Disposition: form-data; "
            + "name=\"na%22me%0D%0A;x\\\\é日本%01\u{1B}\"; filename=\"fi%22le%0D%0AContent-Type: evil\\\\.PNG\"\r\n"
            + "Content-Type: image/png\r\n\r\nx\r\n--test-boundary-0123--\r\n"
        #expect(body == Data(expected.utf8))
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("a\"b", "a%22b"),
        ("a\rb", "a%0Db"),
        ("a\nb", "a%0Ab"),
        ("a\r\nb", "a%0D%0Ab"),
        ("a;b=c", "a;b=c"),
        ("café", "café"),
        ("日本.png", "日本.png"),
        ("tab\there", "tab%09here"),
        ("trailing\\", "trailing\\\\"),
    ])
    func escapesParameterValues(_ raw: String, _ escaped: String) {
        #expect(MultipartHeaders.escapeParameterValue(raw) == escaped)
    }

    @Test func nonASCIIStaysRawUTF8() throws {
        let body = try MultipartFormWriter(boundary: "b").encode([
            .file(name: "é", filename: "日本.txt", content: .bytes(Data())),
        ])
        let header = Array("Content-Disposition: form-data; name=\"\u{E9}\"; filename=\"\u{65E5}\u{672C}.txt\"".utf8)
        #expect(Array(body).firstRange(of: header) != nil)
        #expect(Array(body).firstRange(of: [0xC3, 0xA9]) != nil)  // é as raw UTF-8
        #expect(Array(body).firstRange(of: [0xE6, 0x97, 0xA5, 0xE6, 0x9C, 0xAC]) != nil)  // 日本
    }

    @Test func noNameOrFilenameCanAddAPartOrAHeader() throws {
        let writer = try MultipartFormWriter(boundary: boundary)
        let hostile = [
            "x\"\r\n\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"evil\"\r\n\r\nboo",
            "x\r\nContent-Type: text/evil",
            "x\"; filename=\"evil.exe",
            "\n--\(boundary)--\n",
            "x\\\"; name=\"evil",
            "x\\",
        ]
        var parts: [MultipartPart] = []
        for value in hostile {
            parts.append(.text(name: value, value: "v"))
            parts.append(.file(name: value, filename: value, content: .bytes(Data("f".utf8))))
        }
        let body = try writer.encode(parts)
        let delimiter = Array("\r\n--\(boundary)".utf8)
        // One delimiter before every part but the first (which starts the body), plus the closing one.
        #expect(Array(body).ranges(of: delimiter).count == parts.count)
        #expect(body.starts(with: Data("--\(boundary)\r\n".utf8)))
        // Every header block is exactly Content-Disposition (+ Content-Type for files), then a blank line.
        let blocks = ("\r\n" + body.utf8Text).components(separatedBy: "\r\n--\(boundary)").dropFirst().dropLast()
        #expect(blocks.count == parts.count)
        for (block, part) in zip(blocks, parts) {
            let headerLines = block.components(separatedBy: "\r\n\r\n")[0]
                .split(separator: "\r\n", omittingEmptySubsequences: true)
            #expect(headerLines.count == (part.filename == nil ? 1 : 2))
            #expect(headerLines[0].hasPrefix("Content-Disposition: form-data; name=\""))
            #expect(!headerLines[0].contains("\r") && !headerLines[0].contains("\n"))
        }
    }

    @Test(arguments: ["text/plain\r\nX-Evil: 1", "text/plain\n", "text/plain\r", "a\u{0}b", "a\u{7F}"])
    func contentTypesWithControlCharactersAreRejected(_ contentType: String) throws {
        let writer = try MultipartFormWriter(boundary: "b")
        let parts = [MultipartPart.file(name: "f", filename: "f.txt", content: .bytes(Data()), contentType: contentType)]
        let error = MultipartError.invalidContentType(partName: "f", contentType: contentType)
        #expect(throws: error) { try writer.encode(parts) }
        #expect(throws: error) { try writer.contentLength(of: parts) }
    }

    @Test func contentTypeWithParametersAndTabIsAccepted() throws {
        let part = MultipartPart.file(name: "f", filename: "f", content: .bytes(Data()), contentType: "text/plain;\tcharset=utf-8")
        #expect(try MultipartFormWriter(boundary: "b").encode([part]).utf8Text.contains("Content-Type: text/plain;\tcharset=utf-8\r\n"))
    }

    // MARK: Boundary collisions

    @Test(arguments: [
        "--test-boundary-0123",
        "abc\r\n--test-boundary-0123--",
        "abc\r\n--test-boundary-0123xyz",
    ])
    func bodyContainingTheDelimiterIsRejected(_ text: String) throws {
        let writer = try MultipartFormWriter(boundary: boundary)
        #expect(throws: MultipartError.boundaryCollision(partName: "p")) {
            try writer.encode([.text(name: "p", value: text)])
        }
    }

    @Test(arguments: ["--test-boundary-012", "x--test-boundary-0123", "\r\n-test-boundary-0123", "\r--test-boundary-0123"])
    func nearMissesAreAllowed(_ text: String) throws {
        let writer = try MultipartFormWriter(boundary: boundary)
        let body = try writer.encode([.text(name: "p", value: text)])
        #expect(body.count == Int(try writer.contentLength(of: [.text(name: "p", value: text)])))
    }

    @Test func delimiterSplitAcrossFileChunksIsFound() throws {
        let directory = try TemporaryFolder()
        var data = Data(repeating: 0x61, count: MultipartFormWriter.chunkSize - 5)
        data.append(Data("\r\n--\(boundary)".utf8))  // straddles the first chunk boundary
        data.append(Data(repeating: 0x62, count: 10))
        let url = try directory.write(data, to: "split.bin")
        let writer = try MultipartFormWriter(boundary: boundary)
        #expect(throws: MultipartError.boundaryCollision(partName: "f")) {
            try writer.encode([.file(name: "f", fileURL: url)], to: directory.file("out.body"))
        }
        #expect(!FileManager.default.fileExists(atPath: directory.file("out.body").path))
    }
}
