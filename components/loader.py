"""The atlas as the app holds it: loaded, validated and prepared once per data version, shared by
all sessions (read-only). Kept out of app.py so the cached functions are defined once, not on
every rerun."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import streamlit as st

from components.event_list import list_rows
from geo.atlas import Atlas, load_atlas, paused_gc
from geo.cache import DiskCache
from geo.features import EventFeature, PolityFeature
from geo.livemap import layers_script
from geo.offline import GENERATED_URL, publish_generated
from geo.parts import Manifest, with_urls
from geo.prepare import prepared_parts
from geo.relations import Relation, derive_relations
from geo.relations_view import payload_bytes, payload_name, relations_payload
from geo.search import Filters, filter_events, kinds_in, participant_polities
from geo.tables import timeline_rows
from geo.windows import polities_in_year, visible_events

ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The data folder: ``$ATLAS_DATA_DIR`` or ``data/`` beside this file."""
    return Path(os.environ.get("ATLAS_DATA_DIR") or ROOT / "data").resolve()


def stamp_of(folder: Path) -> tuple[tuple[str, float], ...]:
    """Names and modification times of the data files, schemas and basemap, so edited data is reloaded.

    Only a cue to look again: what is reused is decided by content (geo/cache.py), so a file touched but
    unchanged costs a read, not a validation.
    """
    files = [*folder.glob("*.*json"), *folder.glob("schema/*.json"), *folder.glob("basemap/*.geojson")]
    return tuple((p.relative_to(folder).as_posix(), p.stat().st_mtime) for p in sorted(files))


# One entry per data version in memory: an edited file makes a new atlas, and the old one is let go.
@st.cache_resource(show_spinner="Loading the atlas…", max_entries=2)
def get_atlas(folder: str, stamp: tuple) -> Atlas:
    """The validated atlas, loaded once per data version and shared (read-only) by all sessions; its
    validation comes from the disk cache when the same content was judged before."""
    # The atlas lives as long as the server: its objects (a million at the 100x benchmark data) are taken
    # out of the cyclic collector's walks, which otherwise fell, tens of milliseconds each, on whichever
    # year step triggered a full collection. Reference counting still frees them.
    with paused_gc(freeze=True):
        return load_atlas(Path(folder), cache=DiskCache.default())


@st.cache_resource(show_spinner="Preparing the map…", max_entries=2)
def get_parts(folder: str, stamp: tuple) -> Manifest:
    """The map's bundle in parts for this data version (geo/parts.py), written under static/gen/ once (a
    restart finds them there through the disk cache); the manifest with the parts' URLs."""
    manifest = prepared_parts(get_atlas(folder, stamp), Path(folder), DiskCache.default(), ROOT / "static" / "gen")
    return with_urls(manifest, GENERATED_URL)


@st.cache_resource(show_spinner=False)
def get_script_url() -> str:
    """Publish the map's drawing code (geo/atlas_layers.js) under static/gen/, once per server."""
    name, data = layers_script()
    return publish_generated(ROOT / "static", name, data)


@st.cache_resource(show_spinner=False)
def get_relations(folder: str, stamp: tuple) -> list[Relation]:
    """Every year's relations between polities, derived once per data version (shared, read-only)."""
    atlas = get_atlas(folder, stamp)
    return derive_relations(atlas.events, atlas.polities)


@st.cache_resource(show_spinner=False)
def get_relations_url(folder: str, stamp: tuple) -> str:
    """The URL of the relations layer's data, published under static/gen/ once per data version."""
    atlas = get_atlas(folder, stamp)
    payload = relations_payload(get_relations(folder, stamp), atlas.polities, atlas.places, atlas.events)
    data = payload_bytes(payload)
    return publish_generated(ROOT / "static", payload_name(data), data)


@st.cache_resource(max_entries=512, show_spinner=False)
def events_in_view(
    folder: str, stamp: tuple, year: int, mode: str, n: int, filters: Filters
) -> tuple[EventFeature, ...]:
    """The events in view, in date order, per (year, window, filters): found once and shared read-only, so
    a step back costs nothing and no step copies or scans the whole atlas (8,400 events at 100x)."""
    atlas = get_atlas(folder, stamp)
    return tuple(visible_events(atlas.events, year, mode, n, filters, atlas.places))


@st.cache_resource(max_entries=512, show_spinner=False)
def event_list_rows(
    folder: str, stamp: tuple, year: int, mode: str, n: int, filters: Filters, order: str
) -> tuple[dict[str, Any], ...]:
    """The event list's rows per (year, window, filters, order), made once and shared read-only: a step
    back to a year seen before makes none (~6 ms a year at 100x data)."""
    atlas = get_atlas(folder, stamp)
    return list_rows(events_in_view(folder, stamp, year, mode, n, filters), atlas.places, order)


@st.cache_resource(max_entries=256, show_spinner=False)
def polities_of_year(folder: str, stamp: tuple, year: int) -> tuple[PolityFeature, ...]:
    """The polity shapes drawn in ``year`` (for the legend), found once per year and shared read-only."""
    return tuple(polities_in_year(get_atlas(folder, stamp).polities, year))


@st.cache_resource(show_spinner=False)
def atlas_index(folder: str, stamp: tuple) -> tuple[dict[str, int], dict[str, str], list[str]]:
    """Event start years by id, polity names, event kinds: computed once per data version."""
    atlas = get_atlas(folder, stamp)
    starts = {e["id"]: e["properties"]["start"] for e in atlas.events}
    return starts, participant_polities(atlas.events), kinds_in(atlas.events)


@st.cache_resource(show_spinner=False)
def event_spans(folder: str, stamp: tuple) -> dict[str, tuple[int, int]]:
    """Each event's ``(start, end)`` years by id: where a pick from a relation's arc takes the year."""
    return {e["id"]: (e["properties"]["start"], e["properties"]["end"]) for e in get_atlas(folder, stamp).events}


@st.cache_resource(max_entries=64, show_spinner=False)
def timeline_data(folder: str, stamp: tuple, filters: Filters) -> list[dict]:
    """The timeline's rows (or counts, for big data) for these filters: independent of the year, so a
    year step only moves the rule. Shared read-only; callers must not modify it."""
    from components.timeline import AGGREGATE_ABOVE, aggregate_rows

    atlas = get_atlas(folder, stamp)
    rows = timeline_rows(filter_events(atlas.events, filters, atlas.places))
    return aggregate_rows(rows) if len(rows) > AGGREGATE_ABOVE else rows
