"""The bundle in parts (geo/parts.py): nothing lost, each item where the years it touches are, named by
content, and a first paint that needs a fraction of the whole."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from geo.atlas import load_atlas
from geo.cache import DiskCache
from geo.parts import DETAIL_KEYS, part_names, spans, split_bundle
from geo.prepare import prepared_bundle, prepared_parts
from tests.conftest import ROOT

REAL = ROOT / "data"


@pytest.fixture(scope="module")
def bundle() -> dict[str, Any]:
    return json.loads(prepared_bundle(load_atlas(REAL), REAL, None))


def _docs(files: dict[str, bytes], names: list[str]) -> list[Any]:
    return [json.loads(files[n]) for n in names]


def test_the_spans_cover_every_year_once() -> None:
    covered = [y for lo, hi in spans() for y in range(lo, hi + 1)]
    assert covered == list(range(spans()[0][0], spans()[-1][1] + 1))
    assert spans()[1][0] <= 1240 and spans()[-1][1] >= 1345


def test_every_item_is_in_the_parts_of_the_years_it_touches_and_no_other(bundle) -> None:
    manifest, files = split_bundle(bundle)
    years = _docs(files, manifest["years"])
    last = len(years) - 1
    for kind in ("polities", "events"):
        for item in bundle[kind]:
            holders = [i for i, part in enumerate(years) if any(x["id"] == item["id"] for x in part[kind])]
            touched = [
                i
                for i, (lo, hi) in enumerate(manifest["spans"])
                if (item["start"] <= hi or i == last) and (item["end"] >= lo or i == 0)
            ]
            assert holders == touched, (kind, item["id"])


def test_putting_the_parts_together_gives_back_the_bundle(bundle) -> None:
    manifest, files = split_bundle(bundle)
    base = json.loads(files[manifest["base"]])
    geoms: dict[int, Any] = {}
    polities: dict[str, Any] = {}
    events: dict[str, Any] = {}
    for part, details in zip(_docs(files, manifest["years"]), _docs(files, manifest["details"]), strict=True):
        geoms.update({int(k): v for k, v in part["geoms"].items()})
        polities.update({p["id"]: p for p in part["polities"]})
        for e in part["events"]:
            assert not set(DETAIL_KEYS) & set(e)  # popups and tooltips come later
            events[e["id"]] = {**e, **{k: details[k][e["id"]] for k in DETAIL_KEYS}}
    assert [base[k] for k in ("land", "rivers", "labels")] == [bundle[k] for k in ("land", "rivers", "labels")]
    assert geoms == dict(enumerate(bundle["geoms"]))
    assert polities == {p["id"]: p for p in bundle["polities"]}
    assert {e["id"]: e for e in bundle["events"]} == events


def test_a_changed_popup_renames_only_the_details_of_its_years(bundle) -> None:
    manifest, _ = split_bundle(bundle)
    edited = json.loads(json.dumps(bundle))
    event = next(e for e in edited["events"] if e["start"] == e["end"] == 1264)
    event["popup_html"] += "<p>more</p>"
    again, _ = split_bundle(edited)
    assert again["base"] == manifest["base"] and again["years"] == manifest["years"]
    changed = [i for i, (a, b) in enumerate(zip(manifest["details"], again["details"], strict=True)) if a != b]
    assert [manifest["spans"][i] for i in changed] == [[1260, 1269]]


def test_the_first_paint_needs_a_fraction_of_the_bundle(bundle) -> None:
    manifest, files = split_bundle(bundle)
    whole = len(json.dumps(bundle, ensure_ascii=False, separators=(",", ":")).encode())
    span = next(i for i, (lo, hi) in enumerate(manifest["spans"]) if lo <= 1264 <= hi)
    first = len(files[manifest["base"]]) + len(files[manifest["years"][span]])
    assert first < 0.5 * whole


def test_parts_are_written_once_and_found_again_after_a_restart(tmp_path: Path) -> None:
    cache, gen = DiskCache(tmp_path / "cache"), tmp_path / "gen"
    atlas = load_atlas(REAL, cache=cache)
    manifest = prepared_parts(atlas, REAL, cache, gen)
    assert sorted(p.name for p in gen.iterdir()) == sorted(set(part_names(manifest)))
    stamps = {p.name: p.stat().st_mtime_ns for p in gen.iterdir()}
    again = prepared_parts(
        load_atlas(REAL, cache=DiskCache(tmp_path / "cache")), REAL, DiskCache(tmp_path / "cache"), gen
    )
    assert again == manifest and {p.name: p.stat().st_mtime_ns for p in gen.iterdir()} == stamps
    (gen / manifest["years"][3]).unlink()  # a part gone missing: built again
    assert prepared_parts(atlas, REAL, cache, gen) == manifest and (gen / manifest["years"][3]).is_file()


def test_generated_files_are_dated_so_a_browser_keeps_them(tmp_path: Path) -> None:
    """Streamlit sends no Cache-Control for static files: a browser keeps one for a tenth of its age, so a
    content-named file is dated long ago (its content never changes under that name)."""
    from geo.offline import GENERATED_MTIME, write_generated

    write_generated(tmp_path, "atlas-base-0123.json", b"{}")
    assert (tmp_path / "atlas-base-0123.json").stat().st_mtime == GENERATED_MTIME
    (tmp_path / "atlas-base-0123.json").touch()  # a copy from before: dated on the next start
    write_generated(tmp_path, "atlas-base-0123.json", b"{}")
    assert (tmp_path / "atlas-base-0123.json").stat().st_mtime == GENERATED_MTIME
