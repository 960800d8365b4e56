"""The feature types name real fields (geo/features.py against data/schema/), and the event accessors."""

from __future__ import annotations

import json

import pytest

from geo import features
from tests.conftest import ROOT

SCHEMA = ROOT / "data" / "schema"


def _properties(schema: str, definition: str) -> set[str]:
    doc = json.loads((SCHEMA / schema).read_text(encoding="utf-8"))
    return set(doc["$defs"][definition]["properties"]["properties"]["properties"])


@pytest.mark.parametrize(
    ("typed", "schema", "definition", "added_at_load"),
    [
        (features.EventProperties, "events.schema.json", "event", {"uncertain"}),
        (features.PlaceProperties, "places.schema.json", "place", set()),
        (features.PolityProperties, "polities.schema.json", "polity", set()),
    ],
)
def test_every_typed_property_is_a_property_of_its_schema(typed, schema, definition, added_at_load):
    assert set(typed.__annotations__) - added_at_load <= _properties(schema, definition)


def test_citations_are_numbered_events_first_then_accounts(atlas):
    thrace = next(e for e in atlas.events if e["id"] == "mongol-invasion-of-thrace-1264")
    cites = features.all_citations(thrace)
    assert [label for _c, label in cites] == [None, "Byzantine account", "Egyptian account"]
    assert features.event_sources(thrace) == {c["source"] for c, _label in cites}


def test_place_names_and_polities(atlas):
    tirnovo = next(e for e in atlas.events if e["id"] == "capture-of-maria-at-tirnovo-1278")
    assert features.place_names(tirnovo, atlas.places) == "Tirnovo"
    assert features.event_polities(tirnovo) == {"golden-horde", "byzantium"}
