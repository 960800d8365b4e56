"""The tour panel's HTML: where the reader is, the versions side by side, the warning, and nothing unescaped."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from geo.atlas import load_atlas
from geo.tour_view import accounts_html, step_html, step_indicator, version
from geo.tours import Tour

ROOT = Path(__file__).resolve().parent.parent
ATLAS = load_atlas(ROOT / "data")
EVENTS = {e["id"]: e for e in ATLAS.events}
TOURS = {t["id"]: t for t in ATLAS.tours}


def test_the_step_indicator_counts_from_one() -> None:
    assert step_indicator(0, 8) == "Step 1 of 8"
    assert step_indicator(7, 8) == "Step 8 of 8"


def test_a_disagreement_shows_each_version_with_its_own_words() -> None:
    tour = TOURS["thrace-1263-1264"]
    html = step_html(tour, 2, EVENTS, ATLAS.sources)  # "Why did they come? Four answers"
    assert "Step 3 of 8" in html and "The texts disagree: 4 versions" in html
    assert html.count('class="tp-version"') == 4
    assert "Kayqubad II&#x27;s appeal to free Kaykaus" in html
    assert "Kaykaus then turned to the Golden Horde." in html


def test_an_events_own_claim_is_a_version_too() -> None:
    label, claim, cites = version({"event": "al-masudi-mission-to-berke-1264"}, EVENTS)
    assert label == "al-Mas‛ūdī's mission to Berke" and claim.startswith("al-Mas‛ūdī reached Berke")
    assert cites and all(c.get("role", "supports") == "supports" for c in cites)


def test_a_step_on_the_unreliable_summary_carries_its_warning() -> None:
    html = step_html(TOURS["cairo-sarai-constantinople"], 0, EVENTS, ATLAS.sources)
    assert "Unreliable source." in html and "machine-garbled web summary" in html
    assert "unreliable source</span>" in html  # the quote from the summary is flagged where it stands


def test_a_paused_tour_says_how_to_go_back() -> None:
    tour = TOURS["where-was-vicina"]
    assert "Resume" in step_html(tour, 0, EVENTS, ATLAS.sources, paused=True)
    assert "Resume" not in step_html(tour, 0, EVENTS, ATLAS.sources)
    assert accounts_html(tour["steps"][0], EVENTS, ATLAS.sources) == ""


def test_nothing_from_the_data_reaches_the_panel_unescaped() -> None:
    evil = "<script>alert(1)</script><img src=x onerror=alert(2)>${x}`"
    step: dict[str, Any] = {
        "title": evil,
        "text": evil,
        "year": 1264,
        "events": ["x"],
        "view": {"center": [28, 41], "zoom": 5},
        "citations": [{"source": "s", "locator": evil, "quote": evil}],
        "accounts": [{"event": "x", "account": "a"}, {"event": "x"}],
        "reliability_note": evil,
    }
    tour: Tour = {"id": "t", "title": evil, "introduction": evil, "steps": [step]}  # type: ignore[list-item]
    event: Any = {
        "id": "x",
        "properties": {
            "title": evil,
            "summary": evil,
            "citations": [{"source": "s", "locator": evil, "quote": evil}],
            "accounts": [{"id": "a", "label": evil, "claim": evil, "citations": [{"quote": evil}]}],
        },
    }
    html = step_html(tour, 0, {"x": event}, {"s": {"short_title": evil, "reliability": "low"}})
    assert "<script" not in html and "<img" not in html
    assert html.count("&lt;script&gt;") >= 8
    json.dumps(html)  # a plain string, safe to hand to any renderer
