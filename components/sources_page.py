"""The sources page: the catalogue with reliability, and a seed text with the cited passages marked."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from geo.detail import PanelLinks
from geo.features import Citation, EventFeature, cited_passages
from geo.render import html_text, markdown_text, source_html

#: Scrolls the active passage into view once Streamlit has laid the page out; marks it, so a test
#: can wait for the script to have run.
_SCROLL = (
    "<script>setTimeout(function(){var el=document.getElementById('atlas-active-quote');"
    "if(el){el.scrollIntoView({block:'center'});el.setAttribute('data-scrolled','1');}},300);</script>"
)


def _back_to_atlas() -> None:
    ss = st.session_state
    ss["page"], ss["cite"], ss["_scroll_back"] = "atlas", None, True


def catalogue(sources: Mapping[str, Mapping[str, Any]]) -> None:
    """Every source with its reliability and why; the unreliable one said loudly."""
    for sid, src in sources.items():
        if src.get("reliability") == "low":
            st.error(
                f"**Unreliable source: {markdown_text(src.get('short_title', sid))}.** "
                f"{markdown_text(src.get('reliability_reason', ''))}",
                icon="⚠️",
            )
    rows = "".join(
        f"<tr><td><b>{html_text(s.get('short_title', sid))}</b><br><span style='color:#666'>"
        f"{html_text(s.get('kind'))} · {html_text(s.get('licence'))}</span></td>"
        f"<td><b>{html_text(s.get('reliability'))}</b></td><td>{html_text(s.get('reliability_reason'))}</td></tr>"
        for sid, s in sources.items()
    )
    st.html(
        "<table style='font:13px/1.4 sans-serif;border-collapse:collapse' cellpadding='6'>"
        "<tr><th align='left'>Source</th><th align='left'>Reliability</th><th align='left'>Why</th></tr>"
        f"{rows}</table>"
    )


def sources_page(
    sources: Mapping[str, Mapping[str, Any]],
    seeds: Mapping[str, Any],
    events: list[EventFeature],
    source_id: str | None,
    event_id: str | None,
    cite: int | None,
    links: PanelLinks | None = None,
) -> None:
    """A way back to the atlas as the reader left it, the catalogue, then one source's text with its cited
    passages highlighted and linked to events (``links`` keep the reader's view)."""
    links = links or PanelLinks()
    back = next((e for e in events if e["id"] == event_id), None)
    st.button(
        f"← Back to the event: {back['properties']['title']}" if back else "← Back to the map",
        key="back_to_atlas",
        on_click=_back_to_atlas,
        type="primary",
        help="The atlas as you left it: the same year, filters, map view and selected event.",
    )
    st.subheader("Sources")
    catalogue(sources)
    ids = list(sources)
    if not ids:
        return
    if st.session_state.get("src") not in ids:
        st.session_state["src"] = source_id if source_id in ids else ids[0]
    st.selectbox("Read source", ids, key="src", format_func=lambda s: sources[s].get("short_title", s))
    sid = st.session_state["src"]
    seed = seeds.get(sid)
    if seed is None:
        st.warning("This source's text could not be loaded.")
        return
    spans: list[tuple[int, int, str]] = []
    owners: list[tuple[EventFeature, int, Citation]] = []
    active = None
    for e, i, c, loc in cited_passages(events, sid, seed):
        if e["id"] == event_id and i == cite:
            active = len(spans)
        spans.append((loc[0], loc[1], e["properties"]["title"]))
        owners.append((e, i, c))
    st.caption(markdown_text(sources[sid].get("reference", "")))
    st.html(
        source_html(seed.text, spans, active) + (_SCROLL if active is not None else ""),
        unsafe_allow_javascript=active is not None,
    )
    st.markdown("**Passages and their events**")
    # one row per passage, in the order of the text, with every event that quotes it
    passages: dict[tuple[int, int], dict[str, Any]] = {}
    for n, ((start, end, _title), (e, _i, c)) in enumerate(zip(spans, owners, strict=True)):
        row = passages.setdefault((start, end), {"quote": c.get("quote"), "events": [], "active": False})
        if e["id"] not in [ev["id"] for ev in row["events"]]:
            row["events"].append(e)
        row["active"] = row["active"] or n == active
    items = []
    for (_start, _end), row in sorted(passages.items()):
        hrefs = [links.event(e["id"], e["properties"]["start"], e["properties"]["end"]) for e in row["events"]]
        event_links = "; ".join(
            f"<a href='{html_text(href)}' target='_self'>{html_text(e['properties']['title'])} "
            f"({html_text(e['properties']['date_label'])})</a>"
            for href, e in zip(hrefs, row["events"], strict=True)
        )
        mark = " <b>◀ this passage</b>" if row["active"] else ""
        items.append(f"<li>“{html_text(row['quote'])}” → {event_links}{mark}</li>")
    st.html(
        "<ul style='font:13px/1.45 sans-serif'>" + "".join(items) + "</ul>"
        if items
        else "<p>No event cites this source.</p>"
    )
