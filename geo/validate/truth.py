"""Rules that keep the atlas's interpretation of ``events.geojson`` honest, not only its form (data/README.md).

* A participant naming a drawn polity falls in that polity's drawn years, and its type fits what it names.
* A year that no supporting quote states is drawn as a guess (uncertain EDTF) and says what it rests on
  (``date_basis``); a ``date_label`` gives no year that none of the event's quotes states.
* A quote that contradicts the event's claim is an account of its own; ``related`` links resolve, and the
  symmetric ones (``same as?``, ``contradicts``) are recorded on both events.

Reliability per claim (only supporting citations count) is checked with the other reliability rules in
``geo.validate.events``; authority ids of places in ``geo.validate.places``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from geo.sources import normalise
from geo.timemodel import DateError, years_of
from geo.validate.events import UNDRAWN_POLITIES
from geo.validate.features import iter_features, list_at
from geo.validate.files import LoadedFile
from geo.validate.problems import Problem, rule
from geo.validate.sources import role_of, supporting_citations

PARTICIPANT_OUTSIDE_POLITY_YEARS = rule(
    "participant-outside-polity-years",
    "a participant names a polity that is not drawn in any year of the event",
    drops_feature=False,
)
PARTICIPANT_TYPE_MISMATCH = rule(
    "participant-type-mismatch",
    "an exile names a polity he acts for, or a group names a drawn polity",
    drops_feature=False,
)
GUESS_DRAWN_AS_FACT = rule(
    "guess-drawn-as-fact", "a year no supporting quote states is plain EDTF, so the map draws a guess as a fact"
)
DATE_BASIS_MISSING = rule(
    "date-basis-missing", "a year no supporting quote states does not say what it rests on", drops_feature=False
)
LABEL_YEAR_NOT_QUOTED = rule(
    "label-year-not-quoted", "a date label gives a year that none of the event's quotes states", drops_feature=False
)
CONTRADICTION_WITHOUT_ACCOUNT = rule(
    "contradiction-without-account",
    "a citation contradicts the event's claim but no account carries it",
    drops_feature=False,
)
RELATED_UNKNOWN_EVENT = rule(
    "related-unknown-event", "a related link names no event of events.geojson, or the event itself", drops_feature=False
)
RELATED_NOT_RECIPROCATED = rule(
    "related-not-reciprocated",
    "a 'same as?' or 'contradicts' link is not recorded on the other event",
    drops_feature=False,
)

RELATED_INCONSISTENT = rule(
    "related-inconsistent",
    "a 'part of' or 'follows' link is recorded both ways, or disagrees with the two events' years or story order",
    drops_feature=False,
)
EVENT_ID_IN_TEXT = rule(
    "event-id-in-text",
    "a text a reader sees (summary, note, scholarship, account) names another event by its bare id",
    drops_feature=False,
)

#: Relations that read the same from both ends, so both events record them.
SYMMETRIC_RELATIONS = ("same as?", "contradicts")
#: Relations with a direction, recorded once, on the part and on the later event; the other event's panel shows
#: the inverse ("includes", "followed by"), derived.
DIRECTED_RELATIONS = ("part of", "follows")

_DECADE = re.compile(r"(?<![0-9])(1[0-4][0-9])0'?s(?![a-z])")
_YEAR = re.compile(r"(?<![0-9])(1[0-4][0-9]{2})(?![0-9])(?!'?s(?![a-z]))")


def check_truth(loaded: LoadedFile, drawn: dict[str, list[tuple[int, int]]]) -> list[Problem]:
    """Every interpretation rule over the events; ``drawn`` gives each polity's drawn years."""
    name = loaded.name
    feats = list(iter_features(loaded.doc))
    ids = {label for _, label, _ in feats}
    links = {label: _links(props) for _, label, props in feats}
    by_id = {label: props for _, label, props in feats}
    problems: list[Problem] = []
    for _, label, props in feats:
        problems += _participant_problems(name, label, props, drawn)
        problems += _date_problems(name, label, props)
        problems += _account_problems(name, label, props)
        problems += _related_problems(name, label, props, ids, links)
        problems += _related_order_problems(name, label, props, by_id, links)
        problems += _bare_id_problems(name, label, props, ids)
    return problems


def stated_years(texts: Iterable[str]) -> set[int]:
    """Years the texts state: plain years (``1264``, ``1263/1264``) and every year of a decade (``1250s``)."""
    years: set[int] = set()
    for text in texts:
        for m in _DECADE.finditer(text):
            years.update(range(int(m.group(1)) * 10, int(m.group(1)) * 10 + 10))
        years.update(int(y) for y in _YEAR.findall(text))
    return years


def _quotes(citations: Any) -> list[str]:
    return [c["quote"] for c in citations if isinstance(c, dict) and isinstance(c.get("quote"), str)]


def _all_quotes(props: dict[str, Any]) -> list[str]:
    """Every quotation the event carries: its citations, its accounts' and what its date rests on."""
    quotes = _quotes(list_at(props, "citations"))
    for acc in list_at(props, "accounts"):
        if isinstance(acc, dict):
            quotes += _quotes(list_at(acc, "citations"))
    basis = props.get("date_basis")
    if isinstance(basis, dict):
        quotes += _quotes(list_at(basis, "citations"))
    return quotes


def _spans(spans: list[tuple[int, int]]) -> str:
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return ", ".join(f"{s}–{e}" if s != e else str(s) for s, e in merged)


def _participant_problems(
    name: str, label: str, props: dict[str, Any], drawn: dict[str, list[tuple[int, int]]]
) -> list[Problem]:
    problems: list[Problem] = []
    start, end = props.get("start"), props.get("end")
    for pi, part in enumerate(list_at(props, "participants")):
        if not isinstance(part, dict):
            continue
        fld = f"properties.participants[{pi}].polity"
        who, ptype, pol = part.get("name"), part.get("type"), part.get("polity")
        if ptype == "exile" and pol is not None:
            message = (
                f"the exile {who!r} names {pol!r} as the polity he acts for (expected no polity: name the state he "
                "left as former_polity)"
            )
            problems.append(PARTICIPANT_TYPE_MISMATCH(name, label, fld, message))
        elif ptype == "group" and isinstance(pol, str) and pol in drawn:
            message = (
                f"the group {who!r} names the drawn polity {pol!r} (expected a participant of type 'polity' for a "
                f"drawn polity, or a group with no polity or one of {', '.join(UNDRAWN_POLITIES)})"
            )
            problems.append(PARTICIPANT_TYPE_MISMATCH(name, label, fld, message))
        if not (isinstance(pol, str) and pol in drawn and isinstance(start, int) and isinstance(end, int)):
            continue
        if not any(s <= end and e >= start for s, e in drawn[pol]):
            dated = f"{start}–{end}" if start != end else str(start)
            message = (
                f"{who!r} names polity {pol!r}, drawn only in {_spans(drawn[pol])}, but the event is dated {dated} "
                "(expected a polity drawn in the event's years; a person in exile is type 'exile' with "
                "former_polity, a commander of another polity type 'commander' with that polity, a group no "
                "polity stands for type 'group')"
            )
            problems.append(PARTICIPANT_OUTSIDE_POLITY_YEARS(name, label, fld, message))
    return problems


def _date_problems(name: str, label: str, props: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    try:
        span = years_of(props.get("date_edtf"))
    except DateError:
        return problems  # edtf-invalid says why
    stated = stated_years(_quotes(supporting_citations(props.get("citations"))))
    missing = sorted({span.start, span.end} - stated)
    if missing:
        years = ", ".join(map(str, missing))
        if not span.uncertain:
            message = (
                f"plain year(s) {years} in {props.get('date_edtf')!r} that no supporting quote states (expected an "
                "uncertain EDTF: '?', '~' or a set such as '[1264..1265]', so the map draws the guess as a guess)"
            )
            problems.append(GUESS_DRAWN_AS_FACT(name, label, "properties.date_edtf", message))
        if not isinstance(props.get("date_basis"), dict):
            message = (
                f"year(s) {years} are in no supporting quote (expected date_basis saying what the date rests on: the "
                "text's chronology, another text, or named scholarship)"
            )
            problems.append(DATE_BASIS_MISSING(name, label, "properties.date_basis", message))
    date_label = props.get("date_label")
    if isinstance(date_label, str):
        invented = sorted(stated_years([date_label]) - stated_years(_all_quotes(props)))
        if invented:
            message = (
                f"{date_label!r} gives year(s) {', '.join(map(str, invented))} that none of the event's quotes "
                "states (expected the text's own words; quote the passage that dates it in date_basis.citations)"
            )
            problems.append(LABEL_YEAR_NOT_QUOTED(name, label, "properties.date_label", message))
    return problems


def _same_quote(a: Any, b: Any) -> bool:
    a, b = normalise(str(a or "")), normalise(str(b or ""))
    return bool(a and b) and (a in b or b in a)


def _account_problems(name: str, label: str, props: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    in_accounts = [c for acc in list_at(props, "accounts") if isinstance(acc, dict) for c in list_at(acc, "citations")]
    for ci, cit in enumerate(list_at(props, "citations")):
        if not isinstance(cit, dict) or role_of(cit) != "contradicts":
            continue
        same_source = [c for c in in_accounts if isinstance(c, dict) and c.get("source") == cit.get("source")]
        if not any(_same_quote(c.get("quote"), cit.get("quote")) for c in same_source):
            message = (
                "contradicts the event's claim but is in none of its accounts (expected an account citing it, so "
                "the other version is shown beside this one with its source)"
            )
            problems.append(CONTRADICTION_WITHOUT_ACCOUNT(name, label, f"properties.citations[{ci}]", message))
    return problems


def _links(props: dict[str, Any]) -> set[tuple[Any, Any]]:
    return {(r.get("event"), r.get("relation")) for r in list_at(props, "related") if isinstance(r, dict)}


def _related_problems(
    name: str, label: str, props: dict[str, Any], ids: set[str], links: dict[str, set[tuple[Any, Any]]]
) -> list[Problem]:
    problems: list[Problem] = []
    for ri, rel in enumerate(list_at(props, "related")):
        if not isinstance(rel, dict):
            continue
        target, relation = rel.get("event"), rel.get("relation")
        if target == label or target not in ids:
            why = "is the event itself" if target == label else "is not an event of events.geojson"
            message = f"{target!r} {why} (expected the id of another event)"
            problems.append(RELATED_UNKNOWN_EVENT(name, label, f"properties.related[{ri}].event", message))
        elif relation in SYMMETRIC_RELATIONS and (label, relation) not in links.get(target, set()):
            message = (
                f"says {relation!r} {target!r}, but {target!r} does not say {relation!r} back (expected the link on "
                "both events)"
            )
            problems.append(RELATED_NOT_RECIPROCATED(name, label, f"properties.related[{ri}]", message))
    return problems


def _related_order_problems(
    name: str, label: str, props: dict[str, Any], by_id: dict[str, dict[str, Any]], links: dict[str, set]
) -> list[Problem]:
    """A directed link recorded once, and in agreement with the years and the story order of both events."""
    problems: list[Problem] = []
    for ri, rel in enumerate(list_at(props, "related")):
        if not isinstance(rel, dict) or rel.get("relation") not in DIRECTED_RELATIONS:
            continue
        target, relation = rel.get("event"), rel.get("relation")
        other = by_id.get(target) if isinstance(target, str) else None
        if other is None or target == label:
            continue  # related-unknown-event
        field = f"properties.related[{ri}]"
        why = None
        years = (props.get("start"), props.get("end"), other.get("start"), other.get("end"))
        if (label, relation) in links.get(str(target), set()):
            why = f"{target!r} says {relation!r} this event too (expected the link once: on the part, the later event)"
        elif not all(isinstance(v, int) for v in years):
            continue  # the schema reports it
        elif relation == "part of" and (props["start"] > other["end"] or props["end"] < other["start"]):
            why = f"is dated {props['start']}–{props['end']}, outside {target!r} ({other['start']}–{other['end']})"
        elif relation == "follows" and props["start"] < other["start"]:
            why = f"starts in {props['start']}, before {target!r} ({other['start']}), which it says it follows"
        elif relation == "follows" and props["start"] == other["start"]:
            mine, theirs = props.get("sequence"), other.get("sequence")
            if isinstance(mine, int) and isinstance(theirs, int) and mine <= theirs:
                why = f"has sequence {mine}, not after {target!r} (sequence {theirs}), which it says it follows"
        if why:
            problems.append(RELATED_INCONSISTENT(name, label, field, f"says {relation!r} {target!r}, but {why}"))
    return problems


def _reader_texts(props: dict[str, Any]) -> list[tuple[str, Any]]:
    texts: list[tuple[str, Any]] = [("properties.summary", props.get("summary"))]
    texts += [(f"properties.notes[{i}]", n) for i, n in enumerate(list_at(props, "notes"))]
    for i, s in enumerate(list_at(props, "scholarship")):
        if isinstance(s, dict):
            texts += [(f"properties.scholarship[{i}].claim", s.get("claim"))]
    for i, acc in enumerate(list_at(props, "accounts")):
        if isinstance(acc, dict):
            texts += [(f"properties.accounts[{i}].{k}", acc.get(k)) for k in ("label", "claim", "note")]
    return texts


_SLUG_IN_TEXT = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")


def _bare_id_problems(name: str, label: str, props: dict[str, Any], ids: set[str]) -> list[Problem]:
    """Readers see titles, not ids: a cross-reference is a ``related`` link, shown with the event's title."""
    problems: list[Problem] = []
    for field, text in _reader_texts(props):
        if not isinstance(text, str):
            continue
        named = [m for m in _SLUG_IN_TEXT.findall(text) if m in ids]
        if named:
            message = f"names the event {named[0]!r} by its id (expected a related link, and words in the text)"
            problems.append(EVENT_ID_IN_TEXT(name, label, field, message))
    return problems
