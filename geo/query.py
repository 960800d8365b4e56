"""Queries over the atlas: what is visible in a year, filters, search, URL state, exports."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from geo.timemodel import YEAR_MAX, YEAR_MIN, overlaps, visible_in

#: The window control: this year only, year ± N, or everything from the first year up to this one.
WINDOW_MODES = ("year", "around", "upto")
WINDOW_N_MAX = 25
DEFAULT_YEAR = 1242
DEFAULT_WINDOW_N = 5
#: "Everything up to this year" reaches back before the slider, to the 1210 news of the web summary.
EARLIEST_YEAR = 1000

Event = dict[str, Any]


@dataclass(frozen=True)
class Filters:
    """What the reader narrowed the events to; empty tuples mean "no restriction"."""

    kinds: tuple[str, ...] = ()
    polities: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    hide_unreliable: bool = False
    search: str = ""


def window_bounds(year: int, mode: str = "year", n: int = DEFAULT_WINDOW_N) -> tuple[int, int]:
    """Inclusive ``(lo, hi)`` years the window covers around ``year``."""
    if mode == "around":
        return year - n, year + n
    if mode == "upto":
        return EARLIEST_YEAR, year
    return year, year


def in_window(event: Event, lo: int, hi: int) -> bool:
    """True when the event's ``[start, end]`` overlaps ``[lo, hi]``."""
    p = event["properties"]
    return overlaps(p["start"], p["end"], lo, hi)


def event_polities(event: Event) -> set[str]:
    """Polity ids of the event's polity participants."""
    return {p["polity"] for p in event["properties"].get("participants", []) if p.get("polity")}


def event_sources(event: Event) -> set[str]:
    """Every source the event cites, in its citations and in its accounts."""
    p = event["properties"]
    cited = {c["source"] for c in p.get("citations", [])}
    for acc in p.get("accounts") or []:
        cited |= {c["source"] for c in acc.get("citations", [])}
    return cited


def _fold(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def search_text(event: Event, places: Mapping[str, Event]) -> str:
    """The words a search matches: title, persons and polities, place names (period and modern)."""
    p = event["properties"]
    words = [p.get("title", "")]
    words += [part.get("name", "") for part in p.get("participants", [])]
    for ref in p.get("places", []):
        place = places.get(ref.get("place"), {}).get("properties", {})
        words += [place.get("name") or "", place.get("modern_name") or ""]
        words += [c.get("name", "") for c in place.get("candidates") or []]
    return _fold(" ".join(words))


def matches(event: Event, filters: Filters, places: Mapping[str, Event]) -> bool:
    """True when the event passes every filter."""
    p = event["properties"]
    if filters.kinds and p["kind"] not in filters.kinds:
        return False
    if filters.polities and not (event_polities(event) & set(filters.polities)):
        return False
    if filters.sources and not (event_sources(event) & set(filters.sources)):
        return False
    if filters.hide_unreliable and p.get("reliability") == "low":
        return False
    terms = _fold(filters.search).split()
    if terms:
        blob = search_text(event, places)
        if not all(t in blob for t in terms):
            return False
    return True


def filter_events(events: Iterable[Event], filters: Filters, places: Mapping[str, Event]) -> list[Event]:
    """Events passing the filters, in their given (date) order."""
    return [e for e in events if matches(e, filters, places)]


def visible_events(
    events: Iterable[Event], year: int, mode: str, n: int, filters: Filters, places: Mapping[str, Event]
) -> list[Event]:
    """Events in the window around ``year`` that pass the filters, in date order."""
    lo, hi = window_bounds(year, mode, n)
    return [e for e in events if in_window(e, lo, hi) and matches(e, filters, places)]


def polities_in_year(polities: Iterable[Event], year: int) -> list[Event]:
    """Polity shapes drawn in ``year``."""
    return [f for f in polities if visible_in(f["properties"]["start"], f["properties"]["end"], year)]


def fade(event: Event, year: int, mode: str) -> float:
    """Opacity factor: 1 for an event of this year, fading for older ones in the "up to" window."""
    if mode != "upto":
        return 1.0
    age = year - event["properties"]["end"]
    if age <= 0:
        return 1.0
    return max(0.25, 1.0 - age / 40)


def kinds_in(events: Iterable[Event]) -> list[str]:
    """The kinds used by ``events``, sorted."""
    return sorted({e["properties"]["kind"] for e in events})


def participant_polities(events: Iterable[Event]) -> dict[str, str]:
    """Polity id -> the first name a participant gives it."""
    out: dict[str, str] = {}
    for e in events:
        for part in e["properties"].get("participants", []):
            if part.get("polity"):
                out.setdefault(part["polity"], part["name"])
    return dict(sorted(out.items(), key=lambda kv: kv[1]))


# --------------------------------------------------------------------------- map clicks


def nearest_event(events: Iterable[Event], lat: float, lng: float, max_deg: float = 0.5) -> str | None:
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


def clicked_event_id(map_state: Mapping[str, Any] | None, events: list[Event]) -> str | None:
    """The event a map click points at, from st_folium's returned state.

    ``last_active_drawing`` carries the clicked layer's ``feature``; event markers are tagged with
    ``properties.event_id``. A click elsewhere falls back to the nearest visible event.
    """
    if not map_state:
        return None
    ids = {e["id"] for e in events}
    drawing = map_state.get("last_active_drawing") or {}
    eid = (drawing.get("properties") or {}).get("event_id") if isinstance(drawing, dict) else None
    if isinstance(eid, str) and eid in ids:
        return eid
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


# --------------------------------------------------------------------------- URL state


@dataclass
class UrlState:
    """Everything a shared link can carry, validated."""

    year: int | None = None
    window: str | None = None
    n: int | None = None
    kinds: list[str] | None = None
    polities: list[str] | None = None
    sources: list[str] | None = None
    hide_unreliable: bool | None = None
    q: str | None = None
    event: str | None = None
    page: str | None = None
    source: str | None = None
    cite: int | None = None
    invalid: dict[str, str] = field(default_factory=dict)


_INT = re.compile(r"^-?[0-9]{1,6}$")


def _int_in(value: str, lo: int, hi: int) -> int | None:
    if not _INT.match(value.strip()):
        return None
    v = int(value)
    return v if lo <= v <= hi else None


def _list_in(value: str, allowed: Iterable[str]) -> list[str] | None:
    items = [v for v in value.split(",") if v]
    allowed = set(allowed)
    if not items or any(v not in allowed for v in items):
        return None
    return list(dict.fromkeys(items))


def parse_url_state(
    params: Mapping[str, str],
    *,
    event_ids: Iterable[str],
    kinds: Iterable[str],
    polities: Iterable[str],
    sources: Iterable[str],
) -> UrlState:
    """Validate query parameters; anything invalid lands in ``.invalid`` (name -> why) and is ignored."""
    st = UrlState()
    bad = st.invalid
    event_ids, sources = set(event_ids), set(sources)
    known = {
        "year",
        "window",
        "n",
        "kind",
        "polity",
        "source_filter",
        "hide_unreliable",
        "q",
        "event",
        "page",
        "source",
        "cite",
    }
    for name in params:
        if name not in known:
            bad[name] = "is not a parameter of this atlas"
    get = {k: str(v) for k, v in params.items()}
    if "year" in get:
        st.year = _int_in(get["year"], YEAR_MIN, YEAR_MAX)
        if st.year is None:
            bad["year"] = f"must be a year from {YEAR_MIN} to {YEAR_MAX}"
    if "window" in get:
        st.window = get["window"] if get["window"] in WINDOW_MODES else None
        if st.window is None:
            bad["window"] = "must be one of " + ", ".join(WINDOW_MODES)
    if "n" in get:
        st.n = _int_in(get["n"], 1, WINDOW_N_MAX)
        if st.n is None:
            bad["n"] = f"must be a number of years from 1 to {WINDOW_N_MAX}"
    for name, attr, allowed in (
        ("kind", "kinds", kinds),
        ("polity", "polities", polities),
        ("source_filter", "sources", sources),
    ):
        if name in get:
            value = _list_in(get[name], allowed)
            setattr(st, attr, value)
            if value is None:
                bad[name] = "names something this atlas does not have"
    if "hide_unreliable" in get:
        st.hide_unreliable = {"1": True, "0": False}.get(get["hide_unreliable"])
        if st.hide_unreliable is None:
            bad["hide_unreliable"] = "must be 1 or 0"
    if "q" in get:
        st.q = get["q"][:200]
    if "event" in get:
        st.event = get["event"] if get["event"] in event_ids else None
        if st.event is None:
            bad["event"] = "is not an event of this atlas"
    if "page" in get:
        st.page = get["page"] if get["page"] in ("atlas", "sources") else None
        if st.page is None:
            bad["page"] = "must be atlas or sources"
    if "source" in get:
        st.source = get["source"] if get["source"] in sources else None
        if st.source is None:
            bad["source"] = "is not a source of this atlas"
    if "cite" in get:
        st.cite = _int_in(get["cite"], 0, 999)
        if st.cite is None:
            bad["cite"] = "must be a citation number"
    return st


def url_params(
    *,
    year: int,
    window: str,
    n: int,
    filters: Filters,
    event: str | None,
    page: str = "atlas",
    source: str | None = None,
    cite: int | None = None,
) -> dict[str, str]:
    """The query parameters that reproduce this state; defaults are left out to keep links short."""
    out: dict[str, str] = {"year": str(year)}
    if window != "year":
        out["window"] = window
    if window == "around":
        out["n"] = str(n)
    if filters.kinds:
        out["kind"] = ",".join(filters.kinds)
    if filters.polities:
        out["polity"] = ",".join(filters.polities)
    if filters.sources:
        out["source_filter"] = ",".join(filters.sources)
    if filters.hide_unreliable:
        out["hide_unreliable"] = "1"
    if filters.search:
        out["q"] = filters.search
    if event:
        out["event"] = event
    if page == "sources":
        out["page"] = "sources"
        if source:
            out["source"] = source
        if cite is not None:
            out["cite"] = str(cite)
    return out


# --------------------------------------------------------------------------- tables and exports


def place_names(event: Event, places: Mapping[str, Event]) -> str:
    """The event's places, by period name, in order."""
    names = [
        places.get(r["place"], {}).get("properties", {}).get("name", r["place"])
        for r in event["properties"].get("places", [])
    ]
    return ", ".join(dict.fromkeys(names))


def event_rows(events: Iterable[Event], places: Mapping[str, Event]) -> list[dict[str, Any]]:
    """One flat row per event for the event list and the CSV export."""
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


def events_csv(events: Iterable[Event], places: Mapping[str, Event]) -> str:
    """CSV of the events (one row each); formula-looking cells are prefixed so spreadsheets don't run them."""
    rows = event_rows(events, places)
    buf = io.StringIO()
    fields = [
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
    ]
    writer = csv.DictWriter(buf, fieldnames=fields)
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                k: ("'" + v if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r") else v)
                for k, v in row.items()
            }
        )
    return buf.getvalue()


def events_geojson(events: Iterable[Event]) -> str:
    """The events as an RFC 7946 FeatureCollection."""
    return json.dumps({"type": "FeatureCollection", "features": list(events)}, ensure_ascii=False, indent=1)


def timeline_rows(events: Iterable[Event]) -> list[dict[str, Any]]:
    """One row per event per year it covers, for the timeline chart."""
    rows = []
    for e in events:
        p = e["properties"]
        rows.append(
            {
                "id": e["id"],
                "title": p["title"],
                "kind": p["kind"],
                "start": p["start"],
                "end": p["end"],
                "label": p["date_label"],
                "uncertain": bool(p.get("uncertain")),
            }
        )
    return rows


def all_citations(event: Event) -> list[tuple[dict[str, Any], str | None]]:
    """The event's citations, then each account's, as ``(citation, account label or None)``.

    The position in this list is the ``cite`` number of a link to the sources page.
    """
    p = event["properties"]
    out: list[tuple[dict[str, Any], str | None]] = [(c, None) for c in p.get("citations", [])]
    for acc in p.get("accounts") or []:
        out += [(c, acc.get("label")) for c in acc.get("citations", [])]
    return out
