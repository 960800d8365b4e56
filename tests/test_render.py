"""Popup/tooltip escaping, colours, the source reader, and the per-step payload (geo/render.py, geo/livemap.py)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from geo.atlas import load_atlas
from geo.render import POLITY_FALLBACK_COLOR, html_text, polity_color, popup_html, source_html, tooltip_text

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = "<script>alert(1)</script> ${alert(1)} `tick` back\\slash"


def _land():
    land = json.loads((ROOT / "data/basemap/land.geojson").read_text(encoding="utf-8"))
    rivers = json.loads((ROOT / "data/basemap/rivers.geojson").read_text(encoding="utf-8"))
    return land, rivers


def _hostile_event(atlas):
    e = copy.deepcopy(atlas.events[0])
    e["properties"].update(title="T " + HOSTILE, summary="S " + HOSTILE, date_label="${alert(2)}")
    e["properties"]["citations"][0]["locator"] = "`loc` ${x}"
    return e


def test_helpers():
    assert html_text('<a href="x">&\'') == "&lt;a href=&quot;x&quot;&gt;&amp;&#x27;"


def test_polity_color_lets_only_hex_colours_into_css():
    assert polity_color({"color": "#1F78b4"}) == "#1F78b4"
    for bad in ("red", "#12345", "#1234567", "#12345g", "#123456;background:url(x)", None):
        assert polity_color({"color": bad}) == POLITY_FALLBACK_COLOR
    assert polity_color({}) == POLITY_FALLBACK_COLOR


def test_popup_escapes_everything(atlas):
    out = popup_html(_hostile_event(atlas), atlas.places, atlas.sources)
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "T &lt;script&gt;alert(1)&lt;/script&gt; ${alert(1)} `tick` back\\slash" in out  # text, as written


def test_tooltip_escapes(atlas):
    assert tooltip_text(_hostile_event(atlas)).count("&lt;script&gt;") == 1


def test_source_html_marks_and_escapes():
    out = source_html("a <b> quote here & more", [(6, 16, "t<")], active=0)
    assert '<mark title="t&lt;" data-span="0" id="atlas-active-quote" class="active">quote here</mark>' in out
    assert "&lt;b&gt;" in out


def test_per_step_payload_under_100_kb_for_every_year_of_the_real_data():
    """What st_folium sends on a year step (base map + the year's state) stays far under budget."""
    import streamlit_folium as sf

    from geo.livemap import live_base_map, year_group, year_state
    from geo.search import Filters
    from geo.windows import visible_events, window_bounds

    atlas = load_atlas(ROOT / "data")
    worst = 0
    for year in range(1240, 1346):
        for mode in ("year", "upto"):
            lo, hi = window_bounds(year, mode, 5)
            ids = [
                e["id"] for e in visible_events(atlas.events, year, mode, 5, Filters(kinds=("embassy",)), atlas.places)
            ]
            m = live_base_map("/app/static/gen/atlas-0000000000000000.json", "/app/static/gen/l.js", "Year")
            m.get_root().render()
            fg = year_group(year_state(year, lo, hi, mode, ids, None))
            sent = sf._get_html(m) + sf._get_header(m) + sf._get_map_string(m) + sf._get_feature_group_string(fg, m)
            worst = max(worst, len(sent.encode()))
    assert worst < 100_000, f"largest per-step payload {worst} bytes"
