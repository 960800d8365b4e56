"""``events.geojson``: dates, geometry at its places, citations, participants, reliability and notes."""

from __future__ import annotations

from typing import Any

from geo.sources import SeedText
from geo.validate.dates import date_problems
from geo.validate.features import iter_features, list_at
from geo.validate.files import LoadedFile
from geo.validate.geometry import geometry_problems
from geo.validate.problems import Problem, rule
from geo.validate.sources import citation_problems, role_of, supporting_citations

#: Polity ids an event may name that have no shape on the map, and why.
UNDRAWN_POLITIES = {
    "beyliks": "the Turkmen beyliks as a group (the map draws each beylik separately)",
    "khwarazm": "the Khwarazmian Empire, which ended before the atlas's period (1231)",
}

RELIABILITY_RANK = {"low": 0, "medium": 1, "high": 2}

#: An event's point must lie this close (degrees) to the gazetteer point it references.
PLACE_MATCH_TOLERANCE = 0.001

UNKNOWN_PLACE = rule("unknown-place", "an event refers to a place id that places.geojson does not hold")
POINT_NOT_AT_PLACE = rule("point-not-at-place", "a Point event is not at the gazetteer point of any of its places")
LINE_NOT_AT_ENDS = rule("line-not-at-ends", "a LineString event does not run from its origin to its destination")
UNKNOWN_PARTICIPANT_POLITY = rule(
    "unknown-participant-polity",
    "a participant's polity or former_polity is no polity of polities.geojson nor a documented undrawn group",
    drops_feature=False,
)
RELIABILITY_MISMATCH = rule(
    "reliability-mismatch", "an event's reliability is not that of the best source among its supporting citations"
)
NO_SUPPORTING_CITATION = rule(
    "no-supporting-citation", "none of an event's citations supports its claim (all are context or contradiction)"
)
UNRELIABLE_WITHOUT_NOTE = rule(
    "unreliable-without-note", "an event resting only on the low-reliability source carries no note"
)


def check_events(
    loaded: LoadedFile,
    seeds: dict[str, SeedText],
    catalogue: dict[str, dict],
    places: dict[str, dict],
    polity_ids: set[str] | None = None,
) -> list[Problem]:
    """Dates, place references, geometry, quotations, participants and reliability of every event."""
    name = loaded.name
    problems: list[Problem] = []
    for feat, label, props in iter_features(loaded.doc):
        problems += date_problems(name, label, props, "date_edtf", required=True)
        geom = feat.get("geometry")
        problems += geometry_problems(name, label, geom)
        problems += citation_problems(name, label, "properties.citations", props.get("citations"), seeds)
        for ai, acc in enumerate(list_at(props, "accounts")):
            if isinstance(acc, dict):
                fld = f"properties.accounts[{ai}].citations"
                problems += citation_problems(name, label, fld, acc.get("citations"), seeds)
        basis = props.get("date_basis")
        if isinstance(basis, dict):
            problems += citation_problems(name, label, "properties.date_basis.citations", basis.get("citations"), seeds)
        problems += _place_problems(name, label, props, geom, places)
        if polity_ids:
            problems += _participant_problems(name, label, props, polity_ids)
        problems += _reliability_problems(name, label, props, catalogue)
    return problems


def _place_problems(name: str, label: str, props: dict, geom: Any, places: dict[str, dict]) -> list[Problem]:
    """Every referenced place exists; when all do, the geometry sits on them."""
    problems = []
    refs = [p for p in list_at(props, "places") if isinstance(p, dict)]
    resolved: list[tuple[str, dict]] = []
    for ri, ref in enumerate(refs):
        pid = ref.get("place")
        if not isinstance(pid, str) or pid not in places:
            message = f"unknown place {pid!r} (expected an id from places.geojson)"
            problems.append(UNKNOWN_PLACE(name, label, f"properties.places[{ri}].place", message))
        else:
            resolved.append((str(ref.get("role")), places[pid]))
    if resolved and len(resolved) == len(refs) and isinstance(geom, dict):
        problems += _geometry_matches_places(name, label, geom, resolved)
    return problems


def _geometry_matches_places(name: str, fid: str, geom: dict, resolved: list[tuple[str, dict]]) -> list[Problem]:
    coords = geom.get("coordinates")
    place_pts: dict[str, list[tuple[Any, list]]] = {}
    for role, place in resolved:
        pc = (place.get("geometry") or {}).get("coordinates")
        if isinstance(pc, list) and len(pc) == 2:
            place_pts.setdefault(role, []).append((place.get("id"), pc))
    all_pts = [pt for lst in place_pts.values() for pt in lst]

    def near(a: Any, b: Any) -> bool:
        return (
            isinstance(a, list)
            and len(a) >= 2
            and abs(a[0] - b[0]) <= PLACE_MATCH_TOLERANCE
            and abs(a[1] - b[1]) <= PLACE_MATCH_TOLERANCE
        )

    if geom.get("type") == "Point":
        if not any(near(coords, pc) for _, pc in all_pts):
            message = (
                f"point {coords} is not at any of its places "
                f"({', '.join(str(pid) for pid, _ in all_pts)}); expected the gazetteer coordinates"
            )
            return [POINT_NOT_AT_PLACE(name, fid, "geometry.coordinates", message)]
    elif geom.get("type") == "LineString" and isinstance(coords, list) and coords:
        problems = []
        for role, idx in (("origin", 0), ("destination", -1)):
            if role in place_pts and not any(near(coords[idx], pc) for _, pc in place_pts[role]):
                message = (
                    f"line {'starts' if idx == 0 else 'ends'} at {coords[idx]}, not at its "
                    f"{role} {place_pts[role][0][0]!r} {place_pts[role][0][1]}"
                )
                problems.append(LINE_NOT_AT_ENDS(name, fid, "geometry.coordinates", message))
        return problems
    return []


def _participant_problems(name: str, label: str, props: dict, polity_ids: set[str]) -> list[Problem]:
    """Every polity a participant names (``polity``, an exile's ``former_polity``) is drawn or documented undrawn.

    Whether it is drawn in the event's years is ``participant-outside-polity-years`` (geo.validate.truth).
    """
    problems = []
    for pi, part in enumerate(list_at(props, "participants")):
        if not isinstance(part, dict):
            continue
        for key in ("polity", "former_polity"):
            pol = part.get(key)
            if pol is None and not (key == "polity" and part.get("type") == "polity"):
                continue
            if not isinstance(pol, str) or (pol not in polity_ids and pol not in UNDRAWN_POLITIES):
                message = (
                    f"unknown polity {pol!r} (expected a polity id from "
                    "polities.geojson, or one of " + ", ".join(UNDRAWN_POLITIES) + ")"
                )
                fld = f"properties.participants[{pi}].{key}"
                problems.append(UNKNOWN_PARTICIPANT_POLITY(name, label, fld, message))
    return problems


def _reliability_problems(name: str, label: str, props: dict, catalogue: dict[str, dict]) -> list[Problem]:
    """``reliability`` is the best rating among the sources of the citations that support the claim (a quote
    cited for context or against the claim does not raise it); the low source alone needs a note."""
    problems: list[Problem] = []
    supporting = supporting_citations(props.get("citations"))
    if list_at(props, "citations") and not supporting:
        message = "no citation supports the event's claim (expected at least one with role 'supports')"
        problems.append(NO_SUPPORTING_CITATION(name, label, "properties.citations", message))
    cited = [c.get("source") for c in supporting]
    ranks = [
        RELIABILITY_RANK[catalogue[s]["reliability"]]
        for s in cited
        if isinstance(s, str) and s in catalogue and catalogue[s].get("reliability") in RELIABILITY_RANK
    ]
    if not ranks or props.get("reliability") not in RELIABILITY_RANK:
        return problems
    best = max(ranks)
    if RELIABILITY_RANK[props["reliability"]] != best:
        expected = next(k for k, v in RELIABILITY_RANK.items() if v == best)
        others = sorted(
            {f"{c.get('source')} ({role_of(c)})" for c in list_at(props, "citations") if isinstance(c, dict)}
            - {f"{c.get('source')} (supports)" for c in supporting}
        )
        because = f"; citations that do not support it ({', '.join(others)}) do not count" if others else ""
        message = (
            f"is {props['reliability']!r} but the best source among its supporting citations is rated "
            f"{expected!r}{because} (expected {expected!r})"
        )
        problems.append(RELIABILITY_MISMATCH(name, label, "properties.reliability", message))
    if best == RELIABILITY_RANK["low"] and not props.get("notes"):
        message = (
            "rests only on the low-reliability source but carries no note saying "
            "how it stands against the other texts (expected a note)"
        )
        problems.append(UNRELIABLE_WITHOUT_NOTE(name, label, "properties.notes", message))
    return problems
