"""The static site's rules in JavaScript (geo/site_state.js), run by node against the Python they repeat.

A link opens the same view in the site as in the app: the same parameters are read (geo/urlstate.py
parse_url_state, with the notices of components/state.py), refused for the same reasons, and written back the
same way (url_params); a tour's step opens as the app opens it (components/tours.py), and a playing tour's address
is its tour and step; the filters and the search pick the same events (geo/search.py); the window covers the same
years (geo/windows.py); "Cite this view" says the view in the same words (geo/cite.py).
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.atlas import load_atlas
from geo.cite import _bib, view_words
from geo.search import Filters, matcher
from geo.site_data import site_index
from geo.tours import step_window
from geo.urlstate import PARAMS, UrlState, parse_url_state, url_params
from geo.windows import EARLIEST_YEAR, WINDOW_MODES, window_bounds
from tests.conftest import FIXTURE_DATA, HOSTILE_DATA, node_json

ROOT = Path(__file__).resolve().parent.parent
SITE_STATE_JS = ROOT / "geo" / "site_state.js"
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="needs node")

ATLAS = load_atlas(FIXTURE_DATA)
INDEX = site_index(ATLAS)
CHOICES = {
    "event_ids": ATLAS.event_ids,
    "kinds": [k["id"] for k in INDEX["kinds"]],
    "polities": [p["id"] for p in INDEX["polities"]],
    "sources": [s["id"] for s in INDEX["sources"]],
    "tour_steps": {t["id"]: len(t["steps"]) for t in ATLAS.tours},
}
TOUR = ATLAS.tours[0]
#: The state attributes of the JavaScript, by UrlState attribute.
JS_ATTR = {"hide_unreliable": "hideUnreliable", "tour_paused": "paused"}


def run_node(script: str, payload: Any) -> Any:
    """Run ``script`` in node with ``S`` (geo/site_state.js) and ``INPUT`` (``payload``); parse what it prints."""
    return node_json(f"const S = require({json.dumps(str(SITE_STATE_JS))});", script, payload)


def python_link(pairs: list[tuple[str, str]]) -> tuple[dict[str, Any], dict[str, str]]:
    """What the app makes of a link: the valid values and the notices (components/state.py init_state)."""
    last = dict(pairs)
    parsed = parse_url_state(last, **CHOICES)
    invalid = dict(parsed.invalid)
    names = [k for k, _ in pairs]
    for k in dict.fromkeys(names):
        if names.count(k) > 1 and k not in invalid:
            invalid[k] = "was given more than once; only the last value was used"
    given = {JS_ATTR.get(p.attr, p.attr): getattr(parsed, p.attr) for p in PARAMS if p.name in last}
    return given, invalid


VALUES = {
    "year": [
        "1264",
        " 1264 ",
        "1239",
        "1345",
        "1346",
        "-1",
        "12a",
        "1e3",
        "0012",
        "１２６４",
        "\x1c1250",
        "1250\ufeff",
    ],
    "window": [*WINDOW_MODES, "Year", " year", ""],
    "n": ["1", "25", "26", "0", "3.5", "+3"],
    "kind": ["embassy", "embassy,siege", "embassy,,siege,embassy", ",", "nope", "embassy,nope"],
    "polity": [*CHOICES["polities"][:2], ",".join(CHOICES["polities"][:3]), "x"],
    "source_filter": [*CHOICES["sources"][:2], "nope"],
    "hide_unreliable": ["1", "0", "true", ""],
    "q": ["thrace", "Thessaloníki", "x" * 250, "🗺️" * 210, "<script>"],
    "event": [*sorted(ATLAS.event_ids)[:3], "nope", ""],
    "page": ["atlas", "sources", "Sources"],
    "source": [*CHOICES["sources"][:2], "nope"],
    "cite": ["0", "999", "1000", "-1"],
    "view": ["41.5,28.2,6", "41.5,28.2,2", "41.5,28.2,11", "91,0,5", "41.1234567,28,5", " 41,28,5 ", "a,b,c"],
    "relations": ["1", "0", "true", ""],
    "tour": [TOUR["id"], "nope", "__proto__", ""],
    "step": ["1", str(len(TOUR["steps"])), str(len(TOUR["steps"]) + 1), "10", "11", "0", "x"],
    "paused": ["1", "0", "yes"],
    "bogus": ["1"],
    "<script>x</script>": ["1"],
}


def random_links(rng: random.Random, count: int) -> list[list[tuple[str, str]]]:
    """Links of up to six parameters, some repeated, drawn from values at the edges of every rule."""
    links = []
    for _ in range(count):
        names = rng.sample(sorted(VALUES), rng.randint(0, 6))
        pairs = [(n, rng.choice(VALUES[n])) for n in names]
        if rng.random() < 0.3:
            pairs.insert(0, ("tour", rng.choice(VALUES["tour"])))
        if pairs and rng.random() < 0.2:
            pairs.append((pairs[0][0], rng.choice(VALUES[pairs[0][0]])))
        links.append(pairs)
    return links


READ = """
const C = INPUT.C;
console.log(JSON.stringify(INPUT.links.map((pairs) => S.parseLink(pairs, C))));
"""


def test_links_are_read_as_the_app_reads_them():
    links = random_links(random.Random(14), 400) + [[(n, v)] for n, vs in VALUES.items() for v in vs]
    got = run_node(READ, {"C": INDEX, "links": links})
    for pairs, js in zip(links, got, strict=True):
        given, invalid = python_link(pairs)
        assert js["invalid"] == invalid, pairs
        assert js["given"] == given, pairs


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.tuples(st.sampled_from(sorted(VALUES)), st.text(max_size=12)), max_size=5), min_size=40))
def test_any_text_in_a_link_is_read_as_the_app_reads_it(links):
    got = run_node(READ, {"C": INDEX, "links": links})
    for pairs, js in zip(links, got, strict=True):
        given, invalid = python_link(pairs)
        assert (js["given"], js["invalid"]) == (given, invalid), pairs


def test_a_link_to_an_event_opens_at_its_year_unless_it_names_one():
    event = ATLAS.events[-1]
    out = run_node(
        "console.log(JSON.stringify(INPUT.links.map((p) => S.stateFromLink(S.parseLink(p, INPUT.C), INPUT.C))))",
        {"C": INDEX, "links": [[["event", event["id"]]], [["event", event["id"]], ["year", "1300"]], []]},
    )
    assert [s["year"] for s in out] == [event["properties"]["start"], 1300, 1242]
    assert out[0]["event"] == event["id"] and out[2]["event"] is None


def _states(rng: random.Random, count: int) -> list[dict[str, Any]]:
    out = []
    for _ in range(count):
        page = rng.choice(["atlas", "sources"])
        out.append(
            {
                "year": rng.randint(1240, 1345),
                "window": rng.choice(WINDOW_MODES),
                "n": rng.randint(1, 25),
                "kinds": rng.sample(CHOICES["kinds"], rng.randint(0, 2)),
                "polities": rng.sample(CHOICES["polities"], rng.randint(0, 2)),
                "sources": rng.sample(CHOICES["sources"], rng.randint(0, 1)),
                "hideUnreliable": rng.random() < 0.3,
                "q": rng.choice(["", "thrace", "a b"]),
                "event": rng.choice([None, *sorted(ATLAS.event_ids)[:3]]),
                "page": page,
                "source": rng.choice([None, *CHOICES["sources"][:2]]),
                "cite": rng.choice([None, 0, 3]),
                "view": rng.choice([None, "41.5,28.2,6"]),
                "relations": rng.random() < 0.5,
                "tour": rng.choice([None, TOUR["id"]]),
                "step": rng.randint(1, len(TOUR["steps"])),
                "paused": rng.random() < 0.5,
            }
        )
    return out


def test_the_address_is_written_as_the_app_writes_it():
    states = _states(random.Random(7), 300)
    got = run_node("console.log(JSON.stringify(INPUT.map((s) => S.linkPairs(s))))", states)
    for s, js in zip(states, got, strict=True):
        py = UrlState(
            year=s["year"],
            window=s["window"],
            n=s["n"],
            kinds=s["kinds"],
            polities=s["polities"],
            sources=s["sources"],
            hide_unreliable=s["hideUnreliable"],
            q=s["q"],
            event=s["event"],
            page=s["page"],
            source=s["source"],
            cite=s["cite"],
            view=s["view"],
            relations=s["relations"],
            tour=s["tour"],
            step=s["step"] if s["tour"] else None,
            tour_paused=s["paused"] if s["tour"] else None,
        )
        assert [tuple(p) for p in js] == list(url_params(py).items()), s


def test_a_playing_tours_address_is_its_tour_and_step():
    states = [s for s in _states(random.Random(8), 200) if s["tour"]]
    got = run_node("console.log(JSON.stringify(INPUT.map((s) => S.addressPairs(s))))", states)
    for s, js in zip(states, got, strict=True):
        if s["paused"]:  # a paused tour keeps the reader's whole view, and says it is paused
            assert dict(js)["paused"] == "1" and dict(js)["year"] == str(s["year"]), s
            continue
        # components/state.py current_url_params
        py = UrlState(relations=s["relations"], tour=s["tour"], step=s["step"], view=s["view"])
        assert [tuple(p) for p in js] == list(url_params(py).items()), s


def test_a_link_to_a_tour_step_opens_the_step_as_the_app_does():
    """components/tours.py init_tours: the step's year and window, no filters, nothing selected; a paused tour
    keeps the link's own view; a bad step gives the plain atlas."""
    last = len(TOUR["steps"])
    links = [
        [("tour", TOUR["id"]), ("step", "2"), ("kind", INDEX["kinds"][0]["id"]), ("year", "1300")],
        [("tour", TOUR["id"])],
        [("tour", TOUR["id"]), ("step", "2"), ("paused", "1"), ("year", "1300")],
        [("tour", TOUR["id"]), ("step", str(last + 1)), ("year", "1300")],
        [("tour", "nope"), ("step", "2")],
    ]
    out = run_node(
        "console.log(JSON.stringify(INPUT.links.map((p) => S.stateFromLink(S.parseLink(p, INPUT.C), INPUT.C))))",
        {"C": INDEX, "links": links},
    )
    year, window, n = step_window(TOUR["steps"][1])
    assert [out[0][k] for k in ("tour", "step", "paused", "year", "window", "n", "kinds", "event")] == [
        TOUR["id"],
        2,
        False,
        year,
        window,
        n,
        [],
        None,
    ]
    assert (out[1]["step"], out[1]["year"]) == (1, TOUR["steps"][0]["year"])
    assert (out[2]["paused"], out[2]["year"], out[2]["step"]) == (True, 1300, 2)
    assert (out[3]["tour"], out[3]["step"], out[3]["year"]) == (None, None, 1300)
    assert (out[4]["tour"], out[4]["step"]) == (None, None)


@pytest.mark.parametrize("data", [FIXTURE_DATA, HOSTILE_DATA], ids=["fixture", "hostile"])
def test_filters_and_search_pick_the_events_python_picks(data):
    atlas = load_atlas(data)
    index = site_index(atlas)
    kinds = [k["id"] for k in index["kinds"]]
    polities = [p["id"] for p in index["polities"]]
    sources = [s["id"] for s in index["sources"]]
    searches = ["", "thrace", "THRACE  constantinople", "thessaloniki", "Nicæa", "STRASSE", "<script>", "  ", "ʿ"]
    rng = random.Random(3)
    filters = [
        Filters(
            kinds=tuple(rng.sample(kinds, rng.randint(0, min(2, len(kinds))))),
            polities=tuple(rng.sample(polities, rng.randint(0, min(2, len(polities))))),
            sources=tuple(rng.sample(sources, rng.randint(0, min(1, len(sources))))),
            hide_unreliable=rng.random() < 0.3,
            search=rng.choice(searches).strip(),
        )
        for _ in range(120)
    ]
    states = [
        {
            "kinds": list(f.kinds),
            "polities": list(f.polities),
            "sources": list(f.sources),
            "hideUnreliable": f.hide_unreliable,
            "q": f.search,
        }
        for f in filters
    ]
    script = """
const out = INPUT.states.map((s) => ({all: S.noFilters(s),
  ids: INPUT.events.filter((e) => S.matches(e, s)).map((e) => e.id)}));
console.log(JSON.stringify(out));
"""
    got = run_node(script, {"states": states, "events": index["events"]})
    for f, js in zip(filters, got, strict=True):
        assert js["ids"] == [e["id"] for e in atlas.events if matcher(f, atlas.places)(e)], f
        assert js["all"] == (f == Filters()), f


def test_the_window_and_the_citation_words_are_the_apps():
    cases = [(y, m, n) for y in (1240, 1264, 1345) for m in WINDOW_MODES for n in (1, 5, 25)]
    titles = [None, "Mongol invasion of Byzantine Thrace", 'A {b} \\c% & $d #e _f ^g ~h "i"']
    script = """
console.log(JSON.stringify({
  bounds: INPUT.cases.map((c) => S.windowBounds(c[0], c[1], c[2], INPUT.earliest)),
  words: INPUT.cases.flatMap((c) => INPUT.titles.map((t) => S.viewWords(c[0], c[1], c[2], t))),
  bib: INPUT.titles.filter((t) => t).map((t) => S.bib(t)),
}));
"""
    got = run_node(script, {"cases": cases, "titles": titles, "earliest": EARLIEST_YEAR})
    assert [tuple(b) for b in got["bounds"]] == [window_bounds(y, m, n) for y, m, n in cases]
    assert got["words"] == [view_words(y, m, n, t) for y, m, n in cases for t in titles]
    assert got["bib"] == [_bib(t) for t in titles if t]
