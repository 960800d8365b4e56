"""Validate everything under ``data/`` and report every problem at once.

Run ``python -m geo.validate`` (``--stats`` for counts, ``--data DIR`` for another folder).
Each problem names the file, the feature id, the field and what was expected, so a
contributor can fix a data file in one pass.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from shapely.geometry import shape

from geo.sources import SeedText, load_seed
from geo.timemodel import DateError, years_of

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
SCHEMA_DIR = DATA_DIR / "schema"

#: Boxes ``(west, south, east, north)`` whose union is the atlas region. The main box starts at
#: 29°N so that a Balkan or Anatolian point with latitude and longitude swapped (Constantinople
#: at 41°E 29°N, Thessalonica at 41°E 23°N) falls outside it; the eastern corridor reaches
#: Karakorum. Cairo (30.0°N) and Alexandria (31.2°N) lie inside.
ATLAS_REGION: tuple[tuple[float, float, float, float], ...] = (
    (-10.0, 29.0, 62.0, 62.0),
    (62.0, 33.0, 112.0, 56.0),
)

#: Two sovereign polities may overlap in a year by at most this area (square degrees):
#: slivers along hand-drawn borders are tolerated, a double-counted province is not.
OVERLAP_TOLERANCE_DEG2 = 0.05

#: An event's point must lie this close (degrees) to the gazetteer point it references.
PLACE_MATCH_TOLERANCE = 0.001

#: Polygons (polity extents) may reach beyond the point region: Egypt to Aswan, the Ilkhanate to
#: the Gulf, the Mongol homeland into China. They must still lie in this box.
POLYGON_REGION: tuple[tuple[float, float, float, float], ...] = ((-20.0, 10.0, 135.0, 72.0),)

#: Polity ids an event may name that have no shape on the map, and why.
UNDRAWN_POLITIES = {
    "beyliks": "the Turkmen beyliks as a group (the map draws each beylik separately)",
    "khwarazm": "the Khwarazmian Empire, which ended before the atlas's period (1231)",
}

RELIABILITY_RANK = {"low": 0, "medium": 1, "high": 2}

FILES = {
    "sources": "sources.json",
    "places": "places.geojson",
    "events": "events.geojson",
    "polities": "polities.geojson",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, in words a contributor can act on."""

    file: str
    feature: str | None
    field: str | None
    message: str
    #: True when the app must leave the feature out; False for a problem it can still draw.
    drops_feature: bool = True

    def __str__(self) -> str:
        where = self.file
        if self.feature is not None:
            where += f": feature {self.feature!r}"
        if self.field:
            where += f": {self.field}"
        return f"{where}: {self.message}"


@dataclass
class LoadedFile:
    """A data file as read from disk: its parsed JSON, or ``None`` with the reason."""

    name: str
    doc: Any = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the file parsed as JSON."""
        return self.doc is not None


# --------------------------------------------------------------------------- reading files


def read_json(path: Path, name: str) -> LoadedFile:
    """Read one JSON file, turning every way it can be broken into a Problem."""
    loaded = LoadedFile(name=name)
    if not path.exists():
        loaded.problems.append(Problem(name, None, None, f"file is missing (expected at {path})"))
        return loaded
    try:
        raw = path.read_bytes()
    except OSError as exc:
        loaded.problems.append(Problem(name, None, None, f"cannot be read: {exc.strerror}"))
        return loaded
    if not raw.strip():
        loaded.problems.append(Problem(name, None, None, "file is empty (expected JSON)"))
        return loaded
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        loaded.problems.append(Problem(name, None, None, f"is not UTF-8 text (byte {exc.start}); expected UTF-8 JSON"))
        return loaded
    try:
        loaded.doc = json.loads(text)
    except json.JSONDecodeError as exc:
        hint = "not valid JSON (truncated?)" if _unclosed(text) else "not valid JSON"
        loaded.problems.append(Problem(name, None, None, f"{hint}: {exc.msg} at line {exc.lineno}, column {exc.colno}"))
    return loaded


def _unclosed(text: str) -> bool:
    """True when brackets or a string are still open at the end: the file was cut short."""
    depth, in_string, escaped = 0, False, False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
    return in_string or depth > 0


def _registry() -> Registry:
    resources = []
    for path in sorted(SCHEMA_DIR.glob("*.schema.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((contents["$id"], Resource.from_contents(contents)))
    return Registry().with_resources(resources)


def _schema(kind: str) -> dict[str, Any]:
    return json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))


def _validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(_schema(kind), registry=_registry())


# --------------------------------------------------------------------------- helpers


def _feature_label(doc: Any, index: int) -> str:
    try:
        feat = doc["features"][index]
        fid = feat.get("id") or feat.get("properties", {}).get("id")
        if isinstance(fid, str) and fid:
            return fid
    except (KeyError, IndexError, TypeError, AttributeError):
        pass
    return f"#{index}"


def _schema_problems(name: str, doc: Any, kind: str) -> list[Problem]:
    problems = []
    validator = _validator(kind)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))
    for err in errors:
        path = list(err.absolute_path)
        if kind != "sources" and len(path) >= 2 and path[0] == "features" and isinstance(path[1], int):
            feature = _feature_label(doc, path[1])
            fld = ".".join(str(p) for p in path[2:]) or "(feature)"
        elif kind == "sources" and len(path) >= 2 and path[0] == "sources" and isinstance(path[1], int):
            try:
                feature = doc["sources"][path[1]].get("id") or f"#{path[1]}"
            except (AttributeError, IndexError, KeyError, TypeError):
                feature = f"#{path[1]}"
            fld = ".".join(str(p) for p in path[2:]) or "(source)"
        else:
            feature = None
            fld = ".".join(str(p) for p in path) or "(document)"
        message = err.message
        if err.validator == "not" and err.validator_value == {"required": ["crs"]}:
            message = "has a 'crs' member; RFC 7946 GeoJSON is always WGS84 lon/lat and has none"
        elif err.validator in ("oneOf", "anyOf"):
            message = f"{_short(err.instance)} does not match any allowed shape (expected {_expected(err)})"
        else:
            message = f"{message} (expected: {_expected(err)})"
        problems.append(Problem(name, feature, fld, message))
    return problems


def _short(value: Any, limit: int = 80) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _expected(err: Any) -> str:
    v, val = err.validator, err.validator_value
    if v == "enum":
        return "one of " + ", ".join(map(str, val))
    if v == "required":
        return "the field to be present"
    if v == "type":
        return f"type {val}"
    if v == "pattern":
        return f"text matching {val}"
    if v in ("minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems"):
        return f"{v} {val}"
    if v == "const":
        return f"exactly {val!r}"
    if v in ("oneOf", "anyOf"):
        return "a Point or a LineString" if "coordinates" in json.dumps(val) else "one allowed form"
    return f"{v} {_short(val, 60)}"


def _in_region(lon: float, lat: float, region: tuple = ATLAS_REGION) -> bool:
    return any(w <= lon <= e and s <= lat <= n for (w, s, e, n) in region)


def _iter_positions(coords: Any) -> Iterable[tuple[float, float]]:
    if isinstance(coords, list | tuple) and len(coords) >= 2 and all(isinstance(c, int | float) for c in coords[:2]):
        yield float(coords[0]), float(coords[1])
    elif isinstance(coords, list | tuple):
        for c in coords:
            yield from _iter_positions(c)


def _ring_is_ccw(ring: list[list[float]]) -> bool:
    area2 = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        area2 += (x2 - x1) * (y2 + y1)
    return area2 < 0


def _geometry_problems(name: str, fid: str, geom: Any) -> list[Problem]:
    """Region, validity and RFC 7946 ring orientation of one geometry."""
    problems: list[Problem] = []
    if not isinstance(geom, dict):
        return problems
    region = POLYGON_REGION if geom.get("type") in ("Polygon", "MultiPolygon") else ATLAS_REGION
    for lon, lat in _iter_positions(geom.get("coordinates")):
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            problems.append(
                Problem(
                    name,
                    fid,
                    "geometry.coordinates",
                    f"position [{lon}, {lat}] is not a lon/lat pair (expected longitude -180..180, "
                    "latitude -90..90; RFC 7946 order is [longitude, latitude])",
                )
            )
            return problems
        if not _in_region(lon, lat, region):
            problems.append(
                Problem(
                    name,
                    fid,
                    "geometry.coordinates",
                    f"position [{lon}, {lat}] lies outside the atlas region (expected lon/lat inside "
                    f"{region}; are longitude and latitude swapped?)",
                )
            )
            return problems
    try:
        shp = shape(geom)
    except Exception as exc:  # shapely raises several types for malformed input
        problems.append(Problem(name, fid, "geometry", f"cannot be read as a geometry: {exc}"))
        return problems
    if shp.is_empty:
        problems.append(Problem(name, fid, "geometry", "is empty (expected a geometry with coordinates)"))
        return problems
    if not shp.is_valid:
        reason = shapely.is_valid_reason(shp)
        problems.append(Problem(name, fid, "geometry", f"is not a valid geometry: {reason}"))
    gtype = geom.get("type")
    polygons = []
    if gtype == "Polygon":
        polygons = [geom["coordinates"]]
    elif gtype == "MultiPolygon":
        polygons = geom["coordinates"]
    for pi, rings in enumerate(polygons):
        for ri, ring in enumerate(rings):
            if len(ring) < 4:
                continue
            ccw = _ring_is_ccw(ring)
            if ri == 0 and not ccw:
                problems.append(
                    Problem(
                        name,
                        fid,
                        f"geometry.coordinates[{pi}][0]" if gtype == "MultiPolygon" else "geometry.coordinates[0]",
                        "exterior ring is clockwise (RFC 7946 expects counter-clockwise exterior rings)",
                    )
                )
            elif ri > 0 and ccw:
                problems.append(
                    Problem(
                        name,
                        fid,
                        f"geometry.coordinates[{ri}]",
                        "hole is counter-clockwise (RFC 7946 expects clockwise holes)",
                    )
                )
    return problems


# --------------------------------------------------------------------------- per-file checks


def check_sources(loaded: LoadedFile, root: Path) -> tuple[list[Problem], dict[str, SeedText], dict[str, dict]]:
    """Schema, unique ids, and that each seed file exists (and matches its recorded hash)."""
    name = loaded.name
    problems = list(loaded.problems)
    seeds: dict[str, SeedText] = {}
    catalogue: dict[str, dict] = {}
    if not loaded.ok:
        return problems, seeds, catalogue
    problems += _schema_problems(name, loaded.doc, "sources")
    for i, src in enumerate(loaded.doc.get("sources", []) if isinstance(loaded.doc, dict) else []):
        if not isinstance(src, dict) or not isinstance(src.get("id"), str):
            continue
        sid = src["id"]
        if sid in catalogue:
            problems.append(Problem(name, sid, "id", f"duplicate source id (also source #{i}); ids must be unique"))
            continue
        path = root / str(src.get("file", ""))
        if not path.is_file():
            problems.append(Problem(name, sid, "file", f"seed file {src.get('file')!r} does not exist"))
            continue
        if src.get("sha256"):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if digest != src["sha256"]:
                problems.append(
                    Problem(
                        name,
                        sid,
                        "sha256",
                        f"seed file {src['file']} has changed (sha256 {digest[:12]}…, "
                        f"expected {src['sha256'][:12]}…); seeds must stay byte-identical",
                    )
                )
        catalogue[sid] = src
        seeds[sid] = load_seed(sid, path)
    return problems, seeds, catalogue


def _features(loaded: LoadedFile) -> list[Any]:
    doc = loaded.doc
    if isinstance(doc, dict) and isinstance(doc.get("features"), list):
        return doc["features"]
    return []


def _ids(name: str, features: list[Any]) -> tuple[list[Problem], list[str | None]]:
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    labels: list[str | None] = []
    for i, feat in enumerate(features):
        if not isinstance(feat, dict):
            labels.append(None)
            continue
        fid = feat.get("id")
        props = feat.get("properties") if isinstance(feat.get("properties"), dict) else {}
        pid = props.get("id")
        label = fid if isinstance(fid, str) and fid else (pid if isinstance(pid, str) and pid else f"#{i}")
        labels.append(label)
        if isinstance(fid, str) and isinstance(pid, str) and fid != pid:
            problems.append(
                Problem(
                    name, label, "properties.id", f"is {pid!r} but the feature id is {fid!r} (expected the same slug)"
                )
            )
        if label in seen:
            problems.append(
                Problem(name, label, "id", f"duplicate id (features #{seen[label]} and #{i}); ids must be unique")
            )
        else:
            seen[label] = i
    return problems, labels


def _citation_problems(name: str, fid: str, fld: str, citations: Any, seeds: dict[str, SeedText]) -> list[Problem]:
    problems = []
    if not isinstance(citations, list):
        return problems
    for ci, cit in enumerate(citations):
        if not isinstance(cit, dict):
            continue
        sid, quote = cit.get("source"), cit.get("quote")
        path = f"{fld}[{ci}]"
        if sid not in seeds:
            problems.append(
                Problem(
                    name, fid, f"{path}.source", f"unknown source {sid!r} (expected one of {', '.join(sorted(seeds))})"
                )
            )
            continue
        if isinstance(quote, str) and not seeds[sid].contains(quote):
            problems.append(
                Problem(
                    name,
                    fid,
                    f"{path}.quote",
                    f"quote {_short(quote, 70)} is not a verbatim span of {seeds[sid].path.name} "
                    "(after the whitespace/hyphenation normalisation of data/README.md)",
                )
            )
    return problems


def _date_problems(
    name: str, fid: str, props: dict, edtf_key: str, start_key: str, end_key: str, required: bool
) -> list[Problem]:
    problems = []
    edtf_value = props.get(edtf_key)
    start, end = props.get(start_key), props.get(end_key)
    if isinstance(start, int) and isinstance(end, int) and start > end:
        problems.append(
            Problem(name, fid, f"properties.{start_key}", f"start {start} is after end {end} (expected start <= end)")
        )
    if edtf_value is None and not required:
        return problems
    try:
        span = years_of(edtf_value)
    except DateError as exc:
        problems.append(Problem(name, fid, f"properties.{edtf_key}", f"{exc}"))
        return problems
    if edtf_key == "date_edtf" or edtf_key == "start_edtf":
        if isinstance(start, int) and start != span.start:
            problems.append(
                Problem(
                    name,
                    fid,
                    f"properties.{start_key}",
                    f"is {start} but {edtf_key} {edtf_value!r} starts in {span.start} "
                    "(expected the year of its strict lower bound)",
                )
            )
    if edtf_key == "date_edtf" or edtf_key == "end_edtf":
        if isinstance(end, int) and end != span.end:
            problems.append(
                Problem(
                    name,
                    fid,
                    f"properties.{end_key}",
                    f"is {end} but {edtf_key} {edtf_value!r} ends in {span.end} "
                    "(expected the year of its strict upper bound)",
                )
            )
    return problems


def check_places(loaded: LoadedFile, seeds: dict[str, SeedText]) -> tuple[list[Problem], dict[str, dict]]:
    """Gazetteer: schema, ids, geometry, candidates in region, citations."""
    name = loaded.name
    problems = list(loaded.problems)
    places: dict[str, dict] = {}
    if not loaded.ok:
        return problems, places
    problems += _schema_problems(name, loaded.doc, "places")
    feats = _features(loaded)
    id_problems, labels = _ids(name, feats)
    problems += id_problems
    for feat, label in zip(feats, labels, strict=True):
        if label is None:
            continue
        props = feat.get("properties") if isinstance(feat.get("properties"), dict) else {}
        problems += _geometry_problems(name, label, feat.get("geometry"))
        for ci, cand in enumerate(props.get("candidates") or []):
            if (
                isinstance(cand, dict)
                and isinstance(cand.get("lon"), int | float)
                and isinstance(cand.get("lat"), int | float)
                and not _in_region(cand["lon"], cand["lat"])
            ):
                problems.append(
                    Problem(
                        name,
                        label,
                        f"properties.candidates[{ci}]",
                        f"candidate site [{cand['lon']}, {cand['lat']}] lies outside the "
                        "atlas region (longitude and latitude swapped?)",
                    )
                )
        problems += _citation_problems(name, label, "properties.citations", props.get("citations"), seeds)
        if label not in places:
            places[label] = feat
    return problems, places


def check_events(
    loaded: LoadedFile,
    seeds: dict[str, SeedText],
    catalogue: dict[str, dict],
    places: dict[str, dict],
    polity_ids: set[str] | None = None,
) -> list[Problem]:
    """Events: schema, ids, dates, place references, geometry, quotations, reliability."""
    name = loaded.name
    problems = list(loaded.problems)
    if not loaded.ok:
        return problems
    problems += _schema_problems(name, loaded.doc, "events")
    feats = _features(loaded)
    id_problems, labels = _ids(name, feats)
    problems += id_problems
    for feat, label in zip(feats, labels, strict=True):
        if label is None:
            continue
        props = feat.get("properties") if isinstance(feat.get("properties"), dict) else {}
        problems += _date_problems(name, label, props, "date_edtf", "start", "end", required=True)
        geom = feat.get("geometry")
        problems += _geometry_problems(name, label, geom)
        problems += _citation_problems(name, label, "properties.citations", props.get("citations"), seeds)
        for ai, acc in enumerate(props.get("accounts") or []):
            if isinstance(acc, dict):
                problems += _citation_problems(
                    name, label, f"properties.accounts[{ai}].citations", acc.get("citations"), seeds
                )
        # place references
        refs = [p for p in (props.get("places") or []) if isinstance(p, dict)]
        resolved = []
        for ri, ref in enumerate(refs):
            pid = ref.get("place")
            if pid not in places:
                problems.append(
                    Problem(
                        name,
                        label,
                        f"properties.places[{ri}].place",
                        f"unknown place {pid!r} (expected an id from places.geojson)",
                    )
                )
            else:
                resolved.append((ref.get("role"), places[pid]))
        if resolved and len(resolved) == len(refs) and isinstance(geom, dict):
            problems += _geometry_matches_places(name, label, geom, resolved)
        if polity_ids:
            for pi, part in enumerate(props.get("participants") or []):
                pol = part.get("polity") if isinstance(part, dict) else None
                if (
                    isinstance(part, dict)
                    and part.get("type") == "polity"
                    and pol not in polity_ids
                    and pol not in UNDRAWN_POLITIES
                ):
                    problems.append(
                        Problem(
                            name,
                            label,
                            f"properties.participants[{pi}].polity",
                            f"unknown polity {pol!r} (expected a polity id from "
                            "polities.geojson, or one of " + ", ".join(UNDRAWN_POLITIES) + ")",
                            drops_feature=False,
                        )
                    )
        # reliability agrees with the sources of the citations that support the claim (not context or contradiction)
        cited = {
            c.get("source")
            for c in props.get("citations") or []
            if isinstance(c, dict) and c.get("role", "supports") == "supports"
        }
        ranks = [
            RELIABILITY_RANK[catalogue[s]["reliability"]]
            for s in cited
            if s in catalogue and catalogue[s].get("reliability") in RELIABILITY_RANK
        ]
        if ranks and props.get("reliability") in RELIABILITY_RANK:
            best = max(ranks)
            if RELIABILITY_RANK[props["reliability"]] != best:
                expected = [k for k, v in RELIABILITY_RANK.items() if v == best][0]
                problems.append(
                    Problem(
                        name,
                        label,
                        "properties.reliability",
                        f"is {props['reliability']!r} but the best source among its supporting citations is rated "
                        f"{expected!r} (expected {expected!r})",
                    )
                )
            if best == RELIABILITY_RANK["low"] and not props.get("notes"):
                problems.append(
                    Problem(
                        name,
                        label,
                        "properties.notes",
                        "rests only on the low-reliability source but carries no note saying "
                        "how it stands against the other texts (expected a note)",
                    )
                )
    return problems


def _geometry_matches_places(name: str, fid: str, geom: dict, resolved: list[tuple[str, dict]]) -> list[Problem]:
    coords = geom.get("coordinates")
    place_pts = {}
    for role, place in resolved:
        pc = (place.get("geometry") or {}).get("coordinates")
        if isinstance(pc, list) and len(pc) == 2:
            place_pts.setdefault(role, []).append((place.get("id"), pc))
    all_pts = [pt for lst in place_pts.values() for pt in lst]

    def near(a: Any, b: Any) -> bool:
        return (
            isinstance(a, list)
            and len(a) >= 2
            and abs(a[0] - b[0]) <= PLACE_MATCH_TOLERANCE
            and abs(a[1] - b[1]) <= PLACE_MATCH_TOLERANCE
        )

    if geom.get("type") == "Point":
        if not any(near(coords, pc) for _, pc in all_pts):
            return [
                Problem(
                    name,
                    fid,
                    "geometry.coordinates",
                    f"point {coords} is not at any of its places "
                    f"({', '.join(str(pid) for pid, _ in all_pts)}); expected the gazetteer coordinates",
                )
            ]
    elif geom.get("type") == "LineString" and isinstance(coords, list) and coords:
        problems = []
        for role, idx in (("origin", 0), ("destination", -1)):
            if role in place_pts and not any(near(coords[idx], pc) for _, pc in place_pts[role]):
                problems.append(
                    Problem(
                        name,
                        fid,
                        "geometry.coordinates",
                        f"line {'starts' if idx == 0 else 'ends'} at {coords[idx]}, not at its "
                        f"{role} {place_pts[role][0][0]!r} {place_pts[role][0][1]}",
                    )
                )
        return problems
    return []


def check_polities(loaded: LoadedFile, seeds: dict[str, SeedText], places: dict[str, dict]) -> list[Problem]:
    """Polities: schema, ids, years, geometry, references, and no sovereign overlap in a year."""
    name = loaded.name
    problems = list(loaded.problems)
    if not loaded.ok:
        return problems
    problems += _schema_problems(name, loaded.doc, "polities")
    feats = _features(loaded)
    id_problems, labels = _ids(name, feats)
    problems += id_problems
    polity_ids = {
        f.get("properties", {}).get("polity")
        for f in feats
        if isinstance(f, dict) and isinstance(f.get("properties"), dict)
    }
    sovereign: list[tuple[str, int, int, Any]] = []
    for feat, label in zip(feats, labels, strict=True):
        if label is None:
            continue
        props = feat.get("properties") if isinstance(feat.get("properties"), dict) else {}
        problems += _date_problems(name, label, props, "start_edtf", "start", "end", required=False)
        problems += _date_problems(name, label, props, "end_edtf", "start", "end", required=False)
        geom_problems = _geometry_problems(name, label, feat.get("geometry"))
        problems += geom_problems
        problems += _citation_problems(name, label, "properties.citations", props.get("citations"), seeds)
        cap = props.get("capital")
        if cap is not None and cap not in places:
            problems.append(
                Problem(
                    name,
                    label,
                    "properties.capital",
                    f"unknown place {cap!r} (expected an id from places.geojson)",
                    drops_feature=False,
                )
            )
        over = props.get("overlord")
        if over is not None and over not in polity_ids:
            problems.append(
                Problem(
                    name,
                    label,
                    "properties.overlord",
                    f"unknown polity {over!r} (expected a polity id used in this file)",
                    drops_feature=False,
                )
            )
        if (
            props.get("status") == "sovereign"
            and not geom_problems
            and isinstance(props.get("start"), int)
            and isinstance(props.get("end"), int)
        ):
            try:
                sovereign.append((label, props["start"], props["end"], shape(feat["geometry"])))
            except Exception:  # already reported by the geometry check
                pass
    problems += _overlap_problems(name, sovereign)
    return problems


def _overlap_problems(name: str, sovereign: list[tuple[str, int, int, Any]]) -> list[Problem]:
    problems = []
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
            problems.append(
                Problem(
                    name,
                    a[0],
                    "geometry",
                    f"overlaps sovereign polity {b[0]!r} by {area:.3f} square degrees in "
                    f"{lo}–{hi} (expected at most {OVERLAP_TOLERANCE_DEG2}; make one a vassal "
                    "or fix the border)",
                    drops_feature=False,
                )
            )
    return problems


# --------------------------------------------------------------------------- whole folder


@dataclass
class Report:
    """The outcome of validating a data folder."""

    problems: list[Problem]
    docs: dict[str, Any]
    seeds: dict[str, SeedText]

    @property
    def ok(self) -> bool:
        """True when nothing is wrong."""
        return not self.problems


def validate_folder(data_dir: Path = DATA_DIR, root: Path | None = None) -> Report:
    """Check every data file in ``data_dir``; ``root`` is where ``seeds/`` lives (its parent by default)."""
    data_dir = Path(data_dir)
    root = Path(root) if root is not None else data_dir.parent
    loaded = {key: read_json(data_dir / fname, fname) for key, fname in FILES.items()}
    problems: list[Problem] = []
    src_problems, seeds, catalogue = check_sources(loaded["sources"], root)
    problems += src_problems
    place_problems, places = check_places(loaded["places"], seeds)
    problems += place_problems
    polity_ids = {
        f["properties"]["polity"]
        for f in _features(loaded["polities"])
        if isinstance(f, dict)
        and isinstance(f.get("properties"), dict)
        and isinstance(f["properties"].get("polity"), str)
    }
    problems += check_events(loaded["events"], seeds, catalogue, places, polity_ids)
    problems += check_polities(loaded["polities"], seeds, places)
    docs = {key: lf.doc for key, lf in loaded.items()}
    return Report(problems=problems, docs=docs, seeds=seeds)


def stats(report: Report) -> str:
    """Event count, kinds and events per source, as printed by ``--stats``."""
    events = [f for f in (report.docs.get("events") or {}).get("features", []) if isinstance(f, dict)]
    kinds = Counter(f.get("properties", {}).get("kind") for f in events)
    per_source: Counter[str] = Counter()
    accounts = 0
    for f in events:
        props = f.get("properties", {})
        cited = {c.get("source") for c in props.get("citations", [])}
        for acc in props.get("accounts") or []:
            accounts += 1
            cited |= {c.get("source") for c in acc.get("citations", [])}
        for s in cited:
            per_source[s] += 1
    places = (report.docs.get("places") or {}).get("features", [])
    polities = (report.docs.get("polities") or {}).get("features", [])
    lines = [
        f"events: {len(events)}  (with conflicting accounts: "
        f"{sum(1 for f in events if f.get('properties', {}).get('accounts'))}, accounts: {accounts})",
        "kinds: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items(), key=lambda kv: (-kv[1], str(kv[0])))),
        "events per source:",
    ]
    lines += [f"  {s}: {n}" for s, n in sorted(per_source.items())]
    lines.append(
        f"places: {len(places)}; polity features: {len(polities)} "
        f"({len({p.get('properties', {}).get('polity') for p in polities})} polities)"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: print every problem and exit 1 if there is any."""
    parser = argparse.ArgumentParser(prog="python -m geo.validate", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="data folder (default: data/)")
    parser.add_argument("--stats", action="store_true", help="also print event counts")
    args = parser.parse_args(argv)
    report = validate_folder(args.data)
    if args.stats:
        print(stats(report))
    if report.ok:
        print(f"OK: {args.data} is valid.")
        return 0
    print(f"{len(report.problems)} problem(s) in {args.data}:", file=sys.stderr)
    for problem in report.problems:
        print(f"  {problem}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
