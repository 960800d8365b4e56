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
        ("release-of-kaykaus-ii-1264", "release", 1264, 1265, "ainos", "location"),
        ("crimea-ceded-to-kaykaus-1264", "cession", 1264, 1265, "crimea", "location"),
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
    for eid, dest in (("euphrosyne-marries-nogai", "nogai-ordu"), ("maria-marries-abaqa", "tabriz")):
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


# --------------------------------------------------------------------------- truth, second pass (issue 10)

PLEIADES_TABLE = DATA / "reference" / "pleiades-used.tsv"


@pytest.fixture(scope="module")
def pleiades_table() -> dict[str, tuple[str, float, float]]:
    rows = PLEIADES_TABLE.read_text(encoding="utf-8").splitlines()[1:]
    return {pid: (title, float(lon), float(lat)) for pid, title, lon, lat in (r.split("\t") for r in rows)}


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    import math

    p1, p2 = math.radians(a[1]), math.radians(b[1])
    c = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(math.radians(b[0] - a[0]))
    return 6371 * math.acos(min(1.0, c))


def _pleiades_ids(place: dict) -> list[str]:
    return [lk["identifier"][3:] for lk in place["properties"].get("links", []) if lk["identifier"].startswith("pl:")]


def test_every_pleiades_id_is_in_the_table_and_near_its_place(places, pleiades_table):
    linked = 0
    for pid, place in places.items():
        lon, lat = place["geometry"]["coordinates"]
        for plid in _pleiades_ids(place):
            assert plid in pleiades_table, f"{pid}: Pleiades {plid} is not in {PLEIADES_TABLE.name} (a typo?)"
            _, plon, plat = pleiades_table[plid]
            extent = place["properties"].get("extent")
            if place["properties"]["precision"] == "region" and extent:
                w, s, e, n = extent
                assert w <= plon <= e and s <= plat <= n, f"{pid}: Pleiades {plid}'s point lies outside the region"
            else:
                assert _km((lon, lat), (plon, plat)) < 10, f"{pid}: Pleiades {plid} is not near the place's point"
            linked += 1
    assert linked >= 30, "most places Pleiades knows carry its id"


def test_points_taken_from_pleiades_are_the_records_points(places, pleiades_table):
    import re

    for pid, place in places.items():
        m = re.search(r"Pleiades representative point for place ([0-9]+)", place["properties"]["coord_source"])
        if not m:
            continue
        _, plon, plat = pleiades_table[m.group(1)]
        lon, lat = place["geometry"]["coordinates"]
        assert abs(lon - plon) < 1e-3 and abs(lat - plat) < 1e-3, f"{pid}: point differs from Pleiades {m.group(1)}"


def test_one_place_one_feature(places):
    assert "magnesia" not in places and "manisa" in places  # Magnesia on the Hermos is Manisa
    assert "ilkhan-court" not in places  # the court is drawn at the seat of its time


def test_embassy_of_1257_starts_from_hulegus_seat(events):
    ev = _by_id(events, "mongol-embassy-to-theodore-ii-1257")
    assert _place_ids(ev, "origin") == {"maragheh"}
    # Tabriz became the Ilkhans' capital under Abaqa: no event before 1265 starts or happens there
    assert not [e["id"] for e in events if "tabriz" in _place_ids(e) and e["start"] < 1265]


@pytest.mark.parametrize(
    ("eid", "place"),
    [
        ("death-of-berke-1267", "kura-near-tiflis"),
        ("death-of-ghazan-1304", "near-qazvin"),
        ("death-of-michael-viii-1282", "pachomion"),
        ("mongol-invasion-of-rum-1242", "erzurum"),
    ],
)
def test_places_the_texts_leave_out_follow_scholarship(events, places, eid, place):
    assert _place_ids(_by_id(events, eid)) == {place}
    assert "scholarship" in places[place]["properties"]["note"] or places[place]["properties"]["candidates"]


@pytest.mark.parametrize(("pid", "min_km"), [("kose-dag", 100), ("paristrion", 100), ("pachomion", 50)])
def test_disputed_sites_show_their_candidates(places, pid, min_km):
    props = places[pid]["properties"]
    assert props["precision"] == "disputed"
    pts = [(c["lon"], c["lat"]) for c in props["candidates"]]
    assert max(_km(a, b) for a in pts for b in pts) > min_km


def test_ciocaltan_events_are_drawn_as_guesses(events):
    only_ciocaltan = [e for e in events if {c["source"] for c in e["citations"]} == {"ciocaltan-2012-p246"}]
    undated = [e for e in only_ciocaltan if "1267" not in e["date_label"]]
    assert len(undated) >= 5
    for ev in undated:
        assert ev["date_edtf"].startswith("["), ev["id"]  # one year of a set: drawn uncertain
        assert "1264" not in ev["date_label"], ev["id"]  # the page gives no year
        assert "other-text" in ev["date_basis"]["rests_on"], ev["id"]


def test_reliability_rests_on_supporting_quotes(events):
    turned_back = _by_id(events, "michael-viii-turns-back-mamluk-envoys-1263")
    assert turned_back["reliability"] == "medium"
    assert {c["role"] for c in turned_back["citations"] if c["source"] == "ciocaltan-2012-p246"} == {"contradicts"}
    danube = _by_id(events, "frozen-danube-crossing-1263-1264")
    assert danube["reliability"] == "medium"


def test_escape_of_michael_viii_has_both_accounts(events):
    ev = _by_id(events, "michael-viii-escapes-with-italian-merchants-1264")
    sources = {frozenset(c["source"] for c in acc["citations"]) for acc in ev["accounts"]}
    assert sources == {frozenset({"wp-mongol-invasion-of-byzantine-thrace"}), frozenset({"ciocaltan-2012-p246"})}


def test_the_two_treaties_are_linked_as_possible_duplicates(events):
    a, b = _by_id(events, "treaty-with-berke-1264"), _by_id(events, "treaty-with-kipchak-khan-1266")
    assert {"event": b["id"], "relation": "same as?"} in a["related"]
    assert {"event": a["id"], "relation": "same as?"} in b["related"]
    for ev in (a, b):
        assert {acc.get("date_label") for acc in ev["accounts"]} >= {"in 1266"}


def test_berke_is_the_one_who_agreed(events):
    ev = _by_id(events, "kaykaus-to-marry-mongol-woman-1264")
    berke = next(p for p in ev["participants"] if p["name"] == "Berke")
    assert berke["role"] == "agreed"
    assert "Berke ceded Crimea to Kaykaus as appanage and agreed" in ev["citations"][0]["quote"]


def test_marriage_to_uzbek_falls_in_andronikos_iis_reign(events):
    assert _by_id(events, "daughter-of-andronikos-ii-marries-uzbek")["end"] <= 1328


def test_fortresses_of_1243_are_encoded(events):
    ev = _by_id(events, "nicaea-fortifies-1243")
    assert "put its fortresses in order" in ev["citations"][0]["quote"]


def test_events_of_one_start_year_have_a_story_order(events):
    by_year: dict[int, list[dict]] = {}
    for ev in events:
        by_year.setdefault(ev["start"], []).append(ev)
    for year, evs in by_year.items():
        if len(evs) > 1:
            seqs = [ev.get("sequence") for ev in evs]
            assert None not in seqs, f"{year}: {[ev['id'] for ev in evs if 'sequence' not in ev]} have no sequence"
            assert len(set(seqs)) == len(seqs), f"{year}: two events share a sequence"


def test_every_disagreement_names_its_question(events):
    for ev in events:
        if ev.get("accounts"):
            assert ev.get("question", "").endswith("?"), ev["id"]


def test_the_invasion_is_linked_to_every_event_that_holds_one_of_its_disagreements(events):
    """The 1263/64 invasion's questions are spread over several events: each is related to it, either way."""
    invasion = "mongol-invasion-of-byzantine-thrace-1263-1264"
    linked = {r["event"] for r in _by_id(events, invasion).get("related", [])}
    linked |= {ev["id"] for ev in events if any(r["event"] == invasion for r in ev.get("related", []))}
    for eid in (
        "frozen-danube-crossing-1263-1264",  # how many, whose army
        "horde-army-leaves-constantinople-1264",  # how it ended
        "michael-viii-escapes-with-italian-merchants-1264",  # where the emperor was
        "treaty-with-berke-1264",  # when the treaty was made
        "michael-viii-turns-back-mamluk-envoys-1263",  # the envoys: sent back or held
        "golden-horde-bulgarian-alliance-1263",  # who enlisted whom
        "kaykaus-turns-to-golden-horde",  # Kaykaus' tie to the Horde
    ):
        assert eid in linked, eid
        assert _by_id(events, eid).get("accounts"), eid
