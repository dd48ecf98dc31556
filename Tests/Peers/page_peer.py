#!/usr/bin/env python3
"""page_peer.py: polar-sdk's paging (`while res is not None: … res = res.next()`) against a local list.

    page_peer.py sdk      runs every scenario through the real SDK (`polar.benefits.list`) against
                          its own server and prints one JSON object: {"scenarios": [{"name", "items",
                          "max_page", "call", "swift", "requests", "seen"}]}
    page_peer.py sdk --all    the same for every operation of OPERATIONS and DEFAULTS_SCENARIO too
                          (each scenario has `operation`)
    page_peer.py check --runner BIN --work DIR [--variant NAME] [--exceptions FILE]
                          the generated client's pages (the PageRunner of request-peer-check --pages)
                          against `sdk --all`; prints the differences and the summary, writes
                          DIR/page-report.json; exit 1 on a difference no exception row matches
    page_peer.py serve    serves for another client (the Swift PagePeerTests): prints
                          `LISTENING <port>` (flushed) and exits when its stdin closes.

The server (127.0.0.1, HTTP/1.1) answers `GET /v1/benefits/` with a polar `ListResourceBenefit`:
`items` the slice `[(page - 1) * limit, page * limit)` of N custom benefits (`b1`…`bN`, built from
the SDK's own models, so they validate), `page` and `limit` read from the query (1 and 10 when
absent, as polar's server does), and `pagination.max_page` the number of pages (or the scenario's
`max_page`). Every such request's raw target (path and query) is recorded. Control requests (not
recorded): `POST /__peer__/scenario` with `{"operation"?, "items": N, "max_page": M|null}` sets
the list (and the path that answers it: `benefits.list` when not given) and clears the record; `GET /__peer__/log` answers the record as a JSON array.

A scenario's `call` is the SDK's keyword arguments (a key left out takes the SDK's default: page 1,
limit 10; `null` is sent as None: no query parameter); `swift` is what a Swift caller passes to
the page sequence for the same requests (`null`: nil).
"""
import http.server
import json
import socketserver
import sys
import threading
import urllib.parse
from datetime import datetime, timezone

SCENARIOS = [
    {"name": "multiple of the limit", "items": 30, "max_page": None, "call": {"page": None, "limit": None}, "swift": {"page": None, "limit": None}},
    {"name": "not a multiple", "items": 25, "max_page": None, "call": {"page": None, "limit": None}, "swift": {"page": None, "limit": None}},
    {"name": "no items", "items": 0, "max_page": None, "call": {"page": None, "limit": None}, "swift": {"page": None, "limit": None}},
    {"name": "max_page smaller than implied", "items": 50, "max_page": 2, "call": {"page": None, "limit": None}, "swift": {"page": None, "limit": None}},
    {"name": "page 2, no limit", "items": 35, "max_page": None, "call": {"page": 2, "limit": None}, "swift": {"page": 2, "limit": None}},
    {"name": "limit given", "items": 23, "max_page": None, "call": {"page": None, "limit": 7}, "swift": {"page": None, "limit": 7}},
    {"name": "the SDK's defaults", "items": 25, "max_page": None, "call": {}, "swift": {"page": 1, "limit": 10}},
    {"name": "page 2, the SDK's default limit", "items": 35, "max_page": None, "call": {"page": 2}, "swift": {"page": 2, "limit": 10}},
    # A short page while `max_page` says more: only the limit (the SDK's default 10) tells it is the last.
    {"name": "short page, max_page larger", "items": 25, "max_page": 5, "call": {"page": None, "limit": None}, "swift": {"page": None, "limit": None}},
]
# `sdk --all` and `check` only (the generated methods, not the runtime): a caller who passes nothing.
# The SDK's method then sends its signature's defaults (`page: Optional[int] = 1, limit = 10`); the
# generated Swift method's are nil, so it sends none (page-exceptions-polar.jsonl says why).
DEFAULTS_SCENARIO = {"name": "the SDK's method defaults, Swift passes nothing", "items": 25, "max_page": None, "call": {},
                     "swift": {"page": None, "limit": None}}


# Set, not None: the SDK's models allow `modified_at: None` (and a customer's `deleted_at`, `tax_id`),
# but the docs type them `[date]` / `List[…]`, required, without `Nullable`, so the client generated
# from the docs alone rejects `null` there.
MODIFIED = datetime(2025, 1, 2, tzinfo=timezone.utc)


def benefit(n):
    from polar_sdk import models

    model = models.BenefitCustom(
        id=f"b{n}", created_at=datetime(2025, 1, 1, tzinfo=timezone.utc), modified_at=MODIFIED,
        description=f"Benefit {n}", selectable=True, deletable=True, is_deleted=False,
        organization_id="org", metadata={}, visibility=models.BenefitVisibility.PUBLIC,
        properties=models.BenefitCustomProperties(note=None), visibility_configurable=True,
    )
    return model.model_dump(mode="json", by_alias=True)


def customer(n):
    from polar_sdk import models

    model = models.CustomerIndividual(
        id=f"c{n}", created_at=datetime(2025, 1, 1, tzinfo=timezone.utc), modified_at=MODIFIED, metadata={},
        email=f"c{n}@example.com", email_verified=True, name=f"Customer {n}", billing_name=None,
        billing_address=None, tax_id=[], organization_id="org", deleted_at=MODIFIED, avatar_url=None,
    )
    return model.model_dump(mode="json", by_alias=True)


def webhook_endpoint(n):
    from polar_sdk import models

    model = models.WebhookEndpoint(
        id=f"w{n}", created_at=datetime(2025, 1, 1, tzinfo=timezone.utc), modified_at=MODIFIED,
        url=f"https://example.com/hook/{n}", format_=models.WebhookFormat.RAW, secret="s",
        organization_id="org", events=[models.WebhookEventType.ORDER_CREATED], enabled=True,
    )
    return model.model_dump(mode="json", by_alias=True)


def member(n):
    from polar_sdk import models

    model = models.Member(
        id=f"m{n}", created_at=datetime(2025, 1, 1, tzinfo=timezone.utc), modified_at=MODIFIED,
        customer_id="c1", email=f"m{n}@example.com", name=None, external_id=None, role=models.MemberRole.MEMBER,
    )
    return model.model_dump(mode="json", by_alias=True)


# The paged operations `sdk --all` runs (four groups; item models simple enough to build from the
# SDK's own classes). `path` is what the server answers; the items' ids carry the prefix.
OPERATIONS = {
    "benefits.list": {"path": "/v1/benefits/", "item": benefit},
    "customers.list": {"path": "/v1/customers/", "item": customer},
    "webhooks.list_webhook_endpoints": {"path": "/v1/webhooks/endpoints", "item": webhook_endpoint},
    "members.list_members": {"path": "/v1/members/", "item": member},
}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, payload):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0") or 0))
        if self.path != "/__peer__/scenario":
            return self.reply(404, {"detail": "not found"})
        self.server.set(json.loads(body))
        self.reply(200, {})

    def do_GET(self):
        if self.path == "/__peer__/log":
            with self.server.lock:
                return self.reply(200, list(self.server.log))
        target = urllib.parse.urlsplit(self.path)
        if target.path != self.server.path:
            with self.server.lock:
                self.server.log.append(self.path)  # a wrong route is a request sent, too
            return self.reply(404, {"detail": "not found"})
        query = dict(urllib.parse.parse_qsl(target.query, keep_blank_values=True))
        page, limit = int(query.get("page", 1)), int(query.get("limit", 10))
        with self.server.lock:
            self.server.log.append(self.path)
            items = self.server.items
            max_page = self.server.max_page
        if max_page is None:
            max_page = (len(items) + limit - 1) // limit
        self.reply(200, {
            "items": items[(page - 1) * limit:page * limit],
            "pagination": {"total_count": len(items), "max_page": max_page},
        })


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.lock = threading.Lock()
        self.items, self.max_page, self.log, self.path = [], None, [], "/v1/benefits/"

    def set(self, scenario):
        """`operation` (default `benefits.list`): which path answers and which items it lists."""
        operation = OPERATIONS[scenario.get("operation") or "benefits.list"]
        with self.lock:
            self.items = [operation["item"](n) for n in range(1, scenario["items"] + 1)]
            self.max_page = scenario.get("max_page")
            self.path = operation["path"]
            self.log = []


def sdk_runs(operations, scenarios):
    """Every scenario of every operation through the real SDK's `next()` loop."""
    import polar_sdk

    server = Server()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    polar = polar_sdk.Polar(server_url=f"http://127.0.0.1:{server.server_address[1]}", access_token="token")
    results = []
    for operation in operations:
        group, method = operation.split(".")
        call = getattr(getattr(polar, group), method)
        for scenario in scenarios:
            scenario = {"operation": operation, **scenario}
            server.set(scenario)
            seen = []
            res = call(**scenario["call"])
            while res is not None:
                seen += [item.id for item in res.result.items]
                res = res.next()
            with server.lock:
                requests = list(server.log)
            results.append({**scenario, "requests": requests, "seen": seen})
    server.shutdown()
    return results


def run_sdk(all_operations):
    if all_operations:
        runs = sdk_runs(list(OPERATIONS), SCENARIOS + [DEFAULTS_SCENARIO])
    else:
        runs = sdk_runs(["benefits.list"], SCENARIOS)
    print(json.dumps({"scenarios": runs}, indent=1))


# The README example `check` runs in the Swift runner: `listItems(limit: 10)` over 25 custom benefits.
README_ITEMS = 25


def readme_expected(server, polar):
    """What the README loop prints (`id description`) and sends, from the SDK's loop over the same list.

    `page=None`: the Swift example passes no page, and the generated method sends none (the SDK's
    default `page=1` is the DEFAULTS_SCENARIO's difference, excepted there)."""
    server.set({"operation": "benefits.list", "items": README_ITEMS, "max_page": None})
    lines, res = [], polar.benefits.list(page=None, limit=10)
    while res is not None:
        lines += [f"{item.id} {item.description}" for item in res.result.items]
        res = res.next()
    with server.lock:
        return lines, list(server.log)


def differences(sdk, swift):
    """One line per request or item list that differs (the exceptions' `match` is searched in it)."""
    found = []
    for index in range(max(len(sdk["requests"]), len(swift.get("requests", [])))):
        a = sdk["requests"][index] if index < len(sdk["requests"]) else None
        b = swift["requests"][index] if index < len(swift.get("requests", [])) else None
        if a != b:
            found.append(f"request {index + 1}: SDK {'`' + a + '`' if a else 'none'}, Swift {'`' + b + '`' if b else 'none'}")
    if "error" in swift:
        found.append(f"error: Swift threw {swift['error']}")
    elif swift["seen"] != sdk["seen"]:
        found.append(f"items: SDK {sdk['seen']}, Swift {swift['seen']}")
    return found


def check(args):
    """The generated client's `…Pages`/`…Items` (the Swift PageRunner) against the SDK's `next()` loop."""
    import os
    import re
    import subprocess

    import polar_sdk

    def option(name, default=None):
        return args[args.index(name) + 1] if name in args else default

    runner, work, variant = option("--runner"), option("--work"), option("--variant", "docs")
    exceptions_file = option("--exceptions")
    os.makedirs(work, exist_ok=True)
    scenarios = SCENARIOS + [DEFAULTS_SCENARIO]
    expected = sdk_runs(list(OPERATIONS), scenarios)
    server = Server()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    readme_lines, readme_requests = readme_expected(server, polar_sdk.Polar(server_url=url, access_token="token"))
    # The runner sets each scenario itself (POST /__peer__/scenario) and reads the log after each loop.
    plan = {"scenarios": [{k: s[k] for k in ("operation", "name", "items", "max_page", "swift")} for s in expected],
            "operations": list(OPERATIONS), "lazy_items": 30, "readme_items": README_ITEMS}
    with open(os.path.join(work, "page-plan.json"), "w") as handle:
        json.dump(plan, handle, indent=1)
    out = os.path.join(work, "page-swift.jsonl")
    run = subprocess.run([runner, "--server-url", url, "--plan", os.path.join(work, "page-plan.json"), "--out", out],
                         capture_output=True, text=True, timeout=600)
    server.shutdown()
    with open(os.path.join(work, "page-runner.out"), "w") as handle:
        handle.write(run.stdout + run.stderr)
    if run.returncode != 0:
        sys.exit(f"page_peer.py check: the runner exited {run.returncode}: {run.stderr[-2000:]}")
    swift = [json.loads(line) for line in open(out) if line.strip()]
    rows = [json.loads(line) for line in open(exceptions_file) if line.strip()] if exceptions_file else []
    rows = [row for row in rows if row.get("variant", variant) == variant]
    used = set()

    def excepted(operation, name, line):
        for index, row in enumerate(rows):
            if row.get("operation", operation) == operation and row.get("scenario", name) == name and re.search(row["match"], line):
                used.add(index)
                return row
        return None

    report = {"variant": variant, "operations": len(OPERATIONS), "scenarios": len(scenarios), "runs": 0,
              "requestsEqual": 0, "itemsEqual": 0, "excepted": 0, "blocking": 0, "lazy": 0, "lazyFailed": 0,
              "readme": False, "differences": []}
    runs = {(r["operation"], r["name"], r["mode"]): r for r in swift if r["kind"] == "run"}
    for sdk in expected:
        for mode in ("pages", "items"):
            report["runs"] += 1
            mine = runs.get((sdk["operation"], sdk["name"], mode), {"requests": [], "error": "no result"})
            report["requestsEqual"] += mine.get("requests") == sdk["requests"]
            report["itemsEqual"] += "error" not in mine and mine["seen"] == sdk["seen"]
            found = differences(sdk, mine)
            if not found:
                continue
            label = f"{sdk['operation']} {mode} [{sdk['name']}]"
            open_lines = [line for line in found if excepted(sdk["operation"], sdk["name"], line) is None]
            for line in found:
                row = excepted(sdk["operation"], sdk["name"], line)
                print(f"DIFFERENCE{' (excepted: ' + row['reason'] + ')' if row else ''} {label}: {line}")
            report["differences"] += [{"operation": sdk["operation"], "scenario": sdk["name"], "mode": mode,
                                       "line": line, "excepted": line not in open_lines} for line in found]
            if open_lines:
                report["blocking"] += 1
            else:
                report["excepted"] += 1
    # Lazy: nothing sent before the first `next()`, one request for the first page, none after `break`.
    for lazy in (r for r in swift if r["kind"] == "lazy"):
        path = OPERATIONS[lazy["operation"]]["path"]
        good = lazy["before_next"] == [] and lazy["after_first"] == [path] and lazy["after_break"] == [path]
        report["lazy" if good else "lazyFailed"] += 1
        if not good:
            print(f"LAZY FAILED {lazy['operation']} {lazy['sequence']}: {json.dumps(lazy)}")
    expected_lazy = 2 * len(OPERATIONS)
    if report["lazy"] + report["lazyFailed"] != expected_lazy:
        print(f"LAZY FAILED: {report['lazy'] + report['lazyFailed']} lazy result(s), expected {expected_lazy}")
        report["lazyFailed"] += 1
    readme = next((r for r in swift if r["kind"] == "readme"), None)
    printed = run.stdout.split("README-BEGIN\n", 1)[-1].split("README-END", 1)[0].splitlines() if "README-BEGIN" in run.stdout else None
    report["readme"] = readme is not None and printed == readme_lines and readme["requests"] == readme_requests
    report["readmeOutput"], report["readmeRequests"] = printed, readme["requests"] if readme else None
    if not report["readme"]:
        print(f"README FAILED: printed {printed}, expected {readme_lines}; sent {readme and readme['requests']}, SDK {readme_requests}")
    report["unusedExceptions"] = [row for index, row in enumerate(rows) if index not in used]
    with open(os.path.join(work, "page-report.json"), "w") as handle:
        json.dump(report, handle, indent=1)
    print(f"page peer check ({variant}): {report['operations']} operations x {report['scenarios']} scenarios x pages/items = "
          f"{report['runs']} runs; requests equal {report['requestsEqual']}, items equal {report['itemsEqual']}, "
          f"excepted {report['excepted']}, blocking {report['blocking']}; lazy {report['lazy']}/{expected_lazy}; "
          f"README example {'ok' if report['readme'] else 'FAILED'}; unused exception rows {len(report['unusedExceptions'])}")
    return 0 if report["blocking"] == 0 and report["lazyFailed"] == 0 and report["readme"] else 1


def serve():
    server = Server()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"LISTENING {server.server_address[1]}", flush=True)
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else "sdk"
    if mode == "sdk":
        run_sdk("--all" in sys.argv[2:])
    elif mode == "serve":
        serve()
    elif mode == "check":
        sys.exit(check(sys.argv[2:]))
    else:
        sys.exit(f"usage: {sys.argv[0]} sdk [--all]|serve|check …")
