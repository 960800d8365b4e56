""" "Cite this view" (geo/cite.py): the citation and the BibTeX entry the page fills in."""

from __future__ import annotations

import shutil
from pathlib import Path

from geo.citation import ATLAS_TITLE, data_version
from geo.cite import ACCESSED, ACCESSED_KEY, URL, citation_bibtex, citation_text, view_words

ROOT = Path(__file__).resolve().parent.parent


def test_view_words_say_what_the_map_shows():
    assert view_words(1264, "year", 5, None) == "the map of 1264"
    assert view_words(1264, "around", 3, "Siege of {X}") == "the map of 1261–1267, with “Siege of {X}” selected"
    assert view_words(1300, "upto", 5, None) == "the map of everything up to 1300"


def test_citation_names_title_view_address_version_and_access_date():
    text = citation_text("the map of 1264", "0123456789ab")
    assert text.startswith(ATLAS_TITLE) and "the map of 1264" in text
    assert URL in text and ACCESSED in text and "data version 0123456789ab" in text


def test_bibtex_entry_is_keyed_by_version_and_date_and_escapes_the_title():
    bib = citation_bibtex("the map of 1264, with “50% of {x} & y_z” selected", "0123456789ab")
    assert bib.startswith(f"@misc{{byzantine-mongol-atlas-0123456789ab-{ACCESSED_KEY},")
    assert r"50\% of \{x\} \& y\_z" in bib  # BibTeX specials escaped; the braces still balance
    assert bib.count("{") - bib.count(r"\{") == bib.count("}") - bib.count(r"\}")
    assert f"url = {{{URL}}}" in bib and f"urldate = {{{ACCESSED}}}" in bib


def test_the_cited_version_follows_the_data(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "app" / "data", copy)
    before = data_version(copy)
    assert data_version(copy) == before  # the same data, the same version
    events = copy / "events.geojson"
    events.write_text(events.read_text(encoding="utf-8").replace("Thessalonica", "Thessaloniki", 1), encoding="utf-8")
    after = data_version(copy)
    assert after != before and f"data version {after}" in citation_text("the map of 1242", after)
