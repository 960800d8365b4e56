"""Map clicks: which event a click in the map points at, from what st_folium returns."""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from geo.features import EventFeature


def nearest_event(events: Iterable[EventFeature], lat: float, lng: float, max_deg: float = 0.5) -> str | None:
    """Id of the event whose geometry passes closest to ``(lat, lng)``, within ``max_deg``."""
    best, best_d = None, max_deg
    for e in events:
        g = e["geometry"]
        pts = [g["coordinates"]] if g["type"] == "Point" else g["coordinates"]
        for lon2, lat2 in pts:
            d = math.hypot(lon2 - lng, lat2 - lat)
            if d < best_d:
                best, best_d = e["id"], d
    return best


def clicked_event_id(
    map_state: Mapping[str, Any] | None, events: list[EventFeature], any_event: Collection[str] | None = None
) -> str | None:
    """The event a map click points at, from st_folium's returned state.

    ``last_active_drawing`` carries the clicked layer's ``feature``; event markers are tagged with
    ``properties.event_id``. A tag of ``null`` means the click hit several overlapping events and the
    map asked the reader to choose among them: nothing is selected yet. A click on an untagged layer
    falls back to the nearest visible event. A relation's arc carries ``properties.relation``: it selects
    only the event picked from its list (one of ``any_event``, visible or not), and a click on the arc
    itself selects nothing.
    """
    if not map_state:
        return None
    ids = {e["id"] for e in events}
    drawing = map_state.get("last_active_drawing") or {}
    props = (drawing.get("properties") or {}) if isinstance(drawing, dict) else {}
    if isinstance(props, dict) and "relation" in props:
        # a relation's arc: only an event picked from its list selects (it may lie in an earlier year)
        eid = props.get("event_id")
        return eid if isinstance(eid, str) and (any_event is None or eid in any_event) else None
    if isinstance(props, dict) and "event_id" in props:
        eid = props["event_id"]
        return eid if isinstance(eid, str) and eid in ids else None
    clicked = map_state.get("last_object_clicked")
    if isinstance(clicked, dict) and "lat" in clicked and "lng" in clicked:
        try:
            return nearest_event(events, float(clicked["lat"]), float(clicked["lng"]))
        except (TypeError, ValueError):
            return None
    return None


def click_signature(map_state: Mapping[str, Any] | None) -> str:
    """A stable string for a click, so the same (stale) click is never handled twice."""
    if not map_state:
        return ""
    keys = ("last_object_clicked", "last_active_drawing")
    return json.dumps({k: map_state.get(k) for k in keys}, sort_keys=True, default=str)


def clicked_polity_feature(map_state: Mapping[str, Any] | None) -> str | None:
    """The id of the polity shape a map click hit (its card opens), or None when the click hit no polity."""
    drawing = (map_state or {}).get("last_active_drawing") or {}
    props = (drawing.get("properties") or {}) if isinstance(drawing, dict) else {}
    fid = props.get("polity_feature") if isinstance(props, dict) else None
    return fid if isinstance(fid, str) else None
