import DocModelRuntime
import Foundation
import LivepeerAIModels
import TestSupport
import Testing

/// The checked-in reference outputs are exactly what the tool generates from `Specs/`:
/// `Sources/LivepeerAIModels` (the seed pages), `Sources/UnstructuredModels` (a whole real docs
/// tree) and `Sources/GrammarFixtureModels` (every construct of the grammar). Each is a target, so
/// every build compiles them. Re-record them all with `DOCMODELGEN_RECORD=1 swift test`.
@Suite struct ReferenceOutputTests {
    struct Reference: Sendable, CustomTestStringConvertible {
        var specs: String
        var target: String
        /// Options besides the inputs and output folders, as the README's command gives them.
        var options: [String] = []
        var testDescription: String { target }
        var models: URL { PackageRoot.url.appendingPathComponent("Sources/\(target)/Models") }
        var docs: URL { PackageRoot.url.appendingPathComponent("Sources/\(target)/Docs") }
    }

    static let references = [
        Reference(specs: "Specs/livepeer-ai", target: "LivepeerAIModels", options: ["--openapi", "Specs/livepeer-ai/gateway.openapi.yaml"]),
        Reference(
            specs: "Specs/livepeer-ai", target: "LivepeerAISendDefaultsModels",
            options: ["--openapi", "Specs/livepeer-ai/gateway.openapi.yaml", "--send-defaults", "--namespace", "SendingDefaults"]),
        Reference(specs: "Specs/unstructured", target: "UnstructuredModels"),
        Reference(specs: "Specs/grammar", target: "GrammarFixtureModels"),
    ]

    @Test(arguments: references)
    func regeneratingFromSpecsReproducesTheReferenceByteForByte(_ reference: Reference) async throws {
        let temp = try TemporaryFolder()
        let models = temp.url.appendingPathComponent("Models")
        let docs = temp.url.appendingPathComponent("Docs")
        let result = try await ProcessRunner.Async.docmodelgen(["generate", reference.specs, "--output", models.path, "--docs-output", docs.path] + reference.options)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("error:"), "\(result.stderr)")
        // The overlay matches every page it should (the file model is the SDK's, not the spec's).
        #expect(!result.stderr.contains("[overlay-"), "\(result.stderr)")
        let generatedModels = try TemporaryFolder.snapshot(of: models)
        let generatedDocs = try TemporaryFolder.snapshot(of: docs)
        #expect(!generatedModels.isEmpty)
        // A namespace adds the file that declares it, a client its files (`Client+API.swift`, one
        // `Operations+<group>.swift` per operations page); docs pages are models' only.
        let clientFiles = generatedModels.keys.filter { $0.contains("+") }.count
        #expect(generatedModels.count == generatedDocs.count + (reference.options.contains("--namespace") ? 1 : 0) + clientFiles)
        try Golden.assertDirectoryMatches(actual: models, goldenDirectory: reference.models)
        try Golden.assertDirectoryMatches(actual: docs, goldenDirectory: reference.docs)
    }

    /// The seed's two models, the pages its operation's response and errors name, and the client.
    @Test func theSeedReferenceHasItsModelsAndClient() async throws {
        #expect(try TemporaryFolder.snapshot(of: Self.references[0].models).keys.sorted() == [
            "Client+API.swift", "Operations+generate.swift",
            "components.apierror.swift", "components.bodygenimagetovideo.swift", "components.bodygenimagetovideoimage.swift",
            "components.httpmetadata.swift", "components.loc.swift", "components.media.swift", "components.validationerror.swift",
            "components.videoresponse.swift", "errors.httperror.swift", "errors.httpvalidationerror.swift",
            "operations.genimagetovideoresponse.swift",
        ])
    }

    @Test(arguments: references)
    func checkModeAgreesTheReferenceIsUpToDate(_ reference: Reference) async throws {
        let result = try await ProcessRunner.Async.docmodelgen([
            "generate", reference.specs, "--output", reference.models.path, "--docs-output", reference.docs.path, "--check",
        ] + reference.options)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    static let sharedCorpus = PackageRoot.sharedCorpus

    @Test(.enabled(if: PackageRoot.hasSharedCorpus, "../shared/corpus is not beside this checkout"))
    func specsAreUnmodifiedCopiesOfTheSharedCorpus() async throws {
        let seed = Self.sharedCorpus.appendingPathComponent("livepeer-ai-python/docs/models/components")
        let bundledModels = PackageRoot.url.appendingPathComponent("Specs/livepeer-ai/docs/models")
        let livepeerPages = try TemporaryFolder.snapshot(of: bundledModels)
        #expect(livepeerPages.count == 11)
        for name in livepeerPages.keys {
            let bundled = try Data(contentsOf: bundledModels.appendingPathComponent(name))
            #expect(bundled == (try Data(contentsOf: seed.deletingLastPathComponent().appendingPathComponent(name))), "\(name)")
        }
        let unstructured = try TemporaryFolder.snapshot(of: PackageRoot.url.appendingPathComponent("Specs/unstructured/docs/models"))
        #expect(unstructured.count == 113)
        #expect(unstructured == (try TemporaryFolder.snapshot(of: Self.sharedCorpus.appendingPathComponent("unstructured-python-client/docs/models"))))
    }
}

/// The generated model on the JSON wire.
@Suite struct GeneratedModelJSONTests {
    @Test func wireKeysAndOmittedOptionalsRoundTrip() async throws {
        let body = BodyGenImageToVideo(
            image: BodyGenImageToVideoImage(fileName: "cat.png", content: .bytes(Data([1, 2, 3]))),
            modelId: "stabilityai/stable-video-diffusion-img2vid-xt-1-1",
            motionBucketId: 127,
            noiseAugStrength: 0.02,
            safetyCheck: false)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(body), as: UTF8.self)
        #expect(json == #"{"image":{"content":"AQID","file_name":"cat.png"},"model_id":"stabilityai/stable-video-diffusion-img2vid-xt-1-1","motion_bucket_id":127,"noise_aug_strength":0.02,"safety_check":false}"#)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["image", "model_id", "motion_bucket_id", "noise_aug_strength", "safety_check"])
        #expect(try JSONDecoder().decode(BodyGenImageToVideo.self, from: Data(json.utf8)) == body)
    }

    @Test func requiredFieldsAreRequiredWhenDecoding() async {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(BodyGenImageToVideo.self, from: Data(#"{"model_id":"x"}"#.utf8))
        }
    }

    @Test func fileContentFromDiskEncodesItsBytes() async throws {
        let temp = try TemporaryFolder()
        try temp.write("hi", to: "f.bin")
        let image = BodyGenImageToVideoImage(
            fileName: "f.bin", content: .file(temp.url.appendingPathComponent("f.bin")), contentType: "application/octet-stream")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(String(decoding: try encoder.encode(image), as: UTF8.self)
            == #"{"content":"aGk=","content_type":"application/octet-stream","file_name":"f.bin"}"#)
    }
}

/// The generated multipart encoder, without any peer: plain fields in field order and then the
/// files (httpx writes the SDK's `data` before its `files`), unset optionals left out, values
/// spelled as the Python SDK spells them.
@Suite struct GeneratedModelMultipartTests {
    @Test func partsFollowFieldOrderAndPythonSpelling() async throws {
        let body = BodyGenImageToVideo(
            image: BodyGenImageToVideoImage(fileName: "cat.png", content: .bytes(Data("PNG".utf8))),
            height: 576, noiseAugStrength: 0.02, safetyCheck: false, seed: 0)
        let parts = try body.multipartParts()
        #expect(parts.map(\.name) == ["height", "noise_aug_strength", "safety_check", "seed", "image"])
        #expect(try parts.map { String(decoding: try $0.body.data(), as: UTF8.self) } == ["576", "0.02", "false", "0", "PNG"])
        #expect(parts[4].filename == "cat.png")
        #expect(parts[4].resolvedContentType == "image/png")
        #expect(parts.dropLast().allSatisfy { $0.filename == nil && $0.resolvedContentType == nil })
    }

    @Test func exactBodyBytes() async throws {
        let body = BodyGenImageToVideo(
            image: BodyGenImageToVideoImage(fileName: "a.bin", content: .bytes(Data("xy".utf8)), contentType: "image/webp"),
            modelId: "m", noiseAugStrength: 1)
        let encoder = try MultipartFormEncoder(boundary: "BOUNDARY")
        let expected = "--BOUNDARY\r\nContent-Disposition: form-data; name=\"model_id\"\r\n\r\nm\r\n"
            + "--BOUNDARY\r\nContent-Disposition: form-data; name=\"noise_aug_strength\"\r\n\r\n1.0\r\n"
            + "--BOUNDARY\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.bin\"\r\nContent-Type: image/webp\r\n\r\nxy\r\n"
            + "--BOUNDARY--\r\n"
        #expect(String(decoding: try encoder.encode(body), as: UTF8.self) == expected)
        #expect(try encoder.contentLength(of: body) == Int64(expected.utf8.count))
        #expect(encoder.contentType == "multipart/form-data; boundary=BOUNDARY")
    }
}
