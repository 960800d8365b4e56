"""The browser-side map: a fixed base map, a small per-year state, and an escaped static bundle."""

from __future__ import annotations

import html
import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
import streamlit_folium as sf

from geo.atlas import load_atlas
from geo.bundle import build_bundle
from geo.livemap import (
    LAYERS_JS,
    SCRIPT_FILES,
    AtlasLayers,
    layers_script,
    live_base_map,
    year_group,
    year_state,
)
from geo.render import MAP_ZOOM
from geo.search import Filters
from geo.windows import EARLIEST_YEAR, visible_events, window_bounds

ROOT = Path(__file__).resolve().parent.parent
REAL = load_atlas(ROOT / "data")
URL = "/app/static/gen/atlas-0123456789abcdef.json"
SCRIPT = "/app/static/gen/atlas-layers-0123456789abcdef.js"


def _sent(year: int, mode: str = "year", selected: str | None = None) -> tuple[str, str]:
    """What st_folium sends for one rerun: the base map (html + header + script) and the group."""
    m = live_base_map(URL, SCRIPT, "Year")
    lo, hi = window_bounds(year, mode, 5)
    fg = year_group(year_state(year, lo, hi, mode, None, selected))
    m.get_root().render()
    m.render()
    base = sf._get_html(m) + sf._get_header(m) + sf._get_map_string(m)
    return base, sf._get_feature_group_string(fg, map=m, idx=0)


def test_base_map_is_identical_for_two_years_and_only_the_state_changes() -> None:
    base_a, group_a = _sent(1242)
    base_b, group_b = _sent(1300, "around", "mongol-army-to-bithynia-1308")
    assert base_a == base_b
    assert group_a != group_b
    assert '"year": 1300' in group_b and '"sel": "mongol-army-to-bithynia-1308"' in group_b


def test_the_map_calls_the_drawing_code_in_one_line_and_loads_it_after_leaflet() -> None:
    m = live_base_map(URL, SCRIPT, "Year")
    base = sf._get_map_string(m)
    assert base.count("atlasInit(") == 1 and "atlasInit(map_div, {" in base  # the options: tojavascript
    assert '"bundleUrl": "/app/static/gen/atlas-0123456789abcdef.json"' in base
    assert f'"earliestYear": {EARLIEST_YEAR}' in base and '"sliderLabel": "Year"' in base
    scripts = [src for _, src in m.default_js] + [
        src for c in m._children.values() if isinstance(c, AtlasLayers) for _, src in c.default_js
    ]
    assert scripts[0].endswith("leaflet.js") and scripts[-1] == SCRIPT
    page = m.get_root().render()  # a page rendered by folium alone loads it too, after Leaflet
    assert page.index("leaflet.js") < page.index(SCRIPT)


def test_layers_script_is_content_addressed() -> None:
    name, data = layers_script()
    assert data == b"\n".join(p.read_bytes() for p in SCRIPT_FILES)
    assert LAYERS_JS in SCRIPT_FILES and name.startswith("atlas-layers-") and name.endswith(".js")
    assert name != f"atlas-layers-{'0' * 16}.js"


def test_bytes_per_step_are_far_under_the_budget() -> None:
    base, group = _sent(1264, "upto")
    assert len(group.encode()) < 2_000
    assert len((base + group).encode()) < 100_000


def test_base_map_loads_nothing_from_outside() -> None:
    base, _ = _sent(1264)
    m = live_base_map(URL, SCRIPT)
    links = [src for _, src in m.default_js + m.default_css]
    assert links and all(src.startswith("/app/static/vendor/") for src in links)
    assert "http://" not in base and "https://" not in base.replace("https://leafletjs.com", "")


def test_bundle_carries_every_event_and_polity_with_their_years() -> None:
    bundle = build_bundle(REAL.polities, REAL.events, REAL.places, REAL.sources)
    assert len(bundle["events"]) == len(REAL.events) >= 40
    assert len(bundle["polities"]) == len(REAL.polities)
    for year in (1242, 1264, 1278, 1308, 1337):
        lo, hi = window_bounds(year, "year", 0)
        in_browser = {e["id"] for e in bundle["events"] if e["start"] <= hi and e["end"] >= lo}
        in_python = {e["id"] for e in visible_events(REAL.events, year, "year", 0, Filters(), REAL.places)}
        assert in_browser == in_python, year
    vicina = next(e for e in bundle["events"] if e["id"] == "mongols-occupy-vicina-late-1330s")
    assert len(vicina["candidates"]) >= 4 and vicina["uncertain"] is True


def test_bundle_keys_are_the_documented_ones() -> None:
    """Every key the bundle holds is declared in the TypedDicts beside build_bundle (its legend)."""
    from geo import bundle as livemap

    bundle = build_bundle(REAL.polities, REAL.events, REAL.places, REAL.sources)
    assert set(bundle) == set(livemap.Bundle.__annotations__)
    for entries, declared in (
        (bundle["polities"], livemap.PolityEntry),
        (bundle["events"], livemap.EventEntry),
        (bundle["labels"], livemap.LabelEntry),
        ([c for e in bundle["events"] for c in e.get("candidates", [])], livemap.CandidateEntry),
    ):
        assert entries
        keys = set().union(*(set(x) for x in entries))
        assert keys == set(declared.__annotations__), declared.__name__


def test_year_state_cannot_close_a_script_or_inject() -> None:
    m = live_base_map(URL, SCRIPT)
    state = year_state(1264, 1264, 1264, "year", ["</script><script>alert(1)</script>"], "${x}`\\u2028&")
    group = sf._get_feature_group_string(year_group(state), map=m, idx=0)
    assert "<" not in group and ">" not in group and "&" not in group
    assert "\\u003c/script\\u003e" in group and "\\u0026" in group


HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">${window.__pwned=1}`\\u0041'


def test_bundle_strings_are_escaped_html() -> None:
    events = [json.loads(json.dumps(REAL.events[0]))]
    props = events[0]["properties"]
    props["title"] = props["summary"] = HOSTILE
    props["date_label"] = HOSTILE
    bundle = build_bundle([], events, REAL.places, REAL.sources)
    entry = bundle["events"][0]
    for field in ("popup_html", "tooltip_html"):
        assert "<script" not in entry[field] and "<img" not in entry[field]
        assert "window.__pwned=1" in html.unescape(entry[field])  # shown as written, not run


@pytest.mark.skipif(shutil.which("node") is None, reason="node not installed")
def test_generated_javascript_parses(tmp_path: Path) -> None:
    base, group = _sent(1264, "around", "mongol-invasion-of-byzantine-thrace-1263-1264")
    (tmp_path / "group.js").write_text(group, encoding="utf-8")
    (tmp_path / "map.js").write_text(sf._get_map_string(live_base_map(URL, SCRIPT)), encoding="utf-8")
    for name in ("group.js", "map.js"):
        result = subprocess.run(["node", "--check", str(tmp_path / name)], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    assert "atlasInit(" in base and "atlasApply(" in group


def test_places_no_event_names_are_labelled_only_when_zoomed_in() -> None:
    bundle = build_bundle(REAL.polities, REAL.events, REAL.places, REAL.sources)
    zoom = {label["name_html"]: label["zoom"] for label in bundle["labels"]}
    assert zoom["Constantinople"] == zoom["Tirnovo"] == MAP_ZOOM  # places of events: at the opening zoom
    assert zoom["Birgi (Pyrgion)"] == MAP_ZOOM + 1  # a beylik's seat only: from one zoom in


def test_many_places_are_named_a_few_at_a_time_as_the_map_zooms_in() -> None:
    """A hundred times the places: the opening map names the 60 most named, each zoom in twice as many more."""
    from geo.bundle import _label_zoom

    tiers = Counter(_label_zoom(rank, MAP_ZOOM) for rank in range(5000))
    assert [tiers[z] for z in range(MAP_ZOOM, MAP_ZOOM + 6)] == [60, 120, 240, 480, 960, 1920]


def test_a_step_compiles_only_the_years_new_text() -> None:
    """branca compiles each rendered piece of a map as a jinja template; the same text is compiled once."""
    from geo.livemap import _compiled

    _sent(1264)
    before = _compiled.cache_info()
    _sent(1265)
    after = _compiled.cache_info()
    assert after.misses - before.misses <= 2  # the new year's state, nothing of the base map
    assert after.hits > before.hits
