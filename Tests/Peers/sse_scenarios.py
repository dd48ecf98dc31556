#!/usr/bin/env python3
"""Writes the event-stream scenarios of sse_peer.py (a JSON list) to stdout or --out.

Every event's data is a value the friendli SDK's own event model accepts (checked here with
`models.X.model_validate` of the envelope), for the three event models of the nine stream
operations: ContainerChatCompletionStreamSuccess (chat: serverless, dedicated, container),
ContainerCompletionsStreamSuccess (completions) and ContainerAudioTranscriptionStreamSuccess
(audio transcriptions). The streams cover multi-line data, comments and `:` keep-alives, `retry:`,
ids that persist, the `[DONE]` sentinel and what follows it, CR/LF boundaries of every kind, a
stream split into two TCP writes at every byte, one byte per write, and bodies cut off mid-event
(an unterminated chunked body and a Content-Length longer than what is sent).
"""
import argparse
import base64
import json


CHAT = "ContainerChatCompletionStreamSuccess"
COMPLETIONS = "ContainerCompletionsStreamSuccess"
AUDIO = "ContainerAudioTranscriptionStreamSuccess"


def chat_data(i, content):
    return {"id": "chatcmpl-%d" % i, "object": "chat.completion.chunk", "created": 1700000000 + i, "model": "m",
            "choices": [{"index": 0, "delta": {"role": "assistant", "content": content}, "finish_reason": None}]}


def completion_data(i, text):
    return {"id": "cmpl-%d" % i, "object": "text_completion", "created": 1700000000 + i,
            "choices": [{"index": 0, "text": text, "token": 100 + i, "finish_reason": None}]}


def audio_data(i, delta):
    return {"type": "transcript.text.delta", "delta": delta}


def event(data, event_name=None, id_=None, retry=None, multiline=False, newline=b"\n"):
    lines = []
    if id_ is not None:
        lines.append(b"id: " + id_.encode())
    if event_name is not None:
        lines.append(b"event: " + event_name.encode())
    if retry is not None:
        lines.append(b"retry: " + str(retry).encode())
    text = json.dumps(data, ensure_ascii=False, indent=1 if multiline else None)
    for line in text.split("\n"):
        lines.append(b"data: " + line.encode("utf-8"))
    return newline.join(lines) + newline + newline


def encode(chunks):
    return [base64.b64encode(chunk).decode("ascii") for chunk in chunks]


def scenario(name, model, chunks, sentinel="[DONE]", framing="chunked", delay_ms=2, data_required=True):
    return {"name": name, "model": model, "sentinel": sentinel, "data_required": data_required,
            "chunks": encode(chunks), "framing": framing, "delay_ms": delay_ms}


def scenarios():
    out = []
    makers = {CHAT: chat_data, COMPLETIONS: completion_data, AUDIO: audio_data}
    for model, make in makers.items():
        body = (b": connected\n\n"
                + event(make(0, "Hel"), id_="1")
                + b":\n\n"  # keep-alive
                + event(make(1, "lo, \u00e9t\u00e9 \U0001F600".encode("utf-8").decode("utf-8")), multiline=True)
                + event(make(2, "\"quoted\"\nline"), event_name="delta", retry=3000, newline=b"\r\n")
                + event(make(3, "!"), id_="4", newline=b"\r")
                + b"data: [DONE]\n\n"
                + event(make(9, "after the sentinel")))
        out.append(scenario("%s/whole" % model, model, [body]))
        out.append(scenario("%s/lines" % model, model, body.splitlines(keepends=True)))
        out.append(scenario("%s/no-sentinel-end-of-body" % model, model,
                            [event(make(0, "a")), event(make(1, "b")).rstrip(b"\n")], sentinel=None))
        out.append(scenario("%s/close-framing" % model, model, [event(make(0, "a")), b"data: [DONE]\n\n"], framing="close"))
    # Every split point of a small stream: two TCP writes, and one byte per write.
    small = (b"id: 7\r\n" + b": hi\r\n" + b"data: " + json.dumps(completion_data(0, "x")).encode() + b"\r\n\r\n"
             + b"data: " + json.dumps(completion_data(1, "y")).encode() + b"\n\r\n" + b"data: [DONE]\r\r")
    for cut in range(1, len(small)):
        out.append(scenario("split/%03d" % cut, COMPLETIONS, [small[:cut], small[cut:]], delay_ms=1))
    out.append(scenario("split/bytes", COMPLETIONS, [bytes([b]) for b in small], delay_ms=0))
    # Every boundary the SDK knows.
    for label, boundary in [("crlfcrlf", b"\r\n\r\n"), ("crlfcr", b"\r\n\r"), ("crlflf", b"\r\n\n"), ("crcrlf", b"\r\r\n"),
                            ("lfcrlf", b"\n\r\n"), ("crcr", b"\r\r"), ("lfcr", b"\n\r"), ("lflf", b"\n\n")]:
        body = b"".join(b"data: " + json.dumps(audio_data(i, str(i))).encode() + boundary for i in range(3))
        out.append(scenario("boundary/%s" % label, AUDIO, [body]))
    # An event with fields but no data is skipped (data_required), its id persists.
    out.append(scenario("id-only-event", CHAT, [b"id: 42\nevent: ping\n\n" + event(chat_data(0, "a")) + b"data: [DONE]\n\n"]))
    # A field without colon, unknown fields, a value without the leading space.
    out.append(scenario("odd-fields", AUDIO, [b"foo: bar\nevent\ndata:" + json.dumps(audio_data(0, "z")).encode() + b"\n\n"]))
    # A UTF-8 BOM at the start of the body.
    out.append(scenario("bom", AUDIO, [b"\xef\xbb\xbf" + event(audio_data(0, "bom"))]))
    # Data the model refuses: the SDK raises ResponseValidationError on the second event.
    out.append(scenario("invalid-event", COMPLETIONS, [event(completion_data(0, "ok")), b"data: {\"id\": 5}\n\n",
                                                        event(completion_data(2, "never"))]))
    # Not JSON at all: the envelope's data is the string, which the model refuses.
    out.append(scenario("text-data", AUDIO, [b"data: hello\n\n"]))
    # Cut off mid-stream: an unterminated chunked body, and a Content-Length longer than the body.
    cut = event(chat_data(0, "a")) + event(chat_data(1, "b")) + b"data: {\"id\": \"chatcmpl-2\", \"obj"
    out.append(scenario("cut/chunked", CHAT, [cut[:40], cut[40:]], framing="chunked-cut"))
    out.append(scenario("cut/content-length", CHAT, [cut[:40], cut[40:]], framing="length-short"))
    return out


def check(all_scenarios):
    """Every data line that should decode is a value of the scenario's model (guards the samples)."""
    from friendli.core import models
    for item in all_scenarios:
        if item["name"] in ("invalid-event", "text-data") or item["name"].startswith("cut/"):
            continue
        body = b"".join(base64.b64decode(c) for c in item["chunks"]).replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        for block in body.split(b"\n\n"):
            data = [line[5:].lstrip(b" ") if line.startswith(b"data:") else None for line in block.split(b"\n")]
            data = [d for d in data if d is not None]
            if not data or data == [b"[DONE]"]:
                continue
            getattr(models, item["model"]).model_validate({"data": json.loads(b"\n".join(data))})


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out")
    parser.add_argument("--no-check", action="store_true", help="do not validate the samples with the SDK's models")
    args = parser.parse_args()
    items = scenarios()
    if not args.no_check:
        check(items)
    text = json.dumps(items, indent=1) + "\n"
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    import sys
    main()
