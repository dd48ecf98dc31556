#!/usr/bin/env python3
"""Server-sent event peer: serves event-stream scenarios from 127.0.0.1 and reads them with the
real friendli SDK's EventStream (friendli 0.14.2, friendli/core/utils/eventstreaming.py).

A scenario file is a JSON list (sse_scenarios.py writes one) of
    {"name": str, "model": "ContainerCompletionsStreamSuccess", "sentinel": "[DONE]" | null,
     "data_required": true, "chunks": [base64, ...], "delay_ms": 2,
     "framing": "chunked" | "close" | "chunked-cut" | "length-short"}
Each chunk is one TCP write (one HTTP chunk with "chunked"), `delay_ms` apart. "close": no length,
the connection closes at the end; "chunked-cut": the last chunk is followed by a close, no
terminating 0-chunk; "length-short": Content-Length is 100 bytes more than sent, then a close.

    sse_peer.py serve --scenarios FILE        prints `LISTENING <port>`; GET /scenarios/<index>
                                              serves one; exits when stdin closes
    sse_peer.py random --count N [--seed S]   random bodies cut into random chunks, each read by the
                                              SDK's stream_events (no server): one JSON line each,
                                              {"chunks": [base64], "sentinel", "data_required",
                                               "envelopes": [json.loads(raw)], "error": null | type}
    sse_peer.py sdk --scenarios FILE [--server-url URL]
                                              reads every scenario with the SDK (from its own
                                              server unless --server-url) and prints one JSON line
                                              per scenario

The SDK side builds the SDK's own EventStream exactly as friendli/core/serverless_completions.py
does: `EventStream(http_res, lambda raw: unmarshal_json_response(models.X, http_res, raw),
sentinel=...)`, over an httpx response opened with `stream=True` (client.stream). Each line:
    {"scenario": name, "envelopes": [json.loads(raw) for each raw the decoder got],
     "values": [value.model_dump(mode="json", by_alias=True)], "error": null | {"type", "message"}}
printed with sorted keys.
"""
import argparse
import base64
import json
import socket
import socketserver
import sys
import threading
import time


def load(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


class Handler(socketserver.BaseRequestHandler):
    scenarios = []

    def handle(self):
        sock = self.request
        head = b""
        while b"\r\n\r\n" not in head:
            data = sock.recv(65536)
            if not data:
                return
            head += data
        request_line = head.split(b"\r\n", 1)[0].decode("latin-1")
        path = request_line.split(" ")[1] if " " in request_line else ""
        try:
            index = int(path.rsplit("/", 1)[-1])
            scenario = self.scenarios[index]
        except (ValueError, IndexError):
            sock.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            return
        send_scenario(sock, scenario)


def send_scenario(sock, scenario):
    """Writes one scenario's response to `sock`, write by write (also used by stream_peer.py).
    A scenario with `status` (not 200) is answered with that status and its chunks as the body
    under `content_type` (default application/json), for the error path."""
    status = scenario.get("status", 200)
    reason = {200: "OK", 400: "Bad Request", 404: "Not Found", 422: "Unprocessable Entity",
              500: "Internal Server Error", 503: "Service Unavailable"}.get(status, "Status")
    chunks = [base64.b64decode(chunk) for chunk in scenario["chunks"]]
    framing = scenario.get("framing", "chunked")
    delay = scenario.get("delay_ms", 2) / 1000
    fields = ["HTTP/1.1 %d %s" % (status, reason),
              "Content-Type: %s" % scenario.get("content_type", "text/event-stream" if status == 200 else "application/json"),
              "Cache-Control: no-cache", "Connection: close"]
    if framing in ("chunked", "chunked-cut"):
        fields.append("Transfer-Encoding: chunked")
    elif framing == "length-short":
        fields.append("Content-Length: %d" % (sum(len(c) for c in chunks) + 100))
    sock.sendall(("\r\n".join(fields) + "\r\n\r\n").encode("latin-1"))
    try:
        for chunk in chunks:
            time.sleep(delay)
            if framing in ("chunked", "chunked-cut"):
                if chunk:  # an empty HTTP chunk would end the body
                    sock.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
            else:
                sock.sendall(chunk)
        if framing == "chunked":
            sock.sendall(b"0\r\n\r\n")
    except OSError:
        return  # the client went away (a sentinel, a break): nothing to finish
    # Closing without a FIN-then-RST race: shut down writing, let the client read the rest.
    try:
        sock.shutdown(socket.SHUT_WR)
    except OSError:
        pass


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def start(scenarios):
    Handler.scenarios = scenarios
    server = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def read_with_sdk(client, base_url, index, scenario):
    from friendli.core import models
    from friendli.core.utils import eventstreaming
    from friendli.core.utils.unmarshal_json_response import unmarshal_json_response

    model = getattr(models, scenario["model"])
    envelopes, values, error = [], [], None
    with client.stream("GET", "%s/scenarios/%d" % (base_url, index)) as http_res:

        def decoder(raw):
            envelopes.append(json.loads(raw))
            return unmarshal_json_response(model, http_res, raw)

        stream = eventstreaming.EventStream(
            http_res, decoder, sentinel=scenario.get("sentinel"), data_required=scenario.get("data_required", True)
        )
        try:
            for value in stream:
                values.append(value.model_dump(mode="json", by_alias=True))
        except Exception as exc:  # the outcome under test: its type and message are printed
            error = {"type": type(exc).__name__, "message": str(exc)}
        finally:
            stream.close()
    return {"scenario": scenario["name"], "envelopes": envelopes, "values": values, "error": error}


RANDOM_TOKENS = [b"\r", b"\n", b"\r\n", b"data:", b"data: ", b"id: ", b"event:", b"retry: ", b":", b" ", b"x",
                 b"7", b"007", b"\xc2\xb2", b"\xd9\xa3", b"[DONE]", b"\x00", b"\xef\xbb\xbf", b"\xc3\xa9", b"\n\n", b"data: ",
                 b"{", b"}", b"\"a\"", b"[1,", b"2]", b"null", b"\t", b"DATA"]


class _Chunks:
    """Stands in for the httpx response: stream_events only calls iter_bytes() and close()."""

    def __init__(self, chunks):
        self.chunks = chunks

    def iter_bytes(self):
        return iter(self.chunks)

    def close(self):
        pass


def random_cases(count, seed):
    import random

    from friendli.core.utils import eventstreaming

    rng = random.Random(seed)
    for _ in range(count):
        body = b"".join(rng.choice(RANDOM_TOKENS) for _ in range(rng.randint(0, 24)))
        if rng.random() < 0.03:  # now and then a byte that is no UTF-8
            at = rng.randint(0, len(body))
            body = body[:at] + b"\xff" + body[at:]
        cuts = sorted(rng.sample(range(1, len(body)), min(len(body) - 1, rng.randint(0, 5)))) if len(body) > 1 else []
        chunks = [body[a:b] for a, b in zip([0] + cuts, cuts + [len(body)])]
        sentinel = rng.choice(["[DONE]", None, ""])
        data_required = rng.random() < 0.7
        envelopes, error = [], None
        try:
            for raw in eventstreaming.stream_events(_Chunks(chunks), lambda raw: raw, sentinel, data_required=data_required):
                envelopes.append(json.loads(raw))
        except Exception as exc:  # the outcome under test
            error = type(exc).__name__
        yield {"chunks": [base64.b64encode(c).decode("ascii") for c in chunks], "sentinel": sentinel,
               "data_required": data_required, "envelopes": envelopes, "error": error}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["serve", "sdk", "random"])
    parser.add_argument("--scenarios")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--server-url")
    args = parser.parse_args()
    if args.mode == "random":
        for case in random_cases(args.count, args.seed):
            print(json.dumps(case, sort_keys=True))
        return
    if not args.scenarios:
        parser.error("--scenarios is required")
    scenarios = load(args.scenarios)
    if args.mode == "serve":
        server = start(scenarios)
        print("LISTENING %d" % server.server_address[1], flush=True)
        sys.stdin.read()  # until the parent closes our stdin or exits
        server.shutdown()
        return
    server = None
    base_url = args.server_url
    if base_url is None:
        server = start(scenarios)
        base_url = "http://127.0.0.1:%d" % server.server_address[1]
    import httpx

    with httpx.Client(timeout=30) as client:
        for index, scenario in enumerate(scenarios):
            print(json.dumps(read_with_sdk(client, base_url.rstrip("/"), index, scenario), sort_keys=True), flush=True)
    if server is not None:
        server.shutdown()


if __name__ == "__main__":
    main()
