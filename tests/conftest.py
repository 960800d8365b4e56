"""Shared fixtures: the app fixture data, and a live Streamlit server for the browser tests."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "app" / "data"
HOSTILE_DATA = ROOT / "tests" / "fixtures" / "app" / "hostile" / "data"
sys.path.insert(0, str(ROOT / "scripts"))


@pytest.fixture(scope="session")
def atlas():
    """The small fixture atlas."""
    from geo.atlas import load_atlas

    return load_atlas(FIXTURE_DATA)


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
