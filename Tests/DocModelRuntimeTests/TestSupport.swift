import Foundation

/// A fresh directory under the system temporary directory, removed when released.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("DocModelRuntimeTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// A path inside the directory.
    func file(_ name: String) -> URL {
        url.appendingPathComponent(name)
    }

    /// Writes `data` to a new file in the directory and returns its URL.
    func write(_ data: Data, to name: String) throws -> URL {
        let fileURL = file(name)
        try data.write(to: fileURL)
        return fileURL
    }
}

extension Data {
    /// The bytes decoded as UTF-8, for readable failure messages.
    var utf8Text: String { String(decoding: self, as: UTF8.self) }
}
