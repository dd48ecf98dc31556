#!/usr/bin/env python3
"""swift_runner.py: writes the Swift runner of the request-equality peer check (standard library only).

    swift_runner.py --generated DIR --schema FILE --tree DIR --out-dir DIR [--table FILE]

Reads the generated client (`Client+API.swift` and the `Operations+<folder>.swift` files of
`docmodelgen generate`; regular, so parsed line by line) and writes into --out-dir:

  - `main.swift` (the table from operation path to function) and `Operations<N>.swift` (one function per
    generated method, 20 a file). The operation path is the
    Python one (`customer_portal.customers.get`): the README example under the operation's heading
    (request_samples.python_path, so the two sides name an operation alike), matched to the Swift
    method by the group's `the SDK's `…`` accessor and the method's `(the SDK's `name`)` doc line.
    Each argument is decoded from `arguments[<python name>]` (re-encoded from the call's JSON, then
    JSONDecoder into the argument's Swift type; absent → nil for an optional argument), the method
    is called through the accessor chain (`client.customerPortal.customers.get(...)`), and the
    outcome is written in sdk_calls.py's vocabulary: `returned` (the value JSON-encoded by its own
    Codable; Void → null; for a wrapper response model, its `response_field` property; an
    `EventStream<X>` is drained and written as the JSON list of its events, a `JSONOrEventStream`
    as its `.json` value or its stream's list: `streamJSON`; an event that does not decode is a
    `decoding_error` with status 200),
    `typed_error` (one `catch let e as APIError<X>` per `APIError(apiResponse, body: … X …)` of the
    method body; `error_type` = X's unqualified name, `body` = X JSON-encoded), `unexpected`
    (UnexpectedResponseError), `decoding_error` (ResponseDecodingError), `transport_error`
    (URLError, POSIXError, RequestTimeoutError: no answer), `client_error` (anything else; `sent`
    says whether a request went out).
  - `Support.swift`: the command line, the call loop (announces each call with
    `POST URL/__peer__/call/<id>`), the URLSession `ClientTransport` and the JSON helpers.

--table writes what was matched (JSON: per operation path the Swift call, arguments and errors;
`unmatched`: schema operations with no Swift method, and Swift methods with no schema operation).
"""
import argparse
import json
import os
import re
import sys

import peer_check
import request_samples

STRUCT = re.compile(r"^(\s*)public struct (\w+)\b")
ACCESSOR = re.compile(r"^\s*public var (\w+): (\w+) \{ \2\(core: core\) \}")
SDK_NAME = re.compile(r"the SDK's `([\w.]+)`")
METHOD_DOC = re.compile(r"\(the SDK's `(\w+)`\)\.")
FUNC = re.compile(r"^(\s*)public func (\w+)\(")
# A paged operation's request method, internal, which its public method forwards to.
INTERNAL_FUNC = re.compile(r"^(\s*)func (\w+)\(")
FORWARD = re.compile(r"try await (\w+)\(")
# The SDK's per-call options: not SDK arguments of the operation (retries: the runner's `--retries`,
# off unless given, as sdk_calls.py's; serverURL: the recording server, as sdk_calls.py passes
# `server_url=` to an operation with servers of its own).
CALL_OPTIONS = {"retries", "timeout", "serverURL"}
APIERROR = re.compile(r"APIError\(apiResponse, body: (.*)\)$")
DECODE = re.compile(r"decodeJSON\(([^()]+)\.self\)")
RETURN = re.compile(r"->\s*(.+?)\s*\{\s*$")


def norm(name):
    return name.replace("`", "").replace("_", "").lower()


def split_top(text):
    """Split at commas outside brackets / angle brackets / parentheses."""
    parts, depth, current = [], 0, ""
    for char in text:
        if char in "[(<":
            depth += 1
        elif char in "])>":
            depth -= 1
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    if current.strip():
        parts.append(current)
    return [part.strip() for part in parts if part.strip()]


def parse_parameter(text):
    default = None
    if " = " in text:
        text, default = text.split(" = ", 1)
    names, swift_type = text.split(":", 1)
    words = names.split()
    label, name = (words[0], words[1]) if len(words) == 2 else (words[0], words[0])
    swift_type = swift_type.strip()
    optional = default is not None or swift_type.endswith("?")
    return {"label": label, "name": name, "type": swift_type, "default": default, "optional": optional}


def parse_file(path):
    """(structs: {name: {accessors: [(prop, type, sdk path)], doc sdk path}}, methods: [...])."""
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    structs, methods, stack, docs = {}, [], [], []
    internal = {}
    index = 0
    while index < len(lines):
        line = lines[index]
        stripped = line.strip()
        if stripped.startswith("///"):
            docs.append(stripped)
            index += 1
            continue
        match = STRUCT.match(line)
        if match:
            indent = len(match.group(1))
            while stack and stack[-1][0] >= indent:
                stack.pop()
            stack.append((indent, match.group(2)))
            sdk = next((m.group(1) for m in map(SDK_NAME.search, docs) if m), None)
            structs.setdefault(match.group(2), {"accessors": [], "sdk": sdk})
            docs = []
            index += 1
            continue
        if stripped == "}" and stack and len(line) - len(line.lstrip()) == stack[-1][0]:
            stack.pop()
        match = ACCESSOR.match(line)
        if match and stack:
            sdk = next((m.group(1) for m in map(SDK_NAME.search, docs) if m), None)
            structs[stack[-1][1]]["accessors"].append((match.group(1), match.group(2), sdk))
        match = FUNC.match(line) or INTERNAL_FUNC.match(line)
        if match and stack:
            is_public = FUNC.match(line) is not None
            indent = match.group(1)
            signature = line
            while not (RETURN.search(signature) or signature.rstrip().endswith("async throws {")):
                index += 1
                signature += " " + lines[index].strip()
            body = []
            index += 1
            while lines[index] != indent + "}":
                body.append(lines[index])
                index += 1
            inner = signature[signature.index("(") + 1:signature.rindex(")")]
            returns = RETURN.search(signature)
            sdk_method = next((m.group(1) for m in map(METHOD_DOC.search, docs) if m), None)
            operation_id = next((m.group(1) for m in map(re.compile(r'operationID: "([^"]*)"').search, body) if m), None)
            forwarded = next((m.group(1) for m in map(FORWARD.search, body) if m), None) if operation_id is None else None
            errors = []
            for body_line in body:
                found = APIERROR.search(body_line.strip())
                if found:
                    decoded = DECODE.search(found.group(1))
                    error_type = decoded.group(1) if decoded else ("Swift.String" if ".text()" in found.group(1) else None)
                    if error_type and error_type not in errors:
                        errors.append(error_type)
                elif "APIError(" in body_line:
                    # One status with several error types: `if let body = try? apiResponse.decodeJSON(X.self) { throw … }`.
                    for decoded in DECODE.finditer(body_line):
                        if decoded.group(1) not in errors:
                            errors.append(decoded.group(1))
            parameters = [parse_parameter(p) for p in split_top(inner)]
            entry = {"struct": stack[-1][1], "name": match.group(2), "sdk_method": sdk_method,
                     "operation_id": operation_id,
                     "parameters": [p for p in parameters if p["name"] not in CALL_OPTIONS],
                     "takes_retries": any(p["name"] == "retries" for p in parameters),
                     "takes_server_url": any(p["name"] == "serverURL" for p in parameters),
                     "forwards_to": forwarded,
                     "returns": returns.group(1) if returns else None, "errors": errors,
                     "file": os.path.basename(path)}
            if not is_public:
                internal[(stack[-1][1], match.group(2))] = entry
            elif " async " in signature:
                # `listPages`/`listItems` (sequences, not calls) are not operations of their own.
                methods.append(entry)
        docs = []
        index += 1
    # A paged operation's public method forwards to its request method: the route and errors are there.
    for method in methods:
        target = internal.get((method["struct"], method["forwards_to"]))
        if target:
            method["operation_id"], method["errors"] = target["operation_id"], target["errors"]
    return structs, methods


def parse_generated(generated):
    structs, methods, client, security = {}, [], None, None
    with open(os.path.join(generated, "Client+API.swift"), encoding="utf-8") as handle:
        text = handle.read()
    client = re.search(r"^public struct (\w+): ", text, re.M).group(1)
    found = re.search(r"public struct (Security\w*): [^{]*\{(.*?)\n    \}", text, re.S)
    security = {"struct": found.group(1), "field": None}
    field = re.search(r"public var (\w+): Swift\.String\?", found.group(2))
    if field:
        security["field"] = field.group(1)
    for name in sorted(os.listdir(generated)):
        if name == "Client+API.swift" or name.startswith("Operations+"):
            more_structs, more_methods = parse_file(os.path.join(generated, name))
            for key, value in more_structs.items():
                entry = structs.setdefault(key, {"accessors": [], "sdk": None})
                entry["accessors"] += value["accessors"]
                entry["sdk"] = entry["sdk"] or value["sdk"]
            methods += more_methods
    # accessor chains from the client
    chains = {client: ("client", None)}
    queue = [client]
    while queue:
        owner = queue.pop(0)
        chain, _ = chains[owner]
        for prop, target, sdk in structs.get(owner, {}).get("accessors", []):
            if target not in chains:
                chains[target] = (f"{chain}.{prop}", sdk or structs.get(target, {}).get("sdk"))
                queue.append(target)
    return client, security, chains, methods


def model_files(generated):
    """{swift type name: file text} of the generated models."""
    found = {}
    for name in os.listdir(generated):
        if not name.endswith(".swift") or name.startswith("Operations+") or name == "Client+API.swift":
            continue
        with open(os.path.join(generated, name), encoding="utf-8") as handle:
            text = handle.read()
        for match in re.finditer(r"^public struct (\w+)\b", text, re.M):
            found[match.group(1)] = text
    return found


def wrapper_property(models_text, type_name, wire):
    """The Swift property of `type_name` whose JSON key is `wire`."""
    text = models_text.get(type_name.split(".")[-1])
    if text is None:
        return None
    for storage, key in peer_check.coded_keys(text) or []:
        if key == wire:
            return storage
    return None


KNOWN_MODULES = ("Swift", "DocModelRuntime", "DocModelClientRuntime", "Foundation")


def qualify(swift_type):
    """`[Foo: Bar?]` → `[PeerClient.Foo: PeerClient.Bar?]`: a generated type may share its name with one
    of Foundation's (polar's `TimeInterval`), which main.swift imports too."""
    return re.sub(r"(?<![\w.])([A-Za-z_]\w*)",
                  lambda m: m.group(1) if m.group(1) in KNOWN_MODULES else "PeerClient." + m.group(1), swift_type)


def swift_string(text):
    return json.dumps(text)


def emit(args):
    with open(args.schema, encoding="utf-8") as handle:
        schema = json.load(handle)
    client, security, chains, methods = parse_generated(args.generated)
    models_text = model_files(args.generated)
    by_path = {model["sourcePath"]: model for model in schema["models"]}
    operations = {}
    for group in schema["api"]["groups"]:
        for operation in group["operations"]:
            fallback = ".".join(group["accessor"] + [operation["name"]])
            operations[fallback] = (group, operation)
    table, unmatched, cases = {}, [], []
    matched = set()
    for method in methods:
        chain, sdk_group = chains.get(method["struct"], (None, None))
        if chain is None or sdk_group is None or method["sdk_method"] is None:
            unmatched.append({"swift": f"{method['struct']}.{method['name']}", "reason": "no accessor chain or SDK name"})
            continue
        fallback = f"{sdk_group}.{method['sdk_method']}"
        if fallback not in operations:
            unmatched.append({"swift": f"{chain}.{method['name']}", "reason": f"no schema operation {fallback}"})
            continue
        group, operation = operations[fallback]
        matched.add(fallback)
        path = request_samples.python_path(args.tree, group, operation)
        python_names = [p["name"] for p in operation["parameters"] if p["name"] not in request_samples.SDK_OPTIONS]
        by_norm = {norm(name): name for name in python_names}
        arguments, lines, problems = [], [], []
        for number, parameter in enumerate(method["parameters"]):
            python = by_norm.get(norm(parameter["name"]))
            if python is None:
                problems.append(f"Swift argument {parameter['name']} has no Python parameter")
                python = parameter["name"]
            swift_type = qualify(parameter["type"])
            variable = f"a{number}"
            if parameter["optional"]:
                wrapped = swift_type[:-1] if swift_type.endswith("?") else swift_type
                # A non-Optional parameter with a default (`OptionalNullable<X> = .absent`) gets the default when absent.
                fallback = f" ?? {parameter['default']}" if not swift_type.endswith("?") and parameter["default"] else ""
                lines.append(f"let {variable} = try optionalArgument(arguments, {swift_string(python)}, {wrapped}.self){fallback}")
            else:
                lines.append(f"let {variable} = try requiredArgument(arguments, {swift_string(python)}, {swift_type}.self)")
            label = parameter["label"]
            arguments.append(variable if label == "_" else f"{label}: {variable}")
            table_arg = {"python": python, **parameter}
            method.setdefault("arguments", []).append(table_arg)
        if method.get("takes_retries"):
            arguments.append("retries: peerRetryPolicy")
        if method.get("takes_server_url"):
            arguments.append("serverURL: peerServerURL")
        call = f"try await {chain}.{method['name']}({', '.join(arguments)})"
        returns = method["returns"]
        value_expr = "value"
        if returns is not None:
            node = operation.get("response")
            found = request_samples.wrapper(by_path, node) if node else None
            if found and found[1]:
                target = node["reference"].get("target")
                model = by_path.get(target)
                if model and model["name"] == returns.split(".")[-1]:
                    prop = wrapper_property(models_text, returns, found[1])
                    if prop:
                        value_expr = f"value.{prop}"
                    else:
                        problems.append(f"wrapper {returns} has no property for {found[1]}")
        body = ["do {"] + ["    " + line for line in lines]
        if returns is None:
            body += [f"    {call}", "    sentinel.returned(nil)"]
        elif "EventStream<" in returns:
            # EventStream<X> / JSONOrEventStream<J, X>: drained here (streamJSON), the events as a JSON list.
            body += [f"    let value = {call}", "    sentinel.returned(try await streamJSON(value))"]
        else:
            body += [f"    let value = {call}", f"    sentinel.returned(try encodeJSON({value_expr}))"]
        for error_type in map(qualify, method["errors"]):
            body += [f"}} catch let error as DocModelClientRuntime.APIError<{error_type}> {{",
                     f"    sentinel.typedError(status: error.status.code, type: String(describing: {error_type}.self), "
                     "body: try encodeJSON(error.body))"]
        body += ["}"]
        cases.append((path, body))
        table[path] = {"swift": f"{chain}.{method['name']}", "operationID": method["operation_id"],
                       "arguments": method.get("arguments", []), "returns": returns, "value": value_expr,
                       "errors": method["errors"], "problems": problems}
    for fallback in operations:
        if fallback not in matched:
            unmatched.append({"schema": fallback, "reason": "no generated Swift method"})
    seen, table_rows, chunks = set(), [], []
    for path, body in cases:
        if path in seen:
            unmatched.append({"schema": path, "reason": "two Swift methods for one operation path (the first is kept)"})
            continue
        seen.add(path)
        number = len(table_rows)
        table_rows.append(f"        {swift_string(path)}: operation{number},")
        # one small async function per operation: one function with every case runs LLVM's coroutine
        # splitting out of memory on polar (185 operations)
        function = [f"@Sendable func operation{number}(_ arguments: [String: JSONValue], _ client: Client, "
                    "_ sentinel: Outcome) async throws {"]
        function += ["    " + line for line in body] + ["}", ""]
        if number % CHUNK == 0:
            chunks.append([])
        chunks[-1] += function
    sec = security["struct"]
    credential = f"PeerClient.{client}.{sec}({security['field']}: \"tok\")" if security["field"] else f"PeerClient.{client}.{sec}()"
    main = (MAIN.replace("@CLIENT@", "PeerClient." + client).replace("@SECURITY@", credential)
            .replace("@TABLE@", "\n".join(table_rows) if table_rows else "        :"))
    os.makedirs(args.out_dir, exist_ok=True)
    for name in os.listdir(args.out_dir):
        if name.startswith("Operations") and name.endswith(".swift"):
            os.remove(os.path.join(args.out_dir, name))
    with open(os.path.join(args.out_dir, "main.swift"), "w", encoding="utf-8") as handle:
        handle.write(main)
    for index, chunk in enumerate(chunks):
        with open(os.path.join(args.out_dir, f"Operations{index + 1}.swift"), "w", encoding="utf-8") as handle:
            handle.write(CHUNK_HEADER + "\n".join(chunk))
    with open(os.path.join(args.out_dir, "Support.swift"), "w", encoding="utf-8") as handle:
        handle.write(SUPPORT)
    if args.table:
        with open(args.table, "w", encoding="utf-8") as handle:
            json.dump({"client": client, "security": security, "operations": table, "unmatched": unmatched},
                      handle, indent=1, sort_keys=True)
    print(f"swift runner: {len(seen)} operation(s) of {len(operations)} in the schema; {len(unmatched)} unmatched"
          + (f" (see {args.table})" if args.table else ""))
    return 0


CHUNK = 20

CHUNK_HEADER = '''// Generated by Tests/Peers/swift_runner.py. DO NOT EDIT.
import DocModelClientRuntime
import DocModelRuntime
import Foundation
import PeerClient

'''

MAIN = r'''// Generated by Tests/Peers/swift_runner.py. DO NOT EDIT.
import DocModelClientRuntime
import DocModelRuntime
import Foundation
import PeerClient

typealias Client = @CLIENT@
typealias Operation = @Sendable ([String: JSONValue], Client, Outcome) async throws -> Void

/// Each operation path (the Python one) with the function that calls its generated method.
enum Operations {
    static let table: [String: Operation] = [
@TABLE@
    ]
}

/// One call of calls.jsonl through the generated client.
func perform(_ call: PeerCall, serverURL: URL, transport: PeerTransport, sentinel: Outcome) async {
    let client = Client(serverURL: serverURL, security: @SECURITY@, transport: transport)
    guard let operation = Operations.table[call.operation] else {
        sentinel.clientError("no Swift method for operation \(call.operation)")
        return
    }
    do {
        try await operation(call.arguments, client, sentinel)
    } catch let error as DocModelClientRuntime.UnexpectedResponseError {
        sentinel.unexpected(status: error.status.code)
    } catch let error as DocModelClientRuntime.ResponseDecodingError {
        sentinel.decodingError(status: error.status.code, message: error.description)
    } catch let error as DocModelClientRuntime.EventStreamDecodingError {
        // A stream is only returned for a 2XX reply; the check's stream replies are 200.
        sentinel.decodingError(status: 200, message: error.description)
    } catch let error as DocModelClientRuntime.ServerSentEventError {
        sentinel.decodingError(status: 200, message: String(describing: error))
    } catch where isTransportError(error) {
        sentinel.transportError(String(describing: error))
    } catch {
        sentinel.clientError(String(describing: error))
    }
}

await runCalls(perform)
'''

SUPPORT = r'''// Written by Tests/Peers/swift_runner.py. DO NOT EDIT.
import DocModelClientRuntime
import DocModelRuntime
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HTTPTypes
import OpenAPIRuntime

struct PeerCall: Decodable, Sendable {
    var id: String
    var operation: String
    var arguments: [String: JSONValue]

    enum CodingKeys: String, CodingKey { case id, operation, arguments, security }

    /// The operation's own security (`{"customer_session": "tok"}`) is its `security` argument.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        operation = try container.decode(String.self, forKey: .operation)
        arguments = try container.decode([String: JSONValue].self, forKey: .arguments)
        if let security = try container.decodeIfPresent(JSONValue.self, forKey: .security), security != .null {
            arguments["security"] = security
        }
    }
}

struct RunnerError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The argument `name` decoded into `T` (the generated type's own Decodable).
func requiredArgument<T: Decodable>(_ arguments: [String: JSONValue], _ name: String, _ type: T.Type) throws -> T {
    guard let value = arguments[name] else { throw RunnerError("argument \(name): missing") }
    return try decodeArgument(value, name, T.self)
}

/// nil when the argument is absent (or null and `T` does not decode null).
func optionalArgument<T: Decodable>(_ arguments: [String: JSONValue], _ name: String, _ type: T.Type) throws -> T? {
    guard let value = arguments[name] else { return nil }
    if case .null = value {
        return try? decodeArgument(value, name, T.self)
    }
    return try decodeArgument(value, name, T.self)
}

func decodeArgument<T: Decodable>(_ value: JSONValue, _ name: String, _ type: T.Type) throws -> T {
    do {
        return try JSONDecoder().decode(T.self, from: JSONEncoder().encode(value))
    } catch {
        throw RunnerError("argument \(name): not a \(T.self): \(error)")
    }
}

func encodeJSON<T: Encodable>(_ value: T) throws -> Data {
    try JSONEncoder().encode(value)
}

/// A stream operation's value: every event read (up to the sentinel or the body's end), as a JSON list.
func streamJSON<E: Codable & Sendable>(_ stream: DocModelClientRuntime.EventStream<E>) async throws -> Data {
    var events: [E] = []
    for try await event in stream {
        events.append(event)
    }
    return try encodeJSON(events)
}

/// `.json`: the value; `.stream`: its events as a JSON list.
func streamJSON<J: Encodable & Sendable, E: Codable & Sendable>(_ value: DocModelClientRuntime.JSONOrEventStream<J, E>) async throws -> Data {
    switch value {
    case .json(let json): return try encodeJSON(json)
    case .stream(let stream): return try await streamJSON(stream)
    }
}

/// Counts the requests a call sends (the transport adds one per request).
final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var sentCount = 0
    private(set) var line: String?
    let id: String

    init(id: String) { self.id = id }

    var sent: Int { lock.lock(); defer { lock.unlock() }; return sentCount }
    func didSend() { lock.lock(); sentCount += 1; lock.unlock() }

    private func write(_ fields: [(String, String)]) {
        let text = fields.map { "\(Self.quote($0.0)):\($0.1)" }.joined(separator: ",")
        line = "{\"id\":\(Self.quote(id)),\(text),\"sent\":\(sent)}"
    }

    static func quote(_ text: String) -> String {
        String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
    }

    func returned(_ json: Data?) {
        write([("kind", Self.quote("returned")), ("value", json.map { String(decoding: $0, as: UTF8.self) } ?? "null")])
    }
    func typedError(status: Int, type: String, body: Data) {
        write([("kind", Self.quote("typed_error")), ("status", "\(status)"), ("error_type", Self.quote(type)),
               ("body", String(decoding: body, as: UTF8.self))])
    }
    func unexpected(status: Int) {
        write([("kind", Self.quote("unexpected")), ("status", "\(status)")])
    }
    func decodingError(status: Int, message: String) {
        write([("kind", Self.quote("decoding_error")), ("status", "\(status)"), ("message", Self.quote(message))])
    }
    func clientError(_ message: String) {
        write([("kind", Self.quote("client_error")), ("message", Self.quote(message))])
    }
    func transportError(_ message: String) {
        write([("kind", Self.quote("transport_error")), ("message", Self.quote(message))])
    }
}

/// No answer came (URLSession's errors, a socket's, the runtime's timeout): sdk_calls.py's
/// `transport_error` (httpx.TransportError), which the retry pass's dropped connections give.
func isTransportError(_ error: any Error) -> Bool {
    if let error = error as? ClientError { return isTransportError(error.underlyingError) }
    if let error = error as? DocModelClientRuntime.EventStreamReadError { return isTransportError(error.underlying) }
    return error is URLError || error is POSIXError || error is RequestTimeoutError
}

/// URLSession as a swift-openapi-runtime ClientTransport: the whole body is read, no cookies, no cache.
struct PeerTransport: ClientTransport {
    let session: URLSession
    let outcome: Outcome

    func send(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws -> (HTTPResponse, HTTPBody?) {
        let text = baseURL.absoluteString + (request.path ?? "")
        guard let url = URL(string: text) else { throw RunnerError("not a URL: \(text)") }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method.rawValue
        urlRequest.timeoutInterval = 60
        for field in request.headerFields {
            urlRequest.addValue(field.value, forHTTPHeaderField: field.name.rawName)
        }
        if let body {
            urlRequest.httpBody = try await Data(collecting: body, upTo: .max)
        }
        outcome.didSend()
        let (data, response) = try await load(session, urlRequest)
        var fields = HTTPFields()
        for (key, value) in response.allHeaderFields {
            if let key = key as? String, let name = HTTPField.Name(key) {
                fields.append(HTTPField(name: name, value: "\(value)"))
            }
        }
        return (HTTPResponse(status: .init(code: response.statusCode), headerFields: fields), HTTPBody(data))
    }
}

func load(_ session: URLSession, _ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
    try await withCheckedThrowingContinuation { continuation in
        let task = session.dataTask(with: request) { data, response, error in
            if let error {
                continuation.resume(throwing: error)
            } else if let response = response as? HTTPURLResponse {
                continuation.resume(returning: (data ?? Data(), response))
            } else {
                continuation.resume(throwing: RunnerError("no HTTP response"))
            }
        }
        task.resume()
    }
}

func makeSession() -> URLSession {
    let configuration = URLSessionConfiguration.ephemeral
    configuration.httpShouldSetCookies = false
    configuration.httpCookieAcceptPolicy = .never
    configuration.urlCache = nil
    configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
    configuration.httpMaximumConnectionsPerHost = 1
    return URLSession(configuration: configuration)
}

/// The command line's `--name value` pairs (nil when one has no value).
let runnerOptions: [String: String]? = {
    var options: [String: String] = [:]
    var rest = Array(CommandLine.arguments.dropFirst())
    while rest.count >= 2 {
        options[rest[0]] = rest[1]
        rest.removeFirst(2)
    }
    return rest.isEmpty ? options : nil
}()

/// The recording server, which every call of an operation with servers of its own names
/// (`serverURL:`), as sdk_calls.py passes it as `server_url=`.
let peerServerURL: URL? = runnerOptions?["--server-url"].flatMap { URL(string: $0) }

/// The policy every call passes as `retries:` (an operation without that argument never retries):
/// `--retries none` (the default) is `.disabled`; `--retries backoff:INITIAL,MAX,EXPONENT,MAX_ELAPSED[,0|1]`
/// (ms, as sdk_calls.py's `--retries`) is `.backoff(…)` with the SDK's default jitter (capped by MAX).
let peerRetryPolicy: RetryPolicy = {
    let text = runnerOptions?["--retries"] ?? "none"
    if text == "none" { return .disabled }
    let numbers = text.hasPrefix("backoff:") ? text.dropFirst("backoff:".count).split(separator: ",").map(String.init) : []
    guard numbers.count == 4 || numbers.count == 5, let initial = Int(numbers[0]), let maximum = Int(numbers[1]),
          let exponent = Double(numbers[2]), let elapsed = Int(numbers[3]) else {
        FileHandle.standardError.write(Data("Runner: bad --retries \(text)\n".utf8))
        exit(2)
    }
    return .backoff(initialIntervalMs: initial, maxIntervalMs: maximum, exponent: exponent, maxElapsedTimeMs: elapsed,
                    retryConnectionErrors: numbers.count == 5 && (numbers[4] == "1" || numbers[4] == "true"))
}()

func runCalls(_ perform: (PeerCall, URL, PeerTransport, Outcome) async -> Void) async {
    guard let options = runnerOptions, let server = options["--server-url"], let callsPath = options["--calls"],
          let outPath = options["--out"], Set(options.keys).isSubset(of: ["--server-url", "--calls", "--out", "--retries"]),
          let serverURL = URL(string: server) else {
        FileHandle.standardError.write(Data("usage: Runner --server-url URL --calls calls.jsonl --out outcomes.jsonl [--retries none|backoff:I,M,E,T[,C]]\n".utf8))
        exit(2)
    }
    _ = peerRetryPolicy
    guard let text = try? String(contentsOfFile: callsPath, encoding: .utf8) else {
        FileHandle.standardError.write(Data("Runner: cannot read \(callsPath)\n".utf8))
        exit(2)
    }
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    guard let out = FileHandle(forWritingAtPath: outPath) else { exit(2) }
    let session = makeSession()
    let base = server.hasSuffix("/") ? String(server.dropLast()) : server
    for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty {
        let call: PeerCall
        do {
            call = try JSONDecoder().decode(PeerCall.self, from: Data(line.utf8))
        } catch {
            FileHandle.standardError.write(Data("Runner: bad call line: \(error)\n".utf8))
            exit(2)
        }
        let id = call.id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? call.id
        var announce = URLRequest(url: URL(string: "\(base)/__peer__/call/\(id)")!)
        announce.httpMethod = "POST"
        announce.httpBody = Data()
        do {
            _ = try await load(session, announce)
        } catch {
            FileHandle.standardError.write(Data("Runner: announcing \(call.id) failed: \(error)\n".utf8))
            exit(2)
        }
        let outcome = Outcome(id: call.id)
        await perform(call, serverURL, PeerTransport(session: session, outcome: outcome), outcome)
        let written = outcome.line ?? "{\"id\":\(Outcome.quote(call.id)),\"kind\":\"harness_error\",\"message\":\"no outcome\"}"
        out.write(Data((written + "\n").utf8))
    }
    try? out.close()
}
'''


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    for option in ("--generated", "--schema", "--tree", "--out-dir"):
        parser.add_argument(option, required=True)
    parser.add_argument("--table")
    return emit(parser.parse_args(argv[1:]))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
