"""A tour step as a reader sees it: HTML for the tour panel, every data string escaped.

Pure Python (no Streamlit), so a static page can render the same panel. The panel shows the step's place in
the tour, its title and text, the warning a step resting on the unreliable source carries, the versions of
a disagreement side by side (each with its own quoted words), and the passages the step cites.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from geo.features import Citation, EventFeature
from geo.render import html_text
from geo.tours import AccountRef, Step, Tour


def step_indicator(index: int, total: int) -> str:
    """``Step 3 of 8`` (``index`` counts from 0)."""
    return f"Step {index + 1} of {total}"


def _quote_html(cit: Citation, sources: Mapping[str, Any]) -> str:
    src = sources.get(cit.get("source") or "", {})
    title = src.get("short_title") or cit.get("source")
    warn = ' <span class="tp-warn">unreliable source</span>' if src.get("reliability") == "low" else ""
    return (
        f'<li><q class="tp-quote">{html_text(cit.get("quote"))}</q> '
        f'<span class="tp-src">— {html_text(title)}, {html_text(cit.get("locator"))}</span>{warn}</li>'
    )


def version(ref: AccountRef, events: Mapping[str, EventFeature]) -> tuple[str, str, list[Citation]]:
    """``(label, claim, citations)`` of one version a step shows: an event's account, or its own claim."""
    event = events.get(ref.get("event", ""))
    if event is None:
        return ref.get("event", ""), "", []
    props = event["properties"]
    for acc in props.get("accounts") or []:
        if acc.get("id") == ref.get("account"):
            return acc.get("label", ""), acc.get("claim", ""), list(acc.get("citations", []))
    supporting = [c for c in props.get("citations", []) if (c.get("role") or "supports") == "supports"]
    return props.get("title", event["id"]), props.get("summary", ""), supporting


def accounts_html(step: Step, events: Mapping[str, EventFeature], sources: Mapping[str, Any]) -> str:
    """The versions of the step's disagreement, side by side; empty when the step shows none."""
    refs = step.get("accounts") or []
    if not refs:
        return ""
    columns = []
    for ref in refs:
        label, claim, cites = version(ref, events)
        quotes = "".join(_quote_html(c, sources) for c in cites)
        columns.append(
            f'<div class="tp-version"><div class="tp-vlabel">{html_text(label)}</div>'
            f'<div class="tp-claim">{html_text(claim)}</div><ul class="tp-quotes">{quotes}</ul></div>'
        )
    return (
        f'<div class="tp-versions-title">The texts disagree: {len(refs)} versions</div>'
        '<div class="tp-versions">' + "".join(columns) + "</div>"
    )


def step_html(
    tour: Tour, index: int, events: Mapping[str, EventFeature], sources: Mapping[str, Any], paused: bool = False
) -> str:
    """The tour panel for step ``index`` (from 0) of ``tour``."""
    step = tour["steps"][index]
    note = ""
    if step.get("reliability_note"):
        note = f'<div class="tp-note"><b>Unreliable source.</b> {html_text(step["reliability_note"])}</div>'
    paused_line = (
        '<div class="tp-paused">Tour paused: you changed the map. “Resume” goes back to this step.</div>'
        if paused
        else ""
    )
    cites = "".join(_quote_html(c, sources) for c in step.get("citations", []))
    return (
        TOUR_CSS + f'<div class="tour-panel" data-step="{index + 1}">'
        f'<div class="tp-tour">{html_text(tour["title"])} · <span class="tp-step">'
        f"{html_text(step_indicator(index, len(tour['steps'])))}</span></div>"
        f'<div class="tp-title">{html_text(step.get("title"))}</div>{paused_line}'
        f'<div class="tp-text">{html_text(step.get("text"))}</div>{note}'
        f"{accounts_html(step, events, sources)}"
        f'<details class="tp-cites"><summary>What the texts say ({len(step.get("citations", []))})</summary>'
        f'<ul class="tp-quotes">{cites}</ul></details></div>'
    )


TOUR_CSS = """<style>
.tour-panel { font: 14px/1.45 sans-serif; border-left: 4px solid #7a4b00; padding: 6px 12px; background: #fffaf0; }
.tp-tour { color: #5a4a2a; font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
.tp-step { font-weight: bold; }
.tp-title { font-size: 18px; font-weight: bold; margin: 2px 0 6px 0; }
.tp-text { margin-bottom: 6px; }
.tp-note { background: #ffe8d6; color: #6b1500; padding: 4px 8px; border-radius: 3px; margin: 6px 0; }
.tp-paused { background: #eef3f8; color: #123; padding: 3px 8px; border-radius: 3px; margin: 4px 0; }
.tp-versions-title { font-weight: bold; margin: 8px 0 4px 0; }
.tp-versions { display: grid; gap: 8px; grid-template-columns: repeat(auto-fit, minmax(125px, 1fr)); }
.tp-version { border: 1px solid #d8cbb0; background: #fff; padding: 5px 6px; border-radius: 4px; font-size: 12.5px; }
.tp-vlabel { font-weight: bold; font-size: 13px; }
.tp-claim { font-size: 12.5px; margin: 2px 0; }
.tp-quotes { margin: 2px 0 0 0; padding-left: 16px; font-size: 13px; }
.tp-quote { font-style: italic; }
.tp-src { color: #555; }
.tp-warn { color: #8a1c00; background: #ffe8d6; padding: 0 4px; border-radius: 3px; font-weight: bold; }
.tp-cites summary { cursor: pointer; color: #5a4a2a; }
</style>"""
