"""Hostile text in every data field (tests/fixtures/app/hostile): escaped for HTML, JS template literals,
Markdown and CSV, in the map layers, the page (AppTest) and the downloads; plus the server config.

The payloads (``PAYLOAD``, ``LONG``) are defined in tests/fixtures/app/make_fixture.py.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
import string
import subprocess
import sys
import tomllib
from html.parser import HTMLParser

import pytest
from streamlit.testing.v1 import AppTest
from streamlit_folium import _get_feature_group_string

from geo import livemap
from geo.atlas import load_atlas
from geo.bundle import build_bundle, bundle_bytes
from geo.features import all_citations
from geo.render import legend_html, markdown_text
from geo.tables import events_csv, events_geojson
from tests.conftest import HOSTILE_DATA, ROOT, AppRunner, html_bodies

sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "app"))
from make_fixture import LONG, PAYLOAD, PWN_IMG, PWN_SCRIPT, PWN_TEMPLATE  # noqa: E402

NODE = shutil.which("node")
#: Tags our own templates emit; anything else in rendered output came from data.
ALLOWED_TAGS = {
    "div",
    "h2",
    "span",
    "b",
    "i",
    "br",
    "ul",
    "li",
    "q",
    "p",
    "blockquote",
    "a",
    "table",
    "tr",
    "td",
    "th",
    "mark",
    "style",
    "code",
}


@pytest.fixture(scope="module")
def hostile():
    return load_atlas(HOSTILE_DATA)


# --------------------------------------------------------------------------- the fixture itself


def test_hostile_fixture_is_valid_except_the_broken_event(hostile):
    """Only the deliberately broken event is a problem: every hostile quote is a span of its seed."""
    assert [(p.file, p.feature, p.field) for p in hostile.problems] == [
        ("events.geojson", "broken-event", "properties.date_edtf")
    ]
    assert len(hostile.events) == 7 and len(hostile.polities) == 4 and len(hostile.sources) == 4
    for e in hostile.events:
        for c, _acc in all_citations(e):
            assert hostile.seeds[c["source"]].locate(c["quote"]) is not None, (e["id"], c["quote"][:40])
    for seed in hostile.seeds.values():
        assert PAYLOAD in seed.text and LONG in seed.text
    assert len(LONG) == 10_000
    for needle in (PWN_SCRIPT, PWN_IMG, PWN_TEMPLATE, "`", "\\u0041", "\\u ", '"', "'", "\u202e", "\u0324"):
        assert needle in PAYLOAD


# --------------------------------------------------------------------------- map layers (folium JS)


class _Collect(HTMLParser):
    """Tags, attributes and text of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


def parse_html(fragment: str) -> _Collect:
    p = _Collect()
    p.feed(fragment)
    p.close()
    return p


def assert_inert(fragment: str, allowed: set[str] = ALLOWED_TAGS) -> str:
    """No tag or event-handler attribute from data in ``fragment``; returns its text."""
    parsed = parse_html(fragment)
    for tag, attrs in parsed.tags:
        assert tag in allowed, f"unexpected <{tag}> in output"
        for name, value in attrs:
            assert not name.startswith("on"), f"event handler {name}={value!r}"
            assert not (value or "").strip().lower().startswith("javascript:"), value
    return "".join(parsed.text)


def test_legend_escapes_polity_names(hostile):
    out = legend_html(["siege", "<b>kind</b>"], hostile.polities)
    text = assert_inert(out)
    assert PAYLOAD in text and "<b>kind</b>" in text


# --------------------------------------------------------------------------- Markdown, CSV, GeoJSON


@pytest.mark.parametrize(
    "value", [PAYLOAD, "&lt;b&gt; &amp;", "a\n===\nb", "*x* _y_ `z` [l](u)", ":red[x] :material/home: $x$ ~~s~~ <b>"]
)
def test_markdown_text_escapes_every_ascii_punctuation(value):
    out = markdown_text(value)
    # every ASCII punctuation character is backslash-escaped (CommonMark shows it literally then)
    i = 0
    while i < len(out):
        if out[i] == "\\":
            assert out[i + 1] in string.punctuation
            i += 2
            continue
        assert out[i] not in string.punctuation, (out[i], out)
        i += 1
    assert re.sub(r"\\(.)", r"\1", out, flags=re.S) == value


def test_csv_download_neutralises_formulas_and_round_trips(hostile):
    text = events_csv(hostile.events, hostile.places)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(hostile.events)
    for row in rows:
        for v in row.values():
            assert v[:1] not in ("=", "+", "-", "@", "\t", "\r"), v[:40]
    evil = next(r for r in rows if r["id"] == "hostile-event-1278")
    assert evil["participants"].startswith("'=HYPERLINK(")
    assert PAYLOAD in evil["title"] and PAYLOAD in evil["date in the text's words"]


def test_geojson_download_round_trips(hostile):
    doc = json.loads(events_geojson(hostile.events))
    assert doc["features"] == json.loads(json.dumps(hostile.events))


# --------------------------------------------------------------------------- the page (AppTest)


@pytest.fixture
def run_app(app: AppRunner):
    """Run the app once on the hostile data (the map stands in: its JS is tested below) and check it ran."""

    def run(**params: str) -> AppTest:
        at = app(params, data=HOSTILE_DATA, map_state=None).run()
        assert not at.exception, at.exception
        return at

    return run


def markdown_values(at: AppTest) -> list[str]:
    out = [m.value for m in at.markdown] + [c.value for c in at.caption]
    out += [e.value for e in at.error] + [w.value for w in at.warning] + [i.value for i in at.info]
    return out


def assert_page_inert(at: AppTest) -> str:
    texts = []
    for body in html_bodies(at):
        if "atlas-active-quote" in body and "<script>setTimeout" in body:  # our own scroll script
            body = body[: body.index("<script>setTimeout")]
        texts.append(assert_inert(body))
    for md in markdown_values(at):
        # every <, [, $, & and backtick in Markdown is backslash-escaped (our own markup uses none of them)
        assert re.search(r"(?<!\\)(?:\\\\)*[<\[$&`]", md) is None, md[:300]
    return "\n".join(texts)


@pytest.mark.parametrize(
    "event_id",
    [
        "siege-of-thessalonica-1242",
        "mongol-invasion-of-thrace-1264",
        "maria-plans-attack-1276",
        "capture-of-maria-at-tirnovo-1278",
        "hostile-event-1278",
        "mongols-invade-syria-1312",
        "occupation-of-vicina-1330s",
    ],
)
def test_detail_panel_shows_hostile_text_literally(run_app, hostile, event_id):
    at = run_app(event=event_id, window="upto")
    text = " ".join(assert_page_inert(at).split())
    e = hostile.event(event_id)
    p = e["properties"]
    for value in (p["title"], p["summary"], p["date_label"]):
        assert " ".join(value.split()) in text
    for c, _acc in all_citations(e):
        assert " ".join(c["quote"].split()) in text and " ".join(c["locator"].split()) in text
    for part in p["participants"]:
        assert part["name"] in text and part["role"] in text
    for acc in p.get("accounts") or []:
        assert acc["label"] in text and acc["claim"] in text and LONG in text
    for note in p.get("notes") or []:
        assert " ".join(note.split()) in text
    assert LONG in text or event_id == "hostile-event-1278"
    # the place panel: names, modern names, notes, candidates and who proposed them
    for ref in p["places"]:
        pl = hostile.places[ref["place"]]["properties"]
        assert pl["name"] in text and pl["modern_name"] in text and pl["note"] in text
        for cand in pl.get("candidates") or []:
            assert cand["name"] in text and cand["proposed_by"] in text
    # the event list and the timeline get the raw strings (rendered as text by Streamlit)
    assert p["title"] in list(at.dataframe[0].value["title"])
    assert at.query_params["event"] in (event_id, [event_id])


def test_legend_and_problems_panel_are_escaped(run_app):
    at = run_app(year="1250")
    text = assert_page_inert(at)
    assert "Empire of Nicaea " + PAYLOAD in text  # legend
    assert "not a date " + PWN_SCRIPT in text  # the broken event's date, in the problems panel
    assert any("Data problems" in e.label for e in at.expander)


@pytest.mark.parametrize(
    "source",
    [
        "wp-byzantine-mongol-alliance",
        "web-franco-mongol-alliance-summary",
        "wp-mongol-invasion-of-byzantine-thrace",
        "ciocaltan-2012-p246",
    ],
)
def test_sources_page_shows_hostile_seeds_and_catalogue_literally(run_app, hostile, source):
    at = run_app(page="sources", source=source)
    text = assert_page_inert(at)
    assert PAYLOAD in text and LONG in text
    seed_html = next(b for b in html_bodies(at) if "atlas-seed" in b)
    marks = re.findall(r"<mark[^>]*>(.*?)</mark>", seed_html, flags=re.S)
    cited = [c for e in hostile.events for c, _ in all_citations(e) if c["source"] == source]
    assert len(marks) == len({hostile.seeds[source].locate(c["quote"]) for c in cited})  # shared quotes merge
    for c in cited:
        assert html.escape(c["quote"], quote=True) in seed_html
    src = hostile.sources[source]
    # the caption (reference) and the unreliable-source banner are Markdown: fully escaped
    caption = next(
        c.value
        for c in at.caption
        if "Wikipedia contributors" in c.value
        or "web page" in c.value
        or "Ciocîltan" in c.value
        or "Ciocaltan" in c.value
    )
    assert re.sub(r"\\(.)", r"\1", caption, flags=re.S) == src["reference"]
    if src["reliability"] == "low":
        banner = next(e.value for e in at.error if "Unreliable source" in e.value)
        assert re.sub(r"\\(.)", r"\1", banner, flags=re.S).endswith(src["reliability_reason"])


def test_sources_page_active_quote_keeps_only_our_script(run_app):
    at = run_app(page="sources", source="wp-byzantine-mongol-alliance", event="hostile-event-1278", cite="1")
    seed_html = next(b for b in html_bodies(at) if "atlas-seed" in b)
    assert 'id="atlas-active-quote"' in seed_html
    assert seed_html.count("<script") == 1 and "<script>setTimeout(" in seed_html
    assert_page_inert(at)


def test_hostile_url_key_is_shown_escaped(run_app):
    at = run_app(**{PWN_SCRIPT: PAYLOAD, "year": PWN_TEMPLATE})
    assert at.warning
    shown = re.sub(r"\\(.)", r"\1", at.warning[0].value, flags=re.S)
    assert PWN_SCRIPT in shown and "year" in shown
    assert set(at.query_params) == {"year"} and at.query_params["year"] == "1242"


# --------------------------------------------------------------------------- server configuration


def test_streamlit_config_is_locked_down():
    cfg = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert cfg["browser"]["gatherUsageStats"] is False
    assert cfg["server"]["enableXsrfProtection"] is True
    assert cfg["server"]["maxUploadSize"] <= 1
    assert cfg["client"]["toolbarMode"] == "viewer"
    assert cfg["client"]["showErrorDetails"] in ("none", False)
    assert cfg["server"].get("enableCORS", True) is True  # CORS protection is not switched off
    code = [p for p in ROOT.glob("*.py")] + list((ROOT / "components").glob("*.py")) + list((ROOT / "geo").glob("*.py"))
    assert not [p.name for p in code if "file_uploader" in p.read_text(encoding="utf-8")]


# --------------------------------------------------------------------------- the live map (geo/livemap.py)


def test_live_bundle_strings_are_inert_html(hostile):
    bundle = build_bundle(hostile.polities, hostile.events, hostile.places, hostile.sources)
    json.loads(bundle_bytes(bundle))  # valid JSON, fetched with r.json(): never evaluated
    frags = [e["popup_html"] for e in bundle["events"]] + [e["tooltip_html"] for e in bundle["events"]]
    frags += [c["tooltip_html"] for e in bundle["events"] for c in e.get("candidates", [])]
    frags += [p["tooltip_html"] for p in bundle["polities"]] + [lab["name_html"] for lab in bundle["labels"]]
    assert len(frags) > 2 * len(hostile.events)
    for frag in frags:  # Leaflet puts these strings into innerHTML
        assert PAYLOAD in " ".join(assert_inert(frag).split()), frag[:200]
    for e in bundle["events"]:  # used in class names and colours without escaping: must be plain
        assert re.fullmatch(r"[a-z0-9-]+", e["id"]) and re.fullmatch(r"#[0-9a-fA-F]{6}", e["color"])
    for p in bundle["polities"]:
        assert re.fullmatch(r"[a-z0-9-]+", p["id"]) and re.fullmatch(r"#[0-9a-fA-F]{6}", p["color"])


#: Runs a script with Leaflet, the map and the atlas's entry points stubbed, and prints what the
#: script passed to ``atlasInit`` (the options) and ``window.atlasApply`` (the state) as JSON.
_RUN_STUBBED = """
const stub = () => new Proxy(function () {}, {get: () => stub(), apply: () => stub()});
const seen = {};
globalThis.L = stub();
globalThis.map_div = stub();
globalThis.window = {atlasApply: (state) => { seen.state = state; }};
globalThis.atlasInit = (map, options) => { seen.options = options; return {}; };
globalThis.atlasStreamlit = (atlas) => atlas;
require("vm").runInThisContext(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(seen));
"""


def run_stubbed(js: str) -> dict:
    """What ``js`` hands to the map's drawing code when it runs (in node, with stubs)."""
    out = subprocess.run([NODE, "-e", _RUN_STUBBED], input=js, capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout)


@pytest.mark.skipif(NODE is None, reason="needs node")
def test_live_map_and_year_group_js_parse_and_carry_payloads_as_data(tmp_path):
    m = livemap.live_base_map("/app/static/gen/atlas-x.json?" + PAYLOAD, "/app/static/gen/layers.js", PAYLOAD)
    state = livemap.year_state(1278, 1000, 1278, "upto", ["a", PAYLOAD], PAYLOAD)
    group = livemap.year_group(state)
    group_js = _get_feature_group_string(group, m, idx=0)
    assert "<script" not in group_js.lower() and "</" not in group_js
    page = m.get_root().render()
    base_js = "\n".join(re.findall(r"<script>(.*?)</script>", page, flags=re.S))
    assert "<" not in base_js and ">" not in base_js  # nothing can close the <script>
    for name, js in (("group.js", group_js), ("base.js", base_js)):
        (tmp_path / name).write_text(js, encoding="utf-8")
        check = subprocess.run([NODE, "--check", str(tmp_path / name)], capture_output=True, text=True)
        assert check.returncode == 0, (name, check.stderr[-2000:])
    # what the drawing code receives when the scripts run is exactly the Python values: data, not code
    assert run_stubbed(group_js) == {"state": state}
    options = run_stubbed(base_js)["options"]
    assert options["sliderLabel"] == PAYLOAD and options["bundleUrl"].endswith(PAYLOAD)
