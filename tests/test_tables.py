"""The event list's rows and the downloads (geo/tables.py)."""

from __future__ import annotations

from geo.tables import events_csv, timeline_rows


def test_csv_neutralises_formulas(atlas):
    evil = dict(atlas.events[0])
    evil["properties"] = dict(evil["properties"], title='=HYPERLINK("x")')
    assert "'=HYPERLINK" in events_csv([evil], atlas.places)


def test_timeline_rows_are_one_per_event(atlas):
    rows = timeline_rows(atlas.events)
    assert [r["id"] for r in rows] == [e["id"] for e in atlas.events]
    invasion = next(r for r in rows if r["id"] == "mongol-invasion-of-thrace-1264")
    assert (invasion["start"], invasion["end"]) == (1263, 1264)
