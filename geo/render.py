"""HTML and Leaflet layers for the atlas: popups, tooltips, legend, the base map, per-year layers.

Pure Python (folium, no Streamlit). Every string that comes from the data passes through
:func:`html_text` (HTML-escaped) and, where folium puts it into a JavaScript template literal
(popups, tooltips), through :func:`js_template_safe` as well: ``${...}`` in data would otherwise be
evaluated in the map's iframe, and a stray backslash or backtick would blank the whole map.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from geo.offline import use_local_assets
from geo.query import fade, polities_in_year

Feature = dict[str, Any]

MAP_CENTER = (42.0, 32.0)
MAP_ZOOM = 5
SEA = "#c9dbe3"
LAND = "#f1ead8"
LAND_EDGE = "#a99d82"
RIVER = "#7fa7bd"

#: Colour per event kind, in families: diplomacy blue/teal, war red/orange, territory brown,
#: people purple/grey.
KIND_COLORS: dict[str, str] = {
    "embassy": "#1f78b4", "letter": "#4a9fd8", "marriage": "#e377c2", "treaty": "#17a2a2",
    "alliance": "#0b6e6e", "tribute": "#6baed6", "promise": "#89c4e1", "submission": "#2c5f8a",
    "siege": "#d62728", "battle": "#a50f15", "invasion": "#e6550d", "raid": "#fd8d3c",
    "campaign": "#f16913", "capture": "#cb181d", "occupation": "#b3541e",
    "cession": "#8c6d31", "partition": "#a6761d", "settlement": "#bd9e39",
    "imprisonment": "#6a3d9a", "release": "#9e7bc4", "plot": "#54278f", "accession": "#807dba",
    "death": "#525252", "journey": "#2ca25f",
}
FALLBACK_COLOR = "#444444"

PRECISION_WORDS = {
    "exact": "site known", "approximate": "approximate site", "region": "region (representative point)",
    "disputed": "site disputed",
}

# --------------------------------------------------------------------------- escaping


def html_text(value: Any) -> str:
    """HTML-escape ``value`` (as text), quotes included."""
    return html.escape("" if value is None else str(value), quote=True)


def js_template_safe(text: str) -> str:
    """Escape what a JavaScript template literal would interpret: backslash, backtick and ``${``."""
    return text.replace("\\", "\\\\").replace("`", "\\`").replace("${", "\\${")


def safe(value: Any) -> str:
    """HTML-escaped and safe inside a JS template literal: for folium popups and tooltips."""
    return js_template_safe(html_text(value))


#: Every ASCII punctuation character: CommonMark lets a backslash escape each of them, and ``&`` (entities),
#: ``=`` (setext headings), ``"``/``'`` and ``:`` (Streamlit's ``:color[...]`` and emoji) all matter.
_MD_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")


def markdown_text(value: Any) -> str:
    """Escape every Markdown special character so ``st.markdown`` shows ``value`` literally."""
    return _MD_SPECIAL.sub(r"\\\1", "" if value is None else str(value))


# --------------------------------------------------------------------------- HTML fragments


def kind_color(kind: str) -> str:
    """The legend colour of an event kind."""
    return KIND_COLORS.get(kind, FALLBACK_COLOR)


def place_line(event: Feature, places: Mapping[str, Feature]) -> str:
    """Plain text: the event's places with the precision of each (``Vicina (site disputed)``)."""
    parts = []
    for ref in event["properties"].get("places", []):
        p = places.get(ref.get("place"), {}).get("properties", {})
        name = p.get("name", ref.get("place"))
        prec = PRECISION_WORDS.get(p.get("precision"), p.get("precision") or "")
        parts.append(f"{name} ({prec})" if prec else str(name))
    return "; ".join(dict.fromkeys(parts))


def citation_html(citation: Mapping[str, Any], sources: Mapping[str, Mapping[str, Any]]) -> str:
    """One citation: short source title, locator, and the quoted words in quotation marks."""
    src = sources.get(citation.get("source"), {})
    title = src.get("short_title") or citation.get("source")
    warn = ' <span class="atlas-warn">unreliable source</span>' if src.get("reliability") == "low" else ""
    return (f'<span class="atlas-src">{html_text(title)}</span>, {html_text(citation.get("locator"))}: '
            f'<q class="atlas-quote">{html_text(citation.get("quote"))}</q>{warn}')


def popup_html(event: Feature, places: Mapping[str, Feature],
               sources: Mapping[str, Mapping[str, Any]]) -> str:
    """The popup of an event, escaped for HTML (call :func:`js_template_safe` before folium)."""
    p = event["properties"]
    uncertain = " · date uncertain" if p.get("uncertain") else ""
    cites = "".join(f"<li>{citation_html(c, sources)}</li>" for c in p.get("citations", []))
    low = ""
    if p.get("reliability") == "low":
        low = '<div class="atlas-warn">From an unreliable source: check the notes.</div>'
    return (
        f'<div class="atlas-popup" data-event="{html_text(event["id"])}">'
        f'<div class="atlas-title">{html_text(p.get("title"))}</div>'
        f'<div class="atlas-meta">{html_text(p.get("date_label"))}{html_text(uncertain)} · '
        f'{html_text(p.get("kind"))}</div>'
        f'<div class="atlas-place">{html_text(place_line(event, places))}</div>'
        f'<div class="atlas-summary">{html_text(p.get("summary"))}</div>{low}'
        f'<ul class="atlas-cites">{cites}</ul></div>'
    )


def tooltip_text(event: Feature) -> str:
    """Tooltip HTML of an event (escaped): title and the date in the source's words."""
    p = event["properties"]
    return f"<b>{html_text(p.get('title'))}</b><br>{html_text(p.get('date_label'))}"


def legend_html(kinds: Iterable[str], polities: Iterable[Feature]) -> str:
    """The legend: event kinds shown, how uncertainty is drawn, and polity colours of the year."""
    kind_items = "".join(
        f'<span class="lg-item"><span class="lg-dot" style="background:{kind_color(k)}"></span>'
        f"{html_text(k)}</span>" for k in kinds)
    seen: dict[str, tuple[str, str]] = {}
    for f in polities:
        pr = f["properties"]
        color = pr.get("color", "#888888")
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", str(color)):
            color = "#888888"
        seen.setdefault(pr.get("polity", f.get("id")), (pr.get("name", ""), color))
    pol_items = "".join(
        f'<span class="lg-item"><span class="lg-box" style="background:{c}"></span>{html_text(n)}</span>'
        for n, c in seen.values())
    return (
        "<style>.atlas-legend{font:13px/1.5 sans-serif}.lg-item{display:inline-block;margin-right:.8em;"
        "white-space:nowrap}.lg-dot{display:inline-block;width:11px;height:11px;border-radius:50%;"
        "margin-right:4px;vertical-align:-1px;border:1px solid #333}.lg-box{display:inline-block;"
        "width:14px;height:10px;margin-right:4px;opacity:.6;border:1px solid #333}"
        ".lg-unc{display:inline-block;width:11px;height:11px;border-radius:50%;margin-right:4px;"
        "border:2px dashed #333;opacity:.5;vertical-align:-2px}</style>"
        '<div class="atlas-legend">'
        f"<div><b>Events</b>: {kind_items or 'none in view'} "
        '<span class="lg-item"><span class="lg-unc"></span>uncertain date (dashed, translucent)</span> '
        '<span class="lg-item">▶ direction of a movement</span></div>'
        f"<div><b>Polities in this year</b>: {pol_items or 'none'}</div></div>"
    )


def source_html(text: str, spans: list[tuple[int, int, str]], active: int | None = None) -> str:
    """A seed text as escaped HTML with each ``(start, end, title)`` span in ``<mark>``.

    The active span gets ``id="atlas-active-quote"`` so a script can scroll it into view;
    overlapping spans are merged into the first.
    """
    out, pos = [], 0
    ordered = sorted(enumerate(spans), key=lambda t: t[1][0])
    for idx, (start, end, title) in ordered:
        if start < pos:
            continue
        out.append(html_text(text[pos:start]))
        attrs = f' title="{html_text(title)}" data-span="{idx}"'
        if idx == active:
            attrs += ' id="atlas-active-quote" class="active"'
        out.append(f"<mark{attrs}>{html_text(text[start:end])}</mark>")
        pos = end
    out.append(html_text(text[pos:]))
    return ('<div class="atlas-seed" style="white-space:pre-wrap;font:14px/1.55 Georgia,serif;'
            'max-height:480px;overflow:auto;border:1px solid #ddd;padding:10px 14px;background:#fffdf7">'
            + "".join(out) + "</div>"
            "<style>.atlas-seed mark{background:#fdf1a6}.atlas-seed mark.active{background:#ffc94d;"
            "outline:2px solid #e0a000}</style>")


# --------------------------------------------------------------------------- folium pieces


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


_MAP_CSS = f"""<style>
.leaflet-container {{ background: {SEA}; font-family: sans-serif; }}
.place-label {{ font: 11px/1.1 Georgia, serif; color: #4a3f2c; white-space: nowrap;
  text-shadow: 0 0 2px {LAND}, 0 0 2px {LAND}, 0 0 3px #fff; pointer-events: none; }}
.place-label::before {{ content: ""; display: inline-block; width: 4px; height: 4px; border-radius: 50%;
  background: #4a3f2c; margin-right: 3px; vertical-align: 1px; }}
.atlas-arrow {{ font-size: 14px; line-height: 14px; text-align: center; }}
.atlas-popup {{ font: 13px/1.35 sans-serif; max-width: 340px; }}
.atlas-title {{ font-weight: bold; font-size: 14px; }}
.atlas-meta, .atlas-place {{ color: #555; }}
.atlas-summary {{ margin: 4px 0; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical;
  overflow: hidden; }}
.atlas-cites {{ margin: 4px 0 0 0; padding-left: 16px; }}
.atlas-src {{ font-style: italic; }}
.atlas-warn {{ color: #8a1c00; background: #ffe8d6; padding: 0 4px; border-radius: 3px; font-weight: bold; }}
</style>"""


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


def base_map(land: Mapping[str, Any] | None, rivers: Mapping[str, Any] | None,
             places: Mapping[str, Feature]) -> folium.Map:
    """The map without anything that changes with the year: sea, land, rivers, period place labels.

    Its JavaScript is identical on every call with the same data (fixed element ids), so st_folium
    keeps its iframe and only swaps the year's feature groups.
    """
    m = folium.Map(location=list(MAP_CENTER), zoom_start=MAP_ZOOM, tiles=None, min_zoom=3, max_zoom=10,
                   control_scale=True, prefer_canvas=False)
    m._id = "atlas"
    use_local_assets(m)
    m.get_root().header.add_child(Element(_MAP_CSS), name="atlas_css")
    if land:
        folium.GeoJson(land, name="land", interactive=False, control=False,
                       style_function=lambda _f: {"fillColor": LAND, "color": LAND_EDGE, "weight": 0.7,
                                                  "fillOpacity": 1.0}).add_to(m)
    if rivers:
        folium.GeoJson(rivers, name="rivers", interactive=False, control=False,
                       style_function=lambda _f: {"color": RIVER, "weight": 1.4, "opacity": 0.9}).add_to(m)
    for pid in sorted(places):
        p = places[pid]
        props = p.get("properties", {})
        if props.get("kind") in ("region", "river") or props.get("precision") == "disputed":
            continue
        lon, lat = p["geometry"]["coordinates"]
        folium.Marker(
            [lat, lon], interactive=False,
            icon=folium.DivIcon(html=html_text(props.get("name", pid)), class_name="place-label",
                                icon_size=(140, 14), icon_anchor=(3, 7)),
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


def polity_group(polities: Iterable[Feature], year: int) -> folium.FeatureGroup:
    """The polities drawn in ``year``, coloured by ``color``, tooltip name and status."""
    fg = folium.FeatureGroup(name="polities")
    feats = []
    for f in polities_in_year(polities, year):
        pr = f["properties"]
        color = pr.get("color") if re.fullmatch(r"#[0-9a-fA-F]{6}", str(pr.get("color"))) else "#888888"
        status = pr.get("status", "")
        overlord = f" of {pr['overlord']}" if pr.get("overlord") and status in ("vassal", "tributary") else ""
        feats.append({"type": "Feature", "geometry": {"type": f["geometry"]["type"],
                                                      "coordinates": _round(f["geometry"]["coordinates"])},
                      "properties": {"name": html_text(pr.get("name")), "status": html_text(status + overlord),
                                     "color": color, "contested": status == "contested"}})
    if feats:
        folium.GeoJson(
            {"type": "FeatureCollection", "features": feats}, name="polity-shapes",
            style_function=lambda f: {
                "fillColor": f["properties"]["color"], "color": f["properties"]["color"],
                "weight": 1.2, "fillOpacity": 0.28, "opacity": 0.8,
                "dashArray": "5 4" if f["properties"]["contested"] else None},
            highlight_function=lambda _f: {"fillOpacity": 0.4, "weight": 2},
            tooltip=folium.GeoJsonTooltip(fields=["name", "status"], aliases=["", ""], labels=False,
                                          sticky=True),
        ).add_to(fg)
    return fg


def event_group(events: Iterable[Feature], places: Mapping[str, Feature],
                sources: Mapping[str, Mapping[str, Any]], year: int, mode: str,
                selected: str | None = None) -> folium.FeatureGroup:
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
                [lat, lon], radius=11 if is_sel else 8, color="#111111" if is_sel else "#333333",
                weight=3 if is_sel else 1.5, fill_color=color, fill_opacity=fill_opacity, opacity=opacity,
                dash_array=dash, class_name=css)
            anchor = (lon, lat)
        else:
            coords = geom["coordinates"]
            layer = folium.PolyLine([[la, lo] for lo, la in coords], color=color,
                                    weight=5 if is_sel else 3.5, opacity=opacity, dash_array=dash,
                                    class_name=css)
            anchor = tuple(coords[0])
            angle = _screen_bearing(tuple(coords[-2]), tuple(coords[-1]))
            arrow = folium.Marker(
                [coords[-1][1], coords[-1][0]],
                icon=folium.DivIcon(
                    html=(f'<div class="atlas-arrow" style="color:{color};opacity:{opacity:.2f};'
                          f'transform:rotate({angle:.0f}deg)">▲</div>'),
                    icon_size=(14, 14), icon_anchor=(7, 7), class_name=f"ev-arrow ev-{e['id']}"))
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
                folium.PolyLine([[plat, plon], [cand["lat"], cand["lon"]]], color="#555555", weight=1.2,
                                dash_array="3 4", opacity=0.8 * k, interactive=False).add_to(fg)
                tip = (f"Candidate site for {html_text(pp.get('name'))}: <b>{html_text(cand.get('name'))}</b>"
                       f"{' (' + html_text(cand['modern_name']) + ')' if cand.get('modern_name') else ''}"
                       f"<br>proposed by {html_text(cand.get('proposed_by'))}")
                folium.CircleMarker([cand["lat"], cand["lon"]], radius=5, color="#333333", weight=1.5,
                                    fill=False, opacity=0.9 * k, class_name="atlas-candidate"
                                    ).add_child(folium.Tooltip(js_template_safe(tip))).add_to(fg)
    return fg


def year_layers(polities: Iterable[Feature], events: Iterable[Feature], places: Mapping[str, Feature],
                sources: Mapping[str, Mapping[str, Any]], year: int, mode: str = "year",
                selected: str | None = None) -> list[folium.FeatureGroup]:
    """The feature groups that change with the year: polities, then events on top."""
    return [polity_group(polities, year), event_group(events, places, sources, year, mode, selected)]
