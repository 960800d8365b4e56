"""The map's bundle in parts, so the first paint fetches only what the year shows.

One bundle held everything the map can draw (360 KB for the atlas, 11 MB at the 100x benchmark data),
and the map drew nothing until all of it had arrived and been parsed. The parts:

* ``base``: land, rivers and place names, the same in every year;
* one ``years`` part per span of years (:func:`spans`: the years before the slider, then decades):
  the polity periods and the events that touch the span, with the borders they use (an item that
  touches several spans is in each; the browser keeps one copy by id), but without popups and
  tooltips;
* one ``details`` part per span: the popup and tooltip HTML of the events of its ``years`` part.

The browser fetches ``base`` and the ``years`` parts of its window first and draws; then the details,
then the other spans, so a step never waits for the network (``geo/atlas_layers.js``). Every part is
named by its content (``atlas-<kind>-<sha256>.json``), so the browser may keep it as long as it likes: a
changed atlas is a new name. :class:`Manifest` lists the parts; it travels in the map's options.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, TypedDict

from geo.bundle import Bundle, bundle_bytes
from geo.timemodel import YEAR_MAX, YEAR_MIN
from geo.windows import EARLIEST_YEAR

#: Years per ``years`` part: a year step crosses into a new part once in ten steps at most.
SPAN_YEARS = 10
#: The keys of an event that go into its ``details`` part instead of its ``years`` part.
DETAIL_KEYS = ("popup_html", "tooltip_html")


class Manifest(TypedDict):
    """The parts of a bundle, by name (file names under static/gen/; the app turns them into URLs)."""

    spans: list[list[int]]  #: ``[first, last]`` years of each span, in order, inclusive
    base: str  #: land, rivers, labels
    years: list[str]  #: per span: ``{"geoms": {index: geometry}, "polities": [...], "events": [...]}``
    details: list[str]  #: per span: ``{"popup_html": {event id: html}, "tooltip_html": {event id: html}}``


def spans() -> list[tuple[int, int]]:
    """The spans of years the ``years`` and ``details`` parts cover: before the slider, then decades."""
    first = YEAR_MIN - YEAR_MIN % SPAN_YEARS
    out = [(EARLIEST_YEAR, first - 1)]
    out += [(y, y + SPAN_YEARS - 1) for y in range(first, YEAR_MAX + 1, SPAN_YEARS)]
    return out


def _touching(items: list[Any], lo: int, hi: int, first: bool, last: bool) -> list[Any]:
    """Items whose years touch ``[lo, hi]``; the first and last spans also take what lies beyond them."""
    return [
        it for it in items if (it["start"] <= hi or last) and (it["end"] >= lo or first) and it["start"] <= it["end"]
    ]


def part_name(kind: str, data: bytes) -> str:
    """A content-addressed file name: a changed part gets a new name, so a cached copy is never stale."""
    return f"atlas-{kind}-{hashlib.sha256(data).hexdigest()[:16]}.json"


def split_bundle(bundle: Bundle) -> tuple[Manifest, dict[str, bytes]]:
    """The bundle's parts (name -> bytes) and the manifest that lists them."""
    files: dict[str, bytes] = {}

    def add(kind: str, doc: Any) -> str:
        data = bundle_bytes(doc)
        name = part_name(kind, data)
        files[name] = data
        return name

    base = add("base", {"land": bundle["land"], "rivers": bundle["rivers"], "labels": bundle["labels"]})
    years: list[str] = []
    details: list[str] = []
    all_spans = spans()
    for i, (lo, hi) in enumerate(all_spans):
        first, last = i == 0, i == len(all_spans) - 1
        polities = _touching(list(bundle["polities"]), lo, hi, first, last)
        events = _touching(list(bundle["events"]), lo, hi, first, last)
        geoms = {str(g): bundle["geoms"][g] for g in sorted({p["geom"] for p in polities})}
        lean = [{k: v for k, v in e.items() if k not in DETAIL_KEYS} for e in events]
        years.append(add("years", {"geoms": geoms, "polities": polities, "events": lean}))
        details.append(add("details", {k: {e["id"]: e[k] for e in events} for k in DETAIL_KEYS}))
    manifest: Manifest = {"spans": [list(s) for s in all_spans], "base": base, "years": years, "details": details}
    return manifest, files


def part_names(manifest: Manifest) -> list[str]:
    """Every file the manifest names."""
    return [manifest["base"], *manifest["years"], *manifest["details"]]


def with_urls(manifest: Manifest, base_url: str) -> Manifest:
    """The manifest with each part's name turned into its URL under ``base_url`` (what the map fetches)."""
    url = lambda name: f"{base_url}/{name}"  # noqa: E731
    return {
        "spans": manifest["spans"],
        "base": url(manifest["base"]),
        "years": [url(n) for n in manifest["years"]],
        "details": [url(n) for n in manifest["details"]],
    }


def manifest_bytes(manifest: Manifest) -> bytes:
    """The manifest as JSON (how the disk cache keeps it)."""
    return json.dumps(manifest, separators=(",", ":")).encode("utf-8")
