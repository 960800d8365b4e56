"""The map's drawing code as a plain JavaScript file (geo/atlas_layers.js), run by node.

It parses on its own; it holds no template syntax and names none of folium's globals, so a static
page can load it; its window and fade rules agree with geo/windows.py (and the naive benchmark's
fade) for every window mode, N and year; and ``atlasInit`` on a bare Leaflet-like map (no folium,
no Streamlit) draws exactly the polities and events Python says are visible.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from geo.atlas import load_atlas
from geo.bundle import build_bundle
from geo.livemap import LAYERS_JS, year_state
from geo.search import Filters
from geo.timemodel import YEAR_MAX, YEAR_MIN
from geo.windows import (
    EARLIEST_YEAR,
    WINDOW_MODES,
    WINDOW_N_MAX,
    in_window,
    polities_in_year,
    visible_events,
    window_bounds,
)
from tests.conftest import node_json

ROOT = Path(__file__).resolve().parent.parent
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="needs node")

YEARS = range(YEAR_MIN, YEAR_MAX + 1)
#: Intervals at and around every edge a window can have, besides the real events.
EDGE_SPANS = [(1000, 1000), (1001, 1239), (1210, 1210), (1239, 1240), (1240, 1240), (1240, 1345), (1263, 1264)]
EDGE_SPANS += [(1300, 1305), (1344, 1345), (1345, 1345), (1345, 1346), (1346, 1370), (1320, 1320)]


def run_node(script: str, payload: Any) -> Any:
    """Run ``script`` in node with ``atlasJs`` (geo/atlas_layers.js) and ``INPUT`` (``payload``)."""
    return node_json(f"const atlasJs = require({json.dumps(str(LAYERS_JS))});", script, payload)


def test_the_file_parses_as_it_is():
    check = subprocess.run([NODE, "--check", str(LAYERS_JS)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


def test_the_file_is_plain_javascript_that_needs_only_leaflet_and_a_map():
    code = re.sub(r"(^|\s)//.*$", "", LAYERS_JS.read_text(encoding="utf-8"), flags=re.M)  # comments may say "folium"
    for template_syntax in ("{{", "{%", "this._parent"):
        assert template_syntax not in code
    for folium_global in ("map_div", "feature_group", "folium", "$("):
        assert folium_global not in code, folium_global
    exported = run_node("process.stdout.write(JSON.stringify(Object.keys(atlasJs).sort()))", None)
    assert exported == ["atlasInit", "fade", "inWindow", "shownIn", "windowBounds"]


@pytest.fixture(scope="module")
def real():
    return load_atlas(ROOT / "data")


def test_window_rules_agree_with_python_for_every_mode_n_and_year(real):
    spans = [(e["properties"]["start"], e["properties"]["end"]) for e in real.events] + EDGE_SPANS
    grid = [(mode, n) for mode in WINDOW_MODES for n in range(0, WINDOW_N_MAX + 1)]
    js = run_node(
        """
        const out = {};
        for (const [mode, n] of INPUT.grid) for (const year of INPUT.years) {
          const [lo, hi] = atlasJs.windowBounds(year, mode, n, INPUT.earliest);
          const shown = [];
          INPUT.spans.forEach(([start, end], i) => { if (atlasJs.inWindow({start, end}, lo, hi)) shown.push(i); });
          out[`${mode} ${n} ${year}`] = [lo, hi, shown];
        }
        process.stdout.write(JSON.stringify(out));
        """,
        {"grid": grid, "years": list(YEARS), "spans": spans, "earliest": EARLIEST_YEAR},
    )
    assert len(js) == len(grid) * len(YEARS)
    for mode, n in grid:
        for year in YEARS:
            lo, hi = window_bounds(year, mode, n)
            shown = [i for i, (s, e) in enumerate(spans) if in_window({"properties": {"start": s, "end": e}}, lo, hi)]
            assert js[f"{mode} {n} {year}"] == [lo, hi, shown], (mode, n, year)


def test_polity_years_agree_with_python(real):
    spans = [(p["properties"]["start"], p["properties"]["end"]) for p in real.polities] + EDGE_SPANS
    js = run_node(
        """
        const out = {};
        for (const year of INPUT.years) {
          out[year] = INPUT.spans.flatMap(([start, end], i) => atlasJs.shownIn({start, end}, year) ? [i] : []);
        }
        process.stdout.write(JSON.stringify(out));
        """,
        {"years": list(YEARS), "spans": spans},
    )
    features = [{"id": i, "properties": {"start": s, "end": e}} for i, (s, e) in enumerate(spans)]
    for year in YEARS:
        assert js[str(year)] == [f["id"] for f in polities_in_year(features, year)], year


def test_fade_agrees_with_the_naive_benchmark_for_every_mode_and_year():
    sys.path.insert(0, str(ROOT / "bench" / "apps"))
    from geo.windows import fade

    ends = list(range(1200, YEAR_MAX + 2))
    js = run_node(
        """
        const out = {};
        for (const mode of INPUT.modes) for (const year of INPUT.years) {
          out[`${mode} ${year}`] = INPUT.ends.map((end) => atlasJs.fade(end, year, mode));
        }
        process.stdout.write(JSON.stringify(out));
        """,
        {"modes": list(WINDOW_MODES), "years": list(YEARS), "ends": ends},
    )
    for mode in WINDOW_MODES:
        for year in YEARS:
            expected = [fade({"properties": {"end": end}}, year, mode) for end in ends]
            assert js[f"{mode} {year}"] == pytest.approx(expected, abs=1e-12), (mode, year)


#: A Leaflet stand-in that records which layers each group holds; enough for atlasInit and apply.
FAKE_LEAFLET = """
class Layer {
  constructor(options) { this.options = Object.assign({}, options || {}); }
  bindPopup() { return this; } bindTooltip() { return this; } openPopup() {} on() { return this; } bringToFront() {}
  getLatLng() { return [0, 0]; } getElement() { return null; } isPopupOpen() { return false; }
  getBounds() { return {getSouthWest: () => [0, 0], getNorthEast: () => [0, 0]}; }
  setStyle(s) { Object.assign(this.options, s); return this; }
  setRadius(r) { this.options.radius = r; } setOpacity(o) { this.options.opacity = o; }
  eachLayer(f) { f(this); }
  addTo(group) { group.addLayer(this); return this; }
}
class Group extends Layer {
  constructor() { super(); this.layers = new Set(); }
  addLayer(l) { this.layers.add(l); }
  removeLayer(l) { this.layers.delete(l); }
  clearLayers() { this.layers.clear(); }
  hasLayer(l) { return this.layers.has(l); }
}
class Marker extends Layer {}
globalThis.L = {
  Marker, featureGroup: () => new Group(), layerGroup: () => new Group(),
  geoJSON: (data, o) => new Layer(Object.assign({data: data}, o && o.style, o)),
  circleMarker: (ll, o) => new Layer(o), polyline: (ll, o) => new Layer(o), marker: (ll, o) => new Marker(o),
  divIcon: (o) => o, control: () => ({addTo() {}}), DomUtil: {create: () => ({})}, latLng: (a, b) => [a, b],
};
const map = new Group();
map.createPane = () => ({style: {}}); map.getPane = () => ({style: {}}); map.on = () => {}; map.getZoom = () => 5;
map.latLngToContainerPoint = () => ({x: 0, y: 0}); map.getSize = () => ({x: 800, y: 600});
globalThis.fetch = async (url) => ({ok: url === "bundle.json", status: 404, json: async () => INPUT.bundle});
const classes = (group) => [...group.layers].map((l) => l.options.className || "").filter(Boolean);
"""


def test_atlas_init_on_a_bare_map_draws_what_python_says_is_visible(real):
    states = []
    for year, mode, n, filters in [
        (1242, "year", 5, Filters()),
        (1264, "year", 5, Filters()),
        (1264, "around", 3, Filters()),
        (1300, "upto", 5, Filters()),
        (1300, "upto", 5, Filters(kinds=("embassy",))),
        (1250, "year", 5, Filters()),
        (1337, "around", 25, Filters(hide_unreliable=True)),
        (1337, "around", 25, Filters()),
    ]:
        lo, hi = window_bounds(year, mode, n)
        ids = [e["id"] for e in visible_events(real.events, year, mode, n, filters, real.places)]
        states.append(year_state(year, lo, hi, mode, None if filters == Filters() else ids, None, n))
    bundle = build_bundle(real.polities, real.events, real.places, real.sources)
    drawn = run_node(
        FAKE_LEAFLET
        + """
        (async () => {
          const atlas = atlasJs.atlasInit(map, {bundleUrl: "bundle.json", earliestYear: INPUT.earliest});
          atlas.apply(INPUT.states[0]);  // before the bundle arrived: kept, drawn once it has
          await new Promise((resolve) => setTimeout(resolve, 0));
          const shown = (g) => [...g.layers].reduce((n, l) => n + (l.layers ? shown(l) : 1), 0);
          const out = {ready: atlas.ready, labels: shown(map), steps: []};
          for (const state of INPUT.states) {
            atlas.apply(state);
            out.steps.push({events: Object.keys(atlas.shownEv).sort(), polities: Object.keys(atlas.shownPol).sort(),
                            classes: classes(atlas.evGroup), year: atlas.state.year});
          }
          atlas.followYear(1278);  // the slider moved in the browser: same window mode, N and filters
          out.followed = {year: atlas.state.year, lo: atlas.state.lo, hi: atlas.state.hi,
                          events: Object.keys(atlas.shownEv).sort()};
          process.stdout.write(JSON.stringify(out));
        })();
        """,
        {"bundle": bundle, "states": states, "earliest": EARLIEST_YEAR},
    )
    assert drawn["ready"] and drawn["labels"] > 10  # land, rivers and the major place labels on the map itself
    for state, step in zip(states, drawn["steps"], strict=True):
        mode, n, year = state["mode"], state["n"], state["year"]
        expected = state["ids"] or [e["id"] for e in visible_events(real.events, year, mode, n, Filters(), real.places)]
        assert step["events"] == sorted(expected), state
        assert step["polities"] == sorted(f["id"] for f in polities_in_year(real.polities, year)), state
        low = {e["id"] for e in real.events if e["properties"].get("reliability") == "low"}
        classes = {f"atlas-event ev-{eid}" + (" atlas-low" if eid in low else "") for eid in expected}
        assert classes <= set(step["classes"]), state  # the unreliable source's events drawn in their own style
    # the last state was "± 25 years": following the slider keeps the window mode and N
    lo, hi = window_bounds(1278, "around", 25)
    visible = visible_events(real.events, 1278, "around", 25, Filters(), real.places)
    assert drawn["followed"] == {"year": 1278, "lo": lo, "hi": hi, "events": sorted(e["id"] for e in visible)}
