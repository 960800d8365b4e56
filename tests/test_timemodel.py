"""The time model of data/README.md: EDTF to inclusive integer years."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from geo.timemodel import DateError, overlaps, visible_in, years_of


@pytest.mark.parametrize(
    ("edtf", "start", "end", "uncertain"),
    [
        ("1242-21", 1242, 1242, False),  # spring of 1242
        ("1276?", 1276, 1276, True),  # probably in 1276
        ("1263-12/1264-02", 1263, 1264, False),  # winter of AD 1263/1264
        ("1250~/1253~", 1250, 1253, True),  # early 1250s
        ("1253~", 1253, 1253, True),  # around 1253
        ("1335~/1339~", 1335, 1339, True),  # late 1330's
        ("126X", 1260, 1269, True),  # the 1260s
        ("[1264..1265]", 1264, 1265, True),  # one year of 1264-1265, unknown which (a guess, drawn as one)
        ("1264/1265", 1264, 1265, False),  # an interval the text states: not a guess
    ],
)
def test_years_of(edtf: str, start: int, end: int, uncertain: bool) -> None:
    span = years_of(edtf)
    assert (span.start, span.end, span.uncertain) == (start, end, uncertain)


@pytest.mark.parametrize("bad", ["", "spring 1242", "1263-24?", "../1264", None])
def test_bad_dates_raise(bad) -> None:
    with pytest.raises(DateError):
        years_of(bad)


def test_visibility_is_inclusive() -> None:
    assert visible_in(1263, 1264, 1264)
    assert not visible_in(1263, 1264, 1265)
    assert overlaps(1335, 1339, 1330, 1335)
    assert not overlaps(1335, 1339, 1320, 1334)


def test_no_test_skips_when_a_required_package_is_missing() -> None:
    """``edtf`` is required: a test that ``importorskip``-ed it passed silently where it should have failed."""
    root = Path(__file__).resolve().parent.parent
    pyproject = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    required = {
        re.split(r"[<>=!~\[;\s]", dep)[0].lower().replace("-", "_") for dep in pyproject["project"]["dependencies"]
    }
    assert "edtf" in required
    for path in sorted((root / "tests").glob("*.py")):
        for module in re.findall(r"importorskip\(\s*[\"']([\w.]+)", path.read_text(encoding="utf-8")):
            assert module.split(".")[0].lower() not in required, f"{path.name} skips without required {module!r}"


def _parity_cases() -> list[str]:
    """Every form the atlas's data writes, the shapes around them, and strings the fast path must refuse."""
    days = ["", "-01", "-02", "-12", "-12-28", "-02-28", "-01-09", "-13", "-00", "-02-29", "-02-30", "-1"]
    days += ["-21", "-24", "-25"]  # seasons
    marks = ["", "?", "~", "%"]
    singles = [y + d + q for y in ("1263", "0000", "0999", "2999") for d in days for q in marks]
    firsts = ("1250~", "1263-12", "1264", "1263-12-28?", "1263-24")
    pairs = [f"{a}/{b}" for a in firsts for b in ("1253~", "1264-02", "1263", "1264-21", "")]
    odd = ["125X", "126X?", "12XX", "1263 ", " 1263", "12633", "-1263", "١٢٦٣", "1263\n", "1263/..", "1263?-12"]
    odd += ["[1242..1243]", "[1243..1242]", "[1242,1243]", "[1242..1243-02]", "[1242?..1243]", "[1242..1243]?"]
    return singles + pairs + odd


@pytest.mark.parametrize("text", _parity_cases())
def test_the_fast_reading_gives_the_edtf_packages_years(text: str) -> None:
    """Reading common forms directly (a minute saved at 100x) answers as the ``edtf`` package does, or defers."""
    from edtf import parse_edtf

    from geo.timemodel import _fast_years

    fast = _fast_years(text)
    try:
        parsed = parse_edtf(text)
        expected: tuple[int, int] | None = (int(parsed.lower_strict()[0]), int(parsed.upper_strict()[0]))
    except Exception:  # the package refuses it: so must the fast reading (it defers to the package)
        expected = None
    assert fast is None or fast == expected


def test_every_date_of_the_atlas_is_read_without_the_slow_parser() -> None:
    """The speed-up holds for the real data: no date in data/ falls back to the grammar."""
    import json

    from geo.timemodel import _fast_years

    root = Path(__file__).resolve().parent.parent / "data"
    dates = [f["properties"]["date_edtf"] for f in json.loads((root / "events.geojson").read_text())["features"]]
    for f in json.loads((root / "polities.geojson").read_text())["features"]:
        dates += [f["properties"][k] for k in ("start_edtf", "end_edtf") if f["properties"].get(k)]
    assert dates and [d for d in dates if _fast_years(d) is None] == []
