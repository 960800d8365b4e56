"""The floor: the least a streamlit-folium year step can cost on this machine.

One slider, one base map identical on every run (no tiles, offline Leaflet), and one
CircleMarker passed as a FeatureGroup through ``feature_group_to_add``. The step benchmark
measures this app in the same run as the atlas. Run with ``--server.enableStaticServing=true``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import folium  # noqa: E402
import streamlit as st  # noqa: E402
from _benchkit import offline_folium, timing_log  # noqa: E402
from streamlit_folium import st_folium  # noqa: E402

offline_folium()

with timing_log():
    st.title("Floor")
    year = st.slider("Year", 1240, 1345, 1264, key="year")
    m = folium.Map(location=[42.0, 30.0], zoom_start=5, tiles=None)
    fg = folium.FeatureGroup(name="year")
    folium.CircleMarker(
        location=[38.0 + (year - 1240) * 0.08, 29.0], radius=8, color="#7b3294", fill=True, tooltip=str(year)
    ).add_to(fg)
    st_folium(
        m,
        key="map",
        feature_group_to_add=fg,
        returned_objects=["last_object_clicked"],
        height=520,
        use_container_width=True,
    )
