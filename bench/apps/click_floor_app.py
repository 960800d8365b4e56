"""The click floor: the least a streamlit-folium click can cost before the page shows it, on this machine.

One base map identical on every run (no tiles, offline Leaflet) with 16 CircleMarkers at
distinct places; a click on one writes its point into the page. ``bench/click_latency.py`` clicks
these markers and the atlas's events in the same run. Run with ``--server.enableStaticServing=true``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import folium  # noqa: E402
import streamlit as st  # noqa: E402
from _benchkit import offline_folium, timing_log  # noqa: E402
from streamlit_folium import st_folium  # noqa: E402

#: Marker positions (lat, lng): a 4 x 4 grid over the atlas's region, far enough apart at zoom 5.
POINTS = [(44.0 - 2.5 * row, 24.0 + 4.0 * col) for row in range(4) for col in range(4)]

if __name__ == "__main__":  # streamlit runs it so; bench/click_latency.py imports POINTS only
    offline_folium()

    with timing_log():
        st.title("Click floor")
        m = folium.Map(location=[41.5, 30.0], zoom_start=5, tiles=None)
        for lat, lng in POINTS:
            folium.CircleMarker(location=[lat, lng], radius=8, color="#7b3294", fill=True).add_to(m)
        state = st_folium(m, key="map", returned_objects=["last_object_clicked"], height=520, use_container_width=True)
        clicked = (state or {}).get("last_object_clicked")
        if clicked:
            st.markdown(f"Clicked: {clicked['lat']:.4f}, {clicked['lng']:.4f}")
        else:
            st.markdown("Clicked: nothing yet")
