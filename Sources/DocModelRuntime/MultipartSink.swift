import Foundation

/// Where an encoded multipart body goes.
protocol MultipartSink {
    /// Appends `bytes` to the output.
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws

    /// Lets `fill` write straight into the output, in a region of at least one and at most
    /// `maxCount` bytes; `fill` returns how many bytes it wrote, which are then appended.
    mutating func fill(upTo maxCount: Int, _ fill: (UnsafeMutableRawBufferPointer) throws -> Int) throws
}

extension MultipartSink {
    /// Appends bytes known at compile time.
    mutating func write(_ bytes: StaticString) throws {
        try write(UnsafeRawBufferPointer(start: bytes.utf8Start, count: bytes.utf8CodeUnitCount))
    }
}

/// Writes into memory already sized to the whole body. The writer computes that size exactly
/// beforehand, so running past it is a bug, not an input error.
struct BufferSink: MultipartSink {
    let buffer: UnsafeMutableRawBufferPointer
    private(set) var count = 0

    init(_ buffer: UnsafeMutableRawBufferPointer) {
        self.buffer = buffer
    }

    mutating func write(_ bytes: UnsafeRawBufferPointer) {
        precondition(bytes.count <= buffer.count - count, "multipart body longer than its computed length")
        guard let source = bytes.baseAddress, let base = buffer.baseAddress else { return }
        (base + count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }

    mutating func fill(upTo maxCount: Int, _ fill: (UnsafeMutableRawBufferPointer) throws -> Int) throws {
        let region = UnsafeMutableRawBufferPointer(rebasing: buffer[count..<min(buffer.count, count + maxCount)])
        precondition(!region.isEmpty, "multipart body longer than its computed length")
        count += try fill(region)
    }
}

/// Streams the body into an open file through one buffer, so header and field writes do not each
/// cost a system call and file parts are read straight into it.
struct FileSink: MultipartSink {
    let descriptor: Int32
    let buffer: UnsafeMutableRawBufferPointer
    private var count = 0

    init(descriptor: Int32, buffer: UnsafeMutableRawBufferPointer) {
        self.descriptor = descriptor
        self.buffer = buffer
    }

    mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        if bytes.count > buffer.count - count {
            try flush()
            if bytes.count >= buffer.count { return try POSIXIO.writeAll(descriptor, bytes) }
        }
        guard let source = bytes.baseAddress, let base = buffer.baseAddress else { return }
        (base + count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }

    mutating func fill(upTo maxCount: Int, _ fill: (UnsafeMutableRawBufferPointer) throws -> Int) throws {
        if count == buffer.count { try flush() }
        count += try fill(UnsafeMutableRawBufferPointer(rebasing: buffer[count..<min(buffer.count, count + maxCount)]))
    }

    /// Writes out what the buffer holds.
    mutating func flush() throws {
        try POSIXIO.writeAll(descriptor, UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        count = 0
    }
}

/// `read(2)` and `write(2)` with retries on EINTR and short writes; errors become `POSIXError`.
enum POSIXIO {
    /// Reads up to `buffer.count` bytes; 0 at the end of the file.
    static func read(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let result = systemRead(descriptor, buffer.baseAddress, buffer.count)
            if result >= 0 { return result }
            if errno != EINTR { throw currentError() }
        }
    }

    /// Writes all of `bytes`.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let result = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if result >= 0 {
                offset += result
            } else if errno != EINTR {
                throw currentError()
            }
        }
    }

    private static func currentError() -> POSIXError {
        POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }
}

// The C library's read and write, at file scope where the methods above do not shadow them.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
