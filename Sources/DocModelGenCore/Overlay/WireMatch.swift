/// Which model of a `WireFacts` each docs page of a `Schema` is, and which property each docs
/// field is, by Speakeasy's naming rules and, when a name fits several models, by the rest of the
/// evidence. A page or field that matches nothing is left unmatched, and one that still fits
/// several is ambiguous and matches nothing (the caller reports both): nothing is guessed.
///
/// **Names** are compared *normalised*: lower case, with everything but letters and digits
/// removed. That is how Speakeasy turns a schema key into a class name (`Body_genImageToVideo` →
/// `BodyGenImageToVideo`, `source-gnews` → `SourceGnews`) and a wire name into a Python attribute
/// (`sourceId` → `source_id`, `in` → `in_`, a constant `sourceType` → `SOURCE_TYPE`, `x-id` →
/// `x_id`), so the normalised forms agree; an `@` or `$` is spelled out (`@type` →
/// `at_type`). A page's title is tried, then its file name; an exact match wins over a
/// normalised one.
///
/// **Same-named models** (Speakeasy names an inline object after its property, so two modules
/// may each hold a `Sale`) are told apart by, in order:
/// 1. the page linking to this one: the model matched to that page has a property, documented
///    by the linking field, whose type the source locates at one of the candidates (the Python
///    SDK's `sale: Sale` with `Sale` defined in or imported into that module);
/// 2. the docs folder (`operations/sale.md`) against the module's folder (`…/operations/x.py`;
///    a page at the docs root against `…/models/x.py`);
/// 3. the field set: the candidates having a property for every docs field, then those of them
///    with no property the page lacks.
///
/// Each step keeps the candidates it supports; a step that supports none of them says nothing
/// and is passed over. One candidate left is the match; more is ambiguous.
public struct WireMatch: Sendable {
    /// What a docs page matched.
    public enum Outcome: Sendable, Hashable {
        case matched(WireModel)
        case unmatched
        /// Several models fit and nothing tells them apart: none is used.
        case ambiguous([WireModel])
    }

    private let facts: WireFacts
    private let exact: [String: [Int]]
    private let normalised: [String: [Int]]
    /// By index of the schema's models.
    private var outcomes: [Outcome] = []

    /// Matches every page of `schema` against `facts`.
    public init(_ facts: WireFacts, schema: Schema) {
        self.facts = facts
        var exact: [String: [Int]] = [:]
        var normalised: [String: [Int]] = [:]
        for (index, model) in facts.models.enumerated() {
            exact[model.name, default: []].append(index)
            normalised[Self.normalise(model.name), default: []].append(index)
        }
        self.exact = exact
        self.normalised = normalised
        outcomes = decideAll(schema.models)
    }

    /// What the page at `index` of the schema's models matched.
    public func outcome(forModelAt index: Int) -> Outcome {
        outcomes.indices.contains(index) ? outcomes[index] : .unmatched
    }

    /// The wire model of the page at `index`, if exactly one fits.
    public func model(forModelAt index: Int) -> WireModel? {
        if case .matched(let model) = outcome(forModelAt: index) { return model }
        return nil
    }

    // MARK: Pages

    private func decideAll(_ models: [Model]) -> [Outcome] {
        var decided = [Outcome?](repeating: nil, count: models.count)
        var candidates: [[Int]] = []
        for (index, model) in models.enumerated() {
            let found = nameCandidates(model)
            candidates.append(found)
            if found.count <= 1 { decided[index] = found.first.map { .matched(bodyModel(of: facts.models[$0])) } ?? .unmatched }
        }
        var pending = decided.indices.filter { decided[$0] == nil }
        guard !pending.isEmpty else { return decided.map { $0 ?? .unmatched } }
        // The pages linking to each undecided page: the page's index and the linking field.
        let undecided = Set(pending.map { models[$0].sourcePath })
        var links: [String: [(page: Int, field: Field)]] = [:]
        for (index, model) in models.enumerated() {
            for field in model.fields {
                for target in Set(field.type.referencedPaths) where undecided.contains(target) {
                    links[target, default: []].append((index, field))
                }
            }
        }
        // A page waits while a page linking to it is undecided, so the linking evidence is there;
        // pages linking in a cycle are then decided one at a time with what is known.
        while !pending.isEmpty {
            let ready = pending.filter { index in
                !(links[models[index].sourcePath] ?? []).contains { decided[$0.page] == nil && $0.page != index }
            }
            for index in ready.isEmpty ? [pending[0]] : ready {
                decided[index] = decide(models[index], among: candidates[index], linkedFrom: links[models[index].sourcePath] ?? [], decided: decided)
            }
            pending = pending.filter { decided[$0] == nil }
        }
        return decided.map { $0 ?? .unmatched }
    }

    /// The models the page's name fits: by its title, then by its file name; the exact ones if
    /// any, else the normalised ones of a fitting kind (one wins at once; several are kept for
    /// the evidence, in case the file name does no better).
    private func nameCandidates(_ model: Model) -> [Int] {
        let stem = String((model.sourcePath.split(separator: "/").last ?? "").dropLast(model.sourcePath.hasSuffix(".md") ? 3 : 0))
        var several: [Int]?
        for name in [model.name, stem] {
            if let found = exact[name] { return found }
            let fitting = (normalised[Self.normalise(name)] ?? []).filter { Self.kindFits(model.kind, facts.models[$0].kind) }
            if fitting.count == 1 { return fitting }
            if fitting.count > 1, several == nil { several = fitting }
        }
        return several ?? []
    }

    private func decide(_ model: Model, among candidates: [Int], linkedFrom links: [(page: Int, field: Field)], decided: [Outcome?]) -> Outcome {
        var remaining = candidates
        func keep(_ supports: (WireModel) -> Bool) {
            let kept = remaining.filter { supports(facts.models[$0]) }
            if !kept.isEmpty { remaining = kept }
        }
        keep { Self.kindFits(model.kind, $0.kind) }
        // 1. The linking page's model holds a property of this type.
        var located = Set<String>()
        for link in links {
            guard case .matched(let parent)? = decided[link.page], let property = Self.field(for: link.field, in: parent) else { continue }
            located.formUnion(property.referencedPaths ?? [])
        }
        keep { located.contains($0.path) }
        // 2. The docs folder is the module's folder.
        if facts.origin == .pythonSDK {
            let folder = Self.folder(of: model.sourcePath) ?? "models"
            keep { (Self.folder(of: $0.location.file) ?? "models") == folder }
        }
        // 3. The field set.
        let documented = model.wireFields.filter { !$0.isAdditionalProperties }
        keep { wire in documented.allSatisfy { Self.field(for: $0, in: wire) != nil } }
        keep { wire in
            let matched = Set(documented.compactMap { Self.field(for: $0, in: wire)?.wireName })
            return wire.fields.allSatisfy { matched.contains($0.wireName) }
        }
        return remaining.count == 1 ? .matched(bodyModel(of: facts.models[remaining[0]])) : .ambiguous(remaining.map { facts.models[$0] })
    }

    /// An SDK error class stands for its `data` body class (`class X(PolarError): data: XData`):
    /// the one of that name in the error's module, else the only one.
    private func bodyModel(of found: WireModel) -> WireModel {
        guard found.kind == .other, found.members.count == 1, case .reference(let body) = found.members[0] else { return found }
        let bodies = (exact[body] ?? []).map { facts.models[$0] }.filter { $0.kind == .object }
        let local = bodies.filter { $0.location.file == found.location.file }
        if local.count == 1 { return local[0] }
        return bodies.count == 1 ? bodies[0] : found
    }

    /// The last folder of a path (`operations` of `operations/sale.md`), nil at the root.
    private static func folder(of path: String) -> String? {
        let parts = path.split(separator: "/")
        return parts.count > 1 ? String(parts[parts.count - 2]) : nil
    }

    // MARK: Fields

    /// The property of `wireModel` that the docs field `field` documents, if exactly one fits: the
    /// Python attribute (the docs show it), then the wire name; exactly, then normalised, then
    /// with its leading symbol spelled out. Nil for the additional-properties catch-all.
    public static func field(for field: Field, in wireModel: WireModel) -> WireField? {
        guard !field.isAdditionalProperties else { return nil }
        let name = field.documentedName ?? field.wireName
        let escaped = name + "_"
        if let found = wireModel.fields.first(where: { $0.attributeName == name || $0.attributeName == escaped }) { return found }
        if let found = wireModel.fields.first(where: { $0.wireName == name }) { return found }
        let key = normalise(name)
        let byAttribute = wireModel.fields.filter { $0.attributeName.map(normalise) == key }
        if byAttribute.count == 1 { return byAttribute[0] }
        let byWire = wireModel.fields.filter { normalise($0.wireName) == key }
        if byWire.count == 1 { return byWire[0] }
        guard byWire.isEmpty else { return nil }
        let bySpelling = wireModel.fields.filter { normalise(spelledOut($0.wireName)) == key }
        return bySpelling.count == 1 ? bySpelling[0] : nil
    }


    /// Lower case, letters and digits only.
    public static func normalise(_ name: String) -> String {
        String(String.UnicodeScalarView(name.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) })).lowercased()
    }

    /// A wire name with `@` and `$` as the words Speakeasy writes for them in an attribute
    /// (`@type` → `at_type`, `$ref` → `dollar_ref`); other symbols only separate words.
    static func spelledOut(_ wireName: String) -> String {
        wireName.reduce(into: "") { spelled, character in
            switch character {
            case "@": spelled += "at_"
            case "$": spelled += "dollar_"
            default: spelled.append(character)
            }
        }
    }

    private static func kindFits(_ docs: ModelKind, _ wire: WireModel.Kind) -> Bool {
        switch (docs, wire) {
        case (.object, .object), (.enumeration, .enumeration), (.union, .union), (_, .other): return true
        // A union page may be a spec's `oneOf` object or a Python type alias; an object page may
        // be an `allOf` the reader merged.
        case (.union, .object), (.object, .union): return true
        default: return false
        }
    }
}
