// Multipart/form-data encoding: the generated BodyGenImageToVideo encoder (DocModelRuntime) vs.
// multipart-kit's FormDataEncoder on an equivalent Codable struct, in memory with a 64 MiB and a
// 1 KiB image, and DocModelGen streaming a 1 GiB image from disk to a file.
//
// Run through `Tests/Benchmarks/run`, which reads the JMH export. The work folder (large files) is
// $DOCMODELGEN_BENCH_WORK, or the temporary folder.
import BenchModels
import Benchmark
import DocModelRuntime
import Foundation
import MultipartKit
import NIOCore

let boundary = "docmodelgen-benchmark-boundary-7MA4YWxkTrZu0gW"
let workFolder = URL(
    fileURLWithPath: ProcessInfo.processInfo.environment["DOCMODELGEN_BENCH_WORK"] ?? NSTemporaryDirectory())

/// A deterministic, boundary-free image of `count` bytes.
func image(_ count: Int) -> Data {
    var bytes = [UInt8](repeating: 0, count: count)
    for i in 0..<count { bytes[i] = UInt8(truncatingIfNeeded: i &* 31 &+ 7) }
    return Data(bytes)
}

func ourBody(_ content: FileContent) -> BodyGenImageToVideo {
    BodyGenImageToVideo(
        image: .init(fileName: "image.png", content: content, contentType: "image/png"),
        modelId: "stabilityai/stable-video-diffusion-img2vid-xt-1-1", height: 576, width: 1024, fps: 6,
        motionBucketId: 127, noiseAugStrength: 0.02, safetyCheck: true, seed: 42, numInferenceSteps: 25)
}

/// multipart-kit's equivalent of the image field: a part with a filename and a Content-Type.
struct KitFile: Encodable, MultipartPartConvertible {
    var filename: String
    var contentType: String
    var bytes: ByteBuffer

    var multipart: MultipartKit.MultipartPart? {
        MultipartKit.MultipartPart(
            headers: ["Content-Disposition": "form-data; filename=\"\(filename)\"", "Content-Type": contentType],
            body: bytes)
    }
    init(filename: String, contentType: String, bytes: ByteBuffer) {
        self.filename = filename
        self.contentType = contentType
        self.bytes = bytes
    }
    init?(multipart: MultipartKit.MultipartPart) { nil }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(bytes.readableBytesView.count)  // not reached: the part is used
    }
}

/// The same fields as BodyGenImageToVideo, as a Codable struct for multipart-kit.
struct KitBody: Encodable {
    var image: KitFile
    var model_id: String? = "stabilityai/stable-video-diffusion-img2vid-xt-1-1"
    var height: Int? = 576
    var width: Int? = 1024
    var fps: Int? = 6
    var motion_bucket_id: Int? = 127
    var noise_aug_strength: Double? = 0.02
    var safety_check: Bool? = true
    var seed: Int? = 42
    var num_inference_steps: Int? = 25
}

func kitBody(_ data: Data) -> KitBody {
    KitBody(image: KitFile(filename: "image.png", contentType: "image/png", bytes: ByteBuffer(bytes: data)))
}

func recordSize(_ name: String, _ bytes: Int) {
    let url = workFolder.appendingPathComponent("multipart-size-\(name).txt")
    try? Data("\(bytes)\n".utf8).write(to: url)
}

let benchmarks: @Sendable () -> Void = {
    let inMemory: [BenchmarkMetric] = [.throughput, .wallClock, .mallocCountTotal, .peakMemoryResidentDelta]

    for (label, size) in [("64MiB", 64 << 20), ("1KiB", 1 << 10)] {
        let bytes = image(size)
        let ours = ourBody(.bytes(bytes))
        let theirs = kitBody(bytes)
        let encoder = try! MultipartFormEncoder(boundary: boundary)
        recordSize("docmodelgen-\(label)", try! encoder.encode(ours).count)
        var probe = ByteBuffer()
        try! FormDataEncoder().encode(theirs, boundary: boundary, into: &probe)
        recordSize("multipartkit-\(label)", probe.readableBytes)

        let configuration = Benchmark.Configuration(
            metrics: inMemory, warmupIterations: size > 1 << 20 ? 2 : 1000,
            maxDuration: .seconds(size > 1 << 20 ? 6 : 3), maxIterations: size > 1 << 20 ? 200 : 1_000_000)
        Benchmark("DocModelGen in memory \(label)", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try encoder.encode(ours))
            }
        }
        Benchmark("multipart-kit in memory \(label)", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations {
                var buffer = ByteBuffer()
                try FormDataEncoder().encode(theirs, boundary: boundary, into: &buffer)
                blackHole(buffer)
            }
        }
    }

    // Streaming: a 1 GiB image on disk, copied in chunks into the body file.
    let source = workFolder.appendingPathComponent("multipart-source-1GiB.bin")
    let output = workFolder.appendingPathComponent("multipart-output.bin")
    Benchmark(
        "DocModelGen streaming 1GiB",
        configuration: .init(
            metrics: [.throughput, .wallClock, .peakMemoryResident, .peakMemoryResidentDelta],
            warmupIterations: 1, maxDuration: .seconds(40), maxIterations: 5,
            setup: {
                let size = 1 << 30
                let existing = (try? FileManager.default.attributesOfItem(atPath: source.path)[.size] as? Int) ?? nil
                if existing != size {
                    _ = FileManager.default.createFile(atPath: source.path, contents: nil)  // FileHandle below throws if this failed
                    let handle = try FileHandle(forWritingTo: source)
                    let chunk = image(1 << 20)
                    for _ in 0..<(size >> 20) { try handle.write(contentsOf: chunk) }
                    try handle.close()
                }
            },
            teardown: { try? FileManager.default.removeItem(at: output) }
        )
    ) { benchmark in
        let encoder = try MultipartFormEncoder(boundary: boundary)
        let body = ourBody(.file(source))
        for _ in benchmark.scaledIterations {
            try encoder.encode(body, to: output)
        }
        recordSize("docmodelgen-stream-1GiB", Int(try encoder.contentLength(of: body)))
    }
}
