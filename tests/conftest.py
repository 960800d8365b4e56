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


@pytest.fixture(scope="session")
def app_server() -> Iterator[str]:
    """``streamlit run app.py`` on a free port with the fixture data; yields its base URL."""
    from serve import free_port, start_server, stop_server

    port = free_port()
    proc = start_server(port, FIXTURE_DATA)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        stop_server(proc)
