"""A reader's pass, in headless Chromium on the real data (one shared server): search across the century, story
order in the list, a selection that keeps the year, the round trip to the sources page, a polity's card, printing."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from tests.conftest import MAP, offline_page, wait_for_map, wait_until_idle

pytestmark = pytest.mark.browser

INVASION = "mongol-invasion-of-byzantine-thrace-1263-1264"
DEFEAT_TITLE = "Mongols defeat the army of Michael VIII"


@pytest.fixture(scope="module")
def page(browser):
    ctx, pg = offline_page(browser, {"width": 1440, "height": 900})
    yield pg
    assert pg.external == []
    ctx.close()


def _open(page, url: str, year: int) -> None:
    page.goto(url)
    wait_for_map(page, year)
    wait_until_idle(page)


def _params(page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def _wait_selected(page, event_id: str) -> None:
    page.wait_for_function("id => new URLSearchParams(location.search).get('event') === id", arg=event_id)
    page.locator("#atlas-detail").wait_for()
    wait_until_idle(page)


def test_search_lists_matches_of_every_year_and_goes_to_the_one_chosen(page, real_server):
    _open(page, real_server + "?year=1242&q=Thrace", 1242)
    results = page.locator(".st-key-search_results")
    assert "8 events in the whole atlas" in results.inner_text()
    assert "8 of them lie outside 1242" in results.inner_text()  # none of them in 1242: before, "0 event(s) in view"
    buttons = results.locator("button")
    assert buttons.count() == 8
    assert buttons.first.inner_text().startswith("1263–1264 · Mongol invasion of Byzantine Thrace")
    results.locator("button", has_text=DEFEAT_TITLE).click()
    _wait_selected(page, "defeat-of-michael-viii-1264")
    wait_for_map(page, 1264)  # an event outside the window: the year moves to it, map included
    assert _params(page)["year"] == "1264" and DEFEAT_TITLE in page.locator("#atlas-detail").inner_text()
    assert page.locator(".st-key-search_results").inner_text().count("lie outside") == 1  # "6 of them" now


def test_choosing_an_event_in_view_keeps_the_year(page, real_server):
    """The invasion began in 1263: chosen in 1264, where it is drawn, it leaves the year (and the others) alone."""
    _open(page, real_server + "?year=1264&q=invasion", 1264)
    shown = page.locator(MAP).evaluate("el => Object.keys(el.contentWindow.atlas.shownEv).length")
    page.locator(".st-key-search_results button", has_text="Mongol invasion of Byzantine Thrace").click()
    _wait_selected(page, INVASION)
    assert _params(page)["year"] == "1264"
    assert page.locator(MAP).evaluate("el => el.contentWindow.atlas.state.year") == 1264
    assert page.locator(MAP).evaluate("el => Object.keys(el.contentWindow.atlas.shownEv).length") == shown


#: In the page: ``[row index, title]`` of the event list's rows drawn now (the grid's accessible table).
_ROWS_JS = """(name) => {
    const t = document.querySelector('[data-testid="stDataFrame"] table');
    const rows = [...t.querySelectorAll('tr')];
    const col = [...rows[0].children].findIndex((c) => c.innerText.trim() === name);
    return rows.slice(1).map((tr) => [+tr.getAttribute('aria-rowindex'), tr.children[col].innerText]);
}"""


def _list_column(page, name: str = "title") -> list[str]:
    """A column of the event list, top to bottom: the grid draws the rows in view, so it is scrolled through."""
    page.locator('[data-testid="stDataFrame"] table').first.wait_for(state="attached")
    rows: dict[int, str] = {}
    scroller = page.locator('[data-testid="stDataFrame"] .dvn-scroller').first
    scroller.evaluate("(el) => { el.scrollTop = 0; }")
    page.locator('[data-testid="stDataFrame"] table tr[aria-rowindex="2"]').first.wait_for(state="attached")
    for top in range(0, 2000, 200):
        scroller.evaluate("(el, top) => { el.scrollTop = top; }", top)
        page.wait_for_timeout(50)  # the grid redraws on the next frame; nothing to wait on but time
        rows.update(dict(page.evaluate(_ROWS_JS, name)))
    return [rows[k] for k in sorted(rows)]


def test_the_event_list_is_in_story_order_and_can_be_ordered_by_kind(page, real_server):
    _open(page, real_server + "?year=1264", 1264)
    titles = _list_column(page)
    assert len(titles) == 22
    # 1264 in the texts' order: the defeat, the escape, ... the army leaves, ... al-Mas'ūdī goes on to Berke
    order = [DEFEAT_TITLE, "Michael VIII escapes", "Berke's army leaves", "al-Mas‛ūdī's mission"]
    positions = [next((i for i, t in enumerate(titles) if t.startswith(w)), -1) for w in order]
    assert -1 not in positions and positions == sorted(positions), titles
    page.locator('[data-testid="stDataFrame"] .dvn-scroller').first.evaluate("(el) => { el.scrollTop = 0; }")
    page.get_by_text("By kind", exact=True).click()
    page.wait_for_function(
        '() => document.querySelector(\'[data-testid="stDataFrame"] table tr[aria-rowindex="2"]\')?.innerText'
        ".includes('alliance')"
    )
    kinds = _list_column(page, "kind")
    assert len(kinds) == 22 and kinds == sorted(kinds) and kinds[0] == "alliance"


def test_the_sources_page_and_back_keep_the_view(page, real_server):
    _open(page, real_server + f"?year=1264&event={INVASION}&view=41.500,27.000,6", 1264)
    page.locator(".d-src").first.click()
    back = page.get_by_role("button", name=re.compile("Back to the event: Mongol invasion of Byzantine Thrace"))
    back.wait_for()
    wait_until_idle(page)
    on_sources = _params(page)
    assert on_sources["page"] == "sources" and on_sources["year"] == "1264" and on_sources["view"] == "41.500,27.000,6"
    back.click()
    _wait_selected(page, INVASION)
    wait_for_map(page, 1264)
    page.wait_for_function("() => document.body.getAttribute('data-scrolled-back') === '1'")
    params = _params(page)
    assert params["year"] == "1264" and params.get("page") is None
    center = page.locator(MAP).evaluate(
        "el => { const m = el.contentWindow.atlas.map, c = m.getCenter(); return [c.lat, c.lng, m.getZoom()]; }"
    )
    assert center == pytest.approx([41.5, 27.0, 6], abs=0.01)
    scroll = page.evaluate(
        "() => (document.querySelector('[data-testid=\"stMain\"]') || document.scrollingElement).scrollTop"
    )
    assert scroll == 0  # the top of the atlas, not the bottom of the page the reader left


def test_a_click_on_a_polity_opens_its_card(page, real_server):
    _open(page, real_server + "?year=1264", 1264)
    at = page.evaluate(
        """(sel) => { const f = document.querySelector(sel), A = f.contentWindow.atlas;
            const p = A.map.latLngToContainerPoint([47.2, 36.5]), fb = f.getBoundingClientRect(),
                  mb = A.map.getContainer().getBoundingClientRect();
            return {x: fb.left + mb.left + p.x, y: fb.top + mb.top + p.y}; }""",
        MAP,
    )
    page.mouse.move(at["x"], at["y"])
    tooltip = page.frame_locator(MAP).locator(".leaflet-tooltip")
    tooltip.wait_for()
    assert "Golden Horde" in tooltip.inner_text() and "golden-horde" not in tooltip.inner_text()
    page.mouse.click(at["x"], at["y"])
    card = page.locator(".d-card")
    card.wait_for()
    text = card.inner_text()
    for words in (
        "Golden Horde",
        "Status",
        "Capital",
        "Sarai",
        "How well the line is known",
        "schematic",
        "After Atwood",
    ):
        assert words in text, words
    assert "golden-horde" not in text
    page.get_by_role("button", name="Close this card").click()
    card.wait_for(state="detached")


def test_printing_gives_the_map_legend_and_event_on_two_pages_at_most(page, real_server):
    _open(page, real_server + f"?year=1264&event={INVASION}", 1264)  # the longest panel of the atlas
    page.locator("#atlas-detail").wait_for()
    pdf = page.pdf(format="A4", print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2, pages  # before: 5 A4 pages, mostly controls
    page.emulate_media(media="print")
    try:
        assert page.locator(MAP).is_visible() and page.locator(".atlas-legend").is_visible()
        assert page.locator("#atlas-detail").is_visible()
        for hidden in ('[data-testid="stSidebar"]', ".st-key-year_row", '[data-testid="stDataFrame"]', ".d-src"):
            assert not page.locator(hidden).first.is_visible(), hidden
    finally:
        page.emulate_media(media="screen")


def test_the_source_filter_shows_whole_titles(page, real_server):
    """The two Wikipedia articles once truncated to the same "Wikipedia, “Byzanti…"."""
    _open(
        page,
        real_server + "?year=1264&source_filter=wp-byzantine-mongol-alliance,wp-mongol-invasion-of-byzantine-thrace",
        1264,
    )
    chips = page.locator('[data-testid="stMultiSelectTagsContainer"] [data-tag] span[title]')
    chips.nth(1).wait_for()  # the filters are drawn once the map has drawn (components/after_map.py)
    assert chips.count() == 2
    for i in range(2):
        assert chips.nth(i).evaluate("el => el.scrollWidth <= el.clientWidth + 1"), chips.nth(i).inner_text()
    assert sorted(chips.all_inner_texts()) == [
        "Wikipedia, “Byzantine–Mongol alliance”",
        "Wikipedia, “Mongol invasion of Byzantine Thrace”",
    ]
