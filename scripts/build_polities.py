"""Build ``data/polities.geojson`` and ``data/polities.display.geojson`` from the hand-authored
sources in ``scripts/polity_sources/polities.py``.

Run from the repository root (after ``scripts/build_basemap.py``)::

    .venv/bin/python scripts/build_polities.py

Steps: clip every component to the land of ``data/basemap/land.geojson`` (so seas and
straits read as water); split time at every change of any polity; in each span subtract from
each component the higher-ranked polities visible in it (so no two polities overlap, vassals
included); union each polity's components; merge consecutive spans whose shape and
properties agree; orient exterior rings counter-clockwise; verify every quote against the
seed texts; write the full file and a simplified display file; print sizes and the per-year
payload (bytes of GeoJSON for all polities drawn in one year).
"""

from __future__ import annotations

import json
import re
import statistics
import sys
from pathlib import Path

import shapely
from edtf import parse_edtf
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.polygon import orient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from polity_sources.polities import COMPONENTS, POLITIES, PRIORITY, REGIONS  # noqa: E402

FIRST_YEAR, LAST_YEAR = 1240, 1345
FULL_PRECISION = 1e-4
DISPLAY_TOLERANCE = 0.1  # coverage_simplify tolerance (degrees)
DISPLAY_PRECISION = 1e-3
MIN_PART_AREA = 1e-4  # deg²; drops slivers left by subtraction, keeps the Pera box


def _region(name: str) -> shapely.Geometry:
    return shapely.make_valid(shapely.union_all([Polygon(r) for r in REGIONS[name]]))


def _land() -> shapely.Geometry:
    fc = json.loads((ROOT / "data/basemap/land.geojson").read_text(encoding="utf-8"))
    land = shapely.union_all([shape(f["geometry"]) for f in fc["features"]])
    shapely.prepare(land)
    return land


def _polygonal(geom: shapely.Geometry, min_area: float = MIN_PART_AREA) -> shapely.Geometry:
    """Keep only the polygon parts (bigger than min_area) of a geometry, as a MultiPolygon."""
    parts: list[Polygon] = []
    stack = [geom]
    while stack:
        g = stack.pop()
        if g.is_empty:
            continue
        if isinstance(g, Polygon):
            if g.area >= min_area:
                parts.append(orient(g, 1.0))
        elif hasattr(g, "geoms"):
            stack.extend(g.geoms)
    return MultiPolygon(parts) if parts else MultiPolygon()


def _at(timeline: list[tuple], year: int) -> tuple | None:
    for entry in timeline:
        if entry[0] <= year <= entry[1]:
            return entry
    return None


def _strict_years(edtf: str) -> tuple[int, int]:
    parsed = parse_edtf(edtf)
    return parsed.lower_strict().tm_year, parsed.upper_strict().tm_year


def _rank(comp: dict) -> int:
    return comp.get("priority", 10 + PRIORITY.index(comp["polity"]))


def _component_geoms(land: shapely.Geometry) -> list[shapely.Geometry]:
    geoms = []
    for comp in COMPONENTS:
        g = shapely.union_all([_region(r) for r in comp["regions"]])
        if "clip" in comp:
            g = g.intersection(_region(comp["clip"]))
        if "minus" in comp:
            g = g.difference(_region(comp["minus"]))
        geoms.append(shapely.make_valid(g.intersection(land)))
    return geoms


def _breakpoints() -> list[int]:
    years = {FIRST_YEAR, LAST_YEAR + 1}
    for comp in COMPONENTS:
        years |= {comp["start"], comp["end"] + 1}
    for pol in POLITIES.values():
        for key in ("names", "capitals", "status"):
            for entry in pol[key]:
                years |= {entry[0], entry[1] + 1}
    return sorted(y for y in years if FIRST_YEAR <= y <= LAST_YEAR + 1)


def _snapshot(year: int, comps: list[int], geoms: list[shapely.Geometry]) -> dict[str, dict]:
    """Every polity's shape and properties in one span starting at ``year``."""
    visible = sorted(comps, key=lambda i: _rank(COMPONENTS[i]))
    out: dict[str, dict] = {}
    for pos, i in enumerate(visible):
        comp = COMPONENTS[i]
        higher = [geoms[j] for j in visible[:pos] if COMPONENTS[j]["polity"] != comp["polity"]]
        g = geoms[i].difference(shapely.union_all(higher)) if higher else geoms[i]
        rec = out.setdefault(comp["polity"], {"parts": [], "comps": []})
        rec["parts"].append(g)
        rec["comps"].append(i)
    for polity, rec in out.items():
        pol = POLITIES[polity]
        status = _at(pol["status"], year)
        name = _at(pol["names"], year)
        capital = _at(pol["capitals"], year)
        if not (status and name and capital):
            raise ValueError(f"{polity}: no status/name/capital for {year}")
        rec["geometry"] = _polygonal(shapely.make_valid(shapely.union_all(rec.pop("parts"))))
        comps_here = [COMPONENTS[i] for i in rec["comps"]]
        notes = list(dict.fromkeys(c["note"] for c in comps_here))
        citations = list(pol["citations"])
        for c in comps_here:
            for cit in c.get("citations", []):
                if cit not in citations:
                    citations.append(cit)
        rec["props"] = {
            "name": name[2],
            "status": status[2],
            "overlord": status[3],
            "capital": capital[2],
            "border_precision": max(c["precision"] for c in comps_here),
            "border_note": "; ".join(notes),
            "citations": citations,
        }
    return out


def _same(a: dict, b: dict) -> bool:
    if a["props"] != b["props"]:
        return False
    ga, gb = a["geometry"], b["geometry"]
    return ga.symmetric_difference(gb).area < 1e-9


def _edtf_for(polity: str, year: int, which: str) -> str | None:
    for comp in COMPONENTS:
        edtf = comp.get(f"{which}_edtf")
        if comp["polity"] != polity or not edtf or comp[which] != year:
            continue
        lo, hi = _strict_years(edtf)
        if (lo if which == "start" else hi) == year:
            return edtf
    return None


def build_features() -> list[dict]:
    """Derive the polity features: one per polity per span of stable shape and properties."""
    land = _land()
    geoms = _component_geoms(land)
    bps = _breakpoints()
    runs: dict[str, list[dict]] = {}
    for a, b in zip(bps, bps[1:], strict=False):
        comps = [i for i, c in enumerate(COMPONENTS) if c["start"] <= a <= c["end"]]
        for polity, rec in _snapshot(a, comps, geoms).items():
            if rec["geometry"].is_empty:
                continue
            rec["start"], rec["end"] = a, b - 1
            prev = runs.setdefault(polity, [])
            if prev and prev[-1]["end"] == a - 1 and _same(prev[-1], rec):
                prev[-1]["end"] = b - 1
            else:
                prev.append(rec)

    features = []
    for polity in sorted(runs, key=PRIORITY.index):
        pol = POLITIES[polity]
        for rec in runs[polity]:
            fid = f"{polity}-{rec['start']}-{rec['end']}"
            geom = _polygonal(shapely.make_valid(shapely.set_precision(rec["geometry"], FULL_PRECISION)))
            props = {
                "id": fid,
                "polity": polity,
                "name": rec["props"]["name"],
                "names_in_texts": pol["names_in_texts"],
                "start": rec["start"],
                "end": rec["end"],
                "start_edtf": _edtf_for(polity, rec["start"], "start"),
                "end_edtf": _edtf_for(polity, rec["end"], "end"),
                "status": rec["props"]["status"],
                "overlord": rec["props"]["overlord"],
                "border_precision": rec["props"]["border_precision"],
                "color": pol["color"],
                "capital": rec["props"]["capital"],
                "citations": rec["props"]["citations"],
                "border_note": rec["props"]["border_note"],
            }
            features.append({"type": "Feature", "id": fid, "properties": props, "geometry": geom})
    return features


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def check_quotes(features: list[dict]) -> list[str]:
    """Every citation quote must be a verbatim span of its seed file (whitespace collapsed)."""
    sources = json.loads((ROOT / "data/sources.json").read_text(encoding="utf-8"))["sources"]
    seeds = {}
    for s in sources:
        raw = (ROOT / s["file"]).read_text(encoding="utf-8")
        seeds[s["id"]] = (_normalise(raw), _normalise(re.sub(r"-\n", "", raw)))
    problems = []
    for f in features:
        for c in f["properties"]["citations"]:
            quote = _normalise(c["quote"])
            if c["source"] not in seeds:
                problems.append(f"{f['id']}: unknown source {c['source']!r}")
            elif not any(quote in text for text in seeds[c["source"]]):
                problems.append(f"{f['id']}: quote not in {c['source']}: {c['quote']!r}")
    return problems


def _round_coords(obj, ndigits: int):
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [round(v, ndigits) for v in obj]
        return [_round_coords(o, ndigits) for o in obj]
    return obj


def _geojson(geom: shapely.Geometry, ndigits: int) -> dict:
    g = mapping(geom)
    if g["type"] == "MultiPolygon" and len(g["coordinates"]) == 1:
        g = {"type": "Polygon", "coordinates": g["coordinates"][0]}
    return {"type": g["type"], "coordinates": _round_coords(g["coordinates"], ndigits)}


def _display_all(geoms: list[shapely.Geometry]) -> list[shapely.Geometry]:
    """Simplify all shapes together so that a border shared by two polities stays shared.

    The shapes of different periods overlap in space, so they are not a coverage themselves.
    Their boundaries are noded and polygonised into atomic faces, which are a coverage;
    ``shapely.coverage_simplify`` simplifies the faces' edges once, and each shape is rebuilt
    as the union of its faces. Neighbours therefore meet without gaps or slivers in every
    year, and the same edge is simplified the same way in every period.
    """
    lines = shapely.union_all([g.boundary for g in geoms])
    faces = list(shapely.get_parts(shapely.polygonize(shapely.get_parts(lines))))
    tree = shapely.STRtree(geoms)
    face_idx, geom_idx = tree.query([f.point_on_surface() for f in faces], predicate="within")
    owners: dict[int, list[int]] = {}
    for fi, gi in zip(face_idx.tolist(), geom_idx.tolist(), strict=True):
        owners.setdefault(fi, []).append(gi)
    kept = sorted(owners)
    simplified = shapely.coverage_simplify([faces[i] for i in kept], DISPLAY_TOLERANCE)
    per_shape: list[list[shapely.Geometry]] = [[] for _ in geoms]
    for k, fi in enumerate(kept):
        for gi in owners[fi]:
            per_shape[gi].append(simplified[k])
    out = []
    for original, parts in zip(geoms, per_shape, strict=True):
        merged = shapely.coverage_union_all(parts) if parts else original
        merged = shapely.make_valid(shapely.set_precision(merged, DISPLAY_PRECISION))
        small = _polygonal(merged, min_area=5e-4)
        out.append(small if not small.is_empty else _polygonal(merged, min_area=0))
    return out


def _dump(features: list[dict]) -> str:
    return (
        json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, separators=(",", ":"))
        + "\n"
    )


def write(features: list[dict]) -> None:
    """Write the full and the display file and print their sizes and per-year payloads."""
    full, display = [], []
    simplified = _display_all([f["geometry"] for f in features])
    for f, simple in zip(features, simplified, strict=True):
        full.append({**f, "geometry": _geojson(f["geometry"], 4)})
        display.append({**f, "geometry": _geojson(simple, 3)})
    for name, feats in (("polities.geojson", full), ("polities.display.geojson", display)):
        path = ROOT / "data" / name
        path.write_text(_dump(feats), encoding="utf-8")
        sizes = [
            len(_dump([f for f in feats if f["properties"]["start"] <= y <= f["properties"]["end"]]).encode())
            for y in range(FIRST_YEAR, LAST_YEAR + 1)
        ]
        print(
            f"data/{name}: {path.stat().st_size / 1024:.0f} KB, {len(feats)} features; per-year "
            f"payload KB min {min(sizes) / 1024:.0f} / median {statistics.median(sizes) / 1024:.0f}"
            f" / max {max(sizes) / 1024:.0f}"
        )


def main() -> None:
    features = build_features()
    problems = check_quotes(features)
    if problems:
        sys.exit("quotes that are not verbatim:\n  " + "\n  ".join(problems))
    write(features)


if __name__ == "__main__":
    main()
