"""Dates of events and polities: EDTF that parses, and integer years that agree with it (data/README.md)."""

from __future__ import annotations

from typing import Any

from geo.timemodel import DateError, years_of
from geo.validate.problems import Problem, rule

YEARS_REVERSED = rule("years-reversed", "a feature's start year is after its end year")
EDTF_INVALID = rule("edtf-invalid", "a date is not EDTF the time model can read")
EDTF_YEAR_MISMATCH = rule("edtf-year-mismatch", "start/end disagree with the years of the EDTF bounds")


def date_problems(name: str, fid: str, props: dict[str, Any], edtf_key: str, *, required: bool) -> list[Problem]:
    """``start <= end``, and ``edtf_key`` parses with ``start``/``end`` the years of its strict bounds.

    ``date_edtf`` (events) bounds both years; ``start_edtf`` / ``end_edtf`` (polities) bound one each.
    """
    problems = []
    edtf_value = props.get(edtf_key)
    start, end = props.get("start"), props.get("end")
    if isinstance(start, int) and isinstance(end, int) and start > end:
        message = f"start {start} is after end {end} (expected start <= end)"
        problems.append(YEARS_REVERSED(name, fid, "properties.start", message))
    if edtf_value is None and not required:
        return problems
    try:
        span = years_of(edtf_value)
    except DateError as exc:
        problems.append(EDTF_INVALID(name, fid, f"properties.{edtf_key}", f"{exc}"))
        return problems
    if edtf_key in ("date_edtf", "start_edtf") and isinstance(start, int) and start != span.start:
        message = (
            f"is {start} but {edtf_key} {edtf_value!r} starts in {span.start} "
            "(expected the year of its strict lower bound)"
        )
        problems.append(EDTF_YEAR_MISMATCH(name, fid, "properties.start", message))
    if edtf_key in ("date_edtf", "end_edtf") and isinstance(end, int) and end != span.end:
        message = (
            f"is {end} but {edtf_key} {edtf_value!r} ends in {span.end} (expected the year of its strict upper bound)"
        )
        problems.append(EDTF_YEAR_MISMATCH(name, fid, "properties.end", message))
    return problems
