"""Who stood with whom in each year: relations between pairs of polities, derived from the events.

Nothing here is asserted: every relation of a year rests on the events that involve both polities,
by the rules written down in ``data/README.md`` ("Relations between polities"):

* **Pairs.** Only participants that act for a drawn polity (``polity`` and ``commander``) count. In a war
  event (:data:`WAR_KINDS`) each one's role puts it on a side (:data:`WAR_SIDES`): opposite sides are at
  war, the same side fought together (an alliance). In any other event that founds a relation
  (:data:`KIND_RELATION`) the first polity named is the one the event is about, paired with each other one.
* **Duration.** War, embassy and alliance hold in the event's own years. A treaty or a tribute holds until
  a ruler of either party changes (a ``death`` or ``accession`` of a ``ruler's state``) or the two go to
  war, else for :data:`DEFAULT_YEARS`; a marriage tie until a spouse dies or, for a reigning groom, his
  polity's ruler changes, else for :data:`DEFAULT_YEARS`. A war between two polities in a year sets aside
  their alliance that year.
* **Marks.** A relation is ``uncertain`` when every event it rests on that year has an uncertain date (for a
  held-over year: or its end is a default, or the event that ends it has an uncertain date), and
  ``unreliable`` when every such event rests only on the low-reliability source.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from shapely.geometry import shape

from geo.features import EventFeature, Participant, Places, PolityFeature
from geo.labels import label_point
from geo.timemodel import YEAR_MAX, YEAR_MIN, years_of

#: Relation kinds, in the order a legend lists them, with the words a reader sees.
RELATION_KINDS: dict[str, str] = {
    "alliance": "alliance",
    "marriage": "marriage tie",
    "treaty": "treaty",
    "tribute": "tribute or vassalage",
    "embassy": "embassy",
    "war": "war",
}

#: Event kinds whose participants fight: their roles say on which side (:data:`WAR_SIDES`).
WAR_KINDS = frozenset({"invasion", "raid", "siege", "battle", "capture", "occupation", "campaign"})

#: The relation other event kinds found between the polity they are about and each other polity.
KIND_RELATION: dict[str, str] = {
    "alliance": "alliance",
    "promise": "alliance",  # a promise of help (troops, an end to raids) between two courts
    "marriage": "marriage",
    "treaty": "treaty",
    "tribute": "tribute",
    "submission": "tribute",
    "embassy": "embassy",
    "letter": "embassy",
}

#: A role that makes the pair another relation than the event's kind founds.
ROLE_RELATION: dict[str, str] = {"recognised as mongol protectorate": "tribute"}

ATTACK, DEFENCE, EACH, NO_SIDE = "attack", "defence", "each", "none"
#: Side of each role (lower case, a trailing parenthesis dropped) in a war event. ``each``: every other
#: belligerent is the enemy; ``none``: takes no side (a mediator, a plan that was not carried out).
WAR_SIDES: dict[str, str] = {
    **dict.fromkeys(
        (
            "invader",
            "raider",
            "besieger",
            "attacker",
            "conqueror",
            "captor",
            "occupier",
            "victor",
            "ally of the invaders",
            "withdrawing",
            "sender",  # of troops to a campaign
            "ally",  # the party those troops came to fight for
            "instigator",  # had others raid for him
        ),
        ATTACK,
    ),
    **dict.fromkeys(
        (
            "invaded",
            "victim",
            "raided",
            "besieged",
            "defeated",
            "defender",
            "conquered",
            "loser",
            "enemy",
            "target",
            "byzantine ally",  # Nogai helping Michael VIII against Bulgaria (1273, 1279)
        ),
        DEFENCE,
    ),
    "belligerent": EACH,
    **dict.fromkeys(
        ("affected", "mediator", "planned attacker", "would-be attacker", "nominal overlord of anatolia"), NO_SIDE
    ),
}

#: Relation kinds held over after their events' own years, and for how many years at most when the
#: texts do not say what ended them (data/README.md gives the reasons).
DEFAULT_YEARS: dict[str, int] = {"treaty": 10, "tribute": 10, "marriage": 20}

#: Participant types that act for a polity (persons, exiles and groups do not make a relation).
ACTING_TYPES = frozenset({"polity", "commander"})
RULER_CHANGE_KINDS = frozenset({"death", "accession"})
RULERS_STATE = "ruler's state"

_PAREN = re.compile(r"\s*\([^)]*\)\s*$")


def role_key(role: str) -> str:
    """A role as the rules read it: lower case, without a trailing parenthesis (``groom (a commander …)``)."""
    return _PAREN.sub("", role).strip().lower()


@dataclass(frozen=True)
class Relation:
    """Two polities tied (or at war) in one year, and the events that say so."""

    year: int
    a: str  #: polity id, the first in alphabetical order
    b: str
    kind: str  #: a key of RELATION_KINDS
    events: tuple[str, ...]  #: the events it rests on this year, in date order
    uncertain: bool
    unreliable: bool
    #: True when no event of this year founds it: it is held over from an earlier treaty, tribute or marriage
    held: bool = False
    #: why it holds this year, in words (for a held-over relation: from when, and what ends it)
    basis: str = ""

    @property
    def label(self) -> str:
        """The kind in a reader's words (``marriage tie``)."""
        return RELATION_KINDS[self.kind]


@dataclass(frozen=True)
class _Founding:
    """One event founding one relation between two polities."""

    event: EventFeature
    kind: str
    a: str
    b: str


@dataclass(frozen=True)
class _Span:
    """The years a founding holds, and what ended it."""

    first: int
    last: int
    ended_by: EventFeature | None  #: None: the default duration, or no holding over at all
    by_default: bool


def founding_pairs(event: EventFeature) -> list[tuple[str, str, str]]:
    """``(relation kind, polity, polity)`` for each relation the event founds (before any duration rule)."""
    p = event["properties"]
    acting = _acting(p.get("participants", []))
    if p["kind"] in WAR_KINDS:
        return _war_pairs(acting)
    founded = KIND_RELATION.get(p["kind"])
    if founded is None or len(acting) < 2:
        return []
    (hub, _), others = acting[0], acting[1:]
    return [(ROLE_RELATION.get(role, founded), hub, polity) for polity, role in others if polity != hub]


def _acting(participants: Iterable[Participant]) -> list[tuple[str, str]]:
    """``(polity id, role key)`` of the participants acting for a polity, each polity once, in order."""
    out: dict[str, str] = {}
    for part in participants:
        polity = part.get("polity")
        if part.get("type") in ACTING_TYPES and polity and polity not in out:
            out[polity] = role_key(part.get("role", ""))
    return list(out.items())


def _war_pairs(acting: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    sides: dict[str, list[str]] = defaultdict(list)
    for polity, role in acting:
        sides[WAR_SIDES.get(role, NO_SIDE)].append(polity)
    pairs = [("war", x, y) for x in sides[ATTACK] for y in sides[DEFENCE]]
    each = sides[EACH]
    pairs += [("war", x, y) for i, x in enumerate(each) for y in each[i + 1 :]]
    for side in (ATTACK, DEFENCE):
        members = sides[side]
        pairs += [("alliance", x, y) for i, x in enumerate(members) for y in members[i + 1 :]]
    return [(kind, x, y) for kind, x, y in pairs if x != y]


def unclassified_roles(events: Iterable[EventFeature]) -> set[tuple[str, str]]:
    """``(event id, role)`` of acting participants of war events whose role :data:`WAR_SIDES` does not place."""
    out = set()
    for event in events:
        if event["properties"]["kind"] in WAR_KINDS:
            out |= {(event["id"], role) for _, role in _acting(event["properties"]["participants"])}
    return {(eid, role) for eid, role in out if role not in WAR_SIDES}


def derive_relations(events: Iterable[EventFeature], polities: Iterable[PolityFeature]) -> list[Relation]:
    """Every relation of every year from ``YEAR_MIN`` to ``YEAR_MAX``, by year, then pair, then kind.

    A relation is kept in a year only when both polities are drawn in it (it is drawn between their seats).
    """
    events = list(events)
    drawn = _drawn_years(polities)
    foundings = [_Founding(e, kind, *sorted((x, y))) for e in events for kind, x, y in founding_pairs(e)]
    changes = _ruler_changes(events)
    wars = [f for f in foundings if f.kind == "war"]
    # (year, a, b, kind) -> [(event, uncertain, held, basis)]
    held: dict[tuple[int, str, str, str], list[tuple[EventFeature, bool, bool, str]]] = defaultdict(list)
    for f in foundings:
        span = _span(f, changes, wars)
        start, end = _years(f.event)
        for year in range(max(span.first, YEAR_MIN), min(span.last, YEAR_MAX) + 1):
            if year not in drawn.get(f.a, ()) or year not in drawn.get(f.b, ()):
                continue
            own = start <= year <= end
            if own:
                uncertain, basis = _uncertain(f.event), ""
            else:
                uncertain = _uncertain(f.event) or span.by_default or _ender_uncertain(span)
                basis = _held_basis(f, span)
            held[(year, f.a, f.b, f.kind)].append((f.event, uncertain, not own, basis))
    out = []
    for (year, a, b, kind), items in held.items():
        if kind == "alliance" and (year, a, b, "war") in held:
            continue  # at war that year: the alliance is set aside (data/README.md)
        ordered = sorted(items, key=lambda item: (_years(item[0]), item[0]["id"]))
        out.append(
            Relation(
                year=year,
                a=a,
                b=b,
                kind=kind,
                events=tuple(dict.fromkeys(e["id"] for e, *_ in ordered)),
                uncertain=all(u for _, u, _, _ in ordered),
                unreliable=all(e["properties"].get("reliability") == "low" for e, *_ in ordered),
                held=all(h for _, _, h, _ in ordered),
                basis="; ".join(dict.fromkeys(b for *_, b in ordered if b)),
            )
        )
    kinds = list(RELATION_KINDS)
    return sorted(out, key=lambda r: (r.year, r.a, r.b, kinds.index(r.kind)))


def relations_in(relations: Iterable[Relation], year: int) -> list[Relation]:
    """The relations of one year."""
    return [r for r in relations if r.year == year]


def _years(event: EventFeature) -> tuple[int, int]:
    return event["properties"]["start"], event["properties"]["end"]


def _uncertain(event: EventFeature) -> bool:
    props = event["properties"]
    if "uncertain" in props:
        return bool(props["uncertain"])
    return years_of(props["date_edtf"]).uncertain


def _ender_uncertain(span: _Span) -> bool:
    return span.ended_by is not None and _uncertain(span.ended_by)


def _drawn_years(polities: Iterable[PolityFeature]) -> dict[str, set[int]]:
    drawn: dict[str, set[int]] = defaultdict(set)
    for f in polities:
        p = f["properties"]
        drawn[p["polity"]].update(range(p["start"], p["end"] + 1))
    return drawn


def _ruler_changes(events: Iterable[EventFeature]) -> dict[str, list[EventFeature]]:
    """Polity id -> the deaths and accessions of its rulers the data records (a ``ruler's state`` participant)."""
    out: dict[str, list[EventFeature]] = defaultdict(list)
    for e in events:
        if e["properties"]["kind"] in RULER_CHANGE_KINDS:
            for polity, role in _acting(e["properties"]["participants"]):
                if role == RULERS_STATE:
                    out[polity].append(e)
    return out


def _span(f: _Founding, changes: Mapping[str, list[EventFeature]], wars: list[_Founding]) -> _Span:
    """The years a founding holds (data/README.md, "How long a relation holds")."""
    start, end = _years(f.event)
    if f.kind not in DEFAULT_YEARS:
        return _Span(start, end, None, by_default=False)
    enders: list[tuple[int, EventFeature]] = []  # (last year it holds, the event that ends it)
    if f.kind == "marriage":
        spouses = _spouses(f.event)
        enders += [(_years(e)[1], e) for e in _deaths_of(spouses, changes)]
        groom_polity, reigns = _groom(f.event)
        if reigns and groom_polity is not None:
            enders += [(_years(e)[1], e) for e in changes.get(groom_polity, []) if _years(e)[0] > start]
    else:
        for polity in (f.a, f.b):
            enders += [(_years(e)[1], e) for e in changes.get(polity, []) if _years(e)[0] > start]
        # broken by war: it holds until the year before the fighting
        enders += [
            (_years(w.event)[0] - 1, w.event) for w in wars if (w.a, w.b) == (f.a, f.b) and _years(w.event)[0] > start
        ]
    default_last = start + DEFAULT_YEARS[f.kind] - 1
    if enders:
        last, ender = min(enders, key=lambda item: (item[0], item[1]["id"]))
        if last <= default_last:
            return _Span(start, max(last, end), ender, by_default=False)
    return _Span(start, max(default_last, end), None, by_default=True)


def _spouses(event: EventFeature) -> set[str]:
    """Names of the bride and the groom of a marriage event."""
    return {
        part["name"]
        for part in event["properties"].get("participants", [])
        if role_key(part.get("role", "")).split(" ")[0] in ("bride", "groom") and part.get("type") != "polity"
    }


def _groom(event: EventFeature) -> tuple[str | None, bool]:
    """The groom's polity, and whether the groom reigns there (a ``person``; a ``commander`` serves a ruler)."""
    polity: str | None = None
    reigns = False
    for part in event["properties"].get("participants", []):
        key = role_key(part.get("role", ""))
        if part.get("type") == "polity" and key in ("groom", "groom's realm"):
            polity = polity or part.get("polity")
        elif key == "groom":
            reigns = part.get("type") == "person"
            polity = polity or part.get("polity")
    return polity, reigns


def _deaths_of(names: set[str], changes: Mapping[str, list[EventFeature]]) -> list[EventFeature]:
    """Death events (of any polity) naming one of ``names`` as the one who ``died``."""
    deaths = {e["id"]: e for lst in changes.values() for e in lst if e["properties"]["kind"] == "death"}
    return [
        e
        for e in deaths.values()
        if any(
            p.get("name") in names and role_key(p.get("role", "")) == "died" for p in e["properties"]["participants"]
        )
    ]


def _held_basis(f: _Founding, span: _Span) -> str:
    """Why a held-over year holds, in words: what founded it and what ends it."""
    title = f.event["properties"]["title"]
    since = f.event["properties"]["date_label"]
    if span.ended_by is not None:
        until = f"until {span.ended_by['properties']['title']} ({span.ended_by['properties']['date_label']})"
    else:
        until = f"for at most {DEFAULT_YEARS[f.kind]} years, the texts giving no end"
    return f"held over from {title} ({since}), {until}"


def polity_seats(polities: Iterable[PolityFeature], places: Places, year: int) -> dict[str, tuple[float, float, str]]:
    """Polity id -> ``(lon, lat, name)`` of its seat in ``year``: its capital, else the point its name is drawn at."""
    out: dict[str, tuple[float, float, str]] = {}
    for f in polities:
        p = f["properties"]
        if not p["start"] <= year <= p["end"] or p["polity"] in out:
            continue
        place = places.get(p.get("capital") or "")
        if place is not None:
            lon, lat = place["geometry"]["coordinates"][:2]
        else:
            point = label_point(shape(dict(f["geometry"])))
            if point is None:
                continue
            lon, lat, _ = point
        out[p["polity"]] = (float(lon), float(lat), p["name"])
    return out
