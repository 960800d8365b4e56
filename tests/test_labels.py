"""Polity name placement: a point inside the shape, a size class that grows with area, a status line in words."""

from __future__ import annotations

import pytest
from shapely.geometry import Point, mapping, shape
from shapely.geometry import box as rect

from geo.atlas import load_atlas
from geo.labels import label_point, polity_labels, short_name, size_class, status_line, with_article
from geo.validate import DATA_DIR
from geo.windows import polities_in_year


@pytest.fixture(scope="module")
def atlas_full():
    """The atlas's own data."""
    return load_atlas(DATA_DIR)


def polity(fid: str, geom, name: str, status: str = "sovereign", overlord: str | None = None, pid: str | None = None):
    """A polity feature as the atlas loads it."""
    props = {"id": fid, "polity": pid or fid, "name": name, "status": status, "overlord": overlord}
    return {"type": "Feature", "id": fid, "geometry": mapping(geom), "properties": props}


def test_label_point_is_inside_a_concave_shape_whose_centroid_is_not():
    # a "C" open to the east: its centroid falls in the empty middle
    c_shape = rect(20, 40, 30, 48).difference(rect(22, 42, 31, 46))
    assert not c_shape.contains(c_shape.centroid)
    lon, lat, _area = label_point(c_shape)
    assert c_shape.contains(Point(lon, lat))


def test_label_point_goes_in_the_largest_part():
    islands = rect(20, 40, 21, 41).union(rect(30, 40, 36, 44))
    lon, lat, _area = label_point(islands)
    assert rect(30, 40, 36, 44).contains(Point(lon, lat))


@pytest.mark.parametrize("year", [1243, 1264, 1282, 1330])
def test_every_label_of_the_real_borders_lies_inside_its_shape(atlas_full, year):
    drawn = polities_in_year(atlas_full.polities, year)
    labels = polity_labels(drawn, atlas_full.polities)
    assert len(labels) == len(drawn)
    shapes = {f["id"]: shape(f["geometry"]).buffer(0) for f in drawn}
    outside = [lab.name for lab in labels if not shapes[lab.feature_id].contains(Point(lab.lon, lab.lat))]
    assert outside == []


def test_a_view_box_keeps_the_label_on_the_part_shown():
    # a shape reaching far east (the Mongol Empire's): in a view of Anatolia its name stays in the view
    wide = polity("mongols", rect(40, 35, 120, 50), "Mongol Empire")
    (lab,) = polity_labels([wide], bbox=(20, 35, 50, 50))
    assert 40 <= lab.lon <= 50


def test_a_tributary_gets_its_overlords_name_in_words_never_its_id():
    drawn = [
        polity("gh-1", rect(35, 45, 55, 52), "Golden Horde (Ulus of Jochi)", pid="golden-horde"),
        polity("bg-1", rect(23, 42, 28, 44), "Second Bulgarian Empire", "tributary", "golden-horde", pid="bulgaria"),
    ]
    labels = {lab.polity: lab for lab in polity_labels(drawn)}
    assert labels["bulgaria"].status_line == "tributary of the Golden Horde"
    assert labels["golden-horde"].status_line is None
    assert "golden-horde" not in labels["bulgaria"].status_line


def test_an_overlord_not_drawn_that_year_is_named_from_the_other_years():
    vassal = polity("rum-1", rect(30, 37, 36, 40), "Sultanate of Rum", "vassal", "mongol-empire", pid="rum")
    elsewhere = polity("me-1", rect(60, 40, 90, 50), "Mongol Empire", pid="mongol-empire")
    (lab,) = polity_labels([vassal], known=[elsewhere])
    assert lab.status_line == "vassal of the Mongol Empire"


def test_an_unknown_overlord_leaves_the_status_without_an_id():
    assert status_line({"status": "vassal", "overlord": "secret-id"}, {}) == "vassal"
    assert status_line({"status": "contested", "overlord": None}, {}) == "contested"
    assert status_line({"status": "sovereign"}, {"x": "X"}) is None


def test_real_vassals_and_tributaries_of_1264_read_in_words(atlas_full):
    labels = polity_labels(polities_in_year(atlas_full.polities, 1264), atlas_full.polities)
    lines = {lab.name: lab.status_line for lab in labels}
    assert lines["Second Bulgarian Empire"] == "tributary of the Golden Horde"
    assert lines["Sultanate of Rum"] == "vassal of the Ilkhanate"
    ids = {f["properties"]["polity"] for f in atlas_full.polities}
    assert not [line for line in lines.values() if line and any(pid in line.split() for pid in ids)]


def test_sizes_grow_with_area():
    squares = [polity(f"p{i}", rect(20, 40, 20 + s, 40 + s), f"P{i}") for i, s in enumerate((0.3, 1, 2, 5, 12))]
    labels = sorted(polity_labels(squares), key=lambda lab: lab.area_km2)
    sizes = [lab.size for lab in labels]
    assert sizes == sorted(sizes)
    assert sizes[0] == 1 and sizes[-1] == 4
    assert [size_class(a) for a in (1_000, 20_000, 100_000, 1_000_000)] == [1, 2, 3, 4]


def test_names_read_well_after_of():
    assert with_article("Ilkhanate") == "the Ilkhanate"
    assert with_article("Nogai's ulus") == "Nogai's ulus"
    assert with_article("the Papacy") == "the Papacy"
    assert short_name("Golden Horde (Ulus of Jochi)") == "Golden Horde"
    assert short_name("(only a gloss)") == "(only a gloss)"


def test_empty_or_broken_shapes_get_no_label():
    empty = polity("e", rect(0, 0, 1, 1).difference(rect(0, 0, 1, 1)), "Nothing")
    assert polity_labels([empty]) == []
    assert polity_labels([{"type": "Feature", "id": "x", "geometry": None, "properties": {"name": "X"}}]) == []
