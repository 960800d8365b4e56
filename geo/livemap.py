"""The map as the browser runs it: one static bundle of layers, filtered by year in the browser.

Why: st_folium re-sends its whole map script and the year's feature groups on every rerun, so a
design that rebuilds the year's layers in Python pays for every polygon and popup on every step
(~180 KB and ~250 ms here). Instead the atlas is prepared once per data version as a JSON
*bundle* (polities, events with their escaped popups, candidate sites, labels, land, rivers),
served by Streamlit's static file server and fetched once by the map's iframe. The base
``folium.Map`` only carries the bundle's URL and the drawing code, so its JavaScript is identical
on every rerun; what changes with the year is a feature group holding one tiny element that calls
``window.atlasApply({...})`` with the year, the window, the filtered ids and the selection. The
browser then adds and removes the layers whose years touch the window; nothing is re-sent.

Pure Python (no Streamlit). Every string from the data is HTML-escaped in Python before it goes
into the bundle; the JavaScript inserts those strings as HTML (popups, tooltips, labels) and
never evaluates them.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from geo.offline import use_local_assets
from geo.render import (
    _MAP_CSS,
    LAND,
    LAND_EDGE,
    MAP_CENTER,
    MAP_ZOOM,
    RIVER,
    html_text,
    kind_color,
    popup_html,
    tooltip_text,
)

Feature = dict[str, Any]

_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
BUNDLE_VERSION = 1


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


def _polity_entry(f: Feature, geom_index: dict[str, int], geoms: list[Any]) -> dict[str, Any]:
    pr = f["properties"]
    color = pr.get("color") if _COLOR.fullmatch(str(pr.get("color"))) else "#888888"
    status = str(pr.get("status") or "")
    overlord = f" of {pr['overlord']}" if pr.get("overlord") and status in ("vassal", "tributary") else ""
    geometry = {"type": f["geometry"]["type"], "coordinates": _round(f["geometry"]["coordinates"])}
    key = json.dumps(geometry, separators=(",", ":"))
    if key not in geom_index:  # the synthetic scale data splits periods but keeps shapes: share them
        geom_index[key] = len(geoms)
        geoms.append(geometry)
    return {
        "id": f["id"],
        "s": pr["start"],
        "e": pr["end"],
        "c": color,
        "g": geom_index[key],
        "dash": status == "contested",
        "hatch": status in ("vassal", "tributary"),
        "tip": f"<b>{html_text(pr.get('name'))}</b><br>{html_text(status + overlord)}",
    }


def _event_entry(e: Feature, places: Mapping[str, Feature], sources: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    p = e["properties"]
    geom = e["geometry"]
    coords = _round(geom["coordinates"], 4)
    entry: dict[str, Any] = {
        "id": e["id"],
        "s": p["start"],
        "e": p["end"],
        "c": kind_color(p["kind"]),
        "u": bool(p.get("uncertain")),
        "t": geom["type"],
        "xy": coords,
        "pop": popup_html(e, places, sources),
        "tip": tooltip_text(e),
    }
    if geom["type"] == "LineString":
        entry["rot"] = round(_screen_bearing(coords[-2], coords[-1]))
    cands = []
    anchor = coords if geom["type"] == "Point" else None
    for ref in p.get("places", []):
        place = places.get(ref.get("place"), {})
        pp = place.get("properties", {})
        if pp.get("precision") != "disputed":
            continue
        a = anchor or _round(place["geometry"]["coordinates"], 4)
        for cand in pp.get("candidates") or []:
            modern = f" ({html_text(cand['modern_name'])})" if cand.get("modern_name") else ""
            cands.append(
                {
                    "from": a,
                    "xy": [round(cand["lon"], 4), round(cand["lat"], 4)],
                    "tip": (
                        f"Candidate site for {html_text(pp.get('name'))}: <b>{html_text(cand.get('name'))}</b>"
                        f"{modern}<br>proposed by {html_text(cand.get('proposed_by'))}"
                    ),
                }
            )
    if cands:
        entry["cand"] = cands
    return entry


def build_bundle(
    polities: Iterable[Feature],
    events: Iterable[Feature],
    places: Mapping[str, Feature],
    sources: Mapping[str, Mapping[str, Any]],
    land: Mapping[str, Any] | None = None,
    rivers: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Everything the map draws, with every data string already HTML-escaped."""
    geom_index: dict[str, int] = {}
    geoms: list[Any] = []
    pol = [_polity_entry(f, geom_index, geoms) for f in polities]
    events = list(events)
    used = {ref.get("place") for e in events for ref in e["properties"].get("places", [])}
    labels = []
    for pid in sorted(places):
        props = places[pid].get("properties", {})
        if props.get("kind") in ("region", "river") or props.get("precision") == "disputed":
            continue
        lon, lat = places[pid]["geometry"]["coordinates"]
        # places no event names (capitals of polities only) are labelled from zoom 6 on, so that
        # the beylik seats of western Anatolia do not bury the places of the events at zoom 5
        labels.append([round(lat, 4), round(lon, 4), html_text(props.get("name", pid)), int(pid not in used)])
    return {
        "v": BUNDLE_VERSION,
        "geoms": geoms,
        "polities": pol,
        "events": [_event_entry(e, places, sources) for e in events],
        "labels": labels,
        "land": land or {"type": "FeatureCollection", "features": []},
        "rivers": rivers or {"type": "FeatureCollection", "features": []},
    }


def bundle_bytes(bundle: Mapping[str, Any]) -> bytes:
    """The bundle as compact UTF-8 JSON."""
    return json.dumps(bundle, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def bundle_name(data: bytes) -> str:
    """A content-addressed file name, so a changed atlas gets a new URL (and no stale cache)."""
    return f"atlas-{hashlib.sha256(data).hexdigest()[:16]}.json"


def js_value(value: Any) -> str:
    """``value`` as a JavaScript literal that is safe inside a ``<script>`` and in ``eval``."""
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


_LAYERS_JS = (Path(__file__).with_name("atlas_layers.js")).read_text(encoding="utf-8")


class AtlasLayers(MacroElement):
    """The drawing code of the map: fetches the bundle once and defines ``window.atlasApply``."""

    _template = Template("{% macro script(this, kwargs) %}" + _LAYERS_JS + "{% endmacro %}")

    def __init__(self, bundle_url: str, slider_label: str = "Year") -> None:
        super().__init__()
        self._name = "AtlasLayers"
        self.url_js = js_value(bundle_url)
        self.slider_label_js = js_value(slider_label)
        self.land_style = js_value({"fillColor": LAND, "color": LAND_EDGE, "weight": 0.7, "fillOpacity": 1.0})
        self.river_style = js_value({"color": RIVER, "weight": 1.4, "opacity": 0.9})


class YearState(MacroElement):
    """The only thing sent when the year changes: one call of ``window.atlasApply``."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "if (window.atlasApply) { window.atlasApply({{ this.state_js }}); }"
        "{% endmacro %}"
    )

    def __init__(self, state: Mapping[str, Any]) -> None:
        super().__init__()
        self._name = "YearState"
        self.state_js = js_value(dict(state))


_EXTRA_CSS = """<style>
.atlas-load-error { background: #fff3f0; color: #8a1c00; padding: 6px 10px; border: 1px solid #e0a090;
  font: 13px sans-serif; max-width: 260px; }
</style>"""


def live_base_map(bundle_url: str) -> folium.Map:
    """The base map: no tiles, local Leaflet, the drawing code and the bundle's URL. Identical JS on
    every call with the same URL, so st_folium keeps its iframe (zoom and pan survive a step)."""
    m = folium.Map(
        location=list(MAP_CENTER), zoom_start=MAP_ZOOM, tiles=None, min_zoom=3, max_zoom=10, control_scale=True
    )
    m._id = "atlas"
    use_local_assets(m)
    m.get_root().header.add_child(Element(_MAP_CSS + _EXTRA_CSS), name="atlas_css")
    layers = AtlasLayers(bundle_url)
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
