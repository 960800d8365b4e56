"""Search results across the whole century: every matching event with its date; choosing one goes to it."""

from __future__ import annotations

import streamlit as st

from components.state import select_event
from geo.features import EventFeature
from geo.render import markdown_text

#: Key of the results' container (components/layout.py styles its buttons as a list).
RESULTS_KEY = "search_results"
#: More results than a list can show usefully: the rest are counted, and the filters narrow them.
MAX_RESULTS = 60


def _years(e: EventFeature) -> str:
    p = e["properties"]
    return str(p["start"]) if p["start"] == p["end"] else f"{p['start']}–{p['end']}"


def search_results(query: str, found: list[EventFeature], outside: int, window_words: str) -> None:
    """The events matching ``query`` in any year (``outside`` of them not in ``window_words``), as buttons."""
    with st.container(key=RESULTS_KEY):
        st.markdown(
            f"**Search “{markdown_text(query)}”: {len(found)} event{'s' if len(found) != 1 else ''} "
            "in the whole atlas**"
        )
        if not found:
            st.caption("No event matches: try fewer words, or another spelling.")
            return
        if outside:
            st.caption(
                f"{outside} of them lie outside {markdown_text(window_words)}: choosing one goes to its year; "
                "one in view keeps the year."
            )
        for e in found[:MAX_RESULTS]:
            p = e["properties"]
            st.button(
                markdown_text(f"{_years(e)} · {p['title']} ({p['date_label']})"),
                key=f"sr_{e['id']}",
                on_click=select_event,
                args=(e["id"], (p["start"], p["end"])),
                width="stretch",
                type="primary" if st.session_state.get("selected") == e["id"] else "secondary",
            )
        if len(found) > MAX_RESULTS:
            st.caption(f"…and {len(found) - MAX_RESULTS} more: add a word or a filter to narrow the search.")
