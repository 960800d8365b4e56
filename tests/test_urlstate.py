"""The shareable URL: parameters read from a link and written back (geo/urlstate.py)."""

from __future__ import annotations

from geo.urlstate import UrlState, parse_url_state, url_params


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
        UrlState(
            year=1278,
            window="around",
            n=3,
            kinds=["siege", "capture"],
            hide_unreliable=True,
            q="",
            event="capture-of-maria-at-tirnovo-1278",
            page="atlas",
        )
    )
    assert params == {
        "year": "1278",
        "window": "around",
        "n": "3",
        "kind": "siege,capture",
        "hide_unreliable": "1",
        "event": "capture-of-maria-at-tirnovo-1278",
    }
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


def test_url_leaves_out_defaults_and_sources_page_parameters_elsewhere(atlas):
    atlas_page = UrlState(year=1242, window="year", n=5, kinds=[], hide_unreliable=False, q="", page="atlas")
    assert url_params(atlas_page) == {"year": "1242"}  # N only for "± N", no empty filters
    atlas_page.source, atlas_page.cite = "wp-byzantine-mongol-alliance", 0
    assert url_params(atlas_page) == {"year": "1242"}  # a source and a citation only on the sources page
    atlas_page.page = "sources"
    assert url_params(atlas_page) == {
        "year": "1242",
        "page": "sources",
        "source": "wp-byzantine-mongol-alliance",
        "cite": "0",
    }


def test_url_state_refuses_each_parameter_with_its_reason(atlas):
    kw = dict(event_ids=atlas.event_ids, kinds=["siege"], polities=["golden-horde"], sources=list(atlas.sources))
    bad = {
        "year": "1239",
        "window": "UPTO",
        "n": "26",
        "kind": "siege,nope",
        "polity": "nicaea",
        "source_filter": ",",
        "hide_unreliable": "yes",
        "event": "nope",
        "page": "Sources",
        "source": "nope",
        "cite": "1000",
    }
    parsed = parse_url_state({**bad, "q": "x" * 500}, **kw)
    assert set(parsed.invalid) == set(bad)
    assert parsed.invalid["year"] == "must be a year from 1240 to 1345"
    assert parsed.q == "x" * 200 and "q" not in parsed.invalid  # any search is valid; a long one is cut
    assert parse_url_state({"kind": "siege,siege", "hide_unreliable": "0"}, **kw).kinds == ["siege"]


def test_the_map_view_is_checked_and_written_back_as_given():
    from geo.urlstate import parse_view

    assert parse_view("41.015,28.979,7") == "41.015,28.979,7"
    for bad in ("41,29", "41,29,12", "91,29,5", "41,190,5", "41,29,5;alert(1)", "<b>", ""):
        assert parse_view(bad) is None, bad
    params = url_params(UrlState(year=1264, view="41.015,28.979,7"))
    assert params["view"] == "41.015,28.979,7"
    # the sources page keeps the view, so that the way back to the map restores it
    assert url_params(UrlState(year=1264, page="sources", view="41.015,28.979,7"))["view"] == "41.015,28.979,7"
