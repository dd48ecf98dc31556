import Foundation

/// One event of a `text/event-stream` body, as the Speakeasy SDKs' `_parse_event` builds it
/// (SDK-FACTS section s; `eventstreaming.py:232-290` of friendli 0.14.2).
public struct ParsedServerSentEvent: Sendable, Equatable {
    /// The last valid `id:` seen so far in the stream (ids persist from event to event).
    public var id: String?
    /// The `event:` field's value.
    public var event: String?
    /// The `data:` lines joined with `\n`; nil when the event had no `data:` line.
    public var data: String?
    /// The `retry:` field as decimal digits (leading zeros removed), when it was all digits.
    public var retry: String?

    /// An event from its fields.
    public init(id: String? = nil, event: String? = nil, data: String? = nil, retry: String? = nil) {
        self.id = id
        self.event = event
        self.data = data
        self.retry = retry
    }

    /// The JSON text the SDK hands its decoder: `json.dumps` of `{id, event, data, retry}` in that
    /// order, nil members left out (but `data` whenever there was a `data:` line), `data` the JSON
    /// value when `json.loads` accepts the text, else the text as a JSON string.
    ///
    /// `data` that is JSON is copied as sent (outer whitespace trimmed), not re-written as Python
    /// would (`{"a":1}` stays so, not `{"a": 1}`): a decoder reads the same value, and numbers keep
    /// every digit. Differences from Python, all in JSON Swift's decoders reject anyway:
    /// `NaN`/`Infinity`/`-Infinity` and numbers beyond Double's range (Python's `inf`) are copied
    /// (JSONDecoder then throws, pydantic would accept them for a float), as are `\ud800`-style
    /// lone surrogate escapes; a duplicate key is copied (Python keeps the last one).
    public var envelope: Data {
        var text = "{"
        var members: [String] = []
        if let id { members.append("\"id\": " + Self.pythonQuoted(id)) }
        if let event { members.append("\"event\": " + Self.pythonQuoted(event)) }
        if let data {
            members.append("\"data\": " + (PythonJSONGrammar.trimmedJSON(data) ?? Self.pythonQuoted(data)))
        }
        if let retry { members.append("\"retry\": " + retry) }
        text += members.joined(separator: ", ") + "}"
        return Data(text.utf8)
    }

    /// `json.dumps` of a string (`ensure_ascii=True`): every character outside space…`~` escaped.
    static func pythonQuoted(_ string: String) -> String {
        var out = "\""
        for unit in string.utf16 {
            switch unit {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            case 0x20...0x7E: out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            default:
                let hex = String(unit, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        return out + "\""
    }
}

/// Why a `text/event-stream` body could not be read, as the SDK fails on it.
public enum ServerSentEventError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An event block is not UTF-8 (the SDK's `raw.decode()` raises `UnicodeDecodeError`).
    /// `block` counts the stream's blocks from 0 (those of line breaks only left out); `bytes` is
    /// its start (after any line breaks), at most 32 bytes.
    case invalidUTF8(block: Int, bytes: [UInt8])
    /// `retry:` with digits `str.isdigit()` accepts but `int()` does not, such as `²` (the SDK
    /// raises `ValueError`).
    case invalidRetry(String)

    public var description: String {
        switch self {
        case .invalidUTF8(let block, let bytes):
            return "event block \(block) is not valid UTF-8 (it starts with bytes \(bytes.map { String($0, radix: 16) }.joined(separator: " ")))"
        case .invalidRetry(let value):
            return "retry value \(value.debugDescription) has digits that are no decimal digits"
        }
    }
}

/// The Speakeasy SDKs' event-stream reader (`stream_events`, friendli 0.14.2
/// `eventstreaming.py:161-229`), byte for byte, fed one chunk at a time.
///
/// Events end at the first of the eight boundaries (`\r\n\r\n`, `\r\n\r`, `\r\n\n`, `\r\r\n`,
/// `\n\r\n`, `\r\r`, `\n\r`, `\n\n`, tried in that order at each CR or LF) and the last event at the
/// body's end (``finish()``). A chunk re-examines the last three bytes of the one before, so where
/// a chunk ends never changes the events, with one exception the SDK has too: a UTF-8 BOM is
/// dropped from a chunk that starts with it while nothing is buffered, which is at the start of the
/// body but also after any chunk that ended exactly on a boundary, and a BOM split over two chunks
/// is kept (then `\u{FEFF}data: x` is an unknown field and the event is lost).
public struct ServerSentEventParser: Sendable {
    /// Data equal to this ends the stream (friendli passes `"[DONE]"`); nil or empty: no sentinel.
    public let sentinel: String?
    /// When true (the SDK's default) an event with fields but no `data:` line is skipped.
    public let dataRequired: Bool
    /// True once the sentinel was read: nothing more is parsed.
    public private(set) var isFinished = false

    private var buffer: [UInt8] = []
    private var eventID: String?
    /// The error of a block whose chunk still had events to return first; thrown by the next call.
    private var failure: ServerSentEventError?
    private var blockIndex = 0

    static let boundaries: [[UInt8]] = [
        [13, 10, 13, 10], [13, 10, 13], [13, 10, 10], [13, 13, 10], [10, 13, 10], [13, 13], [10, 13], [10, 10],
    ]
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// A parser; `sentinel` and `dataRequired` as the SDK's `EventStream` takes them.
    public init(sentinel: String?, dataRequired: Bool = true) {
        self.sentinel = sentinel
        self.dataRequired = dataRequired
    }

    /// The events that `chunk` completes, in order. After the sentinel it returns what came before
    /// it, sets ``isFinished`` and ignores every later call. A block the SDK fails on throws, but
    /// only once the events before it are returned (the SDK yields them first): then this and every
    /// later call throws.
    public mutating func consume<Bytes: Collection<UInt8>>(_ chunk: Bytes) throws(ServerSentEventError) -> [ParsedServerSentEvent] {
        if let failure { throw failure }
        guard !isFinished else { return [] }
        var events: [ParsedServerSentEvent] = []
        do {
            try consume(chunk, into: &events)
        } catch {
            failure = error
            buffer = []
            if events.isEmpty { throw error }
        }
        return events
    }

    private mutating func consume<Bytes: Collection<UInt8>>(_ chunk: Bytes, into events: inout [ParsedServerSentEvent]) throws(ServerSentEventError) {
        let oldCount = buffer.count
        if buffer.isEmpty && chunk.starts(with: Self.byteOrderMark) {
            buffer.append(contentsOf: chunk.dropFirst(3))
        } else {
            buffer.append(contentsOf: chunk)
        }
        var position = 0
        // The SDK's `max(position, old_len - MAX_BOUNDARY_LEN + 1)`: a boundary that began in the
        // last chunk and may have been cut is looked at again.
        var index = max(0, oldCount - 3)
        while index < buffer.count {
            let byte = buffer[index]
            if byte == 13 || byte == 10, let boundary = boundaryLength(at: index) {
                // Boundaries found inside the one just consumed give an empty block, as in the SDK.
                let block = position < index ? buffer[position..<index] : []
                position = index + boundary
                if let event = try parse(block) {
                    events.append(event)
                }
                if isFinished {
                    buffer = []
                    return
                }
            }
            index += 1
        }
        if position > 0 { buffer.removeFirst(position) }
    }

    /// The last event, from what is left when the body ends (the SDK parses it whatever its end).
    public mutating func finish() throws(ServerSentEventError) -> ParsedServerSentEvent? {
        if let failure { throw failure }
        guard !isFinished else { return nil }
        let rest = buffer[...]
        buffer = []
        let event = try parse(rest)
        isFinished = true
        return event
    }

    /// `_peek_sequence` over the boundaries in order: the first that fits and matches.
    private func boundaryLength(at index: Int) -> Int? {
        let available = buffer.count - index
        for boundary in Self.boundaries where boundary.count <= available {
            if buffer[index..<index + boundary.count].elementsEqual(boundary) { return boundary.count }
        }
        return nil
    }

    /// `_parse_event`: the event of one block, nil when it publishes nothing; sets ``isFinished``
    /// on the sentinel.
    private mutating func parse(_ block: ArraySlice<UInt8>) throws(ServerSentEventError) -> ParsedServerSentEvent? {
        // Only blocks with more than line breaks count: which empty ones there are depends on the chunks.
        guard block.contains(where: { $0 != 13 && $0 != 10 }) else { return nil }  // no line: nothing published
        defer { blockIndex += 1 }
        // Decoding repairs bad bytes with U+FFFD, so the bytes come back unchanged only when valid.
        let text = String(decoding: block, as: UTF8.self)
        guard text.utf8.elementsEqual(block) else {
            // Leading line breaks are left out: a boundary cut by a chunk's end can leave one there.
            throw .invalidUTF8(block: blockIndex, bytes: Array(block.drop { $0 == 13 || $0 == 10 }.prefix(32)))
        }
        var publish = false
        var event = ParsedServerSentEvent()
        var dataParts: [String] = []
        // Scalars, not Characters: Python compares code points, and a combining mark after `:`
        // or a space would hide it inside one Character.
        for line in Self.lines(text) where !line.isEmpty {
            var field = line
            var value = Substring.UnicodeScalarView()
            if let colon = line.firstIndex(of: ":") {
                if colon == line.startIndex { continue }  // a comment
                field = line[..<colon]
                value = line[line.index(after: colon)...]
                if value.first == " " { value = value.dropFirst() }
            }
            if Self.same(field, "event") {
                event.event = String(Substring(value))
                publish = true
            } else if Self.same(field, "data") {
                dataParts.append(String(Substring(value)))
                publish = true
            } else if Self.same(field, "id") {
                publish = true
                if !value.contains("\u{0}") { eventID = String(Substring(value)) }
            } else if Self.same(field, "retry") {
                if let digits = try Self.retryDigits(value) { event.retry = digits }
                publish = true
            }
        }
        event.id = eventID
        let hasData = !dataParts.isEmpty
        let data = dataParts.joined(separator: "\n")
        if let sentinel, !sentinel.isEmpty, hasData, data.unicodeScalars.elementsEqual(sentinel.unicodeScalars) {
            isFinished = true
            return nil
        }
        if !hasData && publish && dataRequired { return nil }
        guard publish else { return nil }
        if hasData { event.data = data }
        return event
    }

    /// `re.split("\r?\n|\r", block)`, on Unicode scalars: Swift's `Character` would join `\r\n`.
    static func lines(_ text: String) -> [Substring.UnicodeScalarView] {
        var lines: [Substring.UnicodeScalarView] = []
        let scalars = text[...].unicodeScalars
        var start = scalars.startIndex
        var index = start
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if scalar == "\r" || scalar == "\n" {
                lines.append(scalars[start..<index])
                var next = scalars.index(after: index)
                if scalar == "\r", next < scalars.endIndex, scalars[next] == "\n" { next = scalars.index(after: next) }
                start = next
                index = next
            } else {
                index = scalars.index(after: index)
            }
        }
        lines.append(scalars[start...])
        return lines
    }

    /// Code point equality, as Python's `==` (Swift's String `==` is canonical equivalence).
    static func same(_ scalars: Substring.UnicodeScalarView, _ word: String) -> Bool {
        scalars.elementsEqual(word.unicodeScalars)
    }

    /// `value.isdigit()` then `int(value)`: nil when not all digits (the field is ignored);
    /// throws when `isdigit` accepts a digit `int` refuses (superscripts, circled digits).
    static func retryDigits(_ value: Substring.UnicodeScalarView) throws(ServerSentEventError) -> String? {
        guard !value.isEmpty else { return nil }
        var digits = ""
        for scalar in value {
            switch scalar.properties.numericType {
            case .decimal?:
                guard let number = scalar.properties.numericValue else { return nil }
                digits += String(Int(number))
            case .digit?:
                continue  // checked below: all must be digits first, as isdigit runs before int
            default:
                return nil
            }
        }
        if value.contains(where: { $0.properties.numericType == .digit }) {
            throw .invalidRetry(String(Substring(value)))
        }
        let trimmed = digits.drop { $0 == "0" }
        return trimmed.isEmpty ? "0" : String(trimmed)
    }
}

/// The grammar of Python's `json.loads`: JSON plus `NaN`, `Infinity` and `-Infinity`; whitespace is
/// space, tab, LF and CR; strings hold no control character (strict mode); numbers as JSON spells them.
enum PythonJSONGrammar {
    /// The text without its outer whitespace when `json.loads` accepts it, else nil.
    static func trimmedJSON(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        var reader = Reader(bytes: bytes)
        reader.skipSpace()
        let start = reader.index
        guard reader.value(depth: 0) else { return nil }
        let end = reader.index
        reader.skipSpace()
        guard reader.index == bytes.count else { return nil }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipSpace() {
            while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
        }

        mutating func literal(_ word: String) -> Bool {
            let utf8 = Array(word.utf8)
            guard bytes.count - index >= utf8.count, bytes[index..<index + utf8.count].elementsEqual(utf8) else { return false }
            index += utf8.count
            return true
        }

        /// Python's decoder recurses too; 10 000 levels keeps this one from overflowing the stack.
        mutating func value(depth: Int) -> Bool {
            guard depth < 10_000, let byte = current else { return false }
            switch byte {
            case UInt8(ascii: "{"): return object(depth: depth)
            case UInt8(ascii: "["): return array(depth: depth)
            case UInt8(ascii: "\""): return string()
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            case UInt8(ascii: "N"): return literal("NaN")
            case UInt8(ascii: "I"): return literal("Infinity")
            case UInt8(ascii: "-"):
                if literal("-Infinity") { return true }
                return number()
            default: return number()
            }
        }

        mutating func object(depth: Int) -> Bool {
            index += 1
            skipSpace()
            if current == UInt8(ascii: "}") { index += 1; return true }
            while true {
                skipSpace()
                guard current == UInt8(ascii: "\""), string() else { return false }
                skipSpace()
                guard current == UInt8(ascii: ":") else { return false }
                index += 1
                skipSpace()
                guard value(depth: depth + 1) else { return false }
                skipSpace()
                if current == UInt8(ascii: ",") { index += 1; continue }
                if current == UInt8(ascii: "}") { index += 1; return true }
                return false
            }
        }

        mutating func array(depth: Int) -> Bool {
            index += 1
            skipSpace()
            if current == UInt8(ascii: "]") { index += 1; return true }
            while true {
                skipSpace()
                guard value(depth: depth + 1) else { return false }
                skipSpace()
                if current == UInt8(ascii: ",") { index += 1; continue }
                if current == UInt8(ascii: "]") { index += 1; return true }
                return false
            }
        }

        mutating func string() -> Bool {
            index += 1
            while let byte = current {
                index += 1
                switch byte {
                case UInt8(ascii: "\""): return true
                case UInt8(ascii: "\\"):
                    guard let escaped = current else { return false }
                    index += 1
                    switch escaped {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                         UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        continue
                    case UInt8(ascii: "u"):
                        guard bytes.count - index >= 4, bytes[index..<index + 4].allSatisfy(\.isHexDigit) else { return false }
                        index += 4
                    default: return false
                    }
                case 0..<0x20: return false
                default: continue
                }
            }
            return false
        }

        mutating func number() -> Bool {
            if current == UInt8(ascii: "-") { index += 1 }
            guard let first = current, first.isDigit else { return false }
            index += 1
            if first != UInt8(ascii: "0") { while current?.isDigit == true { index += 1 } }
            if current == UInt8(ascii: "."), index + 1 < bytes.count, bytes[index + 1].isDigit {
                index += 1
                while current?.isDigit == true { index += 1 }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                var probe = index + 1
                if probe < bytes.count, bytes[probe] == UInt8(ascii: "+") || bytes[probe] == UInt8(ascii: "-") { probe += 1 }
                if probe < bytes.count, bytes[probe].isDigit {
                    index = probe
                    while current?.isDigit == true { index += 1 }
                }
            }
            return true
        }
    }
}

extension UInt8 {
    fileprivate var isDigit: Bool { self >= 0x30 && self <= 0x39 }
    fileprivate var isHexDigit: Bool { isDigit || (self >= 0x41 && self <= 0x46) || (self >= 0x61 && self <= 0x66) }
}
