// Encodes the 1 KiB image-to-video body in a loop, for callgrind/perf (the hot path of the
// "Multipart in memory, 1 KiB" benchmark without the harness around it).
import BenchModels
import DocModelRuntime
import Foundation

let iterations = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 20_000
let size = Int(CommandLine.arguments.dropFirst(2).first ?? "") ?? 1024
func image(_ count: Int) -> Data {
    var bytes = [UInt8](repeating: 0, count: count)
    bytes.withUnsafeMutableBufferPointer { buffer in
        for i in 0..<count { buffer[i] = UInt8(truncatingIfNeeded: i &* 31 &+ 7) }
    }
    return Data(bytes)
}
let bytes = image(size)
let body = BodyGenImageToVideo(
    image: .init(fileName: "image.png", content: .bytes(bytes), contentType: "image/png"),
    modelId: "stabilityai/stable-video-diffusion-img2vid-xt-1-1", height: 576, width: 1024, fps: 6,
    motionBucketId: 127, noiseAugStrength: 0.02, safetyCheck: true, seed: 42, numInferenceSteps: 25)
let encoder = try MultipartFormEncoder(boundary: "docmodelgen-benchmark-boundary-7MA4YWxkTrZu0gW")
func run() throws -> Int {
    var total = 0
    for _ in 0..<iterations { total &+= try encoder.encode(body).count }
    return total
}
print(try run())
