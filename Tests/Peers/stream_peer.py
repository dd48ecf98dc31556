#!/usr/bin/env python3
"""The streams peer check of friendli's nine `stream` operations (Tests/Peers/README.md, "streams").

For every stream operation the docs describe (serverless/dedicated/container × chat/completions/
audio), the real SDK (`friendli.SyncFriendli(server_url=…, token=…)` calling the operation) and the
generated Swift client call one local server on 127.0.0.1 that answers each call with a scenario
body built from that operation's event model (sse_scenarios.py's data makers, every event checked
with the SDK's own model); both must yield the same values, fail the same way, or raise the same
status.

    stream_peer.py cases --out DIR            writes DIR/scenarios.json and DIR/cases.json
    stream_peer.py serve --scenarios FILE --log FILE
                                              prints `LISTENING <port>`; `POST /__peer__/select/<i>?case=ID&side=S`
                                              selects scenario i for the next request of ANY path and
                                              method, which is read whole, logged (JSON lines: case, side,
                                              method, path, content type) and answered; exits when stdin closes
    stream_peer.py sdk --server-url URL --cases FILE --out FILE
                                              calls each case's operation with the SDK, one JSON line each:
                                              {"id", "values": [model_dump], "error": null | {kind, …}}
    stream_peer.py streamdiff --docs-generated DIR --generated DIR
                                              the stream methods of a docs-only and a --python-sdk generation, diffed
    stream_peer.py compare --cases FILE --sdk FILE --swift FILE --log FILE [--docs-only FILE] --report FILE

Values are the SDK's `event.model_dump(mode="json", by_alias=True)`: the model's own serializer,
which writes what the SDK sends (an unset optional left out, a nullable set to None kept as null),
the same rule the generated Codable follows (`?` absent when nil, `OptionalNullable` three states).
`exclude_unset=True` is not used: on a field with a default (`object`) it makes the serializer write
null. Values are compared as JSON values, a boolean never equal to a number.

Error kinds (both sides): `decoding` (SDK ResponseValidationError, Swift EventStreamDecodingError:
its `index` must be the number of values before it), `read` (the body was cut off: httpx's
RemoteProtocolError / EventStreamReadError after the same values), `status` (SDK SDKError,
Swift UnexpectedResponseError or APIError: the same status).
"""
import argparse
import base64
import json
import os
import socketserver
import sys
import threading
from urllib.parse import parse_qs, urlsplit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sse_peer  # noqa: E402
import sse_scenarios as sse  # noqa: E402

AUDIO_BYTES = b"RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00\x40\x1f\x00\x00\x80\x3e\x00\x00\x02\x00\x10\x00data\x00\x00\x00\x00"
MESSAGES = [{"role": "system", "content": "You are a helpful assistant."}, {"role": "user", "content": "Hello!"}]
AUDIO_FILE = {"file_name": "hello.wav", "content": base64.b64encode(AUDIO_BYTES).decode("ascii"), "content_type": "audio/wav"}

# Python operation path, event model, arguments keyed by the Python parameter names (the Swift
# runner decodes each into the method's parameter type; `file.content` is base64 on both sides'
# JSON and bytes for the SDK).
OPERATIONS = [
    ("serverless.chat.stream", sse.CHAT, {"model": "meta-llama-3.1-8b-instruct", "messages": MESSAGES}),
    ("dedicated.chat.stream", sse.CHAT, {"model": "(endpoint-id)", "messages": MESSAGES}),
    ("container.chat.stream", sse.CHAT, {"messages": MESSAGES}),
    ("serverless.completions.stream", sse.COMPLETIONS,
     {"serverless_completions_stream_body": {"prompt": "Say this is a test!", "model": "meta-llama-3.1-8b-instruct"}}),
    ("dedicated.completions.stream", sse.COMPLETIONS,
     {"dedicated_completions_stream_body": {"prompt": "Say this is a test!", "model": "(endpoint-id)"}}),
    ("container.completions.stream", sse.COMPLETIONS, {"request": {"prompt": "Say this is a test!"}}),
    ("serverless.audio.stream", sse.AUDIO, {"model": "openai/whisper-large-v3", "file": AUDIO_FILE}),
    ("dedicated.audio.stream", sse.AUDIO, {"model": "(endpoint-id)", "file": AUDIO_FILE}),
    ("container.audio.stream", sse.AUDIO, {"file": AUDIO_FILE}),
]
MAKERS = {sse.CHAT: sse.chat_data, sse.COMPLETIONS: sse.completion_data, sse.AUDIO: sse.audio_data}


def small_body(model):
    """A short stream for the split points: an id, a comment, two events (CRLF and LF-CRLF ends), [DONE]."""
    make = MAKERS[model]
    return (b"id: 7\r\n: hi\r\ndata: " + json.dumps(make(0, "x"), separators=(",", ":")).encode() + b"\r\n\r\n"
            + b"data: " + json.dumps(make(1, "y"), separators=(",", ":")).encode() + b"\n\r\n" + b"data: [DONE]\r\r")


def full_body(model):
    """Comments, a keep-alive, ids, multi-line data, `event:` and `retry:`, CRLF and CR ends, [DONE], and an event after it."""
    make = MAKERS[model]
    return (b": connected\n\n"
            + sse.event(make(0, "Hel"), id_="1")
            + b":\n\n"
            + sse.event(make(1, "lo, \u00e9t\u00e9 \U0001F600"), multiline=True)
            + sse.event(make(2, "\"quoted\"\nline"), event_name="delta", retry=3000, newline=b"\r\n")
            + b":keep-alive\n\n"
            + sse.event(make(3, "!"), id_="4", newline=b"\r")
            + b"data: [DONE]\n\n"
            + sse.event(make(9, "after the sentinel")))


def build():
    scenarios, cases = [], []

    def add(operation, arguments, kind, item):
        item["name"] = "%s/%s" % (operation, kind)
        scenarios.append(item)
        cases.append({"id": "%s/%s" % (operation, kind), "operation": operation, "arguments": arguments,
                      "kind": kind.split("/")[0], "scenario": len(scenarios) - 1})

    by_model = {}
    for operation, model, arguments in OPERATIONS:
        by_model.setdefault(model, []).append((operation, arguments))
    for operation, model, arguments in OPERATIONS:
        make = MAKERS[model]
        body = full_body(model)
        add(operation, arguments, "normal", sse.scenario("", model, [body]))
        add(operation, arguments, "lines", sse.scenario("", model, body.splitlines(keepends=True), delay_ms=1))
        # The model refuses the second event: both fail there, after the first value.
        add(operation, arguments, "malformed", sse.scenario("", model, [
            sse.event(make(0, "ok")), b"data: {\"id\": 5, \"delta\": 7}\n\n", sse.event(make(2, "never")), b"data: [DONE]\n\n"]))
        cut = sse.event(make(0, "a")) + sse.event(make(1, "b")) + b"data: {\"id\": \"x-2\", \"obj"
        add(operation, arguments, "cut/chunked", sse.scenario("", model, [cut[:40], cut[40:]], framing="chunked-cut"))
        add(operation, arguments, "cut/content-length", sse.scenario("", model, [cut[:40], cut[40:]], framing="length-short"))
        for status, payload in [(422, {"detail": [{"loc": ["body", "model"], "msg": "field required", "type": "missing"}]}),
                                (500, {"message": "internal error"})]:
            item = sse.scenario("", model, [json.dumps(payload).encode()], framing="close")
            item["status"] = status
            add(operation, arguments, "status/%d" % status, item)
    # Every split point of each model's small stream, shared out among that model's operations.
    for model, members in by_model.items():
        body = small_body(model)
        for cut in range(1, len(body)):
            operation, arguments = members[cut % len(members)]
            add(operation, arguments, "split/%03d" % cut, sse.scenario("", model, [body[:cut], body[cut:]], delay_ms=0))
        operation, arguments = members[0]
        add(operation, arguments, "split/bytes", sse.scenario("", model, [bytes([b]) for b in body], delay_ms=0))
    # The README example's stream.
    readme = (b"".join(sse.event(sse.chat_data(i, piece)) for i, piece in enumerate(["Hello", ", ", "world", "!"]))
              + b": keep-alive\n\n" + b"data: [DONE]\n\n")
    add("serverless.chat.stream", OPERATIONS[0][2], "readme", sse.scenario("", sse.CHAT, [readme]))
    sse.check([s for s in scenarios if "status" not in s and "/malformed" not in s["name"] and "/cut/" not in s["name"]])
    return scenarios, cases


# ---- the server -------------------------------------------------------------------------------

class Handler(socketserver.BaseRequestHandler):
    scenarios = []
    state = {"selected": None, "case": None, "side": None}
    lock = threading.Lock()
    log = None

    def read_request(self, sock):
        data = b""
        while b"\r\n\r\n" not in data:
            more = sock.recv(65536)
            if not more:
                return None
            data += more
        head, rest = data.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        method, target = lines[0].split(" ")[:2]
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        if "content-length" in headers:
            length = int(headers["content-length"])
            while len(rest) < length:
                more = sock.recv(65536)
                if not more:
                    break
                rest += more
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            while not rest.endswith(b"0\r\n\r\n"):
                more = sock.recv(65536)
                if not more:
                    break
                rest += more
        return method, target, headers

    def handle(self):
        sock = self.request
        request = self.read_request(sock)
        if request is None:
            return
        method, target, headers = request
        url = urlsplit(target)
        if url.path.startswith("/__peer__/select/"):
            query = parse_qs(url.query)
            with self.lock:
                self.state.update(selected=int(url.path.rsplit("/", 1)[1]), case=query.get("case", [""])[0],
                                  side=query.get("side", [""])[0])
            sock.sendall(b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n")
            return
        with self.lock:
            index, case, side = self.state["selected"], self.state["case"], self.state["side"]
            self.state["selected"] = None  # one request per selection: a second one is a 404
            if self.log is not None:
                self.log.write(json.dumps({"case": case, "side": side, "method": method, "path": url.path,
                                           "content_type": headers.get("content-type", "").split(";")[0],
                                           "scenario": index}) + "\n")
                self.log.flush()
        if index is None:
            sock.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            return
        sse_peer.send_scenario(sock, self.scenarios[index])


def serve(args):
    with open(args.scenarios, encoding="utf-8") as handle:
        Handler.scenarios = json.load(handle)
    Handler.log = open(args.log, "a", encoding="utf-8")
    server = sse_peer.Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print("LISTENING %d" % server.server_address[1], flush=True)
    sys.stdin.read()
    server.shutdown()


# ---- the SDK side -----------------------------------------------------------------------------

def sdk_arguments(arguments):
    out = json.loads(json.dumps(arguments))
    if "file" in out:
        out["file"]["content"] = base64.b64decode(out["file"]["content"])
    return out


def run_sdk(args):
    import httpx
    import friendli
    from friendli.core import models
    from friendli.core.utils.retries import RetryConfig

    with open(args.cases, encoding="utf-8") as handle:
        cases = json.load(handle)
    base = args.server_url.rstrip("/")
    out = open(args.out, "w", encoding="utf-8")
    with httpx.Client(timeout=30) as control:
        client = friendli.SyncFriendli(server_url=base, token="tok")
        for case in cases:
            control.post("%s/__peer__/select/%d" % (base, case["scenario"]), params={"case": case["id"], "side": "sdk"})
            target = client
            for name in case["operation"].split("."):
                target = getattr(target, name)
            values, error = [], None
            options = {"retries": RetryConfig("none", None, False)}  # a 5XX is one attempt on both sides
            if case["operation"].startswith("container."):
                # The container operations have their own server (CONTAINER_*_OP_SERVERS[0],
                # localhost:8000), overridden per call on both sides (the Swift call's `serverURL:`).
                options["server_url"] = base
            try:
                with target(**sdk_arguments(case["arguments"]), **options) as stream:
                    for event in stream:
                        values.append(event.model_dump(mode="json", by_alias=True))
            except models.ResponseValidationError as exc:
                error = {"kind": "decoding", "type": type(exc).__name__, "message": str(exc)[:300]}
            except models.SDKError as exc:
                error = {"kind": "status", "status": exc.status_code, "type": type(exc).__name__}
            except httpx.HTTPError as exc:
                error = {"kind": "read", "type": type(exc).__name__, "message": str(exc)[:300]}
            except Exception as exc:  # anything else is reported as it is
                error = {"kind": "other", "type": type(exc).__name__, "message": str(exc)[:300]}
            out.write(json.dumps({"id": case["id"], "values": values, "error": error}, sort_keys=True) + "\n")
    out.close()


# ---- the comparison ---------------------------------------------------------------------------

def same(a, b):
    """JSON values equal: objects order-free, a boolean never equal to a number."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def outcome_difference(sdk, swift):
    """None when the two outcomes agree, else why not."""
    if len(sdk["values"]) != len(swift["values"]):
        return "the SDK yielded %d value(s), Swift %d" % (len(sdk["values"]), len(swift["values"]))
    for number, (a, b) in enumerate(zip(sdk["values"], swift["values"])):
        if not same(a, b):
            return "value %d differs: SDK %s, Swift %s" % (number, json.dumps(a, sort_keys=True)[:400], json.dumps(b, sort_keys=True)[:400])
    e, f = sdk["error"], swift["error"]
    if e is None and f is None:
        return None
    if e is None or f is None:
        return "SDK error %s, Swift error %s" % (json.dumps(e), json.dumps(f))
    if e["kind"] != f["kind"]:
        return "SDK failed with %s (%s), Swift with %s (%s)" % (e["kind"], e.get("type"), f["kind"], f.get("message", f.get("type")))
    if e["kind"] == "decoding" and f.get("index") != len(sdk["values"]):
        return "the Swift error names event %s, the SDK failed at event %d" % (f.get("index"), len(sdk["values"]))
    if e["kind"] == "read" and f.get("eventsRead") != len(sdk["values"]):
        return "the Swift read error counts %s event(s), the SDK read %d" % (f.get("eventsRead"), len(sdk["values"]))
    if e["kind"] == "status" and e["status"] != f.get("status"):
        return "status %s (SDK) against %s (Swift)" % (e["status"], f.get("status"))
    return None


def load_lines(path):
    with open(path, encoding="utf-8") as handle:
        return {item["id"]: item for item in map(json.loads, filter(str.strip, handle))}


def compare(args):
    with open(args.cases, encoding="utf-8") as handle:
        cases = json.load(handle)
    sdk, swift = load_lines(args.sdk), load_lines(args.swift)
    requests = {}
    with open(args.log, encoding="utf-8") as handle:
        for item in map(json.loads, filter(str.strip, handle)):
            requests.setdefault((item["case"], item["side"]), []).append(item)
    per_operation, failures, excepted = {}, [], []
    for case in cases:
        row = per_operation.setdefault(case["operation"], {"cases": 0, "equal": 0, "values": 0, "failing": 0, "status": 0})
        row["cases"] += 1
        a, b = sdk.get(case["id"]), swift.get(case["id"])
        if a is None or b is None:
            failures.append((case["id"], "no outcome from the %s" % ("SDK" if a is None else "Swift runner")))
            continue
        why = outcome_difference(a, b)
        ra, rb = requests.get((case["id"], "sdk"), []), requests.get((case["id"], "swift"), [])
        shape = lambda log: [(r["method"], r["path"], r["content_type"]) for r in log]  # noqa: E731
        if why is None and shape(ra) != shape(rb):
            why = "requests differ (method, path, content type): SDK %s, Swift %s" % (shape(ra), shape(rb))
        if why is None and len(ra) != 1:
            why = "%d request(s) for one call" % len(ra)
        if why:
            failures.append((case["id"], why))
            continue
        row["equal"] += 1
        row["values"] += len(a["values"])
        if a["error"] is not None:
            row["status" if a["error"]["kind"] == "status" else "failing"] += 1
    if args.docs_only:
        # The docs-only client: its stream does not stop at [DONE] (the docs never name the sentinel),
        # so it must fail decoding the [DONE] event where the SDK stops: listed, with the reason.
        docs = load_lines(args.docs_only)
        for case in cases:
            if case["id"] not in docs:
                continue
            a, b = sdk[case["id"]], docs[case["id"]]
            error = b.get("error") or {}
            values_equal = len(a["values"]) == len(b["values"]) and all(map(same, a["values"], b["values"]))
            if a["error"] is None and values_equal and error.get("kind") == "decoding" and error.get("index") == len(a["values"]):
                excepted.append({"id": case["id"], "what": "docs-only client fails at [DONE] (event %d)" % len(a["values"]),
                                 "reason": "the docs do not state the SDK's sentinel (eventstreaming.EventStream(…, sentinel=\"[DONE]\")); "
                                           "a client generated from the docs alone reads [DONE] as an event and cannot decode it"})
            else:
                why = outcome_difference(a, b) or "no failure at [DONE]"
                failures.append(("docs-only " + case["id"], "expected the failure at [DONE], got: " + why))
    report = {"operations": len(per_operation), "cases": len(cases), "equal": sum(r["equal"] for r in per_operation.values()),
              "values": sum(r["values"] for r in per_operation.values()), "perOperation": per_operation,
              "excepted": excepted, "failures": [{"id": i, "why": w} for i, w in failures]}
    with open(args.report, "w", encoding="utf-8") as handle:
        json.dump(report, handle, indent=1, sort_keys=True)
    print("%-32s %6s %6s %7s %8s %7s" % ("operation", "cases", "equal", "values", "failing", "status"))
    for operation, row in per_operation.items():
        print("%-32s %6d %6d %7d %8d %7d" % (operation, row["cases"], row["equal"], row["values"], row["failing"], row["status"]))
    kinds = {}
    for item in excepted:
        kinds.setdefault(item["reason"], []).append(item)
    for reason, items in kinds.items():
        print("EXCEPTED %d case(s), e.g. %s: %s (%s)" % (len(items), items[0]["id"], items[0]["what"][:160], reason))
    for case_id, why in failures[:40]:
        print("DIFFERENCE %s: %s" % (case_id, why))
    print("stream peer check: %d operation(s), %d case(s), %d equal (%d values), %d excepted, %d different"
          % (report["operations"], report["cases"], report["equal"], report["values"], len(excepted), len(failures)))
    return 1 if failures else 0



def stream_methods(generated):
    """{file: text of its `public func stream(` method} of the generated Operations files."""
    found = {}
    for name in sorted(os.listdir(generated)):
        if not name.startswith("Operations+"):
            continue
        lines = open(os.path.join(generated, name), encoding="utf-8").read().split("\n")
        for index, line in enumerate(lines):
            if line.strip().startswith("public func stream("):
                indent = line[:len(line) - len(line.lstrip())]
                end = index
                while lines[end] != indent + "}":
                    end += 1
                found[name] = "\n".join(lines[index:end + 1])
    return found


def stream_diff(docs_only, python_sdk):
    """What the docs-only and the --python-sdk generations of the stream methods differ in."""
    import difflib
    a, b = stream_methods(docs_only), stream_methods(python_sdk)
    out = ["stream methods: %d docs-only, %d --python-sdk" % (len(a), len(b))]
    for name in sorted(set(a) | set(b)):
        if a.get(name) == b.get(name):
            out.append("  %s: the same" % name)
            continue
        changed = [line for line in difflib.unified_diff((a.get(name) or "").split("\n"), (b.get(name) or "").split("\n"), lineterm="", n=0)
                   if line[:1] in "+-" and not line.startswith(("+++", "---"))]
        out.append("  %s: %s" % (name, " | ".join(line.strip() for line in changed)[:600]))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["cases", "serve", "sdk", "compare", "streamdiff"])
    for option in ("--generated", "--docs-generated", "--out", "--scenarios", "--log", "--server-url", "--cases", "--sdk", "--swift", "--docs-only", "--report"):
        parser.add_argument(option)
    args = parser.parse_args()
    if args.mode == "cases":
        scenarios, cases = build()
        os.makedirs(args.out, exist_ok=True)
        with open(os.path.join(args.out, "scenarios.json"), "w", encoding="utf-8") as handle:
            json.dump(scenarios, handle)
        with open(os.path.join(args.out, "cases.json"), "w", encoding="utf-8") as handle:
            json.dump(cases, handle, indent=0)
        print("%d case(s) over %d operation(s)" % (len(cases), len(OPERATIONS)))
    elif args.mode == "streamdiff":
        print("\n".join(stream_diff(args.docs_generated, args.generated)))
    elif args.mode == "serve":
        serve(args)
    elif args.mode == "sdk":
        run_sdk(args)
    else:
        sys.exit(compare(args))


if __name__ == "__main__":
    main()
