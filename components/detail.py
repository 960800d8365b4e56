"""The detail panel of the selected event: citations, accounts side by side, places, notes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

import streamlit as st

from geo.features import EventFeature, Places, all_citations, place_properties
from geo.render import PRECISION_WORDS, html_text, kind_color

RELIABILITY_BADGE = {"high": "#1b7f3b", "medium": "#8a6d00", "low": "#b00020"}
#: The selected event's heading: the map's "+N more sources" scrolls to it and gives it the focus.
DETAIL_SELECTOR = "#atlas-detail"


def _citation_block(cit: Mapping[str, Any], idx: int, event_id: str, sources: Mapping[str, Any]) -> str:
    src = sources.get(cit.get("source") or "", {})
    rel = src.get("reliability", "?")
    link = "?" + urlencode({"page": "sources", "source": cit.get("source", ""), "event": event_id, "cite": idx})
    auth = ""
    if cit.get("primary_authorities"):
        auth = (
            '<div class="d-small">Primary sources named: ' + html_text(", ".join(cit["primary_authorities"])) + "</div>"
        )
    return (
        '<div class="d-cite">'
        f"<div><i>{html_text(src.get('short_title', cit.get('source')))}</i>, {html_text(cit.get('locator'))} "
        f'<span class="d-badge" style="background:{RELIABILITY_BADGE.get(rel, "#555")}">reliability: '
        f"{html_text(rel)}</span></div>"
        f'<blockquote class="d-quote">“{html_text(cit.get("quote"))}”</blockquote>{auth}'
        f'<a href="{html_text(link)}" target="_self">Show this passage in the source ↗</a></div>'
    )


_CSS = """<style>
.d-panel{font:14px/1.45 sans-serif}.d-title{font-size:1.25em;font-weight:700;margin:0 0 .2em;padding:0}
.d-meta{color:#555}.d-kind{display:inline-block;padding:0 .45em;border-radius:3px;color:#fff;font-size:.85em}
.d-cite{border-left:3px solid #ccc;padding:.2em .6em;margin:.5em 0}.d-quote{margin:.3em 0;font-family:Georgia,serif}
.d-badge{color:#fff;border-radius:3px;padding:0 .4em;font-size:.8em}.d-small{font-size:.85em;color:#555}
.d-warn{background:#ffe8d6;color:#8a1c00;border:1px solid #e9a27f;border-radius:4px;padding:.4em .6em;margin:.4em 0;
font-weight:600}
</style>"""


def detail_panel(event: EventFeature | None, places: Places, sources: Mapping[str, Any]) -> None:
    """Everything known about one event; a hint when nothing is selected."""
    if event is None:
        st.info("Click an event on the map, in the list or on the timeline to see its sources here.")
        return
    p = event["properties"]
    eid = event["id"]
    cites = all_citations(event)
    parts = [
        _CSS,
        '<div class="d-panel">',
        f'<h2 class="d-title" id="atlas-detail" tabindex="-1">{html_text(p["title"])}</h2>',
        f'<div class="d-meta"><span class="d-kind" style="background:{kind_color(p["kind"])}">'
        f"{html_text(p['kind'])}</span> {html_text(p['date_label'])} "
        f"({html_text(p['start'])}{'–' + html_text(p['end']) if p['end'] != p['start'] else ''}"
        f"{', uncertain' if p.get('uncertain') else ''})</div>",
        f"<p>{html_text(p['summary'])}</p>",
    ]
    if p.get("reliability") == "low":
        for note in p.get("notes") or ["(no note)"]:
            parts.append(f'<div class="d-warn">⚠ From an unreliable source: {html_text(note)}</div>')
    # places with authority links
    place_items = []
    for ref in p.get("places", []):
        pl = place_properties(places, ref.get("place"))
        links = []
        if pl.get("pleiades"):
            links.append(
                f'<a href="https://pleiades.stoa.org/places/{html_text(pl["pleiades"])}" '
                'target="_blank" rel="noopener">Pleiades</a>'
            )
        if pl.get("wikidata"):
            links.append(
                f'<a href="https://www.wikidata.org/wiki/{html_text(pl["wikidata"])}" '
                'target="_blank" rel="noopener">Wikidata</a>'
            )
        modern = f" — today {html_text(pl['modern_name'])}" if pl.get("modern_name") else ""
        prec = PRECISION_WORDS.get(pl.get("precision") or "", pl.get("precision") or "")
        cands = ""
        if pl.get("candidates"):
            cands = (
                "<br><span class='d-small'>Proposed sites: "
                + "; ".join(f"{html_text(c.get('name'))} ({html_text(c.get('proposed_by'))})" for c in pl["candidates"])
                + "</span>"
            )
        note = f"<br><span class='d-small'>{html_text(pl['note'])}</span>" if pl.get("note") else ""
        place_items.append(
            f"<li><b>{html_text(pl.get('name', ref.get('place')))}</b> "
            f"({html_text(ref.get('role'))}; {html_text(prec)}){modern} "
            f"{' · '.join(links)}{cands}{note}</li>"
        )
    parts.append(f"<div><b>Places</b><ul>{''.join(place_items)}</ul></div>")
    if p.get("participants"):
        items = "".join(
            f"<li>{html_text(x['name'])} <span class='d-small'>({html_text(x['type'])}, "
            f"{html_text(x['role'])})</span></li>"
            for x in p["participants"]
        )
        parts.append(f"<div><b>Participants</b><ul>{items}</ul></div>")
    parts.append("<div><b>Citations</b></div>")
    parts += [_citation_block(c, i, eid, sources) for i, (c, acc) in enumerate(cites) if acc is None]
    if p.get("notes") and p.get("reliability") != "low":
        parts.append("<div><b>Notes</b><ul>" + "".join(f"<li>{html_text(n)}</li>" for n in p["notes"]) + "</ul></div>")
    parts.append("</div>")
    st.html("".join(parts))
    accounts = p.get("accounts") or []
    if accounts:
        st.html("<b>The texts disagree — accounts side by side</b>")
        offset = sum(1 for _, acc in cites if acc is None)
        cols = st.columns(len(accounts))
        for col, acc in zip(cols, accounts, strict=True):
            blocks = []
            for c in acc.get("citations", []):
                blocks.append(_citation_block(c, offset, eid, sources))
                offset += 1
            note = f"<div class='d-small'>{html_text(acc['note'])}</div>" if acc.get("note") else ""
            with col:
                st.html(
                    f"{_CSS}<div class='d-panel'><b>{html_text(acc['label'])}</b>"
                    f"<p>{html_text(acc['claim'])}</p>{note}{''.join(blocks)}</div>"
                )
