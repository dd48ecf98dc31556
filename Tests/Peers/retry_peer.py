#!/usr/bin/env python3
"""Retry peer: the REAL livepeer-ai SDK's retries against a server that fails K times.

Two modes.

serve [--port 0]
    A threaded HTTP/1.1 server on 127.0.0.1 (stdlib only, so it can answer in ways
    a framework would not: dropping the connection without any response). It prints
    ``LISTENING <port>`` once it accepts connections and exits when stdin reaches EOF.

    POST /s/<run>/<kind>/<k>/image-to-video
        Reads the whole request body, records the attempt (monotonic time in ms,
        method, path, body length and sha256) under <run>, then: attempts 1..k fail
        as <kind> says, later ones get 200 with a VideoResponse. <kind> is a status
        (429, 500, 502, 503, 504, 501 ...) answered with a JSON body, or ``drop``:
        the socket is closed without a response. k = 1000000 fails every time.
    GET /attempts/<run>
        {"attempts": [{"t_ms", "method", "path", "length", "sha256"}, ...]}

sdk --server-url URL --image FILE --backoff INITIAL,MAX,EXPONENT,MAX_ELAPSED --connection-errors 0|1
    Calls livepeer_ai's generate.image_to_video with
    ``retries=RetryConfig("backoff", BackoffStrategy(...), connection_errors)`` and prints
    one JSON line: {"outcome": "ok" | "error", "error_type", "status", "message"}.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List

OK_BODY = json.dumps({"images": [{"url": "peer://retry", "seed": 1, "nsfw": False}]}).encode()

LOCK = threading.Lock()
ATTEMPTS: Dict[str, List[Dict[str, Any]]] = {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            data = b""
            while True:
                size = int(self.rfile.readline().strip().split(b";")[0], 16)
                if size == 0:
                    self.rfile.readline()
                    return data
                data += self.rfile.read(size)
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length", "0")))

    def _answer(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        parts = self.path.strip("/").split("/")
        if len(parts) == 2 and parts[0] == "attempts":
            with LOCK:
                body = json.dumps({"attempts": ATTEMPTS.get(parts[1], [])}).encode()
            self._answer(200, body)
        else:
            self._answer(404, b"{}")

    def do_POST(self) -> None:
        now = time.monotonic() * 1000
        body = self._read_body()
        parts = self.path.strip("/").split("/")
        if len(parts) != 5 or parts[0] != "s":
            self._answer(404, b"{}")
            return
        run, kind, failures = parts[1], parts[2], int(parts[3])
        with LOCK:
            attempts = ATTEMPTS.setdefault(run, [])
            attempts.append({
                "t_ms": now, "method": self.command, "path": self.path,
                "length": len(body), "sha256": hashlib.sha256(body).hexdigest(),
            })
            number = len(attempts)
        if number > failures:
            self._answer(200, OK_BODY)
        elif kind == "drop":
            # No status line at all: the client sees the connection closed.
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        else:
            self._answer(int(kind), json.dumps({"detail": {"msg": f"failure {number}"}}).encode())


def serve(port: int) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"LISTENING {server.server_address[1]}", flush=True)
    sys.stdin.read()  # until the test process's end of the pipe closes
    server.shutdown()


def sdk(server_url: str, image: str, backoff: str, connection_errors: bool) -> None:
    from livepeer_ai import Livepeer
    from livepeer_ai.models import components
    from livepeer_ai.utils import BackoffStrategy, RetryConfig

    initial, maximum, exponent, elapsed = backoff.split(",")
    retries = RetryConfig("backoff", BackoffStrategy(int(initial), int(maximum), float(exponent), int(elapsed)), connection_errors)
    with open(image, "rb") as handle:
        content = handle.read()
    request = components.BodyGenImageToVideo(
        image=components.BodyGenImageToVideoImage(file_name="cat.png", content=content, content_type="image/png"),
        model_id="m", seed=7)
    result: Dict[str, Any]
    try:
        with Livepeer(http_bearer="peer-test-token", server_url=server_url) as lp:
            lp.generate.image_to_video(request=request, retries=retries)
        result = {"outcome": "ok"}
    except Exception as error:  # the type and status are what is compared
        result = {
            "outcome": "error", "error_type": type(error).__name__,
            "status": getattr(error, "status_code", None), "message": str(error)[:300],
        }
    print(json.dumps(result), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    modes = parser.add_subparsers(dest="mode", required=True)
    serve_parser = modes.add_parser("serve")
    serve_parser.add_argument("--port", type=int, default=0)
    sdk_parser = modes.add_parser("sdk")
    sdk_parser.add_argument("--server-url", required=True)
    sdk_parser.add_argument("--image", required=True)
    sdk_parser.add_argument("--backoff", default="10,50,1.5,2000")
    sdk_parser.add_argument("--connection-errors", type=int, default=1)
    args = parser.parse_args()
    if args.mode == "serve":
        serve(args.port)
    else:
        sdk(args.server_url, args.image, args.backoff, bool(args.connection_errors))


if __name__ == "__main__":
    main()
