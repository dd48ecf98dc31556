/// What `client.swift.mustache` sees: the client type of one API (servers, security, the top-level
/// groups' accessors, and the parent groups the docs have no page for).
public struct ClientTemplateContext: TemplateContext {
    /// The page the client's facts come from (the SDK's `README.md`), relative to the docs root.
    public var sourcePath: String
    public var imports: [String]
    /// `public`, `internal` or `package`.
    public var access: String
    public var typeName: String
    /// The nested types' names (`Server`, `Security`; `_` added when a model has the name).
    public var serverTypeName: String
    public var securityTypeName: String
    /// Spaces before each declaration: four inside a namespace's `extension`, else none.
    public var indent: String
    public var namespace: SwiftTemplateCommonContext.Namespace?
    /// A doc comment line per line of the client's description (each starts with a space).
    public var docLines: [String]
    public var servers: [Server]
    /// The first server's case (`.production`); nil without servers.
    public var defaultServer: String?
    public var credentials: [Credential]
    public var accessors: [Accessor]
    /// Groups without a page of their own that hold others (`customer_portal`).
    public var parentGroups: [ParentGroup]

    public var templateName: String { TemplateSet.Name.client }

    public struct Server: TemplateObject {
        public var caseName: String
        /// The URL template as a Swift string literal.
        public var urlLiteral: String
        public var docLines: [String]
        public var templateValues: TemplateValue.Members {
            ["caseName": .string(caseName), "urlLiteral": .string(urlLiteral), "docLines": .strings(docLines)]
        }
    }

    public struct Credential: TemplateObject {
        public var propertyName: String
        /// The property's type (`Swift.String`, `(username: Swift.String, password: Swift.String)`).
        public var type: String
        /// The statement that appends its credential (`credentials.append(.bearer(value))`).
        public var append: String
        public var docLines: [String]
        public var templateValues: TemplateValue.Members {
            ["propertyName": .string(propertyName), "type": .string(type), "append": .string(append), "docLines": .strings(docLines)]
        }
    }

    public struct Accessor: TemplateObject {
        public var propertyName: String
        public var typeName: String
        public var docLines: [String]
        public var templateValues: TemplateValue.Members {
            ["propertyName": .string(propertyName), "typeName": .string(typeName), "docLines": .strings(docLines)]
        }
    }

    public struct ParentGroup: TemplateObject {
        public var typeName: String
        public var accessors: [Accessor]
        public var templateValues: TemplateValue.Members {
            ["typeName": .string(typeName), "accessors": .objects(accessors)]
        }
    }

    public var templateValues: TemplateValue.Members {
        var values = TemplateValue.Members()
        values["sourcePath"] = .string(sourcePath)
        values["imports"] = .strings(imports)
        values["access"] = .string(access)
        values["typeName"] = .string(typeName)
        values["serverTypeName"] = .string(serverTypeName)
        values["securityTypeName"] = .string(securityTypeName)
        values["credentialParameters"] = .string(credentials.map { "\($0.propertyName): \($0.type)? = nil" }.joined(separator: ", "))
        values["hasCredentials"] = .bool(!credentials.isEmpty)
        values["indent"] = .string(indent)
        if let namespace { values["namespace"] = .object(namespace.templateValues) }
        values["docLines"] = .strings(docLines)
        values["servers"] = .objects(servers)
        values["hasServers"] = .bool(!servers.isEmpty)
        if let defaultServer { values["defaultServer"] = .string(defaultServer) }
        values["credentials"] = .objects(credentials)
        values["accessors"] = .objects(accessors)
        values["parentGroups"] = .objects(parentGroups)
        return values
    }
}

/// What `operations.swift.mustache` sees: one group page's operations, as methods of the group's
/// type nested in the client.
public struct OperationsTemplateContext: TemplateContext {
    /// The group's page, relative to the docs root (`../sdks/checkouts/README.md` from the models).
    public var sourcePath: String
    public var imports: [String]
    public var access: String
    /// How file scope names the client (`PolarClient`, `Namespace.PolarClient`).
    public var qualifiedClientName: String
    public var typeName: String
    public var docLines: [String]
    /// Child groups (`customers.members` under `customers`).
    public var accessors: [ClientTemplateContext.Accessor]
    public var operations: [Method]

    public var templateName: String { TemplateSet.Name.operations }

    /// One operation as a method.
    public struct Method: TemplateObject {
        public var docLines: [String]
        /// The method that sends the request: the operation's (`list`), or for a paged operation
        /// the internal one its page methods share (`listResponse`).
        public var name: String
        /// `public ` (the access and a space), or empty for a paged operation's internal method.
        public var memberAccess: String
        /// The parameter clauses, one per line (`organizationId: Swift.String? = nil`), commas included.
        public var parameterLines: [String]
        /// ` -> T`, or empty for `Void`.
        public var returnClause: String
        /// `.get`, as `HTTPRequest.Method` spells it.
        public var method: String
        public var pathLiteral: String
        public var operationIDLiteral: String
        /// One line each: what the request carries (`try apiRequest.addQuery("page", page)`).
        public var statements: [String]
        /// One line each: sending the request, leaving the response read whole in `apiResponse`
        /// (a stream operation returns its events first when the response is a stream).
        public var sendLines: [String]
        public var responses: [Response]
        /// The page methods of a paged operation.
        public var paging: Paging?

        public var templateValues: TemplateValue.Members {
            var values = TemplateValue.Members()
            values["docLines"] = .strings(docLines)
            values["name"] = .string(name)
            values["memberAccess"] = .string(memberAccess)
            values["paging"] = paging.map { .object($0.templateValues) } ?? .bool(false)
            values["parameterLines"] = .strings(parameterLines)
            values["hasParameters"] = .bool(!parameterLines.isEmpty)
            values["returnClause"] = .string(returnClause)
            values["method"] = .string(method)
            values["pathLiteral"] = .string(pathLiteral)
            values["operationIDLiteral"] = .string(operationIDLiteral)
            values["statements"] = .strings(statements)
            values["sendLines"] = .strings(sendLines)
            values["responses"] = .objects(responses)
            return values
        }
    }

    /// A paged operation's public methods: the page (`list`), the pages (`listPages`) and, when the
    /// page names its items, the items (`listItems`); each forwards to the method `name`.
    public struct Paging: TemplateObject {
        public var docLines: [String]
        public var pageName: String
        public var pagesName: String
        public var itemsName: String?
        /// The page's Swift type, and the items' where there is an items method.
        public var pageType: String
        public var itemType: String?
        /// The arguments forwarded to the request method (`page: page, limit: limit`), and the
        /// same with the position's values (`page: position.page, limit: position.limit`).
        public var forwardArguments: String
        public var positionArguments: String
        /// The `PaginationRule` expression (`.page(start: page, …)`).
        public var rule: String
        /// The closure that gives a page's items (`{ $0.items }`).
        public var itemsClosure: String?

        public var templateValues: TemplateValue.Members {
            var values = TemplateValue.Members()
            values["docLines"] = .strings(docLines)
            values["pageName"] = .string(pageName)
            values["pagesName"] = .string(pagesName)
            values["itemsName"] = itemsName.map { .string($0) } ?? .bool(false)
            values["pageType"] = .string(pageType)
            values["itemType"] = itemType.map { .string($0) } ?? .bool(false)
            values["forwardArguments"] = .string(forwardArguments)
            values["positionArguments"] = .string(positionArguments)
            values["rule"] = .string(rule)
            values["itemsClosure"] = itemsClosure.map { .string($0) } ?? .bool(false)
            return values
        }
    }

    /// One documented response: when it matches, what the method does (one line each; several
    /// when the docs give one status several error types, tried in order).
    public struct Response: TemplateObject {
        /// `["2XX"]`, as a Swift array literal.
        public var statusesLiteral: String
        public var contentTypeLiteral: String
        public var actions: [String]
        public init(statusesLiteral: String, contentTypeLiteral: String, actions: [String]) {
            self.statusesLiteral = statusesLiteral
            self.contentTypeLiteral = contentTypeLiteral
            self.actions = actions
        }
        public init(statusesLiteral: String, contentTypeLiteral: String, action: String) {
            self.init(statusesLiteral: statusesLiteral, contentTypeLiteral: contentTypeLiteral, actions: [action])
        }
        public var templateValues: TemplateValue.Members {
            ["statusesLiteral": .string(statusesLiteral), "contentTypeLiteral": .string(contentTypeLiteral), "actions": .strings(actions)]
        }
    }

    public var templateValues: TemplateValue.Members {
        var values = TemplateValue.Members()
        values["sourcePath"] = .string(sourcePath)
        values["imports"] = .strings(imports)
        values["access"] = .string(access)
        values["qualifiedClientName"] = .string(qualifiedClientName)
        values["typeName"] = .string(typeName)
        values["docLines"] = .strings(docLines)
        values["accessors"] = .objects(accessors)
        values["operations"] = .objects(operations)
        return values
    }
}
