"""Popup/tooltip escaping, the source reader, and the per-step payload (geo/render.py, geo/livemap.py)."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

from geo.atlas import load_atlas
from geo.render import html_text, js_template_safe, popup_html, source_html, tooltip_text

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
    assert js_template_safe("a`b${c}\\d") == "a\\`b\\${c}\\\\d"


def test_popup_escapes_everything(atlas):
    out = js_template_safe(popup_html(_hostile_event(atlas), atlas.places, atlas.sources))
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "${" not in out.replace("\\${", "")
    assert re.search(r"(?<!\\)`", out) is None
    assert "back\\\\slash" in out


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
    from geo.query import Filters, visible_events, window_bounds

    atlas = load_atlas(ROOT / "data")
    worst = 0
    for year in range(1240, 1346):
        for mode in ("year", "upto"):
            lo, hi = window_bounds(year, mode, 5)
            ids = [
                e["id"] for e in visible_events(atlas.events, year, mode, 5, Filters(kinds=("embassy",)), atlas.places)
            ]
            m = live_base_map("/app/static/gen/atlas-0000000000000000.json")
            m.get_root().render()
            fg = year_group(year_state(year, lo, hi, mode, ids, None))
            sent = sf._get_html(m) + sf._get_header(m) + sf._get_map_string(m) + sf._get_feature_group_string(fg, m)
            worst = max(worst, len(sent.encode()))
    assert worst < 100_000, f"largest per-step payload {worst} bytes"
