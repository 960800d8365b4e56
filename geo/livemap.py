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
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, NotRequired, TypedDict

import branca.element
import folium
import jinja2
from branca.element import Element, Figure, MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template

from geo.features import EventFeature, Places, PolityFeature, Sources
from geo.offline import use_local_assets
from geo.render import (
    LAND,
    LAND_EDGE,
    MAP_CENTER,
    MAP_CSS,
    MAP_ZOOM,
    RIVER,
    html_text,
    kind_color,
    polity_color,
    popup_html,
    tooltip_text,
)
from geo.windows import EARLIEST_YEAR

LAYERS_JS = Path(__file__).with_name("atlas_layers.js")
#: The drawing code as the app serves it, in one file, in this order: the data store atlas_layers.js
#: reads (geo/atlas_parts.js), then the drawing code itself (atlasInit).
SCRIPT_FILES = (LAYERS_JS.with_name("atlas_parts.js"), LAYERS_JS)

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
    shape: str  #: ``Point`` or ``LineString`` (a movement, drawn with an arrow head)
    coords: list[Any]  #: a position, or a list of them for a LineString
    popup_html: str
    tooltip_html: str
    bearing: NotRequired[int]  #: LineString only: the arrow head's rotation, degrees clockwise from north
    candidates: NotRequired[list[CandidateEntry]]  #: only for an event at a disputed place


class LabelEntry(TypedDict):
    """A place name on the map."""

    lat: float
    lon: float
    name_html: str
    zoom: int  #: shown from this zoom on: the most named places first, places no event names one zoom later


class Bundle(TypedDict):
    """Everything the map draws, fetched once by the browser (``bundle_bytes``)."""

    geoms: list[Any]  #: GeoJSON geometries of the polities, rounded to 0.001°
    polities: list[PolityEntry]
    events: list[EventEntry]
    labels: list[LabelEntry]
    land: dict[str, Any]  #: GeoJSON FeatureCollection
    rivers: dict[str, Any]  #: GeoJSON FeatureCollection


def _round(coords: Any, nd: int = 3) -> Any:
    if isinstance(coords, int | float):
        return round(coords, nd)
    return [_round(c, nd) for c in coords]


def _screen_bearing(a: list[float], b: list[float]) -> float:
    """Clockwise degrees from north of the segment a -> b (lon, lat) as drawn in Web Mercator."""

    def merc_y(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    dx = math.radians(b[0] - a[0])
    dy = merc_y(b[1]) - merc_y(a[1])
    return math.degrees(math.atan2(dx, dy)) % 360


def _polity_entry(f: PolityFeature, geom_index: dict[str, int], geoms: list[Any]) -> PolityEntry:
    pr = f["properties"]
    status = str(pr.get("status") or "")
    overlord = f" of {pr['overlord']}" if pr.get("overlord") and status in ("vassal", "tributary") else ""
    raw = json.dumps(f["geometry"], separators=(",", ":"))
    if raw not in geom_index:  # periods that keep their border share one rounded copy
        geometry = {"type": f["geometry"]["type"], "coordinates": _round(f["geometry"]["coordinates"])}
        key = json.dumps(geometry, separators=(",", ":"))
        if key not in geom_index:
            geom_index[key] = len(geoms)
            geoms.append(geometry)
        geom_index[raw] = geom_index[key]
    return {
        "id": f["id"],
        "start": pr["start"],
        "end": pr["end"],
        "color": polity_color(pr),
        "geom": geom_index[raw],
        "dashed": status == "contested",
        "hatched": status in ("vassal", "tributary"),
        "tooltip_html": f"<b>{html_text(pr.get('name'))}</b><br>{html_text(status + overlord)}",
    }


def _candidates(e: EventFeature, places: Places, anchor: list[float] | None) -> list[CandidateEntry]:
    """The proposed sites of the event's disputed places."""
    out: list[CandidateEntry] = []
    for ref in e["properties"].get("places", []):
        place = places.get(ref["place"])
        if place is None or place["properties"].get("precision") != "disputed":
            continue
        pp = place["properties"]
        start = anchor or _round(place["geometry"]["coordinates"], 4)
        for cand in pp.get("candidates") or []:
            modern = f" ({html_text(cand['modern_name'])})" if cand.get("modern_name") else ""
            out.append(
                {
                    "anchor": start,
                    "site": [round(cand["lon"], 4), round(cand["lat"], 4)],
                    "tooltip_html": (
                        f"Candidate site for {html_text(pp.get('name'))}: <b>{html_text(cand.get('name'))}</b>"
                        f"{modern}<br>proposed by {html_text(cand.get('proposed_by'))}"
                    ),
                }
            )
    return out


def _event_entry(e: EventFeature, places: Places, sources: Sources) -> EventEntry:
    p = e["properties"]
    geom = e["geometry"]
    coords = _round(geom["coordinates"], 4)
    entry: EventEntry = {
        "id": e["id"],
        "start": p["start"],
        "end": p["end"],
        "color": kind_color(p["kind"]),
        "uncertain": bool(p.get("uncertain")),
        "shape": geom["type"],
        "coords": coords,
        "popup_html": popup_html(e, places, sources),
        "tooltip_html": tooltip_text(e),
    }
    if geom["type"] == "LineString":
        entry["bearing"] = round(_screen_bearing(coords[-2], coords[-1]))
    cands = _candidates(e, places, coords if geom["type"] == "Point" else None)
    if cands:
        entry["candidates"] = cands
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
    named = Counter(ref.get("place") for e in events for ref in e["properties"].get("places", []))
    shown = [
        pid
        for pid in sorted(places)
        if places[pid].get("properties", {}).get("kind") not in ("region", "river")
        and places[pid].get("properties", {}).get("precision") != "disputed"
    ]
    # the places events name, most named first, from the opening zoom; places no event names (capitals of
    # polities only) from one zoom in, so that the beylik seats of western Anatolia do not bury the places
    # of the events at the opening zoom
    used = sorted((pid for pid in shown if named[pid]), key=lambda pid: (-named[pid], pid))
    zoom = {pid: _label_zoom(rank, MAP_ZOOM) for rank, pid in enumerate(used)}
    zoom |= {pid: _label_zoom(rank, MAP_ZOOM + 1) for rank, pid in enumerate(pid for pid in shown if not named[pid])}
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
    pol = [_polity_entry(f, geom_index, geoms) for f in polities]
    events = list(events)
    return {
        "geoms": geoms,
        "polities": pol,
        "events": [_event_entry(e, places, sources) for e in events],
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


@lru_cache(maxsize=256)
def _compiled(source: str) -> jinja2.Template:
    """A jinja template compiled once per source text (templates are immutable; rendering is thread-safe)."""
    return jinja2.Template(source)


# branca wraps every rendered piece of a map (the header, each script) in a new Element whose text is
# compiled as a jinja template, every time a map is rendered: st_folium renders the whole base map on
# every run, so ~10 ms of each year step went to compiling the same texts again. Each text is now
# compiled once (by source; the year's few-hundred-byte state is the only new text of a step).
branca.element.Template = _compiled  # type: ignore[misc,assignment]


class AtlasLayers(JSCSSMixin):
    """Loads ``atlas_layers.js`` (like a folium plugin's script) and calls ``atlasInit(map, options)``."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "atlasInit({{ this._parent.get_name() }}, {{ this.options|tojavascript }});"
        "{% endmacro %}"
    )

    def __init__(self, script_url: str, data: str | Mapping[str, Any], slider_label: str | None = None) -> None:
        super().__init__()
        self._name = "AtlasLayers"
        self.default_js = [("atlas_layers", script_url)]
        # keys are camelCase already: tojavascript would camelize snake_case ones
        self.options = {
            # the bundle in parts (geo/parts.py, with URLs), or the whole bundle's URL
            ("bundleUrl" if isinstance(data, str) else "parts"): data,
            "earliestYear": EARLIEST_YEAR,
            "sliderLabel": slider_label,
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


def live_base_map(bundle: str | Mapping[str, Any], script_url: str, slider_label: str | None = None) -> folium.Map:
    """The base map: no tiles, local Leaflet, the drawing code and the bundle's URL.

    Identical JavaScript on every call with the same arguments, so st_folium keeps its iframe (zoom
    and pan survive a step). ``slider_label`` is the aria-label of the page's year slider, which the
    map follows while it moves.
    """
    m = folium.Map(
        location=list(MAP_CENTER), zoom_start=MAP_ZOOM, tiles=None, min_zoom=3, max_zoom=10, control_scale=True
    )
    m._id = "atlas"
    use_local_assets(m)
    root = m.get_root()
    assert isinstance(root, Figure)  # a folium.Map's root is always its Figure
    root.header.add_child(Element(MAP_CSS + _EXTRA_CSS), name="atlas_css")
    layers = AtlasLayers(script_url, bundle, slider_label)
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
