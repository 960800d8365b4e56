"""``tours.json``: each tour's steps name events that exist and are shown, in a view that shows them, on quotes.

Rules beyond the schema's form (data/README.md, ``tours.json``):

* 5–10 steps; unique tour ids.
* A step's events exist and are visible in its year or window (so they can be highlighted); its view lies in
  the atlas region and shows each of them on a laptop-sized map.
* Every citation names a source and quotes it verbatim (the same check as every other citation).
* A step about a disagreement shows the versions side by side (``accounts``): it is about one when two of its
  events contradict each other or may be one episode told twice (``related``: ``contradicts``, ``same as?``),
  when it quotes the words of one of an event's accounts, or when it cites a quote that contradicts.
* A step that cites the low-reliability source, or highlights an event resting only on it, says so in
  ``reliability_note``.
"""

from __future__ import annotations

from typing import Any

from geo.sources import SeedText, normalise
from geo.timemodel import overlaps
from geo.tours import STEPS_MAX, STEPS_MIN, in_box, positions, step_years, view_box, view_corners
from geo.validate.features import iter_features, list_at
from geo.validate.files import LoadedFile
from geo.validate.geometry import ATLAS_REGION, in_region
from geo.validate.problems import Problem, rule
from geo.validate.sources import citation_problems

TOUR_DUPLICATE_ID = rule("tour-duplicate-id", "two tours share an id")
TOUR_STEP_COUNT = rule("tour-step-count", f"a tour has fewer than {STEPS_MIN} or more than {STEPS_MAX} steps")
TOUR_UNKNOWN_EVENT = rule("tour-unknown-event", "a tour step names an event that events.geojson does not hold")
TOUR_UNKNOWN_ACCOUNT = rule(
    "tour-unknown-account", "a tour step shows an account its event does not have, or of an event it does not show"
)
TOUR_EVENT_NOT_SHOWN = rule(
    "tour-event-not-shown", "a tour step highlights an event that is not on the map in the step's year or window"
)
TOUR_VIEW_OUTSIDE_REGION = rule("tour-view-outside-region", "a tour step's map view lies outside the atlas region")
TOUR_EVENT_OFF_VIEW = rule(
    "tour-event-off-view", "a tour step's map view does not show an event it highlights", drops_feature=False
)
TOUR_DISAGREEMENT_HIDDEN = rule(
    "tour-disagreement-hidden", "a tour step about a disagreement does not show the accounts side by side"
)
TOUR_UNRELIABLE_UNSAID = rule(
    "tour-unreliable-unsaid", "a tour step resting on the low-reliability source does not say so"
)

#: ``related`` links that make two events one disagreement.
DISAGREEING_RELATIONS = ("contradicts", "same as?")


def check_tours(
    loaded: LoadedFile, seeds: dict[str, SeedText], catalogue: dict[str, dict], events_doc: Any
) -> list[Problem]:
    """Every rule over every tour; ``events_doc`` is ``events.geojson`` as parsed."""
    name = loaded.name
    events = {label: (feat, props) for feat, label, props in iter_features(events_doc)}
    low_sources = {sid for sid, src in catalogue.items() if src.get("reliability") == "low"}
    problems: list[Problem] = []
    seen: set[str] = set()
    tours = loaded.doc.get("tours") if isinstance(loaded.doc, dict) else None
    for index, tour in enumerate(tours if isinstance(tours, list) else []):
        if not isinstance(tour, dict):
            continue
        tid = tour["id"] if isinstance(tour.get("id"), str) and tour["id"] else f"#{index}"
        if tid in seen:
            message = "duplicate tour id (a link ?tour=… must name one tour); ids must be unique"
            problems.append(TOUR_DUPLICATE_ID(name, tid, "id", message))
        seen.add(tid)
        steps = [s for s in list_at(tour, "steps") if isinstance(s, dict)]
        if not STEPS_MIN <= len(steps) <= STEPS_MAX:
            message = f"has {len(steps)} step(s) (expected {STEPS_MIN} to {STEPS_MAX})"
            problems.append(TOUR_STEP_COUNT(name, tid, "steps", message))
        for si, step in enumerate(list_at(tour, "steps")):
            if isinstance(step, dict):
                problems += _step_problems(name, tid, f"steps[{si}]", step, events, seeds, low_sources)
    return problems


def _step_problems(
    name: str,
    tid: str,
    at: str,
    step: dict[str, Any],
    events: dict[str, tuple[dict[str, Any], dict[str, Any]]],
    seeds: dict[str, SeedText],
    low_sources: set[str],
) -> list[Problem]:
    problems = citation_problems(name, tid, f"{at}.citations", step.get("citations"), seeds)
    shown = [e for e in list_at(step, "events") if isinstance(e, str)]
    known = [e for e in shown if e in events]
    for ei, eid in enumerate(shown):
        if eid not in events:
            message = f"unknown event {eid!r} (expected an id from events.geojson)"
            problems.append(TOUR_UNKNOWN_EVENT(name, tid, f"{at}.events[{ei}]", message))
    problems += _window_problems(name, tid, at, step, shown, events)
    problems += _view_problems(name, tid, at, step, shown, events)
    problems += _account_problems(name, tid, at, step, known, events)
    problems += _disagreement_problems(name, tid, at, step, known, events)
    problems += _reliability_problems(name, tid, at, step, known, events, low_sources)
    return problems


def _window_problems(
    name: str, tid: str, at: str, step: dict[str, Any], shown: list[str], events: dict[str, Any]
) -> list[Problem]:
    if not isinstance(step.get("year"), int):
        return []
    lo, hi = step_years(step)  # type: ignore[arg-type]
    problems = []
    for ei, eid in enumerate(shown):
        props = events[eid][1] if eid in events else None
        if props is None or not isinstance(props.get("start"), int) or not isinstance(props.get("end"), int):
            continue
        if not overlaps(props["start"], props["end"], lo, hi):
            years = f"{lo}" if lo == hi else f"{lo}–{hi}"
            message = (
                f"event {eid!r} ({props['start']}–{props['end']}) is not on the map in {years} (expected an event "
                "of the step's year or window, or a wider window)"
            )
            problems.append(TOUR_EVENT_NOT_SHOWN(name, tid, f"{at}.events[{ei}]", message))
    return problems


def _view_problems(
    name: str, tid: str, at: str, step: dict[str, Any], shown: list[str], events: dict[str, Any]
) -> list[Problem]:
    view = step.get("view")
    if not isinstance(view, dict) or not (("center" in view and "zoom" in view) or "bounds" in view):
        return []  # the schema reports its form
    try:
        corners = view_corners(view)  # type: ignore[arg-type]
        box = view_box(view)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return []
    outside = [c for c in corners if not in_region(*c)]
    if outside:
        region = " or ".join(f"{w}–{e}°E, {s}–{n}°N" for w, s, e, n in ATLAS_REGION)
        message = f"{[list(c) for c in outside]} lies outside the atlas region (expected lon/lat in {region})"
        return [TOUR_VIEW_OUTSIDE_REGION(name, tid, f"{at}.view", message)]
    if "bounds" in view and (box[0] >= box[2] or box[1] >= box[3]):
        message = f"bounds {view['bounds']} are not [west, south, east, north] with west < east and south < north"
        return [TOUR_VIEW_OUTSIDE_REGION(name, tid, f"{at}.view.bounds", message)]
    problems = []
    for eid in shown:
        if eid in events and not any(in_box(lon, lat, box) for lon, lat in positions(events[eid][0].get("geometry"))):
            message = (
                f"does not show event {eid!r} on a map of 640×420 px (box {[round(v, 2) for v in box]}); expected "
                "a view that contains at least one of its points"
            )
            problems.append(TOUR_EVENT_OFF_VIEW(name, tid, f"{at}.view", message))
    return problems


def _account_problems(
    name: str, tid: str, at: str, step: dict[str, Any], known: list[str], events: dict[str, Any]
) -> list[Problem]:
    problems = []
    for ai, ref in enumerate(list_at(step, "accounts")):
        if not isinstance(ref, dict) or not isinstance(ref.get("event"), str):
            continue
        eid, acc = ref["event"], ref.get("account")
        if eid not in known:
            why = "is not an event of events.geojson" if eid not in events else "is not one of the step's events"
            message = f"event {eid!r} {why} (expected one of the events the step highlights)"
            problems.append(TOUR_UNKNOWN_ACCOUNT(name, tid, f"{at}.accounts[{ai}].event", message))
        elif acc is not None and acc not in _account_ids(events[eid][1]):
            have = ", ".join(_account_ids(events[eid][1])) or "none"
            message = f"event {eid!r} has no account {acc!r} (its accounts: {have})"
            problems.append(TOUR_UNKNOWN_ACCOUNT(name, tid, f"{at}.accounts[{ai}].account", message))
    return problems


def _account_ids(props: dict[str, Any]) -> list[str]:
    return [a["id"] for a in list_at(props, "accounts") if isinstance(a, dict) and isinstance(a.get("id"), str)]


def _disagreement_problems(
    name: str, tid: str, at: str, step: dict[str, Any], known: list[str], events: dict[str, Any]
) -> list[Problem]:
    """A step about a disagreement shows at least two versions (``accounts``)."""
    refs = [r for r in list_at(step, "accounts") if isinstance(r, dict)]
    if len(refs) >= 2:
        return []
    why = _why_a_disagreement(step, known, events)
    if why is None:
        return []
    message = f"is about a disagreement ({why}) but does not show the accounts (expected at least two in 'accounts')"
    return [TOUR_DISAGREEMENT_HIDDEN(name, tid, f"{at}.accounts", message)]


def _why_a_disagreement(step: dict[str, Any], known: list[str], events: dict[str, Any]) -> str | None:
    for eid in known:
        for rel in list_at(events[eid][1], "related"):
            if isinstance(rel, dict) and rel.get("relation") in DISAGREEING_RELATIONS and rel.get("event") in known:
                return f"{eid!r} {rel['relation']} {rel['event']!r}"
    quotes = [
        normalise(c["quote"])
        for c in list_at(step, "citations")
        if isinstance(c, dict) and isinstance(c.get("quote"), str)
    ]
    if any(isinstance(c, dict) and c.get("role") == "contradicts" for c in list_at(step, "citations")):
        return "it cites a quote that contradicts"
    for eid in known:
        accounts = [a for a in list_at(events[eid][1], "accounts") if isinstance(a, dict)]
        if len(accounts) < 2:
            continue
        for acc in accounts:
            for cit in list_at(acc, "citations"):
                quote = normalise(cit.get("quote", "")) if isinstance(cit, dict) else ""
                if quote and any(quote in q or q in quote for q in quotes if q):
                    return f"it quotes the account {acc.get('id')!r} of {eid!r}"
    return None


def _reliability_problems(
    name: str,
    tid: str,
    at: str,
    step: dict[str, Any],
    known: list[str],
    events: dict[str, Any],
    low_sources: set[str],
) -> list[Problem]:
    if isinstance(step.get("reliability_note"), str) and step["reliability_note"].strip():
        return []
    cited = [c.get("source") for c in list_at(step, "citations") if isinstance(c, dict)]
    low_cited = sorted({s for s in cited if s in low_sources})
    low_events = [eid for eid in known if events[eid][1].get("reliability") == "low"]
    if not low_cited and not low_events:
        return []
    what = f"cites {', '.join(low_cited)}" if low_cited else f"highlights {', '.join(map(repr, low_events))}"
    message = (
        f"{what}, which rests on the low-reliability source, but does not say so (expected a reliability_note a "
        "reader sees with the step)"
    )
    return [TOUR_UNRELIABLE_UNSAID(name, tid, f"{at}.reliability_note", message)]
