"""The time model: EDTF strings to the integer years the slider compares (see data/README.md)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from edtf import parse_edtf

YEAR_MIN = 1240
YEAR_MAX = 1345

#: Marks of an uncertain date: qualifiers, an unspecified digit, and "[" (one year of a set, unknown which).
_UNCERTAIN_MARKS = ("?", "~", "%", "X", "[")


class DateError(ValueError):
    """An EDTF string that cannot be parsed or has no year bounds."""


@dataclass(frozen=True)
class YearSpan:
    """Inclusive integer years derived from an EDTF string, and whether it is uncertain."""

    start: int
    end: int
    uncertain: bool


def years_of(edtf_string: object) -> YearSpan:
    """Parse ``edtf_string`` and return its strict lower and upper years (cached: the EDTF grammar
    takes ~10 ms a parse, and an atlas repeats the same few dozen strings).

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
    try:
        parsed = parse_edtf(edtf_string)
        lo = parsed.lower_strict()
        hi = parsed.upper_strict()
    except Exception as exc:  # the edtf package raises several unrelated types
        raise DateError(f"{edtf_string!r} is not a valid EDTF date ({exc.__class__.__name__})") from exc
    if not isinstance(lo, tuple) or not isinstance(hi, tuple):
        raise DateError(f"{edtf_string!r} has an open bound; the atlas needs a closed interval")
    return YearSpan(
        start=int(lo[0]),
        end=int(hi[0]),
        uncertain=any(mark in edtf_string for mark in _UNCERTAIN_MARKS),
    )


def overlaps(start: int, end: int, lo: int, hi: int) -> bool:
    """True when the inclusive interval ``[start, end]`` touches ``[lo, hi]``."""
    return start <= hi and end >= lo


def visible_in(start: int, end: int, year: int) -> bool:
    """An event or a border is visible in ``year`` when its interval touches that year."""
    return start <= year <= end
