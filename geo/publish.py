"""The atlas as a static site: ``site/`` holds files that any web server or object store serves to any number
of readers, with no Python running.

``site/index.html`` is the atlas (the same map, drawn by the same files the app serves, ``geo/livemap.py
SCRIPT_FILES``, with a small plain-JavaScript page of its own for the year, the list, the detail panel, the tours,
the relations switch, the sources and the address); ``site/embed.html`` is the map and its year control alone, for
an iframe in a course page. Both read the same URL parameters as the app (geo/urlstate.py). Everything they load
is in ``site/``: Leaflet from the ``xstatic-leaflet`` package, the drawing code, the map's bundle in the app's
parts (geo/parts.py), the site's index, detail panels, tour panels, relations and source texts (each under a name
made from its content, so a changed file gets a new name and a browser may keep the old one for good), the Linked
Places gazetteer and a few slide images. A Content-Security-Policy in each page
allows scripts and requests from the site itself only.

Pure Python (no Streamlit): the detail panel's HTML comes from the caller (:data:`geo.site_data.DetailRenderer`).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo.atlas import Atlas, load_atlas
from geo.citation import data_version
from geo.cite import ACCESSED, ACCESSED_KEY, URL, citation_bibtex, citation_text
from geo.livemap import SCRIPT_FILES, AtlasLayers
from geo.parts import Manifest, split_bundle, with_urls
from geo.prepare import prepared_bundle
from geo.render import MAP_CENTER, MAP_CSS, MAP_ZOOM
from geo.site_data import DetailRenderer, details, site_index, site_sources
from geo.site_pages import embed_page, index_page
from geo.site_tours import panel_styles, relations_bytes, tour_panels
from geo.urlstate import VIEW_ZOOMS

ROOT = Path(__file__).resolve().parent.parent
#: The drawing code as the app serves it (geo/livemap.py SCRIPT_FILES), less its Streamlit side.
MAP_SCRIPTS = tuple(p for p in SCRIPT_FILES if p.name != "atlas_streamlit.js")
#: The site's own page code, in load order: the pure rules (URL, window, filters), then the page, its panels, tours.
SITE_SCRIPTS = tuple(
    Path(__file__).with_name(n) for n in ("site_state.js", "site_page.js", "site_panels.js", "site_tour.js")
)
SITE_CSS = Path(__file__).with_name("site.css")
LPF_NAME = "byzantine-mongol-places.lpf.json"
#: Written into every site; a folder without it is not overwritten (``--out`` pointed somewhere else by mistake).
MARKER = ".atlas-site"
#: The whole site on disk, at most (issue 14).
BUDGET_BYTES = 3 * 1024 * 1024
#: Slide images published with the site (geo/figure.py), one PNG each: the opening year and two busy ones.
DEFAULT_SLIDES = (1242, 1264, 1282)
#: Colours of a published slide's palette (:func:`small_png`).
SLIDE_COLORS = 256


#: The app's Play advances a year every 0.8 s (components/year_control.py PLAY_STEP_SECONDS).
PLAY_STEP_MS = 800
#: The detail panel's heading (its id in the panel's HTML): the map's "+N more sources" scrolls to it.
DETAIL_SELECTOR = "#atlas-detail"
#: Stands for the view's words in the citation templates until the page knows them (no character BibTeX escapes).
VIEW_TOKEN = "VIEWWORDS"


class PublishError(RuntimeError):
    """The site cannot be written: the message says why (the data's problems, a folder that is not a site)."""


@dataclass
class Site:
    """What :func:`build_site` wrote."""

    out: Path
    version: str
    files: dict[str, int] = field(default_factory=dict)  #: path under ``out`` -> bytes

    @property
    def total(self) -> int:
        """Bytes of the whole site."""
        return sum(self.files.values())


def content_name(stem: str, data: bytes, suffix: str) -> str:
    """``stem-<16 hex digits of SHA-256>.suffix``: a changed file gets a new name, so no cache holds it stale."""
    return f"{stem}-{hashlib.sha256(data).hexdigest()[:16]}.{suffix}"


def json_bytes(value: Any) -> bytes:
    """Compact UTF-8 JSON with ``<``, ``>`` and ``&`` as ``\\u`` escapes (safe inside a page, too)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").encode("utf-8")


def _style(css: str) -> str:
    """The rules of a ``<style>`` block (geo/render.py keeps the map's styles as one)."""
    return css.replace("<style>", "").replace("</style>", "").strip() + "\n"


def _css() -> str:
    """The site's styles: the map's (geo/render.py), the detail and tour panels' (once, not in every panel), the
    page's own."""
    return _style(MAP_CSS) + panel_styles() + SITE_CSS.read_text(encoding="utf-8")


def _map_config(parts: Manifest, relations: str, *, embed: bool) -> dict[str, Any]:
    """How the page makes its map: the app's map options (geo/livemap.py live_base_map) and atlasInit's options.

    The index page keeps the map's view in its address as the app does; the embed reads a view from its link
    but writes none (a course page on the site's own host would otherwise see its address rewritten).
    """
    options = dict(AtlasLayers("", parts).options)
    options.update(sliderLabel=None, fillHeight=False, detailSelector=None if embed else DETAIL_SELECTOR)
    options.update(viewParam=None if embed else options["viewParam"])
    return {
        "center": list(MAP_CENTER),
        "zoom": MAP_ZOOM,
        "minZoom": VIEW_ZOOMS[0],
        "maxZoom": VIEW_ZOOMS[1],
        "options": options,
        "relations": {"dataUrl": relations},
    }


def _cite_templates(version: str) -> dict[str, Any]:
    """ "Cite this view" as the app words it (geo/cite.py), with a token where the view's words go."""
    return {
        "text": citation_text(VIEW_TOKEN, version),
        "bibtex": citation_bibtex(VIEW_TOKEN, version),
        "tokens": {"view": VIEW_TOKEN, "url": URL, "accessed": ACCESSED, "accessedKey": ACCESSED_KEY},
    }


def _prepare(out: Path) -> None:
    """Empty ``out`` (a site written before) or create it; refuse a folder that holds anything else."""
    if out.exists() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise PublishError(f"{out}: not empty and not a site written by geo.publish ({MARKER} missing); not touched")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)


class _Writer:
    def __init__(self, site: Site) -> None:
        self.site = site

    def put(self, rel: str, data: bytes, *, immutable: bool = False) -> str:
        """Write ``data`` to ``rel`` under the site. An immutable (content-named) file is dated 1970: a plain
        file server sends no Cache-Control, and a browser then keeps a file for a tenth of its age."""
        path = self.site.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        if immutable:
            os.utime(path, (0, 0))
        self.site.files[rel] = len(data)
        return rel

    def named(self, folder: str, stem: str, data: bytes, suffix: str) -> str:
        return self.put(f"{folder}{content_name(stem, data, suffix)}", data, immutable=True)


def _leaflet(w: _Writer) -> str:
    """Leaflet's script, styles and images from the xstatic package, in a folder named by its version."""
    import xstatic.pkg.leaflet as xleaflet

    src = Path(xleaflet.BASE_DIR)
    folder = f"assets/leaflet-{xleaflet.VERSION}/"
    for rel in ("leaflet.js", "leaflet.css", *(f"images/{p.name}" for p in sorted((src / "images").glob("*.png")))):
        w.put(folder + rel, (src / rel).read_bytes(), immutable=True)
    return folder


def _slides(w: _Writer, atlas: Atlas, data_dir: Path, years: Sequence[int]) -> list[dict[str, Any]]:
    """One 1920×1080 PNG per year (geo/figure.py), named by year: a teacher links or downloads them."""
    if not years:
        return []
    from geo.figure import View, figure_bytes  # matplotlib: only when slides are asked for

    return [
        {
            "year": y,
            "href": w.put(f"slides/atlas-{y}.png", small_png(figure_bytes(atlas, View(year=y), "png", data_dir))),
        }
        for y in years
    ]


def small_png(png: bytes, colors: int = SLIDE_COLORS) -> bytes:
    """``png`` with a palette of ``colors`` and no dithering: a map of flat colours looks the same at about a third
    of the bytes, which keeps the site within its budget as the tours and the bundle's parts grow."""
    from PIL import Image  # matplotlib's own dependency

    image = Image.open(io.BytesIO(png)).convert("RGB")
    out = io.BytesIO()
    image.quantize(colors=colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        out, "PNG", optimize=True
    )
    return out.getvalue()


def _lpf(w: _Writer, atlas: Atlas, version: str, base: str | None) -> str:
    from geo.lpf import DEFAULT_BASE, lpf_bytes, lpf_collection, lpf_problems

    collection = lpf_collection(atlas, version, base or DEFAULT_BASE)
    problems = lpf_problems(collection)
    if problems:
        raise PublishError("the Linked Places export fails its schema:\n  " + "\n  ".join(problems))
    return w.put(f"data/{LPF_NAME}", lpf_bytes(collection))


def build_site(
    data_dir: Path,
    out: Path,
    detail_html: DetailRenderer,
    *,
    slides: Sequence[int] = DEFAULT_SLIDES,
    base: str | None = None,
    allow_problems: bool = False,
) -> Site:
    """Write the static atlas of ``data_dir`` to ``out`` (emptied first, if it is a site written before).

    ``base`` is the site's public URL, if known: the gazetteer's identifiers become IRIs under it. With data
    problems the site is not written unless ``allow_problems`` (then the valid part is published).
    """
    data_dir, out = Path(data_dir), Path(out)
    atlas = load_atlas(data_dir)
    if atlas.problems and not allow_problems:
        raise PublishError(
            f"{len(atlas.problems)} problem(s) in {data_dir}; nothing written:\n  "
            + "\n  ".join(str(p) for p in atlas.problems)
        )
    version = data_version(data_dir)
    _prepare(out)
    site = Site(out=out, version=version)
    w = _Writer(site)
    w.put(MARKER, f"geo.publish {version}\n".encode())
    w.put(".nojekyll", b"")  # GitHub Pages: serve the files as they are
    index = site_index(atlas)
    # the map's data in parts (geo/parts.py), named by their content: the first visit fetches land, names and
    # the years in view, as in the app
    manifest, parts = split_bundle(json.loads(prepared_bundle(atlas, data_dir, None)))
    for name, data in parts.items():
        w.put(f"assets/{name}", data, immutable=True)
    manifest = with_urls(manifest, "assets")
    files = {
        "leaflet": _leaflet(w),
        "mapScript": w.named("assets/", "atlas", b"\n".join(p.read_bytes() for p in MAP_SCRIPTS), "js"),
        "siteScript": w.named("assets/", "site", b"\n".join(p.read_bytes() for p in SITE_SCRIPTS), "js"),
        "css": w.named("assets/", "site", _css().encode(), "css"),
        "index": w.named("assets/", "site", json_bytes(index), "json"),
        "details": w.named("assets/", "details", json_bytes(details(atlas, detail_html)), "json"),
        "sources": w.named("assets/", "sources", json_bytes(site_sources(atlas)), "json"),
        "tours": w.named("assets/", "tours", json_bytes(tour_panels(atlas)), "json"),
        "relations": w.named("assets/", "relations", relations_bytes(atlas), "json"),
        "gazetteer": _lpf(w, atlas, version, base),
    }
    config = {
        "version": version,
        "files": files,
        "slides": _slides(w, atlas, data_dir, slides),
        "playStepMs": PLAY_STEP_MS,
        "cite": _cite_templates(version),
        "map": _map_config(manifest, files["relations"], embed=False),
    }
    w.put("index.html", index_page(config, index).encode("utf-8"))
    embed_config = {**config, "embed": True, "map": _map_config(manifest, files["relations"], embed=True)}
    w.put("embed.html", embed_page(embed_config).encode("utf-8"))
    w.put("_headers", _HEADERS.encode())
    return site


#: For hosts that read a ``_headers`` file (Netlify, Cloudflare Pages): what is under ``assets/`` is named by its
#: content (or Leaflet's version) and never changes; the pages, the gazetteer and the slides keep the host's rules.
_HEADERS = """/assets/*
  Cache-Control: public, max-age=31536000, immutable
"""
