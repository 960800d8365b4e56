"""The tours and the relations as the static site publishes them.

Pure Python (no Streamlit). A tour's steps travel in two halves: what a step does to the map (its year, window,
events and view) goes into the site's index, so a link to a step draws at once; what the tour panel shows is
``geo/tour_view.py``'s own HTML, every data string escaped there, in a file of its own fetched when a tour is
first shown. The panel's and the detail panel's styles are published once, in the site's CSS, and taken out of
each panel. The relations layer's data is ``geo/relations_view.py``'s, as the app serves it.
"""

from __future__ import annotations

from typing import TypedDict

from geo.atlas import Atlas
from geo.detail import PANEL_CSS
from geo.relations import derive_relations
from geo.relations_view import payload_bytes, relations_payload
from geo.render import html_text
from geo.tour_view import TOUR_CSS, step_html
from geo.tours import View, step_window


class SiteStep(TypedDict):
    """What a tour step does to the map (components/tours.py _apply_step and map_state)."""

    year: int
    window: str
    n: int
    events: list[str]  #: highlighted, the rest dimmed
    view: View  #: where the map flies


class SiteTour(TypedDict):
    """A tour as the site's index lists it ("Start here") and plays it."""

    id: str
    title_html: str
    introduction_html: str
    steps: list[SiteStep]


def site_tours(atlas: Atlas) -> list[SiteTour]:
    """Every tour of the atlas, with what each step does to the map."""
    out: list[SiteTour] = []
    for tour in atlas.tours:
        steps: list[SiteStep] = []
        for step in tour["steps"]:
            year, window, n = step_window(step)
            steps.append({"year": year, "window": window, "n": n, "events": list(step["events"]), "view": step["view"]})
        out.append(
            {
                "id": tour["id"],
                "title_html": html_text(tour["title"]),
                "introduction_html": html_text(tour["introduction"]),
                "steps": steps,
            }
        )
    return out


def without_styles(html: str, css: str) -> str:
    """``html`` with its leading ``<style>`` block ``css`` taken out (the site's CSS holds it once)."""
    return html.removeprefix(css)


def tour_panels(atlas: Atlas) -> dict[str, list[str]]:
    """Tour id -> the tour panel of each step (the paused notice included: the page hides it while playing)."""
    events = atlas.events_by_id
    return {
        tour["id"]: [
            without_styles(step_html(tour, i, events, atlas.sources, paused=True), TOUR_CSS)
            for i in range(len(tour["steps"]))
        ]
        for tour in atlas.tours
    }


def panel_styles() -> str:
    """The rules of the detail panel's and the tour panel's ``<style>`` blocks, for the site's CSS."""
    return "".join(css.replace("<style>", "").replace("</style>", "").strip() + "\n" for css in (PANEL_CSS, TOUR_CSS))


def relations_bytes(atlas: Atlas) -> bytes:
    """The relations layer's data (geo/relations_view.py relations_payload), as the app serves it."""
    relations = derive_relations(atlas.events, atlas.polities)
    return payload_bytes(relations_payload(relations, atlas.polities, atlas.places, atlas.events))
