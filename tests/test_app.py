"""The Streamlit page driven by AppTest against the fixture data (no browser, no JavaScript)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import HOSTILE_DATA, html_bodies

TIRNOVO = "capture-of-maria-at-tirnovo-1278"


def listed(at: AppTest) -> list[str]:
    if not at.dataframe:
        return []
    return list(at.dataframe[0].value["title"])


def html_text(at: AppTest) -> str:
    return "\n".join(html_bodies(at))


def test_opens_in_1242_with_one_event(app):
    at = app().run()
    assert not at.exception
    assert at.slider(key="year").value == 1242
    assert listed(at) == ["Siege of Thessalonica"]
    assert "an atlas of the sources" in at.markdown[0].value


def test_slider_changes_the_list(app):
    at = app().run()
    at.slider(key="year").set_value(1278).run()
    assert not at.exception
    assert listed(at) == ["Capture of Maria at Tirnovo"]
    at.slider(key="year").set_value(1250).run()
    assert listed(at) == []
    assert at.query_params["year"] == ["1250"] or at.query_params["year"] == "1250"


def test_step_buttons(app):
    at = app(year="1263").run()
    at.button(key="year_next").click().run()
    assert at.slider(key="year").value == 1264
    assert listed(at) == ["Mongol invasion of Byzantine Thrace"]
    at.button(key="year_prev").click().run()
    at.button(key="year_prev").click().run()
    assert at.slider(key="year").value == 1262 and listed(at) == []


def test_window_control(app):
    at = app(year="1277").run()
    assert listed(at) == []
    at.radio(key="window").set_value("around").run()
    at.number_input(key="window_n").set_value(1).run()
    assert listed(at) == ["Maria Palaiologina plans an attack", "Capture of Maria at Tirnovo"]
    at.radio(key="window").set_value("upto").run()
    assert len(listed(at)) == 3
    assert not at.exception


def test_filters_and_search(app):
    at = app(year="1345", window="upto").run()
    assert len(listed(at)) == 6
    at.multiselect(key="f_kinds").set_value(["invasion"]).run()
    assert len(listed(at)) == 2
    at.checkbox(key="f_hide_unreliable").check().run()
    assert listed(at) == ["Mongol invasion of Byzantine Thrace"]
    at.multiselect(key="f_kinds").set_value([]).run()
    at.text_input(key="f_q").input("tirnovo").run()
    assert listed(at) == ["Capture of Maria at Tirnovo"]
    at.text_input(key="f_q").input("").run()
    at.multiselect(key="f_polities").set_value(["golden-horde"]).run()
    assert "Siege of Thessalonica" not in listed(at) and len(listed(at)) == 3
    assert not at.exception


def test_link_restores_year_and_selected_event(app):
    at = app(year="1264", event=TIRNOVO).run()
    assert not at.exception
    assert at.slider(key="year").value == 1264
    body = html_text(at)
    assert "Capture of Maria at Tirnovo" in body and "jointly besieged and captured Maria in Tirnovo" in body


def test_event_alone_moves_the_slider_to_its_start(app):
    at = app(event=TIRNOVO).run()
    assert at.slider(key="year").value == 1278
    assert not at.warning


def test_invalid_params_warn_and_are_removed(app):
    at = app(year="abc", event="<script>alert(1)</script>", window="sideways", kind="nope", junk="1").run()
    assert not at.exception
    assert at.warning and "ignored" in at.warning[0].value
    assert at.slider(key="year").value == 1242
    params = dict(at.query_params)
    assert not ({"event", "window", "kind", "junk"} & set(params))


def test_simulated_map_click_shows_detail_panel(app):
    state = {
        "last_object_clicked": {"lat": 43.0757, "lng": 25.6172},
        "last_active_drawing": {"type": "Feature", "properties": {"event_id": TIRNOVO}},
    }
    at = app(year="1278", map_state=state).run()
    assert not at.exception
    body = html_text(at)
    assert "jointly besieged and captured Maria in Tirnovo" in body
    assert "https://www.wikidata.org/wiki/Q182908" in body
    assert at.query_params["event"] in (TIRNOVO, [TIRNOVO])


def test_accounts_and_unreliable_badge(app):
    at = app(event="mongol-invasion-of-thrace-1264").run()
    body = html_text(at)
    assert "Byzantine account" in body and "Egyptian account" in body
    at = app(event="mongols-invade-syria-1312").run()
    assert "From an unreliable source: Contradicts the standard chronology" in html_text(at)


def test_sources_page_highlights_the_passage(app):
    at = app(page="sources", source="wp-byzantine-mongol-alliance", event=TIRNOVO, cite="0").run()
    assert not at.exception
    body = html_text(at)
    assert 'id="atlas-active-quote" class="active">jointly besieged and captured Maria in Tirnovo</mark>' in body
    assert any("Unreliable source" in e.value for e in at.error)


def test_hostile_data_is_escaped_and_problems_listed(app):
    at = app(data=HOSTILE_DATA, event="hostile-event-1278").run()
    assert not at.exception
    body = html_text(at)
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;alert(1)" in body
    assert "broken-event" in body and "date_edtf" in body
    assert any("Data problems" in e.label for e in at.expander)


def test_a_new_tabs_first_run_draws_the_map_and_leaves_the_rest_until_it_has_drawn(app):
    """The filters, the list, the downloads and the timeline wait for the map (components/after_map.py)."""
    at = app(complete=False, map_state=None).run()
    assert not at.exception
    assert app.st_folium.called and at.slider(key="year").value == 1242
    assert not at.dataframe and not at.get("vega_lite_chart") and not at.sidebar.multiselect
    at.session_state["_page_complete"] = True  # what the element's trigger does once the map has drawn
    at.run()
    assert listed(at) == ["Siege of Thessalonica"]
    assert at.sidebar.multiselect and at.get("vega_lite_chart")


def test_selecting_an_event_in_view_keeps_the_year(app):
    """A click on an event the map shows (here one that began the year before) selects it; the year stays."""
    state = {
        "last_object_clicked": {"lat": 41.6, "lng": 26.8},
        "last_active_drawing": {"type": "Feature", "properties": {"event_id": "mongol-invasion-of-thrace-1264"}},
    }
    at = app(year="1264", map_state=state).run()
    assert not at.exception
    assert at.slider(key="year").value == 1264  # not moved to the event's start, 1263
    assert at.query_params["event"] in ("mongol-invasion-of-thrace-1264", ["mongol-invasion-of-thrace-1264"])


def test_a_click_that_opened_the_list_of_overlapping_events_selects_nothing(app):
    state = {
        "last_object_clicked": {"lat": 41.6, "lng": 26.8},
        "last_active_drawing": {"type": "Feature", "properties": {"event_id": None}},
    }
    at = app(year="1264", map_state=state).run()
    assert not at.exception and "event" not in at.query_params


def _polity_click(feature_id: str) -> dict:
    return {
        "last_object_clicked": {"lat": 41.0, "lng": 29.0},
        "last_active_drawing": {"properties": {"polity_feature": feature_id}},
    }


def _card(at: AppTest) -> str | None:
    return next((b for b in html_bodies(at) if "class='d-panel d-card'" in b), None)


def test_a_map_click_on_a_polity_opens_its_card_until_the_polity_is_no_longer_drawn(app):
    at = app(year="1250", event=TIRNOVO, map_state=_polity_click("nicaea-1240-1261")).run()
    assert not at.exception
    card = _card(at)
    assert card and "Empire of Nicaea" in card and "Status" in card and "independent" in card
    assert at.query_params["event"] in (TIRNOVO, [TIRNOVO])  # the event stays selected below the card
    at.slider(key="year").set_value(1262).run()
    assert _card(at) is None  # Nicaea is not drawn after 1261: its card closes


def test_a_polity_card_closes_with_its_button(app):
    at = app(year="1264", map_state=_polity_click("golden-horde-1242-1345")).run()
    assert "Golden Horde" in (_card(at) or "")
    at.button(key="close_polity").click().run()
    assert _card(at) is None


def test_search_lists_events_of_every_year_and_a_choice_goes_to_it(app):
    at = app(year="1242", q="Maria").run()
    assert not at.exception
    results = [b for b in at.button if b.key and b.key.startswith("sr_")]
    assert len(results) >= 2 and all("Maria" in b.label for b in results)
    assert any("lie outside 1242" in c.value for c in at.caption)
    at.button(key=f"sr_{TIRNOVO}").click().run()
    assert at.slider(key="year").value == 1278 and at.query_params["event"] in (TIRNOVO, [TIRNOVO])
