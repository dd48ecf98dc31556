import Foundation

/// Every disagreement between the docs and an OpenAPI document (or a Python SDK's models), as
/// located findings that point at the docs cell and name the spec's path (`docmodelgen drift`):
/// a page with no schema, a field in one and not the other, required vs optional, nullable vs not,
/// a type or format that differs, enum values that differ.
public enum DriftReport {
    /// One disagreement.
    public struct Finding: Codable, Sendable, Hashable {
        public enum Kind: String, Codable, Sendable, Hashable {
            case pageWithoutSchema = "page-without-schema"
            case fieldNotInSpec = "field-not-in-spec"
            case propertyNotInDocs = "property-not-in-docs"
            case required
            case nullable
            case type
            case format
            case enumValues = "enum-values"
        }

        public var kind: Kind
        /// What differs, in a sentence.
        public var message: String
        /// The docs cell (or page) it is about.
        public var location: SourceLocation
        /// Where the spec says otherwise: `#/components/schemas/X/properties/y` (empty when the
        /// spec has nothing there).
        public var specPath: String
        /// The spec's own line and column, when known.
        public var specLocation: SourceLocation?

        /// As a `drift` warning at the docs cell.
        public var diagnostic: Diagnostic {
            .warning(message + (specPath.isEmpty ? "" : " (\(specPath))"), at: location, kind: .drift)
        }
    }

    /// The findings for `schema` (paths relative to the docs root) against `facts`, sorted.
    public static func compare(_ schema: Schema, with facts: WireFacts) -> [Finding] {
        let matcher = WireMatch(facts, schema: schema)
        let source = WireOverlay.describe(facts.origin)
        var findings: [Finding] = []
        for (index, model) in schema.models.enumerated() where !WireOverlay.isSDKShape(model) {
            let wire: WireModel
            switch matcher.outcome(forModelAt: index) {
            case .matched(let found):
                wire = found
            case .unmatched:
                findings.append(Finding(
                    kind: .pageWithoutSchema, message: "'\(model.name)' has no schema in \(source)", location: model.location,
                    specPath: ""))
                continue
            case .ambiguous(let candidates):
                findings.append(Finding(
                    kind: .pageWithoutSchema,
                    message: "'\(model.name)' fits \(candidates.count) models in \(source) and nothing tells which; not compared",
                    location: model.location, specPath: candidates.map(\.path).joined(separator: ", ")))
                continue
            }
            switch model.kind {
            case .object(let object):
                findings += compare(object, of: model, with: wire, source: source)
            case .enumeration(let enumeration):
                let documented = enumeration.cases.map(\.value)
                let declared = wire.values.compactMap { value -> String? in
                    switch value {
                    case .string(let text), .number(let text): text
                    case .bool(let flag): flag ? "true" : "false"
                    default: nil
                    }
                }
                guard wire.kind == .enumeration, Set(documented) != Set(declared) else { continue }
                let missing = declared.filter { !documented.contains($0) }, extra = documented.filter { !declared.contains($0) }
                var parts: [String] = []
                if !missing.isEmpty { parts.append("the docs lack " + missing.map { "'\($0)'" }.joined(separator: ", ")) }
                if !extra.isEmpty { parts.append("the spec lacks " + extra.map { "'\($0)'" }.joined(separator: ", ")) }
                findings.append(Finding(
                    kind: .enumValues, message: "enum '\(model.name)' values differ: " + parts.joined(separator: "; "),
                    location: enumeration.location, specPath: wire.path, specLocation: wire.location))
            case .union, .skipped:
                continue
            }
        }
        return findings.sorted { ($0.location, $0.message) < ($1.location, $1.message) }
    }

    private static func compare(_ object: ObjectModel, of model: Model, with wire: WireModel, source: String) -> [Finding] {
        var findings: [Finding] = []
        var matched = Set<String>()
        // The additional-properties catch-all is no property to compare.
        for field in object.fields where !field.isAdditionalProperties {
            let name = field.documentedName ?? field.wireName
            guard let property = WireMatch.field(for: field, in: wire) else {
                findings.append(Finding(
                    kind: .fieldNotInSpec, message: "field '\(name)' is not a property of '\(wire.name)' in \(source)",
                    location: field.location, specPath: wire.path, specLocation: wire.location))
                continue
            }
            matched.insert(property.wireName)
            let path = wire.path + "/properties/" + property.wireName
            // A required property with a default is optional in the SDK (livepeer-ai 0.10.0:
            // `model_id: Optional[str] = ""` for a required `model_id` with `default: ''`).
            let required = property.isRequired.map { $0 && property.defaultValue == nil }
            if let required, required == field.isOptional, !isConstant(field.type) {
                findings.append(Finding(
                    kind: .required,
                    message: "field '\(name)' is \(field.isOptional ? "optional" : "required") in the docs but \(required ? "required" : "optional") in \(source)",
                    location: field.requiredLocation, specPath: path, specLocation: property.location))
            }
            let docsNullable = isNullable(field.type)
            if let nullable = property.isNullable ?? property.type.map(isNullable), nullable != docsNullable {
                findings.append(Finding(
                    kind: .nullable,
                    message: "field '\(name)' is \(docsNullable ? "nullable" : "not nullable") in the docs but \(nullable ? "nullable" : "not nullable") in \(source)",
                    location: field.typeLocation, specPath: path, specLocation: property.location))
            }
            if let type = property.type.map(nonNull) {
                let docs = category(of: field.type.unwrappingWrappers), spec = category(of: type)
                if let docs, let spec, docs != spec {
                    findings.append(Finding(
                        kind: .type, message: "field '\(name)' is \(docs.rawValue) in the docs (\(field.typeText)) but \(spec.rawValue) in \(source)",
                        location: field.typeLocation, specPath: path, specLocation: property.location))
                } else if let mismatch = formatMismatch(docs: field.type.unwrappingWrappers, spec: type) {
                    findings.append(Finding(
                        kind: .format, message: "field '\(name)' \(mismatch) in \(source)",
                        location: field.typeLocation, specPath: path, specLocation: property.location))
                }
            }
        }
        for property in wire.fields where !matched.contains(property.wireName) {
            findings.append(Finding(
                kind: .propertyNotInDocs,
                message: "property '\(property.wireName)' of '\(wire.name)' in \(source) is not in the docs",
                location: object.fieldsTable?.location ?? model.location, specPath: wire.path + "/properties/" + property.wireName,
                specLocation: property.location))
        }
        return findings
    }

    /// What a type is, coarsely: differences at this level are type drift.
    enum Category: String {
        case string = "a string", integer = "an integer", number = "a number", boolean = "a boolean", list = "a list"
        case map = "a map", file = "a file", null = "null"
    }

    static func category(of type: TypeExpression) -> Category? {
        switch type {
        case .string, .date, .dateTime, .decimal, .bytes: .string
        case .integer: .integer
        case .float: .number
        case .boolean: .boolean
        case .list: .list
        case .dictionary: .map
        case .fileContent: .file
        case .null: .null
        // Models, unions, constants, `Any`: compared through their own pages, or not at all.
        default: nil
        }
    }

    static func category(of type: WireType) -> Category? {
        switch type {
        case .string(let format): format == "binary" ? .file : .string
        case .integer: .integer
        case .number(let format): format == "decimal" ? .string : .number
        case .boolean: .boolean
        case .array: .list
        case .map: .map
        case .file: .file
        default: nil
        }
    }

    /// A date against a date-time, or a decimal against a float.
    private static func formatMismatch(docs: TypeExpression, spec: WireType) -> String? {
        switch (docs, spec) {
        case (.date, .string(let format)) where format == "date-time":
            "is a date in the docs but a date-time"
        case (.dateTime, .string(let format)) where format == "date":
            "is a date-time in the docs but a date"
        case (.string, .string(let format)) where format == "date" || format == "date-time":
            "is a plain string in the docs but a \(format ?? "")"
        default:
            nil
        }
    }

    private static func isNullable(_ type: TypeExpression) -> Bool {
        switch type {
        case .nullable, .optionalNullable: true
        case .optional(let inner): isNullable(inner)
        default: false
        }
    }

    private static func isNullable(_ type: WireType) -> Bool {
        if case .union(let members) = type { return members.contains(.constant(.null)) }
        return false
    }

    private static func nonNull(_ type: WireType) -> WireType {
        guard case .union(let members) = type else { return type }
        let rest = members.filter { $0 != .constant(.null) }
        return rest.count == 1 ? rest[0] : .union(rest)
    }

    private static func isConstant(_ type: TypeExpression) -> Bool {
        if case .literal = type.unwrappingWrappers { return true }
        return false
    }
}

extension DriftReport {
    /// How `docmodelgen drift --format` writes the report.
    public enum Format: String, Sendable, CaseIterable {
        /// `path:line:col: warning: … [drift]` lines, as every other diagnostic.
        case text
        /// A JSON array of findings (kind, message, file, line, column, specPath, specLine).
        case json
        /// A markdown table, for a CI job to publish.
        case markdown
    }

    /// The report in `format`; `displayPath` maps a finding's file to what the reader should see.
    public static func render(_ findings: [Finding], format: Format, displayPath: (String) -> String = { $0 }) -> String {
        switch format {
        case .text:
            return findings.map { $0.diagnostic.formatted(displayPath: displayPath) + "\n" }.joined()
        case .json:
            // One row per finding, paths as the reader should see them; Foundation does the escaping.
            struct Row: Encodable {
                var kind: String, message: String, file: String, line: Int, column: Int, specPath: String
                var specFile: String?, specLine: Int?
            }
            let rows = findings.map { finding in
                Row(kind: finding.kind.rawValue, message: finding.message, file: displayPath(finding.location.file),
                    line: finding.location.line, column: finding.location.column, specPath: finding.specPath,
                    specFile: finding.specLocation.map { displayPath($0.file) }, specLine: finding.specLocation?.line)
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return ((try? encoder.encode(rows)).map { String(decoding: $0, as: UTF8.self) } ?? "[]") + "\n"
        case .markdown:
            var text = "# Docs ↔ spec drift\n\n\(findings.count) finding(s).\n\n"
            guard !findings.isEmpty else { return text }
            text += "| Where | Kind | Finding | Spec |\n| --- | --- | --- | --- |\n"
            for finding in findings {
                let cells = [
                    "\(displayPath(finding.location.file)):\(finding.location.line)", finding.kind.rawValue, finding.message,
                    finding.specPath.isEmpty ? "—" : "`\(finding.specPath)`",
                ].map { $0.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: " ")
                    .split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|") }
                text += "| " + cells.joined(separator: " | ") + " |\n"
            }
            return text
        }
    }
}
