"""The time model: EDTF strings to the integer years the slider compares (see data/README.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

YEAR_MIN = 1240
YEAR_MAX = 1345

#: Marks of an uncertain date: qualifiers, an unspecified digit, and "[" (one year of a set, unknown which).
_UNCERTAIN_MARKS = ("?", "~", "%", "X", "[")

# The forms the atlas writes (a year, a month or a day, each maybe qualified; a season, 21-24, never
# qualified: the package refuses "1263-24?"; an interval of two; a decade; one year of a range of years)
# have their years in their first four digits. Days stop at 28, valid in every month.
_DAY = r"([0-9]{4})(?:(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|1[0-9]|2[0-8]))?)?[?~%]?|-2[1-4])"
_SIMPLE = re.compile(rf"{_DAY}(?:/{_DAY})?")
_DECADE = re.compile(r"([0-9]{3})X")
_ONE_OF_YEARS = re.compile(r"\[([0-9]{4})\.\.([0-9]{4})\]")


class DateError(ValueError):
    """An EDTF string that cannot be parsed or has no year bounds."""


@dataclass(frozen=True)
class YearSpan:
    """Inclusive integer years derived from an EDTF string, and whether it is uncertain."""

    start: int
    end: int
    uncertain: bool


def years_of(edtf_string: object) -> YearSpan:
    """Parse ``edtf_string`` and return its strict lower and upper years.

    The ``edtf`` package's grammar takes ~7 ms a parse (a minute for the 7,700 events of the 100x
    benchmark data), so the common forms are read directly and everything else goes to the package;
    ``tests/test_timemodel.py`` holds the two to the same answers. Results are cached either way.

    Raises
    ------
    DateError
        If the string is not EDTF the ``edtf`` package understands.
    """
    if not isinstance(edtf_string, str) or not edtf_string.strip():
        raise DateError("an EDTF date string is required")
    return _years_of(edtf_string)


@lru_cache(maxsize=4096)
def _years_of(edtf_string: str) -> YearSpan:
    uncertain = any(mark in edtf_string for mark in _UNCERTAIN_MARKS)
    fast = _fast_years(edtf_string)
    if fast is not None:
        return YearSpan(start=fast[0], end=fast[1], uncertain=uncertain)
    from edtf import parse_edtf  # only for the rare forms: its grammar takes ~0.2 s to import

    try:
        parsed = parse_edtf(edtf_string)
        lo = parsed.lower_strict()
        hi = parsed.upper_strict()
    except Exception as exc:  # the edtf package raises several unrelated types
        raise DateError(f"{edtf_string!r} is not a valid EDTF date ({exc.__class__.__name__})") from exc
    if not isinstance(lo, tuple) or not isinstance(hi, tuple):
        raise DateError(f"{edtf_string!r} has an open bound; the atlas needs a closed interval")
    return YearSpan(start=int(lo[0]), end=int(hi[0]), uncertain=uncertain)


def _fast_years(edtf_string: str) -> tuple[int, int] | None:
    """Strict years of a year, month, day or season, an interval of two, a decade or a range of years; else None."""
    m = _SIMPLE.fullmatch(edtf_string)
    if m:
        return int(m.group(1)), int(m.group(2) or m.group(1))
    m = _DECADE.fullmatch(edtf_string)
    if m:
        return int(m.group(1)) * 10, int(m.group(1)) * 10 + 9
    m = _ONE_OF_YEARS.fullmatch(edtf_string)
    if m:
        return int(m.group(1)), int(m.group(2))
    return None


def overlaps(start: int, end: int, lo: int, hi: int) -> bool:
    """True when the inclusive interval ``[start, end]`` touches ``[lo, hi]``."""
    return start <= hi and end >= lo


def visible_in(start: int, end: int, year: int) -> bool:
    """An event or a border is visible in ``year`` when its interval touches that year."""
    return start <= year <= end
