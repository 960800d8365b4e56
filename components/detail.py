"""The detail panel of the selected event: what its date rests on, citations with their role, accounts
side by side, places with their authority links, participants, scholarship and notes."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

import streamlit as st

from geo.features import Citation, EventFeature, EventProperties, PlaceRef, Places, all_citations, place_properties
from geo.render import PRECISION_WORDS, html_text, kind_color, text_color_on

RELIABILITY_BADGE = {"high": "#1b7f3b", "medium": "#8a6d00", "low": "#b00020"}
#: The selected event's heading: the map's "+N more sources" scrolls to it and gives it the focus.
DETAIL_SELECTOR = "#atlas-detail"

#: How a citation's role is shown: the words a reader sees and the badge colour (WCAG AA on white text).
ROLE_BADGE = {
    "supports": ("supports the claim", "#1b5e8a"),
    "context": ("context only", "#5f5f5f"),
    "contradicts": ("contradicts the claim", "#b00020"),
}

#: What a date can rest on when no cited quote states the year (``date_basis.rests_on``).
BASIS_WORDS = {
    "text-chronology": "the text's own chronology",
    "other-text": "another of the source texts",
    "scholarship": "scholarship outside the texts",
}

#: Authority prefixes (Linked Places ``links``) and where each id resolves.
_AUTHORITIES = {
    "pl": ("Pleiades", re.compile(r"[0-9]+"), "https://pleiades.stoa.org/places/{}"),
    "wd": ("Wikidata", re.compile(r"Q[0-9]+"), "https://www.wikidata.org/wiki/{}"),
}


def authority_link(identifier: Any) -> tuple[str, str] | None:
    """``(label, url)`` for a Linked Places identifier such as ``pl:520998``; None if it is not one."""
    prefix, _, local = str(identifier).partition(":")
    if prefix not in _AUTHORITIES:
        return None
    name, pattern, url = _AUTHORITIES[prefix]
    if not pattern.fullmatch(local):
        return None
    return f"{name} {local}", url.format(local)


def _citation_block(cit: Citation, idx: int, event_id: str, sources: Mapping[str, Any]) -> str:
    src = sources.get(cit.get("source") or "", {})
    rel = src.get("reliability", "?")
    role_words, role_color = ROLE_BADGE.get(cit.get("role") or "supports", ROLE_BADGE["supports"])
    link = "?" + urlencode({"page": "sources", "source": cit.get("source", ""), "event": event_id, "cite": idx})
    auth = ""
    if cit.get("primary_authorities"):
        auth = (
            '<div class="d-small">Primary sources named: ' + html_text(", ".join(cit["primary_authorities"])) + "</div>"
        )
    return (
        f'<div class="d-cite d-role-{html_text(cit.get("role") or "supports")}">'
        f'<div><span class="d-badge" style="background:{role_color}">{html_text(role_words)}</span> '
        f"<i>{html_text(_short_title(cit, sources))}</i>, {html_text(cit.get('locator'))} "
        f'<span class="d-badge" style="background:{RELIABILITY_BADGE.get(rel, "#555")}">reliability: '
        f"{html_text(rel)}</span></div>"
        f'<blockquote class="d-quote">“{html_text(cit.get("quote"))}”</blockquote>{auth}'
        f'<a href="{html_text(link)}" target="_self">Show this passage in the source ↗</a></div>'
    )


def _short_title(cit: Citation, sources: Mapping[str, Any]) -> Any:
    return sources.get(cit.get("source") or "", {}).get("short_title", cit.get("source"))


def _date_basis_html(p: EventProperties, sources: Mapping[str, Any]) -> str:
    """The box that says the year is not in the cited text, and what it rests on instead."""
    basis = p.get("date_basis")
    if not basis:
        return ""
    words = [BASIS_WORDS.get(r, str(r)) for r in basis.get("rests_on") or []]
    rests = " and ".join([", ".join(words[:-1]), words[-1]] if len(words) > 1 else words)
    quotes = "".join(
        f'<div class="d-small">{html_text(_short_title(c, sources))}, {html_text(c.get("locator"))}: '
        f"“{html_text(c.get('quote'))}”</div>"
        for c in basis.get("citations") or []
    )
    return (
        '<div class="d-basis"><b>The year is not in the cited words.</b> '
        f"The atlas dates this event {html_text(p.get('start'))}"
        f"{'–' + html_text(p.get('end')) if p.get('end') != p.get('start') else ''} and draws it as uncertain; "
        f"the date rests on {html_text(rests)}. {html_text(basis.get('note'))}{quotes}</div>"
    )


def _place_item(ref: PlaceRef, places: Places) -> str:
    pl = place_properties(places, ref.get("place"))
    links = []
    for lk in pl.get("links") or []:
        resolved = authority_link(lk.get("identifier"))
        if resolved:
            label, url = resolved
            links.append(f'<a href="{html_text(url)}" target="_blank" rel="noopener">{html_text(label)}</a>')
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
    return (
        f"<li><b>{html_text(pl.get('name', ref.get('place')))}</b> "
        f"({html_text(ref.get('role'))}; {html_text(prec)}){modern} "
        f"{' · '.join(links)}{cands}{note}</li>"
    )


_CSS = """<style>
.d-panel{font:14px/1.45 sans-serif}.d-title{font-size:1.25em;font-weight:700;margin:0 0 .2em;padding:0}
.d-meta{color:#4d4d4d}.d-kind{display:inline-block;padding:0 .45em;border-radius:3px;color:#fff;font-size:.85em}
.d-cite{border-left:3px solid #ccc;padding:.2em .6em;margin:.5em 0}.d-quote{margin:.3em 0;font-family:Georgia,serif}
.d-role-contradicts{border-left-color:#b00020}.d-role-context{border-left-style:dashed}
.d-badge{color:#fff;border-radius:3px;padding:0 .4em;font-size:.8em}.d-small{font-size:.85em;color:#555}
.d-warn{background:#ffe8d6;color:#8a1c00;border:1px solid #e9a27f;border-radius:4px;padding:.4em .6em;margin:.4em 0;
font-weight:600}
.d-basis{background:#f3f0ff;border:1px dashed #6a5acd;border-radius:4px;padding:.4em .6em;margin:.4em 0}
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
        f'<div class="d-meta"><span class="d-kind" style="background:{kind_color(p["kind"])};'
        f'color:{text_color_on(kind_color(p["kind"]))}">'
        f"{html_text(p['kind'])}</span> {html_text(p['date_label'])} "
        f"({html_text(p['start'])}{'–' + html_text(p['end']) if p['end'] != p['start'] else ''}"
        f"{', uncertain' if p.get('uncertain') else ''})</div>",
        _date_basis_html(p, sources),
        f"<p>{html_text(p['summary'])}</p>",
    ]
    if p.get("reliability") == "low":
        for note in p.get("notes") or ["(no note)"]:
            parts.append(f'<div class="d-warn">⚠ From an unreliable source: {html_text(note)}</div>')
    place_items = "".join(_place_item(ref, places) for ref in p.get("places", []))
    parts.append(f"<div><b>Places</b><ul>{place_items}</ul></div>")
    if p.get("participants"):
        items = "".join(
            f"<li>{html_text(x['name'])} <span class='d-small'>({html_text(x['type'])}, "
            f"{html_text(x['role'])})</span></li>"
            for x in p["participants"]
        )
        parts.append(f"<div><b>Participants</b><ul>{items}</ul></div>")
    parts.append("<div><b>Citations</b></div>")
    parts += [_citation_block(c, i, eid, sources) for i, (c, acc) in enumerate(cites) if acc is None]
    if p.get("scholarship"):
        items = "".join(
            f"<li>{html_text(s.get('claim'))} <span class='d-small'>— {html_text(s.get('basis'))}</span></li>"
            for s in p["scholarship"]
        )
        parts.append(
            "<div><b>Beyond the texts</b> <span class='d-small'>(what the summary adds, and from where)</span>"
            f"<ul>{items}</ul></div>"
        )
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
            when = f"<div class='d-small'>Date: {html_text(acc['date_label'])}</div>" if acc.get("date_label") else ""
            note = f"<div class='d-small'>{html_text(acc['note'])}</div>" if acc.get("note") else ""
            with col:
                st.html(
                    f"{_CSS}<div class='d-panel'><b>{html_text(acc['label'])}</b>{when}"
                    f"<p>{html_text(acc['claim'])}</p>{note}{''.join(blocks)}</div>"
                )
