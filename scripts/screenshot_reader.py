"""Take the reader's-pass pictures in headless Chromium: docs/reader-search.png (search results across the
century), docs/reader-polity-card.png (a polity's card) and docs/reader-print.png (the printed page, A4, both
pages side by side, from the PDF rendered by Debian's ``pdftoppm``, package poppler-utils).

``python scripts/screenshot_reader.py`` starts the app on the real data itself.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from serve import ROOT, offline_browser_page, shoot_pictures  # noqa: E402

from tests.conftest import MAP, wait_for_map, wait_until_idle  # noqa: E402

INVASION = "mongol-invasion-of-byzantine-thrace-1263-1264"


def _map_point(page, lat: float, lon: float) -> dict[str, float]:
    return page.evaluate(
        """([sel, lat, lon]) => { const f = document.querySelector(sel), A = f.contentWindow.atlas;
            const p = A.map.latLngToContainerPoint([lat, lon]), fb = f.getBoundingClientRect(),
                  mb = A.map.getContainer().getBoundingClientRect();
            return {x: fb.left + mb.left + p.x, y: fb.top + mb.top + p.y}; }""",
        [MAP, lat, lon],
    )


def shoot(base: str, out: Path) -> list[Path]:
    """The three pictures, into ``out``."""
    shots = [out / "reader-search.png", out / "reader-polity-card.png", out / "reader-print.png"]
    with offline_browser_page(1440, 900) as page:
        page.goto(base + "?year=1242&q=Thrace")
        wait_for_map(page, 1242)
        wait_until_idle(page)
        page.screenshot(path=str(shots[0]))

        page.goto(base + f"?year=1264&event={INVASION}")
        wait_for_map(page, 1264)
        wait_until_idle(page)
        page.frame_locator(MAP).locator(".leaflet-popup-close-button").click()
        at = _map_point(page, 43.6, 24.2)  # Bulgaria, a tributary of the Golden Horde in 1264
        page.mouse.click(at["x"], at["y"])
        page.locator(".d-card").wait_for()
        wait_until_idle(page)
        page.mouse.move(at["x"], at["y"])
        page.frame_locator(MAP).locator(".leaflet-tooltip").wait_for()
        page.screenshot(path=str(shots[1]))

        page.goto(base + f"?year=1264&event={INVASION}")
        wait_for_map(page, 1264)
        wait_until_idle(page)
        with tempfile.TemporaryDirectory() as tmp:
            pdf = Path(tmp) / "print.pdf"
            pdf.write_bytes(page.pdf(format="A4", print_background=True))
            subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(Path(tmp) / "page")], check=True)
            pages = [Image.open(p) for p in sorted(Path(tmp).glob("page-*.png"))]
            sheet = Image.new(
                "RGB", (sum(p.width for p in pages) + 20 * (len(pages) + 1), pages[0].height + 40), "#888"
            )
            x = 20
            for p in pages:
                sheet.paste(p, (x, 20))
                x += p.width + 20
            sheet.save(shots[2])
    return shots


def main() -> int:
    """Start the app on the real data, take the pictures, stop it."""
    return shoot_pictures(lambda url: shoot(url, ROOT / "docs"), None, ROOT / "data")


if __name__ == "__main__":
    sys.exit(main())
