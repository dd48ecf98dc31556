/// Which model of a `WireFacts` a docs page is, and which property each docs field is, by
/// Speakeasy's naming rules. A page or field that matches nothing is left unmatched (the caller
/// reports it); nothing is guessed.
///
/// Names are compared *normalised*: lower case, with everything but letters and digits removed.
/// That is how Speakeasy turns a schema key into a class name (`Body_genImageToVideo` →
/// `BodyGenImageToVideo`, `source-gnews` → `SourceGnews`) and a wire name into a Python attribute
/// (`sourceId` → `source_id`, `in` → `in_`, a constant `sourceType` → `SOURCE_TYPE`), so the
/// normalised forms agree. An exact match wins over a normalised one; two normalised candidates
/// with no exact one are ambiguous, and ambiguity is no match.
public struct WireMatch: Sendable {
    private let facts: WireFacts
    private let exact: [String: Int]
    private let normalised: [String: [Int]]

    public init(_ facts: WireFacts) {
        self.facts = facts
        var exact: [String: Int] = [:]
        var normalised: [String: [Int]] = [:]
        for (index, model) in facts.models.enumerated() {
            if exact[model.name] == nil { exact[model.name] = index }
            normalised[Self.normalise(model.name), default: []].append(index)
        }
        self.exact = exact
        self.normalised = normalised
    }

    /// The wire model the docs page `model` documents, if exactly one fits: by its title, then by
    /// its file name.
    public func model(for model: Model) -> WireModel? {
        guard let found = candidate(for: model) else { return nil }
        // An SDK error class stands for its `data` body class (`class X(PolarError): data: XData`).
        if found.kind == .other, found.members.count == 1, case .reference(let body) = found.members[0],
           let index = exact[body], facts.models[index].kind == .object {
            return facts.models[index]
        }
        return found
    }

    private func candidate(for model: Model) -> WireModel? {
        let stem = String((model.sourcePath.split(separator: "/").last ?? "").dropLast(model.sourcePath.hasSuffix(".md") ? 3 : 0))
        for name in [model.name, stem] {
            if let index = exact[name] { return facts.models[index] }
            if let candidates = normalised[Self.normalise(name)] {
                let fitting = candidates.filter { Self.kindFits(model.kind, facts.models[$0].kind) }
                if fitting.count == 1 { return facts.models[fitting[0]] }
            }
        }
        return nil
    }

    /// The property of `wireModel` that the docs field `field` documents, if exactly one fits: the
    /// Python attribute (the docs show it), then the wire name; exactly, then normalised.
    public static func field(for field: Field, in wireModel: WireModel) -> WireField? {
        let name = field.documentedName ?? field.wireName
        let escaped = name + "_"
        if let found = wireModel.fields.first(where: { $0.attributeName == name || $0.attributeName == escaped }) { return found }
        if let found = wireModel.fields.first(where: { $0.wireName == name }) { return found }
        let key = normalise(name)
        let byAttribute = wireModel.fields.filter { $0.attributeName.map(normalise) == key }
        if byAttribute.count == 1 { return byAttribute[0] }
        let byWire = wireModel.fields.filter { normalise($0.wireName) == key }
        return byWire.count == 1 ? byWire[0] : nil
    }

    /// Lower case, letters and digits only.
    public static func normalise(_ name: String) -> String {
        String(String.UnicodeScalarView(name.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) })).lowercased()
    }

    private static func kindFits(_ docs: ModelKind, _ wire: WireModel.Kind) -> Bool {
        switch (docs, wire) {
        case (.object, .object), (.enumeration, .enumeration), (.union, .union), (_, .other): return true
        // A union page may be a spec's `oneOf` object or a Python type alias; an object page may be
        // an `allOf` the reader merged.
        case (.union, .object), (.object, .union): return true
        default: return false
        }
    }
}
