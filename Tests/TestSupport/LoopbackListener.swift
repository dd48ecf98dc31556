#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A listening TCP socket on 127.0.0.1 at a free port: what the tests' POSIX servers accept their
/// connections on (a server written with sockets sees exactly what the client sends and when it
/// closes, which no HTTP framework shows).
public struct LoopbackListener: Sendable {
    /// The listening socket; the server closes it.
    public let descriptor: Int32
    public let port: UInt16

    /// The POSIX call that failed.
    public struct SocketError: Error {
        public var call: String
        public init(call: String) { self.call = call }
    }

    /// `send` flags under which a closed peer is an error (EPIPE), not SIGPIPE.
    #if canImport(Glibc)
    public static let sendFlags = Int32(MSG_NOSIGNAL)
    #else
    public static let sendFlags: Int32 = 0
    #endif

    /// Binds and listens; `receiveBufferSize` (inherited by accepted sockets) makes a client's
    /// writes block after that many bytes.
    public init(backlog: Int32 = 1, receiveBufferSize: Int32? = nil) throws {
        #if canImport(Glibc)
        let stream = Int32(SOCK_STREAM.rawValue)
        #else
        let stream = SOCK_STREAM
        #endif
        let fd = socket(AF_INET, stream, 0)
        guard fd >= 0 else { throw SocketError(call: "socket") }
        if var size = receiveBufferSize {
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0  // any free port
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && listen(fd, backlog) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else {
            close(fd)
            throw SocketError(call: "bind")
        }
        descriptor = fd
        port = UInt16(bigEndian: address.sin_port)
    }

    /// Marks an accepted connection so that writing to a closed peer fails instead of raising
    /// SIGPIPE (Apple platforms; Linux uses ``sendFlags``).
    public static func ignoreSIGPIPE(on connection: Int32) {
        #if canImport(Darwin)
        var one: Int32 = 1
        setsockopt(connection, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }
}
