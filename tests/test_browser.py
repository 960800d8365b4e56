"""The real page in headless Chromium (fixture data), with every request off 127.0.0.1 blocked.

Every wait is on a condition (the map's drawn state, the URL, an element, Streamlit's run marker),
never a fixed sleep.
"""

from __future__ import annotations

import shutil
from urllib.parse import unquote

import pytest

from components.year_control import YEAR_LABEL
from tests.conftest import MAP, drawn_year, offline_page, wait_for_map, wait_until_idle

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        shutil.which("chromium") is None and not __import__("os").path.exists("/usr/bin/chromium"),
        reason="needs /usr/bin/chromium",
    ),
]

TIRNOVO = "capture-of-maria-at-tirnovo-1278"


@pytest.fixture
def page(browser, app_server):
    ctx, pg = offline_page(browser, {"width": 1400, "height": 900})
    yield pg
    ctx.close()


def open_atlas(page, url, year: int | None = None):
    """Open ``url`` and wait until the map has drawn (the year ``year``, if given) and the page around it too
    (a new tab draws the list, the filters and "Cite this view" once the map is drawn: a key pressed before that
    run has ended may go to a slider that is being drawn again)."""
    page.goto(url)
    frame = page.frame_locator(MAP)
    frame.locator("path.atlas-event, path.leaflet-interactive").first.wait_for(timeout=30000)
    wait_for_map(page, year)
    page.get_by_text("Events in view").first.wait_for(timeout=30000)
    wait_until_idle(page)
    return frame


def mark_iframe(page) -> None:
    """Set a flag on the map iframe's window: it survives only if the iframe is never reloaded."""
    page.locator(MAP).evaluate("el => { el.contentWindow.__notReloaded = 'yes'; }")


def iframe_kept(page) -> bool:
    return page.locator(MAP).evaluate("el => el.contentWindow.__notReloaded") == "yes"


def test_map_renders_offline(page, app_server):
    frame = open_atlas(page, app_server, 1242)
    assert frame.locator("path.leaflet-interactive").count() >= 4  # polities + the 1242 event
    assert frame.locator("path.ev-siege-of-thessalonica-1242").count() == 1
    assert frame.locator(".place-label", has_text="Constantinople").count() == 1
    assert page.external == []


def test_slider_step_swaps_layers_without_reloading_iframe(page, app_server):
    frame = open_atlas(page, app_server, 1242)
    frame.locator("path.ev-siege-of-thessalonica-1242").wait_for()
    mark_iframe(page)
    slider = page.get_by_role("slider").first
    slider.focus()
    page.keyboard.press("ArrowRight")
    frame.locator("path.ev-siege-of-thessalonica-1242").wait_for(state="detached", timeout=15000)
    assert drawn_year(page) == 1243
    # the server's rerun for 1243 has reached the page (URL) and finished: the iframe was kept
    page.wait_for_function("() => location.search.includes('year=1243')", timeout=15000)
    wait_until_idle(page)
    assert iframe_kept(page)
    assert page.external == []


def test_click_marker_opens_popup_with_quote(page, app_server):
    frame = open_atlas(page, app_server, 1242)
    wait_until_idle(page)  # the page around the map is laid out
    marker = frame.locator("path.ev-siege-of-thessalonica-1242")
    marker.click()  # a real mouse click, aimed once the marker's box has stood still for two frames
    popup = frame.locator(".leaflet-popup-content")
    popup.first.wait_for(timeout=15000)
    assert "besieged its capital, Thessalonica" in popup.first.inner_text()
    # the popup leaves most of the map visible
    shown, area = frame.locator(".leaflet-popup").first.bounding_box(), page.locator(MAP).bounding_box()
    assert shown["width"] * shown["height"] <= 0.5 * area["width"] * area["height"]
    # the selection reached Python: detail panel and URL
    page.get_by_text("Show this passage in the source").first.wait_for(timeout=15000)
    page.wait_for_function("() => location.search.includes('event=siege-of-thessalonica-1242')", timeout=15000)
    # announced to a screen reader, in a live region that stays in the page
    status = page.locator('[role="status"][aria-live="polite"]', has_text="Selected: Siege of Thessalonica")
    status.wait_for(state="attached")


def test_shared_link_restores_state(page, app_server):
    open_atlas(page, app_server + f"?year=1278&event={TIRNOVO}", 1278)
    slider = page.get_by_role("slider").first
    assert slider.get_attribute("aria-valuenow") == "1278" or slider.input_value() == "1278"
    page.get_by_text("jointly besieged and captured Maria in Tirnovo").first.wait_for(timeout=15000)
    assert page.external == []


def test_play_advances_the_year_and_pause_stops_it(page, app_server):
    frame = open_atlas(page, app_server + "?year=1260", 1260)
    mark_iframe(page)
    page.get_by_role("button", name="▶ Play").click()
    page.wait_for_function("() => /year=126[2-9]/.test(location.search)", timeout=20000)
    page.get_by_role("button", name="❚❚ Pause").click()
    # Pause is acknowledged by the run that draws the Play button again; the slider drawn in that same
    # run holds the year it stopped at (a tick already on its way was applied before it, in that run)
    page.get_by_role("button", name="▶ Play").wait_for(timeout=15000)
    slider = page.get_by_role("slider").first
    stopped_at = int(slider.input_value())
    assert 1262 <= stopped_at < 1345
    # a tick in flight when Pause arrived runs after it, sees that play is off and changes nothing
    wait_until_idle(page)
    page.wait_for_function(
        "y => new URLSearchParams(location.search).get('year') === String(y)", arg=stopped_at, timeout=15000
    )
    wait_for_map(page, stopped_at)
    wait_until_idle(page)
    assert int(slider.input_value()) == stopped_at, "the year kept moving after Pause"
    assert drawn_year(page) == stopped_at
    assert iframe_kept(page)
    assert frame.locator("path.leaflet-interactive").count() > 0


def test_map_follows_a_drag_before_the_slider_is_released(page, app_server):
    """Streamlit sends a slider's value on release; the map redraws the years the hand passes over."""
    frame = open_atlas(page, app_server + "?year=1242", 1242)
    frame.locator("path.ev-siege-of-thessalonica-1242").wait_for()
    mark_iframe(page)
    thumb = page.get_by_test_id("stSliderThumbValue").first
    track = page.locator('[data-testid="stSlider"] [data-orientation="horizontal"]').nth(1)
    box, tb = track.bounding_box(), thumb.bounding_box()
    page.mouse.move(tb["x"] + tb["width"] / 2, tb["y"] + tb["height"] + 14)
    page.mouse.down()
    for i in range(1, 9):
        page.mouse.move(tb["x"] + tb["width"] / 2 + i * box["width"] / 40, tb["y"] + tb["height"] + 14, steps=2)
        # the map has drawn the year the held slider shows now, before the next move
        page.wait_for_function(
            """([sel, label]) => {
                const input = document.querySelector(`input[type="range"][aria-label="${label}"]`);
                const a = document.querySelector(sel).contentWindow.atlas;
                return input && a.state && a.state.year === parseInt(input.value, 10);
            }""",
            arg=[MAP, YEAR_LABEL],
            timeout=5000,
        )
    assert drawn_year(page) > 1242, "the map did not follow the slider while it was held"
    assert "year=1242" in page.url  # Streamlit has not been told yet: the browser drew it alone
    assert frame.locator("path.ev-siege-of-thessalonica-1242").count() == 0
    page.mouse.up()
    page.wait_for_function("() => !location.search.includes('year=1242')", timeout=15000)
    wait_until_idle(page)
    assert iframe_kept(page)


def test_click_on_the_timeline_selects_the_event_and_moves_the_year(page, app_server):
    open_atlas(page, app_server + "?year=1278", 1278)
    bar = page.locator('[data-testid="stVegaLiteChart"] path[aria-label*="event: Siege of Thessalonica;"]')
    bar.first.wait_for(timeout=20000)
    bar.first.click()
    page.wait_for_function("() => location.search.includes('event=siege-of-thessalonica-1242')", timeout=15000)
    assert "year=1242" in page.url
    page.get_by_text("Show this passage in the source").first.wait_for(timeout=15000)


def test_a_phone_shows_year_control_and_map_in_the_first_screen(browser, app_server):
    ctx, page = offline_page(browser, {"width": 390, "height": 844})
    page.goto(app_server + "?year=1242&event=siege-of-thessalonica-1242")
    wait_for_map(page, 1242)
    page.locator("#atlas-detail").wait_for()
    frame = page.locator(MAP).bounding_box()
    assert frame["y"] < 600, frame  # the map starts in the first screen
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390  # no sideways scroll
    slider = page.get_by_role("slider").first.bounding_box()
    for name in ("◀", "▶"):
        button = page.get_by_role("button", name=name, exact=True).bounding_box()
        assert abs((button["y"] + button["height"] / 2) - (slider["y"] + slider["height"] / 2)) < 40, name
    # the detail panel comes below the map, and the map's own element fills its frame
    assert page.locator("#atlas-detail").bounding_box()["y"] > frame["y"] + frame["height"]
    inner = page.locator(MAP).evaluate("el => el.contentDocument.querySelector('.leaflet-container').offsetHeight")
    assert abs(inner - frame["height"]) <= 2
    ctx.close()


def test_a_wide_screen_map_uses_the_window_height(browser, app_server):
    ctx, page = offline_page(browser, {"width": 1920, "height": 1080})
    page.goto(app_server + "?year=1242")
    wait_for_map(page, 1242)
    frame = page.locator(MAP).bounding_box()
    assert frame["height"] > 700 and frame["y"] + frame["height"] <= 1080, frame
    page.wait_for_function(
        "sel => { const f = document.querySelector(sel);"
        " return Math.abs(f.contentDocument.querySelector('.leaflet-container').offsetHeight - f.offsetHeight) <= 2; }",
        arg=MAP,
    )
    ctx.close()


def test_the_link_carries_the_map_view_and_cite_this_view_copies_it(browser, app_server):
    ctx = browser.new_context(
        viewport={"width": 1400, "height": 900}, permissions=["clipboard-read", "clipboard-write"]
    )
    page = ctx.new_page()
    page.goto(app_server + "?year=1278&view=42.5,25.5,7")
    wait_for_map(page, 1278)
    view = "el => { const m = el.contentWindow.atlas.map, c = m.getCenter(); return [c.lat, c.lng, m.getZoom()]; }"
    assert page.locator(MAP).evaluate(view) == [42.5, 25.5, 7]  # a link opens the map where it was
    # a real drag moves the map; the address follows it without the server
    box = page.locator(MAP).bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 150, y + 60, steps=8)
    page.mouse.up()
    page.wait_for_function("() => !location.search.includes('view=42.5')")
    lat, lng, zoom = page.locator(MAP).evaluate(view)
    assert f"view={lat:.3f},{lng:.3f},{zoom}" in unquote(page.url) and lng > 25.5
    wait_until_idle(page)
    page.get_by_text("Cite this view").click()
    page.get_by_role("button", name="Copy citation").click()
    page.get_by_text("Copied.").wait_for()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert unquote(page.url) in unquote(copied) and "data version " in copied and "the map of 1278" in copied
    # the same view opened from the copied address
    page.goto(page.url)
    wait_for_map(page, 1278)
    assert page.locator(MAP).evaluate(view) == pytest.approx([lat, lng, zoom], abs=1e-3)
    ctx.close()
