"""Shared fixtures: the app fixture data, one AppTest runner, and a live Streamlit server and browser
for the browser tests."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import streamlit_folium
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "app" / "data"
HOSTILE_DATA = ROOT / "tests" / "fixtures" / "app" / "hostile" / "data"
sys.path.insert(0, str(ROOT / "scripts"))


@pytest.fixture(scope="session")
def atlas():
    """The small fixture atlas."""
    from geo.atlas import load_atlas

    return load_atlas(FIXTURE_DATA)


#: ``map_state`` default of :class:`AppRunner`: the real st_folium.
REAL_MAP: Any = object()


class AppRunner:
    """Makes AppTest instances of ``app.py`` on a data folder, optionally with a stand-in map.

    ``app(year="1264")`` is an AppTest (not yet run) on the fixture data with those query
    parameters (``app({"year": "1264"})`` takes any names); ``data=`` serves another folder and
    ``timeout=`` is AppTest's default timeout. With ``map_state=`` (a value, or a function of
    st_folium's arguments) ``streamlit_folium.st_folium`` is replaced for the rest of the test by a
    MagicMock, kept in ``.st_folium``, that returns it: AppTest runs no JavaScript, so this is how a
    test clicks the map. Without it the real st_folium runs (it renders the map's JavaScript, which
    catches errors in the map's templates). ``complete=False`` leaves the page as a new tab's first run
    draws it: the map, and the rest only once the browser says the map has drawn.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self._monkeypatch = monkeypatch
        self.st_folium: mock.MagicMock | None = None

    def __call__(
        self,
        query: Mapping[str, str | list[str]] | None = None,
        /,
        *,
        data: Path = FIXTURE_DATA,
        timeout: float = 60,
        map_state: Any | Callable[..., Any] = REAL_MAP,
        complete: bool = True,
        **params: str | list[str],
    ) -> AppTest:
        self._monkeypatch.setenv("ATLAS_DATA_DIR", str(data))
        if map_state is not REAL_MAP:
            fake = mock.MagicMock(**{"side_effect" if callable(map_state) else "return_value": map_state})
            self._monkeypatch.setattr(streamlit_folium, "st_folium", fake)
            self.st_folium = fake
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
        at.query_params.update({**(query or {}), **params})
        # no browser, no map to wait for: the whole page from the first run (app.py PAGE_COMPLETE)
        at.session_state["_page_complete"] = complete
        return at


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> AppRunner:
    """The AppTest runner for this test (see :class:`AppRunner`)."""
    return AppRunner(monkeypatch)


def html_bodies(at: AppTest) -> list[str]:
    """The HTML of every ``st.html`` element on the page, in order."""
    return [h.proto.body for h in at.get("html")]


def _serve(data_dir: Path) -> Iterator[str]:
    from serve import free_port, start_server, stop_server

    port = free_port()
    proc = start_server(port, data_dir)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        stop_server(proc)


@pytest.fixture(scope="session")
def app_server() -> Iterator[str]:
    """``streamlit run app.py`` on a free port with the fixture data; yields its base URL."""
    yield from _serve(FIXTURE_DATA)


@pytest.fixture(scope="session")
def real_server() -> Iterator[str]:
    """The same on the real ``data/``, started once for every test that needs it."""
    yield from _serve(ROOT / "data")


@pytest.fixture(scope="module")
def hostile_server() -> Iterator[str]:
    """The same on the hostile fixture data (payloads in every field)."""
    yield from _serve(HOSTILE_DATA)


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright (no browser download), one per test module."""
    from playwright.sync_api import sync_playwright
    from serve import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


#: The map's iframe in the page.
MAP = 'iframe[title="streamlit_folium.st_folium"]'


def wait_for_map(page, year: int | None = None, timeout: float = 30_000) -> None:
    """Wait until the map has its bundle and has drawn a state (of ``year``, if given)."""
    page.wait_for_function(
        """([sel, year]) => {
            const f = document.querySelector(sel);
            const a = f && f.contentWindow && f.contentWindow.atlas;
            return !!(a && a.ready && a.state && (year === null || a.state.year === year));
        }""",
        arg=[MAP, year],
        timeout=timeout,
    )


def drawn_year(page) -> int:
    """The year the map last drew (``window.atlas.state.year`` in its iframe)."""
    return page.locator(MAP).evaluate("el => el.contentWindow.atlas.state.year")


def wait_until_idle(page, timeout: float = 30_000) -> None:
    """Wait until no script run is going on or asked for (Streamlit's own marker on the app root).

    Only meaningful once the run that follows an action has visibly begun or ended (a changed element):
    right after a click the marker may still tell of the run before it.
    """
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout)
    # an <img> that data smuggled into the page fires onerror once it has failed to load: wait for that too
    page.wait_for_function("() => [...document.images].every((img) => img.complete)", timeout=timeout)


def offline_page(browser, viewport: dict[str, int]):
    """A new page whose every request off 127.0.0.1 is aborted and recorded in ``page.external``."""
    ctx = browser.new_context(viewport=viewport)
    pg = ctx.new_page()
    pg.external = []

    def route(r):
        url = r.request.url
        if url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")):
            r.continue_()
        else:
            pg.external.append(url)
            r.abort()

    ctx.route("**/*", route)
    return ctx, pg


#: In the page: where (page pixels) a click hits event ``id`` on the map, ``{x, y, alone}``, or null when no
#: point of it is in view and clear of popups and controls. With ``pan``, an event out of view is first
#: brought to the middle of the map (for tests about what a popup shows, not about reaching it).
CLICK_POINT_JS = """([sel, id, pan]) => {
    const f = document.querySelector(sel), w = f.contentWindow, A = w.atlas;
    let p = A.clickPoint(id);
    if (!p && pan && A.shownEv[id]) {
        const main = A.ev[id].main;
        A.map.setView(main.getLatLng ? main.getLatLng() : main.getCenter(), A.map.getZoom(), {animate: false});
        p = A.clickPoint(id);
    }
    if (!p) return null;
    const fb = f.getBoundingClientRect(), mb = A.map.getContainer().getBoundingClientRect();
    return {x: fb.left + mb.left + p.x, y: fb.top + mb.top + p.y, alone: p.alone};
}"""


def click_event(page, event_id: str, pan: bool = False) -> bool:
    """Select ``event_id`` on the map with real mouse clicks only: on a point of it where no other event
    lies, else on that point and then on its entry in the list of events the click opens. A popup that
    hides it is closed first with its close button. Returns True when one click was enough."""
    frame = page.frame_locator(MAP)
    point = page.evaluate(CLICK_POINT_JS, [MAP, event_id, pan])
    if point is None and frame.locator(".leaflet-popup-close-button").count():
        frame.locator(".leaflet-popup-close-button").last.click()
        page.wait_for_function(
            "sel => !document.querySelector(sel).contentDocument.querySelector('.leaflet-popup')", arg=MAP
        )
        point = page.evaluate(CLICK_POINT_JS, [MAP, event_id, pan])
    assert point is not None, f"{event_id}: no point of it on the map can be clicked"
    page.mouse.click(point["x"], point["y"])
    if point["alone"]:
        return True
    # a list of the events under the pointer opens (unless, a pixel off, only this one was hit after all)
    choice = frame.locator(f'.atlas-choice[data-event="{event_id}"]')
    popup = frame.locator(f'.leaflet-popup-content .atlas-popup[data-event="{event_id}"]')
    try:
        choice.or_(popup).last.wait_for(timeout=10_000)
    except Exception as exc:
        shown = (
            frame.locator(".leaflet-popup-content").last.inner_text()
            if frame.locator(".leaflet-popup").count()
            else None
        )
        raise AssertionError(f"{event_id}: a click at {point} showed {shown!r}") from exc
    if choice.count():
        # each entry names its event (title and date), never "undefined" or a bare placeholder
        page.wait_for_function(
            "([sel, id]) => { const b = document.querySelector(sel).contentDocument"
            '.querySelector(`.atlas-choice[data-event="${id}"]`); const t = b && b.textContent.trim();'
            " return !!t && t !== '…' && !t.includes('undefined'); }",
            arg=[MAP, event_id],
        )
        choice.last.click()  # scrolled into view in the list first, as a reader would
        return False
    return True


#: node, which runs the map's and the site's JavaScript files in the parity tests (None: those tests skip).
NODE = shutil.which("node")


def node_json(prelude: str, script: str, payload: Any, timeout: float = 120) -> Any:
    """Run ``prelude`` + ``script`` in node with ``payload`` as JSON on stdin (``INPUT``); parse what it prints."""
    assert NODE is not None, "needs node"
    head = "const INPUT = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
    out = subprocess.run(
        [NODE, "-e", prelude + "\n" + head + script],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout)
