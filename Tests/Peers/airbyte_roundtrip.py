#!/usr/bin/env python3
"""airbyte_roundtrip.py: the airbyte-api 0.47.3 side of the JSON peer check.

    airbyte_roundtrip.py --schema FILE < requests.jsonl > answers.jsonl
    airbyte_roundtrip.py --self-test

Reads JSON lines on stdin and answers one JSON line each (the protocol: peer_roundtrip.py). FILE is
`docmodelgen schema` output of the tree the requests come from; it is needed for union pages only.

For each value it does exactly what the SDK does with a body (SDK-FACTS.md, sections b and e):
  - parse: `airbyte.utils.unmarshal_json(text, T)`, the SDK's response path (`utils.py:690-700`:
    `json.loads`, then dataclasses-json's `from_dict` of a wrapper dataclass with one field typed T,
    so T is decoded exactly as a field of that type: a dataclass with `_decode_dataclass`, an enum
    with `T(value)`, a union by trying its dataclass members in order);
  - write: `airbyte.utils.marshal_json(value, T)`, the SDK's request-body path (`utils.py:703-713`,
    called by `serialize_content_type` for every JSON media type, `utils.py:431-433`): `to_dict()` of
    the same wrapper, so each field's `letter_case` (the wire name), `exclude` (None is left out) and
    `encoder` (dates) apply, then `json.dumps(sort_keys=True)`.
    Plain `to_dict()` of the value gives the same JSON for these types (no bytes or Decimal fields,
    SDK-FACTS.md c); `marshal_json` is used because it is what goes on the wire.

A value the SDK only half-parses is an error, not a pass: dataclasses-json warns and keeps the raw
JSON when no member of a union decodes it ("Failed to decode ... Union dataclasses") or when a
required field is null, and writes the raw JSON back unchanged, which would hide the mismatch.

T for a docs page (its path says the module: `shared/x.md` → `airbyte.models.shared`):
  - a struct or enum page: the class named by the page title;
  - a union page: the union has no name in the SDK (`Optional[Union[A, B]]` is written inline on the
    field), so T is the annotation of an SDK field the docs type with that page, found through the
    schema (the first object page with such a field), unwrapped as the docs type is (`Optional`,
    `List`, `Dict`). A union page that only another union lists (Python flattens nested unions) is
    built from its members' types instead: `Union[...]` of their T, in docs order.
Not wire models (answered as unchecked, "not a wire model: ..."): plain dataclasses without
`@dataclass_json` whose fields are HTTP parameters, the raw response, or security schemes (the
`operations` request and response wrappers, `Security`, `SchemeBasicAuth`); their JSON bodies are
the `shared` types they hold, checked on their own pages.
"""
import dataclasses
import json
import sys
import typing
import warnings

import airbyte.models.operations
import airbyte.models.shared
import requests
from airbyte import utils

import peer_roundtrip
from peer_roundtrip import Unchecked

MODULES = {"shared": airbyte.models.shared, "operations": airbyte.models.operations}
# Field metadata keys that say a field is no JSON property: where the SDK puts it in the HTTP request.
NOT_JSON_METADATA = ("path_param", "query_param", "header", "request", "security", "form", "multipart_form")

SCHEMA = {"models": {}}  # sourcePath -> model, from --schema


def sdk_class(page, title):
    module = MODULES.get(page.split("/")[0] if "/" in page else "shared")
    if module is None:
        raise LookupError(f"no SDK module for the page {page}")
    found = getattr(module, title, None)
    if found is None:
        raise LookupError(f"{module.__name__} has no '{title}'")
    return found


def model_kind(model):
    return next(iter(model["kind"]))


def unwrap(annotation, node, target):
    """The part of an SDK field's annotation that the docs type `node` gives to the page `target`,
    or None when `node` does not lead to it."""
    kind = node["kind"]
    if kind == "reference":
        return annotation if node["reference"].get("target") == target else None
    if kind in ("optional", "nullable", "optionalNullable"):
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        inner = args[0] if len(args) == 1 else typing.Union[tuple(args)] if args else annotation
        return unwrap(inner, node["wrapped"], target)
    if kind == "list":
        args = typing.get_args(annotation)
        return unwrap(args[0], node["wrapped"], target) if args else None
    if kind == "dictionary":
        args = typing.get_args(annotation)
        return unwrap(args[1], node["wrapped"], target) if len(args) == 2 else None
    return None


def union_type(page, seen=()):
    """T of a union page (see the module docs)."""
    models = SCHEMA["models"]
    for model in models.values():
        if model_kind(model) != "object":
            continue
        for field in model["kind"]["object"].get("fields", []):
            if not json.dumps(field["type"]).count(f'"target": "{page}"'):
                continue
            try:
                cls = sdk_class(model["sourcePath"], model["name"])
            except LookupError:
                continue
            hints = typing.get_type_hints(cls)
            for attribute in (field["wireName"], field["wireName"].upper()):
                if attribute in hints:
                    found = unwrap(hints[attribute], field["type"], page)
                    if found is not None:
                        return found
    model = models.get(page)
    if model is None or model_kind(model) != "union":
        raise LookupError(f"no union page {page} in the schema")
    members = []
    for member in model["kind"]["union"].get("members", []):
        node = member["type"]
        if node["kind"] == "any":
            members.append(typing.Any)
        elif node["kind"] == "reference" and node["reference"].get("target") in models:
            members.append(page_type(node["reference"]["target"], seen + (page,)))
        else:
            raise LookupError(f"union page {page}: no SDK field uses it and its member {member.get('typeText')!r} "
                              "has no SDK type")
    return typing.Union[tuple(members)]


def page_type(page, seen=()):
    if page in seen:
        raise LookupError(f"union page {page} contains itself")
    model = SCHEMA["models"].get(page)
    if model is not None and model_kind(model) == "union":
        return union_type(page, seen)
    return sdk_class(page, model["name"] if model else page)


def wire_type(request):
    page = request.get("page")
    if request.get("kind") == "union":
        if not page:
            raise LookupError("a union request needs its docs page (\"page\")")
        return union_type(page)
    return sdk_class(page or "shared/", request["type"])


def check_wire_model(typ):
    if not (isinstance(typ, type) and dataclasses.is_dataclass(typ)) or hasattr(typ, "to_dict"):
        return
    hints = typing.get_type_hints(typ)
    for field in dataclasses.fields(typ):
        where = [key for key in NOT_JSON_METADATA if key in field.metadata]
        if where:
            raise Unchecked(f"not a wire model: a plain dataclass (no @dataclass_json) whose field "
                            f"'{field.name}' is sent as {where[0]}, not as JSON")
        if hints.get(field.name) is requests.Response:
            raise Unchecked(f"not a wire model: a plain dataclass (no @dataclass_json) whose field "
                            f"'{field.name}' is the raw HTTP response")


def convert(request, text):
    typ = wire_type(request)
    check_wire_model(typ)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = utils.unmarshal_json(text, typ)
    # Which member a union value was decoded as (the first dataclass that decodes): when it is not the
    # sample's, a raw dict kept inside it is that member's doing, not the value's.
    extra = {"decodedAs": type(value).__name__} if request.get("kind") == "union" else {}
    problems = [str(warning.message) for warning in caught if "dataclasses_json" in warning.filename]
    if problems:
        error = ValueError("dataclasses-json could not decode it and kept the raw JSON: " + "; ".join(problems))
        error.extra = extra
        raise error
    return utils.marshal_json(value, typ), extra


def self_test():
    cases = [
        ({"type": "SourceRetentlyRetently", "kind": "enum", "page": "shared/sourceretentlyretently.md",
          "json": "retently"}, "retently"),
        # The Python name is accepted on input (dataclasses-json maps only the wire names and keeps
        # keys that are attribute names); the wire name is written; a constant is written by default.
        ({"type": "InitiateOauthRequest", "kind": "struct", "page": "shared/initiateoauthrequest.md",
          "json": {"redirect_url": "r", "source_type": "retently", "workspace_id": "w"}},
         {"redirectUrl": "r", "sourceType": "retently", "workspaceId": "w"}),
        ({"type": "SourceRetently", "kind": "struct", "page": "shared/sourceretently.md",
          "json": {"credentials": {"api_key": "k"}}},
         {"credentials": {"api_key": "k", "auth_type": "Token"}, "sourceType": "retently"}),
    ]
    rejected = [
        {"type": "SourceRetentlyRetently", "kind": "enum", "page": "shared/sourceretentlyretently.md", "json": "nope"},
        # No member of the union decodes it: the SDK would keep the raw dict.
        {"type": "SourceRetentlyAuthenticationMechanism", "kind": "union",
         "page": "shared/sourceretentlyauthenticationmechanism.md", "json": {"other": 1}},
    ]
    SCHEMA["models"] = {
        "shared/sourceretently.md": {"name": "SourceRetently", "sourcePath": "shared/sourceretently.md", "kind": {
            "object": {"fields": [{"wireName": "credentials", "type": {"kind": "optional", "wrapped": {
                "kind": "reference", "reference": {"target": "shared/sourceretentlyauthenticationmechanism.md"}}}}]}}},
        "shared/sourceretentlyauthenticationmechanism.md": {
            "name": "SourceRetentlyAuthenticationMechanism",
            "sourcePath": "shared/sourceretentlyauthenticationmechanism.md", "kind": {"union": {"members": []}}},
    }
    return peer_roundtrip.self_test(convert, cases, rejected)


def options(args):
    if len(args) != 2 or args[0] != "--schema":
        return False
    with open(args[1], encoding="utf-8") as handle:
        SCHEMA["models"] = {model["sourcePath"]: model for model in json.load(handle)["models"]}
    return True


if __name__ == "__main__":
    sys.exit(peer_roundtrip.serve(sys.argv, __doc__, convert, self_test, options))
