"""The map's bundle: everything the map can draw, prepared once per data version as escaped JSON.

Polities (borders shared between periods stored once), events with their escaped popups, candidate
sites, place names, land and rivers; geo/parts.py splits it into the parts the browser fetches, and
geo/livemap.py is the folium side that hands their URLs to the drawing code. The TypedDicts below
document every key the JavaScript reads.

Pure Python (no Streamlit). Every string from the data is HTML-escaped in Python before it goes
into the bundle (the ``*_html`` keys); the JavaScript inserts those strings as HTML (popups,
tooltips, labels) and never evaluates them.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any, NotRequired, TypedDict, cast

from geo.features import EventFeature, Places, PolityFeature, Sources
from geo.labels import PolityLabel, polity_labels, polity_names
from geo.render import (
    MAP_ZOOM,
    html_text,
    kind_color,
    polity_color,
    polity_tooltip_html,
    popup_html,
    tooltip_text,
)
from geo.routes import bent, candidate_sites, midpoint, round_coords, route_lanes, screen_bearing

# --------------------------------------------------------------------------- the bundle's keys
# Every key the JavaScript reads. Years are inclusive; coordinates are [lon, lat] (GeoJSON order);
# a value under a key ending in ``_html`` is HTML with every data string escaped.


class PolityEntry(TypedDict):
    """One period of a polity's extent."""

    id: str  #: the polity feature's id (a slug: used in CSS class names)
    start: int
    end: int
    color: str  #: ``#rrggbb``
    geom: int  #: index into ``Bundle.geoms`` (periods with the same shape share one)
    dashed: bool  #: contested
    hatched: bool  #: vassal or tributary (lighter fill, dotted edge)
    tooltip_html: str  #: name and status
    name_html: str  #: the name drawn on the map (its short form: "Golden Horde")
    status_html: str  #: "tributary of the Golden Horde" under the name, or "" (sovereign)
    label: NotRequired[list[float]]  #: [lon, lat] inside the shape where the name goes (geo/labels.py)
    label_near: NotRequired[list[float]]  #: the same for the part of the shape in the opening view, if elsewhere
    label_size: int  #: 1 (smallest) to 4: how big the name is drawn, by the area of the shape's largest part


class CandidateEntry(TypedDict):
    """A proposed site of a disputed place, joined to the event by a dashed line."""

    anchor: list[float]  #: where the dashed line starts (the event's point, or the place's)
    site: list[float]
    tooltip_html: str  #: the site, its modern name and who proposed it


class EventEntry(TypedDict):
    """One event."""

    id: str  #: a slug (used in CSS class names)
    start: int
    end: int
    color: str  #: ``#rrggbb``, by kind
    uncertain: bool  #: drawn dashed and translucent
    low: bool  #: rests on the unreliable source: drawn with a dotted dark-red ring (a dotted line for a movement)
    shape: str  #: ``Point`` or ``LineString`` (a movement, drawn with an arrow head)
    coords: list[Any]  #: a position, or a list of them for a LineString (bowed out where routes are shared)
    popup_html: str
    tooltip_html: str
    bearing: NotRequired[int]  #: LineString only: the arrow head's rotation, degrees clockwise from north
    label_html: NotRequired[str]  #: LineString only: a short label drawn along it ("Maria → Abaqa"), if any
    label_at: NotRequired[list[float]]  #: where that label goes: halfway along the line
    candidates: NotRequired[list[CandidateEntry]]  #: only for an event at a disputed place


class LabelEntry(TypedDict):
    """A place name on the map."""

    lat: float
    lon: float
    name_html: str
    zoom: int  #: shown from this zoom on: the most named places first, places no event names one zoom later
    rank: int  #: how many events name the place: where labels collide, the higher rank keeps its place


class Bundle(TypedDict):
    """Everything the map draws, fetched once by the browser (``bundle_bytes``)."""

    geoms: list[Any]  #: GeoJSON geometries of the polities, rounded to 0.001°
    polities: list[PolityEntry]
    events: list[EventEntry]
    labels: list[LabelEntry]
    land: dict[str, Any]  #: GeoJSON FeatureCollection
    rivers: dict[str, Any]  #: GeoJSON FeatureCollection


#: The map's region (west, south, east, north): a polity's name goes inside the part of its shape in it,
#: so the Mongol Empire is not named in China.
LABEL_BBOX = (10.0, 28.0, 60.0, 55.0)
#: About what the map shows when it opens: a second place for the name of a shape that reaches far
#: beyond it (the Golden Horde's name would otherwise sit on the Volga, out of sight).
OPENING_BBOX = (20.0, 34.0, 40.0, 50.0)


def _polity_entry(
    f: PolityFeature,
    geom_index: dict[str, int],
    geoms: list[Any],
    label: PolityLabel | None,
    near: PolityLabel | None = None,
    names: Mapping[str, str] | None = None,
) -> PolityEntry:
    pr = f["properties"]
    status = str(pr.get("status") or "")
    raw = json.dumps(f["geometry"], separators=(",", ":"))
    if raw not in geom_index:  # periods that keep their border share one rounded copy
        geometry = {"type": f["geometry"]["type"], "coordinates": round_coords(f["geometry"]["coordinates"])}
        key = json.dumps(geometry, separators=(",", ":"))
        if key not in geom_index:
            geom_index[key] = len(geoms)
            geoms.append(geometry)
        geom_index[raw] = geom_index[key]
    entry: PolityEntry = {
        "id": f["id"],
        "start": pr["start"],
        "end": pr["end"],
        "color": polity_color(pr),
        "geom": geom_index[raw],
        "dashed": status == "contested",
        "hatched": status in ("vassal", "tributary"),
        "tooltip_html": polity_tooltip_html(pr, names or {}),
        "name_html": html_text(label.short_name if label else pr.get("name")),
        "status_html": html_text(label.status_line or "") if label else "",
        "label_size": label.size if label else 1,
    }
    if label is not None:
        entry["label"] = [label.lon, label.lat]
        if near is not None and (near.lon, near.lat) != (label.lon, label.lat):
            entry["label_near"] = [near.lon, near.lat]
    return entry


def _event_entry(e: EventFeature, places: Places, sources: Sources, lane: int = 0) -> EventEntry:
    p = e["properties"]
    geom = e["geometry"]
    coords = round_coords(geom["coordinates"], 4)
    if geom["type"] == "LineString":
        coords = round_coords(bent(coords, lane), 4)  # a route another event shares: bowed apart
    entry: EventEntry = {
        "id": e["id"],
        "start": p["start"],
        "end": p["end"],
        "color": kind_color(p["kind"]),
        "uncertain": bool(p.get("uncertain")),
        "low": p.get("reliability") == "low",
        "shape": geom["type"],
        "coords": coords,
        "popup_html": popup_html(e, places, sources),
        "tooltip_html": tooltip_text(e, sources),
    }
    if geom["type"] == "LineString":
        entry["bearing"] = round(screen_bearing(coords[-2], coords[-1]))
        if p.get("map_label"):
            entry["label_html"], entry["label_at"] = html_text(p["map_label"]), round_coords(midpoint(coords), 4)
    cands = candidate_sites(e, places, coords if geom["type"] == "Point" else None)
    if cands:
        entry["candidates"] = cast(list[CandidateEntry], cands)
    return entry


#: Place names shown at the map's opening zoom; each zoom level in shows twice as many more. The atlas has
#: fewer than this; the 100x benchmark data would otherwise put 4,900 names on the opening map.
LABELS_AT_OPENING_ZOOM = 60


def _label_zoom(rank: int, first: int) -> int:
    """The zoom from which the ``rank``-th name of a list (0 = most named) is shown: tiers of 60, 120, 240, ..."""
    zoom, size = first, LABELS_AT_OPENING_ZOOM
    while rank >= size:
        rank -= size
        zoom, size = zoom + 1, size * 2
    return zoom


def _label_entries(events: list[EventFeature], places: Places) -> list[LabelEntry]:
    rank = Counter(ref.get("place") for e in events for ref in e["properties"].get("places", []))
    shown = [
        pid
        for pid in sorted(places)
        if places[pid].get("properties", {}).get("kind") not in ("region", "river")
        and places[pid].get("properties", {}).get("precision") != "disputed"
    ]
    # the places events name, most named first, from the opening zoom; places no event names (capitals of
    # polities only) from one zoom in, so that the beylik seats of western Anatolia do not bury the places
    # of the events at the opening zoom
    used = sorted((pid for pid in shown if rank[pid]), key=lambda pid: (-rank[pid], pid))
    zoom = {pid: _label_zoom(i, MAP_ZOOM) for i, pid in enumerate(used)}
    zoom |= {pid: _label_zoom(i, MAP_ZOOM + 1) for i, pid in enumerate(pid for pid in shown if not rank[pid])}
    labels: list[LabelEntry] = []
    for pid in shown:
        props = places[pid].get("properties", {})
        lon, lat = places[pid]["geometry"]["coordinates"]
        labels.append(
            {
                "lat": round(lat, 4),
                "lon": round(lon, 4),
                "name_html": html_text(props.get("name", pid)),
                "zoom": zoom[pid],
                "rank": rank.get(pid, 0),
            }
        )
    return labels


def build_bundle(
    polities: Iterable[PolityFeature],
    events: Iterable[EventFeature],
    places: Places,
    sources: Sources,
    land: Mapping[str, Any] | None = None,
    rivers: Mapping[str, Any] | None = None,
) -> Bundle:
    """Everything the map draws (see :class:`Bundle` for its keys), every data string HTML-escaped."""
    geom_index: dict[str, int] = {}
    geoms: list[Any] = []
    polities = list(polities)
    labels = {lab.feature_id: lab for lab in polity_labels(polities, bbox=LABEL_BBOX)}
    near = {lab.feature_id: lab for lab in polity_labels(polities, bbox=OPENING_BBOX)}
    names = polity_names(polities)
    pol = [_polity_entry(f, geom_index, geoms, labels.get(f["id"]), near.get(f["id"]), names) for f in polities]
    events = list(events)
    lanes = route_lanes(events)
    return {
        "geoms": geoms,
        "polities": pol,
        "events": [_event_entry(e, places, sources, lanes.get(e["id"], 0)) for e in events],
        "labels": _label_entries(events, places),
        "land": dict(land or {"type": "FeatureCollection", "features": []}),
        "rivers": dict(rivers or {"type": "FeatureCollection", "features": []}),
    }


def bundle_bytes(bundle: Mapping[str, Any]) -> bytes:
    """The bundle as compact UTF-8 JSON."""
    return json.dumps(bundle, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
