"""peer_roundtrip.py: what the SDK sides of the JSON peer check share (polar_roundtrip.py,
airbyte_roundtrip.py): the JSON lines protocol, the answers, the self-test runner.

Input, one value per line:

    {"type": "ClassName", "kind": "struct|enum|union", "json": <value>}
    {"type": "ClassName", "kind": "...", "text": "<the value as JSON text>"}   # exact bytes
    (an optional "id" is echoed back; an optional "page", the docs page's path, helps find the type)

Output, one line per input line, in order:

    {"id"?, "type": ..., "ok": true, "json": <what the SDK writes>, "text": "<the same as JSON text>",
     "decodedAs"?: "<the SDK class a union value was decoded as>"}
    {"id"?, "type": ..., "ok": false, "error": "...", "decodedAs"?: ...}
    {"id"?, "type": ..., "ok": false, "unchecked": "..."}   # no JSON body, or a known SDK bug
"""
import json
import sys
import warnings


class Unchecked(Exception):
    """The value cannot be checked, for a reason the report lists: the SDK type is no JSON body
    (the message starts "not a wire model:"), or the SDK cannot parse it (a known SDK bug, "the SDK
    cannot parse ...")."""


def round_trip(line, convert):
    """One answer for one input line; `convert(request, text)` returns what the SDK writes (text), or
    that text and a dict of keys to add to the answer; an exception's `extra` dict is added too."""
    request = json.loads(line)
    answer = {"type": request.get("type")}
    if "id" in request:
        answer = {"id": request["id"], **answer}
    try:
        text = request["text"] if "text" in request else json.dumps(request["json"])
        written, extra = convert(request, text), {}
        if isinstance(written, tuple):
            written, extra = written
        if written == "":
            raise ValueError("the SDK writes an empty body for this value")
        answer.update(ok=True, json=json.loads(written), text=written, **extra)
    except Unchecked as reason:
        answer.update(ok=False, unchecked=str(reason))
    except Exception as error:  # every failure is an answer, never a crash
        message = f"{type(error).__name__}: {error}"
        # pydantic adds a documentation link under every error; it only makes the report longer.
        message = "\n".join(l for l in message.splitlines() if "errors.pydantic.dev" not in l)
        answer.update(ok=False, error=message[:2000], **getattr(error, "extra", {}))
    return answer


def self_test(convert, cases, rejected):
    """`cases`: [(request, expected JSON)]; `rejected`: requests the SDK must not accept."""
    bad = 0
    for request, expected in cases:
        answer = round_trip(json.dumps(request), convert)
        if not answer.get("ok") or answer["json"] != expected:
            print(f"self-test: {request['type']}: expected {expected!r}, got {answer!r}", file=sys.stderr)
            bad += 1
    for request in rejected:
        answer = round_trip(json.dumps(request), convert)
        if answer.get("ok"):
            print(f"self-test: {request['type']}: {request['json']!r} was accepted", file=sys.stderr)
            bad += 1
    print("self-test: ok" if bad == 0 else f"self-test: {bad} failure(s)")
    return 0 if bad == 0 else 1


def serve(argv, doc, convert, run_self_test, parse_options=None):
    """The script's main: `--self-test`, or JSON lines from stdin to stdout. `parse_options(args)`
    takes the other arguments (e.g. `--schema FILE`) and returns False when they are wrong."""
    args = argv[1:]
    if args == ["--self-test"]:
        return run_self_test()
    if args and (parse_options is None or not parse_options(args)):
        print(doc, file=sys.stderr)
        return 2
    # Deprecated fields make pydantic warn on access; warnings would only clutter stderr.
    warnings.simplefilter("ignore")
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            answer = round_trip(line, convert)
        except Exception as error:  # a line that is not JSON at all
            answer = {"type": None, "ok": False, "error": f"bad input line: {error}"}
        sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    return 0
