"""The hostile fixture in a real Chromium: every popup, tooltip, detail panel and the sources page show the
payloads as text, nothing runs (``window.__pwned`` stays undefined in the page and every frame, no dialog
opens), and the map still draws.
"""

from __future__ import annotations

import json
import os
import sys
from urllib.parse import urlencode

import pytest

from tests.conftest import HOSTILE_DATA, MAP, ROOT, click_event, offline_page, wait_for_map, wait_until_idle

sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "app"))
from make_fixture import PAYLOAD, PWN_IMG, PWN_SCRIPT, PWN_TEMPLATE  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists("/usr/bin/chromium"), reason="needs /usr/bin/chromium"),
]

EVENTS = sorted(
    (
        (f["properties"]["start"], f["id"], f["properties"]["title"])
        for f in json.loads((HOSTILE_DATA / "events.geojson").read_text(encoding="utf-8"))["features"]
        if f["id"] != "broken-event"
    ),
    reverse=True,
)  # latest first: selecting an event moves the year to its start, "up to" keeps the earlier
SOURCES = [s["id"] for s in json.loads((HOSTILE_DATA / "sources.json").read_text(encoding="utf-8"))["sources"]]
CITED = {
    c["source"]
    for f in json.loads((HOSTILE_DATA / "events.geojson").read_text(encoding="utf-8"))["features"]
    for c in f["properties"]["citations"]
}
LITERALS = (PWN_SCRIPT, PWN_IMG, PWN_TEMPLATE, "\\u0041", "\\u ")


@pytest.fixture
def page(browser):
    ctx, pg = offline_page(browser, {"width": 1400, "height": 1000})
    pg.dialogs = []

    def on_dialog(d):
        pg.dialogs.append(d.message)
        d.dismiss()

    pg.on("dialog", on_dialog)
    yield pg
    ctx.close()


def assert_nothing_ran(page, with_map: bool = True) -> None:
    """``window.__pwned`` is undefined in the page and in every frame (the map iframe included)."""
    values = {}
    for frame in page.frames:
        try:
            values[frame.url or frame.name] = frame.evaluate("() => typeof window.__pwned")
        except Exception:  # a frame detached while we looked
            continue
    assert len(values) >= (2 if with_map else 1), values  # the page (and the map iframe)
    assert set(values.values()) == {"undefined"}, values
    assert page.dialogs == []
    assert page.external == []


def assert_literal(text: str) -> None:
    flat = " ".join(text.split())
    for needle in LITERALS:
        assert needle in flat, (needle, flat[:300])


def test_map_popups_tooltips_and_detail_panel(page, hostile_server):
    page.goto(hostile_server + "?" + urlencode({"year": 1345, "window": "upto"}))
    frame = page.frame_locator(MAP)
    frame.locator("path.atlas-event").first.wait_for(timeout=45000)
    wait_for_map(page, 1345)
    # the map draws: polities of 1345 (Byzantium, Golden Horde, Bulgaria), every event, place labels
    assert frame.locator("path.leaflet-interactive:not(.atlas-event):not(.atlas-candidate)").count() >= 3
    for _start, eid, _title in EVENTS:
        assert frame.locator(f"path.ev-{eid}").count() >= 1, eid
    labels = frame.locator(".place-label")
    assert labels.count() >= 3
    assert_literal(labels.first.text_content())  # the text as inserted, whether laid out or hidden

    for _start, eid, title in EVENTS:
        marker = frame.locator(f"path.ev-{eid}").first
        marker.wait_for(state="attached", timeout=20000)  # may be off screen after a popup pans the map
        marker.dispatch_event("mouseover")
        tip = frame.locator(".leaflet-tooltip", has_text=title.split(" ")[0])
        tip.first.wait_for(timeout=10000)
        assert_literal(tip.first.inner_text())
        marker.dispatch_event("mouseout")
        click_event(page, eid, pan=True)
        popup = frame.locator(f'.leaflet-popup-content .atlas-popup[data-event="{eid}"]')
        popup.wait_for(timeout=15000)
        text = popup.inner_text()
        assert_literal(text)
        assert " ".join(title.split()) in " ".join(text.split())
        # the click reached Python: the detail panel shows the event, its text as written
        page.wait_for_function(f"() => location.search.includes('event={eid}')", timeout=20000)
        panel = page.locator(".d-title").first
        page.wait_for_function(
            "t => { const el = document.querySelector('.d-title'); return el && el.innerText.trim() === t; }",
            arg=" ".join(title.split()).strip(),
            timeout=20000,
        )
        assert_literal(panel.inner_text())
        details = page.locator(".d-panel").first.inner_text()
        assert_literal(details)
        assert_nothing_ran(page)
    # the map is still drawn after all those swaps
    assert frame.locator("path.leaflet-interactive").count() >= 4
    # the problems panel names the broken event (its date is a payload too)
    page.get_by_text("Data problems").first.click()
    problems = page.locator(".atlas-problem").first
    problems.wait_for(timeout=10000)
    assert "broken-event" in problems.inner_text() and PWN_SCRIPT in problems.inner_text()
    # the legend
    assert PAYLOAD.split(" ")[0] in page.locator(".atlas-legend").first.inner_text()
    assert_nothing_ran(page)


@pytest.mark.parametrize("source", SOURCES)
def test_sources_page_shows_payloads_as_text(page, hostile_server, source):
    page.goto(hostile_server + "?" + urlencode({"page": "sources", "source": source}))
    seed = page.locator(".atlas-seed").first
    seed.wait_for(timeout=45000)
    assert (seed.locator("mark").count() >= 1) == (source in CITED)
    assert_literal(seed.inner_text())
    body = page.locator("body").inner_text()
    assert_literal(body)  # catalogue table, caption (reference) and passage list
    wait_until_idle(page)  # the run is over and every image in the page has loaded or failed
    assert_nothing_ran(page, with_map=False)


def test_sources_page_active_quote_and_hostile_link(page, hostile_server):
    params = {
        "page": "sources",
        "source": "wp-byzantine-mongol-alliance",
        "event": "hostile-event-1278",
        "cite": "1",
        PWN_SCRIPT: PWN_IMG,
    }
    page.goto(hostile_server + "?" + urlencode(params))
    active = page.locator("#atlas-active-quote")
    active.wait_for(timeout=45000)
    assert_literal(active.inner_text())
    warning = page.get_by_text("Parts of the link were ignored").first
    warning.wait_for(timeout=15000)
    assert PWN_SCRIPT in warning.inner_text()
    page.wait_for_function("() => !location.search.includes('pwned')", timeout=15000)
    page.locator("#atlas-active-quote[data-scrolled]").wait_for(timeout=15000)  # our own scroll script ran
    wait_until_idle(page)
    assert_nothing_ran(page, with_map=False)
