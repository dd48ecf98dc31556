import Foundation

/// Where an encoded multipart body goes, a chunk at a time.
protocol MultipartSink {
    /// Appends `bytes` to the output.
    mutating func write(_ bytes: Data) throws
}

/// Collects the body in memory.
struct DataSink: MultipartSink {
    var data = Data()

    mutating func write(_ bytes: Data) {
        data.append(bytes)
    }
}

/// Streams the body into an open file.
struct FileHandleSink: MultipartSink {
    let handle: FileHandle

    func write(_ bytes: Data) throws {
        try handle.write(contentsOf: bytes)
    }
}
