"""The data version: a content hash of data/ that changes with the data and only with it."""

from __future__ import annotations

import shutil

from geo.citation import atlas_citation, data_files, data_version
from geo.validate import DATA_DIR


def test_the_same_data_gives_the_same_version_wherever_it_lies(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    version = data_version(DATA_DIR)
    assert len(version) == 12 and int(version, 16) >= 0
    assert data_version(copy) == version


def test_an_edit_a_rename_or_a_new_file_changes_the_version(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    before = data_version(copy)
    places = copy / "places.geojson"
    places.write_bytes(places.read_bytes().replace(b"Constantinople", b"Konstantinoupolis", 1))
    edited = data_version(copy)
    assert edited != before
    (copy / "basemap" / "rivers.geojson").rename(copy / "basemap" / "rivers2.geojson")
    renamed = data_version(copy)
    assert renamed != edited
    (copy / "extra.json").write_text("{}", encoding="utf-8")
    assert data_version(copy) != renamed


def test_schemas_and_documentation_are_not_data(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    before = data_version(copy)
    (copy / "schema" / "events.schema.json").write_text("{}", encoding="utf-8")
    (copy / "README.md").write_text("edited", encoding="utf-8")
    assert data_version(copy) == before
    names = [p.relative_to(copy).as_posix() for p in data_files(copy)]
    assert names == sorted(names) and "events.geojson" in names and "basemap/land.geojson" in names
    assert not [n for n in names if n.startswith("schema/")]


def test_the_citation_carries_the_version():
    assert "data version 0123456789ab" in atlas_citation("0123456789ab")
