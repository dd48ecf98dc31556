import Foundation
import LivepeerModels

// Builds a generated model and prints its JSON and its multipart/form-data Content-Length.
var body = Livepeer.BodyGenImageToVideo(
    image: Livepeer.BodyGenImageToVideoImage(fileName: "cat.png", content: .bytes(Data("PNG".utf8))),
    height: 576, motionBucketId: 127)
// fixture: more fields

let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys]
print(String(decoding: try encoder.encode(body), as: UTF8.self))
let multipart = try MultipartFormEncoder(boundary: "FIXTURE")
print("Content-Length: \(try multipart.contentLength(of: body))")
// The client the plugin generated from docs/sdks compiles and links.
print("Client: \(String(describing: Livepeer.LivepeerClient.self)) with \(String(describing: Livepeer.LivepeerClient.GenerateOperations.self))")
