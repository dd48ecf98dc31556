#!/usr/bin/env python3
"""compare_requests.py: compares what two clients sent and returned for the same calls.

    compare_requests.py --calls calls.jsonl --sdk-log A.jsonl --swift-log B.jsonl
                        --sdk-outcomes A-out.jsonl --swift-outcomes B-out.jsonl --report report.json
                        [--exceptions FILE] [--unchecked FILE] [--name TREE]

The logs are recording_server.py's. A log line with an "id" (the client announced the call) belongs
to that call; lines without one are matched to the calls in order, skipping calls whose outcome is
`client_error` (nothing was sent).

Requests are equal when all of these are equal:
  - method; path (raw, byte-exact); query pairs (decoded, in order);
  - headers, names case-insensitive, values in order per name: every header either side sends except
    user-agent, host, accept-encoding, connection, content-length, transfer-encoding, expect and
    accept-language (transport headers). This covers content-type, accept, authorization, the API-key
    header and header parameters. A multipart content-type's boundary is masked;
  - body: JSON (content-type ends in json) as a parsed value (objects order-free, numbers as numbers,
    true never 1; peer_check.json_difference), with raw-byte equality reported apart (`rawBodyEqual`);
    multipart/form-data part by part (each part's header lines and bytes, boundary masked);
    anything else (form-urlencoded, text, octet-stream) as bytes.
Outcomes are equal when kind, status (where either gives one), error_type and the JSON value/body are
equal (JSON as values). An absent key and null are NOT the same: the Swift runner must write what
its decoded value holds as the SDK does (`marshal_json` leaves unset optional fields out).
`client_error` and `transport_error` outcomes compare by kind only (the messages are the two languages' own).

Calls whose id ends in `-min` (required arguments only) are counted apart: their differences are
default-value differences (an SDK sends its defaults, e.g. `page=1&limit=10`).
Exit 0 when every difference is excepted: --exceptions has JSON lines `{"operation", "reason"}`
(optionally `"id"`, `"what": "request"|"response"` to except only one side, and `"match"`: a regular
expression; a row with `match` excepts only the differences it finds in (re.search), so a call is excepted
when every difference is matched by some row, or a row without `match` covers it); 1 otherwise.
"""
import argparse
import base64
import json
import re
import sys

import peer_check
from peer_check import json_difference, read_lines, short

IGNORED_HEADERS = {"user-agent", "host", "accept-encoding", "connection", "content-length", "transfer-encoding",
                   "expect", "accept-language"}
BOUNDARY = re.compile(r'boundary="?([^";,\s]+)"?', re.I)


def header_map(headers):
    found = {}
    for name, value in headers:
        if name.lower() in IGNORED_HEADERS:
            continue
        found.setdefault(name.lower(), []).append(BOUNDARY.sub("boundary=<masked>", value))
    return found


def content_type(request):
    for name, value in request["headers"]:
        if name.lower() == "content-type":
            return value
    return ""


def multipart_parts(body, ctype):
    match = BOUNDARY.search(ctype)
    if not match:
        return None
    delimiter = b"--" + match.group(1).encode()
    pieces = body.split(delimiter)
    if len(pieces) < 2 or not pieces[-1].startswith(b"--"):
        return None
    parts = []
    for piece in pieces[1:-1]:
        piece = piece[2:] if piece.startswith(b"\r\n") else piece
        piece = piece[:-2] if piece.endswith(b"\r\n") else piece
        head, _, data = piece.partition(b"\r\n\r\n")
        parts.append({"headers": head.decode("latin-1").split("\r\n") if head else [], "data": data})
    return {"preamble": pieces[0], "parts": parts}


def body_difference(left, right):
    """(difference or None, raw bytes equal or None) of two request bodies."""
    a, b = base64.b64decode(left["body_b64"]), base64.b64decode(right["body_b64"])
    ctype_a, ctype_b = content_type(left).lower(), content_type(right).lower()
    if ctype_a.split(";")[0].strip().endswith("json") and a:
        try:
            value_a = json.loads(a)
        except ValueError as error:
            return (f"SDK body is not JSON: {error}", a == b)
        try:
            value_b = json.loads(b)
        except ValueError:
            return (f"body: JSON {short(value_a)} vs non-JSON {b[:80]!r}", a == b)
        difference = json_difference(value_a, value_b, "$body")
        return (difference, a == b)
    if ctype_a.startswith("multipart/"):
        parts_a, parts_b = multipart_parts(a, content_type(left)), multipart_parts(b, content_type(right))
        if parts_a is None:
            return ("SDK multipart body has no boundary/parts", None)
        if parts_b is None:
            return (f"multipart body vs {b[:80]!r}", None)
        if len(parts_a["parts"]) != len(parts_b["parts"]):
            names = lambda p: [next((h for h in part["headers"] if h.lower().startswith("content-disposition")), "?")
                               for part in p["parts"]]
            return (f"multipart: {len(parts_a['parts'])} part(s) vs {len(parts_b['parts'])}: "
                    f"{short(names(parts_a))} vs {short(names(parts_b))}", None)
        for index, (x, y) in enumerate(zip(parts_a["parts"], parts_b["parts"])):
            hx, hy = [h.lower() for h in x["headers"]], [h.lower() for h in y["headers"]]
            if hx != hy:
                return (f"multipart part {index}: headers {short(x['headers'])} vs {short(y['headers'])}", None)
            if x["data"] != y["data"]:
                return (f"multipart part {index} ({short(x['headers'][:1])}): bytes {x['data'][:60]!r} vs {y['data'][:60]!r}", None)
        return (None, None)
    if a != b:
        return (f"body bytes: {a[:80]!r} vs {b[:80]!r}", False)
    return (None, True)


def request_difference(left, right):
    """[differences] of two recorded requests, and raw body equality."""
    found = []
    if left["method"] != right["method"]:
        found.append(f"method {left['method']} vs {right['method']}")
    if left["path"] != right["path"]:
        found.append(f"path {left['path']!r} vs {right['path']!r}")
    if left["query"] != right["query"]:
        only_left = [pair for pair in left["query"] if pair not in right["query"]]
        only_right = [pair for pair in right["query"] if pair not in left["query"]]
        if only_left or only_right:  # the pairs one side alone has (then the text need not be cut)
            found.append(f"query {short(left['query'])} vs {short(right['query'])}; "
                         f"only in the first {json.dumps(only_left)}, only in the second {json.dumps(only_right)}")
        else:
            found.append(f"query {short(left['query'])} vs {short(right['query'])} (same pairs, other order)")
    ha, hb = header_map(left["headers"]), header_map(right["headers"])
    for name in sorted(set(ha) | set(hb)):
        if ha.get(name) != hb.get(name):
            found.append(f"header {name}: {short(ha.get(name))} vs {short(hb.get(name))}")
    difference, raw = body_difference(left, right)
    if difference:
        found.append(difference)
    return found, raw


def outcome_difference(left, right):
    if left is None or right is None:
        return "no outcome from " + ("the SDK" if left is None else "the Swift runner")
    if left.get("kind") != right.get("kind"):
        return (f"outcome {left.get('kind')}/{left.get('status')}/{left.get('error_type', '')} vs "
                f"{right.get('kind')}/{right.get('status')}/{right.get('error_type', '')}: "
                f"{short(right.get('message', right.get('value', right.get('body'))))}")
    if left["kind"] in ("client_error", "transport_error"):
        return None
    if ("status" in left or "status" in right) and left.get("status") != right.get("status"):
        return f"status {left.get('status')} vs {right.get('status')}"
    if left.get("error_type") != right.get("error_type"):
        return f"error_type {left.get('error_type')} vs {right.get('error_type')}"
    for key in ("value", "body"):
        if key in left or key in right:
            if key not in left or key not in right:
                return f"{key} missing on one side"
            difference = json_difference(left[key], right[key], f"${key}")
            if difference:
                return difference
    return None


def group_log(log, calls, outcomes):
    by_id = {}
    if any("id" in row for row in log):
        for row in log:
            by_id.setdefault(row.get("id"), []).append(row)
        return by_id
    rows = iter(log)
    for call in calls:
        outcome = outcomes.get(call["id"]) or {}
        if outcome.get("kind") == "client_error":
            by_id[call["id"]] = []
            continue
        row = next(rows, None)
        by_id[call["id"]] = [row] if row else []
    return by_id


def excepted(exceptions, call, what, differences=None):
    """The reason(s) that except every difference of `what` in `call`, or None."""
    rows = [row for row in exceptions
            if row.get("operation") in (call["operation"], "*")
            and ("id" not in row or row["id"] == call["id"]) and row.get("what", what) == what]
    whole = [row for row in rows if "match" not in row]
    if whole:
        return whole[0].get("reason", "")
    reasons = []
    for difference in differences or []:
        row = next((row for row in rows if re.search(row["match"], difference)), None)
        if row is None:
            return None
        if row.get("reason", "") not in reasons:
            reasons.append(row.get("reason", ""))
    return "; ".join(reasons) if reasons else None


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    for option in ("--calls", "--sdk-log", "--swift-log", "--sdk-outcomes", "--swift-outcomes", "--report"):
        parser.add_argument(option, required=True)
    parser.add_argument("--exceptions")
    parser.add_argument("--unchecked", help="request_samples.py's unchecked.jsonl, counted in the report")
    parser.add_argument("--name", default="")
    args = parser.parse_args(argv[1:])
    calls = read_lines(args.calls)
    sdk_out = {row["id"]: row for row in read_lines(args.sdk_outcomes)}
    swift_out = {row["id"]: row for row in read_lines(args.swift_outcomes)}
    sdk_log = group_log(read_lines(args.sdk_log), calls, sdk_out)
    swift_log = group_log(read_lines(args.swift_log), calls, swift_out)
    exceptions = read_lines(args.exceptions) if args.exceptions else []
    unchecked = read_lines(args.unchecked) if args.unchecked else []
    entries, blocking = [], []
    counts = {"operations": len({call["operation"] for call in calls}), "calls": len(calls),
              "requestsEqual": 0, "responsesEqual": 0, "rawBodiesEqual": 0, "jsonBodies": 0,
              "minCalls": 0, "minRequestsEqual": 0, "minResponsesEqual": 0, "excepted": 0,
              "unchecked": len(unchecked)}
    for call in calls:
        minimal = call["id"].endswith("-min")
        a, b = sdk_log.get(call["id"], []), swift_log.get(call["id"], [])
        differences, raw = [], None
        if len(a) != len(b):
            differences.append(f"{len(a)} request(s) vs {len(b)}")
        for x, y in zip(a, b):
            found, raw_equal = request_difference(x, y)
            differences += found
            if raw_equal is not None and content_type(x).lower().split(";")[0].strip().endswith("json"):
                raw = raw_equal if raw is None else (raw and raw_equal)
        response = outcome_difference(sdk_out.get(call["id"]), swift_out.get(call["id"]))
        entry = {"id": call["id"], "operation": call["operation"], "status": call["reply"]["status"],
                 "requestEqual": not differences, "responseEqual": response is None}
        if raw is not None:
            entry["rawBodyEqual"] = raw
            counts["jsonBodies"] += 1
            counts["rawBodiesEqual"] += 1 if raw else 0
        if differences:
            entry["requestDifferences"] = differences
        if response:
            entry["responseDifference"] = response
        prefix = "min" if minimal else ""
        counts["minCalls" if minimal else "calls"] += 0 if not minimal else 1
        key = lambda name: (prefix + name[0].upper() + name[1:]) if minimal else name
        counts[key("requestsEqual")] += 0 if differences else 1
        counts[key("responsesEqual")] += 0 if response else 1
        for what, found in (("request", differences), ("response", [response] if response else [])):
            if not found:
                continue
            reason = excepted(exceptions, call, what, found)
            if reason is None:
                blocking.append(call["id"])
            else:
                entry.setdefault("excepted", []).append({"what": what, "reason": reason})
                counts["excepted"] += 1
        entries.append(entry)
    counts["blocking"] = len(set(blocking))
    report = {"tree": args.name, **counts, "entries": entries, "uncheckedRows": unchecked}
    with open(args.report, "w", encoding="utf-8") as handle:
        json.dump(report, handle, ensure_ascii=False, indent=1)
    name = args.name or "calls"
    print(f"{name}: {counts['operations']} operation(s), {counts['calls']} call(s) ({counts['minCalls']} required-only), "
          f"{len(unchecked)} unchecked row(s)")
    full = counts["calls"] - counts["minCalls"]
    print(f"{name}: all arguments: requests equal {counts['requestsEqual']}/{full}, responses equal {counts['responsesEqual']}/{full}; "
          f"required only: requests equal {counts['minRequestsEqual']}/{counts['minCalls']}, responses equal "
          f"{counts['minResponsesEqual']}/{counts['minCalls']}; JSON bodies byte-equal {counts['rawBodiesEqual']}/{counts['jsonBodies']}")
    for entry in entries:
        label = "DEFAULT-VALUE DIFFERENCE" if entry["id"].endswith("-min") else "DIFFERENCE"
        note = " (excepted)" if entry.get("excepted") and entry["id"] not in blocking else ""
        for difference in entry.get("requestDifferences", []):
            print(f"{label}{note} {entry['id']} {entry['operation']} request: {difference}")
        if entry.get("responseDifference"):
            print(f"{label}{note} {entry['id']} {entry['operation']} response: {entry['responseDifference']}")
    print(f"{name}: {counts['blocking']} call(s) differ without an exception")
    return 0 if not blocking else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
