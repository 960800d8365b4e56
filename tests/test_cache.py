"""The disk cache of validation and bundle (geo/cache.py): keyed by content, invalidated by exactly the
files a result was made from, never stale, and never in the way when it cannot be written."""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import geo.prepare
import geo.validate.folder as folder
from geo.atlas import load_atlas
from geo.cache import DiskCache, digest
from geo.prepare import prepared_bundle
from geo.render import html_text
from tests.conftest import FIXTURE_DATA, ROOT, AppRunner

STEPS = ("check_places", "check_events", "check_polities", "schema_problems")
EVENT = "maria-plans-attack-1276"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the fixture atlas with its seeds and the project's basemap, to edit."""
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    shutil.copytree(FIXTURE_DATA.parent / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "data" / "basemap", tmp_path / "data" / "basemap")
    return tmp_path / "data"


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often each validation step and the bundle build really ran (not read back from the cache)."""
    counts: Counter[str] = Counter()

    def counted(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            counts[name] += 1
            return fn(*args, **kwargs)

        return wrapper

    for name in STEPS:
        monkeypatch.setattr(folder, name, counted(name, getattr(folder, name)))
    monkeypatch.setattr(geo.prepare, "build_bundle", counted("build_bundle", geo.prepare.build_bundle))
    return counts


def _open(data: Path, cache_dir: Path) -> tuple[Any, dict]:
    """What a server start does: load the atlas and prepare its bundle, with a fresh cache object."""
    atlas = load_atlas(data, cache=DiskCache(cache_dir))
    return atlas, json.loads(prepared_bundle(atlas, data, DiskCache(cache_dir)))


def _edit(data: Path, name: str, change: Callable[[dict], None]) -> None:
    doc = json.loads((data / name).read_text(encoding="utf-8"))
    change(doc)
    (data / name).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def _event(doc: dict, fid: str = EVENT) -> dict:
    return next(f for f in doc["features"] if f["id"] == fid)


def test_a_restart_on_unchanged_data_judges_and_builds_nothing_again(data, tmp_path, runs) -> None:
    first, bundle = _open(data, tmp_path / "cache")
    assert runs["check_events"] == runs["check_polities"] == runs["build_bundle"] == 1
    runs.clear()
    again, bundle_again = _open(data, tmp_path / "cache")
    assert sum(runs.values()) == 0, runs
    assert bundle_again == bundle
    assert again.key == first.key and [e["id"] for e in again.events] == [e["id"] for e in first.events]


def test_a_file_touched_but_not_changed_is_still_a_hit(data, tmp_path, runs) -> None:
    _open(data, tmp_path / "cache")
    runs.clear()
    for path in data.rglob("*.*json"):
        os.utime(path, (1, 1))
    _open(data, tmp_path / "cache")
    assert sum(runs.values()) == 0, runs


def test_an_edited_event_is_served_at_once_in_the_bundle_and_the_validation(data, tmp_path) -> None:
    _, before = _open(data, tmp_path / "cache")
    assert any(html_text(_title()) in e["popup_html"] for e in before["events"] if e["id"] == EVENT)
    _edit(data, "events.geojson", lambda d: _event(d)["properties"].update(title="A new title & more"))
    atlas, after = _open(data, tmp_path / "cache")
    (entry,) = [e for e in after["events"] if e["id"] == EVENT]
    assert "A new title &amp; more" in entry["popup_html"] and html_text(_title()) not in entry["popup_html"]
    assert atlas.event(EVENT)["properties"]["title"] == "A new title & more"

    # a quote no longer in its source: the validator says so, the event leaves the atlas and the map
    _edit(data, "events.geojson", lambda d: _event(d)["properties"]["citations"][0].update(quote="never written"))
    atlas, broken = _open(data, tmp_path / "cache")
    assert ("quote-not-verbatim", EVENT) in [(p.rule, p.feature) for p in atlas.problems]
    assert EVENT not in {e["id"] for e in broken["events"]} and atlas.event(EVENT) is None

    # and back: the first version's results, still on disk, are the right ones again
    _edit(data, "events.geojson", lambda d: _event(d)["properties"]["citations"][0].update(quote=_quote()))
    _edit(data, "events.geojson", lambda d: _event(d)["properties"].update(title=_title()))
    _, restored = _open(data, tmp_path / "cache")
    assert restored == before


def _fixture_event() -> dict:
    return _event(json.loads((FIXTURE_DATA / "events.geojson").read_text(encoding="utf-8")))


def _quote() -> str:
    return _fixture_event()["properties"]["citations"][0]["quote"]


def _title() -> str:
    return _fixture_event()["properties"]["title"]


def test_a_change_reruns_only_what_reads_the_changed_file(data, tmp_path, runs) -> None:
    _open(data, tmp_path / "cache")

    runs.clear()  # a river moves: the bundle is rebuilt, nothing is judged again
    _edit(data, "basemap/rivers.geojson", lambda d: d["features"].pop())
    _open(data, tmp_path / "cache")
    assert runs == Counter(build_bundle=1)

    runs.clear()  # a border moves: the polities are judged again, the events (which name polities by id) are not
    _edit(data, "polities.geojson", lambda d: d["features"][0]["geometry"]["coordinates"][0].reverse())
    atlas, _ = _open(data, tmp_path / "cache")
    assert runs == Counter(check_polities=1, schema_problems=1, build_bundle=1)
    assert {p.rule for p in atlas.problems} == {"clockwise-exterior"}

    runs.clear()  # an event changes: only the events are judged again
    _edit(data, "events.geojson", lambda d: _event(d)["properties"].update(summary="Changed."))
    _open(data, tmp_path / "cache")
    assert runs == Counter(check_events=1, schema_problems=1, build_bundle=1)

    runs.clear()  # a place moves: places, and the events and polities that refer to places, are judged again
    _edit(data, "places.geojson", lambda d: d["features"][0]["properties"].update(name="Renamed"))
    _open(data, tmp_path / "cache")
    assert runs == Counter(check_places=1, check_events=1, schema_problems=1, build_bundle=1)


def test_a_schema_or_code_change_is_a_new_key(data, tmp_path, runs, monkeypatch) -> None:
    first, _ = _open(data, tmp_path / "cache")
    schema = data / "schema"
    shutil.copytree(ROOT / "data" / "schema", schema)  # the folder's own schemas apply: the same text, the same key
    assert _open(data, tmp_path / "cache")[0].key == first.key
    _edit(data, "schema/events.schema.json", lambda d: d["$defs"]["kind"]["enum"].remove("siege"))
    narrower, _ = _open(data, tmp_path / "cache")
    assert narrower.key != first.key and {p.rule for p in narrower.problems} == {"not-in-vocabulary"}
    shutil.rmtree(schema)
    monkeypatch.setattr(folder, "code_version", lambda *patterns: "another version of the validator")
    runs.clear()
    assert _open(data, tmp_path / "cache")[0].key != first.key
    assert runs["check_events"] == runs["build_bundle"] == 1


def test_an_unwritable_cache_folder_serves_the_same_atlas(data, tmp_path, capsys) -> None:
    _, expected = _open(data, tmp_path / "cache")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    atlas, bundle = _open(data, blocker / "atlas")
    assert bundle == expected and not atlas.problems
    assert "cannot write the cache" in capsys.readouterr().err


def test_a_damaged_entry_is_a_miss_not_an_error(data, tmp_path) -> None:
    _, expected = _open(data, tmp_path / "cache")
    entries = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert entries
    for path in entries:
        if path.parent.name.startswith("validation"):
            path.write_bytes(b"{not json")
    atlas, bundle = _open(data, tmp_path / "cache")
    assert bundle == expected and not atlas.problems


def test_digest_parts_cannot_run_into_each_other() -> None:
    assert digest("ab", "c") != digest("a", "bc")
    assert digest(None) != digest("") and digest(None, "") != digest("", None)
    assert digest("Ἀνδρόνικος") == digest("Ἀνδρόνικος".encode())


def test_old_entries_are_pruned(tmp_path) -> None:
    from geo.cache import KEEP_PER_KIND

    cache = DiskCache(tmp_path)
    for i in range(KEEP_PER_KIND + 5):
        cache.save("bundle", f"k{i}", b"x")
        os.utime(tmp_path / "bundle" / f"k{i}", (i, i))
    assert len(list((tmp_path / "bundle").iterdir())) == KEEP_PER_KIND
    assert cache.load("bundle", f"k{KEEP_PER_KIND + 4}") == b"x"


def test_the_app_serves_when_its_cache_folder_cannot_be_written(data, tmp_path, app: AppRunner, monkeypatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("ATLAS_CACHE_DIR", str(blocker / "atlas"))
    at = app(data=data, map_state=None).run()
    assert not at.exception, at.exception
    assert at.dataframe and len(at.dataframe[0].value) > 0
    assert not list(tmp_path.glob("not-a-folder/**"))


def test_the_collector_pauses_while_the_atlas_loads_and_the_kept_atlas_is_frozen(data) -> None:
    """Reading pauses the cyclic collector (it walked every new object again and again); what the app keeps is
    frozen out of its walks, and the collector runs again afterwards."""
    import gc

    from geo.atlas import paused_gc

    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    with paused_gc():
        assert not gc.isenabled()
        load_atlas(data)
    assert gc.isenabled() and gc.get_freeze_count() == frozen
    try:
        with paused_gc(freeze=True):
            kept = load_atlas(data)
        assert gc.isenabled() and gc.get_freeze_count() > frozen
        assert kept.events
    finally:
        gc.unfreeze()


def test_the_code_in_a_key_is_the_code_that_makes_the_result() -> None:
    """A new popup (geo/render.py) rebuilds the bundle but judges nothing again; new drawing code neither."""
    import geo.cache as cache

    here = Path(cache.__file__).resolve().parent
    judged = {p.relative_to(here).as_posix() for pattern in cache.VALIDATION_CODE for p in here.glob(pattern)}
    built = {p.relative_to(here).as_posix() for pattern in cache.BUNDLE_CODE for p in here.glob(pattern)}
    assert {"validate/folder.py", "validate/truth.py", "timemodel.py", "sources.py"} <= judged
    assert "render.py" not in judged and {"render.py", "bundle.py", "parts.py", "atlas.py"} <= built
    assert judged <= built and not any(name.endswith(".js") for name in built)
