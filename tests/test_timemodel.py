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
