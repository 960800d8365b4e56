"""The event list's rows and the downloads (geo/tables.py)."""

from __future__ import annotations

import csv
import io

from geo.tables import events_csv, ordered_events, timeline_rows


def test_csv_neutralises_formulas(atlas):
    evil = dict(atlas.events[0])
    evil["properties"] = dict(evil["properties"], title='=HYPERLINK("x")')
    assert "'=HYPERLINK" in events_csv([evil], atlas.places)


def test_timeline_rows_are_one_per_event(atlas):
    rows = timeline_rows(atlas.events)
    assert [r["id"] for r in rows] == [e["id"] for e in atlas.events]
    invasion = next(r for r in rows if r["id"] == "mongol-invasion-of-thrace-1264")
    assert (invasion["start"], invasion["end"]) == (1263, 1264)


def test_csv_holds_what_a_teacher_needs_with_sources_by_title(atlas):
    rows = list(csv.DictReader(io.StringIO(events_csv(atlas.events, atlas.places, atlas.sources))))
    invasion = next(r for r in rows if r["id"] == "mongol-invasion-of-thrace-1264")
    event = atlas.event("mongol-invasion-of-thrace-1264")["properties"]
    assert invasion["summary"] == event["summary"]
    assert invasion["date in the text's words"] == event["date_label"]
    first = event["citations"][0]
    title = atlas.sources[first["source"]]["short_title"]
    assert f"{title}, {first['locator']}: “{first['quote']}”" in invasion["quotes"]
    assert event["accounts"][0]["label"] in invasion["accounts"]
    assert title in invasion["sources"] and first["source"] not in invasion["sources"]


def test_the_list_can_be_ordered_by_kind_or_place_keeping_the_story_order_within(atlas):
    by_kind = ordered_events(atlas.events, "kind", atlas.places)
    assert [e["properties"]["kind"] for e in by_kind] == sorted(e["properties"]["kind"] for e in atlas.events)
    assert ordered_events(atlas.events, "story", atlas.places) == atlas.events
    sieges = [e["id"] for e in by_kind if e["properties"]["kind"] == "siege"]
    assert sieges == [e["id"] for e in atlas.events if e["properties"]["kind"] == "siege"]
