"""``polities.geojson``: years, geometry, capital and overlord references, no sovereign overlap in a year."""

from __future__ import annotations

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
    """Years, geometry, citations, capital and overlord of every shape, then overlaps of sovereign shapes."""
    name = loaded.name
    problems: list[Problem] = []
    known = polity_ids(loaded.doc)
    sovereign: list[tuple[str, int, int, Any]] = []
    for feat, label, props in iter_features(loaded.doc):
        problems += date_problems(name, label, props, "start_edtf", required=False)
        problems += date_problems(name, label, props, "end_edtf", required=False)
        geom_problems = geometry_problems(name, label, feat.get("geometry"))
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
            and not geom_problems
            and isinstance(props.get("start"), int)
            and isinstance(props.get("end"), int)
        ):
            try:
                sovereign.append((label, props["start"], props["end"], shape(feat["geometry"])))
            except Exception:  # a geometry the schema rejects; already reported there
                pass
    return problems + _overlap_problems(name, sovereign)


def _overlap_problems(name: str, sovereign: list[tuple[str, int, int, Any]]) -> list[Problem]:
    problems: list[Problem] = []
    if not sovereign:
        return problems
    geoms = [g for *_, g in sovereign]
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    for i, j in zip(left.tolist(), right.tolist(), strict=True):
        if i >= j:
            continue
        a, b = sovereign[i], sovereign[j]
        lo, hi = max(a[1], b[1]), min(a[2], b[2])
        if lo > hi:
            continue
        area = a[3].intersection(b[3]).area
        if area > OVERLAP_TOLERANCE_DEG2:
            message = (
                f"overlaps sovereign polity {b[0]!r} by {area:.3f} square degrees in "
                f"{lo}–{hi} (expected at most {OVERLAP_TOLERANCE_DEG2}; make one a vassal "
                "or fix the border)"
            )
            problems.append(SOVEREIGN_OVERLAP(name, a[0], "geometry", message))
    return problems
