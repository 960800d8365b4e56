"""Every event the map draws can be selected with the mouse alone (real data, headless Chromium).

For every year with more than one event, every event drawn in the map's opening view is selected by
real mouse clicks only: a click on a point of it where no other event lies, or, where it lies under
other events everywhere (a shared place, a marker under a line), a click there and a click on its
entry in the list that opens. Its detail panel must then show its title, and the URL name it.

What a click reaches depends only on the events drawn near it and the view (events are drawn above
the polities, which take no selection clicks), so years that draw the same events are one case, and an
event drawn with the same events under and around it as in an earlier year is not clicked again. The
view is put back to the opening view before each click (a popup pans the map), as a reader who opened
that year's link would see it.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from geo.atlas import load_atlas
from geo.search import Filters
from geo.windows import visible_events
from tests.conftest import MAP, ROOT, click_event, offline_page, wait_for_map, wait_until_idle

pytestmark = pytest.mark.browser

#: In the map: the view to come back to, and the shown events with some part in it (clear of the edges).
OPENING_VIEW_JS = """(sel) => {
    const A = document.querySelector(sel).contentWindow.atlas, m = A.map;
    A.openingView = A.openingView || {center: m.getCenter(), zoom: m.getZoom()};
    return A.openingView;
}"""
RESET_VIEW_JS = """(sel) => {
    const A = document.querySelector(sel).contentWindow.atlas;
    A.map.setView(A.openingView.center, A.openingView.zoom, {animate: false});
}"""
IN_VIEW_JS = """(sel) => {
    const A = document.querySelector(sel).contentWindow.atlas, m = A.map, size = m.getSize();
    const inside = (ll) => { const p = m.latLngToContainerPoint(ll);
        return p.x >= 30 && p.y >= 30 && p.x <= size.x - 30 && p.y <= size.y - 30; };
    const out = [];
    for (const e of A.data.events) {
        if (!A.shownEv[e.id]) continue;
        const pts = e.shape === 'Point' ? [e.coords] : e.coords;
        let hit = pts.some((c) => inside([c[1], c[0]]));
        for (let i = 1; i < pts.length && !hit; i++) {  // a line may cross the view between its ends
            for (let k = 1; k < 20 && !hit; k++) {
                const a = pts[i - 1], b = pts[i];
                hit = inside([a[1] + (b[1] - a[1]) * k / 20, a[0] + (b[0] - a[0]) * k / 20]);
            }
        }
        if (hit) out.push(e.id);
    }
    return {shown: Object.keys(A.shownEv).sort(), inView: out};
}"""


#: In the map: every event drawn under some point of event ``id`` (itself included): what a click on it can meet.
NEIGHBOURS_JS = """([sel, id]) => {
    const A = document.querySelector(sel).contentWindow.atlas, m = A.map, e = A.byId[id], rec = A.ev[id];
    const pts = [];
    if (e.shape === 'Point') {
        const c = m.latLngToContainerPoint(rec.main.getLatLng());
        pts.push(c);
        for (let a = 0; a < 8; a++) pts.push(c.add([Math.cos(a * Math.PI / 4) * 6, Math.sin(a * Math.PI / 4) * 6]));
    } else {
        const ll = rec.main.getLatLngs().map((p) => m.latLngToContainerPoint(p));
        for (let i = 1; i < ll.length; i++) {
            const n = Math.max(2, Math.ceil(ll[i].distanceTo(ll[i - 1]) / 4));
            for (let k = 0; k <= n; k++) pts.push(ll[i - 1].add(ll[i].subtract(ll[i - 1]).multiplyBy(k / n)));
        }
    }
    const near = new Set();
    for (const p of pts) for (const other of A.eventsAt(p.x, p.y)) near.add(other);
    return [...near].sort();
}"""


def year_groups() -> list[tuple[list[int], list[str]]]:
    """Years with more than one event, grouped by the events they draw: ``(years, event ids)``."""
    atlas = load_atlas(ROOT / "data")
    groups: dict[tuple[str, ...], list[int]] = {}
    for year in range(1240, 1346):
        ids = tuple(sorted(e["id"] for e in visible_events(atlas.events, year, "year", 0, Filters(), atlas.places)))
        if len(ids) > 1:
            groups.setdefault(ids, []).append(year)
    return [(years, list(ids)) for ids, years in groups.items()]


def test_every_event_drawn_in_the_opening_view_is_selected_by_mouse_clicks(browser, real_server):
    atlas = load_atlas(ROOT / "data")
    titles = {e["id"]: " ".join(e["properties"]["title"].split()) for e in atlas.events}
    groups = year_groups()
    assert len(groups) >= 20 and sum(len(y) for y, _ in groups) >= 60  # the real data, not a fixture
    ctx, page = offline_page(browser, {"width": 1400, "height": 1000})
    first = groups[0][0][0]
    page.goto(f"{real_server}?year={first}")
    wait_for_map(page, first)
    wait_until_idle(page)
    page.evaluate(OPENING_VIEW_JS, MAP)
    year, selected, chooser_clicks = first, 0, 0
    done: set[tuple[str, tuple[str, ...]]] = set()
    slider = page.get_by_role("slider").first
    for years, ids in groups:
        target = years[0]
        slider.focus()
        for _ in range(target - year):
            page.keyboard.press("ArrowRight")
        year = target
        page.wait_for_function("y => new URLSearchParams(location.search).get('year') === String(y)", arg=year)
        wait_for_map(page, year)
        wait_until_idle(page)
        page.evaluate(RESET_VIEW_JS, MAP)
        drawn = page.evaluate(IN_VIEW_JS, MAP)
        assert drawn["shown"] == ids, year
        assert drawn["inView"], year
        for eid in drawn["inView"]:
            page.evaluate(RESET_VIEW_JS, MAP)
            case = (eid, tuple(page.evaluate(NEIGHBOURS_JS, [MAP, eid])))
            if case in done:  # drawn with the same events around it in an earlier year: the same clicks
                continue
            done.add(case)
            alone = click_event(page, eid)
            chooser_clicks += not alone
            try:
                page.wait_for_function(
                    """([id, title]) => new URLSearchParams(location.search).get('event') === id
                        && (document.querySelector('#atlas-detail') || {}).textContent === title""",
                    arg=[eid, titles[eid]],
                    timeout=15_000,
                )
            except PlaywrightTimeout:
                shown = page.evaluate("() => (document.querySelector('#atlas-detail') || {}).textContent")
                pytest.fail(
                    f"{year}: {eid} clicked ({'alone' if alone else 'from the list'}), page: {page.url}, {shown!r}"
                )
            selected += 1
    ctx.close()
    # the sweep did reach stacked events through the list (the Ainos and Constantinople events of 1264)
    assert chooser_clicks > 0 and selected >= 60, (selected, chooser_clicks)
