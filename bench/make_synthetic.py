"""Make a synthetic atlas K times the size of the real one, for the scale benchmark.

    python bench/make_synthetic.py --scale 10 100          # -> bench/synthetic/x10/, x100/
    python bench/make_synthetic.py --scale 2 --source tests/fixtures/app/data --out /tmp/x

Writes ``<out>/xK/data/`` (sources.json, schema/, basemap/ copied; places, events and
polities multiplied) and ``<out>/xK/seeds/`` (the seed texts, byte-identical: the validator
looks for ``seeds/`` next to the data folder). The result passes
``python -m geo.validate --data bench/synthetic/xK/data``:

* places: the real gazetteer plus K-1 jittered copies of every place (ids suffixed ``-sN``,
  moved by up to ±0.6°, kept inside the atlas region, authority ids dropped);
* events: the real events plus K-1 copies of each (ids suffixed ``-xN``), moved to other
  places (the point is set to the chosen place's coordinates, a movement is rebuilt from a new
  origin to a new destination) and shifted by up to ±12 years (EDTF, integer years and the
  date label shifted together; a date whose shifted EDTF does not parse back to the shifted
  years is left where it was). Citations and quotes are untouched, so they stay verbatim;
* polities: every polity period split into K shorter periods with the same geometry (ids
  suffixed ``-pN``; a period shorter than K years is split into one period per year), so the
  number of shapes drawn in a year is unchanged but the table to search is K times longer.
  ``polities.display.geojson`` (simplified display geometry) is split the same way if present.

Deterministic for a given ``--seed``.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import re
import shutil
import sys
import time
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from geo.timemodel import YEAR_MAX, YEAR_MIN, DateError, years_of  # noqa: E402
from geo.validate import ATLAS_REGION  # noqa: E402
from geo.validate.polities import polity_years  # noqa: E402

DEFAULT_OUT = ROOT / "bench" / "synthetic"
_YEAR_RE = re.compile(r"(?<!\d)(1[0-4]\d\d)(?!\d)")
DISPLAY = "polities.display.geojson"


def default_source() -> Path:
    """``data/`` when it holds the atlas; the app test fixture while the real data is being written."""
    real = ROOT / "data"
    if all((real / f).is_file() for f in ("places.geojson", "events.geojson", "polities.geojson")):
        return real
    return ROOT / "tests" / "fixtures" / "app" / "data"


def _in_region(lon: float, lat: float) -> bool:
    return any(w <= lon <= e and s <= lat <= n for (w, s, e, n) in ATLAS_REGION)


def shift_years_text(text: str, delta: int) -> str:
    """Every four-digit year 1000–1499 in ``text`` moved by ``delta``."""
    return _YEAR_RE.sub(lambda m: str(int(m.group(1)) + delta), text)


@cache
def _years(edtf: str) -> tuple[int, int] | None:
    """Strict years of an EDTF string (the ``edtf`` parser is slow: ~10 ms a call, so memoised)."""
    try:
        span = years_of(edtf)
    except DateError:
        return None
    return span.start, span.end


def shifted_date(props: dict[str, Any], delta: int) -> dict[str, Any] | None:
    """``date_edtf``/``start``/``end``/``date_label`` moved by ``delta`` years, or None if impossible."""
    if delta == 0:
        return None
    new_edtf = shift_years_text(props["date_edtf"], delta)
    years = _years(new_edtf)
    if years != (props["start"] + delta, props["end"] + delta):
        return None
    return {
        "date_edtf": new_edtf,
        "start": years[0],
        "end": years[1],
        "date_label": shift_years_text(props["date_label"], delta),
    }


def split_span(start: int, end: int, k: int) -> list[tuple[int, int]]:
    """``[start, end]`` (inclusive) cut into ``min(k, years)`` consecutive non-overlapping spans."""
    years = end - start + 1
    n = max(1, min(k, years))
    bounds = [start + (years * i) // n for i in range(n + 1)]
    return [(bounds[i], bounds[i + 1] - 1) for i in range(n)]


def synth_places(places: list[dict], k: int, rng: random.Random) -> list[dict]:
    out = [copy.deepcopy(p) for p in places]
    for c in range(1, k):
        for p in places:
            q = copy.deepcopy(p)
            lon, lat = p["geometry"]["coordinates"]
            for _ in range(20):
                nlon = round(lon + rng.uniform(-0.6, 0.6), 4)
                nlat = round(lat + rng.uniform(-0.6, 0.6), 4)
                if _in_region(nlon, nlat):
                    break
            else:
                nlon, nlat = lon, lat
            pid = f"{p['id']}-s{c}"
            q["id"] = pid
            props = q["properties"]
            props["id"] = pid
            props["name"] = f"{props['name']} ({c})"
            props.pop("links", None)  # a copy is not the authority's place (and ids must not repeat)
            props["note"] = "synthetic benchmark place"
            q["geometry"] = {"type": "Point", "coordinates": [nlon, nlat]}
            out.append(q)
    return out


def _as_guess(moved: dict[str, Any], delta: int) -> dict[str, Any]:
    """A moved date is stated by no text: drawn as a guess and saying so, as the validator requires of real data."""
    start, end = moved["start"], moved["end"]
    edtf = (
        moved["date_edtf"]
        if years_of(moved["date_edtf"]).uncertain
        else (f"{start}?" if start == end else f"[{start}..{end}]")
    )
    return {
        "date_edtf": edtf,
        "start": start,
        "end": end,
        "date_label": f"synthetic copy, {delta:+d} years (no text dates it)",
        "date_basis": {
            "rests_on": ["scholarship"],
            "note": f"Synthetic benchmark data: the original event's date moved by {delta:+d} years.",
        },
    }


def _drawn_then(part: dict, start: int, end: int, drawn: dict[str, list[tuple[int, int]]]) -> bool:
    pol = part.get("polity")
    return pol not in drawn or any(s <= end and e >= start for s, e in drawn[pol])


def synth_events(
    events: list[dict], places: list[dict], k: int, rng: random.Random, drawn: dict[str, list[tuple[int, int]]]
) -> list[dict]:
    out = [copy.deepcopy(e) for e in events]
    coords = {p["id"]: p["geometry"]["coordinates"] for p in places}
    ids = list(coords)
    for c in range(1, k):
        for e in events:
            q = copy.deepcopy(e)
            eid = f"{e['id']}-x{c}"
            q["id"] = eid
            props = q["properties"]
            props["id"] = eid
            delta = rng.randint(-12, 12)
            moved = shifted_date(props, delta)
            if moved and YEAR_MIN <= moved["start"] and moved["end"] <= YEAR_MAX:
                props.update(_as_guess(moved, delta))
                # a polity not drawn in the moved years would be a participant out of its time
                props["participants"] = [
                    x for x in props["participants"] if _drawn_then(x, props["start"], props["end"], drawn)
                ]
            # links stay inside this copy of the atlas; "part of" and "follows" would disagree with the shifted years
            props["related"] = [
                {**rel, "event": f"{rel['event']}-x{c}"}
                for rel in props.get("related") or []
                if rel.get("relation") not in ("part of", "follows")
            ]
            if q["geometry"]["type"] == "Point":
                pid = rng.choice(ids)
                role = (props["places"][0] or {}).get("role", "location") if props["places"] else "location"
                props["places"] = [{"place": pid, "role": role}]
                q["geometry"] = {"type": "Point", "coordinates": list(coords[pid])}
            else:
                o, d = rng.sample(ids, 2)
                props["places"] = [{"place": o, "role": "origin"}, {"place": d, "role": "destination"}]
                q["geometry"] = {"type": "LineString", "coordinates": [list(coords[o]), list(coords[d])]}
            out.append(q)
    return out


def synth_polities(polities: list[dict], k: int) -> tuple[list[dict], dict[str, str]]:
    """Split periods; also return new id -> original id (for the display geometry)."""
    out: list[dict] = []
    origin: dict[str, str] = {}
    for p in polities:
        props = p["properties"]
        spans = split_span(props["start"], props["end"], k)
        if len(spans) == 1:
            out.append(copy.deepcopy(p))
            origin[p["id"]] = p["id"]
            continue
        for i, (lo, hi) in enumerate(spans):
            q = {**p, "properties": copy.deepcopy(props)}  # geometry shared, written once per feature
            pid = f"{p['id']}-p{i + 1}"
            q["id"] = pid
            qp = q["properties"]
            qp["id"] = pid
            qp["start"], qp["end"] = lo, hi
            if i > 0 and "start_edtf" in qp:
                qp["start_edtf"] = None
            if i < len(spans) - 1 and "end_edtf" in qp:
                qp["end_edtf"] = None
            out.append(q)
            origin[pid] = p["id"]
    return out, origin


def _fc(features: list[dict]) -> dict:
    return {"type": "FeatureCollection", "features": features}


def _write(path: Path, doc: Any) -> None:
    path.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def make(scale: int, source: Path | None = None, out_root: Path = DEFAULT_OUT, seed: int = 1264) -> Path:
    """Write ``out_root/x{scale}/`` and return its data folder."""
    source = Path(source) if source else default_source()
    rng = random.Random(seed * 1000 + scale)
    dest = Path(out_root) / f"x{scale}"
    data = dest / "data"
    if dest.exists():
        shutil.rmtree(dest)
    data.mkdir(parents=True)
    for name in ("schema", "basemap"):
        if (source / name).is_dir():
            shutil.copytree(source / name, data / name)
    shutil.copy2(source / "sources.json", data / "sources.json")
    seeds_src = source.parent / "seeds"
    shutil.copytree(seeds_src, dest / "seeds")
    for extra in source.iterdir():  # README, other derived files the app may read
        if extra.is_file() and extra.name not in {
            "sources.json",
            "places.geojson",
            "events.geojson",
            "polities.geojson",
            DISPLAY,
        }:
            shutil.copy2(extra, data / extra.name)

    load = lambda n: json.loads((source / n).read_text(encoding="utf-8"))  # noqa: E731
    places = load("places.geojson")["features"]
    events = load("events.geojson")["features"]
    polities = load("polities.geojson")["features"]

    new_places = synth_places(places, scale, rng)
    new_events = synth_events(events, new_places, scale, rng, polity_years({"features": polities}))
    new_polities, origin = synth_polities(polities, scale)
    _write(data / "places.geojson", _fc(new_places))
    _write(data / "events.geojson", _fc(new_events))
    _write(data / "polities.geojson", _fc(new_polities))
    if (source / DISPLAY).is_file():
        disp = {f.get("id"): f for f in load(DISPLAY)["features"]}
        feats = []
        for pid, orig in origin.items():
            if orig in disp:
                f = {**disp[orig], "id": pid}
                if isinstance(f.get("properties"), dict) and "id" in f["properties"]:
                    f["properties"] = {**f["properties"], "id": pid}
                feats.append(f)
        _write(data / DISPLAY, _fc(feats))
    (dest / "MANIFEST.json").write_text(
        json.dumps(
            {
                "scale": scale,
                "source": str(source),
                "seed": seed,
                "counts": {
                    "places": [len(places), len(new_places)],
                    "events": [len(events), len(new_events)],
                    "polities": [len(polities), len(new_polities)],
                },
            },
            indent=1,
        ),
        encoding="utf-8",
    )
    return data


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=int, nargs="+", default=[10, 100])
    ap.add_argument("--source", type=Path, default=None, help="data folder to multiply (default: data/)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--seed", type=int, default=1264)
    ap.add_argument("--validate", action="store_true", help="run geo.validate on the result")
    args = ap.parse_args(argv)
    rc = 0
    for k in args.scale:
        t0 = time.perf_counter()
        data = make(k, args.source, args.out, args.seed)
        dt = time.perf_counter() - t0
        m = json.loads((data.parent / "MANIFEST.json").read_text())
        print(f"x{k}: {data}  {m['counts']}  ({dt:.1f} s)")
        if args.validate:
            from geo.validate import validate_folder

            t0 = time.perf_counter()
            rep = validate_folder(data)
            print(
                f"  validate: {'OK' if rep.ok else f'{len(rep.problems)} problems'} ({time.perf_counter() - t0:.1f} s)"
            )
            for p in rep.problems[:10]:
                print(f"    {p}")
            rc |= 0 if rep.ok else 1
    return rc


if __name__ == "__main__":
    sys.exit(main())
