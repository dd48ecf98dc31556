import Foundation
import Testing

/// Byte-exact golden files under `Tests/DocModelGenCoreTests/Golden/`.
/// Re-record every golden file with `DOCMODELGEN_RECORD=1 swift test`.
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func assertMatches(_ data: Data, file name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["DOCMODELGEN_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try data.write(to: url)
            return
        }
        let expected = try Data(contentsOf: url)
        #expect(
            data == expected,
            "\(name) differs from the golden file; re-record with DOCMODELGEN_RECORD=1 swift test",
            sourceLocation: sourceLocation)
    }
}
