/// The values a template sees: strings, flags, lists and objects. Typed (not `[String: Any]`) so
/// contexts are `Sendable` and lookups need no dynamic casts, which dominated rendering time.
public enum TemplateValue: Sendable, Hashable {
    case string(String)
    case bool(Bool)
    case list([TemplateValue])
    case object(Members)

    /// A list of strings.
    public static func strings(_ values: [String]) -> TemplateValue {
        .list(values.map(TemplateValue.string))
    }

    /// A list of objects.
    public static func objects(_ values: [some TemplateObject]) -> TemplateValue {
        .list(values.map { .object($0.templateValues) })
    }

    /// The value as a generic Mustache engine expects it: `String`, `Bool`, `[Any]`, or an object
    /// (`object` makes it from the members; by default an object that only prints itself).
    package func anyValue(object: (Members) -> Any = { TemplateObjectText(members: $0) }) -> Any {
        switch self {
        case .string(let value): value
        case .bool(let value): value
        case .list(let values): values.map { $0.anyValue(object: object) }
        case .object(let members): object(members)
        }
    }

    /// How `{{value}}` prints a list or an object: as Swift prints `[Any]`, objects like a
    /// dictionary but in member order, so the typed renderer and swift-mustache print the same text
    /// (a dictionary's order differs from one copy to the next).
    package var printed: String {
        switch self {
        case .string(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .list, .object: String(describing: anyValue())
        }
    }
}

/// An object printed in member order (see `TemplateValue.printed`).
package struct TemplateObjectText: CustomStringConvertible {
    package let members: TemplateValue.Members

    package var description: String {
        guard members.count > 0 else { return "[:]" }
        let pairs = members.entries.map { "\($0.key.debugDescription): \(String(reflecting: $0.value.anyValue()))" }
        return "[" + pairs.joined(separator: ", ") + "]"
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) {
        self = .string(value)
    }

    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }
}

extension TemplateValue {
    /// An object's keys and values, in the order they were first set. An object holds a handful of
    /// keys, so a lookup scans them, comparing a fingerprint of each key (its length and first
    /// bytes) before the key itself: hashing the key, as a dictionary does, was most of the typed
    /// renderer's time. Equality and hashing ignore the order, as a dictionary's do.
    public struct Members: Sendable, Hashable, ExpressibleByDictionaryLiteral {
        struct Entry: Sendable {
            var fingerprint: UInt64
            var key: String
            var value: TemplateValue
        }

        /// A key with its fingerprint computed once: the names a parsed template looks up.
        struct LookupKey: Sendable, Equatable {
            let text: String
            let fingerprint: UInt64

            init(_ text: String) {
                self.text = text
                fingerprint = Members.fingerprint(text)
            }
        }

        private(set) var entries: [Entry] = []

        public init() {}

        public init(dictionaryLiteral elements: (String, TemplateValue)...) {
            entries.reserveCapacity(elements.count)
            for (key, value) in elements { self[key] = value }
        }

        /// How many keys there are.
        public var count: Int { entries.count }

        /// Makes room for `capacity` keys in all.
        public mutating func reserveCapacity(_ capacity: Int) {
            entries.reserveCapacity(capacity)
        }

        /// The value of `key`; setting nil removes it.
        public subscript(key: String) -> TemplateValue? {
            get { self[LookupKey(key)] }
            set {
                let key = LookupKey(key)
                let index = self.index(of: key)
                switch (index, newValue) {
                case (let index?, let value?): entries[index].value = value
                case (let index?, nil): entries.remove(at: index)
                case (nil, let value?): entries.append(Entry(fingerprint: key.fingerprint, key: key.text, value: value))
                case (nil, nil): break
                }
            }
        }

        subscript(key: LookupKey) -> TemplateValue? {
            index(of: key).map { entries[$0].value }
        }

        private func index(of key: LookupKey) -> Int? {
            entries.firstIndex { $0.fingerprint == key.fingerprint && $0.key == key.text }
        }

        /// The key's UTF-8 length in the low byte and up to its first seven bytes above it.
        static func fingerprint(_ key: String) -> UInt64 {
            key.utf8.withContiguousStorageIfAvailable(fingerprint) ?? Array(key.utf8).withUnsafeBufferPointer(fingerprint)
        }

        private static func fingerprint(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
            var fingerprint = UInt64(truncatingIfNeeded: bytes.count) & 0xFF
            for index in 0..<min(bytes.count, 7) {
                fingerprint |= UInt64(bytes[index]) << (8 * UInt64(index + 1))
            }
            return fingerprint
        }

        public static func == (lhs: Members, rhs: Members) -> Bool {
            lhs.count == rhs.count && lhs.entries.allSatisfy { rhs[$0.key] == $0.value }
        }

        public func hash(into hasher: inout Hasher) {
            // Order-independent, as Dictionary's: the entries' own hashes combined with XOR.
            var combined = 0
            for entry in entries {
                var entryHasher = Hasher()
                entryHasher.combine(entry.key)
                entryHasher.combine(entry.value)
                combined ^= entryHasher.finalize()
            }
            hasher.combine(count)
            hasher.combine(combined)
        }
    }
}
