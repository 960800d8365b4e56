"""What the reader sees, as the slide image (geo/figure.py) and the app describe it.

Kept apart from geo/figure.py so that the app names a view without importing matplotlib and
geopandas, which only the "Download this map" button needs (0.3–0.6 s of a server's first visit).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from geo.search import Filters
from geo.windows import DEFAULT_WINDOW_N

#: The region a slide shows unless a view asks for another: the Balkans to the Caspian, Hungary to Egypt.
DEFAULT_BBOX = (10.0, 28.0, 56.0, 53.0)


@dataclass(frozen=True)
class View:
    """What the reader sees: the year, the window around it, the filters and the selected event."""

    year: int
    mode: str = "year"
    n: int = DEFAULT_WINDOW_N
    filters: Filters = field(default_factory=Filters)
    selected: str | None = None
    bbox: tuple[float, float, float, float] = DEFAULT_BBOX
