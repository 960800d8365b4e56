"""The naive baseline: every layer built into a fresh ``folium.Map`` on every rerun.

Same data and visual content as the atlas (base map and year layers from ``naive_layers.py``),
but nothing is swapped: the year's groups are added to the map itself, so the
map's JavaScript changes with the year and streamlit-folium rebuilds its iframe on each step.
Reads ``ATLAS_DATA_DIR`` (default ``data/``). Run with ``--server.enableStaticServing=true``.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402
from _benchkit import offline_folium, timing_log  # noqa: E402
from naive_layers import base_map, year_layers  # noqa: E402
from streamlit_folium import st_folium  # noqa: E402

from geo.atlas import load_atlas  # noqa: E402

offline_folium()
DATA_DIR = Path(os.environ.get("ATLAS_DATA_DIR", ROOT / "data"))


@st.cache_resource
def atlas():
    return load_atlas(DATA_DIR)


@st.cache_data
def basemap(name: str) -> dict | None:
    path = DATA_DIR / "basemap" / f"{name}.geojson"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


with timing_log():
    st.title("Naive baseline")
    a = atlas()
    year = st.slider("Year", 1240, 1345, 1264, key="year")
    m = base_map(basemap("land"), basemap("rivers"), a.places)
    events = [e for e in a.events if e["properties"]["start"] <= year <= e["properties"]["end"]]
    for fg in year_layers(a.polities, events, a.places, a.sources, year):
        fg.add_to(m)
    st_folium(
        m,
        key="map",
        returned_objects=["last_object_clicked", "last_active_drawing"],
        height=520,
        use_container_width=True,
    )
