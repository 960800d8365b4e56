"""Facts of data/polities.geojson a reader sees: who holds a place in a year, one shape per polity and year.

Schema, ring winding, EDTF years, quotes and sovereign overlaps are the validator's rules
(tests/test_validate.py proves each with a hostile fixture; the real data passes them there).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Point, shape

from geo.validate import geometry_problems

ROOT = Path(__file__).resolve().parents[1]
BUFFER = 0.05  # deg; Constantinople's point lies ~0.01° off the 50m coast


def _load(name: str) -> dict:
    return json.loads((ROOT / "data" / name).read_text(encoding="utf-8"))


FULL = _load("polities.geojson")
FEATURES = FULL["features"]
GEOMS = {f["id"]: shape(f["geometry"]) for f in FEATURES}


def _drawn(year: int) -> list[dict]:
    return [f for f in FEATURES if f["properties"]["start"] <= year <= f["properties"]["end"]]


# (place, lon, lat, year, expected polity, expected status or None)
HOLDERS = [
    ("Constantinople", 28.98, 41.01, 1250, "latin-empire", None),
    ("Constantinople", 28.98, 41.01, 1265, "byzantium", None),
    ("Nicaea", 29.72, 40.43, 1250, "byzantium", None),
    ("Nicaea", 29.72, 40.43, 1335, "ottomans", None),
    ("Thessalonica", 22.94, 40.64, 1244, "thessalonica", "vassal"),
    ("Thessalonica", 22.94, 40.64, 1250, "byzantium", None),
    ("Tirnovo", 25.63, 43.08, 1278, "bulgaria", None),
    ("Sarai", 47.03, 46.58, 1270, "golden-horde", None),
    ("Tabriz", 46.29, 38.08, 1270, "ilkhanate", None),
    ("Konya", 32.48, 37.87, 1250, "rum", None),
    ("Konya", 32.48, 37.87, 1270, "rum", "vassal"),
    ("Cairo", 31.24, 30.04, 1270, "mamluks", None),
    ("Acre", 35.07, 32.92, 1285, "crusader-states", None),
    ("Acre", 35.07, 32.92, 1295, "mamluks", None),
    ("Bursa", 29.06, 40.19, 1330, "ottomans", None),
    ("Bursa", 29.06, 40.19, 1320, "byzantium", None),
    ("Nicomedia", 29.92, 40.77, 1335, "byzantium", None),
    ("Nicomedia", 29.92, 40.77, 1340, "ottomans", None),
    ("Trebizond", 39.72, 41.0, 1260, "trebizond", "vassal"),
    ("Sivas", 37.02, 39.75, 1259, "rum-east", None),
    ("Antalya", 30.7, 36.9, 1259, "rum-west", None),
    ("Karakorum", 102.83, 47.2, 1250, "mongol-empire", None),
    ("Baghdad", 44.37, 33.31, 1250, "abbasids", None),
    ("Baghdad", 44.37, 33.31, 1270, "ilkhanate", None),
    ("Damascus", 36.29, 33.51, 1255, "ayyubids", None),
    ("Damascus", 36.29, 33.51, 1270, "mamluks", None),
    ("Nicosia", 33.36, 35.17, 1300, "cyprus", None),
    ("Caffa", 35.38, 45.03, 1300, "genoa", None),
    ("Arta", 20.99, 39.16, 1280, "epirus", None),
]


@pytest.mark.parametrize("place,lon,lat,year,polity,status", HOLDERS, ids=[f"{h[0]}-{h[3]}" for h in HOLDERS])
def test_place_is_held_by(place: str, lon: float, lat: float, year: int, polity: str, status: str | None) -> None:
    probe = Point(lon, lat).buffer(BUFFER)
    holders = [f for f in _drawn(year) if GEOMS[f["id"]].intersects(probe)]
    ids = [f["properties"]["polity"] for f in holders]
    assert polity in ids, f"{place} {year}: expected {polity}, found {ids}"
    if status:
        hit = next(f for f in holders if f["properties"]["polity"] == polity)
        assert hit["properties"]["status"] == status


def test_ids_name_the_polity_and_its_years() -> None:
    # a shared link names a polity shape by this id; the validator checks it is unique and matches properties.id
    for f in FEATURES:
        p = f["properties"]
        assert f["id"] == f"{p['polity']}-{p['start']}-{p['end']}"


def test_an_overlord_exactly_for_vassals_and_tributaries() -> None:
    for f in FEATURES:
        p = f["properties"]
        assert (p["overlord"] is None) == (p["status"] in {"sovereign", "contested"}), p["id"]


def test_every_shape_names_its_capital_and_where_its_border_comes_from() -> None:
    for f in FEATURES:
        p = f["properties"]
        assert p["capital"] and p["border_note"], p["id"]


def test_one_shape_per_polity_per_year() -> None:
    by_polity: dict[str, list[dict]] = {}
    for f in FEATURES:
        by_polity.setdefault(f["properties"]["polity"], []).append(f["properties"])
    for polity, props in by_polity.items():
        props.sort(key=lambda p: p["start"])
        for a, b in zip(props, props[1:], strict=False):
            assert a["end"] < b["start"], f"{polity}: {a['id']} overlaps {b['id']} in time"


def test_stable_colour_per_polity() -> None:
    colours: dict[str, set[str]] = {}
    for f in FEATURES:
        colours.setdefault(f["properties"]["polity"], set()).add(f["properties"]["color"])
    assert all(len(c) == 1 for c in colours.values()), colours


def test_display_shapes_pass_the_validators_geometry_rules() -> None:
    """The simplified file sent to the browser is not validated on load: hold it to the same rules here."""
    display = _load("polities.display.geojson")
    assert "crs" not in display
    for f in display["features"]:
        assert f["geometry"]["type"] in {"Polygon", "MultiPolygon"}, f["id"]
        assert geometry_problems("polities.display.geojson", f["id"], f["geometry"]) == []


def test_display_borders_stay_shared() -> None:
    """The simplified shapes sent to the browser neither overlap nor drift apart in any year."""
    full = _load("polities.geojson")["features"]
    display = _load("polities.display.geojson")["features"]
    assert [f["id"] for f in display] == [f["id"] for f in full]
    geoms = [shape(f["geometry"]) for f in display]
    assert all(g.is_valid and not g.is_empty for g in geoms)
    for year in (1243, 1250, 1262, 1280, 1300, 1330, 1340):
        active = [
            g for f, g in zip(display, geoms, strict=True) if f["properties"]["start"] <= year <= f["properties"]["end"]
        ]
        overlap = sum(g.area for g in active) - shapely.union_all(active).area
        assert overlap < 0.01, f"display shapes overlap by {overlap:.3f} deg² in {year}"
