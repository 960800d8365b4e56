"""Take the README's pictures of the tours and the relations in headless Chromium (real data, offline).

    .venv/bin/python scripts/screenshot_stories.py             # starts the app itself
    .venv/bin/python scripts/screenshot_stories.py --url URL   # a running one

Writes ``docs/tour-step.png`` (a step of the Thrace tour: the map flown to its view, its events
highlighted, the four accounts side by side), ``docs/relations-1264.png`` and ``docs/relations-1282.png``
(the relations layer and its matrix). Every request outside 127.0.0.1 is blocked, as in the browser tests.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve import ROOT, offline_browser_page, shoot_pictures  # noqa: E402

MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
SHOTS = {
    "tour-step.png": "?tour=thrace-1263-1264&step=3",
    # zoomed out (the view in the link) to show every seat from the Adriatic to Sarai and Tabriz
    "relations-1264.png": "?year=1264&relations=1&view=42.6,36.0,4",
    "relations-1282.png": "?year=1282&relations=1&view=42.6,36.0,4",
}
#: The map's state is drawn, any flight is over and the arcs (if on) are drawn.
SETTLED = """(sel) => {
    const f = document.querySelector(sel), w = f && f.contentWindow, a = w && w.atlas, r = w && w.relations;
    if (!(a && a.ready && a.state) || (a.state.viewKey && a.flownKey !== a.state.viewKey)) return false;
    return !r || !r.on || (r.ready && Object.keys(r.shown).length > 0);
}"""


def shoot(url: str, out_dir: Path) -> list[Path]:
    """Open each view, wait until the map and the page have settled, and save the window."""
    base = url.split("?")[0]
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    with offline_browser_page(1500, 1050) as page:
        for name, query in SHOTS.items():
            page.goto(base + query)
            page.wait_for_function(SETTLED, arg=MAP_IFRAME, timeout=60_000)
            page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=60_000)
            if "relations" in query:
                page.locator(
                    '[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg'
                ).first.wait_for()
            page.evaluate("() => document.fonts.ready")
            path = out_dir / name
            page.screenshot(path=str(path))
            paths.append(path)
    return paths


def main() -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", help="a running atlas (default: start one on data/)")
    ap.add_argument("--out", type=Path, default=ROOT / "docs")
    args = ap.parse_args()
    return shoot_pictures(lambda url: shoot(url, args.out), args.url)


if __name__ == "__main__":
    sys.exit(main())
