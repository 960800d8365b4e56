"""What the atlas's features hold, named: event, place and polity features as geo/ reads them.

The JSON Schemas in ``data/schema/`` decide what a valid file holds; these TypedDicts only name the
fields the code reads (a test keeps every key here a property of its schema), so a signature says
whether it wants an event, a place or a polity. ``uncertain`` is added to events by
:func:`geo.atlas.load_atlas` from the EDTF date. Also here: small accessors over one event.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypedDict


class Geometry(TypedDict):
    """A GeoJSON geometry (Point, LineString, Polygon or MultiPolygon), lon/lat order."""

    type: str
    coordinates: Any


class Citation(TypedDict, total=False):
    """Where a fact comes from: a source, a locator, the verbatim quote and what it does for the claim."""

    source: str
    locator: str
    quote: str
    role: str  # supports, context or contradicts
    primary_authorities: list[str]
    note: str


class Account(TypedDict, total=False):
    """One side of a disagreement between the texts, with its own citations."""

    id: str
    label: str
    date_label: str
    claim: str
    citations: list[Citation]
    note: str


class DateBasis(TypedDict, total=False):
    """What an event's year rests on when no supporting quote states it."""

    rests_on: list[str]  # text-chronology, other-text, scholarship
    note: str
    citations: list[Citation]


class Scholarship(TypedDict):
    """Something the atlas adds beyond its quotes, and where it comes from."""

    claim: str
    basis: str


class Related(TypedDict):
    """A link to another event: part of, follows, same as?, contradicts."""

    event: str
    relation: str


class PlaceRef(TypedDict):
    """An event's place: a place id and its role (location, origin, destination, via, target)."""

    place: str
    role: str


class Participant(TypedDict, total=False):
    """Who took part: a polity, person, exile, commander or group (``polity``: the polity id it acts for)."""

    name: str
    type: str
    role: str
    polity: str
    former_polity: str


class EventProperties(TypedDict, total=False):
    """The properties of an event (``data/schema/events.schema.json``)."""

    id: str
    title: str
    kind: str
    date_label: str
    date_edtf: str
    start: int
    end: int
    sequence: int
    date_basis: DateBasis
    uncertain: bool
    places: list[PlaceRef]
    participants: list[Participant]
    summary: str
    citations: list[Citation]
    question: str
    map_label: str
    accounts: list[Account]
    reliability: str
    notes: list[str]
    scholarship: list[Scholarship]
    related: list[Related]


class EventFeature(TypedDict):
    """An event of ``events.geojson``: a Point or a LineString (a movement)."""

    type: str
    id: str
    geometry: Geometry
    properties: EventProperties


class Candidate(TypedDict, total=False):
    """A proposed site of a disputed place, and who proposed it."""

    name: str
    modern_name: str | None
    lon: float
    lat: float
    proposed_by: str
    note: str


class AuthorityLink(TypedDict):
    """A Linked Places link to the same place in an authority: ``pl:<Pleiades id>`` or ``wd:<Wikidata QID>``."""

    type: str
    identifier: str


class PlaceProperties(TypedDict, total=False):
    """The properties of a place (``data/schema/places.schema.json``)."""

    id: str
    name: str
    modern_name: str | None
    kind: str
    precision: str
    candidates: list[Candidate]
    links: list[AuthorityLink]
    note: str | None
    editor_note: str


class PlaceFeature(TypedDict):
    """A place of the gazetteer ``places.geojson``: always a Point."""

    type: str
    id: str
    geometry: Geometry
    properties: PlaceProperties


class PolityProperties(TypedDict, total=False):
    """The properties of one period of a polity's extent (``data/schema/polities.schema.json``)."""

    id: str
    polity: str
    name: str
    start: int
    end: int
    status: str
    overlord: str | None
    border_precision: int
    border_note: str
    names_in_texts: list[str]
    start_edtf: str | None
    end_edtf: str | None
    color: str
    capital: str | None
    citations: list[Citation]


class PolityFeature(TypedDict):
    """A polity's extent for a span of years, from ``polities.geojson``: a (Multi)Polygon."""

    type: str
    id: str
    geometry: Geometry
    properties: PolityProperties


#: A source of ``sources.json`` (title, reliability, licence, ...), keyed by its id in the atlas.
Source = Mapping[str, Any]
Places = Mapping[str, PlaceFeature]
Sources = Mapping[str, Source]


def place_properties(places: Places, place_id: str | None) -> PlaceProperties:
    """The properties of the place ``place_id``; empty when the gazetteer has no such place."""
    place = places.get(place_id) if isinstance(place_id, str) else None
    return place["properties"] if place is not None else {}


def event_polities(event: EventFeature) -> set[str]:
    """Polity ids of the event's polity participants."""
    return {p["polity"] for p in event["properties"].get("participants", []) if p.get("polity")}


def event_sources(event: EventFeature) -> set[str]:
    """Every source the event cites, in its citations and in its accounts."""
    return {c["source"] for c, _label in all_citations(event)}


def all_citations(event: EventFeature) -> list[tuple[Citation, str | None]]:
    """The event's citations, then each account's, as ``(citation, account label or None)``.

    The position in this list is the ``cite`` number of a link to the sources page.
    """
    p = event["properties"]
    out: list[tuple[Citation, str | None]] = [(c, None) for c in p.get("citations", [])]
    for acc in p.get("accounts") or []:
        out += [(c, acc.get("label")) for c in acc.get("citations", [])]
    return out


def place_names(event: EventFeature, places: Places) -> str:
    """The event's places, by period name, in order."""
    names = [
        place_properties(places, r["place"]).get("name", r["place"]) for r in event["properties"].get("places", [])
    ]
    return ", ".join(dict.fromkeys(names))


def cited_passages(
    events: Iterable[EventFeature], source_id: str, seed: Any
) -> Iterator[tuple[EventFeature, int, Citation, tuple[int, int]]]:
    """Each citation of ``source_id`` in ``events``, in order: the event, the citation's index in
    :func:`all_citations`, the citation, and where its quote stands in ``seed`` (a geo.sources.SeedText);
    a quote the text does not hold is left out (the validator reports it)."""
    for e in events:
        for i, (c, _acc) in enumerate(all_citations(e)):
            if c.get("source") != source_id:
                continue
            loc = seed.locate(c.get("quote", ""))
            if loc is not None:
                yield e, i, c, loc
