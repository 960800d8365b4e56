"""The relations as a reader sees them: arcs for the map, a legend, and the year's matrix in Vega-Lite.

Pure Python (no Streamlit). :func:`relations_payload` turns the derived relations (``geo/relations.py``)
into the JSON the map's second drawing file, ``geo/relations_layer.js``, fetches once: spans of years in
which a relation between two seats stays the same, with every data string HTML-escaped here (the ``*_html``
keys). A static page fetches the same file and calls the same ``relationsInit``. :func:`matrix_spec` is the
compact panel beside the map: one row per pair of polities, one column per kind.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TypedDict

import folium
from folium.elements import JSCSSMixin
from folium.template import Template

from geo.features import EventFeature, Places, PolityFeature
from geo.relations import RELATION_KINDS, Relation, polity_seats
from geo.render import html_text
from geo.timemodel import YEAR_MAX, YEAR_MIN

#: Colour of each relation kind: diplomacy cool, ties warm, war red; distinct from the polity fills.
RELATION_COLORS: dict[str, str] = {
    "alliance": "#1b7837",
    "marriage": "#c51b7d",
    "treaty": "#2166ac",
    "tribute": "#b35806",
    "embassy": "#6a51a3",
    "war": "#d7191c",
}
UNRELIABLE_WORDS = "rests only on the unreliable web summary"
#: The arcs' drawing code: a plain JavaScript file with one entry point, relationsInit(map, options).
RELATIONS_JS = Path(__file__).with_name("relations_layer.js")
UNCERTAIN_WORDS = "date uncertain"


class SpanEntry(TypedDict):
    """A relation between two seats over years in which nothing about it changes."""

    start: int
    end: int
    kind: str  #: a key of RELATION_KINDS
    a: str  #: polity ids (slugs), in alphabetical order
    b: str
    pa: list[float]  #: seat of ``a``, [lon, lat]
    pb: list[float]
    dashed: bool  #: uncertain or unreliable
    events: list[str]  #: the events it rests on, in date order (keys of ``RelationsPayload.events``)
    tip_html: str  #: "marriage tie: Byzantine Empire and Golden Horde", then its marks in words
    note_html: str  #: why a held-over year holds, or ""


class EventRef(TypedDict):
    """What an arc's list says of an event."""

    title_html: str
    date_html: str
    start: int  #: the year a click on it takes the map to


class RelationsPayload(TypedDict):
    """Everything ``relationsInit`` draws (``payload_bytes``)."""

    kinds: list[dict[str, str]]  #: ``{id, label_html, color}`` in legend order
    spans: list[SpanEntry]
    events: dict[str, EventRef]


def _marks(r: Relation) -> list[str]:
    marks = []
    if r.uncertain:
        marks.append(UNCERTAIN_WORDS)
    if r.unreliable:
        marks.append(UNRELIABLE_WORDS)
    return marks


def relation_label(r: Relation, names: Mapping[str, str]) -> str:
    """Plain text: ``marriage tie: Byzantine Empire and Golden Horde`` (names as drawn in that year)."""
    return f"{r.label}: {names.get(r.a, r.a)} and {names.get(r.b, r.b)}"


def relations_payload(
    relations: Iterable[Relation], polities: list[PolityFeature], places: Places, events: Iterable[EventFeature]
) -> RelationsPayload:
    """The JSON the map's relations layer fetches (see :class:`RelationsPayload`), data strings escaped."""
    by_id = {e["id"]: e for e in events}
    seats = {year: polity_seats(polities, places, year) for year in range(YEAR_MIN, YEAR_MAX + 1)}
    spans: list[SpanEntry] = []
    last: dict[tuple[str, str, str], SpanEntry] = {}
    for r in sorted(relations, key=lambda r: (r.a, r.b, r.kind, r.year)):
        year_seats = seats.get(r.year, {})
        if r.a not in year_seats or r.b not in year_seats:
            continue
        (la, pa_lat, na), (lb, pb_lat, nb) = year_seats[r.a], year_seats[r.b]
        marks = _marks(r)
        tip = f"<b>{html_text(r.label)}</b>: {html_text(na)} and {html_text(nb)}"
        if marks:
            tip += "<br>" + html_text("; ".join(marks))
        entry: SpanEntry = {
            "start": r.year,
            "end": r.year,
            "kind": r.kind,
            "a": r.a,
            "b": r.b,
            "pa": [round(la, 4), round(pa_lat, 4)],
            "pb": [round(lb, 4), round(pb_lat, 4)],
            "dashed": r.uncertain or r.unreliable,
            "events": [e for e in r.events if e in by_id],
            "tip_html": tip,
            "note_html": html_text(r.basis),
        }
        key = (r.a, r.b, r.kind)
        prev = last.get(key)
        if prev is not None and prev["end"] == r.year - 1 and _same_but_years(prev, entry):
            prev["end"] = r.year
            continue
        spans.append(entry)
        last[key] = entry
    used = {eid for s in spans for eid in s["events"]}
    return {
        "kinds": [
            {"id": k, "label_html": html_text(v), "color": RELATION_COLORS[k]} for k, v in RELATION_KINDS.items()
        ],
        "spans": sorted(spans, key=lambda s: (s["start"], s["a"], s["b"], list(RELATION_KINDS).index(s["kind"]))),
        "events": {
            eid: {
                "title_html": html_text(by_id[eid]["properties"].get("title")),
                "date_html": html_text(by_id[eid]["properties"].get("date_label")),
                "start": by_id[eid]["properties"]["start"],
            }
            for eid in sorted(used)
        },
    }


def _same_but_years(a: SpanEntry, b: SpanEntry) -> bool:
    return all(a[k] == b[k] for k in a if k not in ("start", "end"))  # type: ignore[literal-required]


def payload_bytes(payload: Mapping[str, Any]) -> bytes:
    """The payload as compact UTF-8 JSON."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def payload_name(data: bytes) -> str:
    """A content-addressed file name: a changed atlas gets a new URL, never a stale cache."""
    return f"relations-{hashlib.sha256(data).hexdigest()[:16]}.json"


def legend_html() -> str:
    """The legend of the relations layer: a line per kind, and what a dashed line means."""
    items = "".join(
        f'<span class="rl-item"><span class="rl-line" style="border-top-color:{RELATION_COLORS[k]}"></span>'
        f"{html_text(label)}</span>"
        for k, label in RELATION_KINDS.items()
    )
    return (
        "<style>.rel-legend{font:13px/1.6 sans-serif}.rl-item{display:inline-block;margin-right:.9em;"
        "white-space:nowrap}.rl-line{display:inline-block;width:22px;height:0;border-top:3px solid #333;"
        "margin-right:5px;vertical-align:3px}.rl-dash{border-top-style:dashed}</style>"
        f'<div class="rel-legend"><b>Relations</b>: {items}'
        '<span class="rl-item"><span class="rl-line rl-dash" style="border-top-color:#555"></span>'
        f"dashed: {html_text(UNCERTAIN_WORDS)}, or {html_text(UNRELIABLE_WORDS)}</span></div>"
    )


def matrix_rows(
    relations: Iterable[Relation], names: Mapping[str, str], events: Mapping[str, EventFeature]
) -> list[dict[str, Any]]:
    """One row per relation of a year for :func:`matrix_spec`: the pair, the kind, its marks and events."""
    rows = []
    for r in relations:
        titles = [events[e]["properties"].get("title", e) for e in r.events if e in events]
        rows.append(
            {
                "pair": f"{names.get(r.a, r.a)} – {names.get(r.b, r.b)}",
                "kind": r.label,
                "marks": "; ".join(_marks(r)) or "—",
                "dashed": r.uncertain or r.unreliable,
                "events": "; ".join(titles),
                "basis": r.basis or "—",
            }
        )
    return rows


def matrix_spec(rows: list[dict[str, Any]], year: int) -> dict[str, Any]:
    """Vega-Lite: pairs of polities down, relation kinds across, a square where a relation holds (hollow and
    dashed when uncertain or unreliable)."""
    kinds = list(RELATION_KINDS.values())
    colors = [RELATION_COLORS[k] for k in RELATION_KINDS]
    color_scale = {"domain": kinds, "range": colors}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": {"text": f"Relations in {year}", "anchor": "start", "fontSize": 13},
        "width": {"step": 26},
        "height": {"step": 22},
        "data": {"values": rows},
        "mark": {"type": "square", "size": 210, "strokeWidth": 2, "filled": True},
        "encoding": {
            "x": {
                "field": "kind",
                "type": "nominal",
                "scale": {"domain": kinds},
                "title": None,
                "axis": {"orient": "top", "labelAngle": -50, "labelOverlap": False, "labelFontSize": 11},
            },
            "y": {
                "field": "pair",
                "type": "nominal",
                "title": None,
                "sort": "ascending",
                "axis": {"labelLimit": 280, "labelFontSize": 11},
            },
            "color": {"field": "kind", "type": "nominal", "scale": color_scale, "legend": None},
            "stroke": {"field": "kind", "type": "nominal", "scale": color_scale, "legend": None},
            "fillOpacity": {"condition": {"test": "datum.dashed", "value": 0.15}, "value": 0.95},
            "strokeDash": {"condition": {"test": "datum.dashed", "value": [3, 2]}, "value": [1, 0]},
            "tooltip": [
                {"field": "pair", "title": "between"},
                {"field": "kind", "title": "relation"},
                {"field": "events", "title": "rests on"},
                {"field": "marks", "title": "marks"},
                {"field": "basis", "title": "held because"},
            ],
        },
        "config": {"view": {"stroke": None}, "axis": {"grid": True, "gridColor": "#eee", "domain": False}},
    }


class RelationsLayer(JSCSSMixin):
    """Calls ``relationsInit(map, {dataUrl})`` (geo/relations_layer.js is part of the atlas's drawing code file)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "relationsInit({{ this._parent.get_name() }}, {{ this.options|tojavascript }});"
        "{% endmacro %}"
    )

    def __init__(self, data_url: str) -> None:
        super().__init__()
        self._name = "RelationsLayer"
        self.options = {"dataUrl": data_url}


def add_relations_layer(m: folium.Map, data_url: str) -> folium.Map:
    """Add the relations layer to the base map (geo/livemap.py ``live_base_map``); the same JavaScript every run.

    It draws nothing until a year's state says ``rel: true``; it follows the year the atlas draws.
    """
    layer = RelationsLayer(data_url)
    layer._id = "relations"
    m.add_child(layer, name="relations_layer")
    return m
