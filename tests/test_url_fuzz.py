"""Any link opens a working atlas: generated query strings (hypothesis) drive AppTest.

Invalid parts are ignored with a visible notice and removed from the URL; what remains is valid.
AppTest passes ``query_params`` through ``urlencode(doseq=True)`` and the app reads them back with
``parse_qs``, so a list value is a repeated key (``?year=1250&year=1300``), exactly as in a browser.
"""

from __future__ import annotations

from urllib.parse import quote

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from geo.atlas import load_atlas
from geo.timemodel import YEAR_MAX, YEAR_MIN
from geo.urlstate import PARAM_NAMES, parse_url_state
from geo.windows import WINDOW_MODES
from tests.conftest import FIXTURE_DATA, AppRunner

ATLAS = load_atlas(FIXTURE_DATA)
EVENT_IDS = sorted(ATLAS.event_ids)
KINDS = sorted({e["properties"]["kind"] for e in ATLAS.events})
POLITIES = sorted({p["polity"] for e in ATLAS.events for p in e["properties"]["participants"] if p.get("polity")})
SOURCES = sorted(ATLAS.sources)
KNOWN = list(PARAM_NAMES)
#: Streamlit's own parameters: never ours to validate or remove.
STREAMLIT_OWN = {"embed", "embed_options"}

odd_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)),
    max_size=30,
) | st.sampled_from(
    [
        "\x00",
        "1250\x00",
        "%31%32%35%30",
        "%00",
        "%E2%80%AE",
        "🗺️🔥",
        "\u202e1250",
        "مرحبا",
        "שלום",
        "١٢٥٠",
        "１２５０",
        "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗͑",
        "<script>window.__pwned=1</script>",
        "${window.__pwned=1}",
        "`",
        "\\u0041",
        "\\u",
        "'",
        '"',
        "",
        " ",
        "x" * 10_000,
        "siege,",
        ",",
        "siege,,siege",
        "1e3",
        "0x4E2",
        "+1250",
        "1250 ",
        " 1250",
    ]
)
numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.integers(min_value=YEAR_MIN - 3, max_value=YEAR_MAX + 3).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.decimals(min_value=1200, max_value=1400, places=2).map(str),
)
valid_value = {
    "year": st.integers(YEAR_MIN, YEAR_MAX).map(str),
    "window": st.sampled_from(WINDOW_MODES),
    "n": st.integers(1, 25).map(str),
    "kind": st.lists(st.sampled_from(KINDS), min_size=1, max_size=3).map(",".join),
    "polity": st.sampled_from(POLITIES),
    "source_filter": st.sampled_from(SOURCES),
    "hide_unreliable": st.sampled_from(["0", "1"]),
    "q": st.sampled_from(["maria", "tirnovo", ""]),
    "event": st.sampled_from(EVENT_IDS),
    "page": st.sampled_from(["atlas", "sources"]),
    "source": st.sampled_from(SOURCES),
    "cite": st.integers(0, 3).map(str),
}


@st.composite
def query(draw) -> dict[str, str | list[str]]:
    keys = draw(
        st.lists(st.sampled_from(KNOWN) | odd_text.filter(lambda k: k not in STREAMLIT_OWN), max_size=6, unique=True)
    )
    out: dict[str, str | list[str]] = {}
    for key in keys:
        one = valid_value.get(key, st.nothing()) | numbers | odd_text | odd_text.map(lambda s: quote(s, safe=""))
        values = draw(st.lists(one, min_size=1, max_size=3))
        out[key] = values[0] if len(values) == 1 else values
    return out


def _values(v) -> list[str]:
    return v if isinstance(v, list) else [v]


def check(app: AppRunner, params: dict) -> None:
    at: AppTest = app(params, map_state=None).run()
    assert not at.exception, (params, at.exception)
    ss = at.session_state
    assert YEAR_MIN <= ss["year"] <= YEAR_MAX
    assert ss["selected"] is None or ss["selected"] in EVENT_IDS
    assert set(ss["f_kinds"]) <= set(KINDS) and set(ss["f_polities"]) <= set(POLITIES)
    assert set(ss["f_sources"]) <= set(SOURCES)
    assert ss["window"] in WINDOW_MODES and 1 <= ss["window_n"] <= 25 and ss["page"] in ("atlas", "sources")
    if ss["page"] == "atlas":
        assert at.slider(key="year").value == ss["year"]
    # the URL now holds one valid value per known parameter, and nothing else
    url = {k: v for k, v in at.query_params.items() if k not in STREAMLIT_OWN}
    assert set(url) <= set(KNOWN), url
    assert all(isinstance(v, str) for v in url.values()), url  # no repeated keys left
    again = parse_url_state(url, event_ids=EVENT_IDS, kinds=KINDS, polities=POLITIES, sources=SOURCES)
    assert again.invalid == {}, (url, again.invalid)
    assert url.get("year") == str(ss["year"])
    # anything invalid in the link was announced
    last = {k: _values(v)[-1] for k, v in params.items()}
    parsed = parse_url_state(last, event_ids=EVENT_IDS, kinds=KINDS, polities=POLITIES, sources=SOURCES)
    repeated = [k for k, v in params.items() if len(_values(v)) > 1]
    if parsed.invalid or repeated:
        assert at.warning, params
        shown = at.warning[0].value.replace("\\", "")
        assert "ignored" in shown
        for k in list(parsed.invalid) + repeated:
            assert k.replace("\\", "") in shown
    else:
        assert not at.warning, (params, at.warning[0].value)


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)
@given(query())
@example({"year": ["1250", "1300"]})
@example({"year": ["1250", "1250"], "event": ["nope", EVENT_IDS[0]]})
@example({"year": "-1250", "n": "0", "cite": "1e3", "window": "UPTO", "page": "Sources"})
@example({"year": "1250.5", "kind": "siege,nope", "polity": "", "source_filter": ","})
@example({"year": "9" * 400, "q": "x" * 10_000, "event": "\x00"})
@example({"\x00": "\x00", "🗺️": "\u202e", "%3Cscript%3E": "%3Cscript%3E", "": "x"})
@example({"event": "<script>window.__pwned=1</script>", "source": "${window.__pwned=1}", "page": "sources"})
def test_any_query_string_gives_a_working_atlas(app, params):
    check(app, params)


def test_valid_link_is_kept_without_notice(app):
    at = app(map_state=None, year="1278", window="around", n="2", kind="capture,plot", event=EVENT_IDS[0]).run()
    assert not at.exception and not at.warning
    assert at.query_params["kind"] == "capture,plot" and at.query_params["n"] == "2"
