"""The map: a fixed base map plus the year's feature groups, and what a click selects."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

import folium
import streamlit as st
import streamlit_folium

from components.state import select_event
from geo.clicks import click_signature, clicked_event_id, clicked_polity_feature
from geo.features import EventFeature

MAP_KEY = "atlas_map"
RETURNED = ["last_object_clicked", "last_active_drawing"]
#: The map's height when the page does not size it to the window (CSS in components/layout.py does).
MAP_HEIGHT = 560


def take_click(
    map_state: Mapping[str, Any] | None,
    visible: list[EventFeature],
    spans: Mapping[str, tuple[int, int]] | None = None,
    in_callback: bool = False,
) -> None:
    """Select the event a new map click points at, or open the card of the polity it hit; a click already
    handled, or one that names no event (the map opened its list of overlapping events instead), changes
    nothing. ``spans`` (event id -> its years) lets a relation's arc pick an event of another year: the year
    then moves to it."""
    if not map_state or not (map_state.get("last_object_clicked") or map_state.get("last_active_drawing")):
        return
    sig = click_signature(map_state)
    if sig == st.session_state.get("_click_sig"):
        return
    st.session_state["_click_sig"] = sig
    polity = clicked_polity_feature(map_state)
    if polity is not None:
        st.session_state["polity"] = polity  # its card opens above the event, which stays selected
        return
    eid = clicked_event_id(map_state, visible, spans)
    if eid is None or eid == st.session_state.get("selected"):
        return
    # an event drawn on the map is in view, so the year stays; one picked from an arc may lie in another year
    if in_callback or eid in {e["id"] for e in visible} or not spans or eid not in spans:
        select_event(eid, spans.get(eid) if spans else None)
        return
    # after the widgets are drawn (AppTest's stand-in map has no callback) the year moves on the next run
    st.session_state["selected"], st.session_state["_pending_year"] = eid, spans[eid][0]
    st.rerun(scope="app" if st.session_state.get("_in_full_run") else "fragment")


def _on_map_change(visible: list[EventFeature], spans: Mapping[str, tuple[int, int]] | None) -> None:
    take_click(st.session_state.get(MAP_KEY), visible, spans, in_callback=True)


def atlas_map(
    base: folium.Map,
    group: folium.FeatureGroup,
    visible: list[EventFeature],
    height: int = MAP_HEIGHT,
    spans: Mapping[str, tuple[int, int]] | None = None,
) -> None:
    """Draw the map; a click on an event (or on an event listed by a relation's arc) selects it.

    The click is applied in st_folium's ``on_change`` callback, before the script reruns, so one
    rerun shows it (the map has highlighted the event and opened its popup in the browser already).
    ``base`` must render the same JavaScript on every run (see geo/livemap.py); ``group`` is the
    small per-year state the browser applies without reloading the iframe.
    """
    state = streamlit_folium.st_folium(
        base,
        key=MAP_KEY,
        feature_group_to_add=group,
        height=height,
        use_container_width=True,
        returned_objects=RETURNED,
        on_change=partial(_on_map_change, visible, spans),
    )
    take_click(state, visible, spans)  # a no-op after the callback; AppTest's stand-in map has no callback
