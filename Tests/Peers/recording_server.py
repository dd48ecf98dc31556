#!/usr/bin/env python3
"""recording_server.py: answers the N-th request with the N-th reply and records every request.

    recording_server.py --replies calls.jsonl --log requests.jsonl [--port 0]

A threading HTTP/1.1 server on 127.0.0.1 (the capture server of SDK-FACTS.md, i). Prints
`LISTENING <port>` on stdout (flushed) and exits when its stdin closes. Request N (0-based, in the
order they arrive) gets the `reply` of line N of --replies: `{"status", "content_type" (null: no
Content-Type header), "body_b64"}`; a request past the last line gets 599 text/plain `no reply`.
Each request is appended to --log as one JSON line:

    {"index": N, "method": "GET", "target": "<raw request target>", "path": "<raw path part>",
     "query": [[k, v], …] (urllib.parse.parse_qsl(keep_blank_values=True), in order),
     "headers": [[name, value], …] (wire order), "body_b64": "…"}

Request bodies are read by Content-Length, or chunk by chunk for `Transfer-Encoding: chunked`.

Announcing calls (recommended, sdk_calls.py does it): `POST /__peer__/call/<id>` (answered 204, not
logged) makes every later request get the reply of the --replies line with that `id` and be logged
with `"id": "<id>"`, until the next announcement. Then a call that sends no request (the client
fails first) or sends two (a retry) cannot shift the replies of the calls after it. Without
announcements the N-th request gets the N-th line's reply, as above, and the log has no "id".

Failures (the retry pass, `--failures FILE`): JSON lines `{"id", "k", "status"}`: the first k requests
of that (announced) call are answered with `status` (text/plain `peer retry failure <n>`) instead of
the call's reply, or, for the status `"drop"`, the connection is closed without an answer; the
requests after them get the reply. Every logged request of an announced call carries `"attempt"`
(1-based, per call) and, when it was failed, `"failed": <status>`.
"""
import argparse
import base64
import http.server
import json
import socket
import socketserver
import sys
import threading
import urllib.parse


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def read_body(self):
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length", "0") or 0)
        return self.rfile.read(length) if length else b""

    def handle_any(self):
        body = self.read_body()
        server = self.server
        if self.path.startswith("/__peer__/call/"):
            with server.lock:
                server.current = urllib.parse.unquote(self.path[len("/__peer__/call/"):])
            self.send_response_only(204)
            self.send_header("Content-Length", "0")
            if server.failures:
                # The retry pass: each call starts on a fresh connection, so a dropped one is the
                # call's own (a client may resend a request on its own when a reused one dies).
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            return
        failure = None
        with server.lock:
            index = server.count
            server.count += 1
            target = self.path
            path, _, query = target.partition("?")
            row = {"index": index, "method": self.command, "target": target, "path": path,
                   "query": [list(pair) for pair in urllib.parse.parse_qsl(query, keep_blank_values=True)],
                   "headers": [[name, value] for name, value in self.headers.items()],
                   "body_b64": base64.b64encode(body).decode()}
            if server.current is not None:
                row["id"] = server.current
                attempt = server.attempts.get(server.current, 0) + 1
                server.attempts[server.current] = attempt
                row["attempt"] = attempt
                plan = server.failures.get(server.current)
                if plan and attempt <= int(plan["k"]):
                    failure = plan["status"]
                    row["failed"] = failure
            server.log.write(json.dumps(row, ensure_ascii=False) + "\n")
            server.log.flush()
            if server.current is not None:
                reply = server.by_id.get(server.current)
            else:
                reply = server.replies[index] if index < len(server.replies) else None
            reply = reply or \
                {"status": 599, "content_type": "text/plain", "body_b64": base64.b64encode(b"no reply").decode()}
        if failure == "drop":
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        if failure is not None:
            reply = {"status": int(failure), "content_type": "text/plain",
                     "body_b64": base64.b64encode(f"peer retry failure {row['attempt']}".encode()).decode()}
        data = base64.b64decode(reply.get("body_b64") or "")
        self.send_response_only(int(reply["status"]))
        if reply.get("content_type"):
            self.send_header("Content-Type", reply["content_type"])
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = handle_any


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--replies", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--failures", help="JSON lines {id, k, status}: the first k requests of the call fail")
    args = parser.parse_args(argv[1:])
    with open(args.replies, encoding="utf-8") as handle:
        lines = [json.loads(line) for line in handle if line.strip()]
    replies = [line["reply"] for line in lines]
    server = Server(("127.0.0.1", args.port), Handler)
    server.replies, server.count, server.lock = replies, 0, threading.Lock()
    server.by_id = {line.get("id"): line["reply"] for line in lines}
    server.current = None
    server.attempts, server.failures = {}, {}
    if args.failures:
        with open(args.failures, encoding="utf-8") as handle:
            server.failures = {row["id"]: row for row in map(json.loads, filter(str.strip, handle))}
    server.log = open(args.log, "a", encoding="utf-8")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"LISTENING {server.server_address[1]}", flush=True)
    try:
        while sys.stdin.read(65536):
            pass
    except KeyboardInterrupt:
        pass
    server.shutdown()
    server.log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
