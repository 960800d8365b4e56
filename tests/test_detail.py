"""The detail panel's pure pieces: authority links, citation roles and what a date rests on, as HTML strings."""

from __future__ import annotations

import pytest

from components.detail import _citation_block, _date_basis_html, _place_item, authority_link

SOURCES = {"ciocaltan-2012-p246": {"short_title": "Ciocîltan, p. 246", "reliability": "high"}}


@pytest.mark.parametrize(
    ("identifier", "expected"),
    [
        ("pl:520998", ("Pleiades 520998", "https://pleiades.stoa.org/places/520998")),
        ("wd:Q16869", ("Wikidata Q16869", "https://www.wikidata.org/wiki/Q16869")),
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
    html = _place_item({"place": "constantinople", "role": "location"}, places)
    link = '<a href="https://pleiades.stoa.org/places/520998" target="_blank" rel="noopener">Pleiades 520998</a>'
    assert link in html
    assert "javascript" not in html


@pytest.mark.parametrize(
    ("role", "words"),
    [("supports", "supports the claim"), ("context", "context only"), ("contradicts", "contradicts the claim")],
)
def test_citation_shows_its_role(role, words):
    cit = {"source": "ciocaltan-2012-p246", "locator": "p. 246", "quote": "nobody had prevented him", "role": role}
    html = _citation_block(cit, 0, "ev", SOURCES)
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
    html = _date_basis_html(props, SOURCES)
    assert "The year is not in the cited words" in html
    assert "1264–1265" in html
    assert "rests on another of the source texts and scholarship outside the texts" in html
    assert "&lt;b&gt;" in html and "<b>.</b>" not in html
    assert _date_basis_html({"start": 1264, "end": 1264}, SOURCES) == ""
