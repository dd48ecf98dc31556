/// How a field is stored in Swift, from its Required cell and its outer wrappers.
enum FieldStorage: Equatable {
    /// Required: `T`.
    case plain
    /// May be absent: `T?`, left out of the JSON when nil.
    case optional
    /// Required but may be null: `@Nullable var x: T?`, always written.
    case nullable
    /// Absent, null or a value: `OptionalNullable<T>`.
    case optionalNullable
    /// A constant: `Literal<XConstant>` (optional ones may be missing when decoding).
    case literal(LiteralConstant, optional: Bool)

    init(_ field: Field) {
        switch field.type {
        case .optionalNullable, .optional(.optionalNullable), .optional(.nullable):
            self = .optionalNullable
        case .nullable:
            self = field.isOptional ? .optionalNullable : .nullable
        case .literal(let constant):
            self = .literal(constant, optional: field.isOptional)
        case .optional(.literal(let constant)):
            self = .literal(constant, optional: true)
        default:
            self = field.isOptional ? .optional : .plain
        }
    }

}
