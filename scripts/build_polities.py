"""Build ``data/polities.geojson`` and ``data/polities.display.geojson`` from the polity
source files in ``scripts/polity_sources/`` (how to edit them: the README.md there).

Run from the repository root (after ``scripts/build_basemap.py``)::

    .venv/bin/python scripts/build_polities.py

Steps: read and check the source files (every problem is listed, naming file, entry and field);
check every quote against the seed texts and every capital against the gazetteer; clip every
border to the land of ``data/basemap/land.geojson`` (so seas and straits read as water); split
time at every change of any polity; in each span subtract from each border the higher-ranked
polities visible in it (so no two polities overlap, vassals included); union each polity's
borders; merge consecutive spans whose shape and properties agree; orient exterior rings
counter-clockwise; write the full file and a simplified display file; print sizes and the
per-year payload (bytes of GeoJSON for all polities drawn in one year).
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.polygon import orient

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from polity_sources.reader import Border, PolitySourceError, PolitySources, read_sources  # noqa: E402

from geo.sources import load_seed  # noqa: E402
from geo.timemodel import YEAR_MAX, YEAR_MIN  # noqa: E402

FULL_PRECISION = 1e-4
DISPLAY_TOLERANCE = 0.1  # coverage_simplify tolerance (degrees)
DISPLAY_PRECISION = 1e-3
MIN_PART_AREA = 1e-4  # deg²; drops slivers left by subtraction, keeps the Pera box


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


def _borders(sources: PolitySources) -> list[Border]:
    """Every border of every polity, highest-ranked polity first, each polity's in file order."""
    return [b for polity in sources.polities.values() for b in polity.borders]


def _rank(border: Border, ranking: list[str]) -> int:
    """The lower value keeps contested land: the polity's place in ranking.toml, ``on_top`` borders first."""
    return ranking.index(border.polity) - (len(ranking) if border.on_top else 0)


def _border_geoms(sources: PolitySources, borders: list[Border], land: shapely.Geometry) -> list[shapely.Geometry]:
    def region(name: str) -> shapely.Geometry:
        return shapely.make_valid(shapely.union_all([Polygon(r) for r in sources.regions[name]]))

    geoms = []
    for border in borders:
        g = shapely.union_all([region(r) for r in border.regions])
        if border.clip:
            g = g.intersection(region(border.clip))
        if border.minus:
            g = g.difference(region(border.minus))
        geoms.append(shapely.make_valid(g.intersection(land)))
    return geoms


def _breakpoints(sources: PolitySources) -> list[int]:
    years = {YEAR_MIN, YEAR_MAX + 1}
    for polity in sources.polities.values():
        for span in (*polity.borders, *polity.periods):
            years |= {span.start, span.end + 1}
    return sorted(y for y in years if YEAR_MIN <= y <= YEAR_MAX + 1)


def _snapshot(
    sources: PolitySources, year: int, visible: list[int], borders: list[Border], geoms: list[shapely.Geometry]
) -> dict[str, dict]:
    """Every polity's shape and properties in one span starting at ``year``."""
    ranking = sources.ranking
    visible = sorted(visible, key=lambda i: _rank(borders[i], ranking))
    out: dict[str, dict] = {}
    for pos, i in enumerate(visible):
        border = borders[i]
        higher = [geoms[j] for j in visible[:pos] if borders[j].polity != border.polity]
        g = geoms[i].difference(shapely.union_all(higher)) if higher else geoms[i]
        rec = out.setdefault(border.polity, {"parts": [], "borders": []})
        rec["parts"].append(g)
        rec["borders"].append(border)
    for pid, rec in out.items():
        polity = sources.polities[pid]
        period = polity.period_in(year)
        if period is None:  # read_sources refuses this; kept so a bypassed check cannot build a nameless shape
            raise ValueError(f"{pid}: no period for {year}")
        rec["geometry"] = _polygonal(shapely.make_valid(shapely.union_all(rec.pop("parts"))))
        here: list[Border] = rec.pop("borders")
        citations = list(polity.citations)
        for c in (c for border in here for c in border.citations):
            if c not in citations:
                citations.append(c)
        rec["props"] = {
            "name": period.name,
            "status": period.status,
            "overlord": period.overlord,
            "capital": period.capital,
            "border_precision": max(b.border_precision for b in here),
            "border_note": "; ".join(dict.fromkeys(b.border_note for b in here)),
            "citations": citations,
        }
    return out


def _same(a: dict, b: dict) -> bool:
    if a["props"] != b["props"]:
        return False
    ga, gb = a["geometry"], b["geometry"]
    return ga.symmetric_difference(gb).area < 1e-9


def _edtf_for(sources: PolitySources, pid: str, year: int, which: str) -> str | None:
    """The EDTF of a border of ``pid`` that starts (or ends) in ``year``, if it has one."""
    for border in sources.polities[pid].borders:
        edtf = border.start_edtf if which == "start" else border.end_edtf
        if edtf and (border.start if which == "start" else border.end) == year:
            return edtf
    return None


def build_features(sources: PolitySources) -> list[dict]:
    """Derive the polity features: one per polity per span of stable shape and properties."""
    borders = _borders(sources)
    geoms = _border_geoms(sources, borders, _land())
    bps = _breakpoints(sources)
    runs: dict[str, list[dict]] = {}
    for a, b in zip(bps, bps[1:], strict=False):
        visible = [i for i, border in enumerate(borders) if border.start <= a <= border.end]
        for pid, rec in _snapshot(sources, a, visible, borders, geoms).items():
            if rec["geometry"].is_empty:
                continue
            rec["start"], rec["end"] = a, b - 1
            prev = runs.setdefault(pid, [])
            if prev and prev[-1]["end"] == a - 1 and _same(prev[-1], rec):
                prev[-1]["end"] = b - 1
            else:
                prev.append(rec)

    features = []
    for pid in sorted(runs, key=sources.ranking.index):
        polity = sources.polities[pid]
        for rec in runs[pid]:
            fid = f"{pid}-{rec['start']}-{rec['end']}"
            geom = _polygonal(shapely.make_valid(shapely.set_precision(rec["geometry"], FULL_PRECISION)))
            props = {
                "id": fid,
                "polity": pid,
                "name": rec["props"]["name"],
                "names_in_texts": list(polity.names_in_texts),
                "start": rec["start"],
                "end": rec["end"],
                "start_edtf": _edtf_for(sources, pid, rec["start"], "start"),
                "end_edtf": _edtf_for(sources, pid, rec["end"], "end"),
                "status": rec["props"]["status"],
                "overlord": rec["props"]["overlord"],
                "border_precision": rec["props"]["border_precision"],
                "color": polity.color,
                "capital": rec["props"]["capital"],
                "citations": rec["props"]["citations"],
                "border_note": rec["props"]["border_note"],
            }
            features.append({"type": "Feature", "id": fid, "properties": props, "geometry": geom})
    return features


def check_against_data(sources: PolitySources, data_dir: Path = ROOT / "data") -> list[str]:
    """Problems between the sources and the atlas's data: quotes not verbatim in their seed, unknown
    source ids and capitals that are not places of the gazetteer (each naming file and entry)."""
    catalogue = json.loads((data_dir / "sources.json").read_text(encoding="utf-8"))["sources"]
    seeds = {s["id"]: load_seed(s["id"], ROOT / s["file"]) for s in catalogue}
    places = json.loads((data_dir / "places.geojson").read_text(encoding="utf-8"))["features"]
    place_ids = {f["properties"]["id"] for f in places}
    problems = []
    for polity in sources.polities.values():
        file = polity.path.relative_to(ROOT) if polity.path.is_relative_to(ROOT) else polity.path
        cited = [(f"{file}, citation #{n}", c) for n, c in enumerate(polity.citations, 1)]
        for b, border in enumerate(polity.borders, 1):
            cited += [(f"{file}, border #{b}, citation #{n}", c) for n, c in enumerate(border.citations, 1)]
        for where, c in cited:
            if c["source"] not in seeds:
                problems.append(f"{where}: field 'source': {c['source']!r} is not an id of data/sources.json")
            elif not seeds[c["source"]].contains(c["quote"]):
                problems.append(
                    f"{where}: field 'quote': not verbatim in {seeds[c['source']].path.name}: {c['quote']!r}"
                )
        for n, period in enumerate(polity.periods, 1):
            if period.capital not in place_ids:
                problems.append(f"{file}, period #{n}: field 'capital': {period.capital!r} is not a place id")
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


def dump(features: list[dict]) -> str:
    """The text of a polity file: one compact FeatureCollection line, non-ASCII kept as is."""
    return (
        json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, separators=(",", ":"))
        + "\n"
    )


def feature_collections(features: list[dict]) -> dict[str, list[dict]]:
    """The features of each file under ``data/``: full geometry, and the simplified display geometry."""
    full, display = [], []
    simplified = _display_all([f["geometry"] for f in features])
    for f, simple in zip(features, simplified, strict=True):
        full.append({**f, "geometry": _geojson(f["geometry"], 4)})
        display.append({**f, "geometry": _geojson(simple, 3)})
    return {"polities.geojson": full, "polities.display.geojson": display}


def write(collections: dict[str, list[dict]]) -> None:
    """Write each file under ``data/`` and print its size and per-year payloads."""
    for name, feats in collections.items():
        path = ROOT / "data" / name
        path.write_text(dump(feats), encoding="utf-8")
        sizes = [
            len(dump([f for f in feats if f["properties"]["start"] <= y <= f["properties"]["end"]]).encode())
            for y in range(YEAR_MIN, YEAR_MAX + 1)
        ]
        print(
            f"data/{name}: {path.stat().st_size / 1024:.0f} KB, {len(feats)} features; per-year "
            f"payload KB min {min(sizes) / 1024:.0f} / median {statistics.median(sizes) / 1024:.0f}"
            f" / max {max(sizes) / 1024:.0f}"
        )


def main() -> None:
    """Read and check the sources, then build and write both polity files."""
    try:
        sources = read_sources()
    except PolitySourceError as exc:
        sys.exit(str(exc))
    problems = check_against_data(sources)
    if problems:
        sys.exit("the polity sources disagree with data/:\n  " + "\n  ".join(problems))
    write(feature_collections(build_features(sources)))


if __name__ == "__main__":
    main()
