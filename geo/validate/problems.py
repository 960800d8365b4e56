"""What the validator reports: a Problem, the Rule that found it, the registry of rules, the Report."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from geo.sources import SeedText


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, in words a contributor can act on."""

    file: str
    feature: str | None
    field: str | None
    message: str
    #: True when the app must leave the feature out; False for a problem it can still draw.
    drops_feature: bool = True
    #: Code of the validator rule that found it (a key of ``RULES``); None for a problem the app's loader adds.
    rule: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.feature is not None:
            where += f": feature {self.feature!r}"
        if self.field:
            where += f": {self.field}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Rule:
    """A named check: its stable code, what it guards, and whether breaking it leaves the feature out."""

    code: str
    summary: str
    drops_feature: bool = True

    def __call__(self, file: str, feature: str | None, field: str | None, message: str) -> Problem:
        """A Problem found by this rule."""
        return Problem(file, feature, field, message, drops_feature=self.drops_feature, rule=self.code)


#: Every rule the validator applies, by code. Each code has a hostile fixture under
#: tests/fixtures/validator/ whose expect.json names it (tests/test_validate.py checks).
RULES: dict[str, Rule] = {}

_CODE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def rule(code: str, summary: str, *, drops_feature: bool = True) -> Rule:
    """Register a rule under a new kebab-case ``code`` and return it."""
    if not _CODE.match(code):
        raise ValueError(f"rule code {code!r} must be kebab-case (like 'quote-not-verbatim')")
    if code in RULES:
        raise ValueError(f"rule code {code!r} is registered twice")
    RULES[code] = Rule(code, summary, drops_feature)
    return RULES[code]


def excerpt(value: Any, limit: int = 80) -> str:
    """``value`` as JSON for a message, cut to ``limit`` characters."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def problems_to_bytes(problems: list[Problem]) -> bytes:
    """Problems as JSON, for the disk cache (geo/cache.py)."""
    return json.dumps([asdict(p) for p in problems], ensure_ascii=False).encode("utf-8")


def problems_from_bytes(data: bytes) -> list[Problem]:
    """Problems written by :func:`problems_to_bytes`."""
    return [Problem(**item) for item in json.loads(data)]


@dataclass
class Report:
    """The outcome of validating a data folder."""

    problems: list[Problem]
    docs: dict[str, Any]
    seeds: dict[str, SeedText]
    #: A digest of everything the report was made from (files, schemas, seeds, code): the atlas's key.
    key: str = ""
    #: Digests of each data file as read (``None``: missing or unreadable), by the name FILES gives it.
    digests: dict[str, str | None] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when nothing is wrong."""
        return not self.problems
