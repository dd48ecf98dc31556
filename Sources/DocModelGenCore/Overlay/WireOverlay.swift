/// Applies what an OpenAPI document or a Python SDK's models say about the wire to the docs'
/// schema: wire names (`CodingKeys`, multipart part names), defaults and formats. The docs stay the
/// primary input: the overlay never adds or removes a model or a field, it only tells how each one
/// travels.
///
/// **Who wins** when the sources disagree:
/// 1. the Python SDK's models: they are the code that puts bytes on the wire;
/// 2. the OpenAPI document: what the API declares;
/// 3. the docs: what the page shows (a Python attribute name, which is often not the wire name).
///
/// A fact one source gives and the other does not (a spec's `int64`, the SDK's alias) is taken
/// from the one that gives it. When the SDK and the spec both give a fact and differ, the SDK's is
/// used and a warning (`overlay-conflict`) says so at the docs cell, naming both. A page or a field
/// that no source matches keeps the docs' names, with a warning (`overlay-unmatched`): the overlay
/// never guesses. A page whose name fits several models that nothing tells apart
/// (`WireMatch`) matches none of them, with the same warning naming them.
public enum WireOverlay {
    /// The schema with every matched field's wire name, default and format set, and the
    /// diagnostics of the matching. `sources` may hold one `WireFacts` of each origin.
    public static func apply(_ sources: [WireFacts], to schema: Schema) -> (schema: Schema, diagnostics: [Diagnostic]) {
        guard !sources.isEmpty else { return (schema, []) }
        // The SDK first: it wins conflicts.
        let ordered = sources.sorted { rank($0.origin) < rank($1.origin) }
        let matchers = ordered.map { WireMatch($0, schema: schema) }
        var schema = schema
        var diagnostics: [Diagnostic] = []
        for index in schema.models.indices {
            let model = schema.models[index]
            guard !isSDKShape(model) else { continue }
            var matched: [(origin: WireFacts.Origin, wire: WireModel)] = []
            var ambiguous: [(origin: WireFacts.Origin, candidates: [WireModel])] = []
            for (facts, matcher) in zip(ordered, matchers) {
                switch matcher.outcome(forModelAt: index) {
                case .matched(let wire): matched.append((facts.origin, wire))
                case .ambiguous(let candidates): ambiguous.append((facts.origin, candidates))
                case .unmatched: break
                }
            }
            // A union or enum page carries nothing the overlay would change (an inline
            // `Union[…]` has no class of its own); only an object's fields have wire names.
            let isObject = if case .object = model.kind { true } else { false }
            if isObject {
                for (origin, candidates) in ambiguous {
                    diagnostics.append(.warning(
                        "'\(model.name)' fits \(candidates.count) \(members(of: origin)) and nothing tells which (\(candidates.map(\.path).joined(separator: ", "))); none is used"
                            + (matched.isEmpty ? ", and its fields keep the docs' names on the wire" : ""),
                        at: model.location, kind: .overlayUnmatched))
                }
            }
            guard !matched.isEmpty else {
                guard isObject, ambiguous.isEmpty, !model.isSDKResponse else { continue }
                diagnostics.append(.warning(
                    "'\(model.name)' matches no \(ordered.map { member(of: $0.origin) }.joined(separator: " and no ")); its fields keep the docs' names on the wire",
                    at: model.location, kind: .overlayUnmatched))
                continue
            }
            schema.models[index].wirePaths = matched.map(\.wire.path)
            guard case .object(var object) = model.kind else { continue }
            for fieldIndex in object.fields.indices {
                let (field, found) = apply(matched, to: object.fields[fieldIndex])
                object.fields[fieldIndex] = field
                diagnostics += found
            }
            schema.models[index].kind = .object(object)
        }
        return (schema, diagnostics)
    }

    private static func apply(_ matched: [(origin: WireFacts.Origin, wire: WireModel)], to field: Field) -> (Field, [Diagnostic]) {
        var field = field
        // The additional properties, not a property: nothing to match, nothing to rename.
        guard !field.isAdditionalProperties else { return (field, []) }
        let facts = matched.compactMap { match in
            WireMatch.field(for: field, in: match.wire).map { (origin: match.origin, model: match.wire, field: $0) }
        }
        guard let first = facts.first else {
            let paths = matched.map(\.wire.path).joined(separator: ", ")
            return (field, [.warning(
                "field '\(field.documentedName ?? field.wireName)' matches no property of \(paths); it keeps its docs name on the wire",
                at: field.location, kind: .overlayUnmatched)])
        }
        var diagnostics: [Diagnostic] = []
        /// `values` as shown; `keys` decide whether they differ (default: as shown).
        func conflict(_ what: String, _ values: [String], keys: [String]? = nil) {
            guard let second = facts.dropFirst().first, Set(keys ?? values).count > 1 else { return }
            diagnostics.append(.warning(
                "\(describe(first.origin)) (\(first.model.path)) gives field '\(field.documentedName ?? field.wireName)' \(what) \(values[0]), but \(describe(second.origin)) (\(second.model.path)) gives \(values[1]); using the first (the SDK's models win, then the spec)",
                at: field.location, kind: .overlayConflict))
        }

        conflict("the wire name", facts.map { "'\($0.field.wireName)'" })
        if first.field.wireName != field.wireName {
            field.documentedName = field.documentedName ?? field.wireName
            field.wireName = first.field.wireName
        }

        let defaults = facts.compactMap { fact in fact.field.defaultValue.flatMap { $0 == .null ? nil : $0 } }
        // `1` and `1.0` are one number: not a conflict.
        if defaults.count > 1 {
            conflict("the default", defaults.map(describe), keys: defaults.map { describe(numericallyNormalised($0)) })
        }
        field.defaultValue = defaults.first

        let formats = facts.compactMap { $0.field.type.flatMap(format(of:)) }
        if formats.count > 1 { conflict("the format", formats.map { "'\($0)'" }) }
        field.format = formats.first
        // A number the docs show as `int`/`float` that a source types `string`: sent as text.
        if case .integer = field.type.unwrappingWrappers, facts.contains(where: { isString($0.field.type) }) { field.isSentAsString = true }
        if case .float = field.type.unwrappingWrappers, facts.contains(where: { isString($0.field.type) }) { field.isSentAsString = true }
        return (field, diagnostics)
    }

    /// Pages no spec schema or SDK wire class stands for: skipped pages, the docs' file model (the
    /// SDK's upload class for a `format: binary` property, sent as a file part whatever its
    /// fields are called), and objects with nothing on the wire (`HTTPMetadata`).
    static func isSDKShape(_ model: Model) -> Bool {
        switch model.kind {
        case .skipped: return true
        case .object: return model.isFileShape || model.isSDKResponse || (model.wireFields.isEmpty && !model.fields.isEmpty)
        case .enumeration, .union: return false
        }
    }

    private static func isString(_ type: WireType?) -> Bool {
        switch type {
        case .string?: return true
        case .union(let members)?: return members.filter { $0 != .constant(.null) }.allSatisfy { if case .string = $0 { true } else { false } }
        default: return false
        }
    }

    /// The format a property's type states, through lists, maps and nullability.
    static func format(of type: WireType) -> String? {
        switch type {
        case .string(let format), .integer(let format), .number(let format): return format
        case .union(let members):
            // `anyOf: [{type: integer, format: int64}, {type: 'null'}]`: the one non-null member.
            let formats = members.compactMap(format(of:))
            return formats.count == 1 ? formats[0] : nil
        default: return nil
        }
    }

    private static func rank(_ origin: WireFacts.Origin) -> Int {
        switch origin {
        case .pythonSDK: 0
        case .openAPI: 1
        }
    }

    static func describe(_ origin: WireFacts.Origin) -> String {
        switch origin {
        case .pythonSDK: "the Python SDK"
        case .openAPI: "the OpenAPI document"
        }
    }

    private static func member(of origin: WireFacts.Origin) -> String {
        switch origin {
        case .pythonSDK: "class of the Python SDK"
        case .openAPI: "schema of the OpenAPI document"
        }
    }

    private static func members(of origin: WireFacts.Origin) -> String {
        switch origin {
        case .pythonSDK: "classes of the Python SDK"
        case .openAPI: "schemas of the OpenAPI document"
        }
    }

    private static func numericallyNormalised(_ value: WireValue) -> WireValue {
        guard case .number(let text) = value, let number = Double(text) else { return value }
        return .number(String(number))
    }

    static func describe(_ value: WireValue) -> String {
        switch value {
        case .string(let text): "\"\(text)\""
        case .number(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .null: "null"
        case .array(let values): "[" + values.map(describe).joined(separator: ", ") + "]"
        case .object(let members): "{" + members.keys.sorted().map { "\"\($0)\": " + describe(members[$0]!) }.joined(separator: ", ") + "}"
        }
    }
}
