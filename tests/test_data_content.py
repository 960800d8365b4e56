"""Content checks on the atlas data: the events a reader expects to find are there, dated and placed.

Unique ids, known places and sources, verbatim quotes and reliability are the validator's rules
(tests/test_validate.py); this module asserts what the texts say.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent.parent / "data"


def _load(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def events() -> list[dict]:
    return [f["properties"] for f in _load("events.geojson")["features"]]


@pytest.fixture(scope="module")
def event_features() -> list[dict]:
    return _load("events.geojson")["features"]


@pytest.fixture(scope="module")
def places() -> dict[str, dict]:
    return {f["properties"]["id"]: f for f in _load("places.geojson")["features"]}


@pytest.fixture(scope="module")
def sources() -> dict[str, dict]:
    return {s["id"]: s for s in _load("sources.json")["sources"]}


def _by_id(events: list[dict], eid: str) -> dict:
    matches = [e for e in events if e["id"] == eid]
    assert matches, f"event {eid!r} is missing from events.geojson"
    return matches[0]


def _place_ids(event: dict, role: str | None = None) -> set[str]:
    return {p["place"] for p in event["places"] if role is None or p["role"] == role}


def test_enough_events(events):
    assert len(events) >= 40


def test_every_source_has_an_event(events, sources):
    cited = {c["source"] for e in events for c in e["citations"]}
    assert set(sources) <= cited, f"sources with no event: {set(sources) - cited}"


@pytest.mark.parametrize(
    ("eid", "kind", "start", "end", "place", "role"),
    [
        ("siege-of-thessalonica-1242", "siege", 1242, 1242, "thessalonica", "location"),
        ("battle-of-kose-dag-1243", "battle", 1243, 1243, "kose-dag", "location"),
        ("mongol-embassy-to-theodore-ii-1257", "embassy", 1257, 1257, "nicaea", "destination"),
        ("treaty-with-kipchak-khan-1266", "treaty", 1266, 1266, "constantinople", "location"),
        ("clement-iv-letter-1267", "letter", 1267, 1267, "viterbo", "location"),
        ("mongol-invasion-of-byzantine-thrace-1263-1264", "invasion", 1263, 1264, "thrace", "location"),
        ("frozen-danube-crossing-1263-1264", "campaign", 1263, 1264, "thrace", "destination"),
        ("release-of-kaykaus-ii-1264", "release", 1264, 1264, "ainos", "location"),
        ("crimea-ceded-to-kaykaus-1264", "cession", 1264, 1264, "crimea", "location"),
        ("siege-of-tirnovo-1278", "siege", 1278, 1278, "tirnovo", "location"),
        ("capture-of-maria-in-tirnovo-1278", "capture", 1278, 1278, "tirnovo", "location"),
        ("mongol-army-to-bithynia-1308", "campaign", 1308, 1308, "bithynia", "destination"),
        ("mongols-occupy-vicina-late-1330s", "occupation", 1335, 1339, "vicina", "location"),
        ("andronikos-iii-embassy-1341", "embassy", 1341, 1341, "constantinople", "origin"),
    ],
)
def test_key_event(events, eid, kind, start, end, place, role):
    ev = _by_id(events, eid)
    assert ev["kind"] == kind
    assert (ev["start"], ev["end"]) == (start, end)
    assert place in _place_ids(ev, role)


def test_thessalonica_siege_is_spring_1242(events):
    ev = _by_id(events, "siege-of-thessalonica-1242")
    assert ev["date_edtf"] == "1242-21"
    assert "spring" in ev["date_label"]


def test_vicina_is_disputed_with_candidates(places, events):
    vicina = places["vicina"]["properties"]
    assert vicina["precision"] == "disputed"
    cands = vicina["candidates"]
    assert len(cands) >= 3
    assert all(c["proposed_by"].strip() for c in cands)
    ev = _by_id(events, "mongols-occupy-vicina-late-1330s")
    assert "~" in ev["date_edtf"]  # "late 1330's" is approximate
    assert "1330" in ev["date_label"]


def test_marriages_are_movements_to_the_khans(event_features, places):
    feats = {f["properties"]["id"]: f for f in event_features}
    for eid, dest in (("euphrosyne-marries-nogai", "nogai-ordu"), ("maria-marries-abaqa", "ilkhan-court")):
        f = feats[eid]
        assert f["geometry"]["type"] == "LineString"
        assert f["geometry"]["coordinates"][0] == places["constantinople"]["geometry"]["coordinates"]
        assert f["geometry"]["coordinates"][-1] == places[dest]["geometry"]["coordinates"]


def test_the_unreliable_source_still_gives_events(events, sources):
    # each is rated low and carries a note: the validator's reliability-mismatch and unreliable-without-note rules
    low = {sid for sid, s in sources.items() if s["reliability"] == "low"}
    resting_on_it = [e for e in events if {c["source"] for c in e["citations"]} <= low]
    assert len(resting_on_it) >= 5


def test_unreliable_chronology_is_corrected_in_notes(events):
    syria = _by_id(events, "mongol-invasions-of-syria-1312")
    assert any("1299" in n and "1303" in n for n in syria["notes"])
    died = _by_id(events, "mongol-empire-died-out-1312")
    assert any("Hulagu" in n for n in died["notes"])


def test_invasion_1264_has_competing_accounts(events):
    ev = _by_id(events, "mongol-invasion-of-byzantine-thrace-1263-1264")
    accounts = ev.get("accounts") or []
    assert len(accounts) >= 2
    signatures = {
        (
            frozenset(c["source"] for c in a["citations"]),
            frozenset(x for c in a["citations"] for x in c.get("primary_authorities", [])),
        )
        for a in accounts
    }
    assert len(signatures) >= 2, "accounts should rest on different sources or authorities"
    assert len({c["source"] for a in accounts for c in a["citations"]}) >= 2


def test_who_enlisted_whom_keeps_gregoras_apart(events):
    ev = _by_id(events, "golden-horde-bulgarian-alliance-1263")
    auths = [{x for c in a["citations"] for x in c.get("primary_authorities", [])} for a in ev["accounts"]]
    assert any("Nicephorus Gregoras" in a for a in auths)
    assert any("Ibn Bibi" in a and "Nicephorus Gregoras" not in a for a in auths)


def test_end_of_conflict_accounts_cite_ciocaltan_and_wikipedia(events):
    ev = _by_id(events, "horde-army-leaves-constantinople-1264")
    srcs = {c["source"] for a in ev["accounts"] for c in a["citations"]}
    assert {"ciocaltan-2012-p246", "wp-byzantine-mongol-alliance", "wp-mongol-invasion-of-byzantine-thrace"} <= srcs
    assert ev["reliability"] == "high"
