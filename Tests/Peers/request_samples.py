#!/usr/bin/env python3
"""request_samples.py: the calls of the request-equality peer check (standard library only).

    request_samples.py --schema FILE --generated DIR --tree DIR --calls FILE --unchecked FILE

From a `docmodelgen schema` dump (its `api` section: groups, operations, parameters, response,
errors) and the generated Swift model files (for the JSON keys: the `CodingKeys`, as the JSON peer
check does, peer_check.swift_info), writes one JSON line per (operation × reply) to --calls:

    {"id": "<op>.<reply>" | "<op>.0-min", "operation": "customer_portal.customers.get",
     "arguments": {<python parameter name>: <sample JSON value, keys = the generated CodingKeys>},
     "binary": [[<path into arguments>], …],      # strings there are base64 file contents / bytes
     "security": {<field>: "tok"} | null,          # per-operation security (polar customer portal)
     "reply": {"status": 200, "content_type": "application/json", "body_b64": "…"},
     "response_field": "<wrapper's body field>" | null}

Every parameter is set (required and optional, every field of request models, recursively); the
`-min` call sets the required ones only (and, inside models, only required fields), with the success
reply. Replies: (a) success: 200 with a sample of the response type (the body field's type for a
wrapper of SDK metadata `http_meta`/`status_code`/`content_type`/`raw_response` and one body field,
and for polar's paginated `…Response` whose only documented field is `result`), or 204 with an empty
body when there is no response type (or a wrapper has no body field), or for a stream operation (an
`EventStream` response with the schema's `streamEvent`) 200 `text/event-stream` with the event
model's sample twice (`data: <its data as JSON>`, and `id:`/`event:`/`retry:` lines for those fields),
then `data: [DONE]` (sse_reply); (b) each documented error row
with a model type (not SDKError): its first status code (4XX → 400, 5XX → 500) with a sample of the
error model; (c) 418 text/plain `teapot`. The samples are peer_check.Sampler's, plus file contents
and `bytes` as base64 of b"PNG\\x00\\r\\n" (`UE5HAA0K`; what DocModelRuntime.FileContent / Data decode).

The operation's Python path comes from the example under its heading in docs/sdks/*/README.md
(`res = polar.customer_portal.customers.get(`), else from the group accessor and the method name.
Skipped (SDK options): retries, server_url, timeout_ms, http_headers, accept_header_override;
`security` is given as a fixed value ("security") and listed as unchecked. Anything that cannot be
sampled goes to --unchecked: {"operation", "id"?, "reason"}.
"""
import argparse
import base64
import json
import os
import re
import sys

import peer_check
from peer_check import OMIT, Recursion, Unsampleable

SDK_OPTIONS = ("retries", "server_url", "timeout_ms", "http_headers", "accept_header_override")
META_FIELDS = ("http_meta", "status_code", "content_type", "raw_response")
FILE_BYTES = b"PNG\x00\r\n"
FILE_B64 = base64.b64encode(FILE_BYTES).decode()


class RequestSampler(peer_check.Sampler):
    """peer_check.Sampler with file contents and bytes (base64), and a required-only mode."""

    minimal = False

    def value(self, node, stack):
        kind = node["kind"]
        if kind in ("fileContent", "bytes"):
            return FILE_B64
        if self.minimal and kind in ("optional", "optionalNullable"):
            return OMIT
        return super().value(node, stack)


def binary_paths(value, path=()):
    if isinstance(value, str) and value == FILE_B64:
        yield list(path)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from binary_paths(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from binary_paths(item, path + (index,))


def python_path(tree, group, operation):
    """`customer_portal.customers.get` from the README example under the operation's heading."""
    accessor = ".".join(group["accessor"])
    fallback = f"{accessor}.{operation['name']}"
    location = operation.get("location") or {}
    path = os.path.normpath(os.path.join(tree, "docs", "models", location.get("file", "")))
    if not os.path.isfile(path):
        return fallback
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().splitlines()[location.get("line", 1) - 1:]
    text = []
    for index, line in enumerate(lines):
        if index > 0 and line.startswith("## "):
            break
        text.append(line)
    match = re.search(r"\b[A-Za-z_]\w*\.((?:[A-Za-z_]\w*\.)*" + re.escape(operation["name"]) + r")\(", "\n".join(text))
    return match.group(1) if match else fallback


def wrapper(models, node):
    """(body field node or None, field name or None) when `node` is a wrapper response model, else None."""
    if node.get("kind") != "reference":
        return None
    model = models.get(node["reference"].get("target"))
    if model is None or peer_check.model_kind(model) != "object":
        return None
    fields = model["kind"]["object"].get("fields", [])
    names = [field["wireName"] for field in fields]
    body = [field for field in fields if field["wireName"] not in META_FIELDS]
    if any(name in META_FIELDS for name in names):
        if not body:
            return (None, None)
        # unstructured partition has `csv_elements` (str, for text/csv) and `elements`: the JSON one.
        chosen = next((field for field in body if unwrapped(field["type"])["kind"] != "string"), body[0])
        return (chosen["type"], chosen["wireName"])
    if names == ["result"] and model["name"].endswith("Response"):
        return (fields[0]["type"], "result")  # polar pagination (the `next` callable is not documented)
    return None


def unwrapped(node):
    while node["kind"] in ("optional", "nullable", "optionalNullable"):
        node = node["wrapped"]
    return node


def status_of(code):
    code = code.strip().upper()
    if code in ("4XX", "5XX"):
        return int(code[0]) * 100
    return int(code) if code.isdigit() else None


def json_reply(status, value):
    body = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
    return {"status": status, "content_type": "application/json", "body_b64": base64.b64encode(body).decode()}


SSE_SENTINEL = "[DONE]"


def sse_reply(event):
    """200 `text/event-stream`: the event model's sample (its envelope `{data, event?, id?, retry?}`,
    keys = wire names) as two equal events, then `data: [DONE]` (friendli's sentinel, the only stream
    SDK of the shared trees; a client that does not know it fails decoding it)."""
    block = []
    if not isinstance(event, dict):
        event = {"data": event}
    for field in ("id", "event", "retry"):
        if event.get(field) is not None:
            block.append(f"{field}: {event[field]}")
    if "data" in event:
        data = event["data"]
        text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        block += [f"data: {line}" for line in text.split("\n")]
    body = ("\n".join(block) + "\n\n") * 2 + f"data: {SSE_SENTINEL}\n\n"
    return {"status": 200, "content_type": "text/event-stream", "body_b64": base64.b64encode(body.encode()).decode()}


def sample_arguments(sampler, operation, minimal):
    """({name: value}, security, [unchecked reasons])."""
    arguments, security, notes = {}, None, []
    sampler.minimal = minimal
    try:
        for parameter in operation["parameters"]:
            name = parameter["name"]
            if name in SDK_OPTIONS:
                continue
            if name == "security":
                security = security_value(sampler, parameter)
                continue
            required = parameter.get("required") == "required"
            if minimal and not required:
                continue
            try:
                value = sampler.value(parameter["type"], [])
            except Recursion:
                value = OMIT
            if value is OMIT:
                if required:
                    raise Unsampleable(f"parameter {name!r}: required, but its type has no sample")
                notes.append(f"parameter {name!r} not set: its type has no sample")
                continue
            arguments[name] = value
    finally:
        sampler.minimal = False
    return arguments, security, notes


def security_value(sampler, parameter):
    """A per-operation security model: its first field set to "tok" (bearer `Authorization: Bearer tok`)."""
    node = parameter["type"]
    while node["kind"] in ("optional", "nullable", "optionalNullable"):
        node = node["wrapped"]
    if node["kind"] == "reference":
        model = sampler.by_path.get(node["reference"].get("target"))
        if model and peer_check.model_kind(model) == "object":
            fields = model["kind"]["object"].get("fields", [])
            if fields:
                return {sampler.key(model, fields[0]): "tok"}
    return "tok"


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    for option in ("--schema", "--generated", "--tree", "--calls", "--unchecked"):
        parser.add_argument(option, required=True)
    args = parser.parse_args(argv[1:])
    with open(args.schema, encoding="utf-8") as handle:
        schema = json.load(handle)
    models = schema["models"]
    keys, _, unmatched, integer_enums = peer_check.swift_info(models, args.generated)
    sampler = RequestSampler(models, keys, integer_enums)
    by_path = sampler.by_path
    calls, unchecked = [], []
    operations = 0
    for group in schema["api"]["groups"]:
        for operation in group["operations"]:
            operations += 1
            op_id = str(operations)
            name = python_path(args.tree, group, operation)
            base = {"operation": name}

            def skip(reason, call_id=None):
                unchecked.append({"operation": name, **({"id": call_id} if call_id else {}), "reason": reason})

            try:
                arguments, security, notes = sample_arguments(sampler, operation, minimal=False)
            except Unsampleable as error:
                skip(f"arguments cannot be sampled: {error}")
                continue
            for note in notes:
                skip(note)
            try:
                minimal_arguments, _, _ = sample_arguments(sampler, operation, minimal=True)
            except Unsampleable as error:
                minimal_arguments = None
                skip(f"required-only arguments cannot be sampled: {error}", f"{op_id}.0-min")
            if security is not None:
                skip(f"per-operation `security`: only {json.dumps(security)} is sent (Authorization: Bearer tok); "
                     "other schemes are not checked")
            replies = []  # (reply, response_field) or (None, reason)
            node = operation.get("response")
            field = None
            if node is None:
                replies.append(({"status": 204, "content_type": None, "body_b64": ""}, None))
            else:
                found = wrapper(by_path, node)
                if found is not None:
                    node, field = found
                if node is None:
                    replies.append(({"status": 204, "content_type": None, "body_b64": ""}, None))
                else:
                    inner = node
                    while inner["kind"] in ("optional",):
                        inner = inner["wrapped"]
                    try:
                        if inner["kind"] == "sdkObject" and operation.get("streamEvent"):
                            value = sampler.value(operation["streamEvent"], [])
                            if value is OMIT:
                                raise Unsampleable("the stream's event type has no sample")
                            replies.append((sse_reply(value), field))
                            inner = None
                        elif inner["kind"] in ("sdkObject", "bytes", "fileContent"):
                            raise Unsampleable(f"the response is {inner.get('text', inner['kind'])} (not a JSON body)")
                        if inner is not None:
                            value = sampler.value(inner, [])
                            if value is OMIT:
                                raise Unsampleable("the response type has no sample")
                            replies.append((json_reply(200, value), field))
                    except (Unsampleable, Recursion) as error:
                        replies.append((None, f"success reply: {error or 'required recursion'}"))
            for row in operation.get("errors", []):
                text = row.get("typeText", "")
                if text.endswith("SDKError") or row.get("contentType") in ("*/*", "/"):
                    continue
                status = status_of(row["statusCodes"][0]) if row.get("statusCodes") else None
                try:
                    if status is None:
                        raise Unsampleable(f"status code {row.get('statusCodes')!r}")
                    value = sampler.value(row["type"], [])
                    if value is OMIT:
                        raise Unsampleable("the error type has no sample")
                    replies.append((json_reply(status, value), None))
                except (Unsampleable, Recursion) as error:
                    replies.append((None, f"error reply {text} {row.get('statusCodes')}: {error or 'required recursion'}"))
            replies.append(({"status": 418, "content_type": "text/plain",
                             "body_b64": base64.b64encode(b"teapot").decode()}, None))
            first = True
            for index, (reply, extra) in enumerate(replies):
                call_id = f"{op_id}.{index}"
                if reply is None:
                    skip(extra, call_id)
                    continue
                call = {"id": call_id, **base, "arguments": arguments, "binary": list(binary_paths(arguments)),
                        "security": security, "reply": reply, "response_field": extra}
                calls.append(call)
                if first and minimal_arguments is not None:
                    first = False
                    calls.append({**call, "id": f"{op_id}.0-min", "arguments": minimal_arguments,
                                  "binary": list(binary_paths(minimal_arguments))})
    peer_check.write_lines(args.calls, calls)
    peer_check.write_lines(args.unchecked, unchecked)
    print(f"request samples: {operations} operation(s), {len(calls)} call(s), {len(unchecked)} unchecked")
    if unmatched:
        print(f"request samples: {len(unmatched)} struct(s) whose CodingKeys do not match use the schema's wire names")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
