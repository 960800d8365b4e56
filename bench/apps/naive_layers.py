"""The naive baseline's layers: the year's polities and events as folium objects in the map itself.

This is how a streamlit-folium app is usually written, and how the atlas drew its map before
geo/livemap.py. The benchmark keeps it to measure what the live map saves; the atlas does not use it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from geo.features import EventFeature, PlaceFeature, PolityFeature
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
from geo.windows import fade, polities_in_year


def js_template_safe(text: str) -> str:
    """Escape what a JavaScript template literal would interpret: backslash, backtick and ``${``.

    folium puts popup and tooltip HTML into template literals, where ``${...}`` in data would run.
    """
    return text.replace("\\", "\\\\").replace("`", "\\`").replace("${", "\\${")


class EventTag(MacroElement):
    """Sets ``layer.feature`` so a click returns the event id through st_folium's ``last_active_drawing``."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "{{ this._parent.get_name() }}.feature = {{ this.feature|tojson }};"
        "{% if this.open_popup %}{{ this._parent.get_name() }}.once('add', function (e) {"
        " setTimeout(function () { e.target.openPopup(); }, 50); });{% endif %}"
        "{% endmacro %}"
    )

    def __init__(self, event_id: str, open_popup: bool = False) -> None:
        super().__init__()
        self._name = "EventTag"
        self.feature = {"type": "Feature", "properties": {"event_id": event_id}}
        self.open_popup = open_popup


def _fix_ids(root: Any, prefix: str) -> None:
    """Give every element under ``root`` a fixed id so the same map renders the same JavaScript."""
    counter = 0

    def walk(el: Any) -> None:
        nonlocal counter
        for child in list(getattr(el, "_children", {}).values()):
            child._id = f"{prefix}{counter}"
            counter += 1
            walk(child)

    walk(root)


def base_map(
    land: Mapping[str, Any] | None, rivers: Mapping[str, Any] | None, places: Mapping[str, PlaceFeature]
) -> folium.Map:
    """The map without anything that changes with the year: sea, land, rivers, period place labels.

    Its JavaScript is identical on every call with the same data (fixed element ids), so st_folium
    keeps its iframe and only swaps the year's feature groups.
    """
    m = folium.Map(
        location=list(MAP_CENTER),
        zoom_start=MAP_ZOOM,
        tiles=None,
        min_zoom=3,
        max_zoom=10,
        control_scale=True,
        prefer_canvas=False,
    )
    m._id = "atlas"
    use_local_assets(m)
    m.get_root().header.add_child(Element(MAP_CSS), name="atlas_css")
    if land:
        folium.GeoJson(
            land,
            name="land",
            interactive=False,
            control=False,
            style_function=lambda _f: {"fillColor": LAND, "color": LAND_EDGE, "weight": 0.7, "fillOpacity": 1.0},
        ).add_to(m)
    if rivers:
        folium.GeoJson(
            rivers,
            name="rivers",
            interactive=False,
            control=False,
            style_function=lambda _f: {"color": RIVER, "weight": 1.4, "opacity": 0.9},
        ).add_to(m)
    for pid in sorted(places):
        p = places[pid]
        props = p.get("properties", {})
        if props.get("kind") in ("region", "river") or props.get("precision") == "disputed":
            continue
        lon, lat = p["geometry"]["coordinates"]
        folium.Marker(
            [lat, lon],
            interactive=False,
            icon=folium.DivIcon(
                html=html_text(props.get("name", pid)),
                class_name="place-label",
                icon_size=(140, 14),
                icon_anchor=(3, 7),
            ),
        ).add_to(m)
    _fix_ids(m, "b")
    return m


def _screen_bearing(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Clockwise degrees from north of the segment a -> b (lon, lat) as drawn in Web Mercator."""

    def merc_y(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    dx = math.radians(b[0] - a[0])
    dy = merc_y(b[1]) - merc_y(a[1])
    return math.degrees(math.atan2(dx, dy)) % 360


def _round(coords: Any, nd: int = 3) -> Any:
    if isinstance(coords, (int, float)):
        return round(coords, nd)
    return [_round(c, nd) for c in coords]


def polity_group(polities: Iterable[PolityFeature], year: int) -> folium.FeatureGroup:
    """The polities drawn in ``year``, coloured by ``color``, tooltip name and status."""
    fg = folium.FeatureGroup(name="polities")
    feats = []
    for f in polities_in_year(polities, year):
        pr = f["properties"]
        color = polity_color(pr)
        status = pr.get("status", "")
        overlord = f" of {pr['overlord']}" if pr.get("overlord") and status in ("vassal", "tributary") else ""
        feats.append(
            {
                "type": "Feature",
                "geometry": {"type": f["geometry"]["type"], "coordinates": _round(f["geometry"]["coordinates"])},
                "properties": {
                    "name": html_text(pr.get("name")),
                    "status": html_text(status + overlord),
                    "color": color,
                    "contested": status == "contested",
                },
            }
        )
    if feats:
        folium.GeoJson(
            {"type": "FeatureCollection", "features": feats},
            name="polity-shapes",
            style_function=lambda f: {
                "fillColor": f["properties"]["color"],
                "color": f["properties"]["color"],
                "weight": 1.2,
                "fillOpacity": 0.28,
                "opacity": 0.8,
                "dashArray": "5 4" if f["properties"]["contested"] else None,
            },
            highlight_function=lambda _f: {"fillOpacity": 0.4, "weight": 2},
            tooltip=folium.GeoJsonTooltip(fields=["name", "status"], aliases=["", ""], labels=False, sticky=True),
        ).add_to(fg)
    return fg


def event_group(
    events: Iterable[EventFeature],
    places: Mapping[str, PlaceFeature],
    sources: Mapping[str, Mapping[str, Any]],
    year: int,
    mode: str,
    selected: str | None = None,
) -> folium.FeatureGroup:
    """The events in view: circles (points) and arrows (movements) coloured by kind.

    Uncertain dates are drawn dashed and translucent; a disputed place also shows its candidate sites
    (hollow circles naming who proposed them) joined to the event by dashed lines.
    """
    fg = folium.FeatureGroup(name="events")
    for e in events:
        p = e["properties"]
        color = kind_color(p["kind"])
        k = fade(e, year, mode)
        uncertain = bool(p.get("uncertain"))
        opacity = (0.55 if uncertain else 0.95) * k
        fill_opacity = (0.35 if uncertain else 0.85) * k
        dash = "4 3" if uncertain else None
        is_sel = e["id"] == selected
        popup = folium.Popup(js_template_safe(popup_html(e, places, sources)), max_width=360)
        tooltip = folium.Tooltip(js_template_safe(tooltip_text(e)))
        css = f"atlas-event ev-{e['id']}"
        geom = e["geometry"]
        if geom["type"] == "Point":
            lon, lat = geom["coordinates"]
            layer = folium.CircleMarker(
                [lat, lon],
                radius=11 if is_sel else 8,
                color="#111111" if is_sel else "#333333",
                weight=3 if is_sel else 1.5,
                fill_color=color,
                fill_opacity=fill_opacity,
                opacity=opacity,
                dash_array=dash,
                class_name=css,
            )
            anchor = (lon, lat)
        else:
            coords = geom["coordinates"]
            layer = folium.PolyLine(
                [[la, lo] for lo, la in coords],
                color=color,
                weight=5 if is_sel else 3.5,
                opacity=opacity,
                dash_array=dash,
                class_name=css,
            )
            anchor = tuple(coords[0])
            angle = _screen_bearing(tuple(coords[-2]), tuple(coords[-1]))
            arrow = folium.Marker(
                [coords[-1][1], coords[-1][0]],
                icon=folium.DivIcon(
                    html=(
                        f'<div class="atlas-arrow" style="color:{color};opacity:{opacity:.2f};'
                        f'transform:rotate({angle:.0f}deg)">▲</div>'
                    ),
                    icon_size=(14, 14),
                    icon_anchor=(7, 7),
                    class_name=f"ev-arrow ev-{e['id']}",
                ),
            )
            arrow.add_child(folium.Popup(js_template_safe(popup_html(e, places, sources)), max_width=360))
            arrow.add_child(EventTag(e["id"]))
            arrow.add_to(fg)
        layer.add_child(popup)
        layer.add_child(tooltip)
        layer.add_child(EventTag(e["id"], open_popup=is_sel))
        layer.add_to(fg)
        for ref in p.get("places", []):
            place = places.get(ref.get("place"), {})
            pp = place.get("properties", {})
            if pp.get("precision") != "disputed":
                continue
            plon, plat = place["geometry"]["coordinates"]
            if geom["type"] == "Point":
                plon, plat = anchor
            for cand in pp.get("candidates") or []:
                folium.PolyLine(
                    [[plat, plon], [cand["lat"], cand["lon"]]],
                    color="#555555",
                    weight=1.2,
                    dash_array="3 4",
                    opacity=0.8 * k,
                    interactive=False,
                ).add_to(fg)
                tip = (
                    f"Candidate site for {html_text(pp.get('name'))}: <b>{html_text(cand.get('name'))}</b>"
                    f"{' (' + html_text(cand['modern_name']) + ')' if cand.get('modern_name') else ''}"
                    f"<br>proposed by {html_text(cand.get('proposed_by'))}"
                )
                folium.CircleMarker(
                    [cand["lat"], cand["lon"]],
                    radius=5,
                    color="#333333",
                    weight=1.5,
                    fill=False,
                    opacity=0.9 * k,
                    class_name="atlas-candidate",
                ).add_child(folium.Tooltip(js_template_safe(tip))).add_to(fg)
    return fg


def year_layers(
    polities: Iterable[PolityFeature],
    events: Iterable[EventFeature],
    places: Mapping[str, PlaceFeature],
    sources: Mapping[str, Mapping[str, Any]],
    year: int,
    mode: str = "year",
    selected: str | None = None,
) -> list[folium.FeatureGroup]:
    """The feature groups that change with the year: polities, then events on top."""
    return [polity_group(polities, year), event_group(events, places, sources, year, mode, selected)]
