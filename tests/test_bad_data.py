"""Broken data: the app starts, names file, feature and field in the words of ``python -m geo.validate``,
and serves everything valid; the app never writes to its data folder.

Each case copies tests/fixtures/app/{data,seeds} into tmp_path and breaks one thing.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import pytest

from geo.livemap import AtlasLayers
from geo.validate import validate_folder
from tests.conftest import FIXTURE_DATA, ROOT, AppRunner, html_bodies

ALL_TITLES = [
    e["properties"]["title"]
    for e in json.loads((FIXTURE_DATA / "events.geojson").read_text(encoding="utf-8"))["features"]
]
TITLE = {
    e["id"]: e["properties"]["title"]
    for e in json.loads((FIXTURE_DATA / "events.geojson").read_text(encoding="utf-8"))["features"]
}
ALL_POLITIES = 4


def copy_fixture(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    shutil.copytree(FIXTURE_DATA.parent / "seeds", tmp_path / "seeds")
    return tmp_path / "data"


def _edit(name: str, fn: Callable[[dict], None]) -> Callable[[Path], None]:
    def apply(data: Path) -> None:
        doc = json.loads((data / name).read_text(encoding="utf-8"))
        fn(doc)
        (data / name).write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")

    return apply


def _feature(doc: dict, fid: str) -> dict:
    return next(f for f in doc["features"] if f["id"] == fid)


def _truncate(name: str) -> Callable[[Path], None]:
    def apply(data: Path) -> None:
        raw = (data / name).read_bytes()
        (data / name).write_bytes(raw[: len(raw) // 2])

    return apply


def _write(name: str, content: bytes) -> Callable[[Path], None]:
    return lambda data: (data / name).write_bytes(content)


def _bowtie(doc: dict) -> None:
    _feature(doc, "golden-horde-1242-1345")["geometry"]["coordinates"] = [
        [[30.5, 45.5], [50.0, 53.0], [50.0, 45.5], [30.5, 53.0], [30.5, 45.5]]
    ]


def _two_same_points(doc: dict) -> None:
    _feature(doc, "mongol-invasion-of-thrace-1264")["geometry"]["coordinates"] = [[28.5, 45.2], [28.5, 45.2]]


def _dangling(doc: dict) -> None:
    _feature(doc, "capture-of-maria-at-tirnovo-1278")["properties"]["places"][0]["place"] = "atlantis"


def _bad_date(doc: dict) -> None:
    _feature(doc, "maria-plans-attack-1276")["properties"]["date_edtf"] = "sometime in 1276"


#: name -> (break the copy, (file, feature, field) expected in the first problem, events still listed, polities)
CASES: dict[str, tuple[Callable[[Path], None], tuple, list[str], int]] = {
    "events-missing": (lambda d: (d / "events.geojson").unlink(), ("events.geojson", None, None), [], ALL_POLITIES),
    "events-empty": (_write("events.geojson", b""), ("events.geojson", None, None), [], ALL_POLITIES),
    "events-truncated": (_truncate("events.geojson"), ("events.geojson", None, None), [], ALL_POLITIES),
    "events-not-json": (
        _write("events.geojson", b"<html>404 Not Found</html>"),
        ("events.geojson", None, None),
        [],
        ALL_POLITIES,
    ),
    "events-not-utf8": (
        _write("events.geojson", b"\xff\xfe{\x00}\x00"),
        ("events.geojson", None, None),
        [],
        ALL_POLITIES,
    ),
    "polities-truncated": (_truncate("polities.geojson"), ("polities.geojson", None, None), ALL_TITLES, 0),
    "places-missing": (lambda d: (d / "places.geojson").unlink(), ("places.geojson", None, None), [], ALL_POLITIES),
    "sources-not-json": (_write("sources.json", b"sources: [oops"), ("sources.json", None, None), [], ALL_POLITIES),
    "polity-invalid-geometry": (
        _edit("polities.geojson", _bowtie),
        ("polities.geojson", "golden-horde-1242-1345", "geometry"),
        ALL_TITLES,
        ALL_POLITIES - 1,
    ),
    "event-invalid-geometry": (
        _edit("events.geojson", _two_same_points),
        ("events.geojson", "mongol-invasion-of-thrace-1264", "geometry"),
        [t for i, t in TITLE.items() if i != "mongol-invasion-of-thrace-1264"],
        ALL_POLITIES,
    ),
    "dangling-place": (
        _edit("events.geojson", _dangling),
        ("events.geojson", "capture-of-maria-at-tirnovo-1278", "properties.places[0].place"),
        [t for i, t in TITLE.items() if i != "capture-of-maria-at-tirnovo-1278"],
        ALL_POLITIES,
    ),
    "unparseable-date": (
        _edit("events.geojson", _bad_date),
        ("events.geojson", "maria-plans-attack-1276", "properties.date_edtf"),
        [t for i, t in TITLE.items() if i != "maria-plans-attack-1276"],
        ALL_POLITIES,
    ),
}


def shown_problems(at) -> list[str]:
    """The text of each problem in the app's problems panel."""
    body = "".join(html_bodies(at))
    return [html.unescape(m) for m in re.findall(r"<span class='atlas-problem'>(.*?)</span>", body, flags=re.S)]


def drawn_polities(st_folium: mock.MagicMock) -> int:
    """Polity shapes the map was given: those in the parts of the bundle its base map loads (geo/parts.py).

    Fails (rather than count 0) when the map was not drawn or carries no bundle.
    """
    st_folium.assert_called()
    base = st_folium.call_args.args[0]
    (layers,) = [c for c in base._children.values() if isinstance(c, AtlasLayers)]
    urls = layers.options["parts"]["years"]
    assert urls and all(url.startswith("/app/static/gen/") for url in urls), urls
    shapes = set()
    for url in urls:
        shapes |= {
            p["id"] for p in json.loads((ROOT / "static" / url.removeprefix("/app/static/")).read_bytes())["polities"]
        }
    return len(shapes)


def validator_cli(data: Path) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-m", "geo.validate", "--data", str(data)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 1
    return [line[2:] for line in out.stderr.splitlines()[1:]]


@pytest.mark.parametrize("case", list(CASES))
def test_bad_data_is_reported_and_the_rest_served(case, tmp_path, app: AppRunner):
    breaker, where, titles, polities = CASES[case]
    data = copy_fixture(tmp_path)
    breaker(data)
    expected = [str(p) for p in validate_folder(data).problems]
    assert validator_cli(data) == expected  # the command line says the same words
    first = validate_folder(data).problems[0]
    assert (first.file, first.feature, first.field) == where, str(first)

    at = app(data=data, map_state=None, year="1345", window="upto").run()
    assert not at.exception, at.exception
    # the panel names file, feature and field exactly as the validator does (the loader may add more)
    shown = shown_problems(at)
    assert shown[: len(expected)] == expected
    assert where[0] in shown[0] and (where[1] is None or repr(where[1]) in shown[0])
    assert (where[2] or "") in shown[0]
    label = next(e for e in at.expander if "Data problems" in e.label)
    assert f"({len(shown)})" in label.label
    assert any("problem(s) in the data" in e.value for e in at.error)
    # everything valid is still served
    listed = list(at.dataframe[0].value["title"]) if at.dataframe else []
    assert listed == titles
    assert drawn_polities(app.st_folium) == polities


def test_whole_file_problem_opens_the_panel(tmp_path, app: AppRunner):
    data = copy_fixture(tmp_path)
    (data / "events.geojson").write_text("", encoding="utf-8")
    at = app(data=data, map_state=None).run()
    assert next(e for e in at.expander if "Data problems" in e.label).proto.expanded
    assert shown_problems(at)[0] == "events.geojson: file is empty (expected JSON)"


def _hashes(folder: Path) -> dict[str, tuple[str, int]]:
    return {
        str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("folder", ["fixture-copy", "project-data"])
def test_app_never_writes_to_the_data_folder(folder, tmp_path, app: AppRunner):
    if folder == "fixture-copy":
        data = copy_fixture(tmp_path)
    else:
        data = ROOT / "data"
        if not (data / "events.geojson").is_file():
            pytest.skip("no project data yet")
    watched = [data, data.parent / "seeds"]
    before = [_hashes(f) for f in watched]
    click = {"last_active_drawing": None}
    at = app(data=data, timeout=120, map_state=lambda *a, **k: dict(click))
    at.run()
    at.slider(key="year").set_value(1264).run()
    at.button(key="year_next").click().run()
    at.radio(key="window").set_value("upto").run()
    at.multiselect(key="f_kinds").set_value([at.multiselect(key="f_kinds").options[0]]).run()
    at.multiselect(key="f_kinds").set_value([]).run()
    at.text_input(key="f_q").input("maria").run()
    at.text_input(key="f_q").input("").run()
    at.checkbox(key="f_hide_unreliable").check().run()
    first_event = at.session_state["_table_ids"][0]
    click["last_active_drawing"] = {"type": "Feature", "properties": {"event_id": first_event}}
    at.run()
    assert at.session_state["selected"] == first_event
    at.button(key="year_prev").click().run()
    at.radio(key="page").set_value("sources").run()
    at.selectbox(key="src").select_index(len(at.selectbox(key="src").options) - 1).run()
    at.radio(key="page").set_value("atlas").run()
    assert not at.exception, at.exception
    assert [_hashes(f) for f in watched] == before
