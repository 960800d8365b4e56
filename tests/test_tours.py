"""Guided tours: the real tours load whole, a step's view is computed as Leaflet shows it, broken tours are left out."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path
from typing import Any

import pytest

from geo.atlas import load_atlas
from geo.tours import STEPS_MAX, STEPS_MIN, in_box, positions, step_window, step_years, view_box

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "validator"


@pytest.fixture(scope="module")
def real_tours() -> list:
    return json.loads((ROOT / "data" / "tours.json").read_text(encoding="utf-8"))["tours"]


def test_the_atlas_serves_every_tour_of_the_file(real_tours: list) -> None:
    atlas = load_atlas(ROOT / "data")
    assert [t["id"] for t in atlas.tours] == [t["id"] for t in real_tours]
    assert len(atlas.tours) >= 4
    assert all(STEPS_MIN <= len(t["steps"]) <= STEPS_MAX for t in atlas.tours)


def test_the_real_tours_show_disagreements_and_name_the_unreliable_source(real_tours: list) -> None:
    steps = [s for t in real_tours for s in t["steps"]]
    assert sum(1 for s in steps if len(s.get("accounts", [])) >= 2) >= 5
    assert any("reliability_note" in s for s in steps)
    quoted = {c["source"] for s in steps for c in s["citations"]}
    assert quoted == {
        "wp-byzantine-mongol-alliance",
        "wp-mongol-invasion-of-byzantine-thrace",
        "ciocaltan-2012-p246",
        "web-franco-mongol-alliance-summary",
    }


def test_a_step_window_fills_in_the_urls_defaults() -> None:
    assert step_window({"year": 1264}) == (1264, "year", 5)
    assert step_years({"year": 1264, "window": "around", "n": 1}) == (1263, 1265)
    assert step_years({"year": 1264, "window": "upto"})[1] == 1264


def test_a_centre_and_zoom_shows_what_leaflet_shows() -> None:
    # zoom 1 on a 512 px square map is the whole Web Mercator world
    west, south, east, north = view_box({"center": [0, 0], "zoom": 1}, px=(512, 512))
    assert (west, east) == (-180, 180)
    assert north == pytest.approx(85.0511, abs=1e-3) and south == pytest.approx(-85.0511, abs=1e-3)
    # each zoom level halves the span
    w6, s6, e6, n6 = view_box({"center": [28.97, 41.0], "zoom": 6})
    w7, s7, e7, n7 = view_box({"center": [28.97, 41.0], "zoom": 7})
    assert math.isclose(e6 - w6, 2 * (e7 - w7))
    assert s6 < s7 < 41.0 < n7 < n6
    assert view_box({"bounds": [20, 38, 32, 47]}) == (20, 38, 32, 47)


def test_positions_of_any_geometry_and_nothing_of_a_broken_one() -> None:
    assert positions({"type": "Point", "coordinates": [28.9, 41.0]}) == [(28.9, 41.0)]
    assert positions({"type": "LineString", "coordinates": [[28.9, 41.0], [47.4, 47.1]]}) == [
        (28.9, 41.0),
        (47.4, 47.1),
    ]
    assert positions({"type": "Point", "coordinates": "nowhere"}) == []
    assert positions(None) == []
    assert in_box(28.9, 41.0, (20, 38, 32, 47)) and not in_box(47.4, 47.1, (20, 38, 32, 47))


def _fixture_folder(case: str, tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "base", data)
    shutil.copytree(ROOT / "data" / "schema", data / "schema")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    for f in (FIXTURES / case).iterdir():
        if f.is_file() and f.name != "expect.json":
            shutil.copy(f, data / f.name)
    return data


@pytest.mark.parametrize("case", ["tour-unknown-event", "tour-disagreement-hidden", "tour-unreliable-unsaid"])
def test_a_tour_with_a_problem_is_left_out_whole_and_listed(case: str, tmp_path: Path) -> None:
    atlas = load_atlas(_fixture_folder(case, tmp_path))
    assert atlas.tours == []
    assert any(p.file == "tours.json" and p.feature == "fixture-tour" for p in atlas.problems)


def test_a_view_that_misses_an_event_is_listed_but_the_tour_still_plays(tmp_path: Path) -> None:
    atlas = load_atlas(_fixture_folder("tour-event-off-view", tmp_path))
    assert [t["id"] for t in atlas.tours] == ["fixture-tour"]
    assert [p.rule for p in atlas.problems] == ["tour-event-off-view"]


def test_a_folder_without_tours_has_none(tmp_path: Path) -> None:
    data = _fixture_folder("tours-file-is-optional", tmp_path)
    (data / "tours.json").unlink()
    atlas = load_atlas(data)
    assert atlas.tours == [] and atlas.problems == []


# --- the tour's part of the URL ----------------------------------------------------------------------------------


def _parse(query: dict[str, str]) -> Any:
    from geo.urlstate import parse_url_state

    return parse_url_state(query, event_ids=[], kinds=[], polities=[], sources=[], tour_steps={"t": 5})


def test_a_tour_link_names_the_tour_and_the_step() -> None:
    state = _parse({"tour": "t", "step": "3"})
    assert (state.tour, state.step, state.invalid) == ("t", 3, {})
    assert _parse({"tour": "t"}).step is None  # the first step
    paused = _parse({"tour": "t", "step": "2", "paused": "1", "year": "1300", "relations": "1"})
    assert (paused.tour_paused, paused.year, paused.relations) == (True, 1300, True)


@pytest.mark.parametrize(
    ("query", "param", "words"),
    [
        ({"tour": "nowhere", "step": "2"}, "tour", "is not a tour"),
        ({"tour": "t", "step": "6"}, "step", "from 1 to 5"),
        ({"tour": "t", "step": "0"}, "step", "from 1 to 5"),
        ({"tour": "t", "step": "two"}, "step", "from 1 to 5"),
        ({"step": "2"}, "step", "needs a tour"),
        ({"relations": "yes"}, "relations", "must be 1 or 0"),
    ],
)
def test_a_bad_tour_or_step_is_refused_and_the_tour_not_started(query: dict[str, str], param: str, words: str) -> None:
    state = _parse(query)
    assert words in state.invalid[param]
    assert state.tour is None and state.step is None


def test_a_playing_tours_link_is_short_and_a_paused_one_keeps_the_view() -> None:
    from geo.urlstate import UrlState, url_params

    assert url_params(UrlState(tour="t", step=2, tour_paused=False, relations=False)) == {"tour": "t", "step": "2"}
    assert url_params(UrlState(year=1300, tour="t", step=2, tour_paused=True)) == {
        "year": "1300",
        "tour": "t",
        "step": "2",
        "paused": "1",
    }
    assert url_params(UrlState(year=1300, step=2, tour_paused=True)) == {"year": "1300"}  # no tour, no step
