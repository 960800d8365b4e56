"""The list of events in view, in story order (or by kind or place); clicking a row selects the event."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from components.state import select_event
from geo.features import EventFeature, Places
from geo.tables import LIST_ORDERS, event_rows, ordered_events

TABLE_KEY = "event_table"
#: More rows than anyone reads in a year; beyond it the list says how many more there are, so a
#: step never ships thousands of rows (the synthetic 100x data has ~200 events in a year).
MAX_ROWS = 250


def _on_select() -> None:
    ids = st.session_state.get("_table_ids", [])
    rows = st.session_state[TABLE_KEY].selection.rows
    if rows and rows[0] < len(ids):
        select_event(ids[rows[0]])  # a row of the list is in view: the year stays


def list_rows(events: Sequence[EventFeature], places: Places, order: str) -> tuple[dict[str, Any], ...]:
    """The table's rows: the first :data:`MAX_ROWS` of ``events`` (given in story order) in ``order``."""
    return tuple(event_rows(ordered_events(events, order, places)[:MAX_ROWS], places))


def event_list(count: int, rows_in: Callable[[str], Sequence[dict[str, Any]]]) -> None:
    """A one-row-selectable table of the ``count`` events in view, in the order the reader chose;
    ``rows_in(order)`` gives its rows (:func:`list_rows`, kept per view by the caller)."""
    order = st.radio("Order", list(LIST_ORDERS), key="list_order", horizontal=True, format_func=LIST_ORDERS.get)
    rows = rows_in(order or "story")
    st.session_state["_table_ids"] = [r["id"] for r in rows]
    if not rows:
        st.caption("No events in this window with these filters.")
        return
    if count > MAX_ROWS:
        st.caption(
            f"Showing the first {MAX_ROWS} of {count} events in view; narrow the window or the "
            "filters to see the rest (the downloads hold all of them)."
        )
    df = pd.DataFrame(rows)[["date", "title", "kind", "places", "participants", "reliability", "uncertain"]]
    st.dataframe(
        df,
        hide_index=True,
        width="stretch",
        key=TABLE_KEY,
        on_select=_on_select,
        selection_mode="single-row",
        height=min(400, 38 + 35 * len(rows)),
        column_config={"uncertain": st.column_config.CheckboxColumn("date uncertain")},
    )
