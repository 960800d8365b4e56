"""The relations layer's controls beside the map: the toggle, its legend, and the year's matrix."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from geo.features import EventFeature, PolityFeature
from geo.labels import short_name
from geo.relations import Relation, relations_in
from geo.relations_view import legend_html, matrix_rows, matrix_spec

TOGGLE_LABEL = "Relations between polities"


def relations_toggle() -> bool:
    """The "Relations" switch (in the URL as ``relations=1``); True when the layer is on."""
    return st.toggle(
        TOGGLE_LABEL,
        key="relations",
        help="Arcs between the polities' seats: alliances, marriage ties, treaties, tribute, embassies and wars "
        "of this year, derived from the events (data/README.md says how). Hover an arc to name it; click it for "
        "its events.",
    )


def relations_legend() -> None:
    """What the arcs' colours and dashes mean."""
    st.html(legend_html())


def relations_matrix(
    relations: list[Relation], year: int, polities: list[PolityFeature], events: Mapping[str, EventFeature]
) -> None:
    """The year's relations as a small matrix (pairs of polities by kind of relation), in Vega-Lite."""
    names = {f["properties"]["polity"]: short_name(f["properties"]["name"]) for f in polities}
    rows = matrix_rows(relations_in(relations, year), names, events)
    if not rows:
        st.caption(f"No relation between two polities in {year} rests on the texts' events.")
        return
    st.vega_lite_chart(matrix_spec(rows, year), width="content", key="relations_matrix")
