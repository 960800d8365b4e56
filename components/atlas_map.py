"""The map: a fixed base map plus the year's feature groups, and what a click selects."""

from __future__ import annotations

import folium
import streamlit as st
import streamlit_folium

from geo.clicks import click_signature, clicked_event_id
from geo.features import EventFeature

MAP_KEY = "atlas_map"
RETURNED = ["last_object_clicked", "last_active_drawing"]


def atlas_map(
    base: folium.Map, group: folium.FeatureGroup, visible: list[EventFeature], height: int = 560
) -> str | None:
    """Draw the map; return the id of a newly clicked event (a stale click is never returned twice).

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
    )
    if not state or not (state.get("last_object_clicked") or state.get("last_active_drawing")):
        return None
    sig = click_signature(state)
    if sig == st.session_state.get("_click_sig"):
        return None
    st.session_state["_click_sig"] = sig
    return clicked_event_id(state, visible)
