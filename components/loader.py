"""The atlas as the app holds it: loaded, validated and prepared once per data version, shared by
all sessions (read-only). Kept out of app.py so the cached functions are defined once, not on
every rerun."""

from __future__ import annotations

import json
import os
from pathlib import Path

import streamlit as st

from geo.atlas import Atlas, load_atlas
from geo.livemap import build_bundle, bundle_bytes, bundle_name, layers_script
from geo.offline import publish_generated
from geo.relations import Relation, derive_relations
from geo.relations_view import payload_bytes, payload_name, relations_payload, relations_script
from geo.search import Filters, filter_events, kinds_in, participant_polities
from geo.tables import timeline_rows
from geo.windows import visible_events

ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The data folder: ``$ATLAS_DATA_DIR`` or ``data/`` beside this file."""
    return Path(os.environ.get("ATLAS_DATA_DIR") or ROOT / "data").resolve()


def stamp_of(folder: Path) -> tuple[tuple[str, float], ...]:
    """File names and modification times, so edited data is reloaded."""
    return tuple((p.name, p.stat().st_mtime) for p in sorted(folder.glob("*.*json")))


@st.cache_resource(show_spinner="Loading the atlas…")
def get_atlas(folder: str, stamp: tuple) -> Atlas:
    """The validated atlas, loaded once per data version and shared (read-only) by all sessions."""
    return load_atlas(Path(folder))


@st.cache_data(show_spinner=False)
def get_basemap(folder: str) -> tuple[dict | None, dict | None]:
    """Land and rivers; the project's own basemap when the data folder has none (test fixtures)."""
    out = []
    for name in ("land", "rivers"):
        path = next(
            (
                p
                for p in (Path(folder) / "basemap" / f"{name}.geojson", ROOT / "data" / "basemap" / f"{name}.geojson")
                if p.is_file()
            ),
            None,
        )
        try:
            out.append(json.loads(path.read_text(encoding="utf-8")) if path else None)
        except (OSError, ValueError):
            out.append(None)
    return out[0], out[1]


@st.cache_resource(show_spinner="Preparing the map…")
def get_bundle_url(folder: str, stamp: tuple) -> str:
    """Prepare the map's bundle once per data version and publish it under static/gen/."""
    atlas = get_atlas(folder, stamp)
    land, rivers = get_basemap(folder)
    data = bundle_bytes(build_bundle(atlas.polities, atlas.events, atlas.places, atlas.sources, land, rivers))
    return publish_generated(ROOT / "static", bundle_name(data), data)


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
def get_relations_urls(folder: str, stamp: tuple) -> tuple[str, str]:
    """``(script URL, data URL)`` of the relations layer, published under static/gen/ once per data version."""
    atlas = get_atlas(folder, stamp)
    payload = relations_payload(get_relations(folder, stamp), atlas.polities, atlas.places, atlas.events)
    data = payload_bytes(payload)
    name, script = relations_script()
    return publish_generated(ROOT / "static", name, script), publish_generated(
        ROOT / "static", payload_name(data), data
    )


@st.cache_data(max_entries=512, show_spinner=False)
def visible_ids(folder: str, stamp: tuple, year: int, mode: str, n: int, filters: Filters) -> list[str]:
    """Ids of the events in view: cached per (year, window, filters), so stepping back is free."""
    atlas = get_atlas(folder, stamp)
    return [e["id"] for e in visible_events(atlas.events, year, mode, n, filters, atlas.places)]


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
