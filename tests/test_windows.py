"""Which events and polities a year and window show (geo/windows.py) over the fixture atlas."""

from __future__ import annotations

from geo.search import Filters
from geo.windows import polities_in_year, visible_events, window_bounds

NONE = Filters()


def ids(events):
    return [e["id"] for e in events]


def test_window_bounds():
    assert window_bounds(1264, "year") == (1264, 1264)
    assert window_bounds(1264, "around", 3) == (1261, 1267)
    assert window_bounds(1264, "upto")[1] == 1264


def test_visible_in_year_uses_the_interval(atlas):
    assert ids(visible_events(atlas.events, 1242, "year", 5, NONE, atlas.places)) == ["siege-of-thessalonica-1242"]
    # winter 1263/1264 touches both years
    for y in (1263, 1264):
        assert "mongol-invasion-of-thrace-1264" in ids(visible_events(atlas.events, y, "year", 5, NONE, atlas.places))
    assert visible_events(atlas.events, 1250, "year", 5, NONE, atlas.places) == []
    # "probably in 1276" is not a fact of 1275
    assert "maria-plans-attack-1276" not in ids(visible_events(atlas.events, 1275, "year", 5, NONE, atlas.places))


def test_windows_widen(atlas):
    around = ids(visible_events(atlas.events, 1277, "around", 1, NONE, atlas.places))
    assert around == ["maria-plans-attack-1276", "capture-of-maria-at-tirnovo-1278"]
    upto = ids(visible_events(atlas.events, 1278, "upto", 5, NONE, atlas.places))
    assert upto[0] == "siege-of-thessalonica-1242" and upto[-1] == "capture-of-maria-at-tirnovo-1278"
    assert len(upto) == 4


def test_polities_in_year(atlas):
    names = {f["properties"]["polity"] for f in polities_in_year(atlas.polities, 1250)}
    assert names == {"nicaea", "golden-horde", "bulgaria"}
    assert "byzantium" in {f["properties"]["polity"] for f in polities_in_year(atlas.polities, 1261)}
