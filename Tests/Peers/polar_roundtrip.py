#!/usr/bin/env python3
"""polar_roundtrip.py: the polar-sdk 0.32.0 side of the JSON peer check.

Reads JSON lines on stdin and answers one JSON line each (the protocol: peer_roundtrip.py).
`--schema FILE` (the harness passes `docmodelgen schema` output to every SDK side) is not needed here.

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

Two polar-sdk bugs make it reject values its own types allow; those values are answered as unchecked
("the SDK cannot parse ...", SDK_BUGS), not as errors.

With --self-test it runs a few known values and exits 0 when they behave as documented.
"""
import collections.abc
import sys
import typing

import polar_sdk.models as models
from polar_sdk.utils import serializers

import peer_roundtrip
from peer_roundtrip import Unchecked


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


def check_wire_model(typ):
    """Paginated operation responses (`BenefitsListResponse`) hold `next: Callable[[], ...]`, the SDK's
    page iterator, beside `result`: a required field no JSON can fill, so the type is not a wire model
    (its wire body is the `result` type, checked on its own page)."""
    fields = getattr(typ, "model_fields", None) or {}
    for name, field in fields.items():
        if typing.get_origin(field.annotation) is collections.abc.Callable:
            raise Unchecked(f"not a wire model: field '{name}' is a Python callable (the SDK's pagination)")
    # The docs show Python attribute names. Two renamings follow from them (a trailing `_` escaping a
    # keyword, an UPPER constant aliased to its wire name); any other alias is a wire name the docs
    # cannot show (`type_filter` sent as `type`), which only an OpenAPI or SDK-source overlay knows.
    for name, field in fields.items():
        alias = field.alias
        if alias and alias != name and alias != name.rstrip("_") and name != name.upper():
            raise Unchecked(f"wire name the docs cannot show: field '{name}' is sent as '{alias}'")


# (marker in the SDK's error, reason): values the SDK cannot parse although its types allow them.
SDK_BUGS = (
    # A callable Discriminator raises ValueError for a value without the tag; pydantic then aborts the
    # whole enclosing smart-mode union instead of trying its other members (SDK-FACTS.md, e).
    (("Could not find discriminator field",),
     "the SDK cannot parse this value: a union member's callable Discriminator raises instead of failing "
     "(SDK-FACTS.md, e)"),
    # `OptionalNullable[Literal[False]]` fields check the constant with `validate_const`, which rejects
    # the null the type allows (SDK-FACTS.md, f).
    (("input_value=None", "Value error, Expected"),
     "the SDK cannot parse this value: `validate_const` rejects null for a nullable constant (SDK-FACTS.md, f)"),
)


def convert(request, text):
    typ = wire_type(request["type"])
    check_wire_model(typ)
    try:
        value = serializers.unmarshal_json(text, typ)
    except Exception as error:
        message = str(error)
        for markers, reason in SDK_BUGS:
            if all(marker in message for marker in markers):
                first = " | ".join(line.strip() for line in message.splitlines() if line.strip())
                raise Unchecked(f"{reason}: {first[:200]}") from None
        raise
    return serializers.marshal_json(value, typ)


def self_test():
    cases = [
        ({"type": "AddressCountryAlpha2", "kind": "enum", "json": "US"}, "US"),
        ({"type": "ActiveSubscriptions", "kind": "union", "json": 1.5}, 1.5),
        ({"type": "CustomerIndividualCreate", "kind": "struct", "json": {"email": "e", "name": None}},
         {"email": "e", "name": None, "type": "individual"}),
        ({"type": "ResourceNotFound", "kind": "struct", "json": {"detail": "d", "error": "ResourceNotFound"}},
         {"detail": "d", "error": "ResourceNotFound"}),
    ]
    rejected = [{"type": "AddressCountryAlpha2", "kind": "enum", "json": "ZZ"}]
    return peer_roundtrip.self_test(convert, cases, rejected)


def options(args):
    return len(args) == 2 and args[0] == "--schema"


if __name__ == "__main__":
    sys.exit(peer_roundtrip.serve(sys.argv, __doc__, convert, self_test, options))
