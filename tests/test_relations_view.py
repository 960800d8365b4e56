"""The relations as the browser gets them: the payload's spans equal the derived relations of every year, every
data string is escaped, and geo/relations_layer.js (run by node) shows exactly the spans of a year."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from geo.atlas import Atlas, load_atlas
from geo.relations import RELATION_KINDS, derive_relations, relations_in
from geo.relations_view import (
    RELATION_COLORS,
    legend_html,
    matrix_rows,
    matrix_spec,
    payload_bytes,
    payload_name,
    relations_payload,
)
from geo.timemodel import YEAR_MAX, YEAR_MIN
from tests.conftest import node_json

ROOT = Path(__file__).resolve().parent.parent
RELATIONS_JS = ROOT / "geo" / "relations_layer.js"
HOSTILE = ROOT / "tests" / "fixtures" / "app" / "hostile" / "data"
NODE = shutil.which("node")


@pytest.fixture(scope="module")
def real() -> Atlas:
    return load_atlas(ROOT / "data")


@pytest.fixture(scope="module")
def payload(real: Atlas) -> dict[str, Any]:
    return dict(
        relations_payload(derive_relations(real.events, real.polities), real.polities, real.places, real.events)
    )


def _year_keys(spans: list[dict[str, Any]], year: int) -> set[tuple[str, str, str]]:
    return {(s["a"], s["b"], s["kind"]) for s in spans if s["start"] <= year <= s["end"]}


def test_the_spans_of_each_year_are_that_years_relations(real: Atlas, payload: dict[str, Any]) -> None:
    relations = derive_relations(real.events, real.polities)
    for year in range(YEAR_MIN, YEAR_MAX + 1):
        expected = {(r.a, r.b, r.kind) for r in relations_in(relations, year)}
        assert _year_keys(payload["spans"], year) == expected, year
    # consecutive identical years are one span: far fewer spans than relation-years
    assert len(payload["spans"]) < len(relations) / 2


def test_a_span_says_what_it_rests_on_and_how_it_is_marked(payload: dict[str, Any]) -> None:
    (tie,) = [
        s
        for s in payload["spans"]
        if s["start"] <= 1282 <= s["end"] and (s["a"], s["b"], s["kind"]) == ("byzantium", "ilkhanate", "marriage")
    ]
    assert tie["events"] == ["maria-marries-abaqa"]
    assert tie["dashed"] and "date uncertain" in tie["tip_html"]
    assert tie["note_html"].startswith("held over from Maria Palaiologina married to Abaqa")
    assert tie["pa"] == [28.9656, 41.0066]  # Constantinople, the Byzantine seat in 1282
    assert payload["events"]["maria-marries-abaqa"]["start"] == 1265
    assert [k["id"] for k in payload["kinds"]] == list(RELATION_KINDS)


def test_every_data_string_in_the_payload_is_escaped() -> None:
    hostile = load_atlas(HOSTILE)
    relations = derive_relations(hostile.events, hostile.polities)
    data = relations_payload(relations, hostile.polities, hostile.places, hostile.events)
    text = payload_bytes(data).decode("utf-8")
    assert relations, "the hostile fixture should make at least one relation"
    assert "<script" not in text and "<img" not in text
    assert "&lt;script" in text or "&lt;img" in text


def test_the_file_name_follows_the_content(payload: dict[str, Any]) -> None:
    data = payload_bytes(payload)
    assert payload_name(data) == payload_name(bytes(data))
    assert payload_name(data) != payload_name(data + b" ")
    assert payload_name(data).startswith("relations-") and payload_name(data).endswith(".json")


def test_the_legend_names_every_kind_and_the_dashes() -> None:
    html = legend_html()
    for kind, label in RELATION_KINDS.items():
        assert label in html and RELATION_COLORS[kind] in html
    assert "dashed" in html and "unreliable" in html


def test_the_matrix_of_1282_shows_both_marriage_ties(real: Atlas) -> None:
    relations = relations_in(derive_relations(real.events, real.polities), 1282)
    names = {"byzantium": "Byzantine Empire", "golden-horde": "Golden Horde", "ilkhanate": "Ilkhanate"}
    rows = matrix_rows(relations, names, {e["id"]: e for e in real.events})
    ties = {r["pair"] for r in rows if r["kind"] == "marriage tie"}
    assert ties == {"Byzantine Empire – Golden Horde", "Byzantine Empire – Ilkhanate"}
    spec = matrix_spec(rows, 1282)
    assert spec["data"]["values"] == rows and spec["title"]["text"] == "Relations in 1282"
    assert spec["encoding"]["color"]["scale"]["domain"] == list(RELATION_KINDS.values())


# --- the drawing code, run by node ------------------------------------------------------------------------------

needs_node = pytest.mark.skipif(NODE is None, reason="needs node")


def _node(script: str, payload: Any) -> Any:
    return node_json(f"const rel = require({json.dumps(str(RELATIONS_JS))});", script, payload)


@needs_node
def test_the_file_parses_as_it_is() -> None:
    assert NODE is not None
    check = subprocess.run([NODE, "--check", str(RELATIONS_JS)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


@needs_node
def test_the_browser_shows_the_spans_python_says_for_every_year(payload: dict[str, Any]) -> None:
    shown = _node(
        "const out = {};"
        "for (let y = INPUT.lo; y <= INPUT.hi; y++) out[y] = rel.spansIn(INPUT.spans, y).map(x => x.index);"
        "console.log(JSON.stringify(out));",
        {"spans": payload["spans"], "lo": YEAR_MIN, "hi": YEAR_MAX},
    )
    for year in range(YEAR_MIN, YEAR_MAX + 1):
        keys = {tuple(payload["spans"][i][k] for k in ("a", "b", "kind")) for i in shown[str(year)]}
        assert keys == _year_keys(payload["spans"], year), year


@needs_node
def test_several_relations_of_one_pair_are_bent_apart_and_every_arc_ends_at_the_seats() -> None:
    spans = [
        {"start": 1282, "end": 1282, "a": "x", "b": "y", "kind": k, "pa": [28.97, 41.0], "pb": [46.29, 38.08]}
        for k in ("alliance", "marriage")
    ]
    out = _node(
        "const s = rel.spansIn(INPUT, 1282);"
        "const pts = s.map(x => rel.arcPoints(INPUT[x.index].pa, INPUT[x.index].pb, x.bend));"
        "console.log(JSON.stringify({bends: s.map(x => x.bend), first: pts.map(p => p[0]),"
        " last: pts.map(p => p.at(-1)), mid: pts.map(p => p[14])}));",
        spans,
    )
    assert out["bends"][0] != out["bends"][1]
    assert out["first"] == [[41.0, 28.97]] * 2 and out["last"] == [[38.08, 46.29]] * 2  # Leaflet's [lat, lng]
    assert out["mid"][0] != out["mid"][1]
