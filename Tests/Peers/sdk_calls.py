#!/usr/bin/env python3
"""sdk_calls.py: the real Python SDK's side of the request-equality peer check.

    sdk_calls.py --sdk livepeer|polar|unstructured|airbyte|friendli --server-url URL
                 --calls calls.jsonl --out outcomes.jsonl [--only ID]... [--mutate KIND]
                 [--retries none|backoff:INITIAL,MAX,EXPONENT,MAX_ELAPSED[,CONNECTION_ERRORS]]

For each line of --calls (request_samples.py) it builds the SDK against URL (a new SDK and HTTP
client per call, kept referenced until the call returns), announces the call to the recording
server (`POST URL/__peer__/call/<id>`, recording_server.py), and calls the method the `operation`
path names with the `arguments` converted into the SDK's types, retries off. One outcome line each:

    {"id", "kind": "returned", "value": <JSON>}            # wrapper: the `response_field` value
    {"id", "kind": "returned", "value": null, "status": N}  # airbyte: an undocumented status it returns
    {"id", "kind": "typed_error", "status": N, "error_type": "<class>", "body": <the error's data as JSON>}
    {"id", "kind": "unexpected", "status": N}              # SDKError / APIError (generic)
    {"id", "kind": "decoding_error", "status": N}          # ResponseValidationError, pydantic
                                                           # ValidationError, JSONDecodeError, …
    {"id", "kind": "client_error", "message": "…"}        # raised before any request was sent
    {"id", "kind": "transport_error", "message": "…"}     # no answer (httpx.TransportError, requests'
                                                           # ConnectionError/Timeout): the retry pass's drops
(plus "sent": how many requests the SDK sent, for the harness only.)
A returned `EventStream` (friendli's stream operations) is drained in the call (the sentinel or the
body's end stops it) and returned as the JSON list of its events, each converted as below; an event
that does not validate is the call's `decoding_error` (ResponseValidationError), as for a body.

Converting the arguments (the JSON form the generated Swift types decode, keys = CodingKeys):
  - the `binary` paths of the call (base64 strings) become `bytes` first;
  - pydantic family (polar, livepeer, unstructured, friendli): the method's annotation with its
    TypedDict and Unset members removed, `pydantic.TypeAdapter(T).validate_python(value)`: models
    validated from their wire names (aliases), enums from values, datetimes and dates from ISO text;
  - airbyte: a plain dataclass (operations requests) is built field by field by Python name, with
    each field converted by its type; anything else through `airbyte.utils.unmarshal_json` (the
    SDK's own decoding: dataclasses-json, enums, unions); datetime/date from ISO text.
Retries: `retries=RetryConfig("none", None, False)` on every method of the pydantic family
(`utils/retries.py`: only the strategy "backoff" retries; unstructured and friendli default to
backoff when `retries` is UNSET); airbyte has no default retries. `--retries backoff:1,5,1.5,60000`
(the retry pass of request-peer-check) passes `RetryConfig("backoff", BackoffStrategy(1, 5, 1.5, 60000),
CONNECTION_ERRORS (0/1, default 0))` instead, in milliseconds; airbyte gets it as the SDK's
`retry_config=` (its operations never read it: SDK-FACTS j).
A value that does not convert is passed as raw JSON (the SDK then validates it itself).
JSON of a returned value: a pydantic model through the SDK's `utils.marshal_json(v, type(v))` (its
request-body writing, as polar_roundtrip.py), other values through
`pydantic_core.to_jsonable_python(v, by_alias=True)`; airbyte through `utils.marshal_json`.

--mutate KIND (a stand-in for a broken Swift runner, to test compare_requests.py): `drop-query`
drops the last query pair of every request, `json-value` changes the first string value of every
JSON body to "mutated", `returned` changes every returned value.
"""
import argparse
import base64
import dataclasses
import datetime
import enum
import inspect
import io
import json
import operator
import sys
import typing
import urllib.request
import warnings

TOKEN = "tok"


def read_lines(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def set_path(value, path, new):
    if not path:
        return new
    head, rest = path[0], path[1:]
    value[head] = set_path(value[head], rest, new)
    return value


# --- the pydantic family ------------------------------------------------------------------------

def strip(annotation):
    """The annotation without TypedDict members and Unset (what a caller passes as a model)."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return typing.Annotated[(strip(args[0]),) + tuple(annotation.__metadata__)]
    if origin is typing.Union:
        kept = [strip(arg) for arg in args if not is_typeddict(arg) and getattr(arg, "__name__", "") != "Unset"]
        return typing.Union[tuple(kept)] if kept else annotation
    if origin in (list, typing.List) and args:
        return typing.List[strip(args[0])]
    if origin in (dict, typing.Dict) and len(args) == 2:
        return typing.Dict[args[0], strip(args[1])]
    return annotation


def is_typeddict(annotation):
    return typing.is_typeddict(annotation) or str(getattr(annotation, "__name__", "")).endswith("TypedDict")


def parse_retries(text):
    """`none` → None; `backoff:INITIAL,MAX,EXPONENT,MAX_ELAPSED[,CONNECTION_ERRORS]` → the numbers."""
    if not text or text == "none":
        return None
    kind, _, numbers = text.partition(":")
    values = numbers.split(",")
    if kind != "backoff" or len(values) not in (4, 5):
        raise SystemExit(f"sdk_calls.py: bad --retries {text!r}")
    return (int(values[0]), int(values[1]), float(values[2]), int(values[3]),
            len(values) == 5 and values[4] in ("1", "true"))


class PydanticFamily:
    retries = None

    def retry_config(self):
        if self.retries is None:
            return self.utils.RetryConfig("none", None, False)
        initial, maximum, exponent, elapsed, connection = self.retries
        return self.utils.RetryConfig("backoff", self.utils.BackoffStrategy(initial, maximum, exponent, elapsed), connection)

    def __init__(self, sdk):
        self.name = sdk
        import httpx
        import pydantic
        import pydantic_core
        self.httpx, self.pydantic, self.pydantic_core = httpx, pydantic, pydantic_core
        if sdk == "polar":
            import polar_sdk
            self.package, self.cls, self.auth = polar_sdk, polar_sdk.Polar, "access_token"
        elif sdk == "livepeer":
            import livepeer_ai
            self.package, self.cls, self.auth = livepeer_ai, livepeer_ai.Livepeer, "http_bearer"
        elif sdk == "unstructured":
            import unstructured_client
            # The README documents no authentication and every example builds UnstructuredClient()
            # without a key, so the SDK is built as the docs build it: the key travels as each
            # request model's `unstructured-api-key` header parameter.
            self.package, self.cls, self.auth = unstructured_client, unstructured_client.UnstructuredClient, None
        elif sdk == "friendli":
            import friendli
            import friendli.core
            self.package, self.cls, self.auth = friendli.core, friendli.SyncFriendli, "token"
        self.utils = __import__(self.package.__name__ + ".utils", fromlist=["utils"])

    def build(self, server_url, counter):
        self.server_url = server_url
        client = self.httpx.Client(follow_redirects=True, event_hooks={"request": [lambda request: counter.append(1)]})
        return self.cls(**({self.auth: TOKEN} if self.auth else {}), server_url=server_url, client=client)

    def convert(self, annotation, value):
        if annotation is inspect.Parameter.empty:
            return value
        return self.pydantic.TypeAdapter(strip(annotation)).validate_python(value)

    def call(self, method, arguments, security):
        parameters = inspect.signature(method).parameters
        if "retries" in parameters:
            arguments = {**arguments, "retries": self.retry_config()}
        if "server_url" in parameters and self.name == "friendli":
            # friendli's container operations have their own server (http://localhost:8000) that the
            # SDK's server_url does not replace; only the method's `server_url=` does (the Swift
            # runner passes the same server as `serverURL:`).
            arguments["server_url"] = self.server_url
        if security is not None:
            arguments["security"] = security
        return method(**arguments)

    def to_json(self, value):
        if isinstance(value, self.pydantic.BaseModel):
            return json.loads(self.utils.marshal_json(value, type(value)))
        return self.pydantic_core.to_jsonable_python(value, by_alias=True)

    def is_transport_error(self, error):
        return isinstance(error, self.httpx.TransportError)

    def outcome(self, error, status):
        name = type(error).__name__
        code = getattr(error, "status_code", None) or status
        if name in ("SDKError", "APIError"):
            return {"kind": "unexpected", "status": code}
        if name in ("ResponseValidationError", "ValidationError", "JSONDecodeError", "ValueError", "KeyError", "TypeError"):
            return {"kind": "decoding_error", "status": code}
        data = getattr(error, "data", None)
        if data is not None:
            return {"kind": "typed_error", "status": code, "error_type": name, "body": self.to_json(data)}
        return None


# --- airbyte --------------------------------------------------------------------------------------

class Airbyte:
    name = "airbyte"
    retries = None

    def __init__(self, sdk):
        import airbyte
        import airbyte.models.shared as shared
        import requests
        from airbyte import utils
        self.airbyte, self.shared, self.requests, self.utils = airbyte, shared, requests, utils

    def build(self, server_url, counter):
        session = self.requests.Session()  # a new one: airbyte writes security into the session (SDK-FACTS i.7)
        session.hooks["response"].append(lambda response, *a, **k: counter.append(1))
        extra = {}
        if self.retries is not None:
            from airbyte.utils import retries as airbyte_retries
            initial, maximum, exponent, elapsed, connection = self.retries
            extra["retry_config"] = airbyte_retries.RetryConfig(
                "backoff", airbyte_retries.BackoffStrategy(initial, maximum, exponent, elapsed), connection)
        return self.airbyte.Airbyte(security=self.shared.Security(bearer_auth=TOKEN), server_url=server_url, client=session, **extra)

    def convert(self, annotation, value):
        if annotation is inspect.Parameter.empty or value is None:
            return value
        inner = annotation
        args = [arg for arg in typing.get_args(inner) if arg is not type(None)]
        if typing.get_origin(inner) is typing.Union and len(args) == 1:
            inner = args[0]
        if inner is datetime.datetime:
            from dateutil import parser
            return parser.isoparse(value)
        if inner is datetime.date:
            return datetime.date.fromisoformat(value)
        if typing.get_origin(inner) in (list, typing.List) and isinstance(value, list):
            item = typing.get_args(inner)[0]
            return [self.convert(item, v) for v in value]
        if isinstance(inner, type) and dataclasses.is_dataclass(inner) and not hasattr(inner, "to_dict"):
            hints = typing.get_type_hints(inner)
            # The sample is keyed as the generated Swift type's CodingKeys: with --python-sdk the wire
            # names of the metadata (`'path_param': {'field_name': 'connectionId'}`), else the
            # attribute names; a body field (`'request'`) keeps its attribute name.
            by_wire = {}
            for field in dataclasses.fields(inner):
                by_wire[field.name] = field.name
                for kind in ("path_param", "query_param", "header"):
                    wire = (field.metadata.get(kind) or {}).get("field_name")
                    if wire:
                        by_wire[wire] = field.name
            return inner(**{by_wire.get(key, key): self.convert(hints.get(by_wire.get(key, key), inspect.Parameter.empty), item)
                            for key, item in value.items()})
        return self.utils.unmarshal_json(json.dumps(value), inner)

    def call(self, method, arguments, security):
        return method(**arguments)

    def to_json(self, value):
        if dataclasses.is_dataclass(value):
            return json.loads(self.utils.marshal_json(value, type(value)))
        return value

    def is_transport_error(self, error):
        return isinstance(error, (self.requests.exceptions.ConnectionError, self.requests.exceptions.Timeout))

    def outcome(self, error, status):
        name = type(error).__name__
        if name == "SDKError":
            return {"kind": "unexpected", "status": getattr(error, "status_code", None) or status}
        if name in ("JSONDecodeError", "KeyError", "ValueError", "TypeError", "AttributeError"):
            return {"kind": "decoding_error", "status": status}
        return None


# --- the calls ----------------------------------------------------------------------------------

def hints_of(method):
    try:
        return typing.get_type_hints(method, include_extras=True)
    except Exception:
        return {name: parameter.annotation for name, parameter in inspect.signature(method).parameters.items()}


def announce(server_url, call_id):
    request = urllib.request.Request(f"{server_url.rstrip('/')}/__peer__/call/{urllib.request.quote(call_id)}",
                                     data=b"", method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        response.read()


def run_call(family, server_url, call):
    status = call["reply"]["status"]
    counter = []
    sdk = family.build(server_url, counter)
    try:
        method = operator.attrgetter(call["operation"])(sdk)
    except AttributeError as error:
        return {"kind": "client_error", "message": f"no method {call['operation']}: {error}"}
    arguments = json.loads(json.dumps(call["arguments"]))
    for path in call.get("binary", []):
        set_path(arguments, path, base64.b64decode(functools_get(arguments, path)))
    hints = hints_of(method)
    accepted = inspect.signature(method).parameters
    converted = {}
    for name, value in list(arguments.items()):
        if name not in accepted and name + "_" in accepted:
            name = name + "_"  # a Python keyword escaped by the SDK (friendli `input` → `input_`), the docs show `input`
        try:
            converted[name] = family.convert(hints.get(name, inspect.Parameter.empty), value)
        except Exception:
            converted[name] = value  # the SDK validates it itself
    security = call.get("security")
    if security is not None:
        try:
            security = family.convert(hints.get("security", inspect.Parameter.empty), security)
        except Exception:
            pass
    try:
        result = family.call(method, converted, security)
        if is_event_stream(result):
            # Drained here, inside the try: an event that does not validate raises as a body would.
            with result:
                result = StreamEvents(result)
    except Exception as error:
        if not counter:
            return {"kind": "client_error", "message": f"{type(error).__name__}: {first_line(error)}", "sent": 0}
        found = family.outcome(error, status)
        if family.is_transport_error(error):
            found = {"kind": "transport_error", "message": f"{type(error).__name__}: {first_line(error)}"}
        if found is None:
            found = {"kind": "unexpected_exception", "status": status, "message": f"{type(error).__name__}: {first_line(error)}"}
        return {**found, "sent": len(counter)}
    field = call.get("response_field")
    outcome = {"kind": "returned"}
    if result is not None and field:
        value = getattr(result, field, None)
        if value is None and family.name == "airbyte":
            outcome["status"] = getattr(result, "status_code", status)
        result = value
    elif result is not None and family.name == "airbyte" and hasattr(result, "raw_response"):
        result = None  # a wrapper of metadata only (delete): nothing but the status
    try:
        if isinstance(result, StreamEvents):
            outcome["value"] = [family.to_json(event) for event in result]
        else:
            outcome["value"] = None if result is None else family.to_json(result)
    except Exception as error:
        outcome["value"] = {"unserializable": f"{type(result).__name__}: {first_line(error)}"}
    outcome["sent"] = len(counter)
    return outcome


class StreamEvents(list):
    """The events of a drained `EventStream` (returned as the JSON list of the events)."""


def is_event_stream(value):
    """The SDK's `utils.eventstreaming.EventStream` (friendli's stream operations)."""
    return type(value).__name__ == "EventStream" and hasattr(value, "generator")


def functools_get(value, path):
    for key in path:
        value = value[key]
    return value


def first_line(error, limit=300):
    text = " | ".join(line.strip() for line in str(error).splitlines() if line.strip() and "errors.pydantic.dev" not in line)
    return text[:limit]


def mutate_returned(outcome):
    if outcome.get("kind") == "returned":
        outcome["value"] = {"mutated": outcome.get("value")}
    return outcome


class MutatingProxy:
    """Forwards requests to the real server after changing them (--mutate drop-query / json-value)."""

    def __init__(self, target, kind):
        import http.server
        import socketserver
        import threading
        import urllib.parse
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def any(self):
                length = int(self.headers.get("Content-Length", "0") or 0)
                body = self.rfile.read(length) if length else b""
                path, _, query = self.path.partition("?")
                if kind == "drop-query" and query and not path.startswith("/__peer__"):
                    pairs = query.split("&")[:-1]
                    query = "&".join(pairs)
                if kind == "json-value" and "json" in (self.headers.get("Content-Type") or ""):
                    try:
                        body = json.dumps(change_first_string(json.loads(body))).encode()
                    except ValueError:
                        pass
                url = target + path + ("?" + query if query else "")
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")}
                request = urllib.request.Request(url, data=body if body or self.command in ("POST", "PUT", "PATCH") else None,
                                                 method=self.command, headers=headers)
                try:
                    with urllib.request.urlopen(request, timeout=30) as response:
                        status, reply_headers, data = response.status, response.headers, response.read()
                except urllib.error.HTTPError as error:
                    status, reply_headers, data = error.code, error.headers, error.read()
                self.send_response_only(status)
                if reply_headers.get("Content-Type"):
                    self.send_header("Content-Type", reply_headers["Content-Type"])
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = any

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"


def change_first_string(value):
    done = [False]

    def walk(item):
        if isinstance(item, str) and not done[0]:
            done[0] = True
            return "mutated"
        if isinstance(item, dict):
            return {k: walk(v) for k, v in item.items()}
        if isinstance(item, list):
            return [walk(v) for v in item]
        return item
    return walk(value)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sdk", required=True, choices=["livepeer", "polar", "unstructured", "airbyte", "friendli"])
    parser.add_argument("--server-url", required=True)
    parser.add_argument("--calls", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--only", action="append", help="run only these call ids")
    parser.add_argument("--mutate", choices=["drop-query", "json-value", "returned"])
    parser.add_argument("--retries", default="none", help="none (default) or backoff:INITIAL,MAX,EXPONENT,MAX_ELAPSED[,0|1]")
    args = parser.parse_args(argv[1:])
    warnings.simplefilter("ignore")
    import logging
    logging.disable(logging.WARNING)
    family = Airbyte(args.sdk) if args.sdk == "airbyte" else PydanticFamily(args.sdk)
    family.retries = parse_retries(args.retries)
    server_url = args.server_url.rstrip("/")
    target_url = server_url
    if args.mutate in ("drop-query", "json-value"):
        target_url = MutatingProxy(server_url, args.mutate).url
    with open(args.out, "w", encoding="utf-8") as out:
        for call in read_lines(args.calls):
            if args.only and call["id"] not in args.only:
                continue
            announce(server_url, call["id"])
            try:
                outcome = run_call(family, target_url, call)
            except Exception as error:  # the harness itself
                outcome = {"kind": "harness_error", "message": f"{type(error).__name__}: {first_line(error)}"}
            if args.mutate == "returned":
                outcome = mutate_returned(outcome)
            out.write(json.dumps({"id": call["id"], **outcome}, ensure_ascii=False) + "\n")
            out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
