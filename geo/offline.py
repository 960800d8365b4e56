"""Serve Leaflet, jQuery and the map's own files from the app itself, so the map works with no internet.

The files come from the ``xstatic-leaflet`` and ``xstatic-jquery`` packages (no vendored code in
the repository); :func:`ensure_vendor` copies them into ``static/vendor/`` (git-ignored), which
Streamlit serves at ``/app/static/vendor/...`` when ``server.enableStaticServing`` is true. The
map's bundle and its drawing code are written to ``static/gen/`` (git-ignored) under names made
from their content by :func:`publish_generated`, so a changed file is never served stale.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import folium

STATIC_URL = "/app/static/vendor"

#: (folium name, path under static/vendor/) for every script the map needs, in load order.
VENDOR_JS: list[tuple[str, str]] = [
    ("leaflet", "leaflet/leaflet.js"),
    ("jquery", "jquery/jquery.min.js"),  # folium's Popup template calls $(`...`)
]
VENDOR_CSS: list[tuple[str, str]] = [("leaflet_css", "leaflet/leaflet.css")]


def _package_dirs() -> dict[str, Path]:
    import xstatic.pkg.jquery as xjquery
    import xstatic.pkg.leaflet as xleaflet

    return {"leaflet": Path(xleaflet.BASE_DIR), "jquery": Path(xjquery.BASE_DIR)}


def ensure_vendor(static_dir: Path) -> Path:
    """Copy Leaflet (with its images) and jQuery into ``static_dir/vendor`` unless already there."""
    vendor = Path(static_dir) / "vendor"
    for name, src in _package_dirs().items():
        dest = vendor / name
        wanted = [rel for pkg_rel in VENDOR_JS + VENDOR_CSS for rel in [pkg_rel[1]] if rel.startswith(name + "/")]
        if all((vendor / rel).is_file() for rel in wanted):
            continue
        dest.mkdir(parents=True, exist_ok=True)
        for item in src.iterdir():
            if item.is_dir():
                shutil.copytree(item, dest / item.name, dirs_exist_ok=True)
            elif not item.name.endswith(".map"):
                shutil.copy2(item, dest / item.name)
    return vendor


def use_local_assets(m: folium.Map) -> folium.Map:
    """Point ``m`` at the app's own copies of Leaflet and jQuery instead of CDNs (and drop Bootstrap)."""
    m.default_js = [(name, f"{STATIC_URL}/{rel}") for name, rel in VENDOR_JS]
    m.default_css = [(name, f"{STATIC_URL}/{rel}") for name, rel in VENDOR_CSS]
    return m


GENERATED_URL = "/app/static/gen"


def publish_generated(static_dir: Path, name: str, data: bytes) -> str:
    """Write a generated file (the map's script, a part of its bundle) to ``static_dir/gen/name`` (once: the
    name is content-addressed) and return the URL the map's iframe fetches it from. Old files are
    left for open tabs."""
    write_generated(Path(static_dir) / "gen", name, data)
    return f"{GENERATED_URL}/{name}"


#: The modification time every generated file is given (1 s after the epoch, as the Nix store does).
#: Streamlit serves static files with no Cache-Control, only Last-Modified and an ETag, and answers a
#: revalidation with the whole file again; a browser then keeps a file fresh for a tenth of its age
#: (RFC 9111, 4.2.2). A name made from the content never changes content, so the file may as well be
#: old: with this time a browser keeps it for years and a new tab fetches nothing.
GENERATED_MTIME = 1


def write_generated(gen: Path, name: str, data: bytes) -> None:
    """Write ``gen/name`` unless it is there already (the name is content-addressed), dated GENERATED_MTIME."""
    gen.mkdir(parents=True, exist_ok=True)
    path = gen / name
    if not path.is_file() or path.stat().st_size != len(data):
        tmp = gen / f".{name}.tmp"
        tmp.write_bytes(data)
        os.utime(tmp, (GENERATED_MTIME, GENERATED_MTIME))
        tmp.replace(path)  # atomic: a concurrent request never sees half a file
    elif path.stat().st_mtime != GENERATED_MTIME:
        os.utime(path, (GENERATED_MTIME, GENERATED_MTIME))


if __name__ == "__main__":  # `python -m geo.offline`: copy the assets before the first run (make setup)
    print(ensure_vendor(Path(__file__).resolve().parent.parent / "static"))
