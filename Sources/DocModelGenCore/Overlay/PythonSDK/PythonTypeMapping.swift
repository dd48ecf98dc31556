/// Python annotations and default values of Speakeasy's model modules, as `WireType` and
/// `WireValue`.
///
/// Types: `str`, `int`, `float`, `bool` → `string`, `integer`, `number`, `boolean`; `datetime` →
/// `string("date-time")`, `date` → `string("date")`, `Decimal` → `number("decimal")`, `bytes` →
/// `string("binary")`; `Any`, `object` → `any`; `List[T]` (also `Set`, `Sequence`) → `array`,
/// `Dict[str, T]` → `map(T)`; `Literal[…]` → `constant` (a union of constants for several
/// values); `Union[…]` and `A | B` → `union`, or `file` when a member is `IO[…]` or
/// `io.BufferedReader` (the SDKs' file content); `File` → `file`; `Annotated[T, …]` and
/// `Final[T]` → `T`. Inside another type, `Optional[T]`, `Nullable[T]` and `OptionalNullable[T]`
/// become `union([T, constant(null)])`: a list item or map value that is `None` is written as
/// `null`. At the top of a field they set the field's flags instead (`PythonFieldAnnotation`).
/// Any other name is a model: `reference` to its last component (`shared_sourceresponse.SourceResponse`
/// → `SourceResponse`), except under a module bound by a plain `import` (`httpx.Response`,
/// `requests_http.Response`), which is outside the models and kept whole.
struct PythonTypeMapper {
    /// Names bound by the module's plain `import x [as y]` statements.
    var importedModules: Set<String>

    /// Modules whose names mean the builtin type of the same name (`datetime.date`, `typing.Any`).
    private static let standardModules: Set<String> = ["typing", "typing_extensions", "datetime", "decimal", "io", "builtins"]

    /// The builtin type a bare name means. A function, not a static dictionary: the boxes of an
    /// indirect enum held in a global carry tag bits, so LeakSanitizer (the fuzzer's) sees them as
    /// leaked at exit.
    private static func builtin(_ name: String) -> WireType? {
        switch name {
        case "str": return .string(format: nil)
        case "int": return .integer(format: nil)
        case "float": return .number(format: nil)
        case "bool": return .boolean
        case "datetime": return .string(format: "date-time")
        case "date": return .string(format: "date")
        case "Decimal": return .number(format: "decimal")
        case "bytes": return .string(format: "binary")
        case "Any", "object": return .any
        case "List", "list": return .array(.any)
        case "Dict", "dict": return .map(nil)
        case "None": return .constant(.null)
        case "BufferedReader", "File": return .file
        // The open-enum spellings of newer generators (`Union[Status, UnrecognizedStr]`).
        case "UnrecognizedStr": return .string(format: nil)
        case "UnrecognizedInt": return .integer(format: nil)
        default: return nil
        }
    }

    /// The wire type of an annotation; nil when it is not one this reader knows.
    func wireType(_ expression: PythonExpression) -> WireType? {
        switch expression {
        case .name(let name):
            return named(name)
        case .string(let text):
            // A forward reference written as a string (`"SourceResponse"`).
            return text.isEmpty || text.contains(where: { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") }) ? nil : named(text)
        case .union:
            return union(Self.unionMembers(expression))
        case .subscripted(let base, let items):
            guard case .name(let baseName) = base else { return nil }
            let parts = baseName.split(separator: ".")
            guard let last = parts.last, parts.count == 1 || Self.standardModules.contains(String(parts[0])) else { return nil }
            switch last {
            case "List", "list", "Set", "set", "FrozenSet", "frozenset", "Sequence":
                guard items.count == 1 else { return nil }
                return wireType(items[0]).map { .array($0) }
            case "Dict", "dict", "Mapping":
                guard items.count == 2, wireType(items[0]) == .string(format: nil) else { return nil }
                return wireType(items[1]).map { .map($0) }
            case "Optional", "Nullable", "OptionalNullable":
                guard items.count == 1, let inner = wireType(items[0]) else { return nil }
                return Self.addingNull(inner)
            case "Union":
                return union(items.flatMap(Self.unionMembers))
            case "Literal":
                let values = items.compactMap(Self.literalValue)
                guard values.count == items.count, !values.isEmpty else { return nil }
                return values.count == 1 ? .constant(values[0]) : .union(values.map { .constant($0) })
            case "Annotated", "Final":
                return items.first.flatMap(wireType)
            case "IO":
                return .file
            default:
                return nil
            }
        default:
            return nil
        }
    }

    private func named(_ name: String) -> WireType? {
        let parts = name.split(separator: ".").map(String.init)
        guard let last = parts.last else { return nil }
        let qualifier = parts.dropLast()
        if qualifier.isEmpty || (qualifier.count == 1 && Self.standardModules.contains(qualifier[0])) {
            if let builtin = Self.builtin(last) { return builtin }
        }
        if let module = qualifier.first, importedModules.contains(module) { return .reference(name) }
        return .reference(last)
    }

    private func union(_ members: [PythonExpression]) -> WireType? {
        if members.contains(where: Self.isFileContent) { return .file }
        var types: [WireType] = []
        for member in members {
            guard let type = wireType(member) else { return nil }
            let flattened: [WireType]
            if case .union(let inner) = type { flattened = inner } else { flattened = [type] }
            // Python collapses repeated members (`Union[A, A]`), and so do tagged unions
            // that list one class under several tags.
            for type in flattened where !types.contains(type) { types.append(type) }
        }
        guard !types.isEmpty else { return nil }
        return types.count == 1 ? types[0] : .union(types)
    }

    /// `Union[A, Union[B, C]]` and `A | B | C` as `[A, B, C]`.
    static func unionMembers(_ expression: PythonExpression) -> [PythonExpression] {
        var members: [PythonExpression] = []
        var pending = [expression]
        // Iterative, so a long `A | B | …` chain cannot deepen the stack.
        while let next = pending.popLast() {
            switch next {
            case .union(let left, let right): pending.append(right); pending.append(left)
            case .subscripted(let base, let items) where base.lastName == "Union": pending.append(contentsOf: items.reversed())
            default: members.append(next)
            }
        }
        return members
    }

    static func isFileContent(_ expression: PythonExpression) -> Bool {
        switch expression {
        case .subscripted(let base, _): return base.lastName == "IO"
        case .name: return expression.lastName == "BufferedReader"
        default: return false
        }
    }

    static func addingNull(_ type: WireType) -> WireType {
        if case .union(let members) = type {
            return members.contains(.constant(.null)) ? type : .union(members + [.constant(.null)])
        }
        return type == .constant(.null) ? type : .union([type, .constant(.null)])
    }

    /// A `Literal[…]` item or an enum member's value.
    static func literalValue(_ expression: PythonExpression) -> WireValue? {
        switch expression {
        case .string(let text): return .string(text)
        case .number(let text): return .number(text)
        case .name("True"): return .bool(true)
        case .name("False"): return .bool(false)
        case .name("None"): return .null
        default: return nil
        }
    }
}

/// A field's annotation with its outer layers taken off: `Annotated[…]` (its extras kept as
/// `metadata`), `Final[…]`, and the optionality wrappers. `Optional[T]` says only that the
/// attribute may be left out (both SDK generations leave `None` off the wire), so it sets
/// nothing; `Nullable[T]` and `OptionalNullable[T]` say that `null` is sent and set `isNullable`.
/// Whether the field is required follows from its default, not from these wrappers.
struct PythonFieldAnnotation {
    var type: PythonExpression
    var metadata: [PythonExpression] = []
    var isNullable = false

    init(_ annotation: PythonExpression) {
        type = annotation
        while case .subscripted(let base, let items) = type, let first = items.first {
            switch base.lastName {
            case "Annotated":
                metadata += items.dropFirst()
                type = first
            case "Final", "Optional":
                type = first
            case "Nullable", "OptionalNullable":
                isNullable = true
                type = first
            case "Union" where items.contains(.name("None")):
                let rest = items.filter { $0 != .name("None") }
                guard !rest.isEmpty else { return }
                type = rest.count == 1 ? rest[0] : .subscripted(base, rest)
            default:
                return
            }
        }
    }

    /// The attribute is not data: a paginated response's `next: Callable[…]`, a `ClassVar`.
    var isNotData: Bool {
        switch type {
        case .subscripted(let base, _): return base.lastName == "Callable" || base.lastName == "ClassVar"
        case .name: return type.lastName == "Callable"
        default: return false
        }
    }
}

/// A default value as the source writes it.
enum PythonDefault: Equatable {
    case value(WireValue)
    /// `Aircall.AIRCALL`: resolved once every file is read (`PythonModelReader`).
    case enumMember(enumName: String, member: String)
    /// `UNSET`: the attribute is left out unless set; no value.
    case unset
    /// Not a literal this reader knows.
    case unreadable

    init(_ expression: PythonExpression) {
        if let value = PythonTypeMapper.literalValue(expression) {
            self = .value(value)
            return
        }
        switch expression {
        case .name("UNSET"):
            self = .unset
        case .name(let name):
            let parts = name.split(separator: ".")
            guard parts.count >= 2 else { self = .unreadable; return }
            self = .enumMember(enumName: String(parts[parts.count - 2]), member: String(parts[parts.count - 1]))
        case .list(let items), .tuple(let items):
            let values = items.compactMap { item -> WireValue? in
                if case .value(let value) = PythonDefault(item) { return value }
                return nil
            }
            self = values.count == items.count ? .value(.array(values)) : .unreadable
        case .dict(let entries):
            var object: [String: WireValue] = [:]
            for entry in entries {
                guard case .string(let key) = entry.key, case .value(let value) = PythonDefault(entry.value) else {
                    self = .unreadable
                    return
                }
                object[key] = value
            }
            self = .value(.object(object))
        case .call(.name(let callee), let arguments) where callee.hasSuffix("parse") || callee.hasSuffix("isoparse"):
            // `dateutil.parser.isoparse('2017-01-25T00:00:00Z')`: the text as written.
            guard arguments.count == 1, case .string(let text) = arguments[0].value else { self = .unreadable; return }
            self = .value(.string(text))
        case .call(.member(let parsed, "date"), let arguments) where arguments.isEmpty:
            // `dateutil.parser.parse('2021-01-01').date()`: the date as written.
            self = PythonDefault(parsed)
        default:
            self = .unreadable
        }
    }

    /// A `default_factory`: `list` and `dict` make empty values.
    init(factory: PythonExpression) {
        switch factory.lastName {
        case "list": self = .value(.array([]))
        case "dict": self = .value(.object([:]))
        default: self = .unreadable
        }
    }
}
