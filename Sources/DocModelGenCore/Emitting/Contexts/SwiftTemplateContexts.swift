// The contexts of the Swift templates. Every string is already valid Swift (or safe comment text)
// where the bundled templates put it; the doc comments say which. The README's "Templates" section
// lists the same keys for users who override a template.

/// The keys every Swift page template (`model`, `enum`, `union` and `skipped`) sees.
public struct SwiftTemplateCommonContext: TemplateObject {
    /// The namespace a page's type is nested in (`--namespace`).
    public struct Namespace: TemplateObject {
        /// The enum's name, a Swift identifier as given to `--namespace`.
        public var name: String

        public var templateValues: TemplateValue.Members { ["name": .string(name)] }
    }

    /// A deprecated page: what its `@available(*, deprecated, message:)` attributes say. The bundled
    /// templates put them on what a user writes (the memberwise `init`, the enum's and the union's
    /// cases, and the decoding `init`s that construct cases), never on the type itself, so generated
    /// references to the type and decoding compile without warnings.
    public struct Deprecation: TemplateObject {
        /// The page's deprecation text as a Swift string literal (with its quotes).
        public var message: String

        public var templateValues: TemplateValue.Members { ["message": .string(message)] }
    }

    /// The page's path relative to the input root, on one line (line breaks and control
    /// characters become spaces): safe in a `//` comment.
    public var sourcePath: String
    /// Modules to import: `["DocModelRuntime"]` when the code the bundled template renders from this
    /// context names one of its types, else empty.
    public var imports: [String]
    /// `public`, `internal` or `package`.
    public var access: String
    /// The Swift type's name: an identifier that needs no backticks.
    public var typeName: String
    /// How code at file scope names the type: `Namespace.TypeName`, or `typeName` without a namespace.
    public var qualifiedTypeName: String
    /// The page's summary as doc comment lines, each the text after `///`: empty, or a space and
    /// the line (no control characters).
    public var docLines: [String]
    /// The namespace the type is nested in; absent from the template's keys without one.
    public var namespace: Namespace?
    /// Set when the page is deprecated; absent from the template's keys otherwise.
    public var deprecated: Deprecation?
    /// The prefix of every non-blank line of the primary declaration: four spaces inside a
    /// namespace (the `extension <Namespace> {` that `{{#namespace}}` opens), else empty.
    public var indent: String { namespace == nil ? "" : "    " }

    public var templateValues: TemplateValue.Members { templateValues(reservingCapacity: 8) }

    /// The common keys, with room for `capacity` keys in all (a page context adds its own).
    func templateValues(reservingCapacity capacity: Int) -> TemplateValue.Members {
        var values = TemplateValue.Members()
        values.reserveCapacity(capacity)
        values["sourcePath"] = .string(sourcePath)
        values["imports"] = .strings(imports)
        values["access"] = .string(access)
        values["typeName"] = .string(typeName)
        values["qualifiedTypeName"] = .string(qualifiedTypeName)
        values["docLines"] = .strings(docLines)
        values["indent"] = .string(indent)
        if let namespace { values["namespace"] = .object(namespace.templateValues) }
        if let deprecated { values["deprecated"] = .object(deprecated.templateValues) }
        return values
    }
}

/// The context of `model.swift.mustache`: a struct, its memberwise `init`, its `Codable` and, for a
/// multipart body, its `MultipartFormEncodable` conformance.
public struct ModelTemplateContext: TemplateContext {
    /// A stored property (or, when boxed, a computed one over private storage).
    public struct Property: TemplateObject {
        /// The property's name as written in source: an identifier, in backticks when a keyword.
        public var name: String
        /// The property's Swift type as declared, every library name qualified (`Swift.String?`,
        /// `DocModelRuntime.OptionalNullable<Swift.Int>`, `DocModelRuntime.Literal<KindConstant>`).
        public var type: String
        /// `"@DocModelRuntime.Nullable "` (with its space) for a required nullable field, else empty.
        public var attribute: String
        /// Whether the value is stored out of line, in `storageName`, behind a computed property:
        /// it closes a by-value cycle or is too big to hold inline.
        public var isBoxed: Bool
        /// The private `Indirect` storage of a boxed property: `_<name>Box`.
        public var storageName: String
        /// `" = DocModelRuntime.Literal()"` for a constant, else empty: follows the type in the declaration.
        public var declarationDefault: String
        /// The field's description (and example) as doc comment lines, each the text after `///`.
        public var docLines: [String]
        /// The field's wire name as a Swift string literal (`"created_at"`): its key in `coding`.
        public var wireName: String
        /// For a deprecated field (struck through in the docs): the message of its
        /// `@available(*, deprecated, message:)`, a Swift string literal; empty otherwise. A deprecated
        /// property is stored privately in `storageName` (`_<name>Storage`) behind a deprecated
        /// accessor, so generated code never uses it and only a user's own use warns.
        public var deprecationMessage: String = ""
        /// Whether the property is deprecated (and not boxed): see `deprecationMessage`.
        public var isDeprecated: Bool { !deprecationMessage.isEmpty && !isBoxed }
        /// Whether the property is stored in place under its own name: neither boxed nor deprecated.
        public var isStored: Bool { !isBoxed && !isDeprecated }

        public var templateValues: TemplateValue.Members {
            [
                "name": .string(name), "type": .string(type), "attribute": .string(attribute), "isBoxed": .bool(isBoxed),
                "isStored": .bool(isStored), "storageName": .string(storageName),
                "declarationDefault": .string(declarationDefault), "docLines": .strings(docLines),
                "wireName": .string(wireName), "isDeprecated": .bool(isDeprecated),
                "deprecationMessage": .string(deprecationMessage),
            ]
        }
    }

    /// The model's `Codable`, written out: each field coded by its wire name through the runtime's
    /// one key type (`DocModelRuntime.WireKey`), as synthesized code would code it (`decodeIfPresent`
    /// and `encodeIfPresent` for an optional type, so the runtime's overloads for its wrappers apply
    /// alike), then, with a `__pydantic_extra__` row, every other key. Written out rather than
    /// synthesized because a nested `CodingKeys` enum per model was a third of the compiled code.
    public struct Coding: TemplateObject {
        /// The body of `init(from:)`; Swift.
        public var decodeLines: [String]
        /// The body of `encode(to:)`; Swift.
        public var encodeLines: [String]

        public var templateValues: TemplateValue.Members {
            ["decodeLines": .strings(decodeLines), "encodeLines": .strings(encodeLines)]
        }
    }

    /// A parameter of the memberwise `init` (every property but constants).
    public struct Parameter: TemplateObject {
        /// As `Property.name`.
        public var name: String
        /// As `Property.type`.
        public var type: String
        /// `" = nil"` for an optional, `" = .absent"` for an optional nullable, else empty.
        public var parameterDefault: String
        /// As `Property.isBoxed`: the `init` assigns `Indirect(wrappedValue:)` to `storageName`.
        public var isBoxed: Bool
        /// As `Property.storageName`.
        public var storageName: String
        /// Whether this is the last parameter (no comma after it).
        public var isLast: Bool
        /// As `Property.isDeprecated`: the `init` assigns the value to `storageName`.
        public var isDeprecated: Bool = false
        /// Whether the `init` assigns `name` itself: neither boxed nor deprecated.
        public var assignsProperty: Bool { !isBoxed && !isDeprecated }

        public var templateValues: TemplateValue.Members {
            [
                "name": .string(name), "type": .string(type), "parameterDefault": .string(parameterDefault),
                "isBoxed": .bool(isBoxed), "storageName": .string(storageName), "isLast": .bool(isLast),
                "isDeprecated": .bool(isDeprecated), "assignsProperty": .bool(assignsProperty),
            ]
        }
    }

    /// The nested type holding a constant (`Literal["x"]`) field's value.
    public struct Constant: TemplateObject {
        /// The nested enum's name: the property's name, capitalised, and `Constant`.
        public var constantType: String
        /// The field's wire name on one line, backticks replaced by `'`: safe in a code span of a
        /// doc comment.
        public var fieldName: String
        /// The value's Swift type: `String`, `Int` or `Bool`.
        public var valueType: String
        /// The value as a Swift literal (a string literal with its quotes, a number, `true`, `false`).
        public var value: String

        public var templateValues: TemplateValue.Members {
            [
                "constantType": .string(constantType), "fieldName": .string(fieldName), "valueType": .string(valueType),
                "value": .string(value),
            ]
        }
    }

    /// A default the OpenAPI document or the Python SDK gives a field (`--openapi`, `--python-sdk`).
    public struct Default: TemplateObject {
        /// As `Property.name`: the static constant's name in the `Defaults` enum.
        public var name: String
        /// The value's Swift type, without optionality (`Int`, `String`, an enum's type).
        public var type: String
        /// The value as Swift source (`576`, `"fast"`, `true`, `Mode.fast`).
        public var value: String

        public var templateValues: TemplateValue.Members {
            ["name": .string(name), "type": .string(type), "value": .string(value)]
        }
    }

    /// The keys every Swift page template sees.
    public var common: SwiftTemplateCommonContext
    /// The properties in field order.
    public var properties: [Property]
    /// The `init` parameters in field order.
    public var parameters: [Parameter]
    /// The constant fields' nested types, in field order.
    public var constants: [Constant]
    /// The fields' defaults, in field order: the model's `Defaults` enum.
    public var defaults: [Default]
    /// Whether the model is sent as `multipart/form-data` (gets a `MultipartFormEncodable` conformance).
    public var isMultipartBody: Bool
    /// The statements of `multipartParts()` after `var parts`, each a line of Swift indented
    /// relative to the function body. Empty unless `isMultipartBody`.
    public var multipartLines: [String]
    /// The written-out `Codable`; absent (synthesized) for a model without fields.
    public var coding: Coding?
    /// Whether there is any property.
    public var hasProperties: Bool { !properties.isEmpty }
    /// Whether the `init` takes any parameter.
    public var hasParameters: Bool { !parameters.isEmpty }
    /// Whether any field has a default.
    public var hasDefaults: Bool { !defaults.isEmpty }
    /// `var` when `multipartLines` append to `parts`, else `let` (a `var` never mutated warns).
    public var partsBinding: String { multipartLines.isEmpty ? "let" : "var" }

    public var templateName: String { TemplateSet.Name.swiftModel }

    public var templateValues: TemplateValue.Members {
        var values = common.templateValues(reservingCapacity: 20)
        values["properties"] = .objects(properties)
        values["hasProperties"] = .bool(hasProperties)
        if let coding { values["coding"] = .object(coding.templateValues) }
        values["parameters"] = .objects(parameters)
        values["hasParameters"] = .bool(hasParameters)
        values["constants"] = .objects(constants)
        values["defaults"] = .objects(defaults)
        values["hasDefaults"] = .bool(hasDefaults)
        values["isMultipartBody"] = .bool(isMultipartBody)
        values["multipartLines"] = .strings(multipartLines)
        values["partsBinding"] = .string(partsBinding)
        return values
    }
}

/// The context of `enum.swift.mustache`: a closed enum (`RawRepresentable` by its raw type) or an
/// open one, which keeps values it does not list in an extra case.
public struct EnumTemplateContext: TemplateContext {
    /// One value of the enum.
    public struct Case: TemplateObject {
        /// The case's name as written in source: an identifier, in backticks when a keyword.
        public var name: String
        /// The wire value as a Swift literal: a string literal with its quotes, or an integer.
        public var rawValue: String

        public var templateValues: TemplateValue.Members { ["name": .string(name), "rawValue": .string(rawValue)] }
    }

    /// The keys every Swift page template sees.
    public var common: SwiftTemplateCommonContext
    /// Whether the docs call the enum open: unknown values decode as `unrecognized`.
    public var isOpen: Bool
    /// `String` or `Int`.
    public var rawType: String
    /// The cases in page order.
    public var cases: [Case]
    /// The name of an open enum's catch-all case: `unrecognized`, with `_` appended until it
    /// differs from every case.
    public var unrecognized: String

    public var templateName: String { TemplateSet.Name.swiftEnum }

    public var templateValues: TemplateValue.Members {
        var values = common.templateValues(reservingCapacity: 12)
        values["isOpen"] = .bool(isOpen)
        values["rawType"] = .string(rawType)
        values["cases"] = .objects(cases)
        values["unrecognized"] = .string(unrecognized)
        return values
    }
}

/// The context of `union.swift.mustache`: an enum with a case per member, decoded by trying the
/// members in page order.
public struct UnionTemplateContext: TemplateContext {
    /// One member type of the union.
    public struct Member: TemplateObject {
        /// The case's name as written in source (what the member is: `string`, `secretReference`).
        public var name: String
        /// The member's Swift type.
        public var type: String

        public var templateValues: TemplateValue.Members { ["name": .string(name), "type": .string(type)] }
    }

    /// The keys every Swift page template sees.
    public var common: SwiftTemplateCommonContext
    /// `"indirect "` (with its space) when the union holds itself by value, directly or through
    /// other models, or is too big to hold inline; else empty.
    public var indirect: String
    /// The members in page order.
    public var members: [Member]
    /// The decoding error's message, listing the members as the docs write them: a Swift string literal.
    public var memberList: String

    public var templateName: String { TemplateSet.Name.swiftUnion }

    public var templateValues: TemplateValue.Members {
        var values = common.templateValues(reservingCapacity: 11)
        values["indirect"] = .string(indirect)
        values["members"] = .objects(members)
        values["memberList"] = .string(memberList)
        return values
    }
}

/// The context of `skipped.swift.mustache`: a page that generates no declaration (an SDK helper),
/// still given a file so that every page has exactly one.
public struct SkippedTemplateContext: TemplateContext {
    /// The keys every Swift page template sees.
    public var common: SwiftTemplateCommonContext
    /// Why the page is skipped, on one line: safe in a `//` comment.
    public var reason: String

    public var templateName: String { TemplateSet.Name.swiftSkipped }

    public var templateValues: TemplateValue.Members {
        var values = common.templateValues(reservingCapacity: 9)
        values["reason"] = .string(reason)
        return values
    }
}

/// The context of one page's Swift file: the template follows from the page's kind.
public enum SwiftPageTemplateContext: TemplateContext {
    case model(ModelTemplateContext)
    case enumeration(EnumTemplateContext)
    case union(UnionTemplateContext)
    case skipped(SkippedTemplateContext)

    public var templateName: String {
        switch self {
        case .model(let context): context.templateName
        case .enumeration(let context): context.templateName
        case .union(let context): context.templateName
        case .skipped(let context): context.templateName
        }
    }

    public var templateValues: TemplateValue.Members {
        switch self {
        case .model(let context): context.templateValues
        case .enumeration(let context): context.templateValues
        case .union(let context): context.templateValues
        case .skipped(let context): context.templateValues
        }
    }
}

/// The context of `namespace.swift.mustache`: the file that declares the namespace enum
/// (`--namespace`), whose extensions hold the pages' types.
public struct NamespaceTemplateContext: TemplateContext {
    /// `public`, `internal` or `package`.
    public var access: String
    /// The namespace.
    public var namespace: SwiftTemplateCommonContext.Namespace

    public var templateName: String { TemplateSet.Name.namespace }

    public var templateValues: TemplateValue.Members {
        ["access": .string(access), "namespace": .object(namespace.templateValues)]
    }
}
