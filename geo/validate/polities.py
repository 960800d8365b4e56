"""``polities.geojson``: years, geometry, capital and overlord references, no sovereign overlap in a year."""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from dataclasses import replace
from typing import Any

import shapely
from shapely.geometry import shape

from geo.sources import SeedText
from geo.validate.dates import date_problems
from geo.validate.features import iter_features
from geo.validate.files import LoadedFile
from geo.validate.geometry import geometry_problems
from geo.validate.problems import Problem, rule
from geo.validate.sources import citation_problems

#: Two sovereign polities may overlap in a year by at most this area (square degrees):
#: slivers along hand-drawn borders are tolerated, a double-counted province is not.
OVERLAP_TOLERANCE_DEG2 = 0.05

UNKNOWN_CAPITAL = rule("unknown-capital", "a polity's capital is not a place of places.geojson", drops_feature=False)
UNKNOWN_OVERLORD = rule(
    "unknown-overlord", "a polity's overlord is not a polity of polities.geojson", drops_feature=False
)
SOVEREIGN_OVERLAP = rule(
    "sovereign-overlap", "two sovereign polities claim the same land in the same year", drops_feature=False
)


def polity_ids(doc: Any) -> set[str]:
    """Every ``properties.polity`` id used in a polities FeatureCollection."""
    return {props["polity"] for _, _, props in iter_features(doc) if isinstance(props.get("polity"), str)}


def polity_years(doc: Any) -> dict[str, list[tuple[int, int]]]:
    """The years each polity is drawn: ``{polity id: [(start, end), ...]}`` from its shapes."""
    years: dict[str, list[tuple[int, int]]] = {}
    for _, _, props in iter_features(doc):
        pol, start, end = props.get("polity"), props.get("start"), props.get("end")
        if isinstance(pol, str) and isinstance(start, int) and isinstance(end, int):
            years.setdefault(pol, []).append((start, end))
    return years


def check_polities(loaded: LoadedFile, seeds: dict[str, SeedText], places: dict[str, dict]) -> list[Problem]:
    """Years, geometry, citations, capital and overlord of every shape, then overlaps of sovereign shapes.

    A border is checked once however many periods share it (113 distinct borders in 132 periods here;
    the 100x benchmark data splits each period in a hundred).
    """
    name = loaded.name
    problems: list[Problem] = []
    known = polity_ids(loaded.doc)
    borders: dict[str, tuple[list[Problem], Any]] = {}  # geometry as JSON -> its problems, its shape
    sovereign: list[_Claim] = []
    for feat, label, props in iter_features(loaded.doc):
        problems += date_problems(name, label, props, "start_edtf", required=False)
        problems += date_problems(name, label, props, "end_edtf", required=False)
        key = json.dumps(feat.get("geometry"), separators=(",", ":"))
        if key not in borders:
            borders[key] = _border(name, label, feat.get("geometry"))
        first_problems, border = borders[key]
        geom_problems = [replace(p, feature=label) for p in first_problems]
        problems += geom_problems
        problems += citation_problems(name, label, "properties.citations", props.get("citations"), seeds)
        cap = props.get("capital")
        if cap is not None and (not isinstance(cap, str) or cap not in places):
            message = f"unknown place {cap!r} (expected an id from places.geojson)"
            problems.append(UNKNOWN_CAPITAL(name, label, "properties.capital", message))
        over = props.get("overlord")
        if over is not None and (not isinstance(over, str) or over not in known):
            message = f"unknown polity {over!r} (expected a polity id used in this file)"
            problems.append(UNKNOWN_OVERLORD(name, label, "properties.overlord", message))
        if (
            props.get("status") == "sovereign"
            and border is not None
            and isinstance(props.get("start"), int)
            and isinstance(props.get("end"), int)
        ):
            sovereign.append((label, props["start"], props["end"], key))
    return problems + _overlap_problems(name, sovereign, {k: b for k, (_, b) in borders.items() if b is not None})


#: A sovereign shape in time: its label, start and end years, and the key of its border.
_Claim = tuple[str, int, int, str]


def _border(name: str, label: str, geometry: Any) -> tuple[list[Problem], Any]:
    """The geometry's problems (reported under ``label``) and its shape, or None when it has problems."""
    found = geometry_problems(name, label, geometry)
    if found or not isinstance(geometry, dict):
        return found, None
    try:
        return found, shape(geometry)
    except Exception:  # a geometry the schema rejects; already reported there
        return found, None


def _overlap_problems(name: str, sovereign: list[_Claim], borders: dict[str, Any]) -> list[Problem]:
    """Sovereign shapes whose borders intersect by more than the tolerance in a year both are drawn."""
    if not sovereign:
        return []
    keys = sorted({claim[3] for claim in sovereign})
    index = {k: i for i, k in enumerate(keys)}
    shapes = [borders[k] for k in keys]
    periods: list[list[int]] = [[] for _ in keys]  # claims of each border, by start year
    for ci in sorted(range(len(sovereign)), key=lambda ci: sovereign[ci][1]):
        periods[index[sovereign[ci][3]]].append(ci)
    starts = [[sovereign[ci][1] for ci in members] for members in periods]
    longest = [max(sovereign[ci][2] - sovereign[ci][1] for ci in members) for members in periods]
    found: list[tuple[int, int, Problem]] = []
    left, right = shapely.STRtree(shapes).query(shapes, predicate="intersects")
    for gi, gj in zip(left.tolist(), right.tolist(), strict=True):
        if gi > gj:
            continue
        area: float | None = None
        for ci in periods[gi]:
            _, a_start, a_end, _ = sovereign[ci]
            # the claims on border gj that can share a year with ci: started at most `longest` years before it
            lo_i = bisect_left(starts[gj], a_start - longest[gj])
            for cj in periods[gj][lo_i : bisect_right(starts[gj], a_end)]:
                if (gi == gj and cj <= ci) or sovereign[cj][2] < a_start:
                    continue
                area = shapes[gi].intersection(shapes[gj]).area if area is None else area
                if area > OVERLAP_TOLERANCE_DEG2:
                    i, j = min(ci, cj), max(ci, cj)  # named in file order, as before
                    found.append((i, j, _overlap(name, sovereign[i], sovereign[j], area)))
    return [p for _, _, p in sorted(found, key=lambda t: (t[0], t[1]))]


def _overlap(name: str, a: _Claim, b: _Claim, area: float) -> Problem:
    lo, hi = max(a[1], b[1]), min(a[2], b[2])
    message = (
        f"overlaps sovereign polity {b[0]!r} by {area:.3f} square degrees in "
        f"{lo}–{hi} (expected at most {OVERLAP_TOLERANCE_DEG2}; make one a vassal "
        "or fix the border)"
    )
    return SOVEREIGN_OVERLAP(name, a[0], "geometry", message)
