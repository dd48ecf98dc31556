import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// `map` over all cores, in order. Work is handed out in chunks so small elements do not pay
    /// for a dispatch each; below `minimumParallelCount` elements it is a plain `map`.
    public func parallelMap<Result: Sendable>(
        minimumParallelCount: Int = 64, _ transform: @Sendable (Element) -> Result
    ) -> [Result] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard count >= minimumParallelCount, cores > 1 else { return map(transform) }
        let chunkSize = Swift.max(8, count / (cores * 8))
        let chunkCount = (count + chunkSize - 1) / chunkSize
        let results = ResultSlots<Result>(count: count)
        withUnsafeBufferPointer { elements in
            let elements = SharedBuffer(buffer: elements)
            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                for index in (chunk * chunkSize)..<Swift.min(elements.buffer.count, (chunk + 1) * chunkSize) {
                    results.initialize(index, transform(elements.buffer[index]))
                }
            }
        }
        return results.take()
    }
}

/// An array's buffer handed to `concurrentPerform`: the array outlives the call and is only read.
private struct SharedBuffer<Element>: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<Element>
}

/// Raw storage with one slot per result: each slot is initialised by exactly one iteration of
/// `concurrentPerform` and read only after it returns, so no lock is needed (and no Swift array,
/// whose exclusivity checks would trap on concurrent writes).
private final class ResultSlots<Value>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<Value>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
    }

    func initialize(_ index: Int, _ value: Value) {
        (slots + index).initialize(to: value)
    }

    /// Moves every value out; call once, after every slot was initialised.
    func take() -> [Value] {
        Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.baseAddress!.moveInitialize(from: slots, count: count)
            initialized = count
        }
    }

    deinit {
        slots.deallocate()
    }
}
