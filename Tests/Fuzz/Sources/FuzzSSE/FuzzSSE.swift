import DocModelClientRuntime
import Foundation

/// Arbitrary bytes through the event-stream parser, whole and cut into chunks where the input says.
/// No crash; and the chunked parse gives the events (or the error) of the whole, unless a BOM is in
/// the input: the SDK drops a BOM that starts a chunk while nothing is buffered, so there where
/// the chunks end matters (ServerSentEventParser's doc comment), and only "no crash" is asserted.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSSE(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // The first byte chooses the options and seeds the cut points; the rest is the body.
    let control = bytes[0]
    let body = Array(bytes.dropFirst())
    let sentinel: String? = control & 1 == 0 ? "[DONE]" : nil
    let dataRequired = control & 2 == 0
    var state = UInt64(control) &+ UInt64(size) &* 0x9E37_79B9_7F4A_7C15
    var chunks: [[UInt8]] = []
    var start = 0
    while start < body.count {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let length = Int((state >> 33) % 7)  // 0…6: empty chunks and one-byte chunks too
        let end = min(body.count, start + length)
        chunks.append(Array(body[start..<end]))
        start = end
    }
    let whole = parse([body], sentinel: sentinel, dataRequired: dataRequired)
    let chunked = parse(chunks, sentinel: sentinel, dataRequired: dataRequired)
    let hasMark = body.indices.contains { body[$0...].starts(with: [0xEF, 0xBB, 0xBF]) }
    if !hasMark {
        precondition(whole == chunked, "chunked \(chunked) differs from whole \(whole) for chunks \(chunks)")
    }
    // Every envelope is JSON an object decoder can read, except data Python reads as a float
    // infinity or NaN (`NaN`, `Infinity`, a number beyond Double's range), which are copied.
    if case .events(let events) = whole {
        for event in events where !(event.data.map(isNonFinite) ?? false) {
            precondition((try? JSONSerialization.jsonObject(with: event.envelope)) is [String: Any], "envelope is no JSON object: \(String(decoding: event.envelope, as: UTF8.self))")
        }
    }
    return 0
}

enum Outcome: Equatable {
    case events([ParsedServerSentEvent])
    case failed(events: [ParsedServerSentEvent], error: ServerSentEventError)
}

func parse(_ chunks: [[UInt8]], sentinel: String?, dataRequired: Bool) -> Outcome {
    var parser = ServerSentEventParser(sentinel: sentinel, dataRequired: dataRequired)
    var events: [ParsedServerSentEvent] = []
    do {
        for chunk in chunks { events += try parser.consume(chunk) }
        if let last = try parser.finish() { events.append(last) }
        return .events(events)
    } catch {
        return .failed(events: events, error: error)
    }
}

/// Whether `data` holds `NaN`, `Infinity` or a number literal that overflows a Double.
func isNonFinite(_ data: String) -> Bool {
    if data.contains("NaN") || data.contains("Infinity") { return true }
    var token = ""
    for character in data + " " {
        if character.isASCII, character.isNumber || "+-.eE".contains(character) {
            token.append(character)
        } else {
            if let value = Double(token), !value.isFinite { return true }
            token = ""
        }
    }
    return false
}
