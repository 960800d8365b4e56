"""Tours and relations in the real page (fixture data, headless Chromium, every request off 127.0.0.1 blocked).

A tour is played from its link to its last step with the arrow keys and back with the buttons; the map
follows each step (year, view, highlighted events) without reloading its iframe, and the URL always
names the step on screen. The relations layer is switched on in a year, an arc is clicked, and an event
picked from its list is selected. Every wait is on a condition, never a fixed sleep.
"""

from __future__ import annotations

import os
import shutil

import pytest

from tests.conftest import MAP, drawn_year, offline_page, wait_for_map, wait_until_idle

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        shutil.which("chromium") is None and not os.path.exists("/usr/bin/chromium"),
        reason="needs /usr/bin/chromium",
    ),
]

TOUR = "fixture-tour"
#: (year, highlighted events, zoom the map flies to or None for bounds) of the fixture tour's steps
STEPS = [
    (1242, ["siege-of-thessalonica-1242"], 7),
    (1264, ["mongol-invasion-of-thrace-1264"], None),
    (1276, ["maria-plans-attack-1276"], 6),
    (1278, ["capture-of-maria-at-tirnovo-1278"], 6),
    (1312, ["mongols-invade-syria-1312"], 5),
]


@pytest.fixture
def page(browser, app_server):
    ctx, pg = offline_page(browser, {"width": 1400, "height": 1000})
    yield pg
    ctx.close()


def map_view(page) -> dict:
    """The map's drawn state and its Leaflet view, read in its iframe."""
    return page.locator(MAP).evaluate(
        """el => {
            const w = el.contentWindow, m = Object.values(w).find(v => v && v._leaflet_id && v.getZoom && v.flyTo);
            return {year: w.atlas.state.year, hl: w.atlas.state.hl, zoom: m.getZoom(), lat: m.getCenter().lat,
                    lng: m.getCenter().lng, notReloaded: w.__notReloaded === "yes"};
        }"""
    )


def wait_step(page, n: int) -> None:
    """Wait until step ``n`` (from 1) is in the URL, in the panel and on the map (its flight finished)."""
    year, hl, zoom = STEPS[n - 1]
    page.wait_for_function("n => new URLSearchParams(location.search).get('step') === String(n)", arg=n, timeout=20000)
    page.locator(".tour-panel").get_by_text(f"Step {n} of {len(STEPS)}").wait_for(timeout=20000)
    wait_for_map(page, year)
    page.wait_for_function(
        """([sel, hl, zoom]) => {
            const w = document.querySelector(sel).contentWindow;
            const m = Object.values(w).find(v => v && v._leaflet_id && v.getZoom && v.flyTo);
            return JSON.stringify(w.atlas.state.hl) === JSON.stringify(hl)
              && w.atlas.flownKey === w.atlas.state.viewKey && (zoom === null || m.getZoom() === zoom);
        }""",
        arg=[MAP, hl, zoom],
        timeout=20000,
    )


def test_a_tour_from_its_link_to_its_last_step_and_back(page, app_server):
    page.goto(app_server + f"?tour={TOUR}&step=1")
    wait_step(page, 1)
    page.locator(MAP).evaluate("el => { el.contentWindow.__notReloaded = 'yes'; }")
    frame = page.frame_locator(MAP)
    assert "atlas-hl" in (frame.locator("path.ev-siege-of-thessalonica-1242").get_attribute("class") or "")
    # forward with the arrow key while the panel has focus
    page.locator(".st-key-tour_panel").focus()
    for n in range(2, len(STEPS) + 1):
        page.keyboard.press("ArrowRight")
        wait_step(page, n)
        assert drawn_year(page) == STEPS[n - 1][0]
        if n == 2:  # a disagreement: both accounts side by side
            assert page.locator(".tour-panel .tp-version").count() == 2
        page.locator(".st-key-tour_panel").focus()
    assert page.get_by_role("button", name="Next ▶").is_disabled()
    assert page.locator(".tour-panel").get_by_text("Unreliable source.").count() == 1  # the last step's warning
    # and back to the first with the buttons
    for n in range(len(STEPS) - 1, 0, -1):
        page.get_by_role("button", name="◀ Previous").click()
        wait_step(page, n)
    view = map_view(page)
    assert view["notReloaded"], "a tour step reloaded the map's iframe"
    assert abs(view["lat"] - 40.6) < 0.05 and abs(view["lng"] - 23.0) < 0.05
    assert page.get_by_role("button", name="◀ Previous").is_disabled()
    assert page.external == []


def test_another_control_pauses_the_tour_and_resume_goes_back(page, app_server):
    page.goto(app_server + f"?tour={TOUR}&step=3")
    wait_step(page, 3)
    page.get_by_role("button", name="▶", exact=True).click()  # one year on: the reader takes over
    page.wait_for_function("() => new URLSearchParams(location.search).get('paused') === '1'", timeout=20000)
    wait_for_map(page, 1277)
    assert "year=1277" in page.url and f"tour={TOUR}" in page.url and "step=3" in page.url
    page.locator(".tour-panel").get_by_text("Tour paused").wait_for(timeout=15000)
    assert map_view(page)["hl"] is None  # nothing highlighted while the reader explores
    page.get_by_role("button", name="↺ Resume").click()
    wait_step(page, 3)
    assert "paused" not in page.url and "year=" not in page.url


def test_a_bad_step_gives_a_notice_and_the_plain_atlas(page, app_server):
    # the other bad links (an unknown tour, a step with no tour, a step that is no number) are AppTest's
    page.goto(app_server + f"?tour={TOUR}&step=9")
    wait_for_map(page)
    page.get_by_text("from 1 to 5").first.wait_for(timeout=20000)
    wait_until_idle(page)
    assert page.locator(".tour-panel").count() == 0
    assert "tour=" not in page.url
    assert map_view(page)["hl"] is None


def test_relations_toggled_an_arc_clicked_and_an_event_picked(page, app_server):
    page.goto(app_server + "?year=1278")
    wait_for_map(page, 1278)
    frame = page.frame_locator(MAP)
    assert frame.locator("path.atlas-relation").count() == 0
    page.get_by_text("Relations between polities").click()
    arc = frame.locator("path.atlas-relation.rel-alliance")  # Byzantium and the Horde besieged Tirnovo together
    arc.wait_for(timeout=20000)
    page.wait_for_function("() => new URLSearchParams(location.search).get('relations') === '1'", timeout=15000)
    page.locator('[data-testid="stVegaLiteChart"]').filter(has_text="Relations in 1278").wait_for(timeout=20000)
    wait_until_idle(page)
    # a real click on the arc's stroke: the middle of its curve (the middle of its box is off the line)
    x, y = arc.evaluate(
        """p => { const m = p.getPointAtLength(p.getTotalLength() / 2), c = p.getScreenCTM();
                  return [c.a * m.x + c.c * m.y + c.e, c.b * m.x + c.d * m.y + c.f]; }"""
    )
    box = page.locator(MAP).bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    popup = frame.locator(".rel-popup")
    popup.wait_for(timeout=15000)
    assert "alliance" in popup.inner_text()
    popup.locator("a.rel-pick").first.click()
    page.wait_for_function(
        "() => new URLSearchParams(location.search).get('event') === 'capture-of-maria-at-tirnovo-1278'",
        timeout=20000,
    )
    page.get_by_text("Show this passage in the source").first.wait_for(timeout=15000)
    assert page.external == []
