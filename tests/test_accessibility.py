"""axe-core (WCAG 2.1 A and AA) on the atlas page and the sources page: no serious or critical violation.

``axe-playwright-python`` bundles axe-core, so this runs offline in Debian's Chromium. It injects axe
into the frame it is given only: the map's frame is checked on its own first (with an event's popup
open), which also lets the page's run look into that frame.
"""

from __future__ import annotations

import pytest

from tests.conftest import MAP, offline_page, wait_for_map, wait_until_idle

pytestmark = pytest.mark.browser

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def serious(page_or_frame) -> list[str]:
    """The serious and critical violations axe finds in a page or frame, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page_or_frame, options={**WCAG, "resultTypes": ["violations"]})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -- " + " | ".join(n["html"][:120] for n in v["nodes"][:4])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize(
    "query",
    ["?year=1278&event=capture-of-maria-at-tirnovo-1278", "?page=sources&source=wp-byzantine-mongol-alliance"],
    ids=["atlas", "sources"],
)
def test_no_serious_or_critical_wcag_violation(browser, app_server, query):
    ctx, page = offline_page(browser, {"width": 1400, "height": 900})
    page.goto(app_server + query)
    if "sources" in query:
        page.locator(".atlas-seed").first.wait_for()
    else:
        wait_for_map(page, 1278)
        page.locator("#atlas-detail").wait_for()
    wait_until_idle(page)
    found = []
    if "sources" not in query:
        page.frame_locator(MAP).locator(".leaflet-popup-content .atlas-popup").wait_for()
        found += serious(next(f for f in page.frames if "streamlit_folium" in f.url))
    found += serious(page)
    ctx.close()
    assert found == [], "\n".join(found)
