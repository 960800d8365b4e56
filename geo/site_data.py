"""What the static site's own script reads, besides the map's bundle: the events' list rows and filter facets,
the choices a link may name, the sources reader, and the detail panels.

Pure Python (no Streamlit). Like the map's bundle (geo/livemap.py), every string from the data that the page
shows is HTML-escaped here, under a key ending in ``_html``; the page inserts those as HTML and never
evaluates them. Two kinds of value are not HTML and are never put into the page: the words a search matches
(``search``, compared with what the reader types) and the ids and vocabulary words filters compare.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypedDict
from urllib.parse import urlencode

from geo.atlas import Atlas
from geo.detail import PANEL_CSS
from geo.features import EventFeature, cited_passages, event_polities, event_sources
from geo.render import html_text, kind_color, polity_color, source_html
from geo.search import participant_polities, search_text
from geo.site_tours import SiteTour, site_tours, without_styles
from geo.tables import event_rows
from geo.timemodel import YEAR_MAX, YEAR_MIN
from geo.tours import STEPS_MAX
from geo.urlstate import PAGES, PARAMS, SEARCH_MAX, VIEW_ZOOMS
from geo.windows import DEFAULT_WINDOW_N, DEFAULT_YEAR, EARLIEST_YEAR, WINDOW_MODES, WINDOW_N_MAX

#: HTML of one event's detail panel (the app's own, see geo/publish.py), every data string escaped.
DetailRenderer = Callable[[EventFeature, Atlas], str]


class SiteEvent(TypedDict):
    """One event as the site's list, filters and URL need it (the map's bundle holds what the map draws)."""

    id: str
    start: int
    end: int
    uncertain: bool
    color: str  #: ``#rrggbb`` of its kind (the legend's dot)
    kind: str  #: the vocabulary word, compared by the kind filter; shown only as ``kind_html``
    polities: list[str]  #: polity ids of its participants (the polity filter)
    sources: list[str]  #: source ids it cites (the source filter)
    low: bool  #: rests on the unreliable source ("hide unreliable")
    search: str  #: the words a search matches, case- and accent-folded (geo/search.py); never shown
    title_html: str
    date_html: str
    kind_html: str
    places_html: str
    participants_html: str
    reliability_html: str


class Choice(TypedDict):
    """Something a filter (and a link) can name: its id and its label."""

    id: str
    label_html: str


class PolityLegend(TypedDict):
    """A polity shape as the legend names it (geo/render.py legend_html: one entry per polity and year)."""

    polity: str  #: the polity's id (a polity has one shape per period)
    start: int
    end: int
    color: str  #: ``#rrggbb``
    name_html: str


class SiteIndex(TypedDict):
    """The site's index (``data/site-<hash>.json``): fetched with the map's bundle on the first visit."""

    events: list[SiteEvent]  #: in the app's order (start, end, id)
    kinds: list[Choice]
    polities: list[Choice]  #: participants' polities, by name (the app's polity filter)
    sources: list[Choice]
    polity_legend: list[PolityLegend]  #: every polity shape, in the data's order (the legend of a year)
    tours: list[SiteTour]  #: the guided tours, in the data's order (geo/site_tours.py)
    params: list[dict[str, str]]  #: geo/urlstate.py PARAMS in order: {name, why}
    limits: dict[str, Any]  #: years, window modes, N, search length, zooms and defaults (geo/urlstate.py)


class SiteSource(TypedDict):
    """One source text for the sources reader."""

    id: str
    title_html: str
    reference_html: str
    low: bool
    text_html: str  #: geo.render.source_html: the text, every cited passage in a ``<mark data-span=n>``
    #: ``"<event id>|<citation index>"`` -> the mark that shows it (a passage inside another is shown by that one)
    spans: dict[str, int]
    passages_html: str  #: the list of passages and their events; ``<li data-spans="0 3">`` per passage


class SiteSources(TypedDict):
    """The sources reader (``data/sources-<hash>.json``): fetched when the reader opens the sources page."""

    catalogue_html: str
    order: list[str]
    sources: dict[str, SiteSource]


def site_event(e: EventFeature, row: Mapping[str, Any], atlas: Atlas) -> SiteEvent:
    """The site's entry of one event (``row``: its geo.tables.event_rows row)."""
    p = e["properties"]
    return {
        "id": e["id"],
        "start": p["start"],
        "end": p["end"],
        "uncertain": bool(p.get("uncertain")),
        "color": kind_color(p["kind"]),
        "kind": p["kind"],
        "polities": sorted(event_polities(e)),
        "sources": sorted(event_sources(e)),
        "low": p.get("reliability") == "low",
        "search": search_text(e, atlas.places),
        "title_html": html_text(row["title"]),
        "date_html": html_text(row["date"]),
        "kind_html": html_text(row["kind"]),
        "places_html": html_text(row["places"]),
        "participants_html": html_text(row["participants"]),
        "reliability_html": html_text(row["reliability"]),
    }


def site_index(atlas: Atlas) -> SiteIndex:
    """Everything the site's page needs on its first visit besides the map's bundle."""
    rows = event_rows(atlas.events, atlas.places)
    kinds = sorted({e["properties"]["kind"] for e in atlas.events})
    legend: list[PolityLegend] = [
        {
            "polity": str(f["properties"].get("polity", f["id"])),
            "start": f["properties"]["start"],
            "end": f["properties"]["end"],
            "color": polity_color(f["properties"]),
            "name_html": html_text(f["properties"].get("name", "")),
        }
        for f in atlas.polities
    ]
    return {
        "events": [site_event(e, row, atlas) for e, row in zip(atlas.events, rows, strict=True)],
        "kinds": [{"id": k, "label_html": html_text(k)} for k in kinds],
        "polities": [{"id": k, "label_html": html_text(v)} for k, v in participant_polities(atlas.events).items()],
        "sources": [
            {"id": sid, "label_html": html_text(s.get("short_title", sid))} for sid, s in atlas.sources.items()
        ],
        "polity_legend": legend,
        "tours": site_tours(atlas),
        "params": [{"name": p.name, "why": p.why} for p in PARAMS],
        "limits": {
            "yearMin": YEAR_MIN,
            "yearMax": YEAR_MAX,
            "earliest": EARLIEST_YEAR,
            "windowModes": list(WINDOW_MODES),
            "nMax": WINDOW_N_MAX,
            "searchMax": SEARCH_MAX,
            "zooms": list(VIEW_ZOOMS),
            "pages": list(PAGES),
            "stepsMax": STEPS_MAX,
            "defaults": {"year": DEFAULT_YEAR, "window": "year", "n": DEFAULT_WINDOW_N},
        },
    }


def details(atlas: Atlas, render: DetailRenderer) -> dict[str, str]:
    """Event id -> its detail panel's HTML (``data/details-<hash>.json``, fetched on the first selection), without
    the panel's ``<style>``: the site's CSS holds it once (geo/site_tours.py panel_styles)."""
    return {e["id"]: without_styles(render(e, atlas), PANEL_CSS) for e in atlas.events}


def catalogue_html(sources: Mapping[str, Mapping[str, Any]]) -> str:
    """Every source with its reliability and why; the unreliable one said loudly (the app's sources page)."""
    warnings = "".join(
        f'<div class="site-warn" role="note"><b>Unreliable source: {html_text(s.get("short_title", sid))}.</b> '
        f"{html_text(s.get('reliability_reason', ''))}</div>"
        for sid, s in sources.items()
        if s.get("reliability") == "low"
    )
    rows = "".join(
        f"<tr><td><b>{html_text(s.get('short_title', sid))}</b><br><span class='site-muted'>"
        f"{html_text(s.get('kind'))} · {html_text(s.get('licence'))}</span></td>"
        f"<td><b>{html_text(s.get('reliability'))}</b></td><td>{html_text(s.get('reliability_reason'))}</td></tr>"
        for sid, s in sources.items()
    )
    return (
        f"{warnings}<table class='site-catalogue'><tr><th>Source</th><th>Reliability</th><th>Why</th></tr>"
        f"{rows}</table>"
    )


def _mark_of(spans: list[tuple[int, int, str]]) -> list[int]:
    """For each span, the span whose ``<mark>`` shows it: source_html skips a span that starts inside an
    earlier one (in text order), which then shows it."""
    out = list(range(len(spans)))
    pos, owner = 0, -1
    for idx, (start, end, _title) in sorted(enumerate(spans), key=lambda t: t[1][0]):
        if start < pos:
            out[idx] = owner
            continue
        pos, owner = end, idx
    return out


def site_source(sid: str, atlas: Atlas) -> SiteSource | None:
    """One source's text with its cited passages marked, and its passages linked to their events."""
    src, seed = atlas.sources[sid], atlas.seeds.get(sid)
    if seed is None:
        return None
    spans: list[tuple[int, int, str]] = []
    keys: list[str] = []
    rows: dict[tuple[int, int], dict[str, Any]] = {}
    for e, i, c, loc in cited_passages(atlas.events, sid, seed):
        row = rows.setdefault(loc, {"quote": c.get("quote"), "events": [], "spans": []})
        row["spans"].append(len(spans))
        if e["id"] not in [ev["id"] for ev in row["events"]]:
            row["events"].append(e)
        spans.append((loc[0], loc[1], e["properties"]["title"]))
        keys.append(f"{e['id']}|{i}")
    marks = _mark_of(spans)
    items = []
    for _loc, row in sorted(rows.items()):
        links = "; ".join(
            f"<a href='{html_text('?' + urlencode({'year': e['properties']['start'], 'event': e['id']}))}'>"
            f"{html_text(e['properties']['title'])} ({html_text(e['properties']['date_label'])})</a>"
            for e in row["events"]
        )
        shown = " ".join(str(m) for m in dict.fromkeys(marks[n] for n in row["spans"]))
        items.append(f"<li data-spans='{shown}'>“{html_text(row['quote'])}” → {links}</li>")
    return {
        "id": sid,
        "title_html": html_text(src.get("short_title", sid)),
        "reference_html": html_text(src.get("reference", "")),
        "low": src.get("reliability") == "low",
        "text_html": source_html(seed.text, spans),
        "spans": dict(zip(keys, marks, strict=True)),
        "passages_html": (
            f"<ul class='site-passages'>{''.join(items)}</ul>" if items else "<p>No event cites this source.</p>"
        ),
    }


def site_sources(atlas: Atlas) -> SiteSources:
    """The sources reader: the catalogue and every source text with its passages."""
    texts = {sid: s for sid in atlas.sources if (s := site_source(sid, atlas)) is not None}
    return {"catalogue_html": catalogue_html(atlas.sources), "order": list(texts), "sources": texts}
