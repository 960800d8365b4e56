"""Timeline of all events by year and kind, with a rule at the current year; a click selects."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from components.state import select_event
from geo.query import timeline_rows
from geo.render import kind_color
from geo.timemodel import YEAR_MAX, YEAR_MIN

CHART_KEY = "timeline"


def _on_select(starts: Mapping[str, int]) -> None:
    sel = st.session_state[CHART_KEY].selection.get("pick") or []
    if sel and isinstance(sel, list) and isinstance(sel[0], dict) and sel[0].get("id") in starts:
        eid = sel[0]["id"]
        select_event(eid, starts[eid])


def timeline(events: list[dict[str, Any]], year: int, starts: Mapping[str, int],
             selected: str | None) -> None:
    """Bars from start to end year per event, one row per kind."""
    rows = timeline_rows(events)
    if not rows:
        return
    df = pd.DataFrame(rows)
    df["end1"] = df["end"] + 1
    df["selected"] = df["id"] == (selected or "")
    kinds = sorted(df["kind"].unique())
    pick = alt.selection_point(name="pick", fields=["id"], on="click")
    x = alt.X("start:Q", scale=alt.Scale(domain=[YEAR_MIN, YEAR_MAX + 1]), title=None,
              axis=alt.Axis(format="d"))
    bars = alt.Chart(df).mark_bar(height=9, cornerRadius=2).encode(
        x=x, x2="end1:Q",
        y=alt.Y("kind:N", title=None, sort=kinds),
        color=alt.Color("kind:N", scale=alt.Scale(domain=kinds, range=[kind_color(k) for k in kinds]),
                        legend=None),
        opacity=alt.condition("datum.uncertain", alt.value(0.45), alt.value(0.95)),
        stroke=alt.condition("datum.selected", alt.value("#000"), alt.value(None)),
        strokeWidth=alt.value(2),
        tooltip=[alt.Tooltip("title:N", title="event"), alt.Tooltip("label:N", title="date")],
    ).add_params(pick)
    rule = alt.Chart(pd.DataFrame({"year": [year + 0.5]})).mark_rule(color="#b00020", strokeWidth=2).encode(
        x=alt.X("year:Q"))
    chart = (bars + rule).properties(height=max(120, 22 * len(kinds)))
    st.altair_chart(chart, width="stretch", key=CHART_KEY, on_select=partial(_on_select, starts),
                    selection_mode="pick")
