#!/usr/bin/env python3
"""page_peer.py: polar-sdk's paging (`while res is not None: … res = res.next()`) against a local list.

    page_peer.py sdk      runs every scenario through the real SDK (`polar.benefits.list`) against
                          its own server and prints one JSON object: {"scenarios": [{"name", "items",
                          "max_page", "call", "swift", "requests", "seen"}]}
    page_peer.py serve    serves for another client (the Swift PagePeerTests): prints
                          `LISTENING <port>` (flushed) and exits when its stdin closes.

The server (127.0.0.1, HTTP/1.1) answers `GET /v1/benefits/` with a polar `ListResourceBenefit`:
`items` the slice `[(page - 1) * limit, page * limit)` of N custom benefits (`b1`…`bN`, built from
the SDK's own models, so they validate), `page` and `limit` read from the query (1 and 10 when
absent, as polar's server does), and `pagination.max_page` the number of pages (or the scenario's
`max_page`). Every such request's raw target (path and query) is recorded. Control requests (not
recorded): `POST /__peer__/scenario` with `{"items": N, "max_page": M|null}` sets the list and
clears the record; `GET /__peer__/log` answers the record as a JSON array.

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
]


def benefit(n):
    from polar_sdk import models

    model = models.BenefitCustom(
        id=f"b{n}", created_at=datetime(2025, 1, 1, tzinfo=timezone.utc), modified_at=None,
        description=f"Benefit {n}", selectable=True, deletable=True, is_deleted=False,
        organization_id="org", metadata={}, visibility=models.BenefitVisibility.PUBLIC,
        properties=models.BenefitCustomProperties(note=None), visibility_configurable=True,
    )
    return model.model_dump(mode="json", by_alias=True)


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
        scenario = json.loads(body)
        with self.server.lock:
            self.server.items = [benefit(n) for n in range(1, scenario["items"] + 1)]
            self.server.max_page = scenario.get("max_page")
            self.server.log = []
        self.reply(200, {})

    def do_GET(self):
        if self.path == "/__peer__/log":
            with self.server.lock:
                return self.reply(200, list(self.server.log))
        target = urllib.parse.urlsplit(self.path)
        if target.path != "/v1/benefits/":
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
        self.items, self.max_page, self.log = [], None, []

    def set(self, scenario):
        with self.lock:
            self.items = [benefit(n) for n in range(1, scenario["items"] + 1)]
            self.max_page = scenario["max_page"]
            self.log = []


def run_sdk():
    import polar_sdk

    server = Server()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    polar = polar_sdk.Polar(server_url=f"http://127.0.0.1:{server.server_address[1]}", access_token="token")
    results = []
    for scenario in SCENARIOS:
        server.set(scenario)
        seen = []
        res = polar.benefits.list(**scenario["call"])
        while res is not None:
            seen += [item.id for item in res.result.items]
            res = res.next()
        with server.lock:
            requests = list(server.log)
        results.append({**scenario, "requests": requests, "seen": seen})
    server.shutdown()
    print(json.dumps({"scenarios": results}, indent=1))


def serve():
    server = Server()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"LISTENING {server.server_address[1]}", flush=True)
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else "sdk"
    if mode == "sdk":
        run_sdk()
    elif mode == "serve":
        serve()
    else:
        sys.exit(f"usage: {sys.argv[0]} sdk|serve")
