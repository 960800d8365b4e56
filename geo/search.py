"""Filters and search: which events pass what the reader narrowed the atlas to."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from geo.features import EventFeature, Places, event_polities, event_sources, place_properties


@dataclass(frozen=True)
class Filters:
    """What the reader narrowed the events to; empty tuples mean "no restriction"."""

    kinds: tuple[str, ...] = ()
    polities: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    hide_unreliable: bool = False
    search: str = ""


def _fold(text: str) -> str:
    """Case- and accent-insensitive form, so "thessaloniki" finds "Thessaloníki"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def search_text(event: EventFeature, places: Places) -> str:
    """The words a search matches: title, persons and polities, place names (period and modern)."""
    p = event["properties"]
    words = [p.get("title", "")]
    words += [part.get("name", "") for part in p.get("participants", [])]
    for ref in p.get("places", []):
        place = place_properties(places, ref.get("place"))
        words += [place.get("name") or "", place.get("modern_name") or ""]
        words += [c.get("name", "") for c in place.get("candidates") or []]
    return _fold(" ".join(words))


def matcher(filters: Filters, places: Places) -> Callable[[EventFeature], bool]:
    """A test of one event against ``filters``, prepared once for a whole list (the search folded once,
    not once per event: at 100x data the per-event folding was most of a year step's filtering)."""
    if filters == Filters():
        return lambda event: True
    kinds, polities, sources = set(filters.kinds), set(filters.polities), set(filters.sources)
    terms = _fold(filters.search).split()

    def test(event: EventFeature) -> bool:
        p = event["properties"]
        if kinds and p["kind"] not in kinds:
            return False
        if polities and not (event_polities(event) & polities):
            return False
        if sources and not (event_sources(event) & sources):
            return False
        if filters.hide_unreliable and p.get("reliability") == "low":
            return False
        if terms:
            blob = search_text(event, places)
            if not all(t in blob for t in terms):
                return False
        return True

    return test


def filter_events(events: Iterable[EventFeature], filters: Filters, places: Places) -> list[EventFeature]:
    """Events passing the filters, in their given (date) order."""
    test = matcher(filters, places)
    return [e for e in events if test(e)]


def kinds_in(events: Iterable[EventFeature]) -> list[str]:
    """The kinds used by ``events``, sorted."""
    return sorted({e["properties"]["kind"] for e in events})


def participant_polities(events: Iterable[EventFeature]) -> dict[str, str]:
    """Polity id -> the first name a participant gives it, sorted by name."""
    out: dict[str, str] = {}
    for e in events:
        for part in e["properties"].get("participants", []):
            if part.get("polity"):
                out.setdefault(part["polity"], part["name"])
    return dict(sorted(out.items(), key=lambda kv: kv[1]))


def search_matches(
    events: Iterable[EventFeature], filters: Filters, places: Places, lo: int, hi: int
) -> tuple[list[EventFeature], int]:
    """Every event that passes the filters and the search, whatever its year (in story order), and how many
    of them lie outside the years ``lo``..``hi`` in view."""
    found = filter_events(events, filters, places)
    outside = sum(1 for e in found if not (e["properties"]["start"] <= hi and e["properties"]["end"] >= lo))
    return found, outside
