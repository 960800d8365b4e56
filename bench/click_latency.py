"""Click latency: from a real mouse click on a map marker to the page showing what was clicked.

Both apps run in the same benchmark run, on this machine, in one Chromium:

* the **floor** (``bench/apps/click_floor_app.py``): a trivial streamlit-folium app whose click writes
  the clicked point into the page; the page has shown the click when that text has changed;
* the **atlas** (``app.py`` on ``data/``): the page has shown the selection when the URL names the
  event *and* the detail panel's heading is the event's title. The time to the popup (drawn by the
  map itself, without the server) and to the URL alone are reported too.

Each click is a real mouse click (``page.mouse.click`` at a point of the marker where no other event
lies) on a distinct marker or event; the clock starts at the ``pointerdown`` seen in the map's
document and stops when a 4 ms poll in the page sees the change (both ``Date.now()`` of one browser).

    .venv/bin/python bench/click_latency.py            # 12 clicks each
    .venv/bin/python bench/click_latency.py --n 20
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import BENCH, IFRAME, ROOT, Server, fmt, launch_browser, median, p95, ratio, write_json  # noqa: E402

FLOOR_APP = BENCH / "apps" / "click_floor_app.py"
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'

#: Started in the top page before a click: polls (every 4 ms) for what the page shows and records when.
WATCH_JS = r"""
({kind, id, title, text}) => {
  const r = window.__click = {start: Date.now(), url: 0, panel: 0, popup: 0, done: 0};
  const frame = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
  const iv = setInterval(() => {
    const now = Date.now();
    if (kind === 'floor') {
      const md = [...document.querySelectorAll('[data-testid="stMarkdown"]')].map((e) => e.textContent).join('|');
      if (md.includes(text)) r.done = now;
    } else {
      if (!r.url && new URLSearchParams(location.search).get('event') === id) r.url = now;
      const h = document.querySelector('#atlas-detail');
      if (!r.panel && h && h.textContent.trim() === title) r.panel = now;
      const d = frame && frame.contentDocument;
      if (!r.popup && d && d.querySelector(`.leaflet-popup-content [data-event="${id}"]`)) r.popup = now;
      if (r.url && r.panel && r.popup) r.done = Math.max(r.url, r.panel);
    }
    if (r.done || now - r.start > 15000) clearInterval(iv);
  }, 4);
}
"""

#: Installed once per map document: the time of the last pointerdown inside the map, kept in the top page.
POINTER_JS = """el => {
  const top = window;
  el.contentDocument.addEventListener('pointerdown', () => { top.__ptrT = Date.now(); }, true);
}"""

#: In the map's iframe: events drawn now that a click can hit alone, with their titles and click points.
TARGETS_JS = r"""
(el) => {
  const w = el.contentWindow, A = w.atlas, out = [];
  const box = el.getBoundingClientRect(), mbox = w.document.querySelector('.leaflet-container').getBoundingClientRect();
  for (const e of A.data.events) {
    if (!A.shownEv[e.id] || e.id === A.state.sel) continue;
    const p = A.clickPoint(e.id);
    if (!p || !p.alone) continue;
    // the tooltip (title and date) comes with the year's details part (geo/parts.py)
    const tip = (A.store && A.store.tooltips[e.id]) || e.tooltip_html;
    if (!tip) continue;
    const tmp = w.document.createElement('div');
    tmp.innerHTML = tip;
    const title = tmp.querySelector('b').textContent;
    out.push({id: e.id, title: title, x: box.left + mbox.left + p.x, y: box.top + mbox.top + p.y});
  }
  return out;
}
"""


def _wait_map(page: Any, year: int | None = None) -> None:
    page.wait_for_function(
        """([sel, year]) => {
            const f = document.querySelector(sel);
            const a = f && f.contentWindow && f.contentWindow.atlas;
            // drawn, and the details of what is drawn here (titles, popups) arrived
            return !!(a && a.ready && a.state && (year === null || a.state.year === year)
                      && Object.keys(a.shownEv).every((id) => !a.store || a.store.tooltips[id] !== undefined));
        }""",
        arg=[IFRAME, year],
        timeout=30_000,
    )


def _click_and_wait(page: Any, x: float, y: float, watch: dict[str, Any]) -> dict[str, Any]:
    page.wait_for_selector(IDLE, timeout=30_000)
    page.evaluate(WATCH_JS, watch)
    page.mouse.click(x, y)
    page.wait_for_function("() => window.__click.done || Date.now() - window.__click.start > 15000", timeout=20_000)
    r = page.evaluate("() => ({...window.__click, ptr: window.__ptrT})")
    out = {"id": watch.get("id") or watch.get("text"), "ok": bool(r["done"]), "t": r["ptr"]}
    for k in ("done", "url", "panel", "popup"):
        out[k] = (r[k] - r["ptr"]) if r.get(k) else None
    # the page settles (the run that showed the click has finished) before the next click
    page.wait_for_selector(IDLE, timeout=30_000)
    return out


def measure_floor(page: Any, url: str, n: int) -> list[dict[str, Any]]:
    """Click ``n`` + 1 distinct markers of the floor app (the first is a warm-up, not counted)."""
    sys.path.insert(0, str(BENCH / "apps"))
    from click_floor_app import POINTS

    page.goto(url)
    page.frame_locator(IFRAME).locator("path.leaflet-interactive").nth(len(POINTS) - 1).wait_for(timeout=30_000)
    page.wait_for_selector(IDLE)
    page.locator(IFRAME).evaluate(POINTER_JS)
    paths = page.frame_locator(IFRAME).locator("path.leaflet-interactive")
    box = page.locator(IFRAME).bounding_box()
    out = []
    for i in range(min(n + 1, len(POINTS))):
        lat, lng = POINTS[i]
        # the marker's pixel position, from the map itself (not a locator's box: that waits for stability)
        pt = page.locator(IFRAME).evaluate(
            """(el, ll) => {
                const w = el.contentWindow, k = Object.keys(w).find((k) => k.startsWith('map_') && w[k].getZoom);
                const p = w[k].latLngToContainerPoint(ll), b = w[k].getContainer().getBoundingClientRect();
                return {x: b.left + p.x, y: b.top + p.y};
            }""",
            [lat, lng],
        )
        assert paths.count() == len(POINTS)
        out.append(
            _click_and_wait(
                page, box["x"] + pt["x"], box["y"] + pt["y"], {"kind": "floor", "text": f"{lat:.4f}, {lng:.4f}"}
            )
        )
    return out[1:]


def measure_atlas(page: Any, url: str, n: int, first_year: int, per_year: int = 2) -> list[dict[str, Any]]:
    """Click ``n`` + 1 distinct events (at most ``per_year`` a year, from ``first_year`` on; the first is a
    warm-up), stepping the year slider with the keyboard between years."""
    page.goto(f"{url}?year={first_year}")
    _wait_map(page, first_year)
    page.wait_for_selector(IDLE)
    page.locator(IFRAME).evaluate(POINTER_JS)
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    year = first_year
    while len(out) < n + 1 and year < 1345:
        for _ in range(per_year):
            # aimed afresh before each click: a selected event is drawn on top of the others
            targets = [t for t in page.locator(IFRAME).evaluate(TARGETS_JS) if t["id"] not in seen]
            if not targets or len(out) >= n + 1:
                break
            t = targets[0]
            seen.add(t["id"])
            out.append(_click_and_wait(page, t["x"], t["y"], {"kind": "atlas", "id": t["id"], "title": t["title"]}))
            # close the popup (a real click on its close button) so it hides nothing of the next target
            close = page.frame_locator(IFRAME).locator(".leaflet-popup-close-button")
            if close.count():
                close.first.click()
        slider = page.get_by_role("slider").first
        slider.focus()
        page.keyboard.press("ArrowRight")
        year += 1
        _wait_map(page, year)
        page.wait_for_function("y => location.search.includes('year=' + y)", arg=year, timeout=15_000)
        page.wait_for_selector(IDLE)
    return out[1:]


def summarise(rows: list[dict[str, Any]], key: str = "done") -> dict[str, Any]:
    """Median and p95 of one column over the clicks that completed."""
    vals = [r[key] for r in rows if r.get(key) is not None]
    return {"n": len(vals), "median": median(vals), "p95": p95(vals), "max": max(vals) if vals else None}


def main() -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=12, help="clicks per app (distinct markers / events), >= 10")
    ap.add_argument("--first-year", type=int, default=1242)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    out_dir = BENCH / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {"when": time.strftime("%Y-%m-%d %H:%M"), "n": args.n}
    with (
        Server(
            ROOT / "app.py",
            env={"ATLAS_TIMING_LOG": str(out_dir / "click-timing.jsonl")},
            log=out_dir / "click-app.log",
        ) as atlas_srv,
        Server(FLOOR_APP, log=out_dir / "click-floor.log") as floor_srv,
        sync_playwright() as pw,
    ):
        browser = launch_browser(pw)
        try:
            ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = ctx.new_page()
            result["floor"] = measure_floor(page, floor_srv.url, args.n)
            result["atlas"] = measure_atlas(page, atlas_srv.url, args.n, args.first_year)
            ctx.close()
        finally:
            browser.close()
    floor, atlas = summarise(result["floor"]), summarise(result["atlas"])
    result["summary"] = {
        "floor": floor,
        "atlas": atlas,
        "atlas_popup": summarise(result["atlas"], "popup"),
        "atlas_url": summarise(result["atlas"], "url"),
        "atlas_panel": summarise(result["atlas"], "panel"),
        "ratio_median": ratio(atlas["median"], floor["median"]),
        "ratio_p95": ratio(atlas["p95"], floor["p95"]),
    }
    path = write_json("click_latency.json", result)
    s = result["summary"]
    print(f"click -> page shows it (ms), {args.n} clicks on distinct markers/events each")
    print(f"{'':28} {'median':>8} {'p95':>8} {'max':>8} {'n':>4}")
    for label, key in (
        ("floor (point written)", "floor"),
        ("atlas: popup (browser)", "atlas_popup"),
        ("atlas: URL", "atlas_url"),
        ("atlas: detail panel", "atlas_panel"),
        ("atlas: URL and panel", "atlas"),
    ):
        v = s[key]
        print(f"{label:28} {fmt(v['median']):>8} {fmt(v['p95']):>8} {fmt(v['max']):>8} {v['n']:>4}")
    print(f"ratio atlas/floor: median {fmt(s['ratio_median'], 2)}, p95 {fmt(s['ratio_p95'], 2)}  ({path})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
