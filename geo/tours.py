"""Guided tours (``data/tours.json``): what a tour and a step hold, and the geometry of a step's view.

Tours are data, checked by ``geo/validate/tours.py`` like every other file; this module only reads them.
A step's *view* is a centre and zoom or a bounding box; :func:`view_box` gives the box a reader sees on a
map of :data:`NOMINAL_MAP_PX`, so the validator can check that the step's events are in sight.
"""

from __future__ import annotations

import math
from typing import Any, TypedDict

from geo.features import Citation
from geo.windows import DEFAULT_WINDOW_N, window_bounds

#: A tour has this many steps, inclusive (the ``tour-step-count`` rule).
STEPS_MIN, STEPS_MAX = 5, 10
#: The smallest map a step's view must work on, in CSS pixels (width, height): the map beside the tour
#: panel on a laptop. A centre-and-zoom view shows at least this much.
NOMINAL_MAP_PX = (640, 420)
TILE_PX = 256


class View(TypedDict, total=False):
    """Where the map goes for a step: ``center`` ([lon, lat]) and ``zoom``, or ``bounds`` [W, S, E, N]."""

    center: list[float]
    zoom: int
    bounds: list[float]


class AccountRef(TypedDict, total=False):
    """One version shown side by side in a step: an event's account, or the event's own claim."""

    event: str
    account: str


class Step(TypedDict, total=False):
    """One step of a tour (``data/schema/tours.schema.json``)."""

    title: str
    text: str
    year: int
    window: str  # year, around, upto (as in the URL)
    n: int
    events: list[str]
    view: View
    citations: list[Citation]
    accounts: list[AccountRef]
    reliability_note: str


class Tour(TypedDict):
    """A guided tour: an id, a title, a one-paragraph introduction and its steps."""

    id: str
    title: str
    introduction: str
    steps: list[Step]


def step_window(step: Step) -> tuple[int, str, int]:
    """``(year, window mode, n)`` the step shows, with the URL's defaults filled in."""
    return step["year"], step.get("window", "year"), step.get("n", DEFAULT_WINDOW_N)


def step_years(step: Step) -> tuple[int, int]:
    """Inclusive ``(lo, hi)`` years the step's window covers."""
    return window_bounds(*step_window(step))


def view_box(view: View, px: tuple[int, int] = NOMINAL_MAP_PX) -> tuple[float, float, float, float]:
    """``(west, south, east, north)`` the view shows on a map of ``px`` pixels (Web Mercator, as Leaflet)."""
    if "bounds" in view:
        west, south, east, north = view["bounds"]
        return west, south, east, north
    lon, lat = view["center"]
    scale = TILE_PX * 2 ** view["zoom"]  # pixels around the world at this zoom
    half_w = px[0] / 2 / scale * 360
    y = _merc_y(lat) * scale
    north = _lat_of((y - px[1] / 2) / scale)
    south = _lat_of((y + px[1] / 2) / scale)
    return lon - half_w, south, lon + half_w, north


def _merc_y(lat: float) -> float:
    """Web Mercator y of a latitude, 0 at the top of the world and 1 at the bottom."""
    s = math.sin(math.radians(lat))
    return 0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)


def _lat_of(y: float) -> float:
    return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y))))


def view_corners(view: View) -> list[tuple[float, float]]:
    """The points a view names: its centre, or the south-west and north-east corners of its bounds."""
    if "bounds" in view:
        west, south, east, north = view["bounds"]
        return [(west, south), (east, north)]
    lon, lat = view["center"]
    return [(lon, lat)]


def in_box(lon: float, lat: float, box: tuple[float, float, float, float]) -> bool:
    """True when ``(lon, lat)`` lies in ``(west, south, east, north)``."""
    west, south, east, north = box
    return west <= lon <= east and south <= lat <= north


def positions(geometry: Any) -> list[tuple[float, float]]:
    """Every ``(lon, lat)`` of a geometry, however nested; nothing for a malformed one (the schema reports it)."""
    coords = geometry.get("coordinates") if isinstance(geometry, dict) else None
    out: list[tuple[float, float]] = []
    stack = [coords]
    while stack:
        item = stack.pop()
        if not isinstance(item, list):
            continue
        if len(item) >= 2 and all(isinstance(v, int | float) and not isinstance(v, bool) for v in item[:2]):
            out.append((float(item[0]), float(item[1])))
        else:
            stack.extend(reversed(item))
    return out


def tours_by_id(tours: list[Tour]) -> dict[str, Tour]:
    """Tours keyed by id, in file order."""
    return {t["id"]: t for t in tours}
