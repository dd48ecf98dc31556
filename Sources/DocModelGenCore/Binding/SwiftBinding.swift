/// The Swift names of a schema's declarations: the step between the schema (what the docs say) and
/// the Swift emitters. Every name follows from the schema alone (`SwiftNaming`'s rules), except type
/// names, which also depend on the other pages: when pages in different folders define the same
/// name (`errors/error.md`, `components/error.md`), both take their folder as a prefix
/// (`ErrorsError`, `ComponentsError`).
///
/// Binding is total and never fails: names that would collide in Swift are made distinct
/// (`distinct`), deterministically in page and field order.
public struct SwiftBinding: Sendable {
    public let schema: Schema
    /// The Swift type name of each model, parallel to `schema.models`.
    public let typeNames: [String]
    /// `typeNames`, for lookup.
    private let declaredTypeNames: Set<String>

    /// Per model, parallel to `schema.models`: each field's property name by wire name (objects).
    public let propertyNames: [[String: String]]
    /// Per model: the case name of each enum value or union member, in page order.
    public let caseNames: [[String]]

    public init(_ schema: Schema) {
        self.schema = schema
        var names = schema.models.map { SwiftNaming.typeName($0.name) }
        let groups = Dictionary(grouping: names.indices, by: { names[$0] })
        for (_, indices) in groups where indices.count > 1 {
            let folders = Set(indices.map { schema.models[$0].namespace ?? "" })
            guard folders.count == indices.count else { continue }  // same folder: numbered below
            for index in indices {
                names[index] = SwiftNaming.typeName((schema.models[index].namespace ?? "") + " " + schema.models[index].name)
            }
        }
        typeNames = Self.distinct(names)
        declaredTypeNames = Set(typeNames)
        propertyNames = schema.models.map { model in
            let fields = model.fields
            return Dictionary(
                zip(fields.map(\.wireName), Self.distinct(fields.map(Self.propertyName))), uniquingKeysWith: { first, _ in first })
        }
        caseNames = schema.models.map { model in
            switch model.kind {
            case .enumeration(let enumeration): Self.distinct(enumeration.cases.map(Self.caseName))
            case .union(let union): Self.distinct(union.wireMembers.map(Self.caseName))
            case .object, .skipped: []
            }
        }
    }

    /// The same names over `schema`, which differs from this binding's only in what names do not
    /// depend on (`Schema.markingMultipart`): no second binding pass.
    public func rebinding(_ schema: Schema) -> SwiftBinding {
        precondition(schema.models.count == self.schema.models.count, "rebinding needs the same models")
        return SwiftBinding(schema: schema, typeNames: typeNames, propertyNames: propertyNames, caseNames: caseNames)
    }

    private init(schema: Schema, typeNames: [String], propertyNames: [[String: String]], caseNames: [[String]]) {
        self.schema = schema
        self.typeNames = typeNames
        declaredTypeNames = Set(typeNames)
        self.propertyNames = propertyNames
        self.caseNames = caseNames
    }

    /// The Swift type of the model generated from the page at `path`, if that page is in the schema.
    public func typeName(atPath path: String) -> String? {
        schema.index(ofPath: path).map { typeNames[$0] }
    }

    /// The name of the type nested in a struct that holds the constant of its literal property
    /// `propertyName` (`kind` → `KindConstant`). Nested, it would shadow a page's type of the same
    /// name inside the struct, so it never is one.
    public func constantTypeName(propertyName: String) -> String {
        var name = SwiftNaming.typeName(propertyName) + "Constant"
        while declaredTypeNames.contains(name) { name += "_" }
        return name
    }

    /// The property `field` of `model` becomes, without keyword escaping.
    public func propertyName(of field: Field, in model: Model) -> String {
        schema.index(ofPath: model.sourcePath).flatMap { propertyNames[$0][field.wireName] } ?? Self.propertyName(field)
    }

    /// The case names of the enum or union at `index`.
    public func caseNames(ofModelAt index: Int) -> [String] {
        caseNames[index]
    }

    /// Names made distinct in order: the first keeps its name, a later one that would repeat an
    /// earlier one gets the next free number (`created`, `created2`), so two wire values or members
    /// that look alike in Swift never stop a run.
    static func distinct(_ names: [String]) -> [String] {
        var used = Set<String>()
        return names.map { name in
            var candidate = name
            var number = 2
            while !used.insert(candidate).inserted {
                candidate = name + String(number)
                number += 1
            }
            return candidate
        }
    }

    /// The base name of a field's property (`model_id` → `modelId`), before `distinct`.
    public static func propertyName(_ field: Field) -> String {
        // The SDK's name for the catch-all (its `additional_properties` accessor).
        if field.isAdditionalProperties { return SwiftNaming.propertyName("additional_properties") }
        return SwiftNaming.propertyName(field.documentedName ?? field.wireName)
    }

    /// The base name of an enum value's case, before `distinct`.
    public static func caseName(_ enumCase: EnumCase) -> String {
        SwiftNaming.propertyName(enumCase.name)
    }

    /// The base name of a union member's case: what the member is (`string`, `secretReference`).
    public static func caseName(_ member: UnionMember) -> String {
        SwiftNaming.unionCaseName(for: member.type)
    }
}
