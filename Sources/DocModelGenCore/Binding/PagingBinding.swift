/// Which operations page, and how the next page is asked for.
///
/// The SDK's overlay (`--python-sdk`) reads its `next_func`: the kind, the arguments, the default
/// page size and the JSONPaths it reads. Without it, the docs say only that an operation pages (its
/// example loops `while res is not None: … res = res.next()`); the docs-only rule then knows one
/// kind, Speakeasy's page-number paging: an integer `page` argument, the page's `items` list and,
/// when the page has it, its `pagination.max_page`. The page size the SDK assumes when the call
/// gives none is not in the docs, so the docs-only sequence stops on a short page only when the
/// call gives `limit` (an `inferred-call` note).
extension ClientBinding.Builder {
    func pagination(_ operation: Operation, known: WireOperation?, arguments: [ClientPlan.Argument], response: ClientPlan.Response)
        -> Result<ClientPlan.Pagination, ClientBinding.Unsupported>?
    {
        guard known?.pagination != nil || operation.examplePages == true else { return nil }
        guard case .json(let pageType) = response, let page = objectModel(pageType) else {
            return .failure(.init("its response is not one JSON page"))
        }
        func argument(_ sdkName: String?) -> ClientPlan.Argument? {
            sdkName.flatMap { name in arguments.first { $0.sdkName == name && $0.bodyField == nil } }
        }
        /// `$.items` → the page's `items` field, when it is one field of the page.
        func items(_ path: String?) -> (field: String, type: TypeExpression)? {
            guard let path, path.hasPrefix("$."), !path.dropFirst(2).contains("."),
                  let field = page.wireFields.first(where: { $0.wireName == String(path.dropFirst(2)) }),
                  case .list(let element) = field.type.unwrappingWrappers else { return nil }
            return (field.wireName, element)
        }
        if let wire = known?.pagination {
            guard let position = argument(wire.positionArgument) else {
                return .failure(.init("its SDK pages by '\(wire.positionArgument)', which is not one of its arguments"))
            }
            let found = items(wire.itemsPath)
            return .success(ClientPlan.Pagination(
                kind: wire.kind, positionArgument: position.name, limitArgument: argument(wire.limitArgument)?.name,
                defaultLimit: wire.defaultLimit, firstPosition: wire.firstPosition, itemsPath: wire.itemsPath, maxPagePath: wire.maxPagePath,
                nextCursorPath: wire.nextCursorPath, itemsField: found?.field, itemType: found?.type, isInferred: false))
        }
        guard let position = argument("page"), case .integer = position.type else {
            return .failure(.init("its example pages, but it has no integer 'page' argument (the one kind the docs-only rule knows); --python-sdk says how its SDK pages"))
        }
        let limit = argument("limit").flatMap { argument -> ClientPlan.Argument? in
            if case .integer = argument.type { argument } else { nil }
        }
        let found = items("$.items")
        guard found != nil else {
            return .failure(.init("its example pages, but its page \(page.name) has no 'items' list; --python-sdk says how its SDK pages"))
        }
        var maxPagePath: String?
        if let holder = page.wireFields.first(where: { $0.wireName == "pagination" }), let model = objectModel(holder.type),
           model.wireFields.contains(where: { $0.wireName == "max_page" }) {
            maxPagePath = "$.pagination.max_page"
        }
        return .success(ClientPlan.Pagination(
            kind: .page, positionArgument: position.name, limitArgument: limit?.name, defaultLimit: nil, itemsPath: "$.items",
            maxPagePath: maxPagePath, nextCursorPath: nil, itemsField: found?.field, itemType: found?.type, isInferred: true))
    }
}
