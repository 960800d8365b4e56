"""The detail panel: the selected event, and the card of a polity clicked on the map (HTML from geo/detail.py)."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from geo.atlas import Atlas
from geo.detail import PanelLinks, event_html, polity_card_html
from geo.features import EventFeature, PolityFeature
from geo.labels import polity_names
from geo.windows import polities_in_year

#: The selected event's heading: the map's "+N more sources" scrolls to it and gives it the focus.
DETAIL_SELECTOR = "#atlas-detail"


def _names(atlas: Atlas) -> Mapping[str, str]:
    return polity_names(atlas.polities)


def detail_panel(event: EventFeature | None, atlas: Atlas, links: PanelLinks) -> None:
    """Everything known about one event; a hint when nothing is selected."""
    if event is None:
        st.info("Click an event on the map, in the list, in the search results or on the timeline to see its sources.")
        return
    names = _names(atlas)
    st.html(event_html(event, atlas.places, atlas.sources, events=atlas.events, polity_names=names, links=links))


def _polity_shown(atlas: Atlas, year: int) -> PolityFeature | None:
    """The polity whose card is open, in its shape of ``year``; None (and the card closed) if it is not drawn."""
    ss = st.session_state
    if not ss.get("polity"):  # no card open: nothing to look up (a scan of every period at 100x data: ~10 ms)
        return None
    clicked = next((f for f in atlas.polities if f["id"] == ss.get("polity")), None)
    if clicked is None:
        return None
    pid = clicked["properties"].get("polity")
    now = next((f for f in polities_in_year(atlas.polities, year) if f["properties"].get("polity") == pid), None)
    ss["polity"] = now["id"] if now else None
    return now


def polity_card(atlas: Atlas, year: int) -> None:
    """The card of the polity clicked on the map (its shape of ``year``), with a button that closes it."""
    polity = _polity_shown(atlas, year)
    if polity is None:
        return
    st.html(polity_card_html(polity, atlas.places, atlas.sources, _names(atlas), year))
    st.button("Close this card", key="close_polity", on_click=st.session_state.__setitem__, args=("polity", None))
