"""The validator: the real data passes, and every registered rule rejects its hostile fixture by name."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from geo.validate import RULES, main, validate_folder

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "validator"
CASES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir() and p.name != "base")


def _expected(case: str) -> list[dict]:
    return json.loads((FIXTURES / case / "expect.json").read_text(encoding="utf-8"))


def _assemble(case: str | None, tmp_path: Path, schema: bool = True) -> Path:
    """Base fixture + the case's overriding files, with the project's seeds (and schemas) beside them."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "base", data)
    if schema:
        shutil.copytree(ROOT / "data" / "schema", data / "schema")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    if case is None:
        return data
    folder = FIXTURES / case
    for marker in folder.rglob("*.absent"):
        (data / marker.relative_to(folder)).with_suffix("").unlink()
    for f in sorted(folder.rglob("*")):
        if f.is_file() and f.name != "expect.json" and f.suffix != ".absent":
            dest = data / f.relative_to(folder)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(f, dest)
    return data


def test_real_data_is_valid() -> None:
    report = validate_folder(ROOT / "data")
    assert report.ok, "\n".join(map(str, report.problems))


def test_base_fixture_is_valid(tmp_path: Path) -> None:
    report = validate_folder(_assemble(None, tmp_path))
    assert report.ok, "\n".join(map(str, report.problems))


def test_every_rule_has_a_fixture() -> None:
    # a rule without a hostile fixture is a rule nobody proved can fail
    expected_rules = {exp["rule"] for case in CASES for exp in _expected(case)}
    untested, unknown = sorted(set(RULES) - expected_rules), sorted(expected_rules - set(RULES))
    assert not untested, f"registered rules no fixture expects (add a case to make_validator_fixtures.py): {untested}"
    assert not unknown, f"fixtures expect rules that are not registered: {unknown}"


@pytest.mark.parametrize("case", CASES)
def test_hostile_fixture_is_reported(case: str, tmp_path: Path) -> None:
    expected = _expected(case)
    report = validate_folder(_assemble(case, tmp_path))
    assert all(p.rule in RULES for p in report.problems), [p for p in report.problems if p.rule not in RULES]
    if not expected:
        assert report.ok, "\n".join(map(str, report.problems))
        return
    for exp in expected:
        matches = [
            p
            for p in report.problems
            if p.rule == exp["rule"]
            and p.file == exp["file"]
            and p.feature == exp["feature"]
            and p.field == exp["field"]
            and exp["words"] in p.message
        ]
        assert matches, f"expected {exp} among:\n" + "\n".join(f"[{p.rule}] {p}" for p in report.problems)


def test_a_rule_decides_whether_the_app_still_draws_the_feature(tmp_path: Path) -> None:
    report = validate_folder(_assemble("polity-dangling-capital", tmp_path))
    assert [p.drops_feature for p in report.problems] == [False]  # the shape is drawn, the capital unnamed
    assert RULES["unknown-capital"].drops_feature is False
    assert RULES["quote-not-verbatim"].drops_feature is True


def test_a_hole_in_a_multipolygon_is_reported_at_its_own_ring(tmp_path: Path) -> None:
    report = validate_folder(_assemble("counter-clockwise-holes", tmp_path))
    holes = {(p.feature, p.field) for p in report.problems if p.rule == "counter-clockwise-hole"}
    assert holes == {
        ("bulgaria-1242-1300", "geometry.coordinates[1][1]"),  # polygon 1, ring 1 of a MultiPolygon
        ("golden-horde-1242-1345", "geometry.coordinates[1]"),  # ring 1 of a Polygon
    }


def test_the_data_folders_own_schemas_are_the_ones_applied(tmp_path: Path) -> None:
    data = _assemble(None, tmp_path)
    path = data / "schema" / "events.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    schema["$defs"]["kind"]["enum"].remove("siege")  # a folder whose vocabulary has no sieges
    path.write_text(json.dumps(schema), encoding="utf-8")
    problems = validate_folder(data).problems
    assert [(p.rule, p.feature, p.field) for p in problems] == [
        ("not-in-vocabulary", "siege-of-thessalonica-1242", "properties.kind")
    ]


def test_without_a_schema_folder_the_projects_schemas_apply(tmp_path: Path) -> None:
    data = _assemble("misspelt-summary", tmp_path, schema=False)
    assert not (data / "schema").exists()
    rules = {p.rule for p in validate_folder(data).problems}
    assert {"unknown-field", "missing-field"} <= rules


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


def test_cli_names_a_misspelt_field_and_suggests_the_right_one(tmp_path: Path, capsys) -> None:
    data = _assemble("misspelt-summary", tmp_path)
    assert main(["--data", str(data)]) == 1
    err = capsys.readouterr().err
    assert (
        "events.geojson: feature 'siege-of-thessalonica-1242': properties.sumary: unknown field 'sumary' "
        "(did you mean 'summary'?" in err
    )


def test_cli_stats_on_real_data(capsys) -> None:
    assert main(["--stats"]) == 0
    out = capsys.readouterr().out
    assert "events per source:" in out
    assert "web-franco-mongol-alliance-summary" in out


@pytest.mark.parametrize("case", ["base", *CASES])
def test_the_compiled_first_pass_changes_no_schema_problem(case: str, tmp_path: Path) -> None:
    """jsonschema-rs only decides what jsonschema looks at: with it or without it, the same problems, word for word."""
    from dataclasses import replace

    from geo.validate import FILES
    from geo.validate.files import read_json
    from geo.validate.schema import load_validators, schema_problems

    data = _assemble(None if case == "base" else case, tmp_path)
    validators = load_validators(data / "schema")
    compared = 0
    for kind, fname in FILES.items():
        loaded, schema = read_json(data / fname, fname), validators[kind]
        if not loaded.ok or isinstance(schema, str):
            continue
        assert schema.quick is not None, "the compiled validator refused a schema jsonschema accepts"
        quick = schema_problems(fname, loaded.doc, kind, schema)
        assert quick == schema_problems(fname, loaded.doc, kind, replace(schema, quick=None))
        assert schema.quick.is_valid(loaded.doc) == (not quick)
        compared += 1
    assert compared


def test_the_first_pass_hands_only_the_broken_features_to_the_full_check(tmp_path: Path) -> None:
    """One bad feature among many: the message names it by its id and its place in the file, as before."""
    from geo.validate.schema import load_validators, schema_problems

    data = _assemble(None, tmp_path)
    doc = json.loads((data / "events.geojson").read_text(encoding="utf-8"))
    doc["features"][-1]["properties"]["kind"] = "picnic"
    schema = load_validators(data / "schema")["events"]
    assert not isinstance(schema, str)
    problems = schema_problems("events.geojson", doc, "events", schema)
    last = doc["features"][-1]["id"]
    assert [(p.rule, p.feature, p.field) for p in problems] == [("not-in-vocabulary", last, "properties.kind")]


def test_a_border_shared_by_many_periods_is_checked_against_the_years_each_is_drawn() -> None:
    """Overlaps are found by border and then by year: periods that never share a year never clash."""
    from shapely.geometry import box

    from geo.validate.polities import _overlap_problems

    borders = {"a": box(0, 0, 2, 2), "b": box(1, 1, 3, 3), "far": box(10, 10, 11, 11)}
    claims = [
        ("a-1", 1240, 1249, "a"),
        ("a-2", 1250, 1299, "a"),  # the same border, the next years: no clash with a-1
        ("b-1", 1240, 1244, "b"),  # overlaps a-1 by 1 deg² in 1240-1244
        ("b-2", 1300, 1340, "b"),  # no period of "a" is drawn then
        ("a-copy", 1260, 1260, "a"),  # the whole of a-2's land in 1260
        ("far-1", 1240, 1340, "far"),
    ]
    found = [(p.feature, p.message.split(" by ")[0]) for p in _overlap_problems("polities.geojson", claims, borders)]
    assert found == [
        ("a-1", "overlaps sovereign polity 'b-1'"),
        ("a-2", "overlaps sovereign polity 'a-copy'"),
    ]
