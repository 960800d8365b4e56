"""Slide images: the atlas of one year, window, filter set and selection as a 1920×1080 PNG or SVG.

Rendered on the server with geopandas and matplotlib's Agg canvas (no browser, no pyplot state, so
Streamlit's threads can draw at once). The SVG is reproducible: its ids are salted with a constant and it
carries no date, so the same data and view give the same bytes. Every string from the data is drawn with
mathtext off (a ``$`` in a name is a dollar sign, not TeX) and matplotlib escapes it for XML.

Command line::

    python -m geo.figure --year 1264 --out figure.png
    python -m geo.figure --year 1282 --window around --n 1 --event ID --out figure.svg
"""

from __future__ import annotations

import argparse
import io
import math
import sys
import threading
import time
import warnings
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import geopandas as gpd
import matplotlib
import numpy as np
import shapely
import shapely.prepared
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath
from shapely.geometry import Point, shape

from geo.atlas import Atlas, load_atlas
from geo.citation import atlas_citation, data_version
from geo.features import EventFeature, PolityFeature
from geo.figure_parts import (
    LabelPlacer,
    add_legends,
    add_scale_bar,
    clip_text,
    plain_text,
    view_words,
)
from geo.labels import PolityLabel, polity_labels, polygons
from geo.render import LAND, LAND_EDGE, RIVER, SEA, kind_color, polity_color
from geo.search import Filters
from geo.validate import DATA_DIR
from geo.view import View
from geo.windows import DEFAULT_WINDOW_N, WINDOW_MODES, fade, polities_in_year, visible_events

WIDTH_PX, HEIGHT_PX, DPI = 1920, 1080, 100
#: The map's place on the slide, in figure fractions (left, bottom, width, height); the legend is to its right.
MAP_BOX = (0.012, 0.075, 0.72, 0.815)
#: Constant salt for SVG element ids (matplotlib otherwise salts them randomly on every save).
SVG_SALT = "byzantine-mongol-atlas"
FORMATS = ("png", "svg")
#: Text stays text in the SVG (searchable, editable, and what the escaping tests read), ids are stable.
_SAVE_RC: Any = {"svg.hashsalt": SVG_SALT, "svg.fonttype": "none"}
_DRAWING = threading.Lock()


def figure_title(view: View) -> str:
    """The slide's title: "The atlas in 1264"."""
    return f"The atlas in {view.year}"


@lru_cache(maxsize=4)
def _read_basemap(folder: str, mtimes: tuple[float, ...]) -> tuple[gpd.GeoDataFrame | None, gpd.GeoDataFrame | None]:
    out = []
    for name in ("land", "rivers"):
        path = Path(folder) / f"{name}.geojson"
        out.append(gpd.read_file(path) if path.is_file() else None)
    return out[0], out[1]


def basemap(data_dir: Path) -> tuple[gpd.GeoDataFrame | None, gpd.GeoDataFrame | None]:
    """Land and rivers from ``data_dir/basemap`` (the project's own when a fixture has none)."""
    folder = Path(data_dir) / "basemap"
    if not (folder / "land.geojson").is_file():
        folder = DATA_DIR / "basemap"
    mtimes = tuple(p.stat().st_mtime for p in sorted(folder.glob("*.geojson")))
    return _read_basemap(str(folder), mtimes)


def _fit(bbox: tuple[float, float, float, float], ratio: float) -> tuple[float, float, float, float, float]:
    """Widen ``bbox`` to fill a box of width/height ``ratio`` in an equirectangular map true at its mid-latitude."""
    west, south, east, north = bbox
    lat0 = (south + north) / 2
    k = math.cos(math.radians(lat0))
    width, height = (east - west) * k, north - south
    if width / height < ratio:
        extra = (ratio * height / k - (east - west)) / 2
        west, east = west - extra, east + extra
    else:
        extra = (width / ratio - height) / 2
        south, north = south - extra, north + extra
    return west, south, east, north, lat0


def _patch(geom: Any, **style: Any) -> PathPatch | None:
    verts, codes = [], []
    for poly in polygons(geom):
        for ring in (poly.exterior, *poly.interiors):
            xy = np.asarray(ring.coords)
            if len(xy) < 4:
                continue
            verts.append(xy)
            codes.append([MplPath.MOVETO] + [MplPath.LINETO] * (len(xy) - 2) + [MplPath.CLOSEPOLY])
    if not verts:
        return None
    return PathPatch(MplPath(np.concatenate(verts), np.concatenate(codes)), **style)


def _draw_polities(ax: Any, drawn: list[PolityFeature]) -> None:
    for f in drawn:
        pr = f["properties"]
        rgba = to_rgba(polity_color(pr))
        dependent = pr.get("status") in ("vassal", "tributary")
        patch = _patch(
            shape(dict(f["geometry"])),
            facecolor=(*rgba[:3], 0.16 if dependent else 0.28),
            edgecolor=(*rgba[:3], 0.8),
            linewidth=0.9,
            linestyle=(0, (5, 4)) if pr.get("status") == "contested" else "-",
            hatch="///" if dependent else None,
            zorder=2,
        )
        if patch is not None:
            ax.add_patch(patch)


def _draw_events(ax: Any, events: list[EventFeature], view: View, atlas: Atlas, placer: LabelPlacer) -> None:
    """Points and movement lines in their kind colours; uncertain ones dashed and translucent, as on the map."""
    for e in events:
        p, g = e["properties"], e["geometry"]
        k = fade(e, view.year, view.mode)
        uncertain, sel = bool(p.get("uncertain")), e["id"] == view.selected
        rgb = to_rgba(kind_color(p["kind"]))[:3]
        op, fop = (0.55 if uncertain else 0.95) * k, (0.35 if uncertain else 0.85) * k
        dash = (0, (4, 3)) if uncertain else "-"
        if g["type"] == "Point":
            x, y = g["coordinates"]
            ax.scatter(
                [x],
                [y],
                s=(15 if sel else 11) ** 2,
                facecolors=[(*rgb, fop)],
                edgecolors=[(0.07, 0.07, 0.07, 1.0) if sel else (0.2, 0.2, 0.2, op)],
                linewidths=2.4 if sel else 1.1,
                linestyles=dash,
                zorder=7 if sel else 6,
            )
            placer.block_point(x, y, 8)
        else:
            xy = np.asarray(g["coordinates"], dtype=float)
            if sel:
                ax.plot(xy[:, 0], xy[:, 1], color="white", lw=7, alpha=0.8, zorder=5, solid_capstyle="round")
            ax.plot(xy[:, 0], xy[:, 1], color=(*rgb, op), lw=3.6 if sel else 2.5, linestyle=dash, zorder=5)
            tail = xy[-1] - 0.01 * (xy[-1] - xy[-2])
            ax.annotate(
                "",
                xy=tuple(xy[-1]),
                xytext=tuple(tail),
                arrowprops={"arrowstyle": "-|>", "color": (*rgb, op), "lw": 0, "mutation_scale": 22 if sel else 17},
                zorder=6,
            )
        _draw_candidates(ax, e, atlas, k)


def _draw_candidates(ax: Any, event: EventFeature, atlas: Atlas, k: float) -> None:
    """The candidate sites of a disputed place (Vicina): hollow dots joined to the event by dashed grey lines."""
    g = event["geometry"]
    for ref in event["properties"].get("places", []):
        place = atlas.places.get(ref["place"])
        pp = place["properties"] if place is not None else {}
        if place is None or pp.get("precision") != "disputed":
            continue
        ax0, ay0 = g["coordinates"] if g["type"] == "Point" else place["geometry"]["coordinates"]
        for cand in pp.get("candidates") or []:
            ax.plot([ax0, cand["lon"]], [ay0, cand["lat"]], color=(0.33, 0.33, 0.33, 0.8 * k), lw=0.9, ls=(0, (3, 4)))
            ax.scatter([cand["lon"]], [cand["lat"]], s=64, facecolors="none", edgecolors=[(0.2, 0.2, 0.2, k)], lw=1.1)


def _place_names(events: list[EventFeature], atlas: Atlas) -> list[tuple[float, float, str]]:
    """Points and period names of the places the events in view happen at (regions excepted); a disputed site
    is named at its representative point and said to be disputed."""
    out: dict[str, tuple[float, float, str]] = {}
    for e in events:
        for ref in e["properties"].get("places", []):
            pid = ref.get("place")
            place = atlas.places.get(pid)
            if not place or pid in out:
                continue
            pp = place["properties"]
            if pp.get("kind") in ("region", "river"):
                continue
            lon, lat = place["geometry"]["coordinates"]
            name = clip_text(pp.get("name") or pid, 48)
            out[pid] = (lon, lat, f"{name} (site disputed)" if pp.get("precision") == "disputed" else name)
    return list(out.values())


def render_figure(atlas: Atlas, view: View, version: str, base: tuple[Any, Any] = (None, None)) -> Figure:
    """Draw the slide for ``view``: land, polities and their names, events, title, legend, scale bar, caption."""
    fig = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI, facecolor="white")
    canvas = FigureCanvasAgg(fig)
    ax = fig.add_axes(MAP_BOX)
    west, south, east, north, lat0 = _fit(view.bbox, (MAP_BOX[2] * WIDTH_PX) / (MAP_BOX[3] * HEIGHT_PX))
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_facecolor(SEA)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor("#8a8a8a")
    land, rivers = base
    if land is not None:
        land.plot(ax=ax, color=LAND, edgecolor=LAND_EDGE, linewidth=0.5, zorder=1)
    drawn = polities_in_year(atlas.polities, view.year)
    _draw_polities(ax, drawn)
    if rivers is not None:
        rivers.plot(ax=ax, color=RIVER, linewidth=1.1, zorder=3)
    ax.set_xlim(west, east)  # geopandas' plot resets the limits and the aspect
    ax.set_ylim(south, north)
    ax.set_aspect("auto")
    ax.set_xlabel("")  # geopandas labels the axes with the CRS's axis names
    ax.set_ylabel("")

    events = visible_events(atlas.events, view.year, view.mode, view.n, view.filters, atlas.places)
    placer = LabelPlacer(canvas.get_renderer(), ax)
    placer.block(add_scale_bar(ax, west, south, east, north, lat0))
    _draw_events(ax, events, view, atlas, placer)
    selected = atlas.event(view.selected) if view.selected else None

    if selected is not None and selected["id"] in {e["id"] for e in events}:
        coords = selected["geometry"]["coordinates"]
        x, y = coords if selected["geometry"]["type"] == "Point" else coords[-1]
        placer.place_text(x, y, [clip_text(selected["properties"].get("title"), 60)], 14, gap=12, boxed=True, bold=True)
    labels = polity_labels(drawn, atlas.polities, bbox=(west, south, east, north))
    big, small = [lab for lab in labels if lab.size >= 3], [lab for lab in labels if lab.size < 3]
    shapes = {f["id"]: shapely.prepared.prep(shapely.make_valid(shape(dict(f["geometry"])))) for f in drawn}

    def inside(lab: PolityLabel) -> Callable[[float, float], bool]:
        return lambda lon, lat: shapes[lab.feature_id].contains(Point(lon, lat))

    for lab in big:
        placer.place_polity(lab, inside(lab))
    for lon, lat, name in _place_names(events, atlas):
        placer.place_text(lon, lat, [name], 10.5, boxed=True, min_size=8)
    for lab in small:
        placer.place_polity(lab, inside(lab))

    words = view_words(view, atlas, len(events))
    title = plain_text(fig, 0.012, 0.962, figure_title(view), size=30, weight="bold")
    plain_text(fig, 0.012, 0.918, words, size=14, color="#333333")
    if selected is not None:
        p = selected["properties"]
        line = f"Selected: {clip_text(p.get('title'), 110)} ({clip_text(p.get('date_label'), 60)})"
        after_title = title.get_window_extent(canvas.get_renderer()).x1 / WIDTH_PX + 0.03
        plain_text(fig, after_title, 0.962, line, size=15, color="#111111", weight="bold")
    add_legends(fig, events, drawn, view.year)
    plain_text(fig, 0.012, 0.042, atlas_citation(version), size=11, color="#333333")
    plain_text(
        fig,
        0.012,
        0.016,
        "Borders are schematic (most follow general atlases, see each shape's border note); land: Natural Earth "
        "(public domain); rivers hand-traced. Places are drawn at the coordinates of general scholarship: "
        f"the texts give none. Scale true at {lat0:.0f}°N.",
        size=10,
        color="#555555",
    )
    return fig


def figure_bytes(atlas: Atlas, view: View, fmt: str = "png", data_dir: Path = DATA_DIR) -> bytes:
    """The slide as PNG or SVG bytes; the same data and view give the same bytes."""
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r}: expected one of {', '.join(FORMATS)}")
    buf = io.BytesIO()
    # rc_context changes matplotlib's global settings: one slide at a time, so two readers' downloads
    # cannot swap the SVG salt or the text mode under each other (a slide takes well under a second)
    with _DRAWING, matplotlib.rc_context(_SAVE_RC), warnings.catch_warnings():
        # a glyph DejaVu Sans lacks (a rare script in a name) is drawn as a box; no need to warn per glyph
        warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)
        fig = render_figure(atlas, view, data_version(data_dir), basemap(data_dir))
        if fmt == "svg":
            fig.savefig(buf, format="svg", metadata={"Date": None})
        else:
            fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: write the slide for a year (and window, filters, selection) to a PNG or SVG file."""
    ap = argparse.ArgumentParser(prog="python -m geo.figure", description=__doc__.split("\n\n")[0])
    ap.add_argument("--year", type=int, required=True)
    ap.add_argument("--window", choices=WINDOW_MODES, default="year", help="this year, year ± N, or up to the year")
    ap.add_argument("--n", type=int, default=DEFAULT_WINDOW_N, help="N of the 'around' window (default 5)")
    ap.add_argument("--event", help="id of the selected event (highlighted and named)")
    ap.add_argument("--kind", action="append", default=[], help="show only these event kinds (repeatable)")
    ap.add_argument("--hide-unreliable", action="store_true", help="hide events resting on the unreliable source")
    ap.add_argument("--data", type=Path, default=DATA_DIR, help="data folder (default: data/)")
    ap.add_argument("--out", type=Path, default=Path("figure.png"), help="figure.png or figure.svg")
    args = ap.parse_args(argv)
    fmt = args.out.suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        ap.error(f"--out {args.out}: the file name must end in .png or .svg")
    t0 = time.perf_counter()
    atlas = load_atlas(args.data)
    if args.event and atlas.event(args.event) is None:
        ap.error(f"--event {args.event!r}: no such event in {args.data / 'events.geojson'}")
    filters = Filters(kinds=tuple(args.kind), hide_unreliable=args.hide_unreliable)
    view = View(year=args.year, mode=args.window, n=args.n, filters=filters, selected=args.event)
    t1 = time.perf_counter()
    data = figure_bytes(atlas, view, fmt, args.data)
    t2 = time.perf_counter()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"{args.out}: {len(data) / 1024:.0f} KB; loading {t1 - t0:.2f} s, drawing {t2 - t1:.2f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
