"""The map as the browser runs it: one static bundle of layers, filtered by year in the browser.

Why: st_folium re-sends its whole map script and the year's feature groups on every rerun, so a
design that rebuilds the year's layers in Python pays for every polygon and popup on every step
(~180 KB and ~250 ms here). Instead the atlas is prepared once per data version as a JSON
*bundle* (polities, events with their escaped popups, candidate sites, labels, land, rivers),
served by Streamlit's static file server and fetched once by the map's iframe. The drawing code,
``geo/atlas_layers.js``, is a plain JavaScript file served the same way under a content-addressed
name; the base ``folium.Map`` only loads it and calls ``atlasInit(map, options)`` in one line, so
its JavaScript is identical on every rerun. What changes with the year is a feature group holding
one tiny element that calls ``window.atlasApply({...})`` with the year, the window, the filtered
ids and the selection. The browser then adds and removes the layers whose years touch the window.

Pure Python (no Streamlit). Every string from the data is HTML-escaped in Python before it goes
into the bundle (the ``*_html`` keys); the JavaScript inserts those strings as HTML (popups,
tooltips, labels) and never evaluates them. Values reach the map's script only through folium's
``tojavascript`` filter: JSON with ``<``, ``>``, ``&`` and ``'`` as ``\\u`` escapes.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NotRequired, TypedDict, cast

import folium
from branca.element import Element, Figure, MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template

from geo.features import EventFeature, Places, PolityFeature, Sources
from geo.labels import PolityLabel, polity_labels, polity_names
from geo.offline import use_local_assets
from geo.render import (
    LAND,
    LAND_EDGE,
    MAP_CENTER,
    MAP_CSS,
    MAP_ZOOM,
    MAX_ZOOM,
    MIN_ZOOM,
    RIVER,
    html_text,
    kind_color,
    polity_color,
    polity_tooltip_html,
    popup_html,
    tooltip_text,
)
from geo.routes import bent, candidate_sites, midpoint, round_coords, route_lanes, screen_bearing
from geo.windows import EARLIEST_YEAR

LAYERS_JS = Path(__file__).with_name("atlas_layers.js")
#: The drawing code as the app serves it, in this order: the click and label helpers atlas_layers.js uses,
#: the drawing code itself (atlasInit), and the Streamlit side (atlasStreamlit), which a static page leaves out.
SCRIPT_FILES = (
    LAYERS_JS.with_name("atlas_pick.js"),
    LAYERS_JS.with_name("atlas_labels.js"),
    LAYERS_JS,
    LAYERS_JS.with_name("atlas_streamlit.js"),
)

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
    minor: bool  #: a place no event names (a capital only): labelled from zoom 6 on
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
    geometry = {"type": f["geometry"]["type"], "coordinates": round_coords(f["geometry"]["coordinates"])}
    key = json.dumps(geometry, separators=(",", ":"))
    if key not in geom_index:  # the synthetic scale data splits periods but keeps shapes: share them
        geom_index[key] = len(geoms)
        geoms.append(geometry)
    entry: PolityEntry = {
        "id": f["id"],
        "start": pr["start"],
        "end": pr["end"],
        "color": polity_color(pr),
        "geom": geom_index[key],
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


def _label_entries(events: list[EventFeature], places: Places) -> list[LabelEntry]:
    rank = Counter(ref.get("place") for e in events for ref in e["properties"].get("places", []))
    labels: list[LabelEntry] = []
    for pid in sorted(places):
        props = places[pid].get("properties", {})
        if props.get("kind") in ("region", "river") or props.get("precision") == "disputed":
            continue
        lon, lat = places[pid]["geometry"]["coordinates"]
        # places no event names (capitals of polities only) are labelled from zoom 6 on, so that
        # the beylik seats of western Anatolia do not bury the places of the events at zoom 5
        labels.append(
            {
                "lat": round(lat, 4),
                "lon": round(lon, 4),
                "name_html": html_text(props.get("name", pid)),
                "minor": pid not in rank,
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


def bundle_name(data: bytes) -> str:
    """A content-addressed file name, so a changed atlas gets a new URL (and no stale cache)."""
    return f"atlas-{hashlib.sha256(data).hexdigest()[:16]}.json"


def layers_script() -> tuple[str, bytes]:
    """The drawing code's content-addressed file name and bytes: a changed file gets a new URL."""
    data = b"\n".join(path.read_bytes() for path in SCRIPT_FILES)
    return f"atlas-layers-{hashlib.sha256(data).hexdigest()[:16]}.js", data


# --------------------------------------------------------------------------- the folium side


class AtlasLayers(JSCSSMixin):
    """Loads the drawing code (like a folium plugin's script), calls ``atlasInit(map, options)`` and hands
    the result to ``atlasStreamlit``, which reports selections to Streamlit without delay."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "atlasStreamlit(atlasInit({{ this._parent.get_name() }}, {{ this.options|tojavascript }}));"
        "{% endmacro %}"
    )

    def __init__(
        self, script_url: str, bundle_url: str, slider_label: str | None = None, detail_selector: str | None = None
    ) -> None:
        super().__init__()
        self._name = "AtlasLayers"
        self.default_js = [("atlas_layers", script_url)]
        # keys are camelCase already: tojavascript would camelize snake_case ones
        self.options = {
            "bundleUrl": bundle_url,
            "earliestYear": EARLIEST_YEAR,
            "sliderLabel": slider_label,
            "detailSelector": detail_selector,
            "fillHeight": True,  # the page sizes the map's frame to the window (components/layout.py)
            "viewParam": "view",  # geo/urlstate.py: the map's centre and zoom in the shared link
            "landStyle": {"fillColor": LAND, "color": LAND_EDGE, "weight": 0.7, "fillOpacity": 1.0},
            "riverStyle": {"color": RIVER, "weight": 1.4, "opacity": 0.9},
        }


class YearState(MacroElement):
    """The only thing sent when the year changes: one call of ``window.atlasApply``."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "if (window.atlasApply) { window.atlasApply({{ this.state|tojavascript }}); }"
        "{% endmacro %}"
    )

    def __init__(self, state: Mapping[str, Any]) -> None:
        super().__init__()
        self._name = "YearState"
        self.state = dict(state)


_EXTRA_CSS = """<style>
.atlas-load-error { background: #fff3f0; color: #8a1c00; padding: 6px 10px; border: 1px solid #e0a090;
  font: 13px sans-serif; max-width: 260px; }
</style>"""


def live_base_map(
    bundle_url: str, script_url: str, slider_label: str | None = None, detail_selector: str | None = None
) -> folium.Map:
    """The base map: no tiles, local Leaflet, the drawing code and the bundle's URL.

    Identical JavaScript on every call with the same arguments, so st_folium keeps its iframe (zoom
    and pan survive a step). ``slider_label`` is the aria-label of the page's year slider, which the
    map follows while it moves; ``detail_selector`` finds the page's detail panel ("+N more sources").
    """
    m = folium.Map(
        location=list(MAP_CENTER),
        zoom_start=MAP_ZOOM,
        tiles=None,
        min_zoom=MIN_ZOOM,
        max_zoom=MAX_ZOOM,
        control_scale=True,
        fade_animation=False,  # a popup shows, and goes, the moment it is clicked
    )
    m._id = "atlas"
    use_local_assets(m)
    root = m.get_root()
    assert isinstance(root, Figure)  # a folium.Map's root is always its Figure
    root.header.add_child(Element(MAP_CSS + _EXTRA_CSS), name="atlas_css")
    layers = AtlasLayers(script_url, bundle_url, slider_label, detail_selector)
    layers._id = "layers"
    m.add_child(layers, name="atlas_layers")
    return m


def year_state(
    year: int, lo: int, hi: int, mode: str, ids: Iterable[str] | None, selected: str | None, n: int = 0
) -> dict[str, Any]:
    """The state the browser needs to draw a year: window bounds (and N, so the browser can move
    the window itself while the slider moves), filtered ids (None = all), selection."""
    return {
        "year": int(year),
        "lo": int(lo),
        "hi": int(hi),
        "mode": mode,
        "n": int(n),
        "ids": None if ids is None else sorted(ids),
        "sel": selected,
    }


def year_group(state: Mapping[str, Any]) -> folium.FeatureGroup:
    """The feature group st_folium swaps in on each step: just the state, a few hundred bytes."""
    fg = folium.FeatureGroup(name="year", control=False)
    fg._id = "year"
    element = YearState(state)
    element._id = "state"
    fg.add_child(element, name="state")
    return fg
