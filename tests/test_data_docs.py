"""The schemas are the one source of truth: data/README.md and the map's kind colours follow them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from geo.render import KIND_COLORS

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "data" / "schema"
README = (ROOT / "data" / "README.md").read_text(encoding="utf-8")


def _schema(stem: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / f"{stem}.schema.json").read_text(encoding="utf-8"))


def _section(heading: str) -> str:
    """The text under ``## heading`` (with its ``###`` subsections) up to the next ``## ``."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", README, flags=re.M | re.S)
    assert match, f"data/README.md has no section '## {heading}'"
    return match.group(1)


def _documented(heading: str) -> set[str]:
    """Names in backticks in the first column of every table row of a section."""
    names: set[str] = set()
    for line in _section(heading).splitlines():
        if line.startswith("| `"):
            names |= set(re.findall(r"`([^`]+)`", line.split("|")[1]))
    return names


def _property_names(node: Any, schema: dict[str, Any]) -> set[str]:
    """Every property name an object may carry, nested ones too; shared definitions of another file are
    skipped (citations are documented once, under "Citations")."""
    if not isinstance(node, dict):
        return set()
    ref = node.get("$ref")
    if isinstance(ref, str):
        if not ref.startswith("#/"):
            return set()
        target: Any = schema
        for part in ref[2:].split("/"):
            target = target[part]
        return _property_names(target, schema)
    names: set[str] = set()
    for name, sub in node.get("properties", {}).items():
        names.add(name)
        names |= _property_names(sub, schema)
    for key in ("items", "if", "then"):
        names |= _property_names(node.get(key), schema)
    for key in ("allOf", "anyOf", "oneOf"):
        for sub in node.get(key, []):
            names |= _property_names(sub, schema)
    return names


def _fields_of(stem: str) -> set[str]:
    """The fields a data file may hold: a source entry's, or a feature's ``properties``."""
    schema = _schema(stem)
    if stem in ("sources", "tours"):
        return _property_names(schema["properties"][stem]["items"], schema)
    feature = schema["$defs"][schema["properties"]["features"]["items"]["$ref"].rsplit("/", 1)[1]]
    return _property_names(feature["properties"]["properties"], schema)


@pytest.mark.parametrize(
    ("heading", "stem"),
    [
        ("`sources.json`", "sources"),
        ("`places.geojson`", "places"),
        ("`events.geojson`", "events"),
        ("`polities.geojson`", "polities"),
        ("`tours.json`", "tours"),
    ],
)
def test_every_field_a_schema_allows_is_documented_in_its_table(heading: str, stem: str) -> None:
    allowed, documented = _fields_of(stem), _documented(heading)
    assert not allowed - documented, f"data/README.md {heading} does not document {sorted(allowed - documented)}"
    stale = sorted(documented - allowed)
    assert not stale, f"data/README.md {heading} documents fields no schema allows: {stale}"


def test_the_citation_fields_are_documented_once_for_every_file() -> None:
    common = _schema("common")
    allowed = _property_names(common["$defs"]["citation"], common)
    assert allowed == _documented("Citations")


def test_event_kinds_one_vocabulary_in_schema_colours_and_readme() -> None:
    kinds = _schema("events")["$defs"]["kind"]["enum"]
    assert len(kinds) == len(set(kinds))
    assert set(KIND_COLORS) == set(kinds), "geo.render.KIND_COLORS must colour exactly the schema's kinds"
    listed = re.findall(r"`([a-z]+)`", _section("`events.geojson`").split("### Event kinds", 1)[1])
    assert listed == kinds, "data/README.md's kind list must be the schema's enum, in its order"


def test_place_kinds_in_the_readme_are_the_schemas() -> None:
    kinds = _schema("places")["$defs"]["place"]["properties"]["properties"]["properties"]["kind"]["enum"]
    row = next(line for line in _section("`places.geojson`").splitlines() if line.startswith("| `kind` |"))
    assert re.findall(r"`([a-z]+)`", row.split("|")[2]) == kinds
