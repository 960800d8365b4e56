"""The real page in headless Chromium (fixture data), with every request off 127.0.0.1 blocked."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import offline_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        shutil.which("chromium") is None and not __import__("os").path.exists("/usr/bin/chromium"),
        reason="needs /usr/bin/chromium",
    ),
]

MAP = 'iframe[title="streamlit_folium.st_folium"]'
TIRNOVO = "capture-of-maria-at-tirnovo-1278"


@pytest.fixture
def page(browser, app_server):
    ctx, pg = offline_page(browser, {"width": 1400, "height": 900})
    yield pg
    ctx.close()


def open_atlas(page, url):
    page.goto(url)
    frame = page.frame_locator(MAP)
    frame.locator("path.atlas-event, path.leaflet-interactive").first.wait_for(timeout=30000)
    return frame


def test_map_renders_offline(page, app_server):
    frame = open_atlas(page, app_server)
    page.wait_for_timeout(1000)
    assert frame.locator("path.leaflet-interactive").count() >= 4  # polities + the 1242 event
    assert frame.locator("path.ev-siege-of-thessalonica-1242").count() == 1
    assert frame.locator(".place-label", has_text="Constantinople").count() == 1
    assert page.external == []


def test_slider_step_swaps_layers_without_reloading_iframe(page, app_server):
    frame = open_atlas(page, app_server)
    frame.locator("path.ev-siege-of-thessalonica-1242").wait_for()
    iframe = page.locator(MAP).element_handle()
    iframe.evaluate("el => { el.contentWindow.__notReloaded = 'yes'; }")
    slider = page.get_by_role("slider").first
    slider.focus()
    page.keyboard.press("ArrowRight")
    frame.locator("path.ev-siege-of-thessalonica-1242").wait_for(state="detached", timeout=15000)
    page.wait_for_timeout(500)
    assert page.locator(MAP).element_handle().evaluate("el => el.contentWindow.__notReloaded") == "yes"
    assert "year=1243" in page.url
    assert page.external == []


def test_click_marker_opens_popup_with_quote(page, app_server):
    frame = open_atlas(page, app_server)
    marker = frame.locator("path.ev-siege-of-thessalonica-1242")
    marker.wait_for()
    page.wait_for_timeout(500)  # let Leaflet finish its first layout before aiming the mouse
    box = marker.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # a real mouse click
    popup = frame.locator(".leaflet-popup-content")
    popup.first.wait_for(timeout=15000)
    assert "besieged its capital, Thessalonica" in popup.first.inner_text()
    # the selection reached Python: detail panel and URL
    page.get_by_text("Show this passage in the source").first.wait_for(timeout=15000)
    page.wait_for_function("() => location.search.includes('event=siege-of-thessalonica-1242')", timeout=15000)


def test_shared_link_restores_state(page, app_server):
    open_atlas(page, app_server + f"?year=1278&event={TIRNOVO}")
    slider = page.get_by_role("slider").first
    assert slider.get_attribute("aria-valuenow") == "1278" or slider.input_value() == "1278"
    page.get_by_text("jointly besieged and captured Maria in Tirnovo").first.wait_for(timeout=15000)
    assert page.external == []


def test_play_advances_the_year_and_pause_stops_it(page, app_server):
    frame = open_atlas(page, app_server + "?year=1260")
    iframe = page.locator(MAP).element_handle()
    iframe.evaluate("el => { el.contentWindow.__notReloaded = 'yes'; }")
    page.get_by_role("button", name="▶ Play").click()
    page.wait_for_function("() => /year=126[2-9]/.test(location.search)", timeout=20000)
    page.get_by_role("button", name="❚❚ Pause").click()
    page.wait_for_timeout(2500)  # let a tick that was already on its way land
    stopped_at = page.url
    page.wait_for_timeout(2500)
    assert page.url == stopped_at, "the year kept moving after Pause"
    assert page.locator(MAP).element_handle().evaluate("el => el.contentWindow.__notReloaded") == "yes"
    assert frame.locator("path.leaflet-interactive").count() > 0


def test_map_follows_a_drag_before_the_slider_is_released(page, app_server):
    """Streamlit sends a slider's value on release; the map redraws the years the hand passes over."""
    frame = open_atlas(page, app_server + "?year=1242")
    frame.locator("path.ev-siege-of-thessalonica-1242").wait_for()
    iframe = page.locator(MAP).element_handle()
    iframe.evaluate("el => { el.contentWindow.__notReloaded = 'yes'; }")
    thumb = page.get_by_test_id("stSliderThumbValue").first
    track = page.locator('[data-testid="stSlider"] [data-orientation="horizontal"]').nth(1)
    box, tb = track.bounding_box(), thumb.bounding_box()
    page.mouse.move(tb["x"] + tb["width"] / 2, tb["y"] + tb["height"] + 14)
    page.mouse.down()
    for i in range(1, 9):
        page.mouse.move(tb["x"] + tb["width"] / 2 + i * box["width"] / 40, tb["y"] + tb["height"] + 14, steps=2)
        page.wait_for_timeout(60)
    drawn = iframe.evaluate("el => el.contentWindow.atlas.state.year")
    assert drawn > 1242, "the map did not follow the slider while it was held"
    assert "year=1242" in page.url  # Streamlit has not been told yet: the browser drew it alone
    assert frame.locator("path.ev-siege-of-thessalonica-1242").count() == 0
    page.mouse.up()
    page.wait_for_function("() => !location.search.includes('year=1242')", timeout=15000)
    assert page.locator(MAP).element_handle().evaluate("el => el.contentWindow.__notReloaded") == "yes"


def test_click_on_the_timeline_selects_the_event_and_moves_the_year(page, app_server):
    open_atlas(page, app_server + "?year=1278")
    bar = page.locator('[data-testid="stVegaLiteChart"] path[aria-label*="event: Siege of Thessalonica;"]')
    bar.first.wait_for(timeout=20000)
    bar.first.click()
    page.wait_for_function("() => location.search.includes('event=siege-of-thessalonica-1242')", timeout=15000)
    assert "year=1242" in page.url
    page.get_by_text("Show this passage in the source").first.wait_for(timeout=15000)
