"""Unit tests of the benchmark's pure helpers (no browser, no server, no timing assertions)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import harness  # noqa: E402
import make_synthetic  # noqa: E402

from geo.timemodel import years_of  # noqa: E402
from geo.validate import validate_folder  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "app" / "data"


def test_median_and_p95():
    assert harness.median([3, 1, 2]) == 2
    assert harness.median([1, 2, 3, 4]) == 2.5
    assert harness.median([]) is None
    assert harness.p95([5]) == 5
    xs = list(range(1, 101))  # 1..100
    assert harness.p95(xs) == pytest.approx(95.05)
    assert harness.percentile(xs, 0) == 1 and harness.percentile(xs, 100) == 100
    assert harness.median([None, 4, float("nan"), 2]) == 3


def test_ratio():
    assert harness.ratio(3, 2) == 1.5
    assert harness.ratio(None, 2) is None and harness.ratio(1, 0) is None


def test_read_timing_log(tmp_path):
    log = tmp_path / "t.jsonl"
    assert harness.read_timing_log(log) == ([], 0)
    log.write_text('{"t": 1, "run_ms": 12.5}\nnot json\n{"t": 2, "run_ms": 7}\n')
    runs, n = harness.read_timing_log(log)
    assert runs == [12.5, 7.0] and n == 3
    with log.open("a") as fh:
        fh.write('{"t": 3, "run_ms": 1}\n')
    assert harness.read_timing_log(log, n) == ([1.0], 4)


def test_rss_of_this_process():
    assert harness.rss_kb(0x7FFFFFF0) is None
    import os

    assert harness.rss_kb(os.getpid()) > 1000


def test_is_external():
    assert harness.is_external("https://cdn.jsdelivr.net/npm/leaflet.js")
    assert not harness.is_external("http://127.0.0.1:8501/app/static/vendor/leaflet/leaflet.js")
    assert not harness.is_external("ws://localhost:8501/_stcore/stream")
    assert not harness.is_external("data:image/png;base64,xyz")


def test_split_span():
    assert make_synthetic.split_span(1240, 1249, 2) == [(1240, 1244), (1245, 1249)]
    assert make_synthetic.split_span(1240, 1242, 10) == [(1240, 1240), (1241, 1241), (1242, 1242)]
    spans = make_synthetic.split_span(1261, 1345, 7)
    assert spans[0][0] == 1261 and spans[-1][1] == 1345 and len(spans) == 7
    assert all(b[0] == a[1] + 1 for a, b in zip(spans, spans[1:], strict=False))


def test_shifted_date_keeps_edtf_and_years_consistent():
    props = {"date_edtf": "1263-12/1264-02", "start": 1263, "end": 1264, "date_label": "winter of AD 1263/1264"}
    moved = make_synthetic.shifted_date(props, 3)
    assert moved == {"date_edtf": "1266-12/1267-02", "start": 1266, "end": 1267, "date_label": "winter of AD 1266/1267"}
    span = years_of(moved["date_edtf"])
    assert (span.start, span.end) == (1266, 1267)
    assert make_synthetic.shifted_date(props, 0) is None


@pytest.mark.parametrize("source", [FIXTURE, ROOT / "data"])
def test_scale_2_doubles_events_with_unique_ids_and_validates(tmp_path, source):
    if not (source / "events.geojson").is_file():
        pytest.skip(f"{source} has no events yet")
    assert validate_folder(source).ok, "the source data must be valid to begin with"
    data = make_synthetic.make(2, source=source, out_root=tmp_path)
    base = json.loads((source / "events.geojson").read_text(encoding="utf-8"))["features"]
    events = json.loads((data / "events.geojson").read_text(encoding="utf-8"))["features"]
    assert len(events) == 2 * len(base)
    ids = [e["id"] for e in events]
    assert len(set(ids)) == len(ids)
    assert all(e["id"] == e["properties"]["id"] for e in events)
    places = json.loads((data / "places.geojson").read_text(encoding="utf-8"))["features"]
    assert len({p["id"] for p in places}) == len(places)
    polities = json.loads((data / "polities.geojson").read_text(encoding="utf-8"))["features"]
    assert len({p["id"] for p in polities}) == len(polities)
    # quotes are copied verbatim
    quotes = {c["quote"] for e in base for c in e["properties"]["citations"]}
    assert {c["quote"] for e in events for c in e["properties"]["citations"]} == quotes
    report = validate_folder(data)
    assert report.ok, [str(p) for p in report.problems[:10]]


def test_generation_is_deterministic(tmp_path):
    a = make_synthetic.make(3, source=FIXTURE, out_root=tmp_path / "a")
    b = make_synthetic.make(3, source=FIXTURE, out_root=tmp_path / "b")
    for name in ("places.geojson", "events.geojson", "polities.geojson"):
        assert (a / name).read_bytes() == (b / name).read_bytes()


def test_growth_and_memory_per_session():
    assert harness.growth(100, 110) == pytest.approx(0.10)
    assert harness.growth(100, 90) == pytest.approx(-0.10)
    assert harness.growth(None, 5) is None and harness.growth(0, 5) is None
    assert harness.per_session_kb(1000, 3000, 20) == 100
    assert harness.per_session_kb(1000, None, 20) is None and harness.per_session_kb(1000, 3000, 0) is None
