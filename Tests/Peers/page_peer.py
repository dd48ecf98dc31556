#!/usr/bin/env python3
"""page_peer.py: polar-sdk's paging (`while res is not None: … res = res.next()`) against a local list.

    page_peer.py sdk      runs every scenario through the real SDK (`polar.benefits.list`) against
                          its own server and prints one JSON object: {"scenarios": [{"name", "items",
                          "max_page", "call", "swift", "requests", "seen"}]}
    page_peer.py sdk --all    the same for every paged operation of the SDK (36: the methods whose
                          source has a `next_func`, found by `paged_methods`), with their scenarios
                          (`scenarios_of`: all of SCENARIOS for FULL_OPERATIONS, SUBSET_SCENARIOS for
                          the others, DEFAULTS_SCENARIO for all; each scenario has `operation`)
    page_peer.py check --runner BIN --work DIR [--variant NAME] [--exceptions FILE]
                          the generated client's pages (the PageRunner of request-peer-check --pages)
                          against `sdk --all`; prints the differences and the summary, writes
                          DIR/page-report.json; exit 1 on a difference no exception row matches
    page_peer.py serve    serves for another client (the Swift PagePeerTests): prints
                          `LISTENING <port>` (flushed) and exits when its stdin closes.

The server (127.0.0.1, HTTP/1.1) answers any `GET` but its log with a polar `ListResource…`: `items`
the slice `[(page - 1) * limit, page * limit)` of N items, `page` and `limit` read from the query (1
and 10 when absent, as polar's server does), and `pagination.max_page` the number of pages (or the
scenario's `max_page`). Every such request's raw target (path and query) is recorded, so a wrong
path is a request difference. The items: for `benefits.list` N custom benefits (`b1`…`bN`, described
`Benefit n`, for the README example); for every other operation a minimal valid instance of the
item model of its response (`result.items: List[X]`), built from the SDK's pydantic models by
`sample` (required fields, recursively; nullable ones non-null, as the docs often type them
required), its key field (`id`, else `name`) set to `i1`…`iN`. Control requests (not recorded):
`POST /__peer__/scenario` with `{"operation"?, "items": N, "max_page": M|null}` sets the list (of
`benefits.list` when not given) and clears the record; `GET /__peer__/log` answers the record as a
JSON array.

A scenario's `call` is the SDK's keyword arguments (a key left out takes the SDK's default: page 1,
limit 10; `null` is sent as None: no query parameter); `swift` is what a Swift caller passes to
the page sequence for the same requests (`null`: nil). An operation's required arguments (a path
`id`, `external_id`, the customer portal's `security`) take REQUIRED_VALUES on both sides.
"""
import datetime as dt
import enum
import http.server
import json
import socketserver
import sys
import threading
import types
import typing
import urllib.parse
from datetime import datetime, timezone

import pydantic
from polar_sdk.types.basemodel import Unset

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


# Set, not None: the SDK's models allow `modified_at: None`, but the docs type it `[date]`, required,
# without `Nullable`, so the client generated from the docs alone rejects `null` there (`sample` gives
# every nullable field a value for the same reason).
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


# --- The paged operations, found in the SDK itself -------------------------------------------------
#
# Every method of the SDK (reached from `Polar`, sub-SDKs such as `customer_portal` included; the
# `_async` twins left out) whose source builds a `next_func` is a paged operation. polar-sdk 0.32.0 has
# 36; a different count fails the check (an SDK update must be looked at, not silently covered less).
EXPECTED_OPERATIONS = 36

# The operations of the original check: every scenario of SCENARIOS. The others run SUBSET_SCENARIOS
# (the runtime's corner cases are the same code for all of them; these four cover them).
FULL_OPERATIONS = ["benefits.list", "customers.list", "webhooks.list_webhook_endpoints", "members.list_members"]
SUBSET_SCENARIOS = ["not a multiple", "no items", "page 2, no limit", "limit given", "the SDK's defaults"]

# The value of a required argument (a path id, the customer portal's `security`), the same on both sides.
# `security` is a customer session token (the model's `customer_session`).
REQUIRED_VALUES = {"id": "id-1", "external_id": "ext-1", "security": "session-1"}


def polar_client(url="http://127.0.0.1:9"):
    import polar_sdk

    return polar_sdk.Polar(server_url=url, access_token="token")


def paged_methods(polar):
    """`{"group.method" (sub-SDKs dotted): bound method}` for every method with a `next_func`."""
    import inspect

    found = {}

    def walk(sdk, prefix, seen):
        for name in sorted(dir(sdk)):
            if name.startswith("_") or name == "parent_ref" or name.endswith("_async"):
                continue
            try:
                attr = getattr(sdk, name)
            except Exception:
                continue
            if inspect.ismethod(attr):
                try:
                    source = inspect.getsource(attr)
                except (OSError, TypeError):
                    continue
                if "next_func" in source:
                    found[prefix + name] = attr
            elif type(attr).__module__.startswith("polar_sdk") and hasattr(attr, "sdk_configuration") and id(attr) not in seen:
                seen.add(id(attr))
                walk(attr, prefix + name + ".", seen)

    walk(polar, "", set())
    if len(found) != EXPECTED_OPERATIONS:
        sys.exit(f"page_peer.py: polar-sdk has {len(found)} paged operations, expected {EXPECTED_OPERATIONS} "
                 f"(an SDK change? look at them and update EXPECTED_OPERATIONS): {sorted(found)}")
    return found


def unwrap_alias(a):
    """A type alias (`Nullable[X]`, `OptionalNullable[X]`, a named union) as the type it stands for."""
    while True:
        origin = typing.get_origin(a)
        if origin is not None and hasattr(origin, "__value__") and not isinstance(origin, type):
            a = origin.__value__[typing.get_args(a)]
        elif typing.get_origin(a) is None and hasattr(a, "__value__") and not isinstance(a, type):
            a = a.__value__
        else:
            return a


def sample(annotation, name="", depth=0):
    """A minimal JSON value of the annotation that the SDK's models accept (`name`: the field's, for a
    string that looks like an e-mail or URL). A union takes its first member whose value validates;
    `Optional`/`Nullable` a value of the inner type, not null (the docs often say required)."""
    annotation = unwrap_alias(annotation)
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return sample(args[0], name, depth)
    if origin in (typing.Union, types.UnionType):
        last = None
        for member in (m for m in args if m is not type(None) and unwrap_alias(m) is not Unset):
            try:
                value = sample(member, name, depth)
                pydantic.TypeAdapter(member).validate_python(value)
                return value
            except Exception as error:  # the next member
                last = error
        raise ValueError(f"no member of {annotation} validates: {last}")
    if origin is typing.Literal:
        return args[0]
    if origin in (list, set, tuple):
        return []
    if origin is dict:
        return {}
    if annotation is typing.Any or annotation is object:
        return "x"
    if isinstance(annotation, type):
        if issubclass(annotation, enum.Enum):
            return list(annotation)[0].value
        if issubclass(annotation, bool):
            return True
        if issubclass(annotation, int):
            return 1
        if issubclass(annotation, float):
            return 1.5
        if issubclass(annotation, str):
            if "email" in name:
                return "a@example.com"
            return "https://example.com/x" if name.endswith("url") else "s"
        if issubclass(annotation, dt.datetime):
            return "2025-01-01T00:00:00Z"
        if issubclass(annotation, dt.date):
            return "2025-01-01"
        if issubclass(annotation, pydantic.BaseModel) and not issubclass(annotation, Unset):
            return model_sample(annotation, depth + 1)
    raise ValueError(f"no sample for {annotation!r} ({name})")


def model_sample(model, depth=0):
    """The model's required fields (by their JSON names), each a `sample`; validated by the model."""
    if depth > 12:
        raise ValueError(f"too deep at {model}")
    out = {}
    for field_name, field in model.model_fields.items():
        key = field.alias or field_name
        if not field.is_required():
            # A constant with a default (a union member's `type: Literal["custom"] = "custom"`):
            # sent, so that a discriminated union finds its member.
            if isinstance(field.default, enum.Enum):
                out[key] = field.default.value
            elif isinstance(field.default, (str, int, float, bool)):
                out[key] = field.default
            continue
        out[key] = sample(field.annotation, field_name, depth)
    model.model_validate(out)
    return out


def item_type(method):
    """`X` of the response's `result.items: List[X]` (from the method's return annotation)."""
    import inspect

    response = typing.get_args(inspect.signature(method).return_annotation)[0]
    page = unwrap_alias(response.model_fields["result"].annotation)
    return typing.get_args(unwrap_alias(page.model_fields["items"].annotation))[0]


def required_arguments(method):
    """The SDK call's required keyword arguments (`{name: value}`) and their values for the Swift runner."""
    import inspect

    call, swift = {}, {}
    for name, parameter in inspect.signature(method).parameters.items():
        if parameter.default is not inspect.Parameter.empty:
            continue
        if name not in REQUIRED_VALUES:
            sys.exit(f"page_peer.py: {method.__qualname__} has a required argument `{name}` without a value in REQUIRED_VALUES")
        value = REQUIRED_VALUES[name]
        swift[name] = value
        if name == "security":
            model = next(m for m in typing_args_flat(parameter.annotation) if isinstance(m, type) and issubclass(m, pydantic.BaseModel))
            if "customer_session" not in model.model_fields:
                sys.exit(f"page_peer.py: {model.__name__} has no `customer_session`")
            call[name] = model(customer_session=value)
        else:
            call[name] = value
    return call, swift


def typing_args_flat(annotation):
    import typing

    args = typing.get_args(annotation)
    return [annotation] if not args else [m for a in args for m in typing_args_flat(a)]


def item_key(dumped):
    """The field that tells the items apart: `id`, else `name`, else the first string field."""
    for key in ("id", "name"):
        if isinstance(dumped.get(key), str):
            return key
    return next(k for k, v in dumped.items() if isinstance(v, str))


class GenericItems:
    """`item(n)` of one operation: a minimal valid item of its model, its key field set to `i<n>`."""

    def __init__(self, method):
        self.type = item_type(method)
        adapter = pydantic.TypeAdapter(self.type)
        self.adapter = adapter
        self.base = adapter.dump_python(adapter.validate_python(sample(self.type)), mode="json", by_alias=True)
        self.key = item_key(self.base)

    def __call__(self, n):
        value = {**self.base, self.key: f"i{n}"}
        return self.adapter.dump_python(self.adapter.validate_python(value), mode="json", by_alias=True)


_OPERATIONS = None


def operations():
    """`{name: {"method", "item", "key", "call", "swift"}}` of every paged operation (built once)."""
    global _OPERATIONS
    if _OPERATIONS is None:
        methods = paged_methods(polar_client())
        _OPERATIONS = {}
        for name, method in methods.items():
            call, swift = required_arguments(method)
            items = GenericItems(method)
            if name == "benefits.list":
                item, key = benefit, "id"  # the README example prints `id description`
            else:
                item, key = items, items.key
            _OPERATIONS[name] = {"item": item, "key": key, "call": call, "swift": swift}
    return _OPERATIONS


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms delayed-ACK wait per reply

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
        # Any other GET is the scenario's list (whatever the path: a wrong one is a request difference).
        target = urllib.parse.urlsplit(self.path)
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
        self.items, self.max_page, self.log = [], None, []

    def set(self, scenario):
        """`operation` (default `benefits.list`): whose items the list has."""
        name = scenario.get("operation") or "benefits.list"
        item = benefit if name == "benefits.list" else operations()[name]["item"]
        items = [item(n) for n in range(1, scenario["items"] + 1)]
        with self.lock:
            self.items = items
            self.max_page = scenario.get("max_page")
            self.log = []


def scenarios_of(operation):
    """Every scenario for the original four operations, SUBSET_SCENARIOS for the others; DEFAULTS_SCENARIO for all."""
    chosen = SCENARIOS if operation in FULL_OPERATIONS else [s for s in SCENARIOS if s["name"] in SUBSET_SCENARIOS]
    if operation not in FULL_OPERATIONS and len(chosen) != len(SUBSET_SCENARIOS):
        sys.exit("page_peer.py: SUBSET_SCENARIOS names a scenario SCENARIOS has not")
    return chosen + [DEFAULTS_SCENARIO]


def sdk_runs(plan):
    """Every scenario of every operation through the real SDK's `next()` loop (`plan`: `[(operation, scenarios)]`)."""
    server = Server()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    polar = polar_client(f"http://127.0.0.1:{server.server_address[1]}")
    results = []
    for operation, scenarios in plan:
        call = polar
        for part in operation.split("."):
            call = getattr(call, part)
        spec = {"call": {}, "key": "id"} if operation == "benefits.list" else operations()[operation]
        attribute = spec["key"]
        for scenario in scenarios:
            scenario = {"operation": operation, **scenario}
            server.set(scenario)
            seen = []
            res = call(**spec["call"], **scenario["call"])
            while res is not None:
                seen += [item_id(item, attribute) for item in res.result.items]
                res = res.next()
            with server.lock:
                requests = list(server.log)
            results.append({**scenario, "requests": requests, "seen": seen})
    server.shutdown()
    return results


def item_id(item, key):
    """The item's `key` (a JSON name) from the SDK's model (its attribute may be named otherwise)."""
    return pydantic.TypeAdapter(type(item)).dump_python(item, mode="json", by_alias=True)[key]


def full_plan():
    return [(operation, scenarios_of(operation)) for operation in sorted(operations())]


def run_sdk(all_operations):
    if all_operations:
        runs = sdk_runs(full_plan())
    else:
        runs = sdk_runs([("benefits.list", SCENARIOS)])
    print(json.dumps({"scenarios": runs}, indent=1))


# The README example `check` runs in the Swift runner: `listItems(limit: 10)` over 25 custom benefits.
README_ITEMS = 25


def readme_expected(server, polar, variant):
    """What the README loop prints (`id description`) and sends, from the SDK's loop over the same list.

    The Swift example passes no page. Docs only, the generated method has no default and sends none,
    so the SDK is called with `page=None`; with --python-sdk it defaults to the SDK's `page=1`, so the
    SDK is called as the README's reader would call it, without a page."""
    server.set({"operation": "benefits.list", "items": README_ITEMS, "max_page": None})
    lines, res = [], (polar.benefits.list(limit=10) if variant == "python-sdk"
                      else polar.benefits.list(page=None, limit=10))
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
    plan_runs = full_plan()
    expected = sdk_runs(plan_runs)
    server = Server()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    readme_lines, readme_requests = readme_expected(server, polar_sdk.Polar(server_url=url, access_token="token"), variant)
    # The runner sets each scenario itself (POST /__peer__/scenario) and reads the log after each loop.
    specs = operations()
    plan = {"scenarios": [{k: s[k] for k in ("operation", "name", "items", "max_page", "swift")} for s in expected],
            "operations": [{"name": name, "key": specs[name]["key"], "arguments": specs[name]["swift"]} for name in sorted(specs)],
            "lazy_items": 30, "readme_items": README_ITEMS}
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

    report = {"variant": variant, "operations": len(specs), "scenarios": len(expected),
              "scenariosPerOperation": {name: len(scenarios) for name, scenarios in plan_runs}, "runs": 0,
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
        # The path the SDK asks for (its first request of DEFAULTS_SCENARIO, without the query): the
        # lazy loops pass no page or limit, so the query is the method's defaults (none from the
        # docs, the SDK's with --python-sdk); laziness is how many requests, to which path.
        path = next(r for r in expected if r["operation"] == lazy["operation"] and r["name"] == DEFAULTS_SCENARIO["name"])["requests"][0].split("?")[0]
        paths = {key: [target.split("?")[0] for target in lazy[key]] for key in ("before_next", "after_first", "after_break")}
        good = paths["before_next"] == [] and paths["after_first"] == [path] and paths["after_break"] == [path]
        report["lazy" if good else "lazyFailed"] += 1
        if not good:
            print(f"LAZY FAILED {lazy['operation']} {lazy['sequence']}: {json.dumps(lazy)}")
    expected_lazy = 2 * len(specs)
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
    print(f"page peer check ({variant}): {report['operations']} operations, {report['scenarios']} scenarios x pages/items = "
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
