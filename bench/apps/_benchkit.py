"""Shared bits of the benchmark apps: offline Leaflet and the ATLAS_TIMING_LOG hook.

Not part of the atlas. The same hook is proposed for app.py: when the environment variable
``ATLAS_TIMING_LOG`` names a file, every script run appends one JSON line
``{"t": <unix time, s>, "run_ms": <script run time, ms>}`` to it.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path

import folium

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
VENDOR_URL = "/app/static/vendor"


def ensure_static() -> None:
    """Copy Leaflet and jQuery from the xstatic packages into ``bench/apps/static/vendor``."""
    vendor = STATIC / "vendor"  # same layout as geo/offline.py: vendor/leaflet/, vendor/jquery/
    if (vendor / "leaflet" / "leaflet.js").is_file() and (vendor / "jquery" / "jquery.min.js").is_file():
        return
    import xstatic.pkg.jquery as xjq
    import xstatic.pkg.leaflet as xlf

    (vendor / "jquery").mkdir(parents=True, exist_ok=True)
    (STATIC / ".gitignore").write_text("*\n", encoding="utf-8")  # generated, never committed
    shutil.copytree(
        Path(xlf.BASE_DIR), vendor / "leaflet", dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.map", "*esm*")
    )
    shutil.copy2(Path(xjq.BASE_DIR) / "jquery.min.js", vendor / "jquery" / "jquery.min.js")


def offline_folium() -> None:
    """Point folium at the local copies; no CDN, no bootstrap or awesome-markers."""
    ensure_static()
    folium.Map.default_js = [
        ("leaflet", f"{VENDOR_URL}/leaflet/leaflet.js"),
        ("jquery", f"{VENDOR_URL}/jquery/jquery.min.js"),
    ]
    folium.Map.default_css = [("leaflet_css", f"{VENDOR_URL}/leaflet/leaflet.css")]


@contextmanager
def timing_log():
    """Append ``{"t", "run_ms"}`` to $ATLAS_TIMING_LOG for this script run (if set)."""
    path = os.environ.get("ATLAS_TIMING_LOG")
    t0 = time.perf_counter()
    try:
        yield
    finally:
        if path:
            ms = (time.perf_counter() - t0) * 1000.0
            with open(path, "a", encoding="utf-8") as fh:
                fh.write(json.dumps({"t": time.time(), "run_ms": round(ms, 3)}) + "\n")
