"""HTML for the atlas: popups, tooltips, the legend, the source reader, and the escaping they rely on.

Pure Python (no Streamlit). Every string that comes from the data passes through :func:`html_text`
(HTML-escaped) before it becomes HTML; the map's popups and tooltips are such HTML strings, carried
to the browser inside the map's JSON bundle (geo/bundle.py) and never evaluated as JavaScript.
Markdown that Streamlit renders gets :func:`markdown_text` instead.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from typing import Any

from geo.features import (
    EventFeature,
    Places,
    PolityFeature,
    PolityProperties,
    Sources,
    all_citations,
    place_properties,
)
from geo.labels import status_line

MAP_CENTER = (42.0, 32.0)
MAP_ZOOM = 5
MIN_ZOOM = 3
#: Closer than this the map shows nothing the data can support: borders are schematic (±50 km and worse) and
#: approximate sites ±25 km; at zoom 8 the scale bar reads about 20 km (before: zoom 10, a 500 m bar).
MAX_ZOOM = 8
SEA = "#c9dbe3"
LAND = "#f1ead8"
LAND_EDGE = "#a99d82"
RIVER = "#7fa7bd"

#: Colour per event kind, in families: diplomacy blue/teal, war red/orange, territory brown,
#: people purple/grey.
KIND_COLORS: dict[str, str] = {
    "embassy": "#1f78b4",
    "letter": "#4a9fd8",
    "marriage": "#e377c2",
    "treaty": "#17a2a2",
    "alliance": "#0b6e6e",
    "tribute": "#6baed6",
    "promise": "#89c4e1",
    "submission": "#2c5f8a",
    "siege": "#d62728",
    "battle": "#a50f15",
    "invasion": "#e6550d",
    "raid": "#fd8d3c",
    "campaign": "#f16913",
    "capture": "#cb181d",
    "occupation": "#b3541e",
    "cession": "#8c6d31",
    "partition": "#a6761d",
    "settlement": "#bd9e39",
    "imprisonment": "#6a3d9a",
    "release": "#9e7bc4",
    "plot": "#54278f",
    "accession": "#807dba",
    "death": "#525252",
    "journey": "#2ca25f",
    "fortification": "#7a5c2e",
}
FALLBACK_COLOR = "#444444"
#: Drawn for a polity whose colour is not ``#rrggbb`` (the schema refuses it; the map must not break).
POLITY_FALLBACK_COLOR = "#888888"
_HEX_COLOR = re.compile(r"#[0-9a-fA-F]{6}")

#: How well a place's site is known, in a reader's words (``precision`` in data/README.md).
PRECISION_WORDS = {
    "exact": "site known",
    "approximate": "location approximate (±25 km)",
    "region": "a representative point for the region",
    "disputed": "site disputed",
}

# --------------------------------------------------------------------------- escaping


def html_text(value: Any) -> str:
    """HTML-escape ``value`` (as text), quotes included."""
    return html.escape("" if value is None else str(value), quote=True)


#: Every ASCII punctuation character: CommonMark lets a backslash escape each of them, and ``&`` (entities),
#: ``=`` (setext headings), ``"``/``'`` and ``:`` (Streamlit's ``:color[...]`` and emoji) all matter.
_MD_SPECIAL = re.compile(r"([!-/:-@\[-`{-~])")


def markdown_text(value: Any) -> str:
    """Escape every Markdown special character so ``st.markdown`` shows ``value`` literally."""
    return _MD_SPECIAL.sub(r"\\\1", "" if value is None else str(value))


# --------------------------------------------------------------------------- HTML fragments


def kind_color(kind: str) -> str:
    """The legend colour of an event kind."""
    return KIND_COLORS.get(kind, FALLBACK_COLOR)


def _luminance(color: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def text_color_on(background: str) -> str:
    """White or near-black, whichever reads better on ``background`` (``#rrggbb``; WCAG contrast)."""
    if not _HEX_COLOR.fullmatch(background):
        return "#111111"
    lum = _luminance(background)
    return "#ffffff" if (1.05 / (lum + 0.05)) >= ((lum + 0.05) / (_luminance("#111111") + 0.05)) else "#111111"


def polity_color(props: PolityProperties) -> str:
    """A polity's colour as ``#rrggbb``, safe to put into CSS: anything else becomes grey."""
    color = str(props.get("color"))
    return color if _HEX_COLOR.fullmatch(color) else POLITY_FALLBACK_COLOR


def place_line(event: EventFeature, places: Places) -> str:
    """Plain text: the event's places with the precision of each (``Vicina (site disputed)``)."""
    parts = []
    for ref in event["properties"].get("places", []):
        p = place_properties(places, ref.get("place"))
        name = p.get("name", ref.get("place"))
        prec = PRECISION_WORDS.get(p.get("precision") or "", p.get("precision") or "")
        parts.append(f"{name} ({prec})" if prec else str(name))
    return "; ".join(dict.fromkeys(parts))


def citation_html(citation: Mapping[str, Any], sources: Sources) -> str:
    """One citation: short source title, locator, and the quoted words in quotation marks."""
    src = sources.get(citation.get("source") or "", {})
    title = src.get("short_title") or citation.get("source")
    warn = ' <span class="atlas-warn">unreliable source</span>' if src.get("reliability") == "low" else ""
    # a quote cited only for context, or against the claim, must not read as evidence for it
    role = citation.get("role") or "supports"
    role_note = f' <span class="atlas-role">({html_text(role)})</span>' if role != "supports" else ""
    return (
        f'<span class="atlas-src">{html_text(title)}</span>, {html_text(citation.get("locator"))}: '
        f'<q class="atlas-quote">{html_text(citation.get("quote"))}</q>{role_note}{warn}'
    )


def popup_html(event: EventFeature, places: Places, sources: Sources) -> str:
    """The popup of an event as HTML, every data string escaped (the map inserts it as HTML).

    Short enough to leave the map visible: title, the date in the text's words, the place, one quote
    with its locator, and "+N more sources" pointing to the detail panel, which holds all of them.
    """
    p = event["properties"]
    uncertain = " · date uncertain" if p.get("uncertain") else ""
    cites = all_citations(event)
    quote = f'<div class="atlas-cite">{citation_html(cites[0][0], sources)}</div>' if cites else ""
    more = ""
    if len(cites) > 1:
        n = len(cites) - 1
        more = f'<a class="atlas-more" href="#" role="button">+{n} more source{"s" if n > 1 else ""}</a>'
    low = ""
    if p.get("reliability") == "low":
        low = '<div class="atlas-warn">From an unreliable source: check the notes.</div>'
    return (
        f'<div class="atlas-popup" data-event="{html_text(event["id"])}">'
        f'<div class="atlas-title">{html_text(p.get("title"))}</div>'
        f'<div class="atlas-meta">{html_text(p.get("date_label"))}{html_text(uncertain)} · '
        f"{html_text(p.get('kind'))}</div>"
        f'<div class="atlas-place">{html_text(place_line(event, places))}</div>'
        f"{low}{quote}{more}</div>"
    )


def unreliable_words(event: EventFeature, sources: Sources) -> str | None:
    """ "from the unreliable web summary" for an event that rests on a low-reliability source, else None."""
    if event["properties"].get("reliability") != "low":
        return None
    cited = [sources.get(c.get("source") or "", {}) for c in event["properties"].get("citations", [])]
    kinds = sorted({str(src.get("kind") or "source") for src in cited if src.get("reliability") == "low"})
    return f"from the unreliable {' and '.join(kinds) or 'source'}"


def tooltip_text(event: EventFeature, sources: Sources | None = None) -> str:
    """Tooltip HTML of an event (escaped): title, the date in the source's words, and a warning if it rests
    on the unreliable source."""
    p = event["properties"]
    low = unreliable_words(event, sources or {})
    warn = f'<br><span class="atlas-warn">⚠ {html_text(low)}</span>' if low else ""
    return f"<b>{html_text(p.get('title'))}</b><br>{html_text(p.get('date_label'))}{warn}"


def polity_tooltip_html(props: PolityProperties, names: Mapping[str, str]) -> str:
    """A polity shape's tooltip (escaped): its name and its status, the overlord by name."""
    status = status_line(props, names) or "independent"
    hint = '<br><span class="atlas-hint">click for its card</span>'
    return f"<b>{html_text(props.get('name'))}</b><br>{html_text(status)}{hint}"


def _swatch(parts: str, words: str) -> str:
    return f'<span class="lg-item"><span class="lg-sw">{parts}</span>{words}</span>'


def _dot(style: str) -> str:
    return f'<span class="lg-c" style="{style}"></span>'


def _box(style: str) -> str:
    return f'<span class="lg-r" style="{style}"></span>'


#: Every style of line and marker the map draws, drawn small in CSS (Streamlit's HTML keeps no SVG), with its meaning.
_EVENT_STYLES = "".join(
    (
        _swatch(_dot("background:#1f78b4;border:1.5px solid #333"), "an event at a place"),
        _swatch(
            '<span class="lg-l" style="border-top:3.5px solid #2ca25f"></span><span style="color:#2ca25f">▶</span>',
            "a movement; the arrow shows its direction",
        ),
        _swatch(
            _dot("background:rgba(31,120,180,.35);border:2px dashed rgba(51,51,51,.6)"),
            "dashed and translucent: date uncertain",
        ),
        _swatch(
            _dot("background:#1f78b4;border:2.5px dotted #b00020"),
            "dotted dark red ring (a dotted line for a movement): from the unreliable web summary",
        ),
        _swatch(_dot("background:#1f78b4;border:3px solid #111;width:13px;height:13px"), "the selected event"),
        _swatch('<span class="lg-n">3</span>', "several events at one place (a click lists them)"),
        _swatch(
            '<span class="lg-l" style="border-top:1.5px dashed #555;width:10px"></span>'
            + _dot("background:none;border:1.5px solid #333;width:8px;height:8px"),
            "a proposed site of a disputed place",
        ),
    )
)
_POLITY_STYLES = "".join(
    (
        _swatch(_box("background:rgba(119,34,119,.28);border:1.5px solid #772277"), "independent"),
        _swatch(
            _box("background:rgba(51,153,68,.16);border:1.5px dotted #339944"),
            "dotted edge, lighter: vassal or tributary",
        ),
        _swatch(_box("background:rgba(136,136,136,.28);border:1.5px dashed #555"), "dashed edge: contested"),
    )
)


def legend_html(kinds: Iterable[str], polities: Iterable[PolityFeature]) -> str:
    """The legend: the event kinds shown, every line and marker style, the polities of the year in their colours."""
    kind_items = "".join(
        f'<span class="lg-item"><span class="lg-dot" style="background:{kind_color(k)}"></span>{html_text(k)}</span>'
        for k in kinds
    )
    seen: dict[str, tuple[str, str]] = {}
    for f in polities:
        pr = f["properties"]
        seen.setdefault(pr.get("polity", f.get("id")), (pr.get("name", ""), polity_color(pr)))
    pol_items = "".join(
        f'<span class="lg-item"><span class="lg-box" style="background:{c}"></span>{html_text(n)}</span>'
        for n, c in seen.values()
    )
    return (
        "<style>.atlas-legend{font:13px/1.5 sans-serif}.atlas-legend>div{margin:.15em 0}.lg-item{display:inline-block;"
        "margin-right:.9em;white-space:nowrap}.lg-sw{display:inline-block;margin-right:4px;vertical-align:-2px}"
        ".lg-c{display:inline-block;width:10px;height:10px;border-radius:50%;box-sizing:border-box}"
        ".lg-r{display:inline-block;width:20px;height:11px;box-sizing:border-box}"
        ".lg-l{display:inline-block;width:14px;height:0;vertical-align:middle}"
        ".lg-n{display:inline-block;background:#222;color:#fff;font:bold 10px/14px sans-serif;padding:0 4px;"
        "border-radius:7px}"
        ".lg-dot{display:inline-block;width:11px;height:11px;border-radius:50%;"
        "margin-right:4px;vertical-align:-1px;border:1px solid #333}.lg-box{display:inline-block;"
        "width:14px;height:10px;margin-right:4px;opacity:.6;border:1px solid #333}"
        "@media print{.atlas-legend{font-size:7.5pt;line-height:1.3;break-inside:avoid}}</style>"
        '<div class="atlas-legend">'
        f"<div><b>Kinds of event in view</b>: {kind_items or 'none in view'}</div>"
        f"<div><b>Markers and lines</b>: {_EVENT_STYLES}</div>"
        f"<div><b>Borders</b>: {_POLITY_STYLES} <span class='lg-item'>click a polity for its card</span></div>"
        f"<div><b>Polities in this year</b>: {pol_items or 'none'}</div></div>"
    )


def source_html(text: str, spans: list[tuple[int, int, str]], active: int | None = None) -> str:
    """A seed text as escaped HTML with each ``(start, end, title)`` span in ``<mark>``.

    The active span gets ``id="atlas-active-quote"`` so a script can scroll it into view;
    overlapping spans are merged into the first.
    """
    out, pos = [], 0
    ordered = sorted(enumerate(spans), key=lambda t: t[1][0])
    for idx, (start, end, title) in ordered:
        if start < pos:
            continue
        out.append(html_text(text[pos:start]))
        attrs = f' title="{html_text(title)}" data-span="{idx}"'
        if idx == active:
            attrs += ' id="atlas-active-quote" class="active"'
        out.append(f"<mark{attrs}>{html_text(text[start:end])}</mark>")
        pos = end
    out.append(html_text(text[pos:]))
    return (
        '<div class="atlas-seed" tabindex="0" role="region" aria-label="Source text" '
        'style="white-space:pre-wrap;font:14px/1.55 Georgia,serif;'
        'max-height:480px;overflow:auto;border:1px solid #ddd;padding:10px 14px;background:#fffdf7">'
        + "".join(out)
        + "</div>"
        "<style>.atlas-seed mark{background:#fdf1a6}.atlas-seed mark.active{background:#ffc94d;"
        "outline:2px solid #e0a000}</style>"
    )


#: The map's own styles (labels, arrows, popups), put into the map's page by geo/livemap.py.
MAP_CSS = f"""<style>
.leaflet-container {{ background: {SEA}; font-family: sans-serif; }}
.place-label .pl-dot {{ position: absolute; left: -2px; top: -2px; width: 4px; height: 4px; border-radius: 50%;
  background: #4a3f2c; }}
.place-label .pl-text {{ position: absolute; font: 11px/1.1 Georgia, serif; color: #4a3f2c; white-space: nowrap;
  text-shadow: 0 0 2px {LAND}, 0 0 2px {LAND}, 0 0 3px #fff; }}
.place-label.pos-r .pl-text {{ left: 4px; top: 0; transform: translateY(-50%); }}
.place-label.pos-l .pl-text {{ right: 4px; top: 0; transform: translateY(-50%); }}
.place-label.pos-a .pl-text {{ left: 0; bottom: 4px; transform: translateX(-50%); }}
.place-label.pos-b .pl-text {{ left: 0; top: 4px; transform: translateX(-50%); }}
.place-label.pos-none .pl-text, .polity-label.pos-none {{ visibility: hidden; }}
.polity-label .pol-box {{ position: absolute; left: 0; top: 0; transform: translate(-50%, -50%); text-align: center;
  white-space: nowrap; color: #3b3324; text-shadow: 0 0 2px #fff, 0 0 3px #fff, 0 0 4px {LAND}; }}
.polity-label .pol-name {{ display: block; font: 600 10px/1.15 sans-serif; letter-spacing: .06em;
  text-transform: uppercase; }}
.polity-label.size-1 .pol-name {{ font-size: 8.5px; }}
.polity-label.size-3 .pol-name {{ font-size: 12px; }}
.polity-label.size-4 .pol-name {{ font-size: 14px; letter-spacing: .12em; }}
.polity-label .pol-status {{ display: block; font: italic 9px/1.15 sans-serif; color: #4d4330; }}
.atlas-arrow {{ font-size: 14px; line-height: 14px; text-align: center; }}
.atlas-popup {{ font: 13px/1.35 sans-serif; }}
.atlas-title {{ font-weight: bold; font-size: 14px; }}
.atlas-meta, .atlas-place {{ color: #4d4d4d; }}
.atlas-cite {{ margin: 4px 0 2px 0; }}
.atlas-cite .atlas-quote {{ display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden;
  font-family: Georgia, serif; }}
.atlas-more {{ font-weight: 600; color: #0b57a4; }}
.atlas-src {{ font-style: italic; }}
.atlas-warn {{ color: #8a1c00; background: #ffe8d6; padding: 0 4px; border-radius: 3px; font-weight: bold; }}
.atlas-chooser-head {{ font: 600 13px sans-serif; margin-bottom: 4px; }}
.atlas-choices {{ list-style: none; margin: 0; padding: 0; }}
.atlas-choice {{ display: block; width: 100%; text-align: left; font: 12px/1.3 sans-serif; background: #fff;
  border: 1px solid #ccc; border-radius: 4px; padding: 4px 6px; margin: 2px 0; cursor: pointer; color: #222; }}
.atlas-choice:hover, .atlas-choice:focus {{ background: #eef4fb; border-color: #0b57a4; }}
.atlas-swatch {{ display: inline-block; width: 10px; height: 10px; border-radius: 50%; border: 1px solid #333;
  margin-right: 5px; vertical-align: -1px; }}
.atlas-line-label span {{ position: absolute; transform: translate(-50%, -50%); white-space: nowrap;
  font: italic 11px/1.1 Georgia, serif; color: #6b1f56; text-shadow: 0 0 2px #fff, 0 0 3px #fff, 0 0 4px {LAND}; }}
.atlas-hint {{ font-size: 11px; color: #555; font-style: italic; }}
/* a clicked polity is outlined on the map and shown in the page: no browser focus box around its path */
.leaflet-interactive:focus {{ outline: none; }}
/* on paper the detail panel below the map holds the popup's text, and there is nothing to zoom */
@media print {{ .leaflet-popup, .leaflet-control-zoom {{ display: none !important; }} }}
.atlas-stack {{ background: #222; color: #fff; font: bold 11px/16px sans-serif; text-align: center;
  border-radius: 8px; border: 1px solid #fff; }}
</style>"""
