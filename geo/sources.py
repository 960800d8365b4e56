"""The source texts: loading, quotation normalisation and locating a quote in its seed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_WS = re.compile(r"\s+")
_LINEBREAK_HYPHEN = re.compile(r"-[ \t]*\r?\n\s*")


def normalise(text: str) -> str:
    """Collapse every run of whitespace to one space (rule 1 of data/README.md)."""
    return _WS.sub(" ", text).strip()


def _join_hyphenated(text: str) -> str:
    """Join words broken by a hyphen at a line break (``docu-\\nment`` -> ``document``)."""
    return _LINEBREAK_HYPHEN.sub("", text)


@dataclass(frozen=True)
class SeedText:
    """One seed file with its two normalised forms, ready for quote look-ups."""

    source_id: str
    path: Path
    text: str
    kept: str  # hyphens at line breaks kept
    joined: str  # hyphens at line breaks removed, words joined

    #: Quotes already looked up (a quote is checked once per citation; the benchmark data repeats each
    #: a thousand times). Not part of the text's identity.
    _found: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    def contains(self, quote: str) -> bool:
        """True when ``quote`` is a verbatim span of this text under the documented normalisation."""
        found = self._found.get(quote)
        if found is None:
            q = normalise(quote)
            found = self._found[quote] = bool(q) and (q in self.kept or q in self.joined)
        return found

    def locate(self, quote: str) -> tuple[int, int] | None:
        """Character span ``(start, end)`` of ``quote`` in the raw text, or None if absent."""
        q = normalise(quote)
        if not q:
            return None
        parts: list[str] = []
        for ch in q:
            if ch == " ":
                parts.append(r"(?:-?\s+)")
            else:
                parts.append(re.escape(ch) + r"(?:-[ \t]*\r?\n\s*)?")
        pattern = "".join(parts)
        m = re.search(pattern, self.text)
        if m is None:
            return None
        return m.start(), m.end()


def load_seed(source_id: str, path: Path) -> SeedText:
    """Read a seed file (UTF-8) and prepare its normalised forms."""
    text = path.read_text(encoding="utf-8")
    return SeedText(
        source_id=source_id,
        path=path,
        text=text,
        kept=normalise(text),
        joined=normalise(_join_hyphenated(text)),
    )
