"""The detail panel as HTML (geo/detail.py): authority links, citation roles, what a date rests on, places in plain
words, related events with the questions they hold, links that keep the reader's view, and a polity's card."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest

from geo.detail import (
    PanelLinks,
    authority_link,
    citation_block,
    date_basis_html,
    event_html,
    place_item,
    polity_card_html,
    related_links,
)

SOURCES = {"ciocaltan-2012-p246": {"short_title": "Ciocîltan, p. 246", "reliability": "high"}}


@pytest.mark.parametrize(
    ("identifier", "expected"),
    [
        ("pl:520998", ("Pleiades place 520998", "https://pleiades.stoa.org/places/520998")),
        ("wd:Q16869", ("Wikidata item Q16869", "https://www.wikidata.org/wiki/Q16869")),
        ("pl:52x", None),
        ("wd:16869", None),
        ("javascript:alert(1)", None),
        (None, None),
    ],
)
def test_authority_link(identifier, expected):
    assert authority_link(identifier) == expected


def test_place_shows_its_authority_records_as_links():
    places = {
        "constantinople": {
            "properties": {
                "name": "Constantinople",
                "precision": "exact",
                "links": [
                    {"type": "closeMatch", "identifier": "pl:520998"},
                    {"type": "closeMatch", "identifier": "javascript:alert(1)"},
                ],
            }
        }
    }
    html = place_item({"place": "constantinople", "role": "location"}, places)
    link = '<a href="https://pleiades.stoa.org/places/520998" target="_blank" rel="noopener">Pleiades place 520998</a>'
    assert "Site known" in html and "identified with " + link in html
    assert "javascript" not in html


@pytest.mark.parametrize(
    ("role", "words"),
    [("supports", "supports the claim"), ("context", "context only"), ("contradicts", "contradicts the claim")],
)
def test_citation_shows_its_role(role, words):
    cit = {"source": "ciocaltan-2012-p246", "locator": "p. 246", "quote": "nobody had prevented him", "role": role}
    html = citation_block(cit, 0, "ev", SOURCES, PanelLinks())
    assert words in html and f"d-role-{role}" in html


def test_date_basis_says_the_year_is_not_in_the_text():
    props = {
        "start": 1264,
        "end": 1265,
        "date_basis": {
            "rests_on": ["other-text", "scholarship"],
            "note": "Ciocîltan's page gives no year <b>.",
            "citations": [{"source": "ciocaltan-2012-p246", "locator": "p. 246", "quote": "in 1267"}],
        },
    }
    html = date_basis_html(props, SOURCES)
    assert "The year is not in the cited words" in html
    assert "1264–1265" in html
    assert "rests on another of the source texts and scholarship outside the texts" in html
    assert "&lt;b&gt;" in html and "<b>.</b>" not in html
    assert date_basis_html({"start": 1264, "end": 1264}, SOURCES) == ""


def _event(eid, start, end, **props):
    base = {"title": eid.title(), "kind": "treaty", "date_label": str(start), "start": start, "end": end}
    return {"type": "Feature", "id": eid, "geometry": None, "properties": base | props}


INVASION = _event("invasion", 1263, 1264)
CROSSING = _event(
    "crossing",
    1263,
    1264,
    related=[{"event": "invasion", "relation": "part of"}],
    question="How many crossed <the> Danube?",
    accounts=[{"id": "a", "label": "A", "claim": "x", "citations": []}],
)
TREATY = _event("treaty", 1264, 1265, related=[{"event": "invasion", "relation": "follows"}])
EVENTS = [INVASION, CROSSING, TREATY]


def test_a_directed_link_shows_on_both_events():
    assert [(w, e["id"]) for w, e in related_links(INVASION, EVENTS)] == [
        ("Includes", "crossing"),
        ("Followed by", "treaty"),
    ]
    assert [(w, e["id"]) for w, e in related_links(CROSSING, EVENTS)] == [("Part of", "invasion")]


def test_related_events_link_with_the_view_kept_and_say_which_question_they_hold():
    links = PanelLinks({"year": "1264", "view": "41.0,28.9,6", "kind": "treaty"}, (1264, 1264))
    html = event_html(
        INVASION | {"properties": INVASION["properties"] | {"summary": "s", "places": []}},
        {},
        {},
        events=EVENTS,
        links=links,
    )
    assert "Related events" in html and "1 of them hold" in html
    assert "The texts disagree here: How many crossed &lt;the&gt; Danube?" in html
    hrefs = {
        e: parse_qs(html.split(f'data-event="{e}"')[0].rsplit('href="?', 1)[1].split('"')[0].replace("&amp;", "&"))
        for e in ("crossing", "treaty")
    }
    # both are in view in 1264: the year, the filter and the map view stay
    assert hrefs["crossing"] == {"year": ["1264"], "view": ["41.0,28.9,6"], "kind": ["treaty"], "event": ["crossing"]}
    out_of_view = PanelLinks({"year": "1250"}, (1250, 1250)).event("crossing", 1263, 1264)
    assert parse_qs(out_of_view[1:]) == {"year": ["1263"], "event": ["crossing"]}


def test_a_link_to_the_sources_page_keeps_the_view_for_the_way_back():
    href = PanelLinks({"year": "1264", "view": "41.0,28.9,6", "event": "x"}).source("wp", "invasion", 2)
    assert parse_qs(href[1:]) == {
        "year": ["1264"],
        "view": ["41.0,28.9,6"],
        "event": ["invasion"],
        "page": ["sources"],
        "source": ["wp"],
        "cite": ["2"],
    }


def test_a_polity_card_names_the_overlord_and_says_how_well_its_line_is_known():
    bulgaria = {
        "type": "Feature",
        "id": "bulgaria-1263-1279",
        "geometry": None,
        "properties": {
            "polity": "bulgaria",
            "name": "Bulgaria <Tsardom>",
            "status": "tributary",
            "overlord": "golden-horde",
            "start": 1263,
            "end": 1279,
            "border_precision": 3,
            "capital": "tirnovo",
            "color": "#339944",
            "border_note": "After Magocsi",
            "citations": [{"source": "wp", "locator": "Lead", "quote": "Bulgarian"}],
        },
    }
    places = {"tirnovo": {"properties": {"name": "Tirnovo"}}}
    html = polity_card_html(
        bulgaria, places, {"wp": {"short_title": "Wikipedia"}}, {"golden-horde": "Golden Horde"}, 1264
    )
    for words in (
        "Bulgaria &lt;Tsardom&gt;",
        "tributary of the Golden Horde",
        "Tirnovo",
        "drawn 1263–1279",
        "schematic (a rough outline",
        "After Magocsi",
        "“Bulgarian”",
    ):
        assert words in html, words
    assert "golden-horde" not in html
