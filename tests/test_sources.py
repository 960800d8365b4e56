"""Quotations: the documented normalisation, and locating a quote in its seed for highlighting."""

from __future__ import annotations

import json
from pathlib import Path

from geo.sources import load_seed, normalise

ROOT = Path(__file__).resolve().parent.parent
CIOC = load_seed("ciocaltan-2012-p246", ROOT / "seeds" / "ciocaltan-2012-p246.txt")


def test_whitespace_is_collapsed() -> None:
    assert normalise("  a\n  b\tc ") == "a b c"


def test_ocr_hyphenation_matches_either_way() -> None:
    assert CIOC.contains("then Berke showed him the docu- ment")
    assert CIOC.contains("then Berke showed him the document")
    assert CIOC.contains("Sultan al- Malik al-Ẓāhir")


def test_changed_word_is_not_a_quote() -> None:
    assert not CIOC.contains("then Berke showed him the treaty")
    assert not CIOC.contains("")


def test_locate_returns_the_raw_span_across_a_line_break() -> None:
    start, end = CIOC.locate("then Berke showed him the document")
    assert CIOC.text[start:end] == "then Berke showed him the docu-\nment"


def test_four_sources_and_the_unreliable_one_is_rated_low() -> None:
    # that each seed is byte-identical to its recorded hash is the validator's seed-changed rule
    catalogue = json.loads((ROOT / "data" / "sources.json").read_text(encoding="utf-8"))
    rating = {s["id"]: s["reliability"] for s in catalogue["sources"]}
    assert len(rating) == 4
    assert rating["web-franco-mongol-alliance-summary"] == "low"
    assert rating["ciocaltan-2012-p246"] == "high"
