#!/usr/bin/env python3
"""Peer server for the Swift multipart encoder tests.

A FastAPI app whose ``POST /image-to-video`` is declared exactly like the
``Body_genImageToVideo`` schema of
``/work/shared/corpus/livepeer-ai-python/gateway.openapi.yaml``:

    image               string/binary  required            -> UploadFile = File(...)
    model_id            string         default ''           -> str   = Form("")
    height              integer        default 576          -> int   = Form(576)
    width               integer        default 1024         -> int   = Form(1024)
    fps                 integer        default 6            -> int   = Form(6)
    motion_bucket_id    integer        default 127          -> int   = Form(127)
    noise_aug_strength  number         default 0.02         -> float = Form(0.02)
    safety_check        boolean        default true         -> bool  = Form(True)
    seed                integer        (no default)         -> int   = Form(None)  (None when absent)
    num_inference_steps integer        default 25           -> int   = Form(25)

(The spec lists ``model_id`` under ``required`` although it also has
``default: ''``; the SDK model and FastAPI both treat it as optional with
default "". We follow the default, as FastAPI generated the spec from it.)

Endpoints
---------
POST /image-to-video  FastAPI-validated form. 200 answer (also a valid
                      ``VideoResponse`` for the livepeer-ai SDK, which ignores
                      unknown keys):
                        {"images": [{"url": "peer://image-to-video",
                                     "seed": <seed or 0>, "nsfw": false}],
                         "fields": {<wire name>: <validated value>, ...},
                         "image": {"filename", "content_type", "size",
                                   "sha256", "headers"},
                         "raw_request": {"content_type", "body_b64"}}
                      422 from FastAPI's own validation passes through as is.
POST /echo-raw        {"content_type": <request Content-Type>, "body_b64": ...}
POST /parse           parses the body with python-multipart's own
                      MultipartParser (callbacks API, not FastAPI/Starlette):
                        {"content_type": ..., "boundary": ...,
                         "parts": [{"name", "filename", "content_type",
                                    "data_b64", "headers": [[k, v], ...],
                                    "raw_headers_b64"}, ...]}
GET  /health          {"ok": true}

Run:  python image_to_video_server.py [--port 0] [--no-stdin-watch]
Binds 127.0.0.1 only, prints ``LISTENING <port>`` (flushed) on stdout once
uvicorn accepts connections, and exits as soon as stdin reaches EOF.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import os
import socket
import sys
import threading
from typing import Any, Dict, List, Optional

import uvicorn
from fastapi import FastAPI, File, Form, Request, UploadFile
from fastapi.responses import JSONResponse
from python_multipart.multipart import MultipartParser, parse_options_header

RAW_BODY_KEY = "peer.raw_body"


class RawBodyCapture:
    """Pure ASGI middleware: buffers the whole request body, stores it in
    ``scope["state"]`` and replays it unchanged to the app, so the
    /image-to-video handler can report the exact bytes it received while
    FastAPI still parses the form itself."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        chunks: List[bytes] = []
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunks.append(message.get("body", b""))
            more = message.get("more_body", False)
        body = b"".join(chunks)
        scope.setdefault("state", {})[RAW_BODY_KEY] = body
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


app = FastAPI(title="DocModelGen image-to-video peer")
app.add_middleware(RawBodyCapture)


def _raw_body(request: Request) -> bytes:
    return request.scope.get("state", {}).get(RAW_BODY_KEY, b"")


@app.get("/health")
async def health() -> Dict[str, Any]:
    return {"ok": True}


@app.post("/image-to-video", operation_id="genImageToVideo")
async def image_to_video(
    request: Request,
    image: UploadFile = File(..., description="Uploaded image to generate a video from."),
    model_id: str = Form("", description="Hugging Face model ID used for video generation."),
    height: int = Form(576, description="The height in pixels of the generated video."),
    width: int = Form(1024, description="The width in pixels of the generated video."),
    fps: int = Form(6, description="The frames per second of the generated video."),
    motion_bucket_id: int = Form(127, description="Used for conditioning the amount of motion for the generation. The higher the number the more motion will be in the video."),
    noise_aug_strength: float = Form(0.02, description="Amount of noise added to the conditioning image. Higher values reduce resemblance to the conditioning image and increase motion."),
    safety_check: bool = Form(True, description="Perform a safety check to estimate if generated images could be offensive or harmful."),
    # spec: `type: integer`, not required, no default -> `int = Form(None)` (an
    # Optional[int] would render as anyOf[integer, null]); absent/empty -> None.
    seed: int = Form(None, description="Seed for random number generation."),
    num_inference_steps: int = Form(25, description="Number of denoising steps. More steps usually lead to higher quality images but slower inference. Modulated by strength."),
) -> Dict[str, Any]:
    data = await image.read()
    raw = _raw_body(request)
    return {
        # Satisfies livepeer_ai.models.components.VideoResponse (images: List[Media]).
        "images": [{"url": "peer://image-to-video", "seed": seed if seed is not None else 0, "nsfw": False}],
        "fields": {
            "model_id": model_id,
            "height": height,
            "width": width,
            "fps": fps,
            "motion_bucket_id": motion_bucket_id,
            "noise_aug_strength": noise_aug_strength,
            "safety_check": safety_check,
            "seed": seed,
            "num_inference_steps": num_inference_steps,
        },
        "image": {
            "filename": image.filename,
            "content_type": image.content_type,
            "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            # Starlette keeps raw header bytes; decode them as UTF-8 (its .items() uses latin-1).
            "headers": [[_decode(k), _decode(v)] for k, v in image.headers.raw],
        },
        # The raw body only for small requests: a 64 MiB upload would make a 90 MB answer.
        "raw_request": {
            "content_type": request.headers.get("content-type"),
            "body_b64": base64.b64encode(raw).decode("ascii"),
        } if len(raw) <= (1 << 20) else {"content_type": request.headers.get("content-type"), "size": len(raw)},
    }


@app.post("/echo-raw")
async def echo_raw(request: Request) -> Dict[str, Any]:
    return {
        "content_type": request.headers.get("content-type"),
        "body_b64": base64.b64encode(_raw_body(request)).decode("ascii"),
    }


def _decode(b: bytes) -> str:
    return b.decode("utf-8", errors="replace")


def parse_multipart(content_type: str, body: bytes) -> Dict[str, Any]:
    """Parse with python-multipart's low-level MultipartParser callbacks."""
    ctype, params = parse_options_header(content_type)
    if ctype != b"multipart/form-data" or b"boundary" not in params:
        raise ValueError(f"not multipart/form-data with a boundary: {content_type!r}")
    boundary = params[b"boundary"]

    parts: List[Dict[str, Any]] = []
    cur: Dict[str, Any] = {}
    hfield = bytearray()
    hvalue = bytearray()

    def on_part_begin():
        cur.clear()
        cur.update(headers=[], data=bytearray())

    def on_header_field(d, s, e):
        hfield.extend(d[s:e])

    def on_header_value(d, s, e):
        hvalue.extend(d[s:e])

    def on_header_end():
        cur["headers"].append((bytes(hfield), bytes(hvalue)))
        hfield.clear()
        hvalue.clear()

    def on_part_data(d, s, e):
        cur["data"].extend(d[s:e])

    def on_part_end():
        name = filename = ctype_ = None
        for k, v in cur["headers"]:
            lk = k.lower()
            if lk == b"content-disposition":
                # parse_options_header works on latin-1; re-decode as UTF-8 like Starlette does.
                _, opts = parse_options_header(v)
                if b"name" in opts:
                    name = _decode(opts[b"name"])
                if b"filename" in opts:
                    filename = _decode(opts[b"filename"])
            elif lk == b"content-type":
                ctype_ = _decode(v)
        raw_headers = b"".join(k + b": " + v + b"\r\n" for k, v in cur["headers"])
        parts.append(
            {
                "name": name,
                "filename": filename,
                "content_type": ctype_,
                "data_b64": base64.b64encode(bytes(cur["data"])).decode("ascii"),
                "headers": [[_decode(k), _decode(v)] for k, v in cur["headers"]],
                "raw_headers_b64": base64.b64encode(raw_headers).decode("ascii"),
            }
        )

    parser = MultipartParser(
        boundary,
        callbacks={
            "on_part_begin": on_part_begin,
            "on_header_field": on_header_field,
            "on_header_value": on_header_value,
            "on_header_end": on_header_end,
            "on_part_data": on_part_data,
            "on_part_end": on_part_end,
        },
    )
    parser.write(body)
    parser.finalize()
    return {"content_type": content_type, "boundary": _decode(boundary), "parts": parts}


@app.post("/parse")
async def parse(request: Request):
    ct = request.headers.get("content-type", "")
    try:
        return parse_multipart(ct, _raw_body(request))
    except Exception as exc:  # report parser errors to the test instead of a 500
        return JSONResponse(status_code=400, content={"error": f"{type(exc).__name__}: {exc}"})


class _Server(uvicorn.Server):
    async def startup(self, sockets=None):
        await super().startup(sockets=sockets)
        if not self.should_exit:
            port = sockets[0].getsockname()[1]
            sys.stdout.write(f"LISTENING {port}\n")
            sys.stdout.flush()


def _exit_on_stdin_eof():
    try:
        while sys.stdin.buffer.read(65536):
            pass
    except Exception:
        pass
    os._exit(0)


LOG_CONFIG = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(name)s %(levelname)s %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"}},
    "loggers": {
        "uvicorn": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        "uvicorn.error": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        "uvicorn.access": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
    },
}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--port", type=int, default=0, help="TCP port on 127.0.0.1 (0 = pick a free one)")
    ap.add_argument("--no-stdin-watch", action="store_true", help="do not exit when stdin reaches EOF")
    ap.add_argument("--access-log", action="store_true", help="log requests to stderr")
    args = ap.parse_args(argv)

    if not args.no_stdin_watch:
        threading.Thread(target=_exit_on_stdin_eof, name="stdin-watch", daemon=True).start()

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", args.port))
    sock.listen(128)
    sock.set_inheritable(True)

    log_config = LOG_CONFIG
    if args.access_log:
        log_config = {**LOG_CONFIG, "loggers": {**LOG_CONFIG["loggers"], "uvicorn.access": {"handlers": ["stderr"], "level": "INFO", "propagate": False}}}
    config = uvicorn.Config(app, log_config=log_config, access_log=args.access_log, lifespan="off")
    _Server(config).run(sockets=[sock])
    return 0


if __name__ == "__main__":
    sys.exit(main())
