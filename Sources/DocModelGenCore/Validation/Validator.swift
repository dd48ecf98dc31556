/// Checks over the schema. Each rule is a pure function from the schema to diagnostics; the
/// validator runs them all and returns the findings sorted by location.
public enum Validator {
    public typealias Rule = @Sendable (Schema) -> [Diagnostic]

    /// Every rule, in the order they are documented.
    public static let rules: [Rule] = [
        ValidationRules.pageHasTitle,
        ValidationRules.fieldsTableHeader,
        ValidationRules.pageHasFieldsTable,
        ValidationRules.fieldNames,
        ValidationRules.requiredCells,
        ValidationRules.typeExpressions,
        ValidationRules.links,
        ValidationRules.duplicateFields,
        ValidationRules.multipartFields,
        ValidationRules.sdkObjects,
        ValidationRules.skippedPages,
        ValidationRules.enumerations,
        ValidationRules.unions,
        ValidationRules.modelSize,
    ]

    public static func validate(_ schema: Schema) -> [Diagnostic] {
        rules.parallelMap(minimumParallelCount: 2) { $0(schema) }.flatMap { $0 }.sorted()
    }
}

/// The individual checks.
public enum ValidationRules {
    static let expectedColumns = [
        SchemaBuilder.Column.field, SchemaBuilder.Column.type, SchemaBuilder.Column.required,
        SchemaBuilder.Column.description,
    ]

    public static let pageHasTitle: Validator.Rule = { schema in
        schema.models.filter { !$0.hasTitle }.map {
            .error("page has no '# Title' heading", at: $0.location)
        }
    }

    /// The header must name Field, Type, Required and Description once each; an Example column may
    /// follow (Speakeasy adds it when the API spec has examples).
    public static let fieldsTableHeader: Validator.Rule = { schema in
        schema.models.compactMap { model in
            guard let table = model.fieldsTable else { return nil }
            let known = expectedColumns + [SchemaBuilder.Column.example]
            let valid = expectedColumns.allSatisfy { column in table.columns.filter { $0 == column }.count == 1 }
                && table.columns.allSatisfy(known.contains)
                && table.columns.filter { $0 == SchemaBuilder.Column.example }.count <= 1
            guard !valid else { return nil }
            return .error(
                "Fields table header must be '\(expectedColumns.joined(separator: " | "))', found '\(table.columns.joined(separator: " | "))'",
                at: table.location)
        }
    }

    public static let pageHasFieldsTable: Validator.Rule = { schema in
        schema.models.filter { model in
            if case .object(let object) = model.kind { return object.fieldsTable == nil }
            return false
        }.map {
            .warning("page has no '## Fields' table; '\($0.name)' is generated without fields", at: $0.location, kind: .noFieldsTable)
        }
    }

    public static let fieldNames: Validator.Rule = { schema in
        fields(of: schema).filter { $0.wireName.isEmpty }.map {
            .error("Field cell is empty", at: $0.location)
        }
    }

    public static let requiredCells: Validator.Rule = { schema in
        fields(of: schema).compactMap { field in
            guard case .invalid(let text) = field.required else { return nil }
            return .error(
                "Required cell must be ':heavy_check_mark:' or ':heavy_minus_sign:', found '\(text)'",
                at: field.requiredLocation)
        }
    }

    /// A well-formed cell whose type is not understood does not sink the tree: the field (or union
    /// member) is generated as `JSONValue`, so its data still round-trips, with a warning that
    /// `--strict` turns into an error.
    public static let typeExpressions: Validator.Rule = { schema in
        typedNodes(of: schema).compactMap { node in
            if case .malformed(let text) = node.type {
                return .error("malformed type expression '\(text)' for \(node.what)", at: node.location)
            }
            if let union = node.type.allExpressions.first(where: { if case .union(let members) = $0 { members.count > 8 } else { false } }),
               case .union(let members) = union {
                return .warning(
                    "an inline union of \(members.count) types for \(node.what) is more than the 8 the runtime's OneOf types hold; it is generated as JSONValue, which keeps any JSON",
                    at: node.location, kind: .unknownType)
            }
            guard case .unknown(let text) = node.type else { return nil }
            return .warning(
                "type expression '\(text)' for \(node.what) is not understood; it is generated as JSONValue, which keeps any JSON",
                at: node.location, kind: .unknownType)
        }
    }

    public static let links: Validator.Rule = { schema in
        typedNodes(of: schema).flatMap { node in
            node.type.allExpressions.compactMap { expression -> Diagnostic? in
                guard case .reference(let reference) = expression, reference.target == nil else { return nil }
                switch reference.candidates {
                case nil:
                    return .error(
                        "link '\(reference.destination)' for \(node.what) points to a page that is not in the input set",
                        at: node.location)
                case let candidates? where candidates.isEmpty:
                    return .error("no page in the input set defines '\(reference.text)' (\(node.what))", at: node.location)
                case let candidates?:
                    return .error(
                        "'\(reference.text)' (\(node.what)) is ambiguous: \(candidates.joined(separator: ", ")) all define it; qualify it with its folder",
                        at: node.location)
                }
            }
        }
    }

    public static let duplicateFields: Validator.Rule = { schema in
        schema.models.flatMap { model in
            var first: [String: Field] = [:]
            return model.fields.compactMap { field -> Diagnostic? in
                guard !field.wireName.isEmpty else { return nil }
                if let earlier = first[field.wireName] {
                    return .error(
                        "duplicate field '\(field.wireName)' (first defined at line \(earlier.location.line))",
                        at: field.location)
                }
                first[field.wireName] = field
                return nil
            }
        }
    }

    /// Multipart bodies can only carry what the Python SDK's form encoder can send.
    public static let multipartFields: Validator.Rule = { schema in
        schema.models.filter(\.isMultipartBody).flatMap { model in
            model.wireFields.compactMap { field -> Diagnostic? in
                guard case .unsupported(let what) = MultipartForm.part(for: field, in: schema),
                      !field.type.containsUnknown,
                      !field.type.allExpressions.contains(where: { if case .reference(let r) = $0 { r.target == nil } else { false } })
                else { return nil }
                return .error(
                    "field '\(field.wireName)' of multipart body '\(model.name)' is \(what), which multipart/form-data cannot carry",
                    at: field.typeLocation)
            }
        }
    }

    /// Fields typed with an SDK runtime object are not on the wire: they are left out, as documented
    /// (a note).
    /// So are union members (an event stream is not a JSON value): the union has no case for them.
    public static let sdkObjects: Validator.Rule = { schema in
        schema.models.flatMap { model -> [Diagnostic] in
            switch model.kind {
            case .object(let object):
                return object.fields.compactMap { field -> Diagnostic? in
                    guard case .sdkObject(let name) = field.type.unwrappingWrappers else { return nil }
                    return .note(
                        "field '\(field.wireName)' has the SDK runtime type '\(name)', which is not sent on the wire; '\(model.name)' is generated without it",
                        at: field.typeLocation, kind: .sdkObject)
                }
            case .union(let union):
                let wireCount = union.wireMembers.count
                return union.members.compactMap { member -> Diagnostic? in
                    guard case .sdkObject(let name) = member.type.unwrappingWrappers else { return nil }
                    let outcome = wireCount == 0
                        ? "'\(model.name)' has no other member, so no Swift type is generated for it"
                        : "'\(model.name)' is generated without it"
                    return .note(
                        "union member '\(member.typeText)' has the SDK runtime type '\(name)', which is not a JSON value; \(outcome)",
                        at: member.location, kind: .sdkObject)
                }
            case .enumeration, .skipped:
                return []
            }
        }
    }

    public static let skippedPages: Validator.Rule = { schema in
        schema.models.compactMap { model in
            guard case .skipped(let reason) = model.kind else { return nil }
            return .note("page is not generated: \(reason)", at: model.location, kind: .sdkUtility)
        }
    }

    public static let enumerations: Validator.Rule = { schema in
        schema.models.flatMap { model -> [Diagnostic] in
            guard case .enumeration(let enumeration) = model.kind else { return [] }
            guard !enumeration.cases.isEmpty else {
                return [.error("enum '\(model.name)' lists no values", at: enumeration.location)]
            }
            var values: [String: EnumCase] = [:]
            return enumeration.cases.compactMap { enumCase in
                if let earlier = values[enumCase.value] {
                    return .error(
                        "duplicate enum value '\(enumCase.value)' (first listed at line \(earlier.location.line))",
                        at: enumCase.location)
                }
                values[enumCase.value] = enumCase
                return nil
            }
        }
    }

    public static let unions: Validator.Rule = { schema in
        schema.models.flatMap { model -> [Diagnostic] in
            guard case .union(let union) = model.kind else { return [] }
            guard !union.members.isEmpty else {
                return [.error("union '\(model.name)' lists no member types under '### `type`' headings", at: model.location)]
            }
            return []
        }
    }

    /// Most fields, enum values or union members one model may have: more is an accident, and a
    /// struct that large is slow to compile everywhere it is used.
    public static let maximumMembers = 1_000

    public static let modelSize: Validator.Rule = { schema in
        schema.models.compactMap { model in
            let count: Int
            switch model.kind {
            case .object(let object): count = object.fields.count + (object.omittedFields ?? 0)
            case .enumeration(let enumeration): count = enumeration.cases.count + (enumeration.omittedCases ?? 0)
            case .union(let union): count = union.members.count
            case .skipped: count = 0
            }
            guard count > maximumMembers else { return nil }
            return .error("'\(model.name)' has \(count) members; at most \(maximumMembers) are supported", at: model.location)
        }
    }

    /// Every typed node (fields and union members) with how to name it in a message.
    /// Every type in the schema with what it types, lazily: a schema of 20 000 pages has over
    /// 100 000 of them, and most rules look at each once.
    private static func typedNodes(of schema: Schema) -> some Sequence<TypedNode> {
        schema.models.lazy.flatMap { model -> [TypedNode] in
            switch model.kind {
            case .object(let object):
                return object.fields.map { TypedNode(type: $0.type, owner: .field($0.wireName), location: $0.typeLocation) }
            case .union(let union):
                return union.members.map { TypedNode(type: $0.type, owner: .unionMember($0.typeText), location: $0.location) }
            case .enumeration, .skipped:
                return []
            }
        }
    }

    private struct TypedNode {
        enum Owner {
            case field(String)
            case unionMember(String)
        }

        var type: TypeExpression
        var owner: Owner
        var location: SourceLocation

        /// `field 'name'` or `union member 'Type'`, built only for a diagnostic.
        var what: String {
            switch owner {
            case .field(let name): "field '\(name)'"
            case .unionMember(let text): "union member '\(text)'"
            }
        }
    }

    private static func fields(of schema: Schema) -> some Sequence<Field> {
        schema.models.lazy.flatMap(\.fields)
    }
}
