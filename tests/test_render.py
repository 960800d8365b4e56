"""Popup/tooltip escaping, base-map stability and per-year payload size (geo/render.py)."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from streamlit_folium import _get_feature_group_string, generate_leaflet_string

from geo.atlas import load_atlas
from geo.render import (
    base_map,
    html_text,
    js_template_safe,
    popup_html,
    source_html,
    tooltip_text,
    year_layers,
)

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


def _layers_js(groups, m=None):
    import folium

    m = m or folium.Map(tiles=None)
    return "".join(_get_feature_group_string(g, m, idx=i) for i, g in enumerate(groups))


def test_layer_js_escapes_popups_and_tooltips(atlas):
    e = _hostile_event(atlas)
    js = _layers_js(year_layers(atlas.polities, [e], atlas.places, atlas.sources, 1242))
    # inside the template literals no unescaped ${ or backtick from the data survives
    for literal in re.findall(r"\$\(`(.*?)(?<!\\)`\)|bindTooltip\(\s*`(.*?)(?<!\\)`", js, flags=re.S):
        body = "".join(literal)
        assert "<script>" not in body
        assert re.search(r"(?<!\\)\$\{", body) is None
    assert tooltip_text(e).count("&lt;script&gt;") == 1


def test_hostile_polity_name_is_escaped():
    atlas = load_atlas(ROOT / "tests/fixtures/app/hostile/data")
    js = _layers_js(year_layers(atlas.polities, atlas.events, atlas.places, atlas.sources, 1250))
    assert "Nicaea" in js and "<script>alert" not in js
    assert re.search(r"Nicaea (&|\\u0026)lt;script", js)
    assert any(p.feature == "broken-event" for p in atlas.problems)


def test_base_map_js_identical_across_years(atlas):
    land, rivers = _land()
    m1, m2 = base_map(land, rivers, atlas.places), base_map(land, rivers, atlas.places)
    # what st_folium does on a rerun: add the year's groups to the map
    _layers_js(year_layers(atlas.polities, atlas.events, atlas.places, atlas.sources, 1242), m1)
    _layers_js(year_layers(atlas.polities, atlas.events, atlas.places, atlas.sources, 1278), m2)
    a, b = base_map(land, rivers, atlas.places), base_map(land, rivers, atlas.places)
    ra, rb = a.get_root().render(), b.get_root().render()
    assert ra == rb
    assert "Thessalonica" in ra and "tile" not in ra.lower().replace("tiles=none", "")
    assert generate_leaflet_string(base_map(land, rivers, atlas.places)) == \
        generate_leaflet_string(base_map(land, rivers, atlas.places))


def test_base_map_is_offline(atlas):
    html = base_map(None, None, atlas.places).get_root().render()
    urls = re.findall(r"""(?:src|href)=["']([^"']+)""", html)
    assert urls and all(u.startswith("/app/static/vendor/") for u in urls), urls


def test_source_html_marks_and_escapes():
    out = source_html("a <b> quote here & more", [(6, 16, "t<")], active=0)
    assert '<mark title="t&lt;" data-span="0" id="atlas-active-quote" class="active">quote here</mark>' in out
    assert "&lt;b&gt;" in out


REAL = ROOT / "data"


@pytest.mark.skipif(not (REAL / "events.geojson").is_file() or not (REAL / "polities.geojson").is_file(),
                    reason="real events/polities not written yet")
def test_per_year_payload_under_100_kb_for_real_data():
    atlas = load_atlas(REAL)
    worst = 0
    for year in range(1240, 1346):
        from geo.query import Filters, visible_events

        vis = visible_events(atlas.events, year, "year", 5, Filters(), atlas.places)
        worst = max(worst, len(_layers_js(year_layers(atlas.polities, vis, atlas.places, atlas.sources,
                                                      year)).encode()))
    assert worst < 100_000, f"largest per-year payload {worst} bytes"
