/// A value a template sees as an object. Its properties are named after the keys templates use,
/// and `templateValues` converts it by hand: no `Encoder` on the rendering path, whose speed is
/// the generator's.
public protocol TemplateObject: Sendable, Hashable, Encodable {
    /// The keys and values a template sees.
    var templateValues: TemplateValue.Members { get }
}

extension TemplateObject {
    /// Encodes exactly what a template sees (`templateValues`): the JSON of a context shows the
    /// keys and values templates use, derived flags included.
    public func encode(to encoder: any Encoder) throws {
        try TemplateValue.object(templateValues).encode(to: encoder)
    }
}

/// What one template renders from: the root object of its context stack.
public protocol TemplateContext: TemplateObject {
    /// The template's file name (one of `TemplateSet.Name.all`).
    var templateName: String { get }
}

extension TemplateValue: Encodable {
    /// A string or a flag as itself, a list as an array, an object as a JSON object.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .string(let text): try text.encode(to: encoder)
        case .bool(let flag): try flag.encode(to: encoder)
        case .list(let values): try values.encode(to: encoder)
        case .object(let members):
            var container = encoder.container(keyedBy: MemberKey.self)
            for entry in members.entries { try container.encode(entry.value, forKey: MemberKey(stringValue: entry.key)) }
        }
    }

    private struct MemberKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }

        init(stringValue: String) {
            self.stringValue = stringValue
        }

        init?(intValue: Int) {
            nil
        }
    }
}
