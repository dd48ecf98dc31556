/// Bodies whose fields are the SDK method's arguments: friendli's
/// `chat.complete(model=…, messages=…, x_friendli_team=…)` builds
/// `ServerlessChatCompleteRequest(x_friendli_team=…, serverless_chat_completion_body=ServerlessChatCompletionBody(model=…, messages=…))`
/// and sends the inner model as the body.
///
/// The docs say which model that is in two ways, tried in order:
/// 1. the SDK's request model page of the operation (`<operationID>Request`) has one field whose
///    object page has every argument that is not itself a field of the request model;
/// 2. else one object page (not a request model, not an SDK response) whose fields are exactly the
///    arguments left after the path and the overlay's parameters; of several such pages, the one
///    whose name shares the most words with the operation ID, then has the fewest others, when
///    only one does (`containerChatStream` → `ContainerChatCompletionStreamBody`, not
///    `ContainerChatCompletionBody` nor `DedicatedChatCompletionStreamBody`).
extension ClientBinding.Builder {
    /// The body model an operation's arguments are the fields of, and its type as the docs link it.
    struct FlattenedBodyModel {
        var model: Model
        var type: TypeExpression
        /// Its wire fields by comparable documented name.
        var fields: [String: Field]

        func field(named name: String) -> Field? { fields[ClientBinding.Builder.comparable(name)] }
    }

    /// The model whose fields `operation`'s arguments are, when they are a flattened body.
    func flattenedBodyModel(_ operation: Operation, known: WireOperation?, templateNames: Set<String>) -> FlattenedBodyModel? {
        // Arguments another rule already places: SDK options, credentials, a request or body
        // argument, path variables and the overlay's parameters.
        let stated = Set((known?.parameters ?? []).map { Self.comparable($0.name) })
        var candidates: [String] = []
        for parameter in operation.parameters {
            let name = parameter.name
            if ClientBinding.sdkOptions.contains(name) || name == "security" { continue }
            if case .reference(let reference) = parameter.type.unwrappingWrappers, reference.text.hasPrefix("utils.") { continue }
            if name == "request" || name == "request_body" { return nil }
            let comparable = Self.comparable(name)
            if templateNames.contains(comparable) || stated.contains(comparable) { continue }
            candidates.append(comparable)
        }
        guard !candidates.isEmpty else { return nil }
        let names = Set(candidates)

        // 1. The SDK's request model of the operation names its body field. Speakeasy names it
        // `<OperationID>Request`, and `<OperationID>RequestRequest` when a schema of the API
        // already has that name (friendli's body `CreateDatasetRequest`): both are tried.
        if let operationID = known?.operationID ?? operation.usage?.operationID {
            for requestName in [operationID + "Request", operationID + "RequestRequest"] {
                guard let request = argumentShapes.shape(named: requestName) else { continue }
                let rest = names.subtracting(request.documentedNames)
                for field in request.model.wireFields {
                    guard let model = objectModel(field.type), !model.isFileShape, let body = argumentShapes.shape(of: model) else { continue }
                    if !rest.isEmpty, rest.isSubset(of: body.fieldNames) {
                        return FlattenedBodyModel(model: model, type: field.type.unwrappingWrappers, fields: body.fields)
                    }
                }
            }
        }
        // 2. One object page whose fields are exactly the arguments (its additional properties
        // one of them or not).
        let matches = argumentShapes.shapes.filter { shape in
            guard !shape.model.isSDKResponse, !shape.model.name.hasSuffix("Request") else { return false }
            let declared = shape.fieldNames.subtracting([Self.additionalPropertiesArgument])
            return declared.count > 1 && (shape.fieldNames == names || declared == names)
        }
        // Several pages of one shape (container, dedicated and serverless bodies, a body and a
        // stream body): the one that shares the most words with the operation ID, then has the
        // fewest other words, when only one does.
        let operationWords = Self.words(known?.operationID ?? operation.usage?.operationID ?? "")
        let scored = matches.map { shape -> (ArgumentShapes.Shape, Int, Int) in
            let words = Self.words(shape.model.name)
            let shared = words.filter { word in operationWords.contains { Self.sameWord($0, word) } }.count
            return (shape, shared, words.count - shared)
        }
        let best = scored.max { ($0.1, -$0.2) < ($1.1, -$1.2) }
        let chosen = scored.filter { $0.1 == best?.1 && $0.2 == best?.2 }
        guard chosen.count == 1, let shape = chosen.first?.0 else { return nil }
        return FlattenedBodyModel(
            model: shape.model, type: .reference(ModelReference(text: shape.model.name, destination: "", target: shape.model.sourcePath)),
            fields: shape.fields)
    }

    static func words(_ name: String) -> [String] { NameWords.split(name) }

    /// One word, or two forms of one (`complete`, `completion`: a shared start of five letters).
    static func sameWord(_ a: String, _ b: String) -> Bool {
        a == b || zip(a, b).prefix { $0 == $1 }.count >= 5
    }

    /// The SDK's argument for a flattened body's additional properties (pydantic's
    /// `__pydantic_extra__`), as a comparable name: the method takes
    /// `additional_properties: Optional[Mapping[str, Any]] = None` and spreads it into the body.
    static let additionalPropertiesArgument = comparable("additional_properties")


    /// Whether the model's memberwise `init` requires the field (no default: not optional, not a
    /// constant).
    static func initRequires(_ field: Field) -> Bool {
        if field.isOptional { return false }
        switch field.type {
        case .literal, .optional, .optionalNullable: return false
        default: return true
        }
    }
}

/// Every object model's fields under the names an SDK method's arguments take (comparable:
/// lower case, no `_` or `-`), in schema order, with lookups by page and by name.
struct ArgumentShapes {
    struct Shape {
        let model: Model
        /// Wire fields by comparable documented name; the additional properties under
        /// `additional_properties` (the SDK's argument for them).
        let fields: [String: Field]
        /// `fields`' keys.
        let fieldNames: Set<String>
        /// The wire fields' comparable documented names, the additional properties' own included.
        let documentedNames: Set<String>
    }

    let shapes: [Shape]
    private let indexByPath: [String: Int]
    /// By comparable model name, the first in schema order.
    private let indexByName: [String: Int]

    init(_ models: [Model]) {
        var shapes: [Shape] = []
        var indexByPath: [String: Int] = [:]
        var indexByName: [String: Int] = [:]
        for model in models {
            guard case .object = model.kind else { continue }
            var fields: [String: Field] = [:]
            var documentedNames: Set<String> = []
            for field in model.wireFields {
                let documented = ClientBinding.Builder.comparable(field.documentedName ?? field.wireName)
                documentedNames.insert(documented)
                fields[field.isAdditionalProperties ? ClientBinding.Builder.additionalPropertiesArgument : documented] = field
            }
            indexByPath[model.sourcePath] = indexByPath[model.sourcePath] ?? shapes.count
            indexByName[ClientBinding.Builder.comparable(model.name)] = indexByName[ClientBinding.Builder.comparable(model.name)] ?? shapes.count
            shapes.append(Shape(model: model, fields: fields, fieldNames: Set(fields.keys), documentedNames: documentedNames))
        }
        self.shapes = shapes
        self.indexByPath = indexByPath
        self.indexByName = indexByName
    }

    func shape(of model: Model) -> Shape? { indexByPath[model.sourcePath].map { shapes[$0] } }

    func shape(named name: String) -> Shape? { indexByName[ClientBinding.Builder.comparable(name)].map { shapes[$0] } }
}
