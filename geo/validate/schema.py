"""The JSON Schemas under ``data/schema/``: loading them once, and their errors in a contributor's words."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import jsonschema_rs
from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError, ValidationError
from referencing import Registry, Resource
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT202012

from geo.validate.features import feature_label
from geo.validate.files import DATA_DIR, FILES, OPTIONAL_FILES, read_json
from geo.validate.problems import Problem, excerpt, rule

#: The project's schemas, used for a data folder that has no ``schema/`` of its own.
SCHEMA_DIR = DATA_DIR / "schema"

CRS_MEMBER = rule("crs-member", "a file carries a 'crs' member, which RFC 7946 GeoJSON never has")
MISSING_FIELD = rule("missing-field", "a required field is absent")
UNKNOWN_FIELD = rule("unknown-field", "a field the schema does not define (usually a typo)")
NOT_IN_VOCABULARY = rule("not-in-vocabulary", "a value outside the schema's list of allowed values")
WRONG_SHAPE = rule("wrong-shape", "a value matching none of the allowed forms (a Polygon where a Point belongs)")
BAD_VALUE = rule("bad-value", "a value of the wrong type, format, length or range")
SCHEMA_UNUSABLE = rule("schema-unusable", "a data file's schema is missing or broken, so nothing in it is served")

#: The list a file's items sit in (each item is what a problem names), and what an item is called.
_CONTAINERS = {"sources": ("sources", "(source)"), "tours": ("tours", "(tour)")}

#: The rule a failed JSON Schema keyword is reported under (``additionalProperties``, ``not crs`` and
#: ``oneOf`` have their own messages; every other keyword is a bad value).
_RULE_OF_KEYWORD = {"required": MISSING_FIELD, "enum": NOT_IN_VOCABULARY, "const": NOT_IN_VOCABULARY}


def schema_dir_for(data_dir: Path) -> Path:
    """``<data_dir>/schema`` when the data folder carries its own schemas, else the project's."""
    own = Path(data_dir) / "schema"
    return own if own.is_dir() else SCHEMA_DIR


@dataclass(frozen=True)
class FileSchema:
    """A data file's schema, checked twice over: ``quick`` (jsonschema-rs, compiled) tells in milliseconds
    which items break it; ``full`` (jsonschema) then names what is wrong with those, in the words of
    every message below. At 100x data ``full`` alone took ~50 s on a file with nothing wrong."""

    full: Draft202012Validator
    quick: Any = None  #: a jsonschema_rs validator, or None when it could not compile the schema


def load_validators(schema_dir: Path) -> dict[str, FileSchema | str]:
    """A validator for each data file (keys of ``FILES`` and ``OPTIONAL_FILES``), or why its schema is unusable."""
    docs: dict[str, dict[str, Any]] = {}
    reasons: dict[str, str] = {}
    for stem in ("common", *FILES, *OPTIONAL_FILES):
        name = f"schema/{stem}.schema.json"
        loaded = read_json(schema_dir / f"{stem}.schema.json", name)
        if not loaded.ok:
            reasons[stem] = f"{name}: {loaded.problems[0].message}"
        elif not isinstance(loaded.doc, dict) or not isinstance(loaded.doc.get("$id"), str):
            reasons[stem] = f"{name}: has no '$id' (expected the schema's URI)"
        else:
            try:
                Draft202012Validator.check_schema(loaded.doc)
                docs[stem] = loaded.doc
            except SchemaError as exc:
                reasons[stem] = f"{name}: is not a valid JSON Schema: {exc.message}"
    registry = Registry().with_resources(
        (doc["$id"], Resource.from_contents(doc, default_specification=DRAFT202012)) for doc in docs.values()
    )
    validators: dict[str, FileSchema | str] = {}
    for kind in (*FILES, *OPTIONAL_FILES):
        if kind in reasons:
            validators[kind] = reasons[kind]
            continue
        unresolved = _unresolved_ref(docs[kind], registry)
        if unresolved is not None:
            validators[kind] = reasons.get(
                "common", f"schema/{kind}.schema.json: $ref {unresolved!r} points to nothing"
            )
        else:
            validators[kind] = FileSchema(Draft202012Validator(docs[kind], registry=registry), _quick(docs, kind))
    return validators


def _quick(docs: dict[str, dict[str, Any]], kind: str) -> Any:
    """jsonschema-rs's validator for ``kind``, or None (the full check then runs alone, only slower)."""
    try:
        registry = jsonschema_rs.Registry([(doc["$id"], doc) for doc in docs.values()])
        return jsonschema_rs.validator_for(docs[kind], registry=registry)
    except Exception:  # a schema jsonschema accepts but the compiled validator does not: no shortcut
        return None


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def _unresolved_ref(schema: dict[str, Any], registry: Registry) -> str | None:
    """The first ``$ref`` of ``schema`` that resolves to nothing (checked now, not halfway through the data)."""
    resolver = registry.resolver(base_uri=schema["$id"])
    for ref in _refs(schema):
        try:
            resolver.lookup(ref)
        except Unresolvable:
            return ref
    return None


def schema_problems(name: str, doc: Any, kind: str, schema: FileSchema) -> list[Problem]:
    """Every schema error of ``doc``, naming the feature (or source) and the field."""
    container, item = _CONTAINERS.get(kind, ("features", "(feature)"))
    failing = _failing_items(doc, container, schema.quick)
    if failing is None:
        return []
    checked, index = doc, None
    if failing:  # only items break the schema: give the full check those items alone, numbered as in the file
        checked, index = {**doc, container: [doc[container][i] for i in failing]}, failing
    problems = []
    for err in sorted(schema.full.iter_errors(checked), key=lambda e: list(map(str, e.absolute_path))):
        path = list(err.absolute_path)
        if len(path) >= 2 and path[0] == container and isinstance(path[1], int):
            if index is not None:
                path[1] = index[path[1]]
            feature: str | None = feature_label(doc[container][path[1]], path[1])
            fld = _field(path[2:]) or item
        else:
            feature, fld = None, _field(path) or "(document)"
        if err.validator == "additionalProperties":
            problems += _unknown_fields(name, feature, fld, err)
        elif err.validator == "not" and err.validator_value == {"required": ["crs"]}:
            message = "has a 'crs' member; RFC 7946 GeoJSON is always WGS84 lon/lat and has none"
            problems.append(CRS_MEMBER(name, feature, fld, message))
        elif err.validator in ("oneOf", "anyOf"):
            message = f"{excerpt(err.instance)} does not match any allowed shape (expected {_expected(err)})"
            problems.append(WRONG_SHAPE(name, feature, fld, message))
        else:
            found_by = _RULE_OF_KEYWORD.get(err.validator, BAD_VALUE)
            problems.append(found_by(name, feature, fld, f"{err.message} (expected: {_expected(err)})"))
    return problems


def _failing_items(doc: Any, container: str, quick: Any) -> list[int] | None:
    """None when ``quick`` finds nothing wrong; the indices of the broken items of ``doc[container]``
    when only items are broken; ``[]`` when the whole document needs the full check."""
    if quick is None:
        return []
    try:
        if quick.is_valid(doc):
            return None
        paths = [list(err.instance_path) for err in quick.iter_errors(doc)]
    except Exception:  # a value the compiled validator cannot take (a huge integer): check it all
        return []
    if not isinstance(doc, dict) or not isinstance(doc.get(container), list):
        return []
    if not all(len(p) >= 2 and p[0] == container and isinstance(p[1], int) for p in paths):
        return []  # the document itself is wrong (no items, a 'crs' member): nothing to narrow down
    return sorted({p[1] for p in paths})


def _field(path: list[str | int]) -> str:
    """``['properties', 'places', 0, 'role']`` -> ``properties.places[0].role``, as the other rules write it."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _unknown_fields(name: str, feature: str | None, fld: str, err: ValidationError) -> list[Problem]:
    allowed = list(err.schema.get("properties", {})) if isinstance(err.schema, dict) else []
    problems = []
    instance = err.instance if isinstance(err.instance, dict) else {}
    for key in instance:
        if key in allowed:
            continue
        close = difflib.get_close_matches(key, allowed, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        where = key if fld.startswith("(") else f"{fld}.{key}"
        message = f"unknown field {key!r} ({hint}expected one of: {', '.join(allowed)})"
        problems.append(UNKNOWN_FIELD(name, feature, where, message))
    return problems


def _expected(err: ValidationError) -> str:
    v, val = err.validator, cast(Any, err.validator_value)
    if v == "enum":
        return "one of " + ", ".join(map(str, val))
    if v == "required":
        return "the field to be present"
    if v == "type":
        return f"type {val}"
    if v == "pattern":
        return f"text matching {val}"
    if v in ("minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems"):
        return f"{v} {val}"
    if v == "const":
        return f"exactly {val!r}"
    if v in ("oneOf", "anyOf"):
        return "a Point or a LineString" if "coordinates" in json.dumps(val) else "one allowed form"
    return f"{v} {excerpt(val, 60)}"
