"""The furniture of a slide image (:mod:`geo.figure`): labels that never overlap, legends, scale bar, words.

Every text that can come from the data is drawn with ``parse_math=False``: matplotlib would otherwise read
``$...$`` in a name as TeX (and fail on an odd number of dollar signs).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.transforms import Bbox

from geo.features import EventFeature, PolityFeature
from geo.labels import PolityLabel, short_name
from geo.render import kind_color
from geo.search import participant_polities
from geo.windows import window_bounds

if TYPE_CHECKING:
    from geo.atlas import Atlas
    from geo.figure import View


#: Font size (points) of a polity name per size class of :func:`geo.labels.size_class`.
POLITY_SIZES = {4: 15.0, 3: 13.0, 2: 11.0, 1: 9.5}
#: Left edge of the legends, in figure fractions (the map ends at 0.732).
LEGEND_X = 0.745
MIN_SIZE = 7.0
_WS = re.compile(r"\s+")


def clip_text(value: Any, limit: int) -> str:
    """``value`` on one line (runs of whitespace made one space), cut to ``limit`` characters with an ellipsis."""
    text = _WS.sub(" ", "" if value is None else str(value)).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def plain_text(
    fig: Any,
    x: float,
    y: float,
    text: str,
    size: float,
    color: str = "black",
    weight: str = "normal",
    right: float = 0.99,
) -> Any:
    """Text at figure fraction ``(x, y)``, taken literally (no mathtext), cut short to end before ``right``."""
    artist = fig.text(x, y, text, fontsize=size, color=color, weight=weight, parse_math=False, va="baseline")
    renderer, limit = fig.canvas.get_renderer(), len(text)
    while artist.get_window_extent(renderer).x1 > right * fig.bbox.width and limit > 12:
        limit = int(limit * 0.93)
        artist.set_text(clip_text(text, limit))
    return artist


class LabelPlacer:
    """Puts names on the map in priority order; a name that would overlap one already placed (or an event
    marker, or leave the map) is tried shorter and smaller, and is dropped when nothing fits.

    The test uses each text's own extent as the renderer measures it (``Text.get_window_extent``).
    """

    def __init__(self, renderer: Any, ax: Any, pad: float = 2.0) -> None:
        self.renderer, self.ax, self.pad = renderer, ax, pad
        self.area = ax.get_window_extent(renderer)
        self.taken: list[Bbox] = []
        self.placed: list[str] = []
        self.dropped: list[str] = []

    def block(self, box: Bbox) -> None:
        """Keep names off an area of the canvas (the scale bar)."""
        self.taken.append(box)

    def block_point(self, x: float, y: float, radius_px: float) -> None:
        """Keep names off an event marker at data point ``(x, y)``."""
        px, py = self.ax.transData.transform((x, y))
        self.taken.append(Bbox.from_extents(px - radius_px, py - radius_px, px + radius_px, py + radius_px))

    def _fits(self, box: Bbox) -> bool:
        a = self.area
        inside = a.x0 <= box.x0 and box.x1 <= a.x1 and a.y0 <= box.y0 and box.y1 <= a.y1
        return inside and not any(box.overlaps(t) for t in self.taken)

    def _try(
        self,
        x: float,
        y: float,
        lines: list[tuple[str, float, dict[str, Any]]],
        offset: tuple[float, float],
        ha: str = "center",
        va: str = "bottom",
    ) -> bool:
        """Draw ``lines`` (text, size, style) from ``offset`` points off ``(x, y)``, each further line under the
        first; keep them if they fit, else remove them."""
        artists = []
        ox, oy = offset
        for i, (text, size, style) in enumerate(lines):
            artists.append(
                self.ax.annotate(
                    text,
                    xy=(x, y),
                    xytext=(ox, oy),
                    textcoords="offset points",
                    ha=ha,
                    va=va if i == 0 else "top",
                    fontsize=size,
                    parse_math=False,
                    annotation_clip=False,
                    zorder=10,
                    **style,
                )
            )
            if i == 0:  # the next line hangs from the bottom of the first, whatever its alignment
                bottom = artists[0].get_window_extent(self.renderer).y0
                oy = (bottom - self.ax.transData.transform((x, y))[1]) * 72 / self.renderer.dpi - 1
            else:
                oy -= size * 1.2
        boxes = [a.get_window_extent(self.renderer) for a in artists]
        box = Bbox.union(boxes).padded(self.pad)
        if self._fits(box):
            self.taken.append(box)
            return True
        for a in artists:
            a.remove()
        return False

    def place_text(
        self,
        x: float,
        y: float,
        lines: list[str],
        size: float,
        gap: float = 8.0,
        boxed: bool = False,
        bold: bool = False,
        min_size: float = MIN_SIZE,
    ) -> bool:
        """A name beside the data point ``(x, y)``: above, right, below or left of it, whichever fits first,
        shrunk until one does, or dropped."""
        style: dict[str, Any] = {"color": "#2a2218", "weight": "bold" if bold else "normal"}
        if boxed:
            style["bbox"] = {"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.75}
        sides: tuple[tuple[tuple[float, float], str, str], ...] = (
            ((0, gap), "center", "bottom"),
            ((gap, 0), "left", "center"),
            ((0, -gap), "center", "top"),
            ((-gap, 0), "right", "center"),
        )
        while size >= min_size:
            for offset, ha, va in sides:
                if self._try(x, y, [(t, size, style) for t in lines], offset, ha, va):
                    self.placed.append(lines[0])
                    return True
            size *= 0.85
        self.dropped.append(lines[0])
        return False

    def place_polity(self, label: PolityLabel, inside: Callable[[float, float], bool] | None = None) -> bool:
        """A polity's name at its label point, with its status line under it in italics.

        When that spot is taken, the name is tried a line or two higher and lower (as long as the spot stays
        inside the shape, by ``inside(lon, lat)``), then shorter and smaller; else it is dropped.
        """
        size = POLITY_SIZES.get(label.size, 9.5)
        # a name too long for a map ("Crusader states (Kingdom of Jerusalem, …)") starts from its short form
        short = clip_text(label.short_name, 36)
        name = label.name if len(label.name) <= 48 else short
        tries = [(name, size), (short, size), (short, size * 0.82), (short, size * 0.68), (short, MIN_SIZE)]
        px, py = self.ax.transData.transform((label.lon, label.lat))
        to_data = self.ax.transData.inverted()
        seen = set()
        for text, sz in tries:
            sz = max(sz, MIN_SIZE)
            if (text, sz) in seen:
                continue
            seen.add((text, sz))
            lines = [(text, sz, {"color": "#222222", "alpha": 0.9, "weight": "bold"})]
            if label.status_line:
                status = clip_text(label.status_line, 60)
                lines.append((status, max(sz * 0.78, MIN_SIZE), {"color": "#3a3a3a", "style": "italic"}))
            for shift in (0.0, 1.8, -1.8, 3.6, -3.6):
                lon, lat = to_data.transform((px, py + shift * sz * self.renderer.dpi / 72))
                if shift and inside is not None and not inside(lon, lat):
                    continue
                va = "bottom" if label.status_line else "center"
                if self._try(lon, lat, lines, (0, 1.0 if label.status_line else 0), va=va):
                    self.placed.append(label.name)
                    return True
        self.dropped.append(label.name)
        return False


def add_scale_bar(ax: Any, west: float, south: float, east: float, north: float, lat0: float) -> Bbox:
    """A black-and-white scale bar in km, true at ``lat0`` (the map is equirectangular around that latitude).

    Returns the area it covers on the canvas, to keep names off it.
    """
    km_per_deg = 111.32 * math.cos(math.radians(lat0))
    target = 0.18 * (east - west) * km_per_deg
    length = max((n for n in (50, 100, 200, 250, 500, 1000, 2000) if n <= target), default=50)
    deg, h = length / km_per_deg, 0.009 * (north - south)
    x0, y0 = west + 0.02 * (east - west), south + 0.03 * (north - south)
    back = ax.add_patch(
        Rectangle((x0 - 0.2, y0 - h * 1.2), deg + 0.9, h * 5.2, fc="white", ec="none", alpha=0.7, zorder=11)
    )
    for i, fc in enumerate(("#222222", "white")):
        ax.add_patch(Rectangle((x0 + i * deg / 2, y0), deg / 2, h, fc=fc, ec="#222222", lw=0.8, zorder=12))
    for frac, text in ((0, "0"), (0.5, f"{length // 2}"), (1, f"{length} km")):
        ax.text(x0 + frac * deg, y0 + 1.6 * h, text, ha="center", va="bottom", fontsize=10, zorder=12)
    return back.get_window_extent()


def _legend(fig: Any, handles: list, labels: list[str], title: str, y: float, size: float, ncol: int = 1) -> Any:
    leg = fig.legend(
        handles,
        labels,
        loc="upper left",
        bbox_to_anchor=(LEGEND_X, y),
        frameon=False,
        fontsize=size,
        title=title,
        title_fontsize=size + 1.5,
        alignment="left",
        ncols=ncol,
        handlelength=2.4,
        borderaxespad=0,
        columnspacing=1.0,
    )
    for text in leg.get_texts():
        text.set_parse_math(False)
    return leg


def add_legends(fig: Any, events: Iterable[EventFeature], drawn: list[PolityFeature], year: int) -> None:
    """The kinds shown and the line styles, then the polities of the year with their colours."""
    kinds = sorted({e["properties"]["kind"] for e in events})
    grey = "#555555"
    handles: list = [Line2D([], [], ls="", marker="o", ms=10, mfc=kind_color(k), mec="#333333", mew=1.0) for k in kinds]
    labels = list(kinds)
    handles += [
        Line2D([], [], color=grey, lw=2.5, marker=">", markevery=[1], ms=8, mfc=grey, mec=grey),
        Line2D([], [], color=grey, lw=2.5, ls=(0, (4, 3)), alpha=0.55),
        Line2D([], [], ls="", marker="o", ms=13, mfc="white", mec="#111111", mew=2.4),
        Line2D([], [], color=grey, lw=0.9, ls=(0, (3, 4)), marker="o", markevery=[1], mfc="none", mec="#333333"),
        Patch(fc=(0.5, 0.5, 0.5, 0.16), ec=(0.5, 0.5, 0.5, 0.8), hatch="///"),
        Patch(fc=(0.5, 0.5, 0.5, 0.28), ec=(0.5, 0.5, 0.5, 0.8), ls=(0, (5, 4))),
    ]
    labels += [
        "movement (arrow at its end)",
        "uncertain date (dashed, translucent)",
        "selected event",
        "candidate site of a disputed place",
        "vassal or tributary (hatched)",
        "contested (dashed border)",
    ]
    if not kinds:
        handles.insert(0, Line2D([], [], ls=""))
        labels.insert(0, "no events in view")
    first = _legend(fig, handles, labels, "Events by kind, and how they are drawn", 0.885, 11)
    renderer = fig.canvas.get_renderer()
    bottom = fig.transFigure.inverted().transform(first.get_window_extent(renderer))[0][1]

    seen: dict[str, tuple[str, Any]] = {}
    for f in drawn:
        pr = f["properties"]
        seen.setdefault(str(pr.get("polity") or f.get("id")), (str(pr.get("name") or ""), pr.get("color")))
    patches, names = [], []
    for name, color in seen.values():
        try:
            patches.append(Patch(fc=color, alpha=0.45, ec="#333333"))
        except ValueError:
            patches.append(Patch(fc="#888888", alpha=0.45, ec="#333333"))
        names.append(name)
    # one column of full names when they fit under the first legend, else two columns of shortened names
    room = bottom - 0.09
    if len(names) * 0.026 <= room:
        size, ncol, limit = 10.0, 1, 48
    else:
        size, ncol, limit = 8.5, 2, 27
    names = [clip_text(short_name(n), limit) if ncol > 1 else clip_text(n, limit) for n in names]
    _legend(fig, patches, names or ["none"], f"Polities in {year}", bottom - 0.02, size, ncol)


def view_words(view: View, atlas: Atlas, count: int) -> str:
    """The window and filters of ``view`` in words, with the number of events shown."""
    lo, hi = window_bounds(view.year, view.mode, view.n)
    if view.mode == "around":
        words = f"Events of {lo}–{hi} ({view.year} ± {view.n})"
    elif view.mode == "upto":
        words = f"Events up to {view.year} (older ones faded)"
    else:
        words = f"Events of {view.year}"
    f = view.filters
    parts = []
    if f.kinds:
        parts.append("kinds: " + ", ".join(f.kinds))
    if f.polities:
        names = participant_polities(atlas.events)
        parts.append("with: " + ", ".join(names.get(p, p) for p in f.polities))
    if f.sources:
        parts.append("cited from: " + ", ".join(atlas.sources.get(s, {}).get("short_title", s) for s in f.sources))
    if f.hide_unreliable:
        parts.append("unreliable source hidden")
    if f.search:
        parts.append(f"search “{f.search}”")
    filt = f" · filtered by {'; '.join(parts)}" if parts else ""
    return clip_text(f"{words}{filt} · {count} event{'s' if count != 1 else ''} shown", 160)
