#!/usr/bin/env python3
"""retry_pass.py: the retry pass of the request-equality peer check (request-peer-check, step 5).

    retry_pass.py plan --calls calls.jsonl --out retry-calls.jsonl --failures retry-failures.jsonl
                       [--drop]
    retry_pass.py compare --calls retry-calls.jsonl --failures retry-failures.jsonl
                          --sdk-log A.jsonl --swift-log B.jsonl --sdk-outcomes A-out.jsonl
                          --swift-outcomes B-out.jsonl --report retry-report.json
                          [--exceptions FILE] [--request-exceptions FILE]
                          [--variant docs|python-sdk|openapi] [--name TREE]

plan: one call per operation of calls.jsonl (the all-arguments call answered 2xx; else the
required-only one; else any call whose reply is a status no SDK retries: not 429, not 5xx), written to
--out, and for each a failure plan line `{"id", "k", "status"}` for recording_server.py --failures:
the n-th planned call fails its first k = 1 + (n // R) % 2 attempts with the status ROTATION[n % R]
(R = 7: 429, 500, 502, 503, 504: retried by every SDK's list; 501: retried only by a `5XX` list
(unstructured's `["5xx"]`); 400: retried by none), then gets its normal reply. `--drop` adds an eighth
failure (R = 8): a dropped connection (the server reads the request and closes the socket without
answering; retried only under a policy with connection errors, and then as each SDK's `retries.py` says).
Operations with no such call are listed in the report as `uncovered` (none so far). The report's
`bothSent` has the attempts and retried calls again over the calls both clients sent (a call one side
rejects before sending is a request-check row, and no retry behaviour).

compare: per planned call, both clients (the same explicit backoff policy on both sides) must send
the same number of attempts; attempt i of the SDK and of the Swift client must be equal requests
(compare_requests.request_difference: method, path, query, headers but transport ones, body as a
value, multipart part by part), and each attempt after the first must repeat that client's first (the
body resent intact); the final outcomes must be equal (compare_requests.outcome_difference). A
difference the request check already knows is excepted by its row: an attempt's request difference by
a "request" row of --request-exceptions (request-exceptions-<sdk>.jsonl, the same file the first
pass used), an outcome difference by a "response" row, and `attempts: SDK 0 vs Swift N` (the SDK
rejects the sample before sending) by the row of its `0 request(s) vs N`, `attempts: SDK N vs Swift 0` (the
client rejects the call before sending) by the row of its `1 request(s) vs 0`. Every other one (the number of attempts, a
resend that is not the first request again, an outcome the retries changed) is blocking unless
--exceptions (retry-exceptions-<sdk>.jsonl) has a row `{"operation" (or "*"), "variant"?, "match"?,
"reason"}` covering it (as compare_requests.py's rows, matched against the whole difference line; a
row with "variant" applies to that variant only). Exit 0 when nothing blocks, 1 otherwise.
"""
import argparse
import json
import re
import sys

from compare_requests import excepted, outcome_difference, request_difference
from peer_check import read_lines

ROTATION = [429, 500, 502, 503, 504, 501, 400]


def retried_anywhere(status):
    return status == 429 or 500 <= status <= 599


def plan(args):
    calls = read_lines(args.calls)
    by_operation = {}
    for call in calls:
        by_operation.setdefault(call["operation"], []).append(call)
    chosen, uncovered = [], []
    for operation, group in by_operation.items():
        status = lambda call: int(call["reply"]["status"])
        ranked = ([c for c in group if 200 <= status(c) < 300 and not c["id"].endswith("-min")]
                  + [c for c in group if 200 <= status(c) < 300 and c["id"].endswith("-min")]
                  + [c for c in group if not 200 <= status(c) < 300 and not retried_anywhere(status(c))])
        if ranked:
            chosen.append(ranked[0])
        else:
            uncovered.append(operation)
    with open(args.out, "w", encoding="utf-8") as calls_out, open(args.failures, "w", encoding="utf-8") as failures_out:
        for number, call in enumerate(chosen):
            calls_out.write(json.dumps(call, ensure_ascii=False) + "\n")
            rotation = ROTATION + (["drop"] if args.drop else [])
            status = rotation[number % len(rotation)]
            k = 1 + (number // len(rotation)) % 2
            failures_out.write(json.dumps({"id": call["id"], "k": k, "status": status}) + "\n")
    with open(args.out + ".uncovered", "w", encoding="utf-8") as handle:
        json.dump(uncovered, handle)
    print(f"retry pass: {len(chosen)} call(s), one per operation; {len(uncovered)} operation(s) without a call to fail")
    return 0


def compare(args):
    calls = read_lines(args.calls)
    failures = {row["id"]: row for row in read_lines(args.failures)}
    logs = {}
    for side, path in (("sdk", args.sdk_log), ("swift", args.swift_log)):
        grouped = {}
        for row in read_lines(path):
            grouped.setdefault(row.get("id"), []).append(row)
        logs[side] = {key: sorted(rows, key=lambda row: row.get("attempt", 0)) for key, rows in grouped.items()}
    outcomes = {side: {row["id"]: row for row in read_lines(path)}
                for side, path in (("sdk", args.sdk_outcomes), ("swift", args.swift_outcomes))}
    exceptions = [row for row in (read_lines(args.exceptions) if args.exceptions else [])
                  if row.get("variant", args.variant) == args.variant]
    request_rows = read_lines(args.request_exceptions) if args.request_exceptions else []

    def reason_for(call, difference):
        """The row that excepts one difference line: the request check's, else the retry check's."""
        nothing = re.match(r"attempts: SDK 0 vs Swift (\d+) ", difference)
        if nothing:  # the SDK sends nothing (it rejects the sample): the request check's "0 request(s) vs N"
            found = excepted(request_rows, call, "request", [f"0 request(s) vs {nothing.group(1)}"])
            if found is not None:
                return "request check: " + found
        if re.match(r"attempts: SDK \d+ vs Swift 0 ", difference):
            # the client rejects the call before sending: the request check's "1 request(s) vs 0" (retries off)
            found = excepted(request_rows, call, "request", ["1 request(s) vs 0"])
            if found is not None:
                return "request check: " + found
        for prefix, what in (("attempt ", "request"), ("outcome: ", "response")):
            if difference.startswith(prefix) and (prefix != "attempt " or ": " in difference):
                inner = difference.split(": ", 1)[1]
                found = excepted(request_rows, call, what, [inner])
                if found is not None:
                    return "request check: " + found
        return excepted(exceptions, call, "retry", [difference])
    try:
        with open(args.calls + ".uncovered", encoding="utf-8") as handle:
            uncovered = json.load(handle)
    except OSError:
        uncovered = []
    entries, counts = [], {"calls": len(calls), "operations": len({c["operation"] for c in calls}),
                           "uncovered": uncovered, "attemptsSdk": 0, "attemptsSwift": 0, "equal": 0,
                           "excepted": 0, "blocking": 0, "retriedSdk": 0, "retriedSwift": 0,
                           "bothSent": {"calls": 0, "attemptsSdk": 0, "attemptsSwift": 0, "retriedSdk": 0, "retriedSwift": 0}}
    for call in calls:
        plan_row = failures.get(call["id"], {})
        a, b = logs["sdk"].get(call["id"], []), logs["swift"].get(call["id"], [])
        counts["attemptsSdk"] += len(a)
        counts["attemptsSwift"] += len(b)
        counts["retriedSdk"] += 1 if len(a) > 1 else 0
        counts["retriedSwift"] += 1 if len(b) > 1 else 0
        if a and b:
            both = counts["bothSent"]
            both["calls"] += 1
            both["attemptsSdk"] += len(a)
            both["attemptsSwift"] += len(b)
            both["retriedSdk"] += 1 if len(a) > 1 else 0
            both["retriedSwift"] += 1 if len(b) > 1 else 0
        differences = []
        if len(a) != len(b):
            differences.append(f"attempts: SDK {len(a)} vs Swift {len(b)} (fails {plan_row.get('k')} x {plan_row.get('status')})")
        for number, (x, y) in enumerate(zip(a, b), start=1):
            found, _ = request_difference(x, y)
            differences += [f"attempt {number}: {difference}" for difference in found]
        for side, rows in (("SDK", a), ("Swift", b)):
            for number, row in enumerate(rows[1:], start=2):
                found, _ = request_difference(rows[0], row)
                differences += [f"{side} attempt {number} is not its first again: {difference}" for difference in found]
        response = outcome_difference(outcomes["sdk"].get(call["id"]), outcomes["swift"].get(call["id"]))
        if response:
            differences.append(f"outcome: {response}")
        entry = {"id": call["id"], "operation": call["operation"], "failure": plan_row.get("status"),
                 "k": plan_row.get("k"), "reply": call["reply"]["status"], "attemptsSdk": len(a),
                 "attemptsSwift": len(b), "equal": not differences}
        if differences:
            entry["differences"] = differences
            reasons = [reason_for(call, difference) for difference in differences]
            entry["open"] = [difference for difference, reason in zip(differences, reasons) if reason is None]
            if entry["open"]:
                counts["blocking"] += 1
            else:
                entry["excepted"] = sorted(set(reasons))
                counts["excepted"] += 1
        else:
            counts["equal"] += 1
        entries.append(entry)
    report = {"tree": args.name, "variant": args.variant, **counts, "entries": entries}
    with open(args.report, "w", encoding="utf-8") as handle:
        json.dump(report, handle, ensure_ascii=False, indent=1)
    name = args.name or "calls"
    for entry in entries:
        for difference in entry.get("differences", []):
            note = "" if difference in entry.get("open", []) else " (excepted)"
            print(f"RETRY DIFFERENCE{note} {entry['id']} {entry['operation']}: {difference}")
    print(f"{name} retries ({args.variant}): {counts['calls']} call(s) over {counts['operations']} operation(s) "
          f"({len(uncovered)} uncovered); attempts SDK {counts['attemptsSdk']} / Swift {counts['attemptsSwift']} "
          f"(retried calls {counts['retriedSdk']} / {counts['retriedSwift']}); equal {counts['equal']}, "
          f"excepted {counts['excepted']}, blocking {counts['blocking']}")
    return 0 if counts["blocking"] == 0 else 1


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("plan")
    p.add_argument("--calls", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--failures", required=True)
    p.add_argument("--drop", action="store_true")
    c = commands.add_parser("compare")
    for option in ("--calls", "--failures", "--sdk-log", "--swift-log", "--sdk-outcomes", "--swift-outcomes", "--report"):
        c.add_argument(option, required=True)
    c.add_argument("--exceptions")
    c.add_argument("--request-exceptions")
    c.add_argument("--variant", default="docs")
    c.add_argument("--name", default="")
    args = parser.parse_args(argv[1:])
    return plan(args) if args.command == "plan" else compare(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
