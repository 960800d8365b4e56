"""Load the atlas for the app: everything valid, and a list of what was left out and why.

The app never writes to ``data/``; a broken file or feature is reported (file, feature, field)
and the rest is served.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from geo.cache import DiskCache, digest
from geo.features import EventFeature, PlaceFeature, PolityFeature
from geo.sources import SeedText
from geo.timemodel import years_of
from geo.tours import Tour
from geo.validate import DATA_DIR, Problem, iter_features, validate_folder

DISPLAY_POLITIES = "polities.display.geojson"


@dataclass
class Atlas:
    """The valid part of the data, ready for queries and rendering."""

    sources: dict[str, dict[str, Any]]
    seeds: dict[str, SeedText]
    places: dict[str, PlaceFeature]
    events: list[EventFeature]
    polities: list[PolityFeature]
    problems: list[Problem] = field(default_factory=list)
    #: the guided tours of ``tours.json`` that passed every rule (none when the folder has no tours file)
    tours: list[Tour] = field(default_factory=list)
    #: A digest of every input the atlas was made from (data, schemas, seeds, code; geo/cache.py): results
    #: computed from the atlas alone, such as the map's bundle, are cached under it.
    key: str = ""

    def event(self, event_id: str) -> EventFeature | None:
        """The event with this id, or None."""
        return self._event_index.get(event_id)

    @property
    def events_by_id(self) -> Mapping[str, EventFeature]:
        """Every event by id (the index made once when the atlas is loaded; read-only)."""
        return self._event_index

    def __post_init__(self) -> None:
        self._event_index = {e["id"]: e for e in self.events}

    @property
    def event_ids(self) -> set[str]:
        """All ids of events that are served."""
        return set(self._event_index)


def story_order(event: EventFeature) -> tuple[int, int, int, str]:
    """Sort key of the story: by start year, then the texts' order within the year (``sequence``), end year, id."""
    p = event["properties"]
    seq = p.get("sequence")
    return p["start"], seq if isinstance(seq, int) else 0, p["end"], event["id"]


def _dropped(problems: list[Problem], file: str) -> set[str]:
    return {p.feature for p in problems if p.file == file and p.feature is not None and p.drops_feature}


@contextmanager
def paused_gc(freeze: bool = False) -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a large atlas is read or turned into a bundle.

    Reading the data makes millions of objects and no cyclic garbage, and every collection on the way
    walks all of them: for the 77,000 events of the 1000x benchmark data ``json.loads`` takes 2.4 s of
    CPU with the collector running and 0.9 s without. Reference counting still frees everything.
    With ``freeze``, every object alive at the end is moved out of the collector's reach for good
    (``gc.freeze``) before it resumes: for what lives as long as the process, such as the app's atlas,
    whose objects every later full collection would otherwise walk again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was_enabled:
            gc.enable()


def load_atlas(data_dir: Path = DATA_DIR, cache: DiskCache | None = None) -> Atlas:
    """Validate ``data_dir`` and keep every feature that passed; list the rest as problems.

    ``cache`` keeps the validation's results by content (see geo/cache.py); without one, all is judged anew.
    """
    with paused_gc():
        return _load_atlas(Path(data_dir), cache)


def _load_atlas(data_dir: Path, cache: DiskCache | None) -> Atlas:
    report = validate_folder(data_dir, cache=cache)
    problems = list(report.problems)

    sources: dict[str, dict[str, Any]] = {}
    src_doc = report.docs.get("sources")
    if isinstance(src_doc, dict):
        bad_sources = _dropped(problems, "sources.json")
        for src in src_doc.get("sources", []):
            if isinstance(src, dict) and src.get("id") in report.seeds and src["id"] not in bad_sources:
                sources[src["id"]] = src

    bad_places = _dropped(problems, "places.geojson")
    places: dict[str, PlaceFeature] = {}
    for feat, fid, _ in iter_features(report.docs.get("places")):
        if fid not in bad_places and fid not in places:
            places[fid] = cast(PlaceFeature, feat)

    bad_events = _dropped(problems, "events.geojson")
    events: list[EventFeature] = []
    seen: set[str] = set()
    for feat, fid, props in iter_features(report.docs.get("events")):
        if fid in bad_events or fid in seen:
            continue
        missing = [r.get("place") for r in props.get("places", []) if r.get("place") not in places]
        if missing:
            problems.append(
                Problem(
                    "events.geojson",
                    fid,
                    "properties.places",
                    f"refers to place(s) {', '.join(map(repr, missing))} that could not be loaded; event left out",
                )
            )
            continue
        unknown_src = [c.get("source") for c in props.get("citations", []) if c.get("source") not in sources]
        if unknown_src:
            continue  # reported by the validator
        seen.add(fid)
        props = dict(props)
        props["uncertain"] = years_of(props["date_edtf"]).uncertain
        event = {"type": "Feature", "id": fid, "geometry": feat["geometry"], "properties": props}
        events.append(cast(EventFeature, event))
    events.sort(key=story_order)

    polities, display_digest = _load_polities(data_dir, report.docs.get("polities"), problems)
    return Atlas(
        sources=sources,
        seeds=report.seeds,
        places=places,
        events=events,
        polities=polities,
        problems=problems,
        tours=_load_tours(report.docs.get("tours"), problems),
        key=digest(report.key, display_digest),
    )


def _load_tours(doc: Any, problems: list[Problem]) -> list[Tour]:
    """Tours that passed every rule, in file order; a tour with a problem is left out whole."""
    bad = _dropped(problems, "tours.json")
    tours = doc.get("tours") if isinstance(doc, dict) else None
    out: list[Tour] = []
    seen: set[str] = set()
    for tour in tours if isinstance(tours, list) else []:
        if isinstance(tour, dict) and isinstance(tour.get("id"), str) and tour["id"] not in bad | seen:
            seen.add(tour["id"])
            out.append(cast(Tour, tour))
    return out


def _load_polities(data_dir: Path, full_doc: Any, problems: list[Problem]) -> tuple[list[PolityFeature], str | None]:
    """Valid polity features, with the simplified display geometry where one is available; the display
    file's digest (None when there is none)."""
    bad = _dropped(problems, "polities.geojson")
    display: dict[str, Any] = {}
    path = data_dir / DISPLAY_POLITIES
    display_digest = None
    if path.is_file():
        try:
            raw = path.read_bytes()
            display_digest = digest(raw)
            for feat, _, _ in iter_features(json.loads(raw)):
                if isinstance(feat.get("id"), str) and isinstance(feat.get("geometry"), dict):
                    display[feat["id"]] = feat["geometry"]
        except (OSError, ValueError) as exc:
            problems.append(
                Problem(
                    DISPLAY_POLITIES,
                    None,
                    None,
                    f"cannot be read ({exc}); full-resolution borders are drawn instead",
                    drops_feature=False,
                )
            )
    out: list[PolityFeature] = []
    for feat, fid, props in iter_features(full_doc):
        if fid in bad:
            continue
        geometry = display.get(fid, feat.get("geometry"))
        out.append(cast(PolityFeature, {"type": "Feature", "id": fid, "geometry": geometry, "properties": dict(props)}))
    return out, display_digest
