/// Completes the operations `PythonOperationModule` read, once every module is read: each one's
/// group (the accessor its class is reached by), its parameters (the request model's fields that
/// are path, query or header parameters, by wire name) and its body's media type (the request
/// model's `RequestMetadata` field, else the media type of `serialize_request_body`'s method).
struct PythonOperationResolver {
    private(set) var operations: [WireOperation] = []
    private(set) var diagnostics: [Diagnostic] = []

    /// `utils/serializers.py`'s `SERIALIZATION_METHOD_TO_CONTENT_TYPE` (the same in both generator
    /// families): the media type a body serialized by that method is sent as.
    static let serializationMediaTypes = [
        "json": "application/json",
        "form": "application/x-www-form-urlencoded",
        "multipart": "multipart/form-data",
        "raw": "application/octet-stream",
        "string": "text/plain",
    ]

    /// `stringLists`: the model modules' top-level lists of strings, by name (the servers
    /// operations name).
    init(models: [WireModel], modules: [PythonOperationModule], stringLists: [String: [String]] = [:]) {
        var byName: [String: [WireModel]] = [:]
        for model in models { byName[model.name, default: []].append(model) }
        var accessors: [String: Set<String>] = [:]
        for module in modules {
            for (className, accessor) in module.accessors { accessors[className, default: []].insert(accessor) }
        }
        var seen: Set<[String]> = []
        for module in modules {
            for pending in module.operations {
                var operation = pending.operation
                // A class reached by one accessor is that group. One reached by several, or by
                // none the modules show, is no group: the binding would skip an operation whose
                // group differs from the docs', while none is matched by name and route.
                if let names = accessors[pending.className], names.count == 1 { operation.group = names.first }
                guard seen.insert([operation.group ?? "", operation.sdkName, operation.method, operation.path]).inserted else { continue }
                if let reference = pending.requestModel, let request = requestModel(reference, in: byName, for: operation, of: pending.className) {
                    operation.parameters = request.fields.compactMap(\.parameter)
                    operation.bodyMediaType = request.fields.lazy.compactMap(\.requestMediaType).first
                }
                if let (name, index) = pending.serverList {
                    if let list = stringLists[name], list.indices.contains(index) {
                        // The one the SDK sends to first, then the rest of the list.
                        operation.servers = [list[index]] + list.enumerated().filter { $0.offset != index }.map(\.element)
                    } else {
                        diagnostics.append(.warning(
                            "operation `\(pending.className).\(operation.sdkName)`: its server list `\(name)` (element \(index)) is not among the model modules read; it is sent to the client's server",
                            at: operation.location))
                    }
                }
                if operation.bodyMediaType == nil, let method = pending.serialization {
                    if let mediaType = Self.serializationMediaTypes[method] {
                        operation.bodyMediaType = mediaType
                    } else {
                        diagnostics.append(.warning(
                            "operation `\(pending.className).\(operation.sdkName)`: its body's serialization method '\(method)' is not one this reader knows; its media type is left to the docs",
                            at: operation.location))
                    }
                }
                operations.append(operation)
            }
        }
    }

    /// The object model `reference` (`models.CheckoutsListRequest`, `operations.GetJobRequest`)
    /// names: the one model of that name, else the one under a folder named like the qualifier
    /// (`operations`, `shared`). Nil, with a warning, when none or several fit: its parameters
    /// are then left to the docs. Nil without one for a union or alias (polar's `BenefitCreate`):
    /// a body sent whole, which has no parameters.
    private mutating func requestModel(
        _ reference: String, in byName: [String: [WireModel]], for operation: WireOperation, of className: String
    ) -> WireModel? {
        let parts = reference.split(separator: ".").map(String.init)
        guard let name = parts.last else { return nil }
        var candidates = byName[name] ?? []
        if candidates.count > 1, parts.count > 1 {
            let qualifier = parts[parts.count - 2]
            let inFolder = candidates.filter { model in
                let file = model.path.split(separator: ":", maxSplits: 1).first ?? ""
                return file.split(separator: "/").dropLast().contains { $0 == qualifier }
            }
            if !inFolder.isEmpty { candidates = inFolder }
        }
        guard candidates.count == 1 else {
            let why = candidates.isEmpty
                ? "is not a model class among the SDK's models"
                : "names \(candidates.count) model classes (\(candidates.map(\.path).joined(separator: ", ")))"
            diagnostics.append(.warning(
                "operation `\(className).\(operation.sdkName)`: its request model `\(reference)` \(why); its parameters are left to the docs",
                at: operation.location))
            return nil
        }
        return candidates[0].kind == .object ? candidates[0] : nil
    }
}
