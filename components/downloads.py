"""Download the events in view as GeoJSON or CSV."""

from __future__ import annotations

from functools import partial

import streamlit as st

from geo.features import EventFeature, Places
from geo.tables import events_csv, events_geojson


def downloads(events: list[EventFeature], places: Places, stem: str) -> None:
    """Two download buttons for ``events``; the files are made only when a button is pressed."""
    c1, c2 = st.columns(2)
    c1.download_button(
        "Download GeoJSON",
        partial(events_geojson, events),
        file_name=f"{stem}.geojson",
        mime="application/geo+json",
        key="dl_geojson",
        disabled=not events,
    )
    c2.download_button(
        "Download CSV",
        partial(events_csv, events, places),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key="dl_csv",
        disabled=not events,
    )
