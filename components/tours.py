"""Guided tours: "Start here", the tour panel beside the map, and what a playing tour does to the page.

A playing tour owns the year, the window, the filters and the selection: each step sets them (and the map
flies to the step's view, its events highlighted and the rest dimmed). Touching any of those controls, or
clicking the map, pauses the tour and keeps what the reader chose; "Resume" goes back to the step. The
Relations toggle is a layer over the map, not a way through it, and does not pause a tour.
The tour's HTML comes from ``geo/tour_view.py``; the arrow keys work while the panel has focus.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from geo.features import EventFeature, Sources
from geo.render import markdown_text
from geo.tour_view import step_html
from geo.tours import Tour, tours_by_id
from geo.windows import DEFAULT_WINDOW_N

#: Session keys a step sets; a change to any of them, after the step set it, pauses the tour.
OWNED = ("year", "window", "window_n", "f_kinds", "f_polities", "f_sources", "f_hide_unreliable", "f_q", "selected")
#: What a step leaves the filters at: a step's events must all be on the map.
NO_FILTERS: dict[str, Any] = {"f_kinds": [], "f_polities": [], "f_sources": [], "f_hide_unreliable": False, "f_q": ""}
PANEL_KEY = "tour_panel"

# The arrow keys, while the tour panel (or a button in it) has focus, press its Previous / Next buttons: the
# same path as a click. Trusted code with no data in it; mounted in the page, not in an iframe.
_KEYS_JS = """
export default function (component) {
  const panel = component.parentElement.closest(".st-key-PANEL_KEY");
  if (!panel) return;
  panel.setAttribute("tabindex", "0");
  panel.setAttribute("role", "region");
  panel.setAttribute("aria-label", "Guided tour (the left and right arrow keys go to the previous and next step)");
  const onKey = (e) => {
    const which = e.key === "ArrowRight" ? "tour_next" : e.key === "ArrowLeft" ? "tour_prev" : null;
    if (!which || e.altKey || e.ctrlKey || e.metaKey) return;
    const button = panel.querySelector(".st-key-" + which + " button");
    if (button && !button.disabled) { e.preventDefault(); button.click(); }
  };
  if (panel.__tourKeys) panel.removeEventListener("keydown", panel.__tourKeys);
  panel.addEventListener("keydown", onKey);
  panel.__tourKeys = onKey;
  return () => panel.removeEventListener("keydown", onKey);
}
""".replace("PANEL_KEY", PANEL_KEY)
_tour_keys = st.components.v2.component("atlas_tour_keys", js=_KEYS_JS, isolate_styles=False)


def init_tours(
    tours: list[Tour], tour: str | None, step: int | None, paused: bool | None, link_view: bool = False
) -> None:
    """On the first run of a session: start the tour a link names (its step, or the first), or keep it paused.

    With ``link_view`` (the link carries the map's view too) the map opens where the link says, not at the
    step's own view: the reader had moved it.
    """
    ss = st.session_state
    ss.setdefault("tour", None)
    ss.setdefault("tour_step", None)
    ss.setdefault("tour_paused", False)
    ss.setdefault("_tour_seq", 0)
    if tour is None or tour not in tours_by_id(tours):
        return
    ss["tour"], ss["tour_step"] = tour, step or 1
    if paused:
        ss["tour_paused"] = True  # the link's own year, window and filters stay on screen
        ss["_tour_applied"] = None
    else:
        _apply_step(tours)
        if link_view:
            ss["_tour_no_flight"] = ss["_tour_seq"]


def current(tours: list[Tour]) -> tuple[Tour, int] | None:
    """The tour being shown and the index (from 0) of its step, or None."""
    ss = st.session_state
    tour = tours_by_id(tours).get(ss.get("tour") or "")
    if tour is None:
        return None
    return tour, max(0, min(len(tour["steps"]) - 1, int(ss.get("tour_step") or 1) - 1))


def playing(tours: list[Tour]) -> bool:
    """True when a tour is shown and not paused."""
    return current(tours) is not None and not st.session_state.get("tour_paused")


def _snapshot() -> dict[str, Any]:
    ss = st.session_state
    return {k: tuple(ss[k]) if isinstance(ss.get(k), list) else ss.get(k) for k in OWNED}


def _apply_step(tours: list[Tour]) -> None:
    """Put the step's year, window and no filters on screen, and remember them to notice a change."""
    pos = current(tours)
    if pos is None:
        return
    tour, index = pos
    step = tour["steps"][index]
    ss = st.session_state
    ss["year"] = step["year"]
    ss["window"] = step.get("window", "year")
    ss["window_n"] = step.get("n", DEFAULT_WINDOW_N)
    for key, value in NO_FILTERS.items():
        ss[key] = list(value) if isinstance(value, list) else value
    ss["selected"] = None
    ss["tour_paused"] = False
    ss["_tour_seq"] = int(ss.get("_tour_seq", 0)) + 1  # a new step, or a resume: the map flies again
    ss["_tour_applied"] = _snapshot()


def start_tour(tours: list[Tour], tour_id: str) -> None:
    """Start ``tour_id`` at its first step (a button callback)."""
    st.session_state["tour"], st.session_state["tour_step"] = tour_id, 1
    _apply_step(tours)


def go(tours: list[Tour], delta: int) -> None:
    """The previous (-1) or next (+1) step (a button callback)."""
    pos = current(tours)
    if pos is not None:
        tour, index = pos
        st.session_state["tour_step"] = max(1, min(len(tour["steps"]), index + 1 + delta))
        _apply_step(tours)


def resume(tours: list[Tour]) -> None:
    """Back to the step the tour was paused at (a button callback)."""
    _apply_step(tours)


def leave() -> None:
    """Close the tour; the page keeps what is on screen (a button callback)."""
    ss = st.session_state
    ss["tour"], ss["tour_step"], ss["tour_paused"], ss["_tour_applied"] = None, None, False, None


def pause_if_changed(tours: list[Tour]) -> None:
    """Pause a playing tour when a control other than the tour's changed what the step set."""
    ss = st.session_state
    if playing(tours) and ss.get("_tour_applied") is not None and _snapshot() != ss["_tour_applied"]:
        ss["tour_paused"] = True


def map_state(tours: list[Tour]) -> dict[str, Any]:
    """What the map needs from a playing tour: the events to highlight and the view to fly to (once per step)."""
    pos = current(tours)
    if pos is None or not playing(tours):
        return {"hl": None, "view": None, "viewKey": None}
    tour, index = pos
    step = tour["steps"][index]
    seq = st.session_state["_tour_seq"]
    view = None if seq == st.session_state.get("_tour_no_flight") else dict(step["view"])
    return {"hl": list(step["events"]), "view": view, "viewKey": f"{seq}"}


def url_fields(tours: list[Tour]) -> dict[str, Any]:
    """The tour's part of the URL: ``tour`` and ``step``, and ``paused`` while paused."""
    pos = current(tours)
    if pos is None:
        return {}
    tour, index = pos
    return {"tour": tour["id"], "step": index + 1, "tour_paused": bool(st.session_state.get("tour_paused"))}


def tour_panel(tours: list[Tour], events: dict[str, EventFeature], sources: Sources) -> bool:
    """The panel of the tour being shown, with its buttons; False when no tour is shown."""
    pos = current(tours)
    if pos is None:
        return False
    tour, index = pos
    paused = bool(st.session_state.get("tour_paused"))
    with st.container(key=PANEL_KEY, border=True):
        st.html(step_html(tour, index, events, sources, paused=paused))
        c_prev, c_next, c_resume, c_leave = st.columns([1, 1, 1, 1])
        c_prev.button("◀ Previous", key="tour_prev", on_click=go, args=(tours, -1), disabled=index == 0)
        c_next.button("Next ▶", key="tour_next", on_click=go, args=(tours, 1), disabled=index == len(tour["steps"]) - 1)
        c_resume.button("↺ Resume", key="tour_resume", on_click=resume, args=(tours,), disabled=not paused)
        c_leave.button("✕ Leave tour", key="tour_leave", on_click=leave)
        _tour_keys(key="tour_keys")
    return True


def dismiss_start_here() -> None:
    """Hide the "Start here" offer for this session (a button callback)."""
    st.session_state["_start_here_closed"] = True


def start_here(tours: list[Tour]) -> None:
    """On a first visit (a link with nothing in it), offer the tours; a reader can also start one from the sidebar."""
    ss = st.session_state
    if not tours or ss.get("tour") or ss.get("_start_here_closed") or not ss.get("_first_visit"):
        return
    with st.container(key="start_here", border=True):
        st.markdown("**Start here: guided tours through the century**")
        st.caption("Each tour walks through the events step by step, with the texts' own words; leave it at any time.")
        for tour in tours:
            title, intro = markdown_text(tour["title"]), markdown_text(first_sentence(tour["introduction"]))
            c_text, c_start = st.columns([4, 1.3], vertical_alignment="center")
            c_text.markdown(f"**{title}** · {len(tour['steps'])} steps  \n{intro}")
            c_start.button("Start", key=f"start_{tour['id']}", on_click=start_tour, args=(tours, tour["id"]))
        st.button("Explore the map on my own", key="start_here_close", on_click=dismiss_start_here)


def first_sentence(text: str) -> str:
    """The first sentence of a paragraph (up to its first full stop followed by a space)."""
    head, sep, _ = text.partition(". ")
    return head + "." if sep else text


def tours_sidebar(tours: list[Tour]) -> None:
    """A tour can be started from anywhere: a choice of tour and a button, in the sidebar."""
    if not tours:
        return
    names = {t["id"]: t["title"] for t in tours}
    st.sidebar.header("Guided tours")
    choice = st.sidebar.selectbox("Tour", list(names), format_func=lambda tid: names.get(tid, tid), key="tour_choice")
    st.sidebar.button("Start the tour", key="tour_start_sidebar", on_click=start_tour, args=(tours, choice))
