"""Names on the map (real data, headless Chromium): polity names with their status, place names, no overlaps."""

from __future__ import annotations

import pytest

from tests.conftest import MAP, offline_page, wait_for_map

pytestmark = pytest.mark.browser

#: In the map: the boxes of the names drawn now (hidden ones left out), and their text.
NAMES_JS = """(sel) => {
    const d = document.querySelector(sel).contentDocument, out = [];
    for (const el of d.querySelectorAll('.place-label .pl-text, .polity-label .pol-box, .atlas-line-label span')) {
        if (getComputedStyle(el).visibility === 'hidden') continue;
        const r = el.getBoundingClientRect();
        out.push({text: el.textContent, box: [r.left, r.top, r.right, r.bottom],
                  polity: el.classList.contains('pol-box'), line: !el.closest('.place-label, .polity-label')});
    }
    const m = d.querySelector('.leaflet-container').getBoundingClientRect();
    return {names: out, map: [m.left, m.top, m.right, m.bottom]};
}"""


def _overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize(
    ("query", "year"), [("year=1264", 1264), ("year=1264&window=around&n=1", 1264), ("year=1330", 1330)]
)
def test_names_on_the_map_never_overlap_and_polities_say_their_status(browser, real_server, query, year):
    ctx, page = offline_page(browser, {"width": 1400, "height": 1000})
    page.goto(f"{real_server}?{query}")
    wait_for_map(page, year)
    # drawn, and the names laid out again once the browser has laid out the ones added last (a frame or two)
    page.wait_for_function("sel => document.querySelector(sel).contentWindow.atlas.drawn", arg=MAP)
    page.locator(MAP).evaluate(
        "el => new Promise((ok) => el.contentWindow.requestAnimationFrame(() => el.contentWindow"
        ".requestAnimationFrame(() => el.contentWindow.requestAnimationFrame(ok))))"
    )
    drawn = page.evaluate(NAMES_JS, MAP)
    ctx.close()
    names = drawn["names"]
    assert sum(n["polity"] for n in names) >= (2 if year == 1264 else 1), names  # named, not only tooltipped
    assert any(n["text"] == "Constantinople" for n in names)
    if "around" in query:  # the marriage lines of 1263-1265 carry their short labels
        assert any(n["line"] and "→" in n["text"] for n in names), names
    for i, a in enumerate(names):
        if not a["line"]:  # a movement's label sits halfway along its line, wherever that is
            assert _overlap(a["box"], drawn["map"]) and a["box"][0] >= drawn["map"][0] - 1, a  # inside the map
        for b in names[i + 1 :]:  # the names keep clear of each other and of the movements' labels
            assert (a["line"] and b["line"]) or not _overlap(a["box"], b["box"]), (query, a["text"], b["text"])
    if year == 1264:  # the Sultanate of Rum is named with its overlord
        assert any("vassal of the Ilkhanate" in n["text"] for n in names if n["polity"]), names
