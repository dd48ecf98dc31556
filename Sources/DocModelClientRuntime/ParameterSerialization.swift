/// How an array or object query parameter is spread over the query (OpenAPI `style`).
public enum QueryStyle: Sendable, Hashable {
    /// `a=1&a=2` exploded, `a=1,2` not (SDK-FACTS i.2, `_populate_form`).
    case form
    /// Items joined with a space when not exploded (polar's runtime lacks it: its own
    /// `queryparams.py` raises `NotImplementedError`; OpenAPI's meaning is used).
    case spaceDelimited
    /// Items joined with `|` when not exploded (`queryparams.py`, `pipeDelimited`).
    case pipeDelimited
    /// `name[key]=value`, lists as `name[key]=1&name[key]=2` (SDK-FACTS i.2, deepObject).
    case deepObject
}

/// A parameter value the SDK's serialization rules cannot spell, or a name HTTP does not allow.
public enum ParameterEncodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A list or object inside a list or object where the style only spells scalars (the SDKs
    /// would send Python's `repr`, which no server reads).
    case nestedValue(parameter: String)
    /// A header name that is not an HTTP token.
    case invalidHeaderName(String)
    /// A path holding an ASCII control character, which httpx refuses (SDK-FACTS i.1: `a\tb`
    /// raises `httpx.InvalidURL`).
    case controlCharacterInPath(String)
    /// A form body whose value does not encode as an object.
    case formBodyNotAnObject(typeName: String)

    public var description: String {
        switch self {
        case .nestedValue(let parameter): "parameter '\(parameter)': a list or object nested in a list or object has no spelling in this style"
        case .invalidHeaderName(let name): "'\(name)' is not a valid HTTP header name"
        case .controlCharacterInPath(let path): "the path \(path.debugDescription) holds a control character (httpx: invalid non-printable ASCII character in URL)"
        case .formBodyNotAnObject(let typeName): "a \(typeName) does not encode as an object, so it cannot be a form body"
        }
    }
}

/// Query (or form body) pairs as the SDKs collect them: a dict from name to a list of values, so a
/// name set again keeps its first position (Python dict order), and a list appends to it
/// (SDK-FACTS i.2: `form[name] = [...]` / `form[name].append(...)`).
struct QueryParameters: Sendable, Hashable {
    private var names: [String] = []
    private var values: [String: [String]] = [:]

    var isEmpty: Bool { names.allSatisfy { values[$0]!.isEmpty } }

    /// Replaces the values of `name`, keeping its position if it was there.
    mutating func set(_ name: String, _ newValues: [String]) {
        if values[name] == nil { names.append(name) }
        values[name] = newValues
    }

    mutating func append(_ name: String, _ value: String) {
        if values[name] == nil { names.append(name) }
        values[name, default: []].append(value)
    }

    /// The pairs in order, one per value (a name with no values sends nothing).
    var pairs: [(name: String, value: String)] {
        names.flatMap { name in values[name]!.map { (name, $0) } }
    }

    /// `urllib.parse.urlencode(pairs, doseq=True)`, which httpx uses for `params=` and `data=`:
    /// `quote_plus` on names and values (SDK-FACTS i.2).
    var encoded: String {
        pairs.map { PercentEncoding.quotePlus($0.name) + "=" + PercentEncoding.quotePlus($0.value) }.joined(separator: "&")
    }
}

/// The SDKs' style rules (`utils/url.py`, `headers.py`, `forms.py`, `queryparams.py`).
enum ParameterSerializer {
    /// A scalar's text, `nil` for `null`; lists and objects have none here.
    static func scalar(_ value: EncodedValue, parameter: String) throws -> String? {
        switch value {
        case .array, .object: throw ParameterEncodingError.nestedValue(parameter: parameter)
        case .null, .bool, .number, .string: return value.scalarText
        }
    }

    /// Style `simple`, explode false, for path and header parameters (SDK-FACTS i.1, i.3):
    /// scalars as they are, lists `a,b`, objects `k,v,k,v`; `null` items and members left out.
    static func simple(_ value: EncodedValue, parameter: String) throws -> String? {
        switch value {
        case .null, .bool, .number, .string: return value.scalarText
        case .array(let items):
            return try items.compactMap { try scalar($0, parameter: parameter) }.joined(separator: ",")
        case .object:
            return try value.setMembers.flatMap { [$0.key, try scalar($0.value, parameter: parameter)!] }
                .joined(separator: ",")
        }
    }

    /// `_populate_form` (`forms.py:23-86`): exploded lists one pair per item, exploded objects
    /// their keys as top-level names; otherwise one pair joined with `delimiter`.
    static func form(
        _ value: EncodedValue, name: String, explode: Bool, delimiter: String, into query: inout QueryParameters
    ) throws {
        switch value {
        case .null: return
        case .bool, .number, .string: query.set(name, [value.scalarText!])
        case .array(let items):
            let texts = try items.compactMap { try scalar($0, parameter: name) }
            if explode {
                for text in texts { query.append(name, text) }
            } else if !texts.isEmpty {
                query.set(name, [texts.joined(separator: delimiter)])
            }
        case .object:
            let members = value.setMembers
            if explode {
                for member in members { query.set(member.key, [try scalar(member.value, parameter: name)!]) }
            } else if !members.isEmpty {
                let items = try members.map { $0.key + delimiter + (try scalar($0.value, parameter: name)!) }
                query.set(name, [items.joined(separator: delimiter)])
            }
        }
    }

    /// `_populate_deep_object_query_params` (`queryparams.py:102-189`): `name[key]=v`, nested
    /// objects `name[a][b]=v`, lists `name[key]=1&name[key]=2`. The SDK writes nothing for a value
    /// that is not an object, and so does this.
    static func deepObject(_ value: EncodedValue, name: String, into query: inout QueryParameters) throws {
        guard case .object = value else { return }
        for member in value.setMembers {
            let key = "\(name)[\(member.key)]"
            switch member.value {
            case .null: continue
            case .bool, .number, .string: query.set(key, [member.value.scalarText!])
            case .object: try deepObject(member.value, name: key, into: &query)
            case .array(let items):
                for item in items {
                    if let text = try scalar(item, parameter: name) { query.append(key, text) }
                }
            }
        }
    }
}
