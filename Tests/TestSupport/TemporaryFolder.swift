import Foundation

/// A fresh folder under the system temporary folder, removed with everything in it when the value
/// is released. Keep the value alive while its files are in use (`withExtendedLifetime` where only
/// its `url` is used).
public final class TemporaryFolder: Sendable {
    /// The folder.
    public let url: URL

    /// Creates the folder; `prefix` starts its name.
    public init(prefix: String = "docmodelgen-tests") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The URL of `path` (relative, `/`-separated) inside the folder; nothing is created.
    public func file(_ path: String) -> URL {
        url.appendingPathComponent(path)
    }

    /// Writes `data` to `path` inside the folder, creating the folders on the way, and returns its URL.
    @discardableResult
    public func write(_ data: Data, to path: String) throws -> URL {
        let file = file(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file
    }

    /// Writes `text` as UTF-8 to `path` inside the folder, creating the folders on the way, and returns its URL.
    @discardableResult
    public func write(_ text: String, to path: String) throws -> URL {
        try write(Data(text.utf8), to: path)
    }

    /// The UTF-8 text of the file at `path` inside the folder.
    public func read(_ path: String) throws -> String {
        try String(contentsOf: file(path), encoding: .utf8)
    }

    /// Every file below the folder with its bytes, keyed by relative path.
    public func snapshot() throws -> [String: Data] {
        try Self.snapshot(of: url)
    }

    /// Every file below `folder` with its bytes, keyed by path relative to `folder` (`/`-separated);
    /// empty when `folder` does not exist. Symbolic links are followed.
    public static func snapshot(of folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return files }
        let base = folder.resolvingSymlinksInPath().path
        for case let url as URL in enumerator {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            if !isDirectory.boolValue {
                let path = url.resolvingSymlinksInPath().path
                files[String(path.dropFirst(base.count + 1))] = try Data(contentsOf: url)
            }
        }
        return files
    }
}

extension Data {
    /// The bytes decoded as UTF-8 (invalid sequences replaced), for readable failure messages.
    public var utf8Text: String { String(decoding: self, as: UTF8.self) }
}
