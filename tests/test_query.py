"""Visibility in a year and window, filters, search, clicks and URL state (geo/query.py)."""

from __future__ import annotations

from geo.query import (
    Filters,
    clicked_event_id,
    events_csv,
    parse_url_state,
    polities_in_year,
    url_params,
    visible_events,
    window_bounds,
)

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


def test_polities_in_year(atlas):
    names = {f["properties"]["polity"] for f in polities_in_year(atlas.polities, 1250)}
    assert names == {"nicaea", "golden-horde", "bulgaria"}
    assert "byzantium" in {f["properties"]["polity"] for f in polities_in_year(atlas.polities, 1261)}


def test_click_prefers_the_tagged_feature_then_nearest(atlas):
    visible = atlas.events
    tagged = {
        "last_active_drawing": {"properties": {"event_id": "capture-of-maria-at-tirnovo-1278"}},
        "last_object_clicked": {"lat": 40.64, "lng": 22.94},
    }
    assert clicked_event_id(tagged, visible) == "capture-of-maria-at-tirnovo-1278"
    near = {"last_active_drawing": None, "last_object_clicked": {"lat": 40.65, "lng": 22.95}}
    assert clicked_event_id(near, visible) == "siege-of-thessalonica-1242"
    assert clicked_event_id({"last_object_clicked": {"lat": 30.0, "lng": 10.0}}, visible) is None
    assert clicked_event_id(None, visible) is None


def test_url_state_round_trip_and_rejects(atlas):
    kw = dict(
        event_ids=atlas.event_ids, kinds=["siege", "capture"], polities=["golden-horde"], sources=list(atlas.sources)
    )
    good = parse_url_state(
        {
            "year": "1278",
            "event": "capture-of-maria-at-tirnovo-1278",
            "window": "around",
            "n": "3",
            "kind": "siege,capture",
            "hide_unreliable": "1",
        },
        **kw,
    )
    assert not good.invalid and good.year == 1278 and good.kinds == ["siege", "capture"] and good.n == 3
    params = url_params(
        year=1278,
        window="around",
        n=3,
        filters=Filters(kinds=("siege", "capture"), hide_unreliable=True),
        event="capture-of-maria-at-tirnovo-1278",
    )
    again = parse_url_state(params, **kw)
    assert (again.year, again.window, again.n, again.kinds, again.event) == (
        1278,
        "around",
        3,
        ["siege", "capture"],
        good.event,
    )
    bad = parse_url_state({"year": "99999", "event": "<script>", "window": "x", "kind": "siege,nope", "zzz": "1"}, **kw)
    assert set(bad.invalid) == {"year", "event", "window", "kind", "zzz"}
    assert bad.year is None and bad.event is None and bad.kinds is None


def test_csv_neutralises_formulas(atlas):
    evil = dict(atlas.events[0])
    evil["properties"] = dict(evil["properties"], title='=HYPERLINK("x")')
    assert "'=HYPERLINK" in events_csv([evil], atlas.places)
