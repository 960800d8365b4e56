"""The year window: which years a view covers, and which events and polities it shows.

The map's JavaScript (``geo/atlas_layers.js``: ``windowBounds``, ``inWindow``, ``shownIn``) repeats
these rules so the map can follow the slider without the server; ``tests/test_atlas_layers_js.py``
runs both over every window mode, N and year and fails when they disagree.
"""

from __future__ import annotations

from collections.abc import Iterable

from geo.features import EventFeature, Places, PolityFeature
from geo.search import Filters, matcher
from geo.timemodel import overlaps, visible_in

#: The window control: this year only, year ± N, or everything from the first year up to this one.
WINDOW_MODES = ("year", "around", "upto")
WINDOW_N_MAX = 25
DEFAULT_YEAR = 1242
DEFAULT_WINDOW_N = 5
#: "Everything up to this year" reaches back before the slider, to the 1210 news of the web summary.
EARLIEST_YEAR = 1000


def window_bounds(year: int, mode: str = "year", n: int = DEFAULT_WINDOW_N) -> tuple[int, int]:
    """Inclusive ``(lo, hi)`` years the window covers around ``year``."""
    if mode == "around":
        return year - n, year + n
    if mode == "upto":
        return EARLIEST_YEAR, year
    return year, year


def in_window(event: EventFeature, lo: int, hi: int) -> bool:
    """True when the event's ``[start, end]`` overlaps ``[lo, hi]``."""
    p = event["properties"]
    return overlaps(p["start"], p["end"], lo, hi)


def fade(event: EventFeature, year: int, mode: str) -> float:
    """Opacity factor: 1 for an event of this year, fading for older ones in the "up to" window.

    The atlas draws the same fade in the browser (``fade`` in geo/atlas_layers.js).
    """
    if mode != "upto":
        return 1.0
    age = year - event["properties"]["end"]
    if age <= 0:
        return 1.0
    return max(0.25, 1.0 - age / 40)


def visible_events(
    events: Iterable[EventFeature], year: int, mode: str, n: int, filters: Filters, places: Places
) -> list[EventFeature]:
    """Events in the window around ``year`` that pass the filters, in date order."""
    lo, hi = window_bounds(year, mode, n)
    test = matcher(filters, places)
    return [e for e in events if in_window(e, lo, hi) and test(e)]


def polities_in_year(polities: Iterable[PolityFeature], year: int) -> list[PolityFeature]:
    """Polity shapes drawn in ``year``."""
    return [f for f in polities if visible_in(f["properties"]["start"], f["properties"]["end"], year)]
