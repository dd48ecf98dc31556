/// The Swift names of a schema's declarations: the step between the schema (what the docs say) and
/// the Swift emitters. Every name follows from the schema alone (`SwiftNaming`'s rules), except type
/// names, which also depend on the other pages: when pages in different folders define the same
/// name (`errors/error.md`, `components/error.md`), both take their folder as a prefix
/// (`ErrorsError`, `ComponentsError`).
///
/// Binding is total: names that would collide in Swift are reported as diagnostics (`diagnostics`),
/// and nothing is emitted while there is an error.
public struct SwiftBinding: Sendable {
    public let schema: Schema
    /// The Swift type name of each model, parallel to `schema.models`.
    public let typeNames: [String]

    public init(_ schema: Schema) {
        self.schema = schema
        var names = schema.models.map { SwiftNaming.typeName($0.name) }
        let groups = Dictionary(grouping: names.indices, by: { names[$0] })
        for (_, indices) in groups where indices.count > 1 {
            let folders = Set(indices.map { schema.models[$0].namespace ?? "" })
            guard folders.count == indices.count else { continue }  // same folder: reported below
            for index in indices {
                names[index] = SwiftNaming.typeName((schema.models[index].namespace ?? "") + " " + schema.models[index].name)
            }
        }
        typeNames = names
    }

    /// The Swift type of the model generated from the page at `path`, if that page is in the schema.
    public func typeName(atPath path: String) -> String? {
        schema.index(ofPath: path).map { typeNames[$0] }
    }

    /// The property a field becomes, without keyword escaping (`model_id` → `modelId`).
    public static func propertyName(_ field: Field) -> String {
        SwiftNaming.propertyName(field.wireName)
    }

    /// The case an enum value becomes, without keyword escaping.
    public static func caseName(_ enumCase: EnumCase) -> String {
        SwiftNaming.propertyName(enumCase.name)
    }

    /// The case a union member becomes: what the member is (`string`, `secretReference`).
    public static func caseName(_ member: UnionMember) -> String {
        SwiftNaming.unionCaseName(for: member.type)
    }

    /// What the user must fix before Swift can be emitted: two declarations, fields or cases with one
    /// Swift name. Sorted by location.
    public var diagnostics: [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var firstModel: [String: Int] = [:]
        for (index, model) in schema.models.enumerated() {
            let name = typeNames[index]
            if let earlier = firstModel[name] {
                diagnostics.append(.error(
                    "model '\(model.name)' maps to the Swift type '\(name)', already generated from '\(schema.models[earlier].sourcePath)'",
                    at: model.location))
            } else {
                firstModel[name] = index
            }
            switch model.kind {
            case .object(let object):
                var first: [String: Field] = [:]
                for field in object.fields {
                    let property = Self.propertyName(field)
                    if let earlier = first[property] {
                        if earlier.wireName != field.wireName {
                            diagnostics.append(.error(
                                "fields '\(earlier.wireName)' and '\(field.wireName)' both map to the Swift name '\(property)'",
                                at: field.location))
                        }
                    } else {
                        first[property] = field
                    }
                }
            case .enumeration(let enumeration):
                // Duplicate values are the validator's; a second case with a value already listed
                // is not reported twice.
                var names: [String: EnumCase] = [:]
                var values = Set<String>()
                for enumCase in enumeration.cases where values.insert(enumCase.value).inserted {
                    let caseName = Self.caseName(enumCase)
                    if let earlier = names[caseName] {
                        diagnostics.append(.error(
                            "enum values '\(earlier.name)' and '\(enumCase.name)' both map to the Swift case '\(caseName)'",
                            at: enumCase.location))
                    } else {
                        names[caseName] = enumCase
                    }
                }
            case .union(let union):
                var names: [String: UnionMember] = [:]
                for member in union.members {
                    let caseName = Self.caseName(member)
                    if let earlier = names[caseName] {
                        diagnostics.append(.error(
                            "union members '\(earlier.typeText)' and '\(member.typeText)' both map to the Swift case '\(caseName)'",
                            at: member.location))
                    } else {
                        names[caseName] = member
                    }
                }
            case .skipped:
                break
            }
        }
        return diagnostics.sorted()
    }
}
