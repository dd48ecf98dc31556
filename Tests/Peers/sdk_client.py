#!/usr/bin/env python3
"""Drive the REAL livepeer-ai SDK's generate.image_to_video against a peer server.

Input: one JSON object, as the first positional argument or on stdin ("-" or
no argument):

    {
      "server_url": "http://127.0.0.1:PORT",       # or --server-url
      "fields": {"model_id": "m", "height": 1, ...},  # wire names; omitted = not passed to the SDK
      "image": {"path": "/file/to/send",             # or "content_b64": "..."
                "filename": "name.png",              # default: basename of path
                "content_type": "image/png"}         # optional; omitted/null = SDK model's None
    }

A field given as JSON null is passed to the SDK as None (the SDK then skips
it). Output on stdout: the server's JSON answer body, as one JSON object on one
line. Exit 0 when the SDK call returned normally; 3 when the SDK raised an
API error (the server's body, e.g. FastAPI's 422, is still printed); 1 on any
other failure (message on stderr).

--dump-request FILE          write the exact request body bytes the SDK put
                             on the wire (recorded chunk by chunk as the
                             transport sends them)
--dump-request-headers FILE  write {"method","url","headers":[[k,v],...]} of
                             that request as JSON
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import sys
from typing import Any, Dict, List, Optional

import httpx
from livepeer_ai import Livepeer
from livepeer_ai.models import components, errors

FIELDS = [
    "model_id",
    "height",
    "width",
    "fps",
    "motion_bucket_id",
    "noise_aug_strength",
    "safety_check",
    "seed",
    "num_inference_steps",
]


class RecordingTransport(httpx.BaseTransport):
    """Wraps the default transport; tees the request body stream as it is
    written to the socket and keeps the last response."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.requests: List[Dict[str, Any]] = []
        self.last_response: Optional[httpx.Response] = None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        record = {"method": request.method, "url": str(request.url),
                  "headers": [[k, v] for k, v in request.headers.multi_items()], "chunks": []}
        self.requests.append(record)
        original = request.stream

        class Tee(httpx.SyncByteStream):
            def __iter__(self_inner):
                for chunk in original:
                    record["chunks"].append(bytes(chunk))
                    yield chunk

            def close(self_inner):
                close = getattr(original, "close", None)
                if close:
                    close()

        request.stream = Tee()
        response = self.inner.handle_request(request)
        self.last_response = response  # same object the client reads & returns
        return response

    def close(self) -> None:
        self.inner.close()


def load_spec(arg: Optional[str]) -> Dict[str, Any]:
    text = sys.stdin.read() if arg in (None, "-") else arg
    spec = json.loads(text)
    if not isinstance(spec, dict):
        raise ValueError("input must be a JSON object")
    return spec


def build_request(spec: Dict[str, Any]) -> Dict[str, Any]:
    img = spec.get("image") or {}
    if "content_b64" in img:
        content: Any = base64.b64decode(img["content_b64"])
    elif "path" in img:
        with open(img["path"], "rb") as fh:
            content = fh.read()
    else:
        raise ValueError("image needs 'path' or 'content_b64'")
    filename = img.get("filename")
    if filename is None:
        if "path" not in img:
            raise ValueError("image needs 'filename' when given as content_b64")
        filename = os.path.basename(img["path"])
    image: Dict[str, Any] = {"file_name": filename, "content": content}
    if img.get("content_type") is not None:
        image["content_type"] = img["content_type"]

    request: Dict[str, Any] = {"image": image}
    fields = spec.get("fields") or {}
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    for name in FIELDS:  # passed through as given (TypedDict input, pydantic-validated by the SDK)
        if name in fields:
            request[name] = fields[name]
    return request


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="call livepeer_ai generate.image_to_video")
    ap.add_argument("spec", nargs="?", help="JSON object (default: read stdin)")
    ap.add_argument("--server-url")
    ap.add_argument("--dump-request", metavar="FILE")
    ap.add_argument("--dump-request-headers", metavar="FILE")
    args = ap.parse_args(argv)

    try:
        spec = load_spec(args.spec)
        server_url = args.server_url or spec.get("server_url")
        if not server_url:
            raise ValueError("no server_url (give --server-url or 'server_url' in the JSON)")
        request = build_request(spec)
    except Exception as exc:
        print(f"sdk_client: bad input: {exc}", file=sys.stderr)
        return 1

    transport = RecordingTransport()
    client = httpx.Client(transport=transport)
    status = 0
    try:
        with Livepeer(http_bearer="peer-test-token", server_url=server_url, client=client) as lp:
            try:
                res = lp.generate.image_to_video(request=request)
                body = res.http_meta.response.content
            except errors.HTTPValidationError as exc:
                print(f"sdk_client: SDK raised HTTPValidationError: {exc}", file=sys.stderr)
                status, body = 3, None
            except (errors.HTTPError, errors.SDKError) as exc:
                print(f"sdk_client: SDK raised {type(exc).__name__}: {exc}", file=sys.stderr)
                status, body = 3, None
            if body is None and transport.last_response is None:
                raise RuntimeError("no response was received")
    except Exception as exc:
        print(f"sdk_client: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    finally:
        if transport.requests:
            rec = transport.requests[-1]
            if args.dump_request:
                with open(args.dump_request, "wb") as fh:
                    fh.write(b"".join(rec["chunks"]))
            if args.dump_request_headers:
                with open(args.dump_request_headers, "w", encoding="utf-8") as fh:
                    json.dump({k: rec[k] for k in ("method", "url", "headers")}, fh, ensure_ascii=False)

    if body is None:
        body = transport.last_response.content if transport.last_response is not None else b"{}"
    try:
        obj = json.loads(body)
    except ValueError:
        obj = {"non_json_body": body.decode("utf-8", errors="replace")}
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    return status


if __name__ == "__main__":
    sys.exit(main())
