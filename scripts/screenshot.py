"""Take docs/screenshot.png, docs/screenshot-popup.png and the views of VIEWS in headless Chromium.

``python scripts/screenshot.py`` starts the app itself; ``--url URL`` uses a running one.
Every request outside 127.0.0.1 is blocked, as in the browser tests.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve import ROOT, offline_browser_page, shoot_pictures  # noqa: E402

MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'


HERO = "?year=1264&window=around&n=1&event=mongol-invasion-of-byzantine-thrace-1263-1264"


def shoot(url: str, out_dir: Path, popup_event: str = "siege-of-thessalonica-1242") -> list[Path]:
    """Save the README's hero view (1264, the invasion of Thrace selected, its accounts beside the
    map) and a view of the opening year with one event's popup open."""
    out_dir.mkdir(parents=True, exist_ok=True)
    shots = [out_dir / "screenshot.png", out_dir / "screenshot-popup.png"]
    base = url.split("?")[0]
    with offline_browser_page(1400, 900) as page:
        page.goto(base + HERO)
        frame = page.frame_locator(MAP_IFRAME)
        frame.locator("path.atlas-event").first.wait_for(timeout=30000, state="attached")
        frame.locator(".leaflet-popup-close-button").first.wait_for(timeout=10000)
        frame.locator(".leaflet-popup-close-button").first.click()  # the panel shows it all
        page.mouse.move(5, 5)  # no polity's tooltip under the pointer in the picture
        page.wait_for_timeout(1500)
        page.screenshot(path=str(shots[0]))
        page.goto(base)
        frame = page.frame_locator(MAP_IFRAME)
        marker = frame.locator(f"path.ev-{popup_event}").first
        marker.wait_for(timeout=30000)
        page.wait_for_timeout(800)
        box = marker.bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        frame.locator(".leaflet-popup-content").wait_for(timeout=10000)
        page.wait_for_timeout(2500)
        page.screenshot(path=str(shots[1]))
    return shots


#: (file, viewport, query, what to do once the map has drawn): the README's views of issue 11.
VIEWS = [
    ("map-names-1264.png", (1400, 1000), "?year=1264", None),
    ("map-stack-1264.png", (1400, 1000), "?year=1264", "stack"),
    ("phone-390.png", (390, 844), "?year=1264", None),
    ("wide-1920.png", (1920, 1080), "?year=1264&event=mongol-invasion-of-byzantine-thrace-1263-1264", None),
]
#: An event at Ainos, where four events of 1264 share one place: its marker opens the list of them.
STACKED = "defeat-of-michael-viii-1264"


def shoot_views(url: str, out_dir: Path) -> list[Path]:
    """Save the views of :data:`VIEWS`: names on the map, a stack of events opened, a phone, a wide screen."""
    base, shots = url.split("?")[0], []
    for name, (width, height), query, action in VIEWS:
        with offline_browser_page(width, height) as page:
            page.goto(base + query)
            page.wait_for_function(
                "sel => { const f = document.querySelector(sel), a = f && f.contentWindow.atlas;"
                " return !!(a && a.ready && a.state); }",
                arg=MAP_IFRAME,
                timeout=30000,
            )
            page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]')
            if action == "stack":
                point = page.locator(MAP_IFRAME).evaluate(
                    "(el, id) => { const A = el.contentWindow.atlas, p = A.clickPoint(id),"
                    " f = el.getBoundingClientRect(), m = A.map.getContainer().getBoundingClientRect();"
                    " return {x: f.left + m.left + p.x, y: f.top + m.top + p.y}; }",
                    STACKED,
                )
                page.mouse.click(point["x"], point["y"])
                page.frame_locator(MAP_IFRAME).locator(".atlas-choice").first.wait_for()
                page.mouse.move(5, 5)  # no tooltip over the list
            page.wait_for_timeout(600)  # web fonts and the last layout pass
            shots.append(out_dir / name)
            page.screenshot(path=str(shots[-1]))
    return shots


def main() -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", help="a running atlas (default: start one)")
    ap.add_argument("--data", type=Path, help="data folder (ATLAS_DATA_DIR) for the started app")
    ap.add_argument("--out", type=Path, default=ROOT / "docs")
    args = ap.parse_args()
    return shoot_pictures(lambda url: shoot(url, args.out) + shoot_views(url, args.out), args.url, args.data)


if __name__ == "__main__":
    sys.exit(main())
