"""Write the hostile fixtures under tests/fixtures/validator/: one folder per validator rule.

Each folder holds only the files that differ from ``base/`` and an ``expect.json`` naming the
file, feature and field the validator must report and words its message must contain.
Run once after changing ``base/``; the folders are committed so a reviewer can read them.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "validator"
BASE = ROOT / "base"


def _load(name: str) -> dict:
    return json.loads((BASE / name).read_text(encoding="utf-8"))


def _ev(doc: dict, fid: str) -> dict:
    return next(f for f in doc["features"] if f["id"] == fid)


def case(name: str, files: dict[str, object], expect: list[dict[str, str | None]]) -> None:
    """Write one hostile fixture folder."""
    folder = ROOT / name
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for fname, content in files.items():
        path = folder / fname
        if content is None:
            (folder / (fname + ".absent")).write_text("this file is removed for the test\n", encoding="utf-8")
        elif isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(json.dumps(content, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (folder / "expect.json").write_text(json.dumps(expect, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    """Write every hostile fixture."""
    events, places, polities = _load("events.geojson"), _load("places.geojson"), _load("polities.geojson")
    sources = _load("sources.json")
    siege = "siege-of-thessalonica-1242"

    e = copy.deepcopy(events)
    del _ev(e, siege)["properties"]["title"]
    case(
        "schema-missing-field",
        {"events.geojson": e},
        [{"file": "events.geojson", "feature": siege, "field": "properties", "words": "'title' is a required"}],
    )

    e = copy.deepcopy(events)
    _ev(e, siege)["properties"]["kind"] = "party"
    case(
        "schema-unknown-kind",
        {"events.geojson": e},
        [{"file": "events.geojson", "feature": siege, "field": "properties.kind", "words": "one of embassy"}],
    )

    e = copy.deepcopy(events)
    e["features"].append(copy.deepcopy(_ev(e, siege)))
    case(
        "duplicate-id",
        {"events.geojson": e},
        [{"file": "events.geojson", "feature": siege, "field": "id", "words": "duplicate id"}],
    )

    e = copy.deepcopy(events)
    _ev(e, siege)["id"] = "siege-renamed"
    case(
        "id-mismatch",
        {"events.geojson": e},
        [
            {
                "file": "events.geojson",
                "feature": "siege-renamed",
                "field": "properties.id",
                "words": "expected the same slug",
            }
        ],
    )

    e = copy.deepcopy(events)
    _ev(e, siege)["properties"]["citations"][0]["quote"] = "besieged its capital, Constantinople"
    case(
        "quote-not-verbatim",
        {"events.geojson": e},
        [
            {
                "file": "events.geojson",
                "feature": siege,
                "field": "properties.citations[0].quote",
                "words": "is not a verbatim span of wp-byzantine-mongol-alliance.txt",
            }
        ],
    )

    e = copy.deepcopy(events)
    _ev(e, siege)["properties"]["citations"][0]["source"] = "gibbon-decline-and-fall"
    case(
        "unknown-source",
        {"events.geojson": e},
        [
            {
                "file": "events.geojson",
                "feature": siege,
                "field": "properties.citations[0].source",
                "words": "unknown source 'gibbon-decline-and-fall'",
            }
        ],
    )

    e = copy.deepcopy(events)
    _ev(e, siege)["properties"]["places"][0]["place"] = "atlantis"
    case(
        "dangling-place",
        {"events.geojson": e},
        [
            {
                "file": "events.geojson",
                "feature": siege,
                "field": "properties.places[0].place",
                "words": "unknown place 'atlantis'",
            }
        ],
    )

    e = copy.deepcopy(events)
    _ev(e, siege)["properties"]["date_edtf"] = "spring 1242"
    case(
        "edtf-unparseable",
        {"events.geojson": e},
        [
            {
                "file": "events.geojson",
                "feature": siege,
                "field": "properties.date_edtf",
                "words": "is not a valid EDTF date",
            }
        ],
    )

    e = copy.deepcopy(events)
    _ev(e, siege)["properties"]["start"] = 1241
    case(
        "edtf-year-mismatch",
        {"events.geojson": e},
        [
            {
                "file": "events.geojson",
                "feature": siege,
                "field": "properties.start",
                "words": "is 1241 but date_edtf '1242-21' starts in 1242",
            }
        ],
    )

    e = copy.deepcopy(events)
    _ev(e, siege)["properties"]["participants"][0]["polity"] = "byzantine-empire"
    case(
        "unknown-participant-polity",
        {"events.geojson": e},
        [
            {
                "file": "events.geojson",
                "feature": siege,
                "field": "properties.participants[0].polity",
                "words": "unknown polity 'byzantine-empire'",
            }
        ],
    )

    p = copy.deepcopy(places)
    _ev(p, "constantinople")["geometry"]["coordinates"] = [41.0086, 28.9744]
    case(
        "swapped-lat-lon",
        {"places.geojson": p},
        [
            {
                "file": "places.geojson",
                "feature": "constantinople",
                "field": "geometry.coordinates",
                "words": "outside the atlas region",
            }
        ],
    )

    p = copy.deepcopy(places)
    _ev(p, "vicina")["properties"]["candidates"][1].update(lon=45.25, lat=28.15)
    case(
        "swapped-candidate",
        {"places.geojson": p},
        [
            {
                "file": "places.geojson",
                "feature": "vicina",
                "field": "properties.candidates[1]",
                "words": "outside the atlas region",
            }
        ],
    )

    p = copy.deepcopy(places)
    del _ev(p, "vicina")["properties"]["candidates"]
    case(
        "disputed-without-candidates",
        {"places.geojson": p},
        [{"file": "places.geojson", "feature": "vicina", "field": "properties", "words": "'candidates' is a required"}],
    )

    e = copy.deepcopy(events)
    _ev(e, siege)["geometry"]["coordinates"] = [23.5, 40.6401]
    case(
        "point-not-at-place",
        {"events.geojson": e},
        [
            {
                "file": "events.geojson",
                "feature": siege,
                "field": "geometry.coordinates",
                "words": "is not at any of its places",
            }
        ],
    )

    e = copy.deepcopy(events)
    _ev(e, "envoys-sent-back")["geometry"]["coordinates"].reverse()
    case(
        "line-not-from-origin",
        {"events.geojson": e},
        [
            {
                "file": "events.geojson",
                "feature": "envoys-sent-back",
                "field": "geometry.coordinates",
                "words": "not at its origin 'constantinople'",
            }
        ],
    )

    e = copy.deepcopy(events)
    _ev(e, siege)["geometry"] = {"type": "Polygon", "coordinates": [[[22, 40], [23, 40], [23, 41], [22, 40]]]}
    case(
        "event-geometry-type",
        {"events.geojson": e},
        [
            {
                "file": "events.geojson",
                "feature": siege,
                "field": "geometry",
                "words": "does not match any allowed shape",
            }
        ],
    )

    e = copy.deepcopy(events)
    e["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4326"}}
    case(
        "crs-member",
        {"events.geojson": e},
        [{"file": "events.geojson", "feature": None, "field": "(document)", "words": "has a 'crs' member"}],
    )

    e = copy.deepcopy(events)
    _ev(e, siege)["properties"]["reliability"] = "high"
    case(
        "reliability-mismatch",
        {"events.geojson": e},
        [{"file": "events.geojson", "feature": siege, "field": "properties.reliability", "words": "expected 'medium'"}],
    )

    e = copy.deepcopy(events)
    ev = _ev(e, siege)["properties"]
    ev["citations"] = [
        {
            "source": "web-franco-mongol-alliance-summary",
            "locator": "paragraph 4",
            "quote": "In 1312, the Mongols invaded Syria several times",
        }
    ]
    ev["reliability"] = "low"
    ev["notes"] = []
    case(
        "unreliable-without-note",
        {"events.geojson": e},
        [
            {
                "file": "events.geojson",
                "feature": siege,
                "field": "properties.notes",
                "words": "low-reliability source but carries no note",
            }
        ],
    )

    pol = copy.deepcopy(polities)
    bowtie = [[[22, 42.5], [28, 44], [28, 42.5], [22, 44], [22, 42.5]]]
    _ev(pol, "bulgaria-1242-1300")["geometry"]["coordinates"] = bowtie
    case(
        "invalid-geometry",
        {"polities.geojson": pol},
        [
            {
                "file": "polities.geojson",
                "feature": "bulgaria-1242-1300",
                "field": "geometry",
                "words": "is not a valid geometry: Self-intersection",
            }
        ],
    )

    pol = copy.deepcopy(polities)
    _ev(pol, "bulgaria-1242-1300")["geometry"]["coordinates"][0].reverse()
    case(
        "clockwise-ring",
        {"polities.geojson": pol},
        [
            {
                "file": "polities.geojson",
                "feature": "bulgaria-1242-1300",
                "field": "geometry.coordinates[0]",
                "words": "exterior ring is clockwise",
            }
        ],
    )

    pol = copy.deepcopy(polities)
    _ev(pol, "bulgaria-1242-1300")["geometry"]["coordinates"] = [[[22, 41], [29, 41], [29, 44], [22, 44], [22, 41]]]
    case(
        "sovereign-overlap",
        {"polities.geojson": pol},
        [
            {
                "file": "polities.geojson",
                "feature": "byzantium-1261-1281",
                "field": "geometry",
                "words": "overlaps sovereign polity 'bulgaria-1242-1300'",
            }
        ],
    )

    pol = copy.deepcopy(polities)
    _ev(pol, "bulgaria-1242-1300")["geometry"]["coordinates"] = [[[22, 41], [29, 41], [29, 44], [22, 44], [22, 41]]]
    _ev(pol, "bulgaria-1242-1300")["properties"].update(status="vassal", overlord="byzantium")
    case("vassal-overlap-allowed", {"polities.geojson": pol}, [])

    pol = copy.deepcopy(polities)
    _ev(pol, "bulgaria-1242-1300")["properties"].update(start=1300, end=1242)
    case(
        "polity-years-reversed",
        {"polities.geojson": pol},
        [
            {
                "file": "polities.geojson",
                "feature": "bulgaria-1242-1300",
                "field": "properties.start",
                "words": "start 1300 is after end 1242",
            }
        ],
    )

    pol = copy.deepcopy(polities)
    _ev(pol, "bulgaria-1242-1300")["properties"].update(end_edtf="1299?")
    case(
        "polity-edtf-mismatch",
        {"polities.geojson": pol},
        [
            {
                "file": "polities.geojson",
                "feature": "bulgaria-1242-1300",
                "field": "properties.end",
                "words": "ends in 1299",
            }
        ],
    )

    pol = copy.deepcopy(polities)
    _ev(pol, "byzantium-1261-1281")["properties"]["capital"] = "byzantium-city"
    case(
        "polity-dangling-capital",
        {"polities.geojson": pol},
        [
            {
                "file": "polities.geojson",
                "feature": "byzantium-1261-1281",
                "field": "properties.capital",
                "words": "unknown place 'byzantium-city'",
            }
        ],
    )

    s = copy.deepcopy(sources)
    s["sources"][0]["sha256"] = "0" * 64
    case(
        "seed-changed",
        {"sources.json": s},
        [{"file": "sources.json", "feature": s["sources"][0]["id"], "field": "sha256", "words": "has changed"}],
    )

    text = (BASE / "events.geojson").read_text(encoding="utf-8")
    case(
        "truncated-json",
        {"events.geojson": text[: len(text) // 2]},
        [{"file": "events.geojson", "feature": None, "field": None, "words": "(truncated?)"}],
    )
    case(
        "empty-file",
        {"places.geojson": ""},
        [{"file": "places.geojson", "feature": None, "field": None, "words": "file is empty"}],
    )
    case(
        "not-json",
        {"polities.geojson": "type,features\nFeatureCollection,\n"},
        [{"file": "polities.geojson", "feature": None, "field": None, "words": "not valid JSON"}],
    )
    case(
        "missing-file",
        {"events.geojson": None},
        [{"file": "events.geojson", "feature": None, "field": None, "words": "file is missing"}],
    )


if __name__ == "__main__":
    main()
