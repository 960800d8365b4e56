"""The detail panel as HTML: an event (its date and what the date rests on, citations with their role,
accounts side by side under their question, places, participants, related events) and a polity's card.

Pure Python (no Streamlit), so the app and a static page show the same HTML. Every string from the data
passes through :func:`geo.render.html_text`. Links go through a :class:`PanelLinks`: the app's keep the
reader's whole view in the address (year, window, filters, map view), so following one moves nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from geo.features import (
    Citation,
    EventFeature,
    EventProperties,
    PlaceRef,
    Places,
    PolityFeature,
    Sources,
    all_citations,
    place_properties,
)
from geo.labels import status_line
from geo.render import PRECISION_WORDS, html_text, kind_color, polity_color, text_color_on
from geo.timemodel import overlaps

RELIABILITY_BADGE = {"high": "#1b7f3b", "medium": "#8a6d00", "low": "#b00020"}
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
#: A place's part in an event, in words ("location" goes without saying).
PLACE_ROLE_WORDS = {"origin": "from", "destination": "to", "via": "by way of", "target": "against"}
#: A related event, seen from the event that records the link, and from the other one.
RELATION_WORDS = {
    "part of": "Part of",
    "follows": "After",
    "same as?": "Possibly the same as",
    "contradicts": "At odds with",
}
INVERSE_WORDS = {"part of": "Includes", "follows": "Followed by"}
#: How well a polity's line is known (``border_precision``).
BORDER_WORDS = {
    1: "well known (a coast, or a line scholars agree on)",
    2: "approximate (the right region; the line within about 50 km)",
    3: "schematic (a rough outline of the region)",
}

#: Authority prefixes (Linked Places ``links``), the words a reader sees and where each id resolves.
_AUTHORITIES = {
    "pl": ("Pleiades place", re.compile(r"[0-9]+"), "https://pleiades.stoa.org/places/{}"),
    "wd": ("Wikidata item", re.compile(r"Q[0-9]+"), "https://www.wikidata.org/wiki/{}"),
}

PANEL_CSS = """<style>
.d-panel{font:14px/1.45 sans-serif}.d-title{font-size:1.25em;font-weight:700;margin:0 0 .2em;padding:0}
.d-meta{color:#4d4d4d}.d-kind{display:inline-block;padding:0 .45em;border-radius:3px;color:#fff;font-size:.85em}
.d-cite{border-left:3px solid #ccc;padding:.2em .6em;margin:.5em 0}.d-quote{margin:.3em 0;font-family:Georgia,serif}
.d-role-contradicts{border-left-color:#b00020}.d-role-context{border-left-style:dashed}
.d-badge{color:#fff;border-radius:3px;padding:0 .4em;font-size:.8em}.d-small{font-size:.85em;color:#555}
.d-warn{background:#ffe8d6;color:#8a1c00;border:1px solid #e9a27f;border-radius:4px;padding:.4em .6em;margin:.4em 0;
font-weight:600}
.d-basis{background:#f3f0ff;border:1px dashed #6a5acd;border-radius:4px;padding:.4em .6em;margin:.4em 0}
.d-accounts{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:.8em;margin:.3em 0}
.d-account{border-top:3px solid #8a6d00;padding-top:.3em}.d-question{font-weight:700;margin-top:.6em}
.d-related li{margin:.15em 0}.d-q{color:#8a1c00;font-size:.9em}
.d-card{border-left:6px solid #888;padding:.2em .8em;margin:.2em 0 .8em}
@media print{.d-panel{font-size:7.5pt;line-height:1.2;column-count:2;column-gap:6mm}.d-title{column-span:all}
.d-src{display:none}.d-cite{margin:.2em 0;break-inside:avoid}.d-quote{margin:.1em 0}.d-panel ul{margin:.1em 0;
padding-left:1.2em}.d-panel p,.d-panel ul,.d-panel li{font-size:7.5pt!important;line-height:1.2!important;margin:.1em 0}
.d-accounts{display:block}.d-account{break-inside:avoid;margin-bottom:.4em}.d-card{column-count:1}}
</style>"""


@dataclass(frozen=True)
class PanelLinks:
    """Where the panel's links go: query strings over ``base`` (the reader's view, as URL parameters).

    ``window`` is the years in view: a link to an event inside it keeps the year, one outside moves the
    year to the event's start.
    """

    base: Mapping[str, str] = field(default_factory=dict)
    window: tuple[int, int] | None = None

    def _href(self, **params: Any) -> str:
        merged = {k: v for k, v in self.base.items() if k not in ("page", "source", "cite")}
        merged.update({k: str(v) for k, v in params.items() if v is not None})
        return "?" + urlencode(merged)

    def event(self, event_id: str, start: int, end: int) -> str:
        """The atlas with ``event_id`` selected; the year moves only if the event is out of view."""
        in_view = self.window is not None and overlaps(start, end, *self.window)
        return self._href(event=event_id, year=None if in_view else start)

    def source(self, source_id: str, event_id: str, cite: int) -> str:
        """The sources page at the passage that citation ``cite`` of the event quotes."""
        return self._href(page="sources", source=source_id, event=event_id, cite=cite)


def authority_link(identifier: Any) -> tuple[str, str] | None:
    """``(words, url)`` for a Linked Places identifier such as ``pl:520998``; None if it is not one."""
    prefix, _, local = str(identifier).partition(":")
    if prefix not in _AUTHORITIES:
        return None
    name, pattern, url = _AUTHORITIES[prefix]
    if not pattern.fullmatch(local):
        return None
    return f"{name} {local}", url.format(local)


def _short_title(cit: Citation, sources: Sources) -> Any:
    return sources.get(cit.get("source") or "", {}).get("short_title", cit.get("source"))


def citation_block(cit: Citation, idx: int, event_id: str, sources: Sources, links: PanelLinks) -> str:
    """One citation: its role, the source's title and reliability, the quote, and a link to the passage."""
    src = sources.get(cit.get("source") or "", {})
    rel = src.get("reliability", "?")
    role_words, role_color = ROLE_BADGE.get(cit.get("role") or "supports", ROLE_BADGE["supports"])
    link = links.source(cit.get("source", ""), event_id, idx)
    auth = ""
    if cit.get("primary_authorities"):
        auth = f'<div class="d-small">Primary sources named: {html_text(", ".join(cit["primary_authorities"]))}</div>'
    return (
        f'<div class="d-cite d-role-{html_text(cit.get("role") or "supports")}">'
        f'<div><span class="d-badge" style="background:{role_color}">{html_text(role_words)}</span> '
        f"<i>{html_text(_short_title(cit, sources))}</i>, {html_text(cit.get('locator'))} "
        f'<span class="d-badge" style="background:{RELIABILITY_BADGE.get(rel, "#555")}">reliability: '
        f"{html_text(rel)}</span></div>"
        f'<blockquote class="d-quote">“{html_text(cit.get("quote"))}”</blockquote>{auth}'
        f'<a class="d-src" href="{html_text(link)}" target="_self">Show this passage in the source ↗</a></div>'
    )


def _years(p: Mapping[str, Any]) -> str:
    return f"{html_text(p.get('start'))}{'–' + html_text(p.get('end')) if p.get('end') != p.get('start') else ''}"


def date_basis_html(p: EventProperties, sources: Sources) -> str:
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
        f"The atlas dates this event {_years(p)} and draws it as uncertain; "
        f"the date rests on {html_text(rests)}. {html_text(basis.get('note'))}{quotes}</div>"
    )


def place_item(ref: PlaceRef, places: Places) -> str:
    """A place of an event in plain words: its part, how well its site is known, today's name, authorities."""
    pl = place_properties(places, ref.get("place"))
    links = []
    for lk in pl.get("links") or []:
        resolved = authority_link(lk.get("identifier"))
        if resolved:
            words, url = resolved
            links.append(f'<a href="{html_text(url)}" target="_blank" rel="noopener">{html_text(words)}</a>')
    role = PLACE_ROLE_WORDS.get(ref.get("role") or "")
    prec = PRECISION_WORDS.get(pl.get("precision") or "", "")
    bits = [html_text(prec.capitalize())] if prec else []
    if pl.get("modern_name"):
        bits.append(f"today {html_text(pl['modern_name'])}")
    if links:
        bits.append("identified with " + " and ".join(links))
    cands = ""
    if pl.get("candidates"):
        cands = (
            "<br><span class='d-small'>Proposed sites: "
            + "; ".join(f"{html_text(c.get('name'))} ({html_text(c.get('proposed_by'))})" for c in pl["candidates"])
            + "</span>"
        )
    note = f"<br><span class='d-small'>{html_text(pl['note'])}</span>" if pl.get("note") else ""
    return (
        f"<li>{html_text(role) + ' ' if role else ''}<b>{html_text(pl.get('name', ref.get('place')))}</b>"
        f"{' — ' + '; '.join(bits) if bits else ''}{cands}{note}</li>"
    )


def _participant(x: Mapping[str, Any], polity_names: Mapping[str, str]) -> str:
    extra = ""
    if x.get("type") == "exile":
        former = polity_names.get(x.get("former_polity") or "")
        extra = f", in exile{' from ' + html_text(former) if former else ''}"
    elif x.get("type") == "commander" and polity_names.get(x.get("polity") or ""):
        extra = f", commanding for {html_text(polity_names[x['polity']])}"
    return f"<li>{html_text(x.get('name'))} <span class='d-small'>({html_text(x.get('role'))}{extra})</span></li>"


def related_links(event: EventFeature, events: Iterable[EventFeature]) -> list[tuple[str, EventFeature]]:
    """``(words, other event)`` for every event linked to this one, either way, in story order."""
    eid = event["id"]
    by_id = {e["id"]: e for e in events}
    out: dict[str, tuple[str, EventFeature]] = {}
    for rel in event["properties"].get("related") or []:
        other = by_id.get(rel.get("event", ""))
        if other is not None and other["id"] != eid:
            out.setdefault(other["id"], (RELATION_WORDS.get(rel["relation"], rel["relation"]), other))
    for other in by_id.values():  # the inverse of the directed links the other events record
        for rel in other["properties"].get("related") or []:
            if rel.get("event") == eid and rel.get("relation") in INVERSE_WORDS and other["id"] != eid:
                out.setdefault(other["id"], (INVERSE_WORDS[rel["relation"]], other))
    order = {e_id: i for i, e_id in enumerate(by_id)}
    return sorted(out.values(), key=lambda t: order[t[1]["id"]])


def related_html(event: EventFeature, events: Iterable[EventFeature], links: PanelLinks) -> str:
    """The related events as links; for one that holds a disagreement of the texts, the question it answers."""
    items = []
    n_questions = 0
    for words, other in related_links(event, events):
        op = other["properties"]
        href = links.event(other["id"], op["start"], op["end"])
        question = ""
        if op.get("accounts"):
            n_questions += 1
            q = op.get("question") or "the texts disagree"
            question = f'<br><span class="d-q">⚖ The texts disagree here: {html_text(q)}</span>'
        items.append(
            f'<li>{html_text(words)}: <a href="{html_text(href)}" target="_self" data-event="{html_text(other["id"])}">'
            f"{html_text(op.get('title'))}</a> <span class='d-small'>({html_text(op.get('date_label'))})</span>"
            f"{question}</li>"
        )
    if not items:
        return ""
    head = "<b>Related events</b>"
    if n_questions:
        head += f" <span class='d-small'>({n_questions} of them hold questions on which the texts disagree)</span>"
    return f'<div class="d-related">{head}<ul>{"".join(items)}</ul></div>'


def accounts_html(event: EventFeature, sources: Sources, links: PanelLinks) -> str:
    """The event's own disagreement: its question, then each account with its citations, side by side."""
    p = event["properties"]
    accounts = p.get("accounts") or []
    if not accounts:
        return ""
    offset = len(p.get("citations") or [])
    cols = []
    for acc in accounts:
        blocks = []
        for c in acc.get("citations", []):
            blocks.append(citation_block(c, offset, event["id"], sources, links))
            offset += 1
        when = f"<div class='d-small'>Date: {html_text(acc['date_label'])}</div>" if acc.get("date_label") else ""
        note = f"<div class='d-small'>{html_text(acc['note'])}</div>" if acc.get("note") else ""
        cols.append(
            f"<div class='d-account'><b>{html_text(acc.get('label'))}</b>{when}"
            f"<p>{html_text(acc.get('claim'))}</p>{note}{''.join(blocks)}</div>"
        )
    question = html_text(p.get("question") or "")
    return (
        f"<div class='d-question'>The texts disagree{': ' + question if question else ''}</div>"
        f"<div class='d-small'>Each account with its own sources, side by side.</div>"
        f"<div class='d-accounts'>{''.join(cols)}</div>"
    )


def event_html(
    event: EventFeature,
    places: Places,
    sources: Sources,
    *,
    events: Iterable[EventFeature] = (),
    polity_names: Mapping[str, str] | None = None,
    links: PanelLinks | None = None,
) -> str:
    """Everything known about one event, as one block of HTML (with its styles)."""
    links = links or PanelLinks()
    p = event["properties"]
    eid = event["id"]
    color = kind_color(p["kind"])
    parts = [
        PANEL_CSS,
        '<div class="d-panel">',
        f'<h2 class="d-title" id="atlas-detail" tabindex="-1">{html_text(p["title"])}</h2>',
        f'<div class="d-meta"><span class="d-kind" style="background:{color};color:{text_color_on(color)}">'
        f"{html_text(p['kind'])}</span> {html_text(p['date_label'])} "
        f"({_years(p)}{', date uncertain' if p.get('uncertain') else ''})</div>",
        date_basis_html(p, sources),
        f"<p>{html_text(p['summary'])}</p>",
    ]
    if p.get("reliability") == "low":
        for note in p.get("notes") or ["(no note)"]:
            parts.append(f'<div class="d-warn">⚠ From an unreliable source: {html_text(note)}</div>')
    place_items = "".join(place_item(ref, places) for ref in p.get("places", []))
    parts.append(f"<div><b>Places</b><ul>{place_items}</ul></div>")
    if p.get("participants"):
        items = "".join(_participant(x, polity_names or {}) for x in p["participants"])
        parts.append(f"<div><b>Who took part</b><ul>{items}</ul></div>")
    parts.append(related_html(event, events, links))
    parts.append("<div><b>Citations</b></div>")
    parts += [
        citation_block(c, i, eid, sources, links) for i, (c, acc) in enumerate(all_citations(event)) if acc is None
    ]
    parts.append(accounts_html(event, sources, links))
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
    return "".join(parts)


def polity_status_words(props: Mapping[str, Any], polity_names: Mapping[str, str]) -> str:
    """ "tributary of the Golden Horde", "independent": the status with the overlord by name, never an id."""
    line = status_line(props, polity_names)
    return line if line else "independent"


def polity_card_html(
    polity: PolityFeature, places: Places, sources: Sources, polity_names: Mapping[str, str], year: int | None = None
) -> str:
    """A polity's card: name, status and overlord, capital, the years of this shape, how well its line is
    known and what it follows, and the passages of the texts that speak of it."""
    pr = polity["properties"]
    color = polity_color(pr)
    capital = place_properties(places, pr.get("capital")).get("name") if pr.get("capital") else None
    years = f"{html_text(pr.get('start'))}–{html_text(pr.get('end'))}"
    uncertain = [x for x in (pr.get("start_edtf"), pr.get("end_edtf")) if x]
    if uncertain:
        years += " (a change date is uncertain: " + ", ".join(html_text(u) for u in uncertain) + ")"
    rows = [
        ("Status", html_text(polity_status_words(pr, polity_names))),
        ("Capital", html_text(capital) if capital else "not drawn"),
        ("This border", f"drawn {years}" + (f"; shown for {html_text(year)}" if year is not None else "")),
        ("How well the line is known", html_text(BORDER_WORDS.get(int(pr.get("border_precision") or 0), "not stated"))),
        ("The line follows", html_text(pr.get("border_note") or "not stated")),
    ]
    if pr.get("names_in_texts"):
        rows.insert(1, ("In the texts", html_text(", ".join(f"“{n}”" for n in pr["names_in_texts"]))))
    table = "".join(f"<tr><th align='left' valign='top'>{k}</th><td>{v}</td></tr>" for k, v in rows)
    cites = "".join(
        f"<div class='d-cite'><i>{html_text(_short_title(c, sources))}</i>, {html_text(c.get('locator'))}"
        f"<blockquote class='d-quote'>“{html_text(c.get('quote'))}”</blockquote>"
        f"{'<div class=d-small>' + html_text(c['note']) + '</div>' if c.get('note') else ''}</div>"
        for c in pr.get("citations") or []
    )
    return (
        f"{PANEL_CSS}<div class='d-panel d-card' style='border-left-color:{color}' "
        f"data-polity='{html_text(polity['id'])}'>"
        f"<h2 class='d-title' id='atlas-polity' tabindex='-1'>{html_text(pr.get('name'))}</h2>"
        f"<table class='d-small' cellpadding='3'>{table}</table>"
        + (f"<div><b>What the texts say of it</b>{cites}</div>" if cites else "")
        + "</div>"
    )
