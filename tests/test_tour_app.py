"""Tours and relations in the Streamlit page, driven by AppTest on the fixture data (no browser, no JavaScript).

What a reader does (start a tour, step, touch another control, resume, leave, follow a link, switch the
relations on) and what the page must then show and put in its URL.
"""

from __future__ import annotations

from typing import Any

from streamlit.testing.v1 import AppTest

from tests.conftest import HOSTILE_DATA, html_bodies

TOUR = "fixture-tour"


def params(at: AppTest) -> dict[str, str]:
    """The URL's query parameters, one value each."""
    out: dict[str, str] = {}
    for key, value in at.query_params.items():
        out[key] = value[-1] if isinstance(value, list) else value
    return out


def panel(at: AppTest) -> str:
    """The tour panel's HTML, or ""."""
    return next((h for h in html_bodies(at) if 'class="tour-panel"' in h), "")


def map_state(at: AppTest, app: Any) -> dict[str, Any]:
    """The state the last run handed the map (the per-year feature group's ``window.atlasApply`` call)."""
    group = app.st_folium.call_args.kwargs["feature_group_to_add"]
    return group._children["state"].state


def test_a_first_visit_offers_the_tours_and_one_starts(app):
    at = app(map_state=None).run()
    assert not at.exception
    assert any("Start here" in m.value for m in at.markdown)
    at.button(key=f"start_{TOUR}").click().run()
    assert not at.exception
    assert params(at) == {"tour": TOUR, "step": "1"}
    assert "Step 1 of 5" in panel(at)
    state = map_state(at, app)
    assert state["hl"] == ["siege-of-thessalonica-1242"] and state["view"] == {"center": [23.0, 40.6], "zoom": 7}
    assert not any("Start here" in m.value for m in at.markdown)


def test_a_link_with_parameters_is_not_a_first_visit(app):
    at = app(year="1264").run()
    assert not any("Start here" in m.value for m in at.markdown)
    assert at.button(key="tour_start_sidebar")  # a tour can still be started from anywhere


def test_next_and_previous_follow_the_steps(app):
    at = app(map_state=None, tour=TOUR, step="1").run()
    at.button(key="tour_next").click().run()
    assert params(at) == {"tour": TOUR, "step": "2"}
    assert at.slider(key="year").value == 1264  # the year control follows
    html = panel(at)
    assert "Step 2 of 5" in html and html.count('class="tp-version"') == 2  # both accounts, side by side
    first_key = map_state(at, app)["viewKey"]
    at.button(key="tour_next").click().run()
    at.button(key="tour_prev").click().run()
    assert params(at) == {"tour": TOUR, "step": "2"} and map_state(at, app)["viewKey"] != first_key
    at = app(map_state=None, tour=TOUR, step="5").run()
    assert at.button(key="tour_next").disabled and not at.button(key="tour_prev").disabled
    assert "Unreliable source." in panel(at)


def test_another_control_pauses_and_resume_goes_back(app):
    at = app(map_state=None, tour=TOUR, step="3").run()
    at.button(key="year_next").click().run()
    assert not at.exception
    assert params(at) == {"year": "1277", "tour": TOUR, "step": "3", "paused": "1"}
    assert "Tour paused" in panel(at)
    assert map_state(at, app)["hl"] is None and map_state(at, app)["view"] is None  # the view is kept
    at.multiselect(key="f_kinds").set_value(["plot"]).run()  # still paused, the reader's filters kept
    assert params(at)["kind"] == "plot" and params(at)["paused"] == "1"
    at.button(key="tour_resume").click().run()
    assert params(at) == {"tour": TOUR, "step": "3"}
    assert at.slider(key="year").value == 1276 and at.multiselect(key="f_kinds").value == []
    assert map_state(at, app)["hl"] == ["maria-plans-attack-1276"]


def test_the_relations_switch_does_not_pause_a_tour(app):
    at = app(map_state=None, tour=TOUR, step="4").run()
    at.toggle(key="relations").set_value(True).run()
    assert params(at) == {"relations": "1", "tour": TOUR, "step": "4"}
    assert map_state(at, app)["rel"] is True and map_state(at, app)["hl"] == ["capture-of-maria-at-tirnovo-1278"]


def test_a_paused_link_restores_what_was_on_screen(app):
    at = app(map_state=None, tour=TOUR, step="2", paused="1", year="1300").run()
    assert at.slider(key="year").value == 1300
    assert "Tour paused" in panel(at) and "Step 2 of 5" in panel(at)
    assert params(at) == {"year": "1300", "tour": TOUR, "step": "2", "paused": "1"}


def test_leaving_keeps_the_step_on_screen(app):
    at = app(map_state=None, tour=TOUR, step="4").run()
    at.button(key="tour_leave").click().run()
    assert panel(at) == ""
    assert params(at) == {"year": "1278"}


def test_bad_tour_links_give_a_notice_and_the_plain_atlas(app):
    for query, words in (
        ({"tour": "nowhere", "step": "2"}, "is not a tour of this atlas"),
        ({"tour": TOUR, "step": "6"}, "from 1 to 5"),
        ({"tour": TOUR, "step": "two"}, "from 1 to 5"),
        ({"step": "2"}, "needs a tour"),
    ):
        at = app(query).run()
        assert not at.exception
        assert any(words in w.value for w in at.warning), (query, [w.value for w in at.warning])
        assert panel(at) == "" and "tour" not in params(at), query


def test_relations_on_show_the_years_matrix_and_go_into_the_url(app):
    at = app(map_state=None, year="1278").run()
    at.toggle(key="relations").set_value(True).run()
    assert not at.exception
    assert params(at) == {"year": "1278", "relations": "1"}
    assert map_state(at, app)["rel"] is True
    assert any("Relations</b>" in h for h in html_bodies(at))  # the legend
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    at.slider(key="year").set_value(1250).run()
    assert any("No relation between two polities in 1250" in c.value for c in at.caption)


def test_an_arc_picks_an_event_of_another_year(app):
    pick = {
        "last_object_clicked": {"lat": 42.0, "lng": 27.0},
        "last_active_drawing": {"properties": {"relation": "alliance", "event_id": "capture-of-maria-at-tirnovo-1278"}},
    }
    at = app(map_state=pick, year="1300", relations="1").run()
    at.run()  # the click is handled on the run that sees it
    assert params(at).get("event") == "capture-of-maria-at-tirnovo-1278"
    assert at.slider(key="year").value == 1278


def test_a_click_on_an_arc_itself_selects_nothing(app):
    arc = {
        "last_object_clicked": {"lat": 40.64, "lng": 22.94},
        "last_active_drawing": {"properties": {"relation": "war"}},
    }
    at = app(map_state=arc, year="1242", relations="1").run()
    at.run()
    assert "event" not in params(at)  # not the siege of Thessalonica, although the click was next to it


def test_hostile_tours_are_text(app):
    at = app(tour=TOUR, step="2", data=HOSTILE_DATA).run()
    assert not at.exception
    html = panel(at)
    assert html and "<script>window.__pwned" not in html and "&lt;script&gt;window.__pwned" in html
