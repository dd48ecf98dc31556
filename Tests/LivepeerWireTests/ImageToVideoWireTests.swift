import DocModelRuntime
import Foundation
import LivepeerAIModels
import LivepeerAISendDefaultsModels
import TestSupport
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A Swift app sending the generated `BodyGenImageToVideo` through URLSession is, to a FastAPI
/// server declared like `Body_genImageToVideo`, indistinguishable from the real Python SDK: the
/// server ends up with the same form values and the same file.
@Suite(.enabled(if: Peers.available, Comment(rawValue: Peers.skipMessage)), .serialized)
struct ImageToVideoWireTests {
    enum WireCase: String, CaseIterable, Sendable {
        case allFields, imageOnly, hostileFilename, oneByteImage, largeImageStreamedFromDisk
    }

    /// The same request for both clients: the Swift model and the SDK client's JSON arguments.
    private func request(_ wireCase: WireCase, in folder: URL) throws -> (BodyGenImageToVideo, [String: Any]) {
        let file = folder.appendingPathComponent("image.bin")
        switch wireCase {
        case .allFields:
            try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7) }).write(to: file)
            let body = BodyGenImageToVideo(
                image: BodyGenImageToVideoImage(fileName: "frame.png", content: .file(file), contentType: "image/png"),
                modelId: "stabilityai/stable-video-diffusion-img2vid-xt-1-1", height: 512, width: 768, fps: 8,
                motionBucketId: 100, noiseAugStrength: 0.1, safetyCheck: false, seed: 42, numInferenceSteps: 30)
            return (body, [
                "fields": [
                    "model_id": "stabilityai/stable-video-diffusion-img2vid-xt-1-1", "height": 512, "width": 768,
                    "fps": 8, "motion_bucket_id": 100, "noise_aug_strength": 0.1, "safety_check": false, "seed": 42,
                    "num_inference_steps": 30,
                ],
                "image": ["path": file.path, "filename": "frame.png", "content_type": "image/png"],
            ])
        case .imageOnly:
            try Data("not really a png".utf8).write(to: file)
            return (
                BodyGenImageToVideo(image: BodyGenImageToVideoImage(fileName: "only.png", content: .file(file))),
                ["fields": [String: Any](), "image": ["path": file.path, "filename": "only.png"]])
        case .hostileFilename:
            let name = "we\"ird\r\n;名前.png"
            try Data("x".utf8).write(to: file)
            return (
                BodyGenImageToVideo(image: BodyGenImageToVideoImage(fileName: name, content: .bytes(Data("x".utf8))), seed: 7),
                ["fields": ["seed": 7], "image": ["path": file.path, "filename": name]])
        case .oneByteImage:
            try Data([0xFF]).write(to: file)
            return (
                BodyGenImageToVideo(image: BodyGenImageToVideoImage(fileName: "one.bin", content: .bytes(Data([0xFF])))),
                ["fields": [String: Any](), "image": ["path": file.path, "filename": "one.bin"]])
        case .largeImageStreamedFromDisk:
            try writeLargeFile(file, mebibytes: 64)
            return (
                BodyGenImageToVideo(
                    image: BodyGenImageToVideoImage(fileName: "large.jpg", content: .file(file)), noiseAugStrength: 0.02),
                ["fields": ["noise_aug_strength": 0.02], "image": ["path": file.path, "filename": "large.jpg"]])
        }
    }

    @Test(arguments: WireCase.allCases)
    func serverSeesWhatThePythonSDKSends(_ wireCase: WireCase) async throws {
        let server = try await Peers.server.value
        let temp = try TemporaryFolder()
        let folder = temp.url
        defer { withExtendedLifetime(temp) {} }
        let (body, sdkRequest) = try request(wireCase, in: folder)

        // Swift: stream the body to a file and upload it from disk, as an app would for big files.
        let (urlRequest, bodyFile) = try URLRequest.multipartFileUpload(
            url: server.baseURL.appendingPathComponent("image-to-video"), body: body)
        defer { try? FileManager.default.removeItem(at: bodyFile) }
        let (status, data) = try await HTTP.upload(urlRequest, fromFile: bodyFile)
        #expect(status == 200, "\(String(decoding: data, as: UTF8.self))")
        let swiftAnswer = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])

        let pythonAnswer = try await PythonSDK.imageToVideo(server: server, request: sdkRequest)

        let swiftFields = try #require(swiftAnswer["fields"] as? [String: Any])
        let pythonFields = try #require(pythonAnswer["fields"] as? [String: Any])
        let swiftImage = try #require(swiftAnswer["image"] as? [String: Any])
        let pythonImage = try #require(pythonAnswer["image"] as? [String: Any])
        #expect(Set(swiftFields.keys) == Set(pythonFields.keys))
        for key in pythonFields.keys.sorted() {
            #expect(JSONValueText(swiftFields[key]) == JSONValueText(pythonFields[key]), "field \(key)")
        }
        for key in ["filename", "content_type", "size", "sha256", "headers"] {
            #expect(JSONValueText(swiftImage[key]) == JSONValueText(pythonImage[key]), "image \(key)")
        }
        try await compareRawParts(server: server, swift: swiftAnswer, python: pythonAnswer, body: body)
        print(ComparisonTable.render(wireCase.rawValue, python: pythonFields, pythonImage: pythonImage, swift: swiftFields, swiftImage: swiftImage))
    }

    /// The raw parts, parsed by python-multipart: every part the Swift app sends, the SDK sends
    /// byte for byte (headers included); the SDK also sends its models' defaults for the fields the
    /// Swift app left unset (`model_id=""`, `height=576`, …), and puts the file last.
    private func compareRawParts(server: PeerServer, swift: [String: Any], python: [String: Any], body: BodyGenImageToVideo) async throws {
        guard let swiftRaw = swift["raw_request"] as? [String: Any], let swiftBody = swiftRaw["body_b64"] as? String,
              let pythonRaw = python["raw_request"] as? [String: Any], let pythonBody = pythonRaw["body_b64"] as? String
        else { return }  // large bodies are not echoed
        let swiftParts = try await MultipartParse.parts(server: server, body: try #require(Data(base64Encoded: swiftBody)), contentType: try #require(swiftRaw["content_type"] as? String))
        let pythonParts = try await MultipartParse.parts(server: server, body: try #require(Data(base64Encoded: pythonBody)), contentType: try #require(pythonRaw["content_type"] as? String))
        #expect(swiftParts.map(\.name) == (try body.multipartParts()).map(\.name))
        for part in swiftParts {
            #expect(pythonParts.contains(part), "the SDK did not send \(part)")
        }
        let unset = Set(pythonParts.map(\.name)).subtracting(swiftParts.map(\.name))
        let defaults: Set<String> = ["model_id", "height", "width", "fps", "motion_bucket_id", "noise_aug_strength", "safety_check", "num_inference_steps"]
        #expect(unset.isSubset(of: defaults), "SDK-only parts: \(unset)")
        #expect(pythonParts.last?.name == "image")
    }

    private func writeLargeFile(_ url: URL, mebibytes: Int) throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var random = SeededRandomNumberGenerator(seed: 0x9E37_79B9_7F4A_7C15)
        for _ in 0..<mebibytes {
            var chunk = [UInt8](repeating: 0, count: 1 << 20)
            for index in stride(from: 0, to: chunk.count, by: 8) {
                withUnsafeBytes(of: random.next()) { chunk.replaceSubrange(index..<index + 8, with: $0) }
            }
            try handle.write(contentsOf: chunk)
        }
    }
}

/// A JSON value as comparable text (JSONSerialization gives Any).
struct JSONValueText: Equatable, CustomStringConvertible {
    var description: String

    init(_ value: Any?) {
        guard let value, !(value is NSNull) else {
            description = "null"
            return
        }
        if let data = try? JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys]) {
            description = String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
        } else {
            description = "\(value)"
        }
    }
}

/// The field → Python SDK → Swift table for the closing note.
enum ComparisonTable {
    static func render(_ title: String, python: [String: Any], pythonImage: [String: Any], swift: [String: Any], swiftImage: [String: Any]) -> String {
        var lines = ["### \(title)", "| field | Python SDK | Swift |", "| --- | --- | --- |"]
        for key in python.keys.sorted() {
            lines.append("| \(key) | \(JSONValueText(python[key])) | \(JSONValueText(swift[key])) |")
        }
        for key in ["filename", "content_type", "size", "sha256"] {
            lines.append("| image.\(key) | \(JSONValueText(pythonImage[key])) | \(JSONValueText(swiftImage[key])) |")
        }
        return lines.joined(separator: "\n")
    }
}

/// Fails in CI when the peers are missing, so the wire tests can never be skipped there silently.
@Test func peersArePresentWhenRequired() {
    if ProcessInfo.processInfo.environment["DOCMODELGEN_REQUIRE_PEERS"] == "1" {
        #expect(Peers.available, "\(Peers.skipMessage)")
    }
}

/// With `--openapi gateway.openapi.yaml --send-defaults` (`Sources/LivepeerAISendDefaultsModels`),
/// the Swift body is the real SDK's body: the same parts, each byte for byte (headers included);
/// only the boundary and the part order may differ.
@Suite(.enabled(if: Peers.available, Comment(rawValue: Peers.skipMessage)), .serialized)
struct SendDefaultsWireTests {
    typealias Body = SendingDefaults.BodyGenImageToVideo
    typealias Image = SendingDefaults.BodyGenImageToVideoImage

    enum WireCase: String, CaseIterable, Sendable {
        case imageOnly, seedOnly, someFieldsSet, allFieldsSet
    }

    private func request(_ wireCase: WireCase, image file: URL) -> (Body, [String: Any]) {
        let image = Image(fileName: "frame.png", content: .file(file), contentType: "image/png")
        let sdkImage: [String: Any] = ["path": file.path, "filename": "frame.png", "content_type": "image/png"]
        switch wireCase {
        case .imageOnly:
            return (Body(image: image), ["fields": [String: Any](), "image": sdkImage])
        case .seedOnly:
            return (Body(image: image, seed: 7), ["fields": ["seed": 7], "image": sdkImage])
        case .someFieldsSet:
            return (Body(image: image, height: 512, noiseAugStrength: 0.1, safetyCheck: false),
                    ["fields": ["height": 512, "noise_aug_strength": 0.1, "safety_check": false], "image": sdkImage])
        case .allFieldsSet:
            return (
                Body(image: image, modelId: "m", height: 1, width: 2, fps: 3, motionBucketId: 4, noiseAugStrength: 0.5,
                     safetyCheck: true, seed: 5, numInferenceSteps: 6),
                ["fields": ["model_id": "m", "height": 1, "width": 2, "fps": 3, "motion_bucket_id": 4, "noise_aug_strength": 0.5,
                            "safety_check": true, "seed": 5, "num_inference_steps": 6],
                 "image": sdkImage])
        }
    }

    @Test(arguments: WireCase.allCases)
    func bodyEqualsTheSDKsPartForPart(_ wireCase: WireCase) async throws {
        let server = try await Peers.server.value
        let temp = try TemporaryFolder()
        let file = temp.url.appendingPathComponent("image.bin")
        try Data((0..<300).map { UInt8(truncatingIfNeeded: $0 &* 13) }).write(to: file)
        let (body, sdkRequest) = request(wireCase, image: file)

        let encoder = MultipartFormEncoder()
        let swiftParts = try await MultipartParse.parts(server: server, body: try encoder.encode(body), contentType: encoder.contentType)
        let python = try await PythonSDK.imageToVideo(server: server, request: sdkRequest)
        let raw = try #require(python["raw_request"] as? [String: Any])
        let encoded = try #require(raw["body_b64"] as? String)
        let pythonBody = try #require(Data(base64Encoded: encoded))
        let pythonContentType = try #require(raw["content_type"] as? String)
        let pythonParts = try await MultipartParse.parts(server: server, body: pythonBody, contentType: pythonContentType)

        #expect(swiftParts.count == pythonParts.count, "\(swiftParts.map(\.name)) vs \(pythonParts.map(\.name))")
        for part in pythonParts {
            #expect(swiftParts.contains(part), "Swift did not send \(part)")
        }
        // Every default the spec gives is on the wire, as the SDK sends it.
        #expect(Set(pythonParts.map(\.name)).isSuperset(of: ["model_id", "height", "width", "fps", "motion_bucket_id", "noise_aug_strength", "safety_check", "num_inference_steps"]))
    }
}
