import Foundation

/// The content of an uploaded file: what the docs write as `Union[bytes, IO[bytes], io.BufferedReader]`.
///
/// Either bytes already in memory or a file on disk that is read only when the body is encoded,
/// so large uploads never have to be loaded whole.
public enum FileContent: Hashable, Sendable {
    /// Bytes held in memory.
    case bytes(Data)
    /// A file on disk, read when the value is encoded.
    case file(URL)

    /// The content's bytes: the data itself, or the file read from disk.
    public func data() throws -> Data {
        switch self {
        case .bytes(let data): return data
        case .file(let url): return try Data(contentsOf: url)
        }
    }

    /// The content's size in bytes, without reading a file's contents.
    public func byteCount() throws -> Int64 {
        switch self {
        case .bytes(let data):
            return Int64(data.count)
        case .file(let url):
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            guard let size = attributes[.size] as? NSNumber else {
                throw CocoaError(.fileReadUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
            return size.int64Value
        }
    }
}

/// In JSON a file's content travels as base64 (what `JSONEncoder` does for `Data`); decoding always
/// yields `.bytes`.
extension FileContent: Codable {
    /// Decodes base64 bytes as `.bytes`.
    public init(from decoder: any Decoder) throws {
        self = .bytes(try decoder.singleValueContainer().decode(Data.self))
    }

    /// Encodes the content's bytes (read from disk for `.file`) as base64.
    public func encode(to encoder: any Encoder) throws {
        // Through a single-value container so encoders that special-case Data (JSONEncoder's
        // base64) see it as Data rather than as an array of bytes.
        var container = encoder.singleValueContainer()
        try container.encode(data())
    }
}
