"""Filters and search, in the sidebar."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st


def filters_panel(kinds: list[str], polities: Mapping[str, str], sources: Mapping[str, str]) -> None:
    """Multiselects for kind, polity and source, the unreliable-source switch, and a search box."""
    st.sidebar.header("Filter and find")
    st.sidebar.text_input("Search titles, persons, places", key="f_q", placeholder="e.g. Maria, Tirnovo")
    st.sidebar.multiselect("Kind of event", kinds, key="f_kinds")
    st.sidebar.multiselect(
        "Polity taking part", list(polities), key="f_polities", format_func=lambda pid: polities.get(pid, pid)
    )
    st.sidebar.multiselect(
        "Cited source", list(sources), key="f_sources", format_func=lambda sid: sources.get(sid, sid)
    )
    st.sidebar.checkbox(
        "Hide the unreliable source",
        key="f_hide_unreliable",
        help="Leave out events that rest only on the low-reliability web summary.",
    )
