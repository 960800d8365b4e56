"""Timeline of all events by year and kind, with a rule at the current year; a click selects.

The Vega-Lite spec is written as a plain dict (see :func:`timeline_spec`): building it through
Altair validated the whole spec against its JSON Schema on every rerun, which cost ~90 ms per
year step, more than everything else on the page together.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

import streamlit as st

from components.state import select_event
from geo.render import kind_color
from geo.timemodel import YEAR_MAX, YEAR_MIN

CHART_KEY = "timeline"
#: Above this many events the chart shows counts per five years and kind instead of one bar per
#: event: the spec travels to the browser on every step, and 7,700 bars are neither light nor legible.
AGGREGATE_ABOVE = 400
BIN_YEARS = 5


def _year_rule(year: int, x_scale: dict[str, Any]) -> dict[str, Any]:
    return {
        "data": {"values": [{"year": year + 0.5}]},
        "mark": {"type": "rule", "color": "#b00020", "strokeWidth": 2},
        "encoding": {"x": {"field": "year", "type": "quantitative", "scale": x_scale}},
    }


def aggregate_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Counts of events per five years and kind (each event counted in every bin it touches)."""
    counts: dict[tuple[int, str], int] = {}
    for r in rows:
        lo, hi = max(r["start"], YEAR_MIN - BIN_YEARS), min(r["end"], YEAR_MAX)
        for b in range(lo - lo % BIN_YEARS, hi + 1, BIN_YEARS):
            counts[(b, r["kind"])] = counts.get((b, r["kind"]), 0) + 1
    return [
        {"bin": b, "bin_end": b + BIN_YEARS, "kind": k, "n": n, "years": f"{b}–{b + BIN_YEARS - 1}"}
        for (b, k), n in sorted(counts.items())
    ]


def _chart(
    values: list[dict[str, Any]], year: int, mark: dict[str, Any], x: str, x2: str, extra: dict[str, Any]
) -> dict[str, Any]:
    """One bar layer per kind row over the atlas's years, coloured by kind, and the year's rule."""
    kinds = sorted({v["kind"] for v in values})
    x_scale = {"domain": [YEAR_MIN, YEAR_MAX + 1]}
    encoding = {
        "x": {"field": x, "type": "quantitative", "scale": x_scale, "title": None, "axis": {"format": "d"}},
        "x2": {"field": x2},
        "y": {"field": "kind", "type": "nominal", "title": None, "sort": kinds},
        "color": {
            "field": "kind",
            "type": "nominal",
            "legend": None,
            "scale": {"domain": kinds, "range": [kind_color(k) for k in kinds]},
        },
        **extra.pop("encoding"),
    }
    bars = {"data": {"values": values}, "mark": mark, "encoding": encoding, **extra}
    return {"height": max(120, 22 * len(kinds)), "layer": [bars, _year_rule(year, x_scale)]}


def aggregated_spec(values: list[dict[str, Any]], year: int) -> dict[str, Any]:
    """The spec for counts made by :func:`aggregate_rows`, with the current year marked."""
    encoding = {
        "opacity": {"field": "n", "type": "quantitative", "legend": None, "scale": {"range": [0.2, 1]}},
        "tooltip": [
            {"field": "kind", "type": "nominal"},
            {"field": "years", "type": "nominal"},
            {"field": "n", "type": "quantitative", "title": "events"},
        ],
    }
    mark = {"type": "bar", "height": 12, "clip": True}
    return _chart(values, year, mark, "bin", "bin_end", {"encoding": encoding})


def timeline_spec(rows: list[dict[str, Any]], year: int, selected: str | None) -> dict[str, Any]:
    """A Vega-Lite spec: one bar per event from its start to its end year, one row per kind."""
    values = [{**r, "end1": r["end"] + 1, "selected": r["id"] == selected} for r in rows]
    encoding = {
        "opacity": {"condition": {"test": "datum.uncertain", "value": 0.45}, "value": 0.95},
        "stroke": {"condition": {"test": "datum.selected", "value": "#000"}, "value": None},
        "strokeWidth": {"value": 2},
        "tooltip": [
            {"field": "title", "type": "nominal", "title": "event"},
            {"field": "label", "type": "nominal", "title": "date"},
        ],
    }
    mark = {"type": "bar", "height": 9, "cornerRadius": 2, "clip": True}
    pick = [{"name": "pick", "select": {"type": "point", "fields": ["id"], "on": "click"}}]
    return _chart(values, year, mark, "start", "end1", {"encoding": encoding, "params": pick})


def _on_select(spans: Mapping[str, tuple[int, int]]) -> None:
    sel = st.session_state[CHART_KEY].selection.get("pick") or []
    if sel and isinstance(sel, list) and isinstance(sel[0], dict) and sel[0].get("id") in spans:
        eid = sel[0]["id"]
        select_event(eid, spans[eid])  # the year moves only if the event is outside the window


def timeline(rows: list[dict[str, Any]], year: int, selected: str | None) -> None:
    """Draw the timeline with the current year marked: ``rows`` from ``timeline_rows`` (one per
    event), or counts from :func:`aggregate_rows` when there are too many events for bars."""
    if not rows:
        return
    if "bin" in rows[0]:
        st.caption(f"Too many events for one bar each: counts per {BIN_YEARS} years and kind.")
        st.vega_lite_chart(aggregated_spec(rows, year), width="stretch", key=CHART_KEY + "_counts")
        return
    st.vega_lite_chart(
        timeline_spec(rows, year, selected),
        width="stretch",
        key=CHART_KEY,
        on_select=partial(_on_select, {r["id"]: (r["start"], r["end"]) for r in rows}),
        selection_mode="pick",
    )
