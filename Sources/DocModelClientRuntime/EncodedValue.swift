import DocModelRuntime
import Foundation

/// A value as the Python SDKs see it after pydantic's `model_dump(mode="json")`: keys in the
/// order the value encoded them (the model's field order is the wire order, SDK-FACTS i.2, i.5),
/// numbers already spelled as Python spells them.
///
/// Built by ``ValueEncoder`` from the value's own `Encodable`, because the generated models'
/// Codable already is the SDK's JSON (wire names, enum raw values, datetime text). JSONEncoder
/// cannot be used for the order: on Linux (swift-foundation) it writes an object's keys in hash
/// order, not in the order they were encoded.
enum EncodedValue: Hashable, Sendable {
    /// `None` (or `UNSET`): left out of parameters wherever the SDK meets it (`_is_set`).
    case null
    case bool(Bool)
    /// A number's text as Python writes it: integers in decimal, floats as `repr(float)`
    /// (`0.5`, `1.0`, `1e-05`; `nan`, `inf`, `-inf` for the non-finite).
    case number(String)
    case string(String)
    case array([EncodedValue])
    case object([Member])

    /// One key of an object.
    struct Member: Hashable, Sendable {
        var key: String
        var value: EncodedValue
    }

    /// A string, number or boolean as `_val_to_string` spells it (`true`/`false`, SDK-FACTS i.1);
    /// `nil` for `null`, lists and objects.
    var scalarText: String? {
        switch self {
        case .bool(let flag): flag ? "true" : "false"
        case .number(let text), .string(let text): text
        case .null, .array, .object: nil
        }
    }

    /// The members of an object that are set (not `null`).
    var setMembers: [Member] {
        guard case .object(let members) = self else { return [] }
        return members.filter { $0.value != .null }
    }
}

/// Encodes an `Encodable` into an ``EncodedValue``.
enum ValueEncoder {
    static func encode<T: Encodable>(_ value: T) throws -> EncodedValue {
        let box = ValueBox()
        try box.store(value, codingPath: [])
        return box.value
    }
}

/// The mutable node the encoder writes into; a class so nested containers can fill their
/// parent's slot after they are handed out.
final class ValueBox {
    private enum Kind { case unset, null, scalar, array, object }

    private var kind = Kind.unset
    private var scalar = EncodedValue.null
    // Children live in the box itself, so appending one mutates in place (no copy of the
    // array per element, as an enum payload would need).
    private var items: [ValueBox] = []
    private var keys: [String] = []
    private var members: [String: ValueBox] = [:]

    /// The finished value; a node nothing was written into is an empty object, as JSONEncoder
    /// writes it.
    var value: EncodedValue {
        switch kind {
        case .unset: .object([])
        case .null: .null
        case .scalar: scalar
        case .array: .array(items.map(\.value))
        case .object: .object(keys.map { .init(key: $0, value: members[$0]!.value) })
        }
    }

    func setNull() { reset(.null) }

    private func set(_ value: EncodedValue) {
        reset(.scalar)
        scalar = value
    }

    private func reset(_ newKind: Kind) {
        kind = newKind
        items = []
        keys = []
        members = [:]
    }

    func makeObject() {
        if kind != .object { reset(.object) }  // a type may ask for its keyed container twice
    }

    func makeArray() {
        if kind != .array { reset(.array) }
    }

    /// The slot for `key`; encoding a key again replaces its value in place, as JSONEncoder does.
    func child(forKey key: String) -> ValueBox {
        makeObject()
        if let existing = members[key] { return existing }
        let box = ValueBox()
        keys.append(key)
        members[key] = box
        return box
    }

    func appendChild() -> ValueBox {
        makeArray()
        let box = ValueBox()
        items.append(box)
        return box
    }

    var count: Int { kind == .object ? keys.count : items.count }

    /// Stores `value`: scalars directly, Foundation types as JSONEncoder spells them, anything
    /// else through its own `encode(to:)`.
    func store<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws {
        switch value {
        case let text as String: set(.string(text))
        case let flag as Bool: set(.bool(flag))
        case let number as Double: set(.number(PythonFloatFormat.string(number)))
        // A Float is written by JSONEncoder as its shortest text ("0.1"), which Python reads as
        // that double, so it is spelled from the same text.
        case let number as Float: set(.number(PythonFloatFormat.string(Double(number.description) ?? Double(number))))
        case let number as Decimal: set(.number(number.description))
        case let url as URL: set(.string(url.absoluteString))
        // Python sends a datetime as its isoformat with `Z` (SDK-FACTS i.2), not JSONEncoder's
        // seconds since 2001.
        case let date as Date: set(.string(DateTime(date).rawValue))
        case let data as Data: set(.string(data.base64EncodedString()))  // JSONEncoder's default
        default:
            if let integer = Self.integerText(value) {
                set(.number(integer))
            } else {
                try value.encode(to: BoxEncoder(box: self, codingPath: codingPath))
            }
        }
    }

    private static func integerText(_ value: Any) -> String? {
        guard let integer = value as? any BinaryInteger else { return nil }
        return String(describing: integer)
    }
}

private struct BoxEncoder: Encoder {
    let box: ValueBox
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        box.makeObject()
        return KeyedEncodingContainer(KeyedContainer(box: box, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        box.makeArray()
        return UnkeyedContainer(box: box, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(box: box, codingPath: codingPath)
    }
}

/// A coding key for array positions and `super`.
private struct IndexKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: ValueBox
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { box.child(forKey: key.stringValue).setNull() }

    // This generic method also witnesses the `Bool`, `String`, `Int`… requirements.
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try box.child(forKey: key.stringValue).store(value, codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let child = box.child(forKey: key.stringValue)
        child.makeObject()
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = box.child(forKey: key.stringValue)
        child.makeArray()
        return UnkeyedContainer(box: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder {
        BoxEncoder(box: box.child(forKey: "super"), codingPath: codingPath + [IndexKey(stringValue: "super")])
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        BoxEncoder(box: box.child(forKey: key.stringValue), codingPath: codingPath + [key])
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let box: ValueBox
    let codingPath: [any CodingKey]
    var count: Int { box.count }

    private var nextPath: [any CodingKey] { codingPath + [IndexKey(intValue: count)] }

    mutating func encodeNil() throws { box.appendChild().setNull() }

    // This generic method also witnesses the `Bool`, `String`, `Int`… requirements.
    mutating func encode<T: Encodable>(_ value: T) throws {
        let path = nextPath
        try box.appendChild().store(value, codingPath: path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let path = nextPath
        let child = box.appendChild()
        child.makeObject()
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: child, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let path = nextPath
        let child = box.appendChild()
        child.makeArray()
        return UnkeyedContainer(box: child, codingPath: path)
    }

    mutating func superEncoder() -> any Encoder {
        let path = nextPath
        return BoxEncoder(box: box.appendChild(), codingPath: path)
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let box: ValueBox
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { box.setNull() }

    // This generic method also witnesses the `Bool`, `String`, `Int`… requirements.
    mutating func encode<T: Encodable>(_ value: T) throws {
        try box.store(value, codingPath: codingPath)
    }
}
