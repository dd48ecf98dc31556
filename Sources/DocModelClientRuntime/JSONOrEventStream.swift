/// The response of an operation that answers either with one JSON body or with a server-sent
/// event stream, as the request asks (a `stream` flag in its body): the SDK returns
/// `Union[models.X, eventstreaming.EventStream[models.Y]]`, the generated method this.
public enum JSONOrEventStream<JSON: Sendable, Event: Decodable & Sendable>: Sendable {
    /// A `application/json` response, decoded.
    case json(JSON)
    /// A `text/event-stream` response, read event by event.
    case stream(EventStream<Event>)

    /// The JSON body, or nil for a stream.
    public var json: JSON? {
        if case .json(let value) = self { value } else { nil }
    }

    /// The stream, or nil for a JSON body.
    public var stream: EventStream<Event>? {
        if case .stream(let events) = self { events } else { nil }
    }
}
