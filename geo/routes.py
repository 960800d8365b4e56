"""Lines drawn on the map besides borders: movements (those that share a route bent apart, where a short label
goes) and the dashed lines to the proposed sites of a disputed place.

Pure Python. Several events travel the same route (Constantinople to the Horde's court: an envoy, the tribute and
al-Mas‛ūdī's mission in 1264; the marriages to Toqta and to Uzbek): drawn straight they are one line, and only a
click would tell that there are several. Each takes a *lane*: the lowest not used by another event of the route
whose years overlap its own, so lines shown together never coincide. Lane 0 is the straight line; the others bow
out to alternate sides, further with each pair.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from geo.features import EventFeature, Places
from geo.render import html_text

#: How far a lane bows out, as a share of the line's length (at its middle), per pair of lanes.
BOW_PER_LANE = 0.06
#: Points of a bent line (more points, a smoother curve; it stays a polyline for clicks).
BENT_POINTS = 9


def round_coords(coords: Any, nd: int = 3) -> Any:
    """Coordinates (a number, a position or nested lists of them) rounded to ``nd`` decimals."""
    if isinstance(coords, int | float):
        return round(coords, nd)
    return [round_coords(c, nd) for c in coords]


def screen_bearing(a: list[float], b: list[float]) -> float:
    """Clockwise degrees from north of the segment a -> b (lon, lat) as drawn in Web Mercator."""

    def merc_y(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    dx = math.radians(b[0] - a[0])
    dy = merc_y(b[1]) - merc_y(a[1])
    return math.degrees(math.atan2(dx, dy)) % 360


def route_lanes(events: Iterable[EventFeature]) -> dict[str, int]:
    """Event id -> lane, for every movement (LineString) whose route another movement shares."""
    routes: dict[str, list[EventFeature]] = {}
    for e in events:
        if e["geometry"]["type"] == "LineString":
            routes.setdefault(repr(round_coords(e["geometry"]["coordinates"], 3)), []).append(e)
    lanes: dict[str, int] = {}
    for group in routes.values():
        if len(group) < 2:
            continue
        taken: list[tuple[int, int, int]] = []  # (lane, start, end) of the events placed so far
        for e in sorted(group, key=lambda ev: (ev["properties"]["start"], ev["properties"]["end"], ev["id"])):
            p = e["properties"]
            busy = {lane for lane, s, t in taken if s <= p["end"] and t >= p["start"]}
            lane = next(k for k in range(len(group)) if k not in busy)
            taken.append((lane, p["start"], p["end"]))
            lanes[e["id"]] = lane
    return lanes


def bent(coords: list[list[float]], lane: int) -> list[list[float]]:
    """The line from the first to the last of ``coords`` bowed out for ``lane`` (lane 0: ``coords`` as given).

    Odd lanes bow to the left of the direction of travel, even ones to the right; the ends stay where they are.
    """
    if lane <= 0:
        return coords
    (x0, y0), (x1, y1) = coords[0], coords[-1]
    length = math.hypot(x1 - x0, y1 - y0)
    if length == 0:
        return coords
    side = 1 if lane % 2 else -1
    bow = side * BOW_PER_LANE * ((lane + 1) // 2) * length
    nx, ny = -(y1 - y0) / length, (x1 - x0) / length  # the left normal
    out = []
    for i in range(BENT_POINTS):
        t = i / (BENT_POINTS - 1)
        lift = 4 * t * (1 - t) * bow  # a parabola: 0 at the ends, ``bow`` in the middle
        out.append([x0 + (x1 - x0) * t + nx * lift, y0 + (y1 - y0) * t + ny * lift])
    return out


def midpoint(coords: list[list[float]]) -> list[float]:
    """The point halfway along a polyline (by length in degrees), where a line's label goes."""
    segs = [math.hypot(b[0] - a[0], b[1] - a[1]) for a, b in zip(coords, coords[1:], strict=False)]
    half, run = sum(segs) / 2, 0.0
    for (a, b), seg in zip(zip(coords, coords[1:], strict=False), segs, strict=True):
        if seg and run + seg >= half:
            t = (half - run) / seg
            return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]
        run += seg
    return list(coords[0])


def candidate_sites(e: EventFeature, places: Places, anchor: list[float] | None) -> list[dict[str, Any]]:
    """The dashed lines from an event to the proposed sites of its disputed places (``CandidateEntry`` of
    geo/livemap.py), every data string HTML-escaped."""
    out: list[dict[str, Any]] = []
    for ref in e["properties"].get("places", []):
        place = places.get(ref["place"])
        if place is None or place["properties"].get("precision") != "disputed":
            continue
        pp = place["properties"]
        start = anchor or round_coords(place["geometry"]["coordinates"], 4)
        for cand in pp.get("candidates") or []:
            modern = f" ({html_text(cand['modern_name'])})" if cand.get("modern_name") else ""
            out.append(
                {
                    "anchor": start,
                    "site": [round(cand["lon"], 4), round(cand["lat"], 4)],
                    "tooltip_html": (
                        f"Candidate site for {html_text(pp.get('name'))}: <b>{html_text(cand.get('name'))}</b>"
                        f"{modern}<br>proposed by {html_text(cand.get('proposed_by'))}"
                    ),
                }
            )
    return out
