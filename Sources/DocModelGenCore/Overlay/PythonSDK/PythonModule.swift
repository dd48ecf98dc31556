/// One model module read by `PythonModelReader`: its models (with the enum-member defaults still
/// to resolve across modules), its enums' members, and its warnings.
struct PythonModule {
    struct EnumDefault {
        var enumName: String
        var member: String
    }

    struct PendingModel {
        var model: WireModel
        /// Fields (by index) whose default is an enum member, resolved once all modules are read.
        var enumDefaults: [(field: Int, member: EnumDefault)] = []
        /// Fields (by index) whose type names models (`Sale`, `shared_sale.Sale`), located once
        /// all modules are read (`PythonReferenceResolver`).
        var references: [(field: Int, names: [String])] = []
    }

    let path: String
    private(set) var models: [PendingModel] = []
    /// What the module's names are bound to, for locating the classes its fields name.
    private(set) var names = PythonModuleNames()
    private(set) var enumMembers: [(name: String, members: [String: WireValue])] = []
    /// Top-level names bound to a list of string literals (`CONTAINER_CHAT_COMPLETE_OP_SERVERS =
    /// ["http://localhost:8000"]`), the lists operations name their servers by.
    private(set) var stringLists: [String: [String]] = [:]
    private(set) var diagnostics: [Diagnostic] = []
    private var mapper = PythonTypeMapper(importedModules: [])

    init(path: String, bytes: [UInt8]) {
        self.path = path
        let lines = PythonTokenizer.logicalLines(bytes)
        diagnostics += lines.flatMap { $0.tokenizerWarnings(in: path) }
        readTopLevel(lines)
    }

    // MARK: Statements

    private mutating func readTopLevel(_ lines: [PythonLogicalLine]) {
        var decorators: [PythonExpression] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            // Only column-0 statements: bodies of `if`, `def`… at the top level hold no models.
            guard line.indent == 0 else { continue }
            let tokens = line.tokens
            let first = tokens[0]
            if first.kind == .symbol && first.text == "@" {
                if let decorator = parse(tokens.dropFirst(), what: "decorator") { decorators.append(decorator) }
                continue
            }
            defer { decorators = [] }
            switch (first.kind, first.text) {
            case (.name, "import"):
                readImport(tokens.dropFirst())
            case (.name, "from"):
                readFromImport(tokens.dropFirst())
            case (.name, "class"):
                var end = index
                while end < lines.count && lines[end].indent > 0 { end += 1 }
                readClass(line, body: lines[index..<end], decorators: decorators)
                index = end
            case (.name, _) where tokens.count > 2 && tokens[1].kind == .symbol && tokens[1].text == "=":
                if tokens[2].kind == .symbol, tokens[2].text == "[" {
                    readStringList(target: first, value: tokens[2...])
                } else {
                    readAlias(target: first, value: tokens[2...])
                }
            default:
                break
            }
        }
    }

    /// `import httpx`, `import requests as requests_http`: the bound names are outside the models.
    private mutating func readImport(_ tokens: ArraySlice<PythonToken>) {
        var chunk: [PythonToken] = []
        for token in tokens + [PythonToken(kind: .symbol, text: ",", line: 0, column: 0)] {
            guard token.kind == .symbol && token.text == "," else {
                chunk.append(token)
                continue
            }
            if let asIndex = chunk.firstIndex(where: { $0.kind == .name && $0.text == "as" }), asIndex + 1 < chunk.count {
                mapper.importedModules.insert(chunk[asIndex + 1].text)
            } else if let name = chunk.first, name.kind == .name {
                mapper.importedModules.insert(name.text)
            }
            chunk = []
        }
    }

    /// `from .sale import Sale`, `from ...models.shared import x as shared_x`, `from .x import *`,
    /// parenthesised or not.
    private mutating func readFromImport(_ tokens: ArraySlice<PythonToken>) {
        var source = PythonImportSource(level: 0, path: [])
        var index = tokens.startIndex
        while index < tokens.endIndex, !(tokens[index].kind == .name && tokens[index].text == "import") {
            let token = tokens[index]
            if token.kind == .symbol && token.text == "." {
                if source.path.isEmpty { source.level += 1 }
            } else if token.kind == .name {
                source.path.append(token.text)
            } else {
                return
            }
            index += 1
        }
        guard index < tokens.endIndex else { return }
        var chunk: [PythonToken] = []
        for token in tokens[(index + 1)...] + [PythonToken(kind: .symbol, text: ",", line: 0, column: 0)] {
            if token.kind == .symbol && (token.text == "(" || token.text == ")") { continue }
            guard token.kind == .symbol && token.text == "," else {
                chunk.append(token)
                continue
            }
            defer { chunk = [] }
            if chunk.count == 1, chunk[0].kind == .symbol, chunk[0].text == "*" {
                names.starImports.append(source)
            } else if let name = chunk.first, name.kind == .name {
                let bound = chunk.count == 3 && chunk[1].text == "as" ? chunk[2].text : name.text
                names.imports[bound] = PythonModuleNames.Import(source: source, name: name.text)
            }
        }
    }

    private mutating func readClass(_ header: PythonLogicalLine, body: ArraySlice<PythonLogicalLine>, decorators: [PythonExpression]) {
        let tokens = header.tokens[...]
        guard tokens.count >= 2, tokens[1].kind == .name else {
            warn("a class statement without a name is not read", at: tokens[0])
            return
        }
        let name = tokens[1].text
        names.defined.insert(name)
        let headerEnd = Self.topLevelIndex(of: ":", in: tokens.dropFirst()) ?? tokens.endIndex
        guard let signature = parse(tokens[1..<headerEnd], what: "class `\(name)`") else { return }
        var bases: [String] = []
        if case .call(_, let arguments) = signature {
            bases = arguments.compactMap { $0.keyword == nil ? $0.value.lastName : nil }
        }
        let statements = Self.statements(of: body)
        let location = self.location(tokens[0])
        var model = WireModel(name: name, path: "\(path): \(name)", location: location, kind: .object)
        if bases.contains("TypedDict") || name.hasSuffix("TypedDict") {
            return
        } else if bases.contains(where: { ["Enum", "IntEnum", "StrEnum"].contains($0) }) {
            model.kind = .enumeration
            readEnum(&model, statements)
            models.append(PendingModel(model: model))
        } else if bases.contains("BaseModel") || (bases.isEmpty && decorators.contains(where: Self.isDataclassDecorator)) {
            models.append(readObject(model, statements))
        } else if bases.contains(where: { $0.hasSuffix("Error") || $0.hasSuffix("Exception") }) {
            // An error's wire body is its `data`; an error class without one is SDK runtime.
            guard let data = statements.first(where: { $0.tokens.count > 1 && $0.tokens[0].text == "data" && $0.tokens[1].text == ":" }) else { return }
            model.kind = .other
            if let field = readField(data, of: name) {
                model.members = field.field.type.map { [$0] } ?? []
            }
            models.append(PendingModel(model: model))
        } else {
            warn("class `\(name)` is neither a pydantic model, a dataclass, an enum nor an error class; not read", at: tokens[0])
        }
    }

    private static func isDataclassDecorator(_ decorator: PythonExpression) -> Bool {
        if case .call(let callee, _) = decorator { return callee.lastName == "dataclass" }
        return decorator.lastName == "dataclass"
    }

    /// The statements directly in a class body (methods' bodies and other deeper lines left out).
    private static func statements(of body: ArraySlice<PythonLogicalLine>) -> [PythonLogicalLine] {
        guard let bodyIndent = body.first?.indent else { return [] }
        return body.filter { $0.indent == bodyIndent }
    }

    private mutating func readEnum(_ model: inout WireModel, _ statements: [PythonLogicalLine]) {
        var members: [String: WireValue] = [:]
        for statement in statements {
            let tokens = statement.tokens
            guard tokens.count > 2, tokens[0].kind == .name, tokens[1].kind == .symbol, tokens[1].text == "=" else { continue }
            guard let expression = parse(tokens[2...], what: "enum member `\(tokens[0].text)`") else { continue }
            guard let value = PythonTypeMapper.literalValue(expression) else {
                warn("the value of enum member `\(model.name).\(tokens[0].text)` is not a literal; not read", at: tokens[0])
                continue
            }
            model.values.append(value)
            members[tokens[0].text] = value
        }
        enumMembers.append((model.name, members))
    }

    private mutating func readObject(_ model: WireModel, _ statements: [PythonLogicalLine]) -> PendingModel {
        var pending = PendingModel(model: model)
        for statement in statements {
            let tokens = statement.tokens
            guard tokens.count > 1, tokens[0].kind == .name, tokens[1].kind == .symbol, tokens[1].text == ":" else { continue }
            // `__pydantic_extra__` is the catch-all of additional properties, not a key; no
            // dunder attribute is.
            let attribute = tokens[0].text
            guard !(attribute.hasPrefix("__") && attribute.hasSuffix("__")) else { continue }
            guard case let (field, enumDefault, references)? = readField(statement, of: model.name) else { continue }
            if let enumDefault { pending.enumDefaults.append((pending.model.fields.count, enumDefault)) }
            if !references.isEmpty { pending.references.append((pending.model.fields.count, references)) }
            pending.model.fields.append(field)
        }
        return pending
    }

    /// `name: annotation [= value]`, with the names of the models its type refers to; nil for an
    /// attribute that is not data (`Callable`, `ClassVar`).
    private mutating func readField(_ statement: PythonLogicalLine, of modelName: String) -> (field: WireField, enumDefault: EnumDefault?, references: [String])? {
        let tokens = statement.tokens[...]
        let nameToken = tokens[0]
        let attribute = nameToken.text
        let what = "field `\(modelName).\(attribute)`"
        let rest = tokens.dropFirst(2)
        let equals = Self.topLevelIndex(of: "=", in: rest)
        let annotationExpression = parse(rest[..<(equals ?? rest.endIndex)], what: "the type of \(what)")
        let value = equals.flatMap { parse(rest[($0 + 1)...], what: "the default of \(what)") }
        let annotation = annotationExpression.map(PythonFieldAnnotation.init)
        if annotation?.isNotData == true { return nil }

        var wireName = attribute
        var defaultValue: PythonDefault?
        var placement: PythonRequestPlacement?
        for metadata in annotation?.metadata ?? [] {
            if case .call(let callee, _) = metadata, callee.lastName == "Field" {
                readPydanticField(metadata, wireName: &wireName, defaultValue: &defaultValue)
            } else if case .call(let callee, _) = metadata, callee.lastName == "FieldMetadata" {
                placement = PythonRequestPlacement(fieldMetadata: metadata) ?? placement
            }
        }
        if let value {
            if case .call(let callee, _) = value, callee.lastName == "field" {
                // `dataclasses.field(default=…, metadata={…})`; without a default it is required.
                if let given = value.argument("default") {
                    defaultValue = PythonDefault(given)
                } else if let factory = value.argument("default_factory") {
                    defaultValue = PythonDefault(factory: factory)
                }
                if let metadata = value.argument("metadata") {
                    if let name = Self.dataclassWireName(metadata) { wireName = name }
                    placement = PythonRequestPlacement(dataclassMetadata: metadata) ?? placement
                }
            } else if case .call(let callee, _) = value, callee.lastName == "Field" {
                readPydanticField(value, wireName: &wireName, defaultValue: &defaultValue)
            } else {
                defaultValue = PythonDefault(value)
            }
        } else if equals != nil {
            // The value was there but could not be parsed (warned): optional, value unknown.
            defaultValue = .unreadable
        }

        var type: WireType?
        if let annotation {
            type = mapper.wireType(annotation.type)
            if type == nil { warn("the type of \(what) is not one this reader knows; left unknown", at: nameToken) }
        }
        var field = WireField(
            attributeName: attribute, wireName: wireName, isRequired: defaultValue == nil,
            isNullable: annotation?.isNullable, type: type, location: location(nameToken))
        switch placement {
        case .parameter(let location, let style, let explode)?:
            field.parameter = WireParameter(name: wireName, location: location, style: style, explode: explode)
        case .body(let mediaType)?:
            field.requestMediaType = mediaType
        case nil:
            break
        }
        var enumDefault: EnumDefault?
        let references = annotation.map { referencedNames($0.type) } ?? []
        switch defaultValue {
        case .value(let value)?: field.defaultValue = value
        case .enumMember(let enumName, let member)?: enumDefault = EnumDefault(enumName: enumName, member: member)
        case .unreadable? where value != nil:
            warn("the default of \(what) is not a value this reader knows; left unknown", at: nameToken)
        case .unset?, .unreadable?, nil: break
        }
        return (field, enumDefault, references)
    }

    /// The names of the models an annotation refers to (`Sale`, `shared_sale.Sale`), once each,
    /// in order. `Literal` values and `Annotated` metadata are not types.
    private func referencedNames(_ annotation: PythonExpression) -> [String] {
        var found: [String] = []
        var pending = [annotation]
        // Iterative, so a deep annotation cannot deepen the stack.
        while let next = pending.popLast() {
            switch next {
            case .name(let name), .string(let name):
                guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }),
                      case .reference? = mapper.wireType(.name(name)), !found.contains(name) else { continue }
                found.append(name)
            case .subscripted(let base, let items) where base.lastName != "Literal":
                pending += (base.lastName == "Annotated" ? Array(items.prefix(1)) : items).reversed()
            case .union(let left, let right):
                pending += [right, left]
            default:
                continue
            }
        }
        return found
    }

    /// `pydantic.Field(alias="filter", default=…)`.
    private func readPydanticField(_ call: PythonExpression, wireName: inout String, defaultValue: inout PythonDefault?) {
        if case .string(let alias)? = call.argument("alias") { wireName = alias }
        if let given = call.argument("default") {
            defaultValue = PythonDefault(given)
        } else if let factory = call.argument("default_factory") {
            defaultValue = PythonDefault(factory: factory)
        }
    }

    /// `metadata={'dataclasses_json': {'letter_case': utils.get_field_name('sourceType')}}`, or a
    /// parameter's `{'query_param': {'field_name': 'sourceId', …}}`.
    private static func dataclassWireName(_ metadata: PythonExpression) -> String? {
        if case .call(_, let arguments)? = metadata.entry("dataclasses_json")?.entry("letter_case"),
           arguments.count == 1, case .string(let name) = arguments[0].value {
            return name
        }
        guard case .dict(let entries) = metadata else { return nil }
        for entry in entries {
            if case .string(let name)? = entry.value.entry("field_name") { return name }
        }
        return nil
    }

    /// `X = TypeAliasType("X", Union[…])`, `X = Union[…]`, `X = Annotated[Union[…], …]`.
    /// `NAME = ["a", "b"]`: kept when every element is a string literal.
    private mutating func readStringList(target: PythonToken, value: ArraySlice<PythonToken>) {
        let parsed = PythonExpressionParser.parseWhole(value)
        guard parsed.complete, case .list(let elements) = parsed.expression else { return }
        var texts: [String] = []
        for element in elements {
            guard case .string(let text) = element else { return }
            texts.append(text)
        }
        stringLists[target.text] = texts
    }

    private mutating func readAlias(target: PythonToken, value: ArraySlice<PythonToken>) {
        guard !target.text.hasSuffix("TypedDict"), let first = value.first, first.kind == .name,
              ["TypeAliasType", "Union", "Annotated", "Optional"].contains(first.text.split(separator: ".").last.map(String.init) ?? "")
        else { return }
        guard let expression = parse(value, what: "type alias `\(target.text)`") else { return }
        var name = target.text
        var aliased = expression
        if case .call(let callee, let arguments) = expression {
            guard callee.lastName == "TypeAliasType", arguments.count >= 2 else { return }
            if case .string(let given) = arguments[0].value, !given.isEmpty { name = given }
            aliased = arguments[1].value
        } else if case .subscripted = expression {} else { return }
        names.defined.insert(name)
        var model = WireModel(name: name, path: "\(path): \(name)", location: location(target), kind: .other)
        let annotation = PythonFieldAnnotation(aliased)
        model.isNullable = annotation.isNullable
        guard var type = mapper.wireType(aliased) else {
            warn("the type of alias `\(name)` is not one this reader knows; left unknown", at: target)
            models.append(PendingModel(model: model))
            return
        }
        if case .union(let members) = type {
            let withoutNull = members.filter { $0 != .constant(.null) }
            if withoutNull.count < members.count { model.isNullable = true }
            type = withoutNull.count == 1 ? withoutNull[0] : .union(withoutNull)
        }
        if case .union(let members) = type {
            model.kind = .union
            model.members = members
        } else {
            model.members = [type]
        }
        models.append(PendingModel(model: model))
    }

    // MARK: Helpers

    /// Parses an expression; nil (with a warning) when it is nested too deep or has tokens left
    /// over.
    private mutating func parse(_ tokens: ArraySlice<PythonToken>, what: String) -> PythonExpression? {
        let result = PythonExpressionParser.parseWhole(tokens)
        let at = tokens.first ?? PythonToken(kind: .symbol, text: "", line: 0, column: 0)
        if result.tooDeep {
            warn("\(what) is nested more than \(PythonExpressionParser.maximumDepth) levels deep; not read", at: at)
            return nil
        }
        guard result.complete else {
            warn("\(what) is not an expression this reader knows; not read", at: at)
            return nil
        }
        return result.expression
    }

    /// The index of `symbol` outside any brackets.
    private static func topLevelIndex(of symbol: String, in tokens: ArraySlice<PythonToken>) -> Int? {
        var depth = 0
        for index in tokens.indices where tokens[index].kind == .symbol {
            switch tokens[index].text {
            case "(", "[", "{": depth += 1
            case ")", "]", "}": depth = max(0, depth - 1)
            case symbol where depth == 0: return index
            default: break
            }
        }
        return nil
    }

    private func location(_ token: PythonToken) -> SourceLocation {
        token.location(in: path)
    }

    private mutating func warn(_ message: String, at token: PythonToken) {
        diagnostics.append(.warning(message, at: location(token)))
    }
}
