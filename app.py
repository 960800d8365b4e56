"""Byzantine–Mongol relations, 1242–1341: an atlas of the sources (``streamlit run app.py``).

This file only composes the page; loading and queries live in ``geo/``, widgets in ``components/``.
Set ``ATLAS_DATA_DIR`` to serve another data folder (the tests use small fixtures).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import streamlit as st

from components.after_map import after_map
from components.announce import announce_selection
from components.atlas_map import atlas_map
from components.cite import cite_view
from components.detail import DETAIL_SELECTOR, detail_panel, polity_card
from components.downloads import downloads
from components.event_list import event_list
from components.filters import filters_panel
from components.layout import layout_css, scroll_back
from components.loader import (
    atlas_index,
    data_dir,
    event_list_rows,
    event_spans,
    events_in_view,
    get_atlas,
    get_parts,
    get_relations,
    get_relations_url,
    get_script_url,
    polities_of_year,
    stamp_of,
    timeline_data,
)
from components.problems import problems_panel
from components.relations_panel import relations_legend, relations_matrix, relations_toggle
from components.search_results import search_results
from components.sources_page import sources_page
from components.state import (
    apply_pending,
    current_filters,
    current_url_params,
    init_state,
    select_event,
    show_url_notices,
    sync_url,
)
from components.timeline import timeline
from components.tours import map_state as tour_map_state
from components.tours import pause_if_changed, start_here, tour_panel, tours_sidebar
from components.year_control import YEAR_LABEL, play_ticker, year_control
from geo.cite import view_words
from geo.detail import PanelLinks
from geo.livemap import live_base_map, year_group, year_state
from geo.offline import ensure_vendor
from geo.relations_view import add_relations_layer
from geo.render import legend_html
from geo.search import Filters, kinds_in, search_matches
from geo.view import View
from geo.windows import window_bounds

ROOT = Path(__file__).resolve().parent
TITLE = "Byzantine–Mongol relations, 1242–1341 — an atlas of the sources"
#: Widget values that must survive a visit to the sources page, where their widgets are not drawn.
KEPT_KEYS = ("year", "window", "window_n", "f_kinds", "f_polities", "f_sources", "f_hide_unreliable", "f_q")
#: Session flag: the map has drawn once, so the whole page is drawn (components/after_map.py).
PAGE_COMPLETE = "_page_complete"


@st.fragment
def atlas_view(folder: str, stamp: tuple, filters: Filters) -> None:
    """Everything a year step redraws: year control, map, legend, detail, list, timeline, URL.

    A step reruns only this fragment (not the header and the sidebar's filters), so the browser
    has less to re-render before it hands the map its new year.
    """
    with _timed("fragment"):
        _atlas_view(folder, stamp, filters)


def _atlas_view(folder: str, stamp: tuple, filters: Filters) -> None:
    ss = st.session_state
    complete = bool(ss.get(PAGE_COMPLETE))
    atlas = get_atlas(folder, stamp)
    apply_pending()
    pause_if_changed(atlas.tours)  # any control but the tour's own, touched since the step: the tour pauses
    year_control()
    year, mode, n = int(ss["year"]), ss["window"], int(ss["window_n"])
    visible = list(events_in_view(folder, stamp, year, mode, n, filters))
    ids = {e["id"] for e in visible}
    col_map, col_detail = st.columns([3, 2], gap="medium")
    year_polities = list(polities_of_year(folder, stamp, year))
    relations_on = bool(ss["relations"])
    with col_map:
        lo, hi = window_bounds(year, mode, n)
        # the year's state, with what the relations layer and a playing tour add to it (the keys the map's
        # drawing code reads: geo/atlas_layers.js and geo/relations_layer.js)
        state = year_state(year, lo, hi, mode, None if filters == Filters() else ids, ss["selected"], n)
        state |= {"rel": relations_on, **tour_map_state(atlas.tours)}
        base = live_base_map(
            get_parts(folder, stamp), get_script_url(), slider_label=YEAR_LABEL, detail_selector=DETAIL_SELECTOR
        )
        add_relations_layer(base, get_relations_url(folder, stamp))
        atlas_map(base, year_group(state), visible, spans=event_spans(folder, stamp))
        if complete:
            st.html(legend_html(kinds_in(visible), year_polities))
    selected = atlas.event(ss["selected"]) if ss["selected"] else None
    with col_detail:
        events_by_id = atlas.events_by_id  # the atlas's own index: a rerun builds none
        title = selected["properties"]["title"] if selected else None
        # a new tab's first run draws the map and the selected event's panel only: the tours, the relations'
        # switch, "Cite this view" and the announcement (two components the browser would load beside the
        # map's iframe) follow once the map has drawn (components/after_map.py)
        if complete:
            if not tour_panel(atlas.tours, events_by_id, atlas.sources):
                start_here(atlas.tours)
            # beside the map, not above it: nothing above the map may change height (the page would move)
            if relations_toggle():
                relations_legend()
                relations_matrix(get_relations(folder, stamp), year, year_polities, events_by_id)
            cite_view(folder, stamp, view_words(year, mode, n, title))
            announce_selection(title, selected["properties"]["date_label"] if selected else None)
        polity_card(atlas, year)
        if filters.search:
            found, outside = search_matches(atlas.events, filters, atlas.places, lo, hi)
            search_results(filters.search, found, outside, view_words(year, mode, n, None).removeprefix("the map of "))
        st.caption(f"{len(visible)} event(s) in view")
        if selected is not None:
            st.button("Clear selection", key="clear_sel", on_click=select_event, args=(None,))
            if selected["id"] not in ids:
                st.caption("This event is outside the current year window or filters.")
        detail_panel(selected, atlas, PanelLinks(current_url_params(atlas.tours), (lo, hi)))
    sync_url(atlas.tours)  # before the list and the timeline: the address follows a click as soon as the panel does

    if not complete:  # a new session's first run: the list and the timeline once the map is drawn
        play_ticker()
        return
    st.subheader("Events in view")
    event_list(len(visible), partial(event_list_rows, folder, stamp, year, mode, n, filters))
    downloads(
        visible,
        atlas.places,
        f"byzantine-mongol-events-{year}",
        atlas=atlas,
        view=View(year, mode, n, filters, ss["selected"]),
        data_dir=Path(folder),
    )
    st.subheader("Timeline of all events (filtered)")
    timeline(timeline_data(folder, stamp, filters), year, ss["selected"])
    play_ticker()


def main() -> None:
    """Compose the page."""
    st.set_page_config(page_title="Byzantine–Mongol atlas", page_icon="🗺️", layout="wide")
    ensure_vendor(ROOT / "static")
    folder = data_dir()
    stamp = stamp_of(folder)
    atlas = get_atlas(str(folder), stamp)
    starts, polity_names, kinds = atlas_index(str(folder), stamp)
    init_state(
        event_starts=starts, kinds=kinds, polities=list(polity_names), sources=list(atlas.sources), tours=atlas.tours
    )
    for key in KEPT_KEYS:
        st.session_state[key] = st.session_state[key]
    apply_pending()

    layout_css()
    st.markdown(f"### {TITLE}")
    show_url_notices()
    problems_panel(atlas.problems)
    st.sidebar.radio(
        "Page",
        ["atlas", "sources"],
        key="page",
        horizontal=True,
        format_func={"atlas": "Atlas", "sources": "Sources"}.get,
    )
    if st.session_state.get(PAGE_COMPLETE) or st.session_state["page"] == "sources":
        tours_sidebar(atlas.tours)
        filters_panel(kinds, polity_names, {sid: s.get("short_title", sid) for sid, s in atlas.sources.items()})
    filters = current_filters()

    if st.session_state["page"] == "sources":
        ss = st.session_state
        lo, hi = window_bounds(int(ss["year"]), ss["window"], int(ss["window_n"]))
        sources_page(
            atlas.sources,
            atlas.seeds,
            atlas.events,
            st.session_state["src"],
            st.session_state["selected"],
            st.session_state["cite"],
            PanelLinks(current_url_params(atlas.tours), (lo, hi)),
        )
        st.session_state["_scroll_back"] = True  # the sidebar's "Atlas" brings the reader back to the top too
        sync_url(atlas.tours)
        return

    atlas_view(str(folder), stamp, filters)
    if not st.session_state.get(PAGE_COMPLETE):
        # a new tab draws the map first: the page's other pieces (the filters, the event list, the timeline)
        # would compete with it for the browser; this element asks for them once the map has drawn
        after_map(on_drawn=_complete_page)
    if st.session_state.pop("_scroll_back", False):
        scroll_back()  # last on the page: an element above the map would make Streamlit rebuild its frame


def _complete_page() -> None:
    st.session_state[PAGE_COMPLETE] = True


@contextmanager
def _timed(kind: str) -> Iterator[None]:
    """With ``ATLAS_TIMING_LOG`` set, append each run's duration to that file (bench/ reads it).

    A full run logs once ("app"); a fragment-only rerun (a year step) logs as "fragment".
    """
    log = os.environ.get("ATLAS_TIMING_LOG")
    nested = kind == "fragment" and st.session_state.get("_in_full_run")
    if not log or nested:
        yield
        return
    t0 = time.perf_counter()
    try:
        yield
    finally:
        with open(log, "a", encoding="utf-8") as fh:
            fh.write(
                json.dumps(
                    {
                        "t": time.time(),
                        "run_ms": round((time.perf_counter() - t0) * 1000, 2),
                        "kind": kind,
                        "year": st.session_state.get("year"),
                    }
                )
                + "\n"
            )


def _run() -> None:
    st.session_state["_in_full_run"] = True
    try:
        with _timed("app"):
            main()
    finally:
        st.session_state["_in_full_run"] = False


_run()
