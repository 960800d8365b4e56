"""The published site in Chromium, served by a plain file server (``python -m http.server``) on 127.0.0.1 with
every other request blocked: the atlas opens, steps the year, a real mouse click on a marker opens its quote and
the detail panel, a link opens the same view, the sources reader highlights the passage, a guided tour plays from
its link to its last step and back, the relations switch draws the year's arcs, the detail panel's links are
followed without a reload, the embed works in a course page of another origin, and the hostile fixture's payloads
(its tour's too) show as text without anything running.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from urllib.parse import urlencode

import pytest

from geo.features import all_citations
from geo.publish import build_site
from scripts.publish import app_detail_html
from tests.conftest import HOSTILE_DATA, ROOT

sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "app"))
from make_fixture import PWN_IMG, PWN_SCRIPT, PWN_TEMPLATE  # noqa: E402

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists("/usr/bin/chromium"), reason="needs /usr/bin/chromium"),
]

INVASION = "mongol-invasion-of-byzantine-thrace-1263-1264"
LITERALS = (PWN_SCRIPT, PWN_IMG, PWN_TEMPLATE)
#: A course page on another origin (``localhost`` is not ``127.0.0.1``) with the README's embed snippet.
COURSE = """<!doctype html><html><head><meta charset="utf-8"><title>Course</title></head><body>
<h1>Week 5: the Mongols and Byzantium</h1>
<iframe src="{src}" width="100%" height="560" style="border:0" loading="lazy" title="Map"></iframe>
</body></html>"""


@pytest.fixture(scope="session")
def site_server(tmp_path_factory):
    """One plain file server over the real site (``/real/``), the hostile one (``/hostile/``) and a course page."""
    root = tmp_path_factory.mktemp("sites")
    build_site(ROOT / "data", root / "real", app_detail_html, slides=())
    build_site(HOSTILE_DATA, root / "hostile", app_detail_html, slides=(), allow_problems=True)
    from serve import free_port

    port = free_port()
    (root / "course.html").write_text(COURSE.format(src=f"http://127.0.0.1:{port}/real/embed.html?year=1264"))
    cmd = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(root)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/real/index.html", timeout=2).close()
            break
        except OSError:
            assert time.monotonic() < deadline and proc.poll() is None, "http.server did not start"
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(10)


@pytest.fixture
def page(browser):
    """A page that may reach 127.0.0.1 and localhost only; records what else it tried, errors, dialogs and
    Content-Security-Policy violations (an escaped payload that still tried to run would cause one)."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    ctx.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    pg = ctx.new_page()
    pg.external, pg.errors, pg.dialogs = [], [], []

    def route(r):
        if r.request.url.startswith(("http://127.0.0.1", "http://localhost", "data:", "blob:", "about:")):
            r.continue_()
        else:
            pg.external.append(r.request.url)
            r.abort()

    ctx.route("**/*", route)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    assert pg.external == [] and pg.errors == [] and pg.dialogs == []
    for frame in pg.frames:
        assert frame.evaluate("() => [typeof window.__pwned, window.__csp || []]") == ["undefined", []], frame.url
    ctx.close()


def wait_drawn(target, year: int | None = None) -> None:
    """Until the site has read its data and the map has drawn (the year ``year``, if given)."""
    target.wait_for_function(
        """(year) => window.site && site.ready && window.atlas && atlas.ready && atlas.state
                     && (year === null || atlas.state.year === year)
                     && document.querySelector('.atlas-event') && document.querySelector('path.atlas-polity')""",
        arg=year,
        timeout=30_000,
    )


def click_marker(page, event_id: str) -> None:
    """Real mouse clicks on ``event_id``: on a point of it where no other event lies if there is one, else there
    and then on its entry in the list of the events under the pointer (the map panned to it if need be)."""
    point = page.evaluate(
        """(id) => {
            let p = atlas.clickPoint(id);
            if (!p || !p.alone) {
                const m = atlas.ev[id].main;
                atlas.map.setView(m.getLatLng ? m.getLatLng() : m.getCenter(), 7, {animate: false});
                p = atlas.clickPoint(id);
            }
            const box = atlas.map.getContainer().getBoundingClientRect();
            return p && {x: box.left + p.x, y: box.top + p.y, alone: p.alone};
        }""",
        event_id,
    )
    assert point, f"{event_id}: no point of it on the map can be clicked"
    page.mouse.click(point["x"], point["y"])
    if not point["alone"]:
        page.locator(f'.atlas-choice[data-event="{event_id}"]').click()


def test_the_atlas_steps_the_year_and_a_click_reads_a_quote(page, site_server):
    page.goto(f"{site_server}/real/?year=1263")
    wait_drawn(page, 1263)
    page.get_by_role("button", name="One year on").click()
    wait_drawn(page, 1264)
    assert page.locator("#year-out").inner_text() == "1264"
    page.get_by_label("Year", exact=True).focus()
    page.keyboard.press("ArrowRight")
    wait_drawn(page, 1265)
    page.wait_for_function("() => new URLSearchParams(location.search).get('year') === '1265'")
    rows = page.locator("#event-list button[data-event]")
    assert rows.count() == page.evaluate("() => Object.keys(atlas.shownEv).length") > 0
    page.keyboard.press("ArrowLeft")
    wait_drawn(page, 1264)

    data = json.loads((ROOT / "data" / "events.geojson").read_text(encoding="utf-8"))
    event = next(f for f in data["features"] if f["id"] == INVASION)
    click_marker(page, INVASION)
    popup = page.locator(f'.leaflet-popup-content .atlas-popup[data-event="{INVASION}"]')
    popup.wait_for(timeout=10_000)
    assert popup.locator("q.atlas-quote").inner_text() == event["properties"]["citations"][0]["quote"]
    page.wait_for_function(
        "(t) => { const h = document.getElementById('atlas-detail'); return h && h.innerText === t; }",
        arg=event["properties"]["title"],
    )
    assert page.evaluate("() => new URLSearchParams(location.search).get('event')") == INVASION
    assert page.evaluate("() => atlas.state.year") == 1264  # a marker clicked on the map keeps the year
    assert page.locator("#event-list tr.selected").inner_text().startswith("winter of AD 1263/1264")
    # +N more sources brings the panel, with every citation, into view
    popup.locator(".atlas-more").click()
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'atlas-detail'")
    assert page.locator("#detail .d-cite").count() == len(all_citations(event))  # accounts' citations too


def test_a_link_opens_the_same_view_and_names_what_it_ignored(page, site_server):
    query = {"year": "1264", "window": "around", "n": "2", "event": INVASION, "kind": "nope", "zoom": "9"}
    page.goto(f"{site_server}/real/?{urlencode(query)}&year=1264")
    wait_drawn(page, 1264)
    notice = page.locator("#notices")
    assert notice.inner_text() == (
        "Parts of the link were ignored and removed from the address: zoom is not a parameter of this atlas; "
        "kind names something this atlas does not have; year was given more than once; only the last value was used."
    )
    assert page.evaluate("() => [atlas.state.lo, atlas.state.hi, atlas.state.mode, atlas.state.sel]") == [
        1262,
        1266,
        "around",
        INVASION,
    ]
    assert page.locator("#n-box input").input_value() == "2"
    page.locator(f'.leaflet-popup-content .atlas-popup[data-event="{INVASION}"]').wait_for(timeout=10_000)
    page.wait_for_function("() => !location.search.includes('kind') && !location.search.includes('zoom')")
    assert page.evaluate("() => new URLSearchParams(location.search).get('event')") == INVASION

    # the detail panel's link opens the source with the passage highlighted and scrolled into view
    page.evaluate("() => { window.__stay = 1; }")
    page.locator("#detail a", has_text="Show this passage in the source").nth(1).click()
    active = page.locator("#atlas-active-quote[data-scrolled]")
    active.wait_for(timeout=15_000)
    assert active.inner_text() == "Result: Golden Horde victory"
    assert active.evaluate(
        "el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"
    )
    assert page.locator(".site-passages li.active").count() == 1
    assert page.evaluate("() => window.__stay") == 1  # followed in the page: nothing reloaded
    page.get_by_role("link", name="Atlas", exact=True).click()
    wait_drawn(page, 1264)  # the reader's year and window are kept, as the app's PanelLinks keep them
    assert page.evaluate("() => [atlas.state.mode, atlas.state.sel]") == ["around", INVASION]
    page.go_back()
    page.locator("#page-sources:not([hidden])").wait_for()


def test_cite_this_view_names_the_view_the_address_and_the_data_version(page, site_server):
    page.goto(f"{site_server}/real/?year=1282&window=upto")
    wait_drawn(page, 1282)
    page.get_by_text("Cite this view").click()
    page.wait_for_function("() => document.getElementById('cite-text').textContent")
    text = page.locator("#cite-text").inner_text()
    version = page.evaluate("() => site.cfg.version")
    assert text.startswith("Byzantine–Mongol relations, 1242–1341: an atlas of the sources: the map of everything up")
    assert page.evaluate("() => location.href") in text and f"data version {version}" in text
    assert "note = {The map of everything up to 1282; data version" in page.locator("#cite-bibtex").inner_text()


def test_play_advances_the_years_and_pause_stops(page, site_server):
    page.goto(f"{site_server}/real/?year=1300")
    wait_drawn(page, 1300)
    page.get_by_role("button", name="▶ Play").click()
    wait_drawn(page, 1302)
    page.get_by_role("button", name="❚❚ Pause").click()
    stopped = page.evaluate("() => atlas.state.year")
    page.wait_for_function("() => !site.playing")
    assert page.evaluate("(y) => new Promise((ok) => setTimeout(() => ok(atlas.state.year === y), 1000))", stopped)


def test_the_embed_in_a_course_page_of_another_origin(page, site_server):
    course = site_server.replace("127.0.0.1", "localhost") + "/course.html"
    page.goto(course)
    frame = page.frame_locator("iframe")
    frame.locator("#map").wait_for()
    embed = page.locator("iframe").element_handle().content_frame()
    wait_drawn(embed, 1264)
    frame.get_by_role("button", name="One year on").click()
    wait_drawn(embed, 1265)
    assert "year=1265" in frame.locator("#full-atlas").get_attribute("href")
    assert page.url == course  # the course page's address is never touched
    assert frame.locator("#detail, #event-list, #filters").count() == 0  # the map and its year control only


def test_the_hostile_site_shows_every_payload_as_text_and_runs_nothing(page, site_server):
    page.goto(f"{site_server}/hostile/?year=1345&window=upto")
    wait_drawn(page, 1345)
    ids = page.evaluate("() => site.C.events.map((e) => e.id)")
    assert len(ids) >= 3
    for eid in ids:
        page.locator(f'#event-list button[data-event="{eid}"]').click()
        popup = page.locator(f'.leaflet-popup-content .atlas-popup[data-event="{eid}"]')
        popup.wait_for(timeout=10_000)
        page.wait_for_function("(id) => document.getElementById('detail').dataset.event === id", arg=eid)
        for text in (popup.inner_text(), page.locator("#detail").inner_text()):
            assert all(lit in " ".join(text.split()) for lit in LITERALS), text[:300]
    assert all(lit in page.locator("#event-list").inner_text() for lit in LITERALS)
    assert all(lit in page.locator("#filters").text_content() for lit in LITERALS)  # folded away: as inserted
    hostile = page.evaluate("() => site.C.events.find((e) => e.title_html.includes('&lt;script&gt;')).id")
    page.locator(f'#event-list button[data-event="{hostile}"]').click()
    page.get_by_text("Cite this view").click()
    page.wait_for_function("(t) => document.getElementById('cite-text').textContent.includes(t)", arg=PWN_SCRIPT)
    tour = page.evaluate("() => site.C.tours[0].id")
    page.goto(f"{site_server}/hostile/?tour={tour}&step=1")
    wait_drawn(page)
    page.locator('#tour-body .tour-panel[data-step="1"]').wait_for(timeout=10_000)
    for _ in range(page.evaluate("() => site.C.tours[0].steps.length")):
        text = " ".join(page.locator("#tour").inner_text().split())
        assert any(lit in text for lit in LITERALS), text[:300]
        if page.locator("#tour-next").is_disabled():
            break
        step = page.evaluate("() => site.state.step")
        page.locator("#tour-next").click()
        page.locator(f'#tour-body .tour-panel[data-step="{step + 1}"]').wait_for(timeout=10_000)
    assert all(lit in page.locator("#start-here").text_content() for lit in LITERALS)
    page.get_by_role("link", name="Sources", exact=True).click()
    for source in page.evaluate("() => [...document.querySelectorAll('#source-select option')].map((o) => o.value)"):
        page.locator("#source-select").select_option(source)
        page.wait_for_function(
            "(t) => document.querySelector('#source-select').selectedOptions[0].text === t && "
            "document.querySelector('.atlas-seed')",
            arg=page.locator(f'#source-select option[value="{source}"]').inner_text(),
        )
        assert all(lit in " ".join(page.locator("#page-sources").inner_text().split()) for lit in LITERALS)
    page.wait_for_function("() => [...document.images].every((img) => img.complete)")


def tour_step(page, tour: dict, n: int) -> None:
    """Until step ``n`` of ``tour`` is on screen: its panel, the address, the year control and the map."""
    step = tour["steps"][n - 1]
    page.locator(f'#tour-body .tour-panel[data-step="{n}"]').wait_for(timeout=10_000)
    wait_drawn(page, step["year"])
    assert page.locator("#tour-body .tp-step").text_content() == f"Step {n} of {len(tour['steps'])}"
    page.wait_for_function(  # a playing tour's address is the tour and its step (and the map's view)
        "(a) => { const q = new URLSearchParams(location.search); q.delete('view');"
        " return q.toString() === new URLSearchParams(a).toString(); }",
        arg={"tour": tour["id"], "step": str(n)},
    )
    assert page.locator("#year-out").inner_text() == str(step["year"])
    assert page.evaluate("() => atlas.state.hl") == step["events"]  # highlighted, the rest dimmed


def test_a_tour_plays_from_its_link_to_its_last_step_and_back(page, site_server):
    page.goto(f"{site_server}/real/")
    wait_drawn(page)
    tour = page.evaluate("() => site.C.tours[0]")
    start = page.locator("#start-here")
    assert start.evaluate("el => el.open")  # a first visit is offered the tours
    page.evaluate("() => { window.__stay = 1; }")
    start.locator(f'a[data-tour="{tour["id"]}"]').click()
    tour_step(page, tour, 1)
    assert start.is_hidden() and page.locator("#tour-prev").is_disabled()
    assert page.evaluate("() => document.activeElement.id") == "tour"  # the arrow keys work at once
    west, south, east, north = tour["steps"][0]["view"]["bounds"]
    page.wait_for_function(  # the map flew to the step's view
        "(b) => { const c = atlas.map.getCenter();"
        " return c.lng > b[0] && c.lat > b[1] && c.lng < b[2] && c.lat < b[3]; }",
        arg=[west, south, east, north],
    )
    last = len(tour["steps"])
    for n in range(2, last + 1):
        page.keyboard.press("ArrowRight")
        tour_step(page, tour, n)
    assert page.locator("#tour-next").is_disabled()
    page.keyboard.press("ArrowRight")  # nothing after the last step
    assert page.evaluate("() => site.state.step") == last
    for n in range(last - 1, 0, -1):
        page.get_by_role("button", name="◀ Previous").click()
        tour_step(page, tour, n)
    assert page.evaluate("() => window.__stay") == 1  # all in the page

    # another control pauses the tour and keeps what the reader chose; Resume goes back to the step
    page.get_by_role("button", name="One year on").click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('paused') === '1'")
    wait_drawn(page, tour["steps"][0]["year"] + 1)
    assert page.locator(".tp-paused").is_visible() and page.evaluate("() => atlas.state.hl") is None
    page.get_by_role("button", name="↺ Resume").click()
    tour_step(page, tour, 1)
    assert page.locator(".tp-paused").is_hidden()
    page.get_by_role("button", name="✕ Leave tour").click()
    page.locator("#tour").wait_for(state="hidden")
    page.wait_for_function("() => !location.search.includes('tour')")
    # the embed takes the same link: the step's year, its events highlighted, no panel
    page.goto(f"{site_server}/real/embed.html?tour={tour['id']}&step=2")
    wait_drawn(page, tour["steps"][1]["year"])
    assert page.evaluate("() => atlas.state.hl") == tour["steps"][1]["events"]
    assert page.locator("#tour, #start-here").count() == 0


def test_a_link_to_a_bad_tour_gives_the_plain_atlas_and_says_why(page, site_server):
    page.goto(f"{site_server}/real/?tour=nope&step=2&year=1282")
    wait_drawn(page, 1282)
    assert page.locator("#notices").inner_text() == (
        "Parts of the link were ignored and removed from the address: tour is not a tour of this atlas."
    )
    assert page.locator("#tour").is_hidden()
    page.wait_for_function("() => location.search === '?year=1282'")
    tour = page.evaluate("() => site.C.tours[0]")
    count = len(tour["steps"])
    page.goto(f"{site_server}/real/?tour={tour['id']}&step={count + 1}&year=1282")
    wait_drawn(page, 1282)
    assert page.locator("#notices").inner_text().endswith(f"step must be a step of this tour, from 1 to {count}.")
    assert page.locator("#tour").is_hidden()


def test_the_relations_switch_draws_the_years_arcs_and_an_arc_selects(page, site_server):
    page.goto(f"{site_server}/real/?year=1264")
    wait_drawn(page, 1264)
    assert page.locator("path.atlas-relation").count() == 0 and page.locator("#relations-legend").is_hidden()
    page.get_by_label("Relations between polities").check()
    page.wait_for_function("() => document.querySelectorAll('path.atlas-relation').length > 0", timeout=15_000)
    page.wait_for_function("() => new URLSearchParams(location.search).get('relations') === '1'")
    assert page.locator("#relations-legend").is_visible()
    arcs = page.evaluate("() => relations.data.spans.filter((s) => s.start <= 1264 && s.end >= 1264).length")
    assert page.locator("path.atlas-relation").count() == arcs > 0
    # an event an arc rests on, chosen from its popup, is selected in the page
    page.evaluate("() => relations.group.getLayers()[0].openPopup()")
    pick = page.locator(".rel-popup a.rel-pick").first
    title = pick.inner_text()
    pick.click()
    page.wait_for_function(
        "(t) => { const h = document.getElementById('atlas-detail'); return h && h.innerText === t; }", arg=title
    )
    assert page.evaluate("() => [site.state.event === new URLSearchParams(location.search).get('event')]") == [True]
    page.goto(f"{site_server}/real/?year=1264&relations=1")  # a link opens with the layer on
    page.wait_for_function("() => document.querySelectorAll('path.atlas-relation').length > 0", timeout=15_000)
    assert page.get_by_label("Relations between polities").is_checked()


def test_a_panel_link_selects_the_related_event_without_a_reload(page, site_server):
    page.goto(f"{site_server}/real/?year=1264&event={INVASION}")
    wait_drawn(page, 1264)
    page.wait_for_function("(id) => document.getElementById('detail').dataset.event === id", arg=INVASION)
    page.evaluate("() => { window.__stay = 1; }")
    related = "defeat-of-michael-viii-1264"
    page.locator(f'#detail a[href^="?event={related}"]').first.click()
    page.wait_for_function("(id) => document.getElementById('detail').dataset.event === id", arg=related)
    assert page.evaluate("() => [window.__stay, atlas.state.sel, atlas.state.year]") == [1, related, 1264]
    assert page.evaluate("() => new URLSearchParams(location.search).get('event')") == related
    page.go_back()  # a followed link is a history entry
    page.wait_for_function("(id) => document.getElementById('detail').dataset.event === id", arg=INVASION)
