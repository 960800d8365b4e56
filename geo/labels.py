"""Where a polity's name goes on a map: a point inside its shape, a size class, and its status in words.

Pure Python over polity features (shapely, no drawing), shared by the slide images (:mod:`geo.figure`)
and, later, the live map. The label point is the pole of inaccessibility (``shapely.ops.polylabel``) of
the shape's largest part, computed in a local equirectangular projection in kilometres: at 28–55°N a
degree of longitude is 40–65 % of a degree of latitude, so working in degrees would push labels towards
the long east–west sides of a shape.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

import shapely
from shapely.geometry import Polygon, box, shape
from shapely.ops import polylabel

from geo.features import PolityFeature

KM_PER_DEG_LAT = 110.574
KM_PER_DEG_LON_EQUATOR = 111.320
#: Upper bounds (km², exclusive) of size classes 1, 2 and 3; anything larger is class 4.
#: For scale: Cyprus ~9,000 km², the Empire of Trebizond ~25,000, Bulgaria in 1264 ~100,000.
SIZE_CLASS_BOUNDS = (12_000.0, 60_000.0, 300_000.0)
#: Statuses that put a polity under another one: its label gets a status line naming the overlord.
DEPENDENT = ("vassal", "tributary")

_PARENTHETICAL = re.compile(r"\s*\([^()]*\)\s*$")


@dataclass(frozen=True)
class PolityLabel:
    """One polity name to draw: where, how big, and the status line under it (or None)."""

    feature_id: str
    polity: str
    name: str
    short_name: str
    lon: float
    lat: float
    area_km2: float
    size: int
    status_line: str | None

    def as_dict(self) -> dict[str, Any]:
        """A plain dict, ready for JSON (the live map's bundle)."""
        return asdict(self)


def short_name(name: str) -> str:
    """``name`` without a trailing parenthetical gloss: "Golden Horde (Ulus of Jochi)" -> "Golden Horde"."""
    stripped = _PARENTHETICAL.sub("", name).strip()
    return stripped or name


def with_article(name: str) -> str:
    """The name as it reads after "of": "the Golden Horde", "the Ilkhanate"; "Nogai's ulus" stays bare."""
    first = name.split(" ", 1)[0]
    if first.lower() == "the" or first.endswith(("'s", "’s")):
        return name
    return f"the {name}"


def status_line(props: Mapping[str, Any], names: Mapping[str, str]) -> str | None:
    """The status of a polity shape in words, or None for a sovereign one.

    ``names`` maps polity ids to display names. A vassal or tributary reads "tributary of the Golden
    Horde"; an overlord whose name is unknown is left out ("tributary") rather than shown as an id.
    """
    status = str(props.get("status") or "")
    if not status or status == "sovereign":
        return None
    overlord = props.get("overlord")
    if status in DEPENDENT and overlord and overlord in names:
        return f"{status} of {with_article(short_name(names[overlord]))}"
    return status


def _to_km(lat0: float) -> tuple[Callable[[Any], Any], Callable[[Any], Any]]:
    kx = KM_PER_DEG_LON_EQUATOR * math.cos(math.radians(lat0))

    def forward(xy: Any) -> Any:
        return xy * [kx, KM_PER_DEG_LAT]

    def back(xy: Any) -> Any:
        return xy / [kx, KM_PER_DEG_LAT]

    return forward, back


def polygons(geom: Any) -> list[Polygon]:
    """The polygons of a shapely geometry, however nested (a clip can return a collection with lines and points)."""
    if geom.is_empty:
        return []
    if isinstance(geom, Polygon):
        return [geom]
    return [p for g in getattr(geom, "geoms", []) for p in polygons(g)]


def label_point(geom: Any) -> tuple[float, float, float] | None:
    """``(lon, lat, area_km2)`` of the pole of inaccessibility of the largest part of ``geom``, or None if empty.

    The area is that of the largest part, in km²: the name is drawn inside that part, so it sets the size.
    """
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    parts = polygons(geom)
    if not parts:
        return None
    lat0 = geom.centroid.y
    forward, back = _to_km(lat0)
    projected = [shapely.transform(p, forward) for p in parts]
    largest = max(projected, key=lambda p: p.area)
    try:
        pole = polylabel(largest, tolerance=max(1.0, math.sqrt(largest.area) / 200))
    except Exception:  # polylabel rejects some degenerate rings; any point inside will do
        pole = largest.representative_point()
    if not largest.contains(pole):  # a pole can fall on the boundary of a very thin shape
        pole = largest.representative_point()
    lon, lat = back(shapely.get_coordinates(pole))[0]
    return float(lon), float(lat), float(largest.area)


def size_class(area_km2: float) -> int:
    """1 (smallest) to 4 (largest): how big the name is drawn."""
    return 1 + sum(area_km2 >= bound for bound in SIZE_CLASS_BOUNDS)


def polity_names(features: Iterable[PolityFeature]) -> dict[str, str]:
    """Polity id -> display name; the first feature of each polity wins, so pass the year's shapes first."""
    names: dict[str, str] = {}
    for f in features:
        pr = f.get("properties") or {}
        pid, name = pr.get("polity") or f.get("id"), pr.get("name")
        if isinstance(pid, str) and isinstance(name, str) and name.strip():
            names.setdefault(pid, name)
    return names


def polity_labels(
    drawn: Iterable[PolityFeature],
    known: Iterable[PolityFeature] = (),
    bbox: tuple[float, float, float, float] | None = None,
) -> list[PolityLabel]:
    """Labels for the polity shapes ``drawn`` in one year, largest first.

    Parameters
    ----------
    drawn
        The polity features drawn (their geometry is GeoJSON, lon/lat).
    known
        Further polity features (all years) to find an overlord's name when the overlord is not drawn.
    bbox
        ``(west, south, east, north)``: label only the part of each shape inside this view, so the
        Mongol Empire's name is not placed in China when the map shows Anatolia.
    """
    drawn = list(drawn)
    names = polity_names(drawn)
    for pid, name in polity_names(known).items():
        names.setdefault(pid, name)
    view = box(*bbox) if bbox else None
    out = []
    for f in drawn:
        pr = f.get("properties") or {}
        try:
            geom = shape(dict(f["geometry"]))
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
        if view is not None:
            geom = shapely.make_valid(geom).intersection(view)
        placed = label_point(geom)
        if placed is None:
            continue
        lon, lat, area = placed
        name = str(pr.get("name") or pr.get("polity") or f.get("id") or "")
        out.append(
            PolityLabel(
                feature_id=str(f.get("id") or pr.get("id") or ""),
                polity=str(pr.get("polity") or ""),
                name=name,
                short_name=short_name(name),
                lon=round(lon, 4),
                lat=round(lat, 4),
                area_km2=round(area, 1),
                size=size_class(area),
                status_line=status_line(pr, names),
            )
        )
    out.sort(key=lambda lab: (-lab.area_km2, lab.feature_id))
    return out
