"""The polity source files (scripts/polity_sources/) parse, and building them reproduces data/."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import build_polities
import pytest
from polity_sources.reader import FOLDER, PolitySourceError, PolitySources, read_sources

ROOT = Path(__file__).resolve().parent.parent
DATA_FILES = ("polities.geojson", "polities.display.geojson")


@pytest.fixture(scope="module")
def sources() -> PolitySources:
    return read_sources()


@pytest.fixture(scope="module")
def built(sources: PolitySources) -> dict[str, str]:
    """The text of each polity file as a build from the sources writes it (~4 s, run once)."""
    collections = build_polities.feature_collections(build_polities.build_features(sources))
    return {name: build_polities.dump(feats) for name, feats in collections.items()}


def test_every_polity_drawn_has_a_source_file_in_ranking_order(sources: PolitySources) -> None:
    committed = json.loads((ROOT / "data" / "polities.geojson").read_text(encoding="utf-8"))["features"]
    drawn = list(dict.fromkeys(f["properties"]["polity"] for f in committed))
    assert drawn == sources.ranking
    assert {p.stem for p in (FOLDER / "polities").glob("*.toml")} == set(sources.ranking)


def test_sources_agree_with_seeds_and_gazetteer(sources: PolitySources) -> None:
    assert build_polities.check_against_data(sources) == []


@pytest.mark.parametrize("name", DATA_FILES)
def test_build_reproduces_committed_file_byte_for_byte(built: dict[str, str], name: str) -> None:
    committed = (ROOT / "data" / name).read_text(encoding="utf-8")
    if built[name] != committed:
        ours = {f["id"]: f for f in json.loads(built[name])["features"]}
        theirs = {f["id"]: f for f in json.loads(committed)["features"]}
        changed = sorted(i for i in ours.keys() & theirs.keys() if ours[i] != theirs[i])
        pytest.fail(
            f"a build from scripts/polity_sources/ differs from data/{name}: "
            f"only built {sorted(ours.keys() - theirs.keys())}, only committed {sorted(theirs.keys() - ours.keys())}, "
            f"changed {changed}. Run scripts/build_polities.py and commit data/ if the edit is intended."
        )


# --- a historian's edits ------------------------------------------------------------------


@pytest.fixture()
def copy(tmp_path: Path) -> Path:
    """A writable copy of the source files."""
    shutil.copytree(FOLDER, tmp_path / "src", ignore=shutil.ignore_patterns("*.py", "__pycache__", "*.md"))
    return tmp_path / "src"


def _edit(folder: Path, file: str, old: str, new: str) -> None:
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_editing_a_border_period_changes_the_years_drawn(copy: Path) -> None:
    _edit(copy, "polities/cyprus.toml", "[[border]]\nstart = 1240\nend = 1345", "[[border]]\nstart = 1240\nend = 1299")
    edited = read_sources(copy)
    only_cyprus = PolitySources(edited.regions, {"cyprus": edited.polities["cyprus"]})
    features = build_polities.build_features(only_cyprus)
    assert [f["id"] for f in features] == ["cyprus-1240-1299"]
    assert features[0]["properties"]["border_note"] == "The whole island."


BAD_EDITS = {
    "misspelt field": (
        "polities/cyprus.toml",
        "border_precision = 1",
        "border_presision = 1",
        "polities/cyprus.toml, border #1 (1240–1345): field 'border_presision': unknown field "
        "(did you mean 'border_precision'?)",
    ),
    "unknown region": (
        "polities/byzantium.toml",
        'regions = ["VICINA"]',
        'regions = ["VICNA"]',
        "polities/byzantium.toml, border #13 (1263–1339): field 'regions': unknown region 'VICNA' "
        "(did you mean VICINA?)",
    ),
    "EDTF that disagrees with the year": (
        "polities/byzantium.toml",
        'end_edtf = "1335~/1339~"',
        'end_edtf = "1335~/1338~"',
        "polities/byzantium.toml, border #13 (1263–1339): field 'end_edtf': '1335~/1338~' gives the year 1338",
    ),
    "year drawn with no period": (
        "polities/rum.toml",
        "start = 1262\nend = 1307\nname",
        "start = 1263\nend = 1307\nname",
        "polities/rum.toml, border #2 (1262–1307): the year 1262 falls in no [[period]]",
    ),
    "vassal without overlord": (
        "polities/nogai.toml",
        'overlord = "golden-horde"\n',
        "",
        "polities/nogai.toml, period #1 (1280–1299): field 'overlord': missing: a vassal names its overlord",
    ),
    "unknown atlas": (
        "polities/serbia.toml",
        'follows = "balkans"',
        'follows = "balkan"',
        "polities/serbia.toml, border #1 (1240–1345): field 'follows': 'balkan' is not a key of atlases.toml",
    ),
    "broken TOML": (
        "polities/cyprus.toml",
        "[[border]]",
        "[[border]",
        "polities/cyprus.toml: not valid TOML: Expected ']]' at the end of an array declaration",
    ),
    "polity left out of the ranking": (
        "ranking.toml",
        '    "genoa",\n',
        "",
        "ranking.toml: field 'ranking': 'genoa' is missing (polities/genoa.toml exists)",
    ),
    "vertex that is not lon/lat": (
        "regions.toml",
        "[[VICINA]]\noutline = [[28.2, 45.05]",
        "[[VICINA]]\noutline = [[28.2, 145.05]",
        "regions.toml, [[VICINA]] #1: field 'outline': vertex [28.2, 145.05] is not [longitude, latitude]",
    ),
}


@pytest.mark.parametrize("case", BAD_EDITS)
def test_a_bad_edit_is_reported_with_file_entry_and_field(copy: Path, case: str) -> None:
    file, old, new, expected = BAD_EDITS[case]
    _edit(copy, file, old, new)
    with pytest.raises(PolitySourceError) as err:
        read_sources(copy)
    assert any(expected in p for p in err.value.problems), err.value.problems


def test_every_problem_is_listed_at_once(copy: Path) -> None:
    cases = [
        BAD_EDITS[c] for c in ("misspelt field", "unknown region", "unknown atlas", "polity left out of the ranking")
    ]
    for file, old, new, _ in cases:
        _edit(copy, file, old, new)
    with pytest.raises(PolitySourceError) as err:
        read_sources(copy)
    for *_, expected in cases:
        assert any(expected in p for p in err.value.problems), (expected, err.value.problems)


def test_a_quote_that_is_not_verbatim_names_its_file(copy: Path) -> None:
    _edit(copy, "polities/cyprus.toml", "retreated to the island of Cyprus", "retreated to the isle of Cyprus")
    problems = build_polities.check_against_data(read_sources(copy))
    assert len(problems) == 1
    assert "polities/cyprus.toml, citation #1: field 'quote': not verbatim in " in problems[0]
