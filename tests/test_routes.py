"""Movements that share a route are drawn apart, with labels halfway (geo/routes.py), on the real data too."""

from __future__ import annotations

import pytest

from geo.atlas import load_atlas
from geo.bundle import build_bundle
from geo.routes import bent, midpoint, route_lanes
from tests.conftest import ROOT

ROUTE = [[28.97, 41.01], [47.4, 47.1]]


def _line(eid: str, start: int, end: int, coords=ROUTE) -> dict:
    return {
        "id": eid,
        "geometry": {"type": "LineString", "coordinates": coords},
        "properties": {"start": start, "end": end},
    }


def test_movements_of_overlapping_years_on_one_route_take_different_lanes():
    lanes = route_lanes(
        [
            _line("envoy", 1264, 1265),
            _line("tribute", 1264, 1265),
            _line("mission", 1264, 1265),
            _line("toqta", 1291, 1312),
            _line("uzbek", 1312, 1328),
            _line("elsewhere", 1264, 1264, [[0, 0], [1, 1]]),
        ]
    )
    assert lanes == {"envoy": 0, "mission": 1, "tribute": 2, "toqta": 0, "uzbek": 1}


def test_a_bent_line_keeps_its_ends_and_bows_to_alternate_sides():
    assert bent(ROUTE, 0) == ROUTE
    one, two = bent(ROUTE, 1), bent(ROUTE, 2)
    for line in (one, two):
        assert line[0] == pytest.approx(ROUTE[0]) and line[-1] == pytest.approx(ROUTE[-1])
    straight_mid = midpoint(ROUTE)
    # lane 1 bows left of the direction of travel (north-west here), lane 2 right
    assert midpoint(one)[1] > straight_mid[1] and midpoint(two)[1] < straight_mid[1]


def test_on_the_real_map_no_two_movements_shown_in_one_year_coincide_and_marriages_are_labelled():
    atlas = load_atlas(ROOT / "data")
    bundle = build_bundle(atlas.polities, atlas.events, atlas.places, atlas.sources)
    lines = [e for e in bundle["events"] if e["shape"] == "LineString"]
    for year in range(1240, 1346):
        shown = [repr(e["coords"]) for e in lines if e["start"] <= year <= e["end"]]
        assert len(shown) == len(set(shown)), year
    labels = {e["id"]: e.get("label_html") for e in lines if e["id"].startswith(("maria-marries", "euphrosyne"))}
    assert labels == {"maria-marries-abaqa": "Maria → Abaqa", "euphrosyne-marries-nogai": "Euphrosyne → Nogai"}
