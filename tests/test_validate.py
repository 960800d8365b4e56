"""The validator: the real data passes, and every rule rejects its hostile fixture by name."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from geo.validate import main, validate_folder

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "validator"
CASES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir() and p.name != "base")


def _assemble(case: str, tmp_path: Path) -> Path:
    """Base fixture + the case's overriding files, with the project's seeds beside them."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "base", data)
    shutil.copytree(ROOT / "data" / "schema", data / "schema")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    for f in (FIXTURES / case).iterdir():
        if f.name == "expect.json":
            continue
        if f.name.endswith(".absent"):
            (data / f.name.removesuffix(".absent")).unlink()
        else:
            shutil.copy(f, data / f.name)
    return data


def test_real_data_is_valid() -> None:
    report = validate_folder(ROOT / "data")
    assert report.ok, "\n".join(map(str, report.problems))
    assert len(report.docs["events"]["features"]) >= 40


def test_base_fixture_is_valid(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "base", data)
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    report = validate_folder(data)
    assert report.ok, "\n".join(map(str, report.problems))


def test_every_rule_has_a_fixture() -> None:
    # a rule without a hostile fixture is a rule nobody proved can fail
    assert len(CASES) >= 28


@pytest.mark.parametrize("case", CASES)
def test_hostile_fixture_is_reported(case: str, tmp_path: Path) -> None:
    expected = json.loads((FIXTURES / case / "expect.json").read_text(encoding="utf-8"))
    report = validate_folder(_assemble(case, tmp_path))
    if not expected:
        assert report.ok, "\n".join(map(str, report.problems))
        return
    for exp in expected:
        matches = [
            p
            for p in report.problems
            if p.file == exp["file"]
            and p.feature == exp["feature"]
            and p.field == exp["field"]
            and exp["words"] in p.message
        ]
        assert matches, f"expected {exp} among:\n" + "\n".join(map(str, report.problems))


def test_every_problem_is_listed_not_just_the_first(tmp_path: Path) -> None:
    data = _assemble("dangling-place", tmp_path)
    shutil.copy(FIXTURES / "clockwise-ring" / "polities.geojson", data / "polities.geojson")
    report = validate_folder(data)
    fields = {(p.file, p.field) for p in report.problems}
    assert ("events.geojson", "properties.places[0].place") in fields
    assert ("polities.geojson", "geometry.coordinates[0]") in fields


def test_cli_exits_nonzero_and_names_file_feature_field(tmp_path: Path, capsys) -> None:
    data = _assemble("quote-not-verbatim", tmp_path)
    assert main(["--data", str(data)]) == 1
    err = capsys.readouterr().err
    assert "events.geojson: feature 'siege-of-thessalonica-1242': properties.citations[0].quote:" in err


def test_cli_stats_on_real_data(capsys) -> None:
    assert main(["--stats"]) == 0
    out = capsys.readouterr().out
    assert "events per source:" in out
    assert "web-franco-mongol-alliance-summary" in out
