"""Tables and exports of events: the event list's rows, CSV, GeoJSON and the timeline's rows."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from geo.features import EventFeature, Places, event_sources, place_names

#: The columns of the event list and of the CSV download, in order.
EVENT_COLUMNS = (
    "id",
    "date",
    "start",
    "end",
    "title",
    "kind",
    "places",
    "participants",
    "reliability",
    "uncertain",
    "sources",
)
#: First characters that make a spreadsheet treat a cell as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def event_rows(events: Iterable[EventFeature], places: Places) -> list[dict[str, Any]]:
    """One flat row per event (the keys of :data:`EVENT_COLUMNS`) for the event list and the CSV export."""
    rows = []
    for e in events:
        p = e["properties"]
        rows.append(
            {
                "id": e["id"],
                "date": p["date_label"],
                "start": p["start"],
                "end": p["end"],
                "title": p["title"],
                "kind": p["kind"],
                "places": place_names(e, places),
                "participants": "; ".join(part["name"] for part in p.get("participants", [])),
                "reliability": p.get("reliability", ""),
                "uncertain": bool(p.get("uncertain")),
                "sources": ", ".join(sorted(event_sources(e))),
            }
        )
    return rows


def events_csv(events: Iterable[EventFeature], places: Places) -> str:
    """CSV of the events (one row each); formula-looking cells are prefixed so spreadsheets don't run them."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=EVENT_COLUMNS)
    writer.writeheader()
    for row in event_rows(events, places):
        writer.writerow(
            {k: ("'" + v if isinstance(v, str) and v.startswith(_FORMULA_START) else v) for k, v in row.items()}
        )
    return buf.getvalue()


def events_geojson(events: Iterable[EventFeature]) -> str:
    """The events as an RFC 7946 FeatureCollection."""
    return json.dumps({"type": "FeatureCollection", "features": list(events)}, ensure_ascii=False, indent=1)


def timeline_rows(events: Iterable[EventFeature]) -> list[dict[str, Any]]:
    """One row per event (its start and end year, kind, title and date label) for the timeline chart."""
    return [
        {
            "id": e["id"],
            "title": e["properties"]["title"],
            "kind": e["properties"]["kind"],
            "start": e["properties"]["start"],
            "end": e["properties"]["end"],
            "label": e["properties"]["date_label"],
            "uncertain": bool(e["properties"].get("uncertain")),
        }
        for e in events
    ]
