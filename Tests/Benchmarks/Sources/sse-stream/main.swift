// A long server-sent event stream through the client runtime's `EventStream`, in process:
// `sse-stream [bytes]` (default 1 GiB) reads that many bytes of chat-completion chunk events (as
// friendli streams them, ending with its `[DONE]` sentinel) from a body produced chunk by chunk, decodes every
// event, and prints one JSON line: bytes, events, seconds, events/s, MB/s and the peak RSS.
// Memory must stay flat however long the stream is: the body is never held whole.
import DocModelClientRuntime
import Foundation
import OpenAPIRuntime

/// One event as friendli's `ContainerChatCompletionStreamSuccess` has it (the envelope's `data`).
struct ChunkEvent: Decodable, Sendable {
    struct Data: Decodable, Sendable {
        struct Choice: Decodable, Sendable {
            struct Delta: Decodable, Sendable { var content: String? }
            var index: Int
            var delta: Delta
            var finishReason: String?
            enum CodingKeys: String, CodingKey { case index, delta, finishReason = "finish_reason" }
        }
        var id: String
        var object: String
        var created: Int
        var model: String
        var choices: [Choice]
    }
    var data: Data
}

/// The body: one 64 KiB block of whole events, repeated until `total` bytes, then the sentinel.
struct EventBytes: AsyncSequence, Sendable {
    typealias Element = ArraySlice<UInt8>
    let block: [UInt8]
    let repeats: Int

    init(total: Int) {
        var block: [UInt8] = []
        var index = 0
        while block.count < 64 * 1024 {
            let line = #"data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1733500000,"model":"meta-llama-3.1-8b-instruct","choices":[{"index":0,"delta":{"content":"token \#(index)"},"finish_reason":null}]}"# + "\n\n"
            block += Array(line.utf8)
            index += 1
        }
        self.block = block
        repeats = Swift.max(1, total / block.count)
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        let block: [UInt8]
        var left: Int
        var sentSentinel = false
        mutating func next() async -> ArraySlice<UInt8>? {
            if left > 0 {
                left -= 1
                return block[...]
            }
            if sentSentinel { return nil }
            sentSentinel = true
            return Array("data: [DONE]\n\n".utf8)[...]
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(block: block, left: repeats) }
}

func peakRSSKiB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
    }
    return -1
}

let total = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? (1 << 30) : (1 << 30)
let bytes = EventBytes(total: total)
let body = HTTPBody(bytes, length: .unknown, iterationBehavior: .single)
let start = ContinuousClock.now
var events = 0
var characters = 0
for try await event in EventStream<ChunkEvent>(body: body, sentinel: "[DONE]") {
    events += 1
    characters += event.data.choices.first?.delta.content?.utf8.count ?? 0
}
let elapsed = start.duration(to: .now)
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
let streamed = bytes.block.count * bytes.repeats
print(#"{"bytes": \#(streamed), "events": \#(events), "seconds": \#(seconds), "eventsPerSecond": \#(Double(events) / seconds), "megabytesPerSecond": \#(Double(streamed) / seconds / 1e6), "peakRSSKiB": \#(peakRSSKiB()), "contentBytes": \#(characters)}"#)
