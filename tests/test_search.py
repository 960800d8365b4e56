"""Filters and search (geo/search.py) over the fixture atlas."""

from __future__ import annotations

from geo.search import Filters
from geo.windows import visible_events


def ids(events):
    return [e["id"] for e in events]


def test_filters(atlas):
    everything = (1345, "upto", 5)
    kind = visible_events(atlas.events, *everything, Filters(kinds=("invasion",)), atlas.places)
    assert ids(kind) == ["mongol-invasion-of-thrace-1264", "mongols-invade-syria-1312"]
    pol = visible_events(atlas.events, *everything, Filters(polities=("golden-horde",)), atlas.places)
    assert "siege-of-thessalonica-1242" not in ids(pol) and "occupation-of-vicina-1330s" in ids(pol)
    src = visible_events(
        atlas.events, *everything, Filters(sources=("wp-mongol-invasion-of-byzantine-thrace",)), atlas.places
    )
    assert ids(src) == ["mongol-invasion-of-thrace-1264"]
    hidden = visible_events(atlas.events, *everything, Filters(hide_unreliable=True), atlas.places)
    assert "mongols-invade-syria-1312" not in ids(hidden) and len(hidden) == len(atlas.events) - 1


def test_search_titles_persons_places(atlas):
    def find(q):
        return ids(visible_events(atlas.events, 1345, "upto", 5, Filters(search=q), atlas.places))

    assert find("tirnovo") == ["capture-of-maria-at-tirnovo-1278"]
    assert find("BERKE") == ["mongol-invasion-of-thrace-1264"]  # a person
    assert find("thessaloniki") == ["siege-of-thessalonica-1242"]  # modern place name
    assert find("isaccea") == ["occupation-of-vicina-1330s"]  # a candidate site
    assert find("vatatzes thessalonica") == ["siege-of-thessalonica-1242"]
    assert find("nowhere-at-all") == []
