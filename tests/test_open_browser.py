"""Opening the atlas in a real browser: what the first paint asks for, what waits for the map, what a
second tab fetches again (fixture data, every request off 127.0.0.1 blocked). Invariants, not timings;
every wait is on a condition."""

from __future__ import annotations

import os
import re

import pytest

from tests.conftest import MAP, offline_page, wait_for_map

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists("/usr/bin/chromium"), reason="needs /usr/bin/chromium"),
]

GEN = "/app/static/gen/"
#: In the top page from its first moment: the map's generated files with the moment each was asked for
#: (the iframe's clock, as atlas.drawnAt), and whether the event list appeared before the map had drawn.
RECORD = r"""
(() => {
  if (window !== window.top) return;
  window.__asked = []; window.__listBeforeMap = null;
  const frameOf = () => document.querySelector('iframe[title="streamlit_folium.st_folium"]');
  const drawn = () => {
    try { const a = frameOf().contentWindow.atlas; return !!(a && a.drawn); } catch (e) { return false; }
  };
  const watch = setInterval(() => {
    const f = frameOf();
    if (f && f.contentWindow && !f.contentWindow.__recorded && f.contentWindow.performance) {
      f.contentWindow.__recorded = true;
      new f.contentWindow.PerformanceObserver((list) => {
        list.getEntries().forEach((e) => window.__asked.push({url: e.name, start: e.startTime}));
      }).observe({type: "resource", buffered: true});
    }
    if (window.__listBeforeMap === null && document.querySelector('[data-testid="stDataFrame"]')) {
      window.__listBeforeMap = !drawn();
    }
  }, 5);
})();
"""


def _fresh(browser):
    ctx, page = offline_page(browser, {"width": 1400, "height": 900})
    ctx.add_init_script(RECORD)
    return ctx, page


def _asked(page) -> list[dict]:
    """The map's generated files in the order they were asked for, each with ``drawn``: asked after the map drew."""
    drawn_at = page.locator(MAP).evaluate("el => el.contentWindow.atlas.drawnAt")
    asked = sorted((a for a in page.evaluate("window.__asked") if GEN in a["url"]), key=lambda a: a["start"])
    return [{"url": a["url"], "drawn": a["start"] >= drawn_at} for a in asked]


def _name(url: str) -> str:
    return url.split(GEN, 1)[1]


def test_the_first_paint_asks_for_land_names_and_the_years_in_view_only(browser, app_server) -> None:
    ctx, page = _fresh(browser)
    try:
        page.goto(app_server + "?year=1264")
        wait_for_map(page, 1264)
        page.wait_for_function("() => window.__asked.filter((a) => a.url.includes('atlas-details-')).length > 2")
        manifest = page.locator(MAP).evaluate("el => el.contentWindow.atlas.store.manifest")
        span = next(i for i, (lo, hi) in enumerate(manifest["spans"]) if lo <= 1264 <= hi)
        asked = _asked(page)
        before = [_name(a["url"]) for a in asked if not a["drawn"]]
        assert re.fullmatch(r"atlas-layers-[0-9a-f]{16}\.js", before[0]), before
        assert sorted(before[1:]) == sorted(_name(u) for u in (manifest["base"], manifest["years"][span]))
        # then the popups of the decade in view, before anything else
        after = [_name(a["url"]) for a in asked if a["drawn"]]
        assert after[0] == _name(manifest["details"][span])
    finally:
        ctx.close()


def test_the_list_and_the_filters_wait_for_the_map(browser, app_server) -> None:
    ctx, page = _fresh(browser)
    try:
        page.goto(app_server)
        wait_for_map(page)
        page.wait_for_selector('[data-testid="stDataFrame"]', timeout=30000)
        page.wait_for_selector('[data-testid="stSidebar"] [data-testid="stMultiSelect"]', timeout=30000)
        assert page.evaluate("window.__listBeforeMap") is False
        assert page.locator('[data-testid="stVegaLiteChart"]').count() == 1
        assert page.external == []
    finally:
        ctx.close()


def test_a_second_tab_fetches_none_of_the_maps_files_again(browser, app_server) -> None:
    """Every generated file is named by its content and dated long ago, so the browser keeps it.

    (No request routing here: Playwright turns the HTTP cache off in a context that routes requests.)
    """
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})
    ctx.add_init_script(RECORD)
    outside: list[str] = []
    ctx.on(
        "request",
        lambda r: (
            outside.append(r.url)
            if not r.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:"))
            else None
        ),
    )
    first = ctx.new_page()
    try:
        first.goto(app_server)
        wait_for_map(first)
        first.wait_for_function("() => window.__asked.filter((a) => a.url.includes('atlas-details-')).length > 2")
        second = ctx.new_page()
        cdp = ctx.new_cdp_session(second)
        cdp.send("Network.enable")
        cached: set[str] = set()
        answered: dict[str, str] = {}
        cdp.on("Network.requestServedFromCache", lambda ev: cached.add(ev["requestId"]))
        cdp.on("Network.responseReceived", lambda ev: answered.update({ev["requestId"]: ev["response"]}))
        second.goto(app_server)
        wait_for_map(second)
        gen = {rid: r for rid, r in answered.items() if GEN in r["url"]}
        assert len(gen) >= 3  # the script, the base and the year's part: asked for, and ...
        fetched = [r["url"] for rid, r in gen.items() if not (r.get("fromDiskCache") or rid in cached)]
        assert fetched == []  # ... every one answered by the browser's cache, none by the server
        assert outside == []
    finally:
        ctx.close()
