#!/usr/bin/env python3
"""peer_check.py: the bookkeeping of the JSON peer check of one SDK (standard library only).

    peer_check.py subset  --tree DIR --schema FILE --diagnostics FILE --out DIR --unchecked FILE
    peer_check.py samples --schema FILE --generated DIR --module NAME --samples FILE --table FILE --unchecked FILE
    peer_check.py forward --samples FILE --answers FILE --to python|swift --out FILE
    peer_check.py compare --sdk NAME --samples FILE --swift FILE --sdk-answers FILE --swift-again FILE
                          --unchecked FILE --report FILE

subset   copies the pages of a docs tree that generate: a page with an error in `docmodelgen validate`
         output is left out, and so is every page that links to a left-out page (transitively, through
         fields and union members). Each left-out page is written to --unchecked with the reason.
         --out must end in `docs/models` so the tree's `../models/x.md` links keep resolving.
samples  writes, for every page of a `docmodelgen schema` output, deterministic sample JSON values
         (`{"id", "type", "page", "swiftType", "kind", "variant", "text"}` lines): for a struct, one
         value with every field set and, when it has Nullable or OptionalNullable fields, one with those
         null; one per case for an enum; one per member for a union. A field's key is the one the
         generated Swift uses (its `init(from:)`'s keys), so a run with a wire-name overlay (`--generate-arg`)
         samples what Swift expects; the schema's wire name only where the generated file has no
         matching `CodingKeys`. It also writes the Swift table (`PeerTable.swift`) from type name to
         Swift type, read from the generated files. A page it cannot sample goes to --unchecked with
         the reason.
forward  turns the answers of one side into the requests of the other: the Swift executable's
         encodings into `<sdk>_roundtrip.py` lines (`{"id", "type", "page", "kind", "text"}`), or the
         SDK's output into Swift executable lines (`{"id", "swiftType", "text"}`). Failed answers are
         not forwarded (compare reports them).
compare  joins the four files of one run and writes the report: per type, passed / failed (with the
         stage, the first difference and its cause) / partly checked / unchecked (with the reasons).
         A failure whose two JSON values are equal once object keys are compared without `_`, `-`
         and case has the cause `wire-name` (with the renamed keys); any other the cause `other`. A
         union value the SDK decodes as another member (its answer's `decodedAs`) is unchecked, with
         an accepted reason: Swift kept the member, the SDK cannot tell it from an earlier one.
         Prints the summary; exits 0 when no type blocks: none failed, and every unchecked value has
         an accepted reason (ACCEPTED: no wire model, or a known SDK bug), 1 otherwise.

The sample values follow what both SDKs expect (SDK-FACTS.md, section d): the docs write a Python
`datetime` as `[date](…)` (schema node `date`) and a Python `date` as `[datetime](…)` (schema node
`dateTime`), so `date` gets "2024-01-02T03:04:05Z" and `dateTime` gets "2024-01-02".
"""
import argparse
import json
import os
import re
import shutil
import sys

DIAGNOSTIC = re.compile(r"^(?P<path>.*?\.md):(?P<line>\d+):(?P<column>\d+): error: (?P<message>.*)$")
TYPE_DECLARATION = re.compile(
    r"^(?:(?:public|package|internal|fileprivate|private) )?(?:indirect )?(?:final )?(?:struct|enum|class) ([A-Za-z_][A-Za-z0-9_]*)\b",
    re.M,
)
# A generated struct's written-out `init(from:)` and its lines `self.<storage> = try
# container.decode[IfPresent](<Type>.self, forKey: "<wire name>")`, one per coded field in field order.
DECODER_INIT = re.compile(r"init\(from decoder: any Swift\.Decoder\) throws \{(?P<body>.*?)\n\s*\}", re.S)
DECODE_LINE = re.compile(r'^\s*self\.(?P<storage>`?\w+`?) = try container\.decode(?:IfPresent)?\((?P<type>.*)\.self, '
                         r'forKey: "(?P<raw>(?:[^"\\]|\\.)*)"\)\s*$', re.M)


def coded_keys(text):
    """[(Swift property, JSON key)] in field order, from the first written-out `init(from:)` of
    `text` (a model file); None when it has none. The property of a `@Nullable` field's storage
    `_name` is `name`; a boxed or deprecated field keeps its private storage's name."""
    match = DECODER_INIT.search(text)
    if match is None:
        return None
    keys = []
    for line in DECODE_LINE.finditer(match["body"]):
        storage = line["storage"]
        if line["type"].startswith("DocModelRuntime.Nullable<") and storage.startswith("_"):
            storage = storage[1:]
        keys.append((storage, json.loads(f'"{line["raw"]}"')))
    return keys
INTEGER_ENUM = re.compile(r"^(?:(?:public|package|internal) )?enum \w+: (?:Swift\.)?Int\b", re.M)
KINDS = {"object": "struct", "enumeration": "enum", "union": "union"}
STRING, INTEGER, FLOAT = "string", 1, 1.5
DATETIME, DATE = "2024-01-02T03:04:05Z", "2024-01-02"
ANY = {"any": ["value", 1, 1.5, True, None]}
SCALARS = {"string": STRING, "integer": INTEGER, "float": FLOAT, "boolean": True, "any": ANY,
           "date": DATETIME, "dateTime": DATE}


def read_lines(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def write_lines(path, rows, append=False):
    with open(path, "a" if append else "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def model_kind(model):
    return next(iter(model["kind"]))


def type_nodes(node):
    yield node
    for key in ("wrapped",):
        if key in node:
            yield from type_nodes(node[key])


def references(model):
    """The root-relative paths of the pages a model links to (fields and union members)."""
    kind = model_kind(model)
    body = model["kind"][kind]
    types = []
    if kind == "object":
        types = [field["type"] for field in body.get("fields", [])]
    elif kind == "union":
        types = [member["type"] for member in body.get("members", [])]
    found = []
    for node in types:
        for inner in type_nodes(node):
            if inner["kind"] == "reference":
                found.append(inner["reference"].get("target"))
    return found


# --- subset -------------------------------------------------------------------------------------

def subset(args):
    tree = os.path.realpath(args.tree)
    if not os.path.realpath(args.out).endswith(os.path.join("docs", "models")):
        sys.exit("peer_check.py subset: --out must end in docs/models")
    with open(args.schema, encoding="utf-8") as handle:
        models = json.load(handle)["models"]
    errors = {}
    with open(args.diagnostics, encoding="utf-8") as handle:
        for line in handle:
            match = DIAGNOSTIC.match(line.rstrip("\n"))
            if not match:
                continue
            path = match["path"]
            path = os.path.relpath(os.path.realpath(path), tree)  # relative paths are relative to the cwd
            errors.setdefault(path, f"{path}:{match['line']}:{match['column']}: {match['message']}")
    by_path = {model["sourcePath"]: model for model in models}
    excluded = {path: f"the page does not generate: {message}" for path, message in errors.items()}
    changed = True
    while changed:
        changed = False
        for path, model in sorted(by_path.items()):
            if path in excluded:
                continue
            for target in references(model):
                if target is None or target in excluded:
                    first = target or "a page outside the tree"
                    excluded[path] = f"links to {first}, which is left out"
                    changed = True
                    break
    failing = len(excluded)
    if args.limit is not None:
        chosen = limited(by_path, excluded, args.limit)
        for path in by_path:
            if path not in excluded and path not in chosen:
                excluded[path] = f"left out by --limit {args.limit}"
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    kept = 0
    for root, _, files in os.walk(tree):
        for name in files:
            if not name.endswith(".md"):
                continue
            path = os.path.relpath(os.path.join(root, name), tree)
            if path in excluded:
                continue
            destination = os.path.join(args.out, path)
            os.makedirs(os.path.dirname(destination), exist_ok=True)
            shutil.copyfile(os.path.join(root, name), destination)
            kept += 1
    rows = []
    for path, reason in sorted(excluded.items()):
        model = by_path.get(path)
        rows.append({
            "type": model["name"] if model else path,
            "kind": KINDS.get(model_kind(model), model_kind(model)) if model else "page",
            "reason": reason,
        })
    write_lines(args.unchecked, rows, append=True)
    print(f"subset: {kept} page(s) kept, {len(excluded)} left out ({len(errors)} with errors, "
          f"{failing - len(errors)} linking to them, {len(excluded) - failing} by --limit)")


def limited(by_path, excluded, limit):
    """At most `limit` pages that generate on their own: the pages in file order, each with every
    page it links to (transitively), skipping a page whose links would not fit."""
    chosen = set()
    for path in sorted(by_path):
        if path in excluded or path in chosen:
            continue
        closure, stack = set(), [path]
        while stack:
            page = stack.pop()
            if page in closure or page in chosen:
                continue
            closure.add(page)
            stack.extend(target for target in references(by_path[page]) if target in by_path)
        if len(chosen) + len(closure) <= limit:
            chosen |= closure
    return chosen


# --- samples ------------------------------------------------------------------------------------

class Unsampleable(Exception):
    pass


class Recursion(Exception):
    pass


OMIT = object()


class Sampler:
    def __init__(self, models, keys, integer_enums):
        self.by_path = {model["sourcePath"]: model for model in models}
        self.keys = keys  # sourcePath -> {schema wire name: the generated Swift's key}
        self.integer_enums = integer_enums  # sourcePaths

    def case_value(self, model, case):
        """A case's JSON value: the docs' text, or a number for an enum the generated Swift backs with
        `Int` (the docs write `| `SEVEN` | 7 |` for both a string and an integer enum)."""
        return int(case["value"]) if model["sourcePath"] in self.integer_enums else case["value"]

    def key(self, model, field):
        return self.keys.get(model["sourcePath"], {}).get(field["wireName"], field["wireName"])

    def value(self, node, stack):
        kind = node["kind"]
        if kind in SCALARS:
            return SCALARS[kind]
        if kind == "literal":
            return next(iter(node["literal"].values()))["_0"]
        if kind in ("optional", "optionalNullable"):
            try:
                return self.value(node["wrapped"], stack)
            except Recursion:
                return OMIT
        if kind == "nullable":
            try:
                return self.value(node["wrapped"], stack)
            except Recursion:
                return None
        if kind == "list":
            try:
                return [self.value(node["wrapped"], stack)]
            except Recursion:
                return []
        if kind == "dictionary":
            try:
                return {"key": self.value(node["wrapped"], stack)}
            except Recursion:
                return {}
        if kind == "reference":
            target = node["reference"].get("target")
            if target is None or target not in self.by_path:
                raise Unsampleable(f"links to {node['reference'].get('text')!r}, which is not in the tree")
            if target in stack:
                raise Recursion(target)
            return self.model_value(self.by_path[target], stack + [target])
        if kind == "sdkObject":
            return OMIT
        if kind == "fileContent":
            raise Unsampleable("a file's content is not JSON")
        raise Unsampleable(f"type {node.get('text', kind)!r} ({kind}) has no sample")

    def model_value(self, model, stack, nulls=False):
        """The model's sample; with `nulls`, its own Nullable and OptionalNullable fields are null."""
        kind = model_kind(model)
        body = model["kind"][kind]
        if kind == "object":
            result = {}
            for field in body.get("fields", []):
                if nulls and field["type"]["kind"] in ("nullable", "optionalNullable"):
                    result[self.key(model, field)] = None
                    continue
                try:
                    value = self.value(field["type"], stack)
                except Unsampleable as error:
                    raise Unsampleable(f"field {field['wireName']!r}: {error}") from None
                if value is not OMIT:
                    result[self.key(model, field)] = value
            return result
        if kind == "enumeration":
            cases = body.get("cases", [])
            if not cases:
                raise Unsampleable("an enum without cases")
            return self.case_value(model, cases[0])
        if kind == "union":
            reasons = []
            for member in body.get("members", []):
                try:
                    value = self.value(member["type"], stack)
                    if value is not OMIT:
                        return value
                except Unsampleable as error:
                    reasons.append(str(error))
            raise Unsampleable("no member has a sample: " + "; ".join(reasons))
        raise Unsampleable(f"{kind} page: {body}" if isinstance(body, str) else f"{kind} page")

    def variants(self, model):
        """[(variant label, value)] and [(variant label, reason)] for one page."""
        kind = model_kind(model)
        body = model["kind"][kind]
        stack = [model["sourcePath"]]
        values, unsampled = [], []
        if kind == "object":
            try:
                values.append(("all fields set", self.model_value(model, stack)))
            except (Unsampleable, Recursion) as error:
                unsampled.append(("all fields set", str(error) or "required recursion"))
            if any(field["type"]["kind"] in ("nullable", "optionalNullable") for field in body.get("fields", [])):
                try:
                    values.append(("nullable fields null", self.model_value(model, stack, nulls=True)))
                except (Unsampleable, Recursion) as error:
                    unsampled.append(("nullable fields null", str(error) or "required recursion"))
        elif kind == "enumeration":
            for case in body.get("cases", []):
                values.append((f"case {case['value']!r}", self.case_value(model, case)))
            if not values:
                unsampled.append(("cases", "an enum without cases"))
        elif kind == "union":
            for index, member in enumerate(body.get("members", [])):
                label = f"member {index + 1} `{member.get('typeText', '?')}`"
                try:
                    value = self.value(member["type"], stack)
                    if value is OMIT:
                        unsampled.append((label, "an SDK object is not JSON"))
                    else:
                        values.append((label, value))
                except (Unsampleable, Recursion) as error:
                    unsampled.append((label, str(error) or "required recursion"))
        else:
            reason = body if isinstance(body, str) else kind
            unsampled.append(("page", f"not generated ({reason})"))
        return values, unsampled


def swift_keys(model, text):
    """{schema wire name: JSON key} from the generated struct's `init(from:)`, whose keys follow the
    fields in order (SDK runtime objects have none); None when they cannot be matched."""
    fields = [field for field in model["kind"]["object"].get("fields", []) if field["type"]["kind"] != "sdkObject"]
    coded = coded_keys(text)
    if coded is None:
        return None if fields else {}
    cases = [key for _, key in coded]
    if len(cases) != len(fields):
        return None
    return {field["wireName"]: key for field, key in zip(fields, cases)}


def swift_info(models, generated_dir):
    """What the generated Swift files say about the pages: ({sourcePath: {schema wire name: Swift JSON
    key}}, {sourcePath: Swift type name or None}, [files whose CodingKeys do not match], {sourcePaths of
    Int-backed enums}). Shared with request_samples.py."""
    keys, swift_names, unmatched, integer_enums = {}, {}, [], set()
    for model in models:
        kind = model_kind(model)
        file_name = ".".join(model["sourcePath"][:-3].split("/")) + ".swift"
        generated = os.path.join(generated_dir, file_name)
        if kind not in KINDS or not os.path.exists(generated):
            continue
        with open(generated, encoding="utf-8") as handle:
            text = handle.read()
        match = TYPE_DECLARATION.search(text)
        swift_names[model["sourcePath"]] = match.group(1) if match else None
        if kind == "enumeration" and INTEGER_ENUM.search(text):
            integer_enums.add(model["sourcePath"])
        if kind == "object":
            found = swift_keys(model, text)
            if found is None:
                unmatched.append(file_name)
            keys[model["sourcePath"]] = found or {}
    return keys, swift_names, unmatched, integer_enums


def samples(args):
    with open(args.schema, encoding="utf-8") as handle:
        models = json.load(handle)["models"]
    rows, unchecked, table = [], [], []
    keys, swift_names, unmatched, integer_enums = swift_info(models, args.generated)
    sampler = Sampler(models, keys, integer_enums)
    for model in sorted(models, key=lambda model: model["sourcePath"]):
        name, kind = model["name"], model_kind(model)
        shown_kind = KINDS.get(kind, kind)
        if kind not in KINDS:
            body = model["kind"][kind]
            unchecked.append({"type": name, "kind": shown_kind, "reason": f"page not generated: {body}"})
            continue
        file_name = ".".join(model["sourcePath"][:-3].split("/")) + ".swift"
        generated = os.path.join(args.generated, file_name)
        if not os.path.exists(generated):
            unchecked.append({"type": name, "kind": shown_kind, "reason": f"no generated file {file_name}"})
            continue
        swift = swift_names.get(model["sourcePath"])
        if swift is None:
            unchecked.append({"type": name, "kind": shown_kind, "reason": f"{file_name} declares no type"})
            continue
        values, unsampled = sampler.variants(model)
        for label, reason in unsampled:
            unchecked.append({"type": name, "kind": shown_kind, "variant": label, "reason": reason})
        for index, (label, value) in enumerate(values):
            rows.append({
                "id": f"{name}#{index}", "type": name, "page": model["sourcePath"], "swiftType": swift, "kind": shown_kind,
                "variant": label, "text": json.dumps(value, ensure_ascii=False, separators=(",", ":")),
            })
        if values:
            table.append((name, swift))
    write_lines(args.samples, rows)
    write_lines(args.unchecked, unchecked, append=True)
    write_table(args.table, args.module, sorted(set(table)))
    print(f"samples: {len(rows)} value(s) for {len(table)} type(s); {len(unchecked)} unsampled")
    if unmatched:  # the Swift side then reports what it cannot decode
        print(f"samples: {len(unmatched)} struct(s) whose CodingKeys do not match the page's fields use the "
              f"schema's wire names: {', '.join(unmatched[:5])}")


def write_table(path, module, table):
    """Swift: `peerRoundTrip(_ swiftType: String, _ json: Data) throws -> Data?`, nil for an unknown name.
    The switch is split into functions of 100 cases so no single function is large."""
    chunks = [table[start:start + 100] for start in range(0, len(table), 100)]
    lines = [
        "// Generated by Tests/Peers/peer_check.py. DO NOT EDIT.",
        "import Foundation",
        f"import {module}",
        "",
        "func peerRoundTrip(_ swiftType: String, _ json: Data) throws -> Data? {",
    ]
    for index in range(len(chunks)):
        lines.append(f"    if let data = try peerTable{index}(swiftType, json) {{ return data }}")
    lines += ["    return nil", "}", ""]
    for index, chunk in enumerate(chunks):
        lines.append(f"private func peerTable{index}(_ swiftType: String, _ json: Data) throws -> Data? {{")
        lines.append("    switch swiftType {")
        for _, swift in chunk:
            lines.append(f"    case \"{swift}\": return try roundTrip({module}.{swift}.self, json)")
        lines += ["    default: return nil", "    }", "}", ""]
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))


# --- forward ------------------------------------------------------------------------------------

def forward(args):
    by_id = {row["id"]: row for row in read_lines(args.samples)}
    rows = []
    for answer in read_lines(args.answers):
        sample = by_id.get(answer.get("id"))
        if sample is None or not answer.get("ok"):
            continue
        if args.to == "python":
            rows.append({"id": sample["id"], "type": sample["type"], "page": sample["page"], "kind": sample["kind"],
                         "text": answer["text"]})
        else:
            rows.append({"id": sample["id"], "swiftType": sample["swiftType"], "text": answer["text"]})
    write_lines(args.out, rows)


# --- compare ------------------------------------------------------------------------------------

def json_difference(left, right, path="$"):
    """None when the two JSON values are equal (objects order-free, numbers as numbers, booleans
    never equal to numbers); otherwise where and how they differ."""
    if isinstance(left, bool) or isinstance(right, bool):
        return None if (isinstance(left, bool) and isinstance(right, bool) and left == right) else \
            f"{path}: {short(left)} vs {short(right)}"
    if isinstance(left, (int, float)) and isinstance(right, (int, float)):
        return None if left == right else f"{path}: {short(left)} vs {short(right)}"
    if isinstance(left, dict) and isinstance(right, dict):
        for key in sorted(set(left) | set(right)):
            if key not in right:
                return f"{path}.{key}: {short(left[key])} vs missing"
            if key not in left:
                return f"{path}.{key}: missing vs {short(right[key])}"
            difference = json_difference(left[key], right[key], f"{path}.{key}")
            if difference:
                return difference
        return None
    if isinstance(left, list) and isinstance(right, list):
        if len(left) != len(right):
            return f"{path}: {len(left)} item(s) vs {len(right)}"
        for index, (a, b) in enumerate(zip(left, right)):
            difference = json_difference(a, b, f"{path}[{index}]")
            if difference:
                return difference
        return None
    return None if (type(left) is type(right) and left == right) else f"{path}: {short(left)} vs {short(right)}"


def short(value):
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 120 else text[:117] + "..."


def first_line(text, limit=600):
    text = " | ".join(line.strip() for line in str(text).splitlines() if line.strip())
    return text if len(text) <= limit else text[:limit - 3] + "..."


# Reasons for leaving a type unchecked that do not fail the check: the type is no JSON wire model, or
# the SDK itself cannot parse the value (an SDK bug DocModelGen cannot fix). Each is listed all the same.
ACCEPTED = (
    ("page not generated: it documents an SDK utility", "an SDK utility page (utils/)"),
    ("not a wire model:", "the SDK type is no JSON body"),
    ("wire name the docs cannot show", "a wire name only an OpenAPI or SDK-source overlay can supply"),
    ("left out by --limit", "a quick run checks only a subset"),
    ("the SDK cannot tell this member from", "the SDK's union decodes the value as an earlier member"),
    ("the SDK cannot parse", "a known SDK bug (the SDK side answers it, e.g. polar_roundtrip.SDK_BUGS)"),
)


def accepted(reason):
    return any(reason.startswith(prefix) for prefix, _ in ACCEPTED)


def compare(args):
    sample_rows = read_lines(args.samples)
    swift = {row["id"]: row for row in read_lines(args.swift)}
    sdk = {row["id"]: row for row in read_lines(args.sdk_answers)}
    again = {row["id"]: row for row in read_lines(args.swift_again)}
    types = {}
    for row in read_lines(args.unchecked):  # pages left out, pages or variants without a sample
        entry = types.setdefault(row["type"], {"type": row["type"], "kind": row["kind"], "values": 0,
                                               "passed": 0, "failures": [], "unchecked": []})
        entry["unchecked"].append({key: row[key] for key in ("variant", "reason") if key in row})
    for row in sample_rows:
        entry = types.setdefault(row["type"], {"type": row["type"], "kind": row["kind"], "values": 0,
                                               "passed": 0, "failures": [], "unchecked": []})
        entry["swiftType"] = row["swiftType"]
        entry["values"] += 1
        outcome = check_variant(row, swift.get(row["id"]), sdk.get(row["id"]), again.get(row["id"]))
        if outcome is None:
            entry["passed"] += 1
        elif "unchecked" in outcome:
            entry["unchecked"].append({"variant": row["variant"], "reason": outcome["unchecked"]})
        else:
            entry["failures"].append({"variant": row["variant"], "cause": outcome.pop("cause", "other"), **outcome})
    for entry in types.values():
        for row in entry["unchecked"]:
            row["accepted"] = accepted(row["reason"])
        if entry["failures"]:
            entry["status"] = "failed"
        elif entry["unchecked"] and entry["passed"]:
            entry["status"] = "partly"
        elif entry["unchecked"]:
            entry["status"] = "unchecked"
        else:
            entry["status"] = "passed"
    entries = sorted(types.values(), key=lambda entry: entry["type"])
    count = lambda status: sum(1 for entry in entries if entry["status"] == status)
    stages, causes = {}, {}
    for entry in entries:
        for failure in entry["failures"]:
            stages[failure["stage"]] = stages.get(failure["stage"], 0) + 1
            causes[failure["cause"]] = causes.get(failure["cause"], 0) + 1
    blocking = [entry["type"] for entry in entries
                if entry["status"] == "failed" or any(not row["accepted"] for row in entry["unchecked"])]
    report = {
        "sdk": args.sdk, "types": len(entries), "checked": sum(1 for entry in entries if entry["passed"] or entry["failures"]),
        "passed": count("passed"), "failed": count("failed"), "partlyChecked": count("partly"),
        "unchecked": count("unchecked"), "values": len(sample_rows), "failedValuesByStage": stages,
        "failedValuesByCause": causes, "failedTypesByCause": {
            cause: sum(1 for entry in entries if any(f["cause"] == cause for f in entry["failures"]))
            for cause in sorted(causes)},
        "blocking": blocking, "entries": entries,
    }
    with open(args.report, "w", encoding="utf-8") as handle:
        json.dump(report, handle, ensure_ascii=False, indent=1)
    print_summary(report)
    return 0 if not blocking else 1


def key_spelling(name):
    """A JSON key as a wire-name mismatch sees it: `client_id`, `clientId`, `in_` and
    `X-Postmark-Account-Token` are `clientid`, `clientid`, `in` and `xpostmarkaccounttoken`."""
    return name.replace("_", "").replace("-", "").lower()


def respelled(value):
    if isinstance(value, dict):
        return {key_spelling(key): respelled(item) for key, item in value.items()}
    if isinstance(value, list):
        return [respelled(item) for item in value]
    return value


def renamed_keys(left, right, path="$"):
    """The keys spelled differently on the two sides, at the same place: [{"path", "left", "right"}]."""
    found = []
    if isinstance(left, dict) and isinstance(right, dict):
        only_right = {key_spelling(key): key for key in right if key not in left}
        for key in sorted(left):
            if key in right:
                found += renamed_keys(left[key], right[key], f"{path}.{key}")
            elif key_spelling(key) in only_right:
                other = only_right[key_spelling(key)]
                found.append({"path": path, "left": key, "right": other})
                found += renamed_keys(left[key], right[other], f"{path}.{other}")
    elif isinstance(left, list) and isinstance(right, list):
        for index, (a, b) in enumerate(zip(left, right)):
            found += renamed_keys(a, b, f"{path}[{index}]")
    return found


UNION_MEMBER = re.compile(r"^member \d+ `(?:\w+\.)*(\w+)`$")


def different(stage, label, left, right):
    """The failure for two JSON values that differ, or None. Its cause is `wire-name` when they are
    equal but for the spelling of keys (the docs' Python names against the SDK's wire names), else
    `other`, with the first difference that remains when key spelling is ignored."""
    difference = json_difference(left, right)
    if difference is None:
        return None
    failure = {"stage": stage, "reason": f"{label}: {difference}"}
    renamed = renamed_keys(left, right)
    remaining = json_difference(respelled(left), respelled(right))
    if remaining is None:
        failure.update(cause="wire-name", renamed=renamed)
    else:
        failure.update(cause="other", otherDifference=remaining)
        if renamed:
            failure["renamed"] = renamed
    return failure


def swift_answer(answer, which, stage):
    """(the JSON a Swift answer carries, None), or (None, the failure)."""
    if answer is None:
        return None, {"stage": "harness", "reason": f"no {which} answer from the Swift executable"}
    if not answer.get("ok"):
        return None, {"stage": stage, "reason": first_line(answer.get("error"))}
    return json.loads(answer["text"]), None


def check_variant(row, swift, sdk, again):
    try:
        sample = json.loads(row["text"])
    except ValueError as error:
        return {"stage": "harness", "reason": f"sample is not JSON: {error}"}
    swift_json, failure = swift_answer(swift, "first", "swift-decodes-sample")
    if failure:
        return failure
    failure = different("swift-keeps-sample", "sample vs Swift", sample, swift_json)
    if failure:
        return failure
    if sdk is None:
        return {"stage": "harness", "reason": "no answer from the SDK side (<sdk>_roundtrip.py)"}
    if "unchecked" in sdk:
        return {"unchecked": sdk["unchecked"]}
    member = UNION_MEMBER.match(row["variant"])
    if member and sdk.get("decodedAs") not in (None, member[1]):
        # Swift kept the member (swift-keeps-sample passed); the SDK's union took an earlier one, and
        # whatever it then drops or cannot decode follows from that.
        what = first_line(sdk["error"], 300) if not sdk.get("ok") else \
            json_difference(swift_json, json.loads(sdk["text"]))
        if what:  # (when the earlier member writes the same JSON, the wire cannot tell either)
            return {"unchecked": f"the SDK cannot tell this member from {sdk['decodedAs']}: its union takes the "
                                 f"first member that decodes the value (SDK-FACTS.md, e): {what}"}
    if not sdk.get("ok"):
        return {"stage": "sdk-accepts", "reason": first_line(sdk.get("error"))}
    sdk_json = json.loads(sdk["text"])
    failure = different("sdk-writes-same", "Swift vs SDK", swift_json, sdk_json)
    if failure:
        return failure
    again_json, failure = swift_answer(again, "second", "swift-decodes-sdk")
    return failure or different("swift-writes-same", "SDK vs Swift", sdk_json, again_json)


def print_summary(report):
    print(f"{report['sdk']} peer check: {report['types']} type(s), {report['checked']} checked with {report['values']} value(s): "
          f"{report['passed']} passed, {report['failed']} failed, {report['partlyChecked']} partly checked, "
          f"{report['unchecked']} unchecked")
    if report["failedValuesByStage"]:
        print("failed values by stage: " + ", ".join(f"{stage} {count}" for stage, count in sorted(report["failedValuesByStage"].items())))
        print("failed values by cause: " + ", ".join(f"{cause} {count}" for cause, count in sorted(report["failedValuesByCause"].items()))
              + " (wire-name: equal but for the spelling of keys)")
    for status, label in (("failed", "FAILED"), ("partly", "PARTLY"), ("unchecked", "UNCHECKED")):
        for entry in report["entries"]:
            if entry["status"] != status:
                continue
            for failure in entry["failures"]:
                print(f"{label} {entry['kind']} {entry['type']} [{failure['variant']}] {failure['stage']} "
                      f"({failure['cause']}): {failure['reason']}")
            for row in entry["unchecked"]:
                variant = f" [{row['variant']}]" if "variant" in row else ""
                note = "" if row["accepted"] else " (blocking)"
                print(f"{label} {entry['kind']} {entry['type']}{variant} not checked{note}: {row['reason']}")
    print(f"{report['sdk']} peer check: {len(report['blocking'])} type(s) block the check")


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("subset")
    for option in ("--tree", "--schema", "--diagnostics", "--out", "--unchecked"):
        command.add_argument(option, required=True)
    command.add_argument("--limit", type=int, help="keep at most N pages (see limited())")
    command = commands.add_parser("samples")
    for option in ("--schema", "--generated", "--module", "--samples", "--table", "--unchecked"):
        command.add_argument(option, required=True)
    command = commands.add_parser("forward")
    for option in ("--samples", "--answers", "--out"):
        command.add_argument(option, required=True)
    command.add_argument("--to", required=True, choices=["python", "swift"])
    command = commands.add_parser("compare")
    for option in ("--sdk", "--samples", "--swift", "--sdk-answers", "--swift-again", "--unchecked", "--report"):
        command.add_argument(option, required=True)
    args = parser.parse_args(argv[1:])
    if args.command == "subset":
        subset(args)
        return 0
    if args.command == "samples":
        samples(args)
        return 0
    if args.command == "forward":
        forward(args)
        return 0
    return compare(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
