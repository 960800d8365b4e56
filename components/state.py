"""Session state and the shareable URL: read a link once per session, write the URL on every run."""

from __future__ import annotations

from typing import Any

import streamlit as st

from components import tours as tour_player
from geo.render import markdown_text
from geo.search import Filters
from geo.timemodel import YEAR_MAX, YEAR_MIN, overlaps
from geo.tours import Tour
from geo.urlstate import UrlState, parse_url_state, parse_view, url_params
from geo.windows import DEFAULT_WINDOW_N, DEFAULT_YEAR, window_bounds

DEFAULTS: dict[str, Any] = {
    "year": DEFAULT_YEAR,
    "window": "year",
    "window_n": DEFAULT_WINDOW_N,
    "f_kinds": [],
    "f_polities": [],
    "f_sources": [],
    "f_hide_unreliable": False,
    "f_q": "",
    "selected": None,
    "page": "atlas",
    "src": None,
    "cite": None,
    "playing": False,
    "relations": False,
    "polity": None,  # the polity shape whose card is open (a map click); not in the URL
}
#: UrlState attribute -> the session state key that holds it.
URL_KEYS: dict[str, str] = {
    "year": "year",
    "window": "window",
    "n": "window_n",
    "kinds": "f_kinds",
    "polities": "f_polities",
    "sources": "f_sources",
    "hide_unreliable": "f_hide_unreliable",
    "q": "f_q",
    "event": "selected",
    "page": "page",
    "source": "src",
    "cite": "cite",
    "relations": "relations",
}


def init_state(
    *,
    event_starts: dict[str, int],
    kinds: list[str],
    polities: list[str],
    sources: list[str],
    tours: list[Tour] | None = None,
) -> None:
    """Fill session state from defaults and, on the first run of a session, from the link (a tour's step last)."""
    for key, value in DEFAULTS.items():
        st.session_state.setdefault(key, value)
    if st.session_state.get("_url_read"):
        return
    st.session_state["_url_read"] = True
    params = {k: st.query_params[k] for k in st.query_params}
    st.session_state["_first_visit"] = not params
    tours = tours or []
    parsed: UrlState = parse_url_state(
        params,
        event_ids=event_starts,
        kinds=kinds,
        polities=polities,
        sources=sources,
        tour_steps={t["id"]: len(t["steps"]) for t in tours},
    )
    notices = dict(parsed.invalid)
    for k in st.query_params:  # ?year=1250&year=1300: the last value counts, the others are dropped
        if len(st.query_params.get_all(k)) > 1 and k not in notices:
            notices[k] = "was given more than once; only the last value was used"
    st.session_state["_url_notices"] = notices
    ss = st.session_state
    if parsed.event is not None:  # a link to an event opens at its year, unless it names a year too
        ss["year"] = event_starts[parsed.event]
    for attr, key in URL_KEYS.items():
        value = getattr(parsed, attr)
        if value is not None:
            ss[key] = value
    tour_player.init_tours(tours, parsed.tour, parsed.step, parsed.tour_paused, link_view=parsed.view is not None)


def apply_pending() -> None:
    """Apply a year asked for after the widgets were drawn (the play ticker)."""
    year = st.session_state.pop("_pending_year", None)
    if isinstance(year, int):
        st.session_state["year"] = max(YEAR_MIN, min(YEAR_MAX, year))


def select_event(event_id: str | None, span: tuple[int, int] | None = None) -> None:
    """Select an event (for widget callbacks); ``span`` is its ``(start, end)`` years.

    The year moves to the event's start only when the event lies outside the current window: a
    reader who picks an event they can see keeps the map they are looking at.
    """
    ss = st.session_state
    ss["selected"] = event_id
    ss["polity"] = None
    if span is not None:
        lo, hi = window_bounds(int(ss["year"]), ss["window"], int(ss["window_n"]))
        if not overlaps(span[0], span[1], lo, hi):
            ss["year"] = span[0]


def current_filters() -> Filters:
    """The filters as set in the sidebar."""
    ss = st.session_state
    return Filters(
        kinds=tuple(ss["f_kinds"]),
        polities=tuple(ss["f_polities"]),
        sources=tuple(ss["f_sources"]),
        hide_unreliable=bool(ss["f_hide_unreliable"]),
        search=str(ss["f_q"] or "").strip(),
    )


def current_url_params(tours: list[Tour] | None = None) -> dict[str, str]:
    """The query parameters of the view the reader has now (what a link must carry to keep it).

    A playing tour's step sets the year, window, filters and selection, so its link is the tour and the step.
    """
    ss = st.session_state
    tour = tour_player.url_fields(tours or [])
    if tour and not tour["tour_paused"]:
        view = parse_view(st.query_params.get("view") or "")  # the reader may pan and zoom within a step
        return url_params(UrlState(relations=bool(ss["relations"]), tour=tour["tour"], step=tour["step"], view=view))
    return _atlas_params(current_filters(), tour)


def sync_url(tours: list[Tour] | None = None) -> None:
    """Write the current state into the URL (only when it changed, to avoid needless history)."""
    wanted = current_url_params(tours)
    current = {k: st.query_params.get_all(k) for k in st.query_params}
    if current != {k: [v] for k, v in wanted.items()}:  # also collapses repeated keys
        st.query_params.from_dict(wanted)


def _atlas_params(filters: Filters, tour: dict[str, Any]) -> dict[str, str]:
    ss = st.session_state
    return url_params(
        UrlState(
            year=int(ss["year"]),
            window=ss["window"],
            n=int(ss["window_n"]),
            kinds=list(filters.kinds),
            polities=list(filters.polities),
            sources=list(filters.sources),
            hide_unreliable=filters.hide_unreliable,
            q=filters.search,
            event=ss["selected"],
            page=ss["page"],
            source=ss["src"],
            cite=ss["cite"],
            # the map writes its view into the address as it moves; the browser sends it with each run
            view=parse_view(st.query_params.get("view") or ""),
            relations=bool(ss["relations"]),
            tour=tour.get("tour"),
            step=tour.get("step"),
            tour_paused=tour.get("tour_paused"),
        )
    )


def show_url_notices() -> None:
    """Say which parts of the link were ignored, and why."""
    notices = st.session_state.get("_url_notices") or {}
    if notices:
        lines = "; ".join(f"**{markdown_text(k)}** {markdown_text(v)}" for k, v in notices.items())
        st.warning(f"Parts of the link were ignored and removed from the address: {lines}.", icon="⚠️")
