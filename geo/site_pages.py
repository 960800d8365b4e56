"""The static site's two pages, ``index.html`` (the atlas) and ``embed.html`` (the map and its year control, for
an iframe): their HTML around the map, and the configuration their script reads.

Pure Python. The pages hold no script of their own: a Content-Security-Policy allows scripts, styles, images
and requests from the site's own files only, so a string from the data that escaped its escaping still could
not run, and nothing the page does leaves the host. Every data string is HTML-escaped here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from geo.citation import ATLAS_TITLE
from geo.relations_view import legend_html
from geo.render import html_text
from geo.site_data import SiteIndex

#: Scripts and requests from the site only. Inline styles stay allowed: the escaped popups and panels carry a
#: few (a kind's colour); an inline script or event handler never runs.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"
)
WINDOW_LABELS = {"year": "This year only", "around": "± N years", "upto": "Everything up to this year"}


def config_json(config: Mapping[str, Any]) -> str:
    """The page's configuration as JSON that cannot end its ``<script type="application/json">`` element."""
    text = json.dumps(config, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _head(config: Mapping[str, Any], title: str) -> str:
    files = config["files"]
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{html_text(title)}</title>\n"
        '<link rel="icon" href="data:,">\n'
        f'<link rel="stylesheet" href="{html_text(files["leaflet"])}leaflet.css">\n'
        f'<link rel="stylesheet" href="{html_text(files["css"])}">\n'
        f'<script type="application/json" id="atlas-config">{config_json(config)}</script>\n'
        "</head>\n"
    )


def _scripts(config: Mapping[str, Any]) -> str:
    files = config["files"]
    return "".join(
        f'<script src="{html_text(src)}"></script>\n'
        for src in (files["leaflet"] + "leaflet.js", files["mapScript"], files["siteScript"])
    )


def _year_row() -> str:
    return (
        '<div class="year-row">'
        '<button type="button" id="year-prev" title="One year back" aria-label="One year back">◀</button>'
        '<label class="year-label" for="year">Year <output id="year-out"></output></label>'
        '<input type="range" id="year" aria-label="Year" step="1">'
        '<button type="button" id="year-next" title="One year on" aria-label="One year on">▶</button>'
        '<button type="button" id="play" aria-pressed="false" title="Advance one year every 0.8 s">▶ Play</button>'
        "</div>"
    )


def _checkboxes(key: str, choices: list[Any]) -> str:
    return "".join(
        f'<label class="site-check"><input type="checkbox" data-filter="{key}" value="{html_text(c["id"])}"> '
        f"{c['label_html']}</label>"
        for c in choices
    )


def _filters(index: SiteIndex) -> str:
    return (
        '<details id="filters" class="site-filters"><summary>Filters <span id="filters-count"></span></summary>'
        '<label class="site-search">Search titles, persons and places <input type="search" id="f-q"></label>'
        '<label class="site-check"><input type="checkbox" id="f-hide"> Hide events from the unreliable source</label>'
        f"<fieldset><legend>Kinds</legend>{_checkboxes('kinds', index['kinds'])}</fieldset>"
        f"<fieldset><legend>Polities taking part</legend>{_checkboxes('polities', index['polities'])}</fieldset>"
        f"<fieldset><legend>Sources</legend>{_checkboxes('sources', index['sources'])}</fieldset>"
        "</details>"
    )


def _window() -> str:
    radios = "".join(
        f'<label><input type="radio" name="window" value="{mode}"> {html_text(label)}</label>'
        for mode, label in WINDOW_LABELS.items()
    )
    return (
        f'<fieldset id="window-box" class="window-row"><legend>Events shown</legend>{radios}'
        '<label id="n-box" hidden>N (years either side) <input type="number" id="window-n" min="1" step="1"></label>'
        "</fieldset>"
    )


def _tours(index: SiteIndex) -> str:
    """ "Start here" (every tour, a link that starts it) and the tour panel, filled by geo/site_tour.js."""
    if not index["tours"]:
        return ""
    items = "".join(
        f'<li><a href="?tour={html_text(t["id"])}" data-tour="{html_text(t["id"])}">{t["title_html"]}</a> · '
        f'{len(t["steps"])} steps<br><span class="site-muted">{t["introduction_html"]}</span></li>'
        for t in index["tours"]
    )
    return (
        '<details id="start-here" class="site-start"><summary>Start here: guided tours through the century</summary>'
        "<p class='site-muted'>Each tour walks through the events step by step, with the texts' own words; leave it "
        f"at any time.</p><ul>{items}</ul></details>"
        '<section id="tour" class="site-tour" tabindex="0" role="region" hidden '
        'aria-label="Guided tour (the left and right arrow keys go to the previous and next step)">'
        '<div id="tour-body"></div><div class="tour-buttons">'
        '<button type="button" id="tour-prev">◀ Previous</button><button type="button" id="tour-next">Next ▶</button>'
        '<button type="button" id="tour-resume">↺ Resume</button>'
        '<button type="button" id="tour-leave">✕ Leave tour</button></div></section>'
    )


def _relations() -> str:
    """The relations switch and its legend (geo/relations_view.py), shown while the layer is on."""
    return (
        '<label class="site-check site-relations"><input type="checkbox" id="relations"> Relations between polities'
        f'</label><div id="relations-legend" hidden>{legend_html()}</div>'
    )


def _cite() -> str:
    return (
        '<details id="cite" class="cite"><summary>Cite this view</summary><div class="cite-body">'
        '<div class="cite-head"><span>Citation</span>'
        '<button type="button" data-copy="text">Copy citation</button></div>'
        '<pre id="cite-text"></pre>'
        '<div class="cite-head"><span>BibTeX</span><button type="button" data-copy="bibtex">Copy BibTeX</button></div>'
        '<pre id="cite-bibtex"></pre><div id="cite-done" class="cite-done" role="status" aria-live="polite"></div>'
        "</div></details>"
    )


def _take_away(config: Mapping[str, Any]) -> str:
    slides = " · ".join(
        f'<a href="{html_text(s["href"])}" download>{int(s["year"])} (PNG)</a>' for s in config.get("slides", [])
    )
    return (
        '<section class="site-takeaway"><h2>Take it away</h2><ul>'
        f'<li><a href="{html_text(config["files"]["gazetteer"])}" download>Gazetteer (Linked Places, JSON-LD)</a>: '
        "every place with its names, citations, years and authority links, for the World Historical Gazetteer.</li>"
        + (f"<li>Slide images, 1920×1080: {slides}</li>" if slides else "")
        + "<li><b>Embed this map</b> in a course page: copy this code (it opens the year, window, filters and "
        'selection shown now; <a id="embed-open" href="embed.html" target="_blank" rel="noopener">preview</a>)'
        '<textarea id="embed-code" readonly rows="3" aria-label="Embed code"></textarea>'
        '<button type="button" id="embed-copy">Copy embed code</button> '
        '<span id="embed-done" role="status" aria-live="polite"></span></li></ul></section>'
    )


def index_page(config: Mapping[str, Any], index: SiteIndex) -> str:
    """``index.html``: the atlas page and the sources page (shown by ``?page=sources``)."""
    return (
        _head(config, ATLAS_TITLE) + '<body class="site-index">\n<header class="site-header">'
        f"<h1>{html_text(ATLAS_TITLE)}</h1>"
        '<nav aria-label="Pages"><a href="?" data-nav="atlas">Atlas</a> <a href="?page=sources" data-nav="sources">'
        "Sources</a></nav></header>\n"
        '<div id="notices" class="site-notice" role="status" hidden></div>\n'
        '<noscript><p class="site-notice">The atlas is drawn by JavaScript: please allow it for this site.</p>'
        "</noscript>\n"
        '<main id="page-atlas">'
        + _year_row()
        + _window()
        + _filters(index)
        + '<div class="site-cols"><div id="map" class="site-map" role="region" aria-label="Map"></div>'
        '<aside class="site-side">'
        + _tours(index)
        + _relations()
        + _cite()
        + '<div id="announce" class="sr-only" role="status" aria-live="polite" aria-atomic="true"></div>'
        '<p id="count" class="site-muted"></p>'
        '<button type="button" id="clear" hidden>Clear selection</button>'
        '<p id="outside" class="site-muted" hidden>This event is outside the current year window or filters.</p>'
        '<div id="detail" class="site-detail"></div></aside></div>'
        '<div id="legend"></div>'
        '<h2>Events in view</h2><div id="event-list"></div>' + _take_away(config) + "</main>\n"
        '<main id="page-sources" hidden><h2>Sources</h2><div id="catalogue"></div>'
        '<label class="site-source-pick">Read source <select id="source-select"></select></label>'
        '<div id="source-warn" class="site-warn" hidden>'
        "This source is unreliable: every claim from it is flagged.</div>"
        '<p id="source-reference" class="site-muted"></p><div id="sources-body"></div></main>\n'
        f'<footer class="site-footer">Data version {html_text(config["version"])}. Every event, date and place '
        "cites the exact words of its source.</footer>\n" + _scripts(config) + "</body>\n</html>\n"
    )


def embed_page(config: Mapping[str, Any]) -> str:
    """``embed.html``: the map and its year control only, for an iframe; the same parameters as the atlas."""
    return (
        _head(config, ATLAS_TITLE)
        + '<body class="site-embed">\n<div id="notices" class="site-notice" role="status" hidden></div>\n'
        + _year_row().replace('<div class="year-row">', '<div class="year-row embed-row">', 1)
        + '<div id="map" class="site-map" role="region" aria-label="Map"></div>\n'
        '<a id="full-atlas" class="embed-out" href="index.html" target="_blank" rel="noopener">'
        "Open the full atlas with its sources ↗</a>\n" + _scripts(config) + "</body>\n</html>\n"
    )
