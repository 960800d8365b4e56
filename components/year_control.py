"""The year: slider, step buttons, play/pause, and the window around the year."""

from __future__ import annotations

import time

import streamlit as st

from components.layout import YEAR_ROW_KEY
from geo.timemodel import YEAR_MAX, YEAR_MIN
from geo.windows import WINDOW_MODES, WINDOW_N_MAX

PLAY_STEP_SECONDS = 0.8
#: The year slider's label, also its aria-label: the map finds the slider by it to follow a drag.
YEAR_LABEL = "Year"
WINDOW_LABELS = {"year": "This year only", "around": "± N years", "upto": "Everything up to this year"}


def _step(delta: int) -> None:
    st.session_state["year"] = max(YEAR_MIN, min(YEAR_MAX, int(st.session_state["year"]) + delta))


def _toggle_play() -> None:
    playing = not st.session_state.get("playing", False)
    st.session_state["playing"] = playing
    st.session_state["_tick_at"] = time.monotonic()
    if playing and st.session_state["year"] >= YEAR_MAX:
        st.session_state["year"] = YEAR_MIN


def year_control() -> None:
    """Draw the year slider with ◀ ▶ ⏯ buttons and the window choice; values live in session state."""
    row = st.container(key=YEAR_ROW_KEY)  # kept on one row on a phone (components/layout.py)
    c_prev, c_slider, c_next, c_play = row.columns([1, 12, 1, 1.4], vertical_alignment="bottom")
    c_prev.button(
        "◀",
        key="year_prev",
        help="One year back",
        on_click=_step,
        args=(-1,),
        disabled=st.session_state["year"] <= YEAR_MIN,
    )
    c_slider.slider(YEAR_LABEL, min_value=YEAR_MIN, max_value=YEAR_MAX, key="year", step=1)
    c_next.button(
        "▶",
        key="year_next",
        help="One year on",
        on_click=_step,
        args=(1,),
        disabled=st.session_state["year"] >= YEAR_MAX,
    )
    playing = st.session_state.get("playing", False)
    c_play.button(
        "❚❚ Pause" if playing else "▶ Play",
        key="play",
        on_click=_toggle_play,
        help=f"Advance one year every {PLAY_STEP_SECONDS} s",
    )
    w1, w2 = st.columns([3, 2], vertical_alignment="bottom")
    w1.radio("Events shown", WINDOW_MODES, key="window", horizontal=True, format_func=WINDOW_LABELS.get)
    if st.session_state["window"] == "around":
        w2.number_input("N (years either side)", min_value=1, max_value=WINDOW_N_MAX, step=1, key="window_n")


def play_ticker() -> None:
    """While playing, tick the year on. Call it last on the page: an element inserted above the
    map would shift the map's place in the page, and Streamlit would then rebuild its iframe."""
    if st.session_state.get("playing", False):
        _ticker()


@st.fragment(run_every=PLAY_STEP_SECONDS)
def _ticker() -> None:
    """While playing, ask for the next year and rerun the page (the map iframe is kept)."""
    ss = st.session_state
    if not ss.get("playing"):
        return
    now = time.monotonic()
    if now - ss.get("_tick_at", 0.0) < PLAY_STEP_SECONDS * 0.8:
        return
    ss["_tick_at"] = now
    if ss["year"] >= YEAR_MAX:
        ss["playing"] = False
    else:
        ss["_pending_year"] = int(ss["year"]) + 1
    st.rerun(scope="app")
