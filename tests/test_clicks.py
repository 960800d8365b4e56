"""Which event a map click selects (geo/clicks.py)."""

from __future__ import annotations

from geo.clicks import clicked_event_id


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
