"""The timeline chart's spec: one bar per event, the current year marked, counts for big data."""

from __future__ import annotations

import json

from components.timeline import AGGREGATE_ABOVE, aggregate_rows, aggregated_spec, timeline_spec


def _rows(n: int) -> list[dict]:
    return [
        {
            "id": f"e{i}",
            "title": f"T{i}",
            "kind": ("raid", "siege", "embassy")[i % 3],
            "start": 1240 + i % 100,
            "end": 1241 + i % 100,
            "label": "x",
            "uncertain": i % 2 == 0,
        }
        for i in range(n)
    ]


def test_one_bar_per_event_and_the_year_marked() -> None:
    spec = timeline_spec(_rows(30), 1264, "e4")
    bars, rule = spec["layer"]
    assert len(bars["data"]["values"]) == 30
    assert [v["id"] for v in bars["data"]["values"] if v["selected"]] == ["e4"]
    assert rule["data"]["values"] == [{"year": 1264.5}]
    assert bars["params"][0]["name"] == "pick"  # clicking a bar selects the event


def test_big_data_is_counted_and_stays_light() -> None:
    rows = _rows(AGGREGATE_ABOVE * 20)
    spec = aggregated_spec(aggregate_rows(rows), 1300)
    values = spec["layer"][0]["data"]["values"]
    # every event counted in each five-year bin it touches
    assert sum(v["n"] for v in values) == sum(len({y - y % 5 for y in (r["start"], r["end"])}) for r in rows)
    assert len(json.dumps(spec)) < 30_000
    assert spec["layer"][1]["data"]["values"] == [{"year": 1300.5}]
