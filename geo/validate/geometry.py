"""Geometry of any feature: lon/lat order, inside the atlas region, readable, valid, RFC 7946 ring winding."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import shapely
from shapely.geometry import shape

from geo.validate.problems import Problem, rule

#: Boxes ``(west, south, east, north)`` whose union is the atlas region. The main box starts at
#: 29°N so that a Balkan or Anatolian point with latitude and longitude swapped (Constantinople
#: at 41°E 29°N, Thessalonica at 41°E 23°N) falls outside it; the eastern corridor reaches
#: Karakorum. Cairo (30.0°N) and Alexandria (31.2°N) lie inside.
ATLAS_REGION: tuple[tuple[float, float, float, float], ...] = (
    (-10.0, 29.0, 62.0, 62.0),
    (62.0, 33.0, 112.0, 56.0),
)

#: Polygons (polity extents) may reach beyond the point region: Egypt to Aswan, the Ilkhanate to
#: the Gulf, the Mongol homeland into China. They must still lie in this box.
POLYGON_REGION: tuple[tuple[float, float, float, float], ...] = ((-20.0, 10.0, 135.0, 72.0),)

NOT_LON_LAT = rule("not-lon-lat", "a position is not a longitude/latitude pair")
OUTSIDE_REGION = rule("outside-region", "a position lies outside the atlas region (latitude and longitude swapped?)")
GEOMETRY_UNREADABLE = rule("geometry-unreadable", "a geometry cannot be built from its coordinates")
GEOMETRY_EMPTY = rule("geometry-empty", "a geometry has no coordinates")
INVALID_GEOMETRY = rule("invalid-geometry", "a geometry is not valid (a self-intersecting ring, ...)")
CLOCKWISE_EXTERIOR = rule("clockwise-exterior", "a polygon's exterior ring is clockwise (RFC 7946: counter-clockwise)")
COUNTER_CLOCKWISE_HOLE = rule("counter-clockwise-hole", "a polygon's hole is counter-clockwise (RFC 7946: clockwise)")


def in_region(lon: float, lat: float, region: tuple[tuple[float, float, float, float], ...] = ATLAS_REGION) -> bool:
    """True when ``(lon, lat)`` lies in one of the region's boxes."""
    return any(w <= lon <= e and s <= lat <= n for (w, s, e, n) in region)


def _iter_positions(coords: Any) -> Iterable[tuple[float, float]]:
    if isinstance(coords, list | tuple) and len(coords) >= 2 and all(isinstance(c, int | float) for c in coords[:2]):
        yield float(coords[0]), float(coords[1])
    elif isinstance(coords, list | tuple):
        for c in coords:
            yield from _iter_positions(c)


def _ring_is_ccw(ring: list[list[float]]) -> bool:
    area2 = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        area2 += (x2 - x1) * (y2 + y1)
    return area2 < 0


def geometry_problems(name: str, fid: str, geom: Any) -> list[Problem]:
    """Region, validity and RFC 7946 ring orientation of one geometry."""
    if not isinstance(geom, dict):
        return []
    region = POLYGON_REGION if geom.get("type") in ("Polygon", "MultiPolygon") else ATLAS_REGION
    for lon, lat in _iter_positions(geom.get("coordinates")):
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            message = (
                f"position [{lon}, {lat}] is not a lon/lat pair (expected longitude -180..180, "
                "latitude -90..90; RFC 7946 order is [longitude, latitude])"
            )
            return [NOT_LON_LAT(name, fid, "geometry.coordinates", message)]
        if not in_region(lon, lat, region):
            message = (
                f"position [{lon}, {lat}] lies outside the atlas region (expected lon/lat inside "
                f"{region}; are longitude and latitude swapped?)"
            )
            return [OUTSIDE_REGION(name, fid, "geometry.coordinates", message)]
    coords = geom.get("coordinates")
    if geom.get("type") == "Point" and isinstance(coords, list) and len(coords) == 2:
        if all(isinstance(c, int | float) for c in coords):
            return []  # two numbers inside the region (checked above) make a valid, non-empty point
    try:
        shp = shape(geom)
    except Exception as exc:  # shapely raises several types for malformed input
        return [GEOMETRY_UNREADABLE(name, fid, "geometry", f"cannot be read as a geometry: {exc}")]
    if shp.is_empty:
        return [GEOMETRY_EMPTY(name, fid, "geometry", "is empty (expected a geometry with coordinates)")]
    problems: list[Problem] = []
    if not shp.is_valid:
        reason = shapely.is_valid_reason(shp)
        problems.append(INVALID_GEOMETRY(name, fid, "geometry", f"is not a valid geometry: {reason}"))
    return problems + _winding_problems(name, fid, geom)


def _winding_problems(name: str, fid: str, geom: dict[str, Any]) -> list[Problem]:
    """Exterior rings counter-clockwise, holes clockwise, each reported at its own coordinates path."""
    if geom.get("type") == "Polygon":
        polygons = [("geometry.coordinates", geom["coordinates"])]
    elif geom.get("type") == "MultiPolygon":
        polygons = [(f"geometry.coordinates[{pi}]", rings) for pi, rings in enumerate(geom["coordinates"])]
    else:
        return []
    problems: list[Problem] = []
    for path, rings in polygons:
        for ri, ring in enumerate(rings):
            if len(ring) < 4:
                continue
            ccw = _ring_is_ccw(ring)
            if ri == 0 and not ccw:
                message = "exterior ring is clockwise (RFC 7946 expects counter-clockwise exterior rings)"
                problems.append(CLOCKWISE_EXTERIOR(name, fid, f"{path}[0]", message))
            elif ri > 0 and ccw:
                message = "hole is counter-clockwise (RFC 7946 expects clockwise holes)"
                problems.append(COUNTER_CLOCKWISE_HOLE(name, fid, f"{path}[{ri}]", message))
    return problems
