import DocModelRuntime
import Foundation
import GrammarFixtureModels
import Testing

/// A multipart body with every kind of part (`Specs/grammar/…/uploadrequest.md`).
@Suite struct GrammarMultipartTests {
    @Test func everyKindOfPart() throws {
        let request = UploadRequest(
            file: Upload(fileName: "a.txt", content: .bytes(Data("hi".utf8))), title: "t", count: 2, scale: 0.5,
            public: true, color: .darkBlue, takenAt: DateTime(rawValue: "2024-05-01T00:00:00Z"), labels: ["x", "y"],
            caption: .null, origin: ComponentsError(code: 7))
        let parts = try request.multipartParts()
        // Plain fields first, then the file and the JSON part, each group in field order.
        #expect(parts.map(\.name) == ["title", "count", "scale", "public", "color", "taken_at", "labels[]", "labels[]", "mode", "file", "origin"])
        #expect(try parts.map { String(decoding: try $0.body.data(), as: UTF8.self) } == [
            "t", "2", "0.5", "true", "dark-blue", "2024-05-01T00:00:00Z", "x", "y", "fast", "hi", #"{"code":7}"#,
        ])
        #expect(parts[9].resolvedContentType == "text/plain")
        #expect(parts[10].resolvedContentType == "application/json")
        var withCaption = request
        withCaption.caption = .value("c")
        #expect(try withCaption.multipartParts().contains { $0.name == "caption" })
        // A deprecated field travels under its wire name; only a user's own use of it warns.
        let tagged = UploadRequest(file: Upload(fileName: "a.txt", content: .bytes(Data())), title: "t", legacyTag: "old")
        #expect(try tagged.multipartParts().map(\.name) == ["title", "mode", "legacy_tag", "file"])
    }
}
