import Foundation
import OpenAPIRuntime

/// The events of a `text/event-stream` response, each decoded as `Element`: the SDK's
/// `EventStream[models.X]` (SDK-FACTS section s).
///
/// The body is read chunk by chunk as the events are asked for, so memory holds one chunk and the
/// unfinished event however long the stream, and an event is yielded as soon as its block ends.
/// Each event's envelope (``ParsedServerSentEvent/envelope``: `{id, event, data, retry}`) is decoded
/// with `JSONDecoder`, as the SDK validates `json.dumps` of the same dict with its model.
///
/// The sequence ends at the sentinel (nothing after it is read and the body is released) or at
/// the body's end. It throws ``EventStreamDecodingError`` for an event that does not decode,
/// ``ServerSentEventError`` for a body the SDK cannot read either, and ``EventStreamReadError``
/// when the transport fails mid-body (a connection cut off). Leaving the loop early or
/// cancelling the task drops the body's iterator, which tells the transport to stop (the
/// swift-openapi transports cancel the request and release the connection).
///
/// The body can be iterated once. Events arrive one by one only if the transport streams:
/// `StreamingURLSessionTransport` (product `DocModelURLSessionTransport`) does on Linux and Apple
/// platforms, with back-pressure; `URLSessionTransport` streams on Apple platforms only: on Linux
/// swift-openapi-urlsession 1.x reads the whole body before the response is returned
/// (`URLSessionTransport.swift`, `platformSupportsStreaming` is false without Darwin), so the events
/// are right but arrive when the stream has ended.
public struct EventStream<Element: Decodable & Sendable>: AsyncSequence, Sendable {
    /// The body the events are read from.
    public let body: HTTPBody?
    /// Data equal to this ends the stream (friendli: `"[DONE]"`).
    public let sentinel: String?
    /// When true an event without a `data:` line is skipped (the SDK's default).
    public let dataRequired: Bool

    /// The events of `response`'s body.
    public init(_ response: StreamingResponse, sentinel: String?, dataRequired: Bool = true) {
        self.init(body: response.body, sentinel: sentinel, dataRequired: dataRequired)
    }

    /// The events of a body (nil reads as empty).
    public init(body: HTTPBody?, sentinel: String?, dataRequired: Bool = true) {
        self.body = body
        self.sentinel = sentinel
        self.dataRequired = dataRequired
    }

    /// An iterator that reads the body.
    public func makeAsyncIterator() -> Iterator {
        Iterator(body: body?.makeAsyncIterator(), parser: ServerSentEventParser(sentinel: sentinel, dataRequired: dataRequired))
    }

    /// Reads chunks into the parser and decodes its events one at a time.
    public struct Iterator: AsyncIteratorProtocol {
        /// nil once the body ended or the sentinel came: dropping it releases the body.
        private var body: HTTPBody.AsyncIterator?
        private var parser: ServerSentEventParser
        /// Events parsed from the last chunk and not yet returned.
        private var pending: [ParsedServerSentEvent] = []
        private var pendingIndex = 0
        /// Events handed to the decoder so far.
        private var decoded = 0
        private let decoder = JSONDecoder()

        init(body: HTTPBody.AsyncIterator?, parser: ServerSentEventParser) {
            self.body = body
            self.parser = parser
        }

        /// The next event, decoded; nil at the sentinel or the body's end.
        public mutating func next() async throws -> Element? {
            while true {
                if pendingIndex < pending.count {
                    let event = pending[pendingIndex]
                    pendingIndex += 1
                    return try decode(event)
                }
                pending = []
                pendingIndex = 0
                guard var iterator = body else { return nil }
                let chunk: HTTPBody.ByteChunk?
                do {
                    chunk = try await iterator.next()
                } catch {
                    body = nil
                    throw EventStreamReadError(eventsRead: decoded, underlying: error)
                }
                body = iterator
                // Some bodies end early rather than throw when the task is cancelled: that is no end of stream.
                if chunk == nil, Task.isCancelled {
                    body = nil
                    throw CancellationError()
                }
                do {
                    if let chunk {
                        pending = try parser.consume(chunk)
                    } else if let last = try parser.finish() {
                        pending = [last]
                    }
                } catch {
                    body = nil
                    throw error
                }
                // Sentinel or end: stop reading now, before the events still pending are decoded.
                if chunk == nil || parser.isFinished { body = nil }
            }
        }

        private mutating func decode(_ event: ParsedServerSentEvent) throws -> Element {
            let index = decoded
            decoded += 1
            do {
                return try decoder.decode(Element.self, from: event.envelope)
            } catch {
                throw EventStreamDecodingError(event: event, index: index, typeName: String(describing: Element.self), error: error)
            }
        }
    }
}

/// An event whose envelope does not decode as the stream's element (the SDK raises
/// `ResponseValidationError` from its decoder).
public struct EventStreamDecodingError: Error, Sendable, CustomStringConvertible {
    /// The event's place in the stream, from 0, counting the events that were decoded.
    public var index: Int
    /// The event's id (the last `id:` seen), if any.
    public var id: String?
    /// The event's `event:` field, if any.
    public var event: String?
    /// The first 200 characters of its data.
    public var dataExcerpt: String?
    /// The type it was decoded as.
    public var typeName: String
    /// Why decoding failed, and where (`choices[0].delta`, empty at the top level).
    public var reason: String
    /// The key path of the failure.
    public var codingPath: String
    /// The decoder's error.
    public var underlying: any Error

    /// The error for `event`, the `index`-th of its stream.
    public init(event: ParsedServerSentEvent, index: Int, typeName: String, error: any Error) {
        self.index = index
        id = event.id
        self.event = event.event
        dataExcerpt = event.data.map { $0.count > 200 ? String($0.prefix(200)) + "…" : $0 }
        self.typeName = typeName
        let explained = ResponseDecodingError(APIResponse(status: .ok), typeName: typeName, error: error)
        reason = explained.reason
        codingPath = explained.codingPath
        underlying = error
    }

    public var description: String {
        var name = "event \(index)"
        if let id { name += " (id \(id.debugDescription))" }
        if let event { name += " (event \(event.debugDescription))" }
        let place = codingPath.isEmpty ? "" : " at \(codingPath)"
        return "\(name) is not a \(typeName)\(place): \(reason). Data: \(dataExcerpt ?? "(none)")"
    }
}

/// The body failed while events were being read: the transport's error, with how many events came before.
public struct EventStreamReadError: Error, Sendable, CustomStringConvertible {
    /// Events decoded before the failure.
    public var eventsRead: Int
    /// The transport's error (for URLSession a `URLError`, e.g. `.networkConnectionLost`).
    public var underlying: any Error

    /// The error after `eventsRead` events.
    public init(eventsRead: Int, underlying: any Error) {
        self.eventsRead = eventsRead
        self.underlying = underlying
    }

    public var description: String {
        "the event stream's body failed after \(eventsRead) events: \(underlying)"
    }
}
