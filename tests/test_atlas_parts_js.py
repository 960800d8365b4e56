"""The map's data store (geo/atlas_parts.js), run by node on the real atlas split in parts (geo/parts.py).

Its year indexes give exactly the polities and events Python's window rules give, for every window
mode, N and year, from the parts or from one whole bundle; the first paint fetches only the base and
the parts of the window's years, and the rest follows in the background, the year's details first.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from geo.atlas import load_atlas
from geo.parts import spans, split_bundle
from geo.prepare import prepared_bundle
from geo.timemodel import YEAR_MAX, YEAR_MIN
from geo.windows import WINDOW_MODES, WINDOW_N_MAX, window_bounds
from tests.conftest import node_json

ROOT = Path(__file__).resolve().parent.parent
PARTS_JS = ROOT / "geo" / "atlas_parts.js"
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="needs node")

#: A fetch that reads the URL's file from INPUT.dir and records the order of requests.
PRELUDE = """
const parts = require(%s);
const fs = require('fs');
const requested = [];
globalThis.fetch = async (url) => {
  requested.push(url);
  const body = fs.readFileSync(INPUT.dir + '/' + url, 'utf8');
  return {ok: true, status: 200, json: async () => JSON.parse(body)};
};
const ids = (xs) => xs.map((x) => x.id).sort();
"""


def run_node(script: str, payload: Any) -> Any:
    return node_json(PRELUDE % json.dumps(str(PARTS_JS)), script, payload, timeout=300)


@pytest.fixture(scope="module")
def split(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The real atlas's bundle, its parts and manifest, written to a folder node reads from."""
    folder = tmp_path_factory.mktemp("parts")
    data = prepared_bundle(load_atlas(ROOT / "data"), ROOT / "data", None)
    bundle = json.loads(data)
    manifest, files = split_bundle(bundle)
    for name, raw in files.items():
        (folder / name).write_bytes(raw)
    (folder / "bundle.json").write_bytes(data)
    return {"dir": str(folder), "manifest": manifest, "bundle": bundle}


def _expected(bundle: dict[str, Any]) -> dict[str, Any]:
    """What Python's window rules show, for every mode, N and year."""
    out: dict[str, Any] = {}
    for mode in WINDOW_MODES:
        for n in range(0, WINDOW_N_MAX + 1, 5) if mode == "around" else [0]:
            for year in range(YEAR_MIN, YEAR_MAX + 1):
                lo, hi = window_bounds(year, mode, n)
                events = sorted(e["id"] for e in bundle["events"] if e["start"] <= hi and e["end"] >= lo)
                pols = sorted(p["id"] for p in bundle["polities"] if p["start"] <= year <= p["end"])
                out[f"{mode},{n},{year}"] = [lo, hi, events, pols]
    return out


@pytest.mark.parametrize("whole", [False, True], ids=["parts", "one-bundle"])
def test_the_indexes_show_what_the_window_rules_show(split, whole: bool) -> None:
    manifest = {"bundleUrl": "bundle.json"} if whole else split["manifest"]
    expected = _expected(split["bundle"])
    got = run_node(
        """
(async () => {
  const store = parts.store(INPUT.manifest);
  const out = {};
  for (const [key, [lo, hi]] of Object.entries(INPUT.expected)) {
    const year = Number(key.split(',')[2]);
    await store.ensure(lo, hi, year);
    out[key] = [lo, hi, ids(store.events(lo, hi)), ids(store.polities(year))];
  }
  process.stdout.write(JSON.stringify(out));
})();
""",
        {"dir": split["dir"], "manifest": manifest, "expected": expected},
    )
    assert got == expected


def test_the_first_paint_asks_for_the_base_and_the_years_parts_of_the_window_only(split) -> None:
    m = split["manifest"]
    span = next(i for i, (lo, hi) in enumerate(spans()) if lo <= 1264 <= hi)
    got = run_node(
        """
(async () => {
  const store = parts.store(INPUT.manifest);
  await store.ensure(1264, 1264, 1264);
  const first = requested.slice();
  await store.ensure(1259, 1269, 1264);  // a wider window: only the part before is new
  const second = requested.slice(first.length);
  await store.prefetch(1264);
  process.stdout.write(JSON.stringify({first, second, rest: requested.slice(first.length + second.length),
                                       popups: Object.keys(store.popups).length}));
})();
""",
        {"dir": split["dir"], "manifest": m},
    )
    assert got["first"] == [m["base"], m["years"][span]]
    assert got["second"] == [m["years"][span - 1]]
    # the year's popups first, then those of the spans nearest to it, then the other years
    assert got["rest"][:3] == [m["details"][span], m["details"][span - 1], m["details"][span + 1]]
    assert sorted(got["first"] + got["second"] + got["rest"]) == sorted(set(got["first"] + got["second"] + got["rest"]))
    assert set(got["first"] + got["second"] + got["rest"]) == {m["base"], *m["years"], *m["details"]}
    assert got["popups"] == len(split["bundle"]["events"])


def test_details_reach_the_map_when_they_arrive(split) -> None:
    got = run_node(
        """
(async () => {
  const store = parts.store(INPUT.manifest);
  const heard = [];
  store.onDetails = (ids) => heard.push(...ids);
  await store.ensure(1264, 1264, 1264);
  const before = store.popups[INPUT.id];
  await store.detailsOf(INPUT.id);
  process.stdout.write(JSON.stringify({before: before === undefined, after: store.popups[INPUT.id],
                                       heard: heard.includes(INPUT.id)}));
})();
""",
        {"dir": split["dir"], "manifest": split["manifest"], "id": _event_of(split["bundle"], 1264)["id"]},
    )
    assert got["before"] and got["heard"]
    assert got["after"] == _event_of(split["bundle"], 1264)["popup_html"]


def _event_of(bundle: dict[str, Any], year: int) -> dict[str, Any]:
    return next(e for e in bundle["events"] if e["start"] <= year <= e["end"])


def test_a_failed_part_is_asked_for_again(split) -> None:
    got = run_node(
        """
(async () => {
  const real = globalThis.fetch;
  let fail = true;
  globalThis.fetch = async (url) => (fail ? {ok: false, status: 503} : real(url));
  const store = parts.store(INPUT.manifest);
  let error = null;
  try { await store.ensure(1264, 1264, 1264); } catch (e) { error = String(e); }
  fail = false;
  await store.ensure(1264, 1264, 1264);
  process.stdout.write(JSON.stringify({error, shown: store.events(1264, 1264).length}));
})();
""",
        {"dir": split["dir"], "manifest": split["manifest"]},
    )
    assert "HTTP 503" in got["error"] and got["shown"] > 0
