#!/usr/bin/env python3
"""polar_roundtrip.py: the polar-sdk 0.32.0 side of the JSON peer check.

Reads JSON lines on stdin, one value per line:

    {"type": "ClassName", "kind": "struct|enum|union", "json": <value>}
    {"type": "ClassName", "kind": "...", "text": "<the value as JSON text>"}   # exact bytes
    (an optional "id" is echoed back)

and writes one JSON line per input line, in order:

    {"id"?, "type": ..., "ok": true, "json": <what the SDK writes>, "text": "<the same as JSON text>"}
    {"id"?, "type": ..., "ok": false, "error": "..."}
    {"id"?, "type": ..., "ok": false, "unchecked": "not a wire model: ..."}   # e.g. a paginated response

For each value it does exactly what the SDK does with a body (see SDK-FACTS.md, section e):
  - parse: `polar_sdk.utils.unmarshal_json(text, T)`, the SDK's response path
    (`pydantic_core.from_json` + validation through a wrapper model, `serializers.py:139-153`);
  - write: `polar_sdk.utils.marshal_json(value, T)`, the SDK's request-body path
    (`model_dump(by_alias=True, mode="json", exclude_none=True)` of a wrapper, `serializers.py:156-173`).

T is `polar_sdk.models.<type>`: a pydantic model, an enum, or a union alias (a TypeAliasType or an
`Annotated[Union[...], Discriminator(...)]`), all of which the wrapper model takes as a field type. A
`PolarError` subclass (an error page such as ResourceNotFound) is an exception, not a wire type: its wire
type is the annotation of its `data` field (`ResourceNotFoundData`, `CheckoutForbiddenErrorUnion`).
The page title is the exported name in every page of the 0.32.0 tree.

With --self-test it runs a few known values and exits 0 when they behave as documented.
"""
import collections.abc
import json
import sys
import typing
import warnings

import polar_sdk.models as models
from polar_sdk.utils import serializers


def wire_type(name):
    """The type the SDK parses and writes for the docs page titled `name`, or raises LookupError."""
    obj = getattr(models, name, None)
    if obj is None:
        raise LookupError(f"polar_sdk.models has no '{name}'")
    if isinstance(obj, type) and issubclass(obj, models.PolarError):
        hints = typing.get_type_hints(obj, vars(sys.modules[obj.__module__]))
        if "data" not in hints:
            raise LookupError(f"{name} is an SDK error without a `data` body")
        return hints["data"]
    return obj


class NotAWireModel(Exception):
    """The SDK type exists but is no JSON body: the check lists it as unchecked, with this reason."""


def check_wire_model(typ):
    """Paginated operation responses (`BenefitsListResponse`) hold `next: Callable[[], ...]`, the SDK's
    page iterator, beside `result`: a required field no JSON can fill, so the type is not a wire model
    (its wire body is the `result` type, checked on its own page)."""
    fields = getattr(typ, "model_fields", None) or {}
    for name, field in fields.items():
        if typing.get_origin(field.annotation) is collections.abc.Callable:
            raise NotAWireModel(f"not a wire model: field '{name}' is a Python callable (the SDK's pagination)")
    # The docs show Python attribute names. Two renamings follow from them (a trailing `_` escaping a
    # keyword, an UPPER constant aliased to its wire name); any other alias is a wire name the docs
    # cannot show (`type_filter` sent as `type`), which only an OpenAPI or SDK-source overlay knows.
    for name, field in fields.items():
        alias = field.alias
        if alias and alias != name and alias != name.rstrip("_") and name != name.upper():
            raise NotAWireModel(f"wire name the docs cannot show: field '{name}' is sent as '{alias}'")


def round_trip(line):
    request = json.loads(line)
    answer = {"type": request.get("type")}
    if "id" in request:
        answer = {"id": request["id"], **answer}
    try:
        typ = wire_type(request["type"])
        check_wire_model(typ)
        text = request["text"] if "text" in request else json.dumps(request["json"])
        value = serializers.unmarshal_json(text, typ)
        written = serializers.marshal_json(value, typ)
        if written == "":
            raise ValueError("the SDK writes an empty body for this value")
        answer.update(ok=True, json=json.loads(written), text=written)
    except NotAWireModel as reason:
        answer.update(ok=False, unchecked=str(reason))
    except Exception as error:  # every failure is an answer, never a crash
        message = f"{type(error).__name__}: {error}"
        # pydantic adds a documentation link under every error; it only makes the report longer.
        message = "\n".join(l for l in message.splitlines() if "errors.pydantic.dev" not in l)
        answer.update(ok=False, error=message[:2000])
    return answer


def self_test():
    cases = [
        ({"type": "AddressCountryAlpha2", "kind": "enum", "json": "US"}, "US"),
        ({"type": "ActiveSubscriptions", "kind": "union", "json": 1.5}, 1.5),
        ({"type": "CustomerIndividualCreate", "kind": "struct", "json": {"email": "e", "name": None}},
         {"email": "e", "name": None, "type": "individual"}),
        ({"type": "ResourceNotFound", "kind": "struct", "json": {"detail": "d", "error": "ResourceNotFound"}},
         {"detail": "d", "error": "ResourceNotFound"}),
    ]
    bad = 0
    for request, expected in cases:
        answer = round_trip(json.dumps(request))
        if not answer.get("ok") or answer["json"] != expected:
            print(f"self-test: {request['type']}: expected {expected!r}, got {answer!r}", file=sys.stderr)
            bad += 1
    unknown = round_trip(json.dumps({"type": "AddressCountryAlpha2", "json": "ZZ"}))
    if unknown.get("ok"):
        print("self-test: an unknown enum value was accepted", file=sys.stderr)
        bad += 1
    print("self-test: ok" if bad == 0 else f"self-test: {bad} failure(s)")
    return 0 if bad == 0 else 1


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    if argv[1:]:
        print(__doc__, file=sys.stderr)
        return 2
    # Deprecated fields make pydantic warn on access; warnings would only clutter stderr.
    warnings.simplefilter("ignore")
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            answer = round_trip(line)
        except Exception as error:  # a line that is not JSON at all
            answer = {"type": None, "ok": False, "error": f"bad input line: {error}"}
        sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
