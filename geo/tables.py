"""Tables and exports of events: the event list's rows and order, CSV, GeoJSON and the timeline's rows."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from typing import Any

from geo.features import EventFeature, Places, Sources, event_sources, place_names

#: The columns of the event list's rows, in order.
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


#: How the event list can be ordered: the words a reader sees.
LIST_ORDERS = {"story": "In story order", "kind": "By kind", "place": "By place"}


def ordered_events(events: Iterable[EventFeature], order: str, places: Places) -> list[EventFeature]:
    """``events`` (given in story order) in the order ``order`` (a key of :data:`LIST_ORDERS`); ties keep
    the story order."""
    events = list(events)
    if order == "kind":
        return sorted(events, key=lambda e: e["properties"]["kind"])
    if order == "place":
        return sorted(events, key=lambda e: place_names(e, places).casefold())
    return events


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


#: The columns of the CSV download: what a teacher needs without opening the atlas, sources by title.
CSV_COLUMNS = (
    "id",
    "title",
    "date in the text's words",
    "start",
    "end",
    "date uncertain",
    "what the date rests on",
    "kind",
    "summary",
    "places",
    "participants",
    "quotes",
    "question the texts disagree on",
    "accounts",
    "sources",
    "reliability",
    "notes",
)


def _quote_line(c: Mapping[str, Any], sources: Sources) -> str:
    title = sources.get(c.get("source") or "", {}).get("short_title") or c.get("source")
    role = "" if (c.get("role") or "supports") == "supports" else f" [{c.get('role')}]"
    return f"{title}, {c.get('locator')}: “{c.get('quote')}”{role}"


def csv_rows(events: Iterable[EventFeature], places: Places, sources: Sources | None = None) -> list[dict[str, Any]]:
    """One row per event with the keys of :data:`CSV_COLUMNS`; several quotes or accounts are on lines of one cell."""
    sources = sources or {}
    rows = []
    for e in events:
        p = e["properties"]
        basis = p.get("date_basis") or {}
        titles = [sources.get(s, {}).get("short_title") or s for s in sorted(event_sources(e))]
        rows.append(
            {
                "id": e["id"],
                "title": p["title"],
                "date in the text's words": p["date_label"],
                "start": p["start"],
                "end": p["end"],
                "date uncertain": "yes" if p.get("uncertain") else "no",
                "what the date rests on": basis.get("note", ""),
                "kind": p["kind"],
                "summary": p.get("summary", ""),
                "places": place_names(e, places),
                "participants": "; ".join(part["name"] for part in p.get("participants", [])),
                "quotes": "\n".join(_quote_line(c, sources) for c in p.get("citations", [])),
                "question the texts disagree on": p.get("question", ""),
                "accounts": "\n".join(
                    f"{a.get('label')}: {a.get('claim')} ("
                    + "; ".join(_quote_line(c, sources) for c in a.get("citations", []))
                    + ")"
                    for a in p.get("accounts") or []
                ),
                "sources": "; ".join(titles),
                "reliability": p.get("reliability", ""),
                "notes": "\n".join(p.get("notes") or []),
            }
        )
    return rows


def events_csv(events: Iterable[EventFeature], places: Places, sources: Sources | None = None) -> str:
    """CSV of the events (one row each, :data:`CSV_COLUMNS`); formula-looking cells are prefixed so spreadsheets
    don't run them."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for row in csv_rows(events, places, sources):
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
