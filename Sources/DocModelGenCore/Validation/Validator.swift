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
        ValidationRules.swiftNameCollisions,
        ValidationRules.modelNameCollisions,
        ValidationRules.multipartFields,
    ]

    public static func validate(_ schema: Schema) -> [Diagnostic] {
        rules.flatMap { $0(schema) }.sorted()
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
        schema.models.filter { $0.fieldsTable == nil }.map {
            .warning("page has no '## Fields' table; '\($0.swiftName)' is generated without fields", at: $0.location)
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

    public static let typeExpressions: Validator.Rule = { schema in
        fields(of: schema).compactMap { field in
            guard case .unknown(let text) = field.type else { return nil }
            return .error("unknown type expression '\(text)' for field '\(field.wireName)'", at: field.typeLocation)
        }
    }

    public static let links: Validator.Rule = { schema in
        fields(of: schema).flatMap { field in
            field.type.allExpressions.compactMap { expression -> Diagnostic? in
                guard case .reference(let reference) = expression, reference.target == nil else { return nil }
                return .error(
                    "link '\(reference.destination)' for field '\(field.wireName)' points to a page that is not in the input set",
                    at: field.typeLocation)
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

    public static let swiftNameCollisions: Validator.Rule = { schema in
        schema.models.flatMap { model in
            var first: [String: Field] = [:]
            return model.fields.compactMap { field -> Diagnostic? in
                if let earlier = first[field.swiftName] {
                    guard earlier.wireName != field.wireName else { return nil }
                    return .error(
                        "fields '\(earlier.wireName)' and '\(field.wireName)' both map to the Swift name '\(field.swiftName)'",
                        at: field.location)
                }
                first[field.swiftName] = field
                return nil
            }
        }
    }

    public static let modelNameCollisions: Validator.Rule = { schema in
        var first: [String: Model] = [:]
        return schema.models.compactMap { model in
            if let earlier = first[model.swiftName] {
                return .error(
                    "model '\(model.name)' maps to the Swift type '\(model.swiftName)', already generated from '\(earlier.sourcePath)'",
                    at: model.location)
            }
            first[model.swiftName] = model
            return nil
        }
    }

    /// Multipart bodies can only carry what the Python SDK's form encoder can send.
    public static let multipartFields: Validator.Rule = { schema in
        schema.models.filter(\.isMultipartBody).flatMap { model in
            model.fields.compactMap { field -> Diagnostic? in
                guard case .unsupported(let what) = MultipartPartsRenderer.kind(of: field, in: schema),
                      !field.type.containsUnknown
                else { return nil }
                return .error(
                    "field '\(field.wireName)' of multipart body '\(model.swiftName)' is \(what), which multipart/form-data cannot carry",
                    at: field.typeLocation)
            }
        }
    }

    private static func fields(of schema: Schema) -> [Field] {
        schema.models.flatMap(\.fields)
    }
}
