"""Write the hostile fixtures under tests/fixtures/validator/: at least one folder per validator rule.

Each folder holds only the files that differ from ``base/`` (a path may reach into a subfolder,
``schema/events.schema.json``; ``<name>.absent`` removes a file) and an ``expect.json`` naming the
rule code, the file, feature and field the validator must report and words its message must contain.
tests/test_validate.py fails for a registered rule that no ``expect.json`` names.
Run after changing ``base/`` or adding a rule; the folders are committed so a reviewer can read them.
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


def expect(rule: str, file: str, feature: str | None, field: str | None, words: str) -> dict[str, str | None]:
    """One problem the validator must report: its rule code, where, and words of its message."""
    return {"rule": rule, "file": file, "feature": feature, "field": field, "words": words}


def case(name: str, files: dict[str, object], expected: list[dict[str, str | None]]) -> None:
    """Write one hostile fixture folder."""
    folder = ROOT / name
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for fname, content in files.items():
        path = folder / fname
        path.parent.mkdir(parents=True, exist_ok=True)
        if content is None:
            (folder / (fname + ".absent")).write_text("this file is removed for the test\n", encoding="utf-8")
        elif isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(json.dumps(content, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (folder / "expect.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    """Write every hostile fixture (and remove folders of cases that no longer exist)."""
    for folder in ROOT.iterdir():
        if folder.is_dir() and folder.name != "base":
            shutil.rmtree(folder)
    _schema_cases()
    _reading_cases()
    _event_cases()
    _truth_cases()
    _place_cases()
    _polity_cases()
    _source_cases()
    _tour_cases()


def _schema_cases() -> None:
    events, places, polities, sources = _all()
    siege = "siege-of-thessalonica-1242"

    e = copy.deepcopy(events)
    del _ev(e, siege)["properties"]["title"]
    case(
        "schema-missing-field",
        {"events.geojson": e},
        [expect("missing-field", "events.geojson", siege, "properties", "'title' is a required")],
    )

    e = copy.deepcopy(events)
    _ev(e, siege)["properties"]["kind"] = "party"
    case(
        "schema-unknown-kind",
        {"events.geojson": e},
        [expect("not-in-vocabulary", "events.geojson", siege, "properties.kind", "one of embassy")],
    )

    e = copy.deepcopy(events)
    props = _ev(e, siege)["properties"]
    props["sumary"] = props.pop("summary")
    case(
        "misspelt-summary",
        {"events.geojson": e},
        [
            expect(
                "unknown-field",
                "events.geojson",
                siege,
                "properties.sumary",
                "unknown field 'sumary' (did you mean 'summary'?",
            ),
            expect("missing-field", "events.geojson", siege, "properties", "'summary' is a required"),
        ],
    )

    # a typo in every kind of nested object the schemas describe
    e, p, pol, s = copy.deepcopy(events), copy.deepcopy(places), copy.deepcopy(polities), copy.deepcopy(sources)
    props = _ev(e, siege)["properties"]
    props["places"][0]["rol"] = props["places"][0].pop("role")
    props["participants"][0]["polty"] = props["participants"][0].pop("polity")
    props["citations"][0]["locater"] = props["citations"][0].pop("locator")
    account = {"id": "one-account", "label": "One account", "claims": "x", "citations": props["citations"][:1]}
    props["accounts"] = [account]
    _ev(p, "vicina")["properties"]["candidates"][0]["proposed"] = "a typo"
    _ev(pol, "bulgaria-1242-1300")["properties"]["border_precison"] = 3
    s["sources"][0]["license"] = s["sources"][0]["licence"]
    case(
        "typo-in-nested-objects",
        {"events.geojson": e, "places.geojson": p, "polities.geojson": pol, "sources.json": s},
        [
            expect("unknown-field", "events.geojson", siege, "properties.places[0].rol", "did you mean 'role'?"),
            expect("unknown-field", "events.geojson", siege, "properties.participants[0].polty", "unknown field"),
            expect("missing-field", "events.geojson", siege, "properties.participants[0]", "'polity' is a required"),
            expect("unknown-field", "events.geojson", siege, "properties.citations[0].locater", "'locator'?"),
            expect("unknown-field", "events.geojson", siege, "properties.accounts[0].claims", "did you mean 'claim'?"),
            expect("unknown-field", "places.geojson", "vicina", "properties.candidates[0].proposed", "'proposed_by'?"),
            expect(
                "unknown-field",
                "polities.geojson",
                "bulgaria-1242-1300",
                "properties.border_precison",
                "did you mean 'border_precision'?",
            ),
            expect("unknown-field", "sources.json", s["sources"][0]["id"], "license", "did you mean 'licence'?"),
        ],
    )

    e = copy.deepcopy(events)
    del _ev(e, siege)["properties"]["participants"][0]["polity"]
    case(
        "polity-participant-without-polity",
        {"events.geojson": e},
        [expect("missing-field", "events.geojson", siege, "properties.participants[0]", "'polity' is a required")],
    )

    pol = copy.deepcopy(polities)
    _ev(pol, "bulgaria-1242-1300")["properties"]["color"] = "green"
    case(
        "schema-bad-colour",
        {"polities.geojson": pol},
        [expect("bad-value", "polities.geojson", "bulgaria-1242-1300", "properties.color", "does not match")],
    )

    e = copy.deepcopy(events)
    _ev(e, siege)["geometry"] = {"type": "Polygon", "coordinates": [[[22, 40], [23, 40], [23, 41], [22, 40]]]}
    case(
        "event-geometry-type",
        {"events.geojson": e},
        [expect("wrong-shape", "events.geojson", siege, "geometry", "does not match any allowed shape")],
    )

    e = copy.deepcopy(events)
    e["crs"] = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4326"}}
    case(
        "crs-member",
        {"events.geojson": e},
        [expect("crs-member", "events.geojson", None, "(document)", "has a 'crs' member")],
    )

    broken = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://atlas.invalid/schema/events.schema.json",
        "$ref": "#/$defs/nowhere",
    }
    case(
        "schema-unusable",
        {"schema/events.schema.json": broken},
        [expect("schema-unusable", "events.geojson", None, None, "'#/$defs/nowhere' points to nothing")],
    )


def _reading_cases() -> None:
    text = (BASE / "events.geojson").read_text(encoding="utf-8")
    case(
        "truncated-json",
        {"events.geojson": text[: len(text) // 2]},
        [expect("not-json", "events.geojson", None, None, "(truncated?)")],
    )
    case(
        "empty-file",
        {"places.geojson": ""},
        [expect("file-empty", "places.geojson", None, None, "file is empty")],
    )
    case(
        "not-json",
        {"polities.geojson": "type,features\nFeatureCollection,\n"},
        [expect("not-json", "polities.geojson", None, None, "not valid JSON")],
    )
    case(
        "not-utf8",
        {"events.geojson": "{}".encode("utf-16")},
        [expect("not-utf8", "events.geojson", None, None, "is not UTF-8 text")],
    )
    case(
        "missing-file",
        {"events.geojson": None},
        [expect("file-missing", "events.geojson", None, None, "file is missing")],
    )
    case(
        "folder-instead-of-file",
        {"events.geojson": None, "events.geojson/README.txt": "a folder where events.geojson belongs\n"},
        [expect("file-unreadable", "events.geojson", None, None, "cannot be read: Is a directory")],
    )


def _event_cases() -> None:
    events, _, _, _ = _all()
    siege = "siege-of-thessalonica-1242"

    e = copy.deepcopy(events)
    e["features"].append(copy.deepcopy(_ev(e, siege)))
    case(
        "duplicate-id",
        {"events.geojson": e},
        [expect("duplicate-id", "events.geojson", siege, "id", "duplicate id")],
    )

    e = copy.deepcopy(events)
    _ev(e, siege)["id"] = "siege-renamed"
    case(
        "id-mismatch",
        {"events.geojson": e},
        [expect("id-mismatch", "events.geojson", "siege-renamed", "properties.id", "expected the same slug")],
    )

    e = copy.deepcopy(events)
    wrong = "In the spring of 1242, John III Doukas Vatatzes besieged Constantinople"  # dated, but not verbatim
    _ev(e, siege)["properties"]["citations"][0]["quote"] = wrong
    case(
        "quote-not-verbatim",
        {"events.geojson": e},
        [
            expect(
                "quote-not-verbatim",
                "events.geojson",
                siege,
                "properties.citations[0].quote",
                "is not a verbatim span of wp-byzantine-mongol-alliance.txt",
            )
        ],
    )

    e = copy.deepcopy(events)
    _ev(e, siege)["properties"]["citations"][0]["source"] = "gibbon-decline-and-fall"
    case(
        "unknown-source",
        {"events.geojson": e},
        [
            expect(
                "unknown-source",
                "events.geojson",
                siege,
                "properties.citations[0].source",
                "unknown source 'gibbon-decline-and-fall'",
            )
        ],
    )

    e = copy.deepcopy(events)
    _ev(e, siege)["properties"]["places"][0]["place"] = "atlantis"
    case(
        "dangling-place",
        {"events.geojson": e},
        [expect("unknown-place", "events.geojson", siege, "properties.places[0].place", "unknown place 'atlantis'")],
    )

    e = copy.deepcopy(events)
    _ev(e, siege)["properties"]["date_edtf"] = "spring 1242"
    case(
        "edtf-unparseable",
        {"events.geojson": e},
        [expect("edtf-invalid", "events.geojson", siege, "properties.date_edtf", "is not a valid EDTF date")],
    )

    e = copy.deepcopy(events)
    _ev(e, siege)["properties"]["start"] = 1241
    case(
        "edtf-year-mismatch",
        {"events.geojson": e},
        [
            expect(
                "edtf-year-mismatch",
                "events.geojson",
                siege,
                "properties.start",
                "is 1241 but date_edtf '1242-21' starts in 1242",
            )
        ],
    )

    e = copy.deepcopy(events)
    _ev(e, siege)["properties"]["participants"][0]["polity"] = "byzantine-empire"
    case(
        "unknown-participant-polity",
        {"events.geojson": e},
        [
            expect(
                "unknown-participant-polity",
                "events.geojson",
                siege,
                "properties.participants[0].polity",
                "unknown polity 'byzantine-empire'",
            )
        ],
    )

    e = copy.deepcopy(events)
    _ev(e, siege)["geometry"]["coordinates"] = [23.5, 40.6401]
    case(
        "point-not-at-place",
        {"events.geojson": e},
        [expect("point-not-at-place", "events.geojson", siege, "geometry.coordinates", "is not at any of its places")],
    )

    e = copy.deepcopy(events)
    _ev(e, "envoys-sent-back")["geometry"]["coordinates"].reverse()
    case(
        "line-not-from-origin",
        {"events.geojson": e},
        [
            expect(
                "line-not-at-ends",
                "events.geojson",
                "envoys-sent-back",
                "geometry.coordinates",
                "not at its origin 'constantinople'",
            )
        ],
    )

    e = copy.deepcopy(events)
    _ev(e, siege)["properties"]["reliability"] = "high"
    case(
        "reliability-mismatch",
        {"events.geojson": e},
        [expect("reliability-mismatch", "events.geojson", siege, "properties.reliability", "expected 'medium'")],
    )

    e = copy.deepcopy(events)
    ev = _ev(e, siege)["properties"]
    ev["citations"] = [
        {
            "source": "web-franco-mongol-alliance-summary",
            "locator": "paragraph 4",
            "quote": "In 1312, the Mongols invaded Syria several times",
            "role": "supports",
        }
    ]
    ev["reliability"] = "low"
    ev["notes"] = []
    case(
        "unreliable-without-note",
        {"events.geojson": e},
        [
            expect(
                "unreliable-without-note",
                "events.geojson",
                siege,
                "properties.notes",
                "low-reliability source but carries no note",
            )
        ],
    )


def _truth_cases() -> None:
    """The rules of geo.validate.truth, and reliability per claim: interpretation, not form."""
    events, _, _, _ = _all()
    siege, vicina, envoys = "siege-of-thessalonica-1242", "mongols-occupy-vicina", "envoys-sent-back"
    contra = {
        "source": "ciocaltan-2012-p246",
        "locator": "p. 246, n. 414",
        "quote": "nobody had prevented him from going on to Berke",
        "role": "contradicts",
        "primary_authorities": [],
    }

    e = copy.deepcopy(events)
    _ev(e, vicina)["properties"]["participants"].append(
        {"name": "Byzantine Empire", "type": "polity", "role": "loser", "polity": "byzantium"}
    )
    case(
        "participant-outside-polity-years",
        {"events.geojson": e},
        [
            expect(
                "participant-outside-polity-years",
                "events.geojson",
                vicina,
                "properties.participants[1].polity",
                "names polity 'byzantium', drawn only in 1242–1281, but the event is dated 1335–1339",
            )
        ],
    )

    e = copy.deepcopy(events)
    _ev(e, siege)["properties"]["participants"] += [
        {"name": "Kaykaus II", "type": "exile", "role": "guest", "polity": "byzantium"},
        {"name": "Latin merchants", "type": "group", "role": "onlookers", "polity": "bulgaria"},
        {"name": "Baybars", "type": "exile", "role": "none", "former_polity": "mamluks"},
    ]
    case(
        "participant-type-mismatch",
        {"events.geojson": e},
        [
            expect(
                "participant-type-mismatch",
                "events.geojson",
                siege,
                "properties.participants[1].polity",
                "the exile 'Kaykaus II' names 'byzantium'",
            ),
            expect(
                "participant-type-mismatch",
                "events.geojson",
                siege,
                "properties.participants[2].polity",
                "the group 'Latin merchants' names the drawn polity 'bulgaria'",
            ),
            expect(
                "unknown-participant-polity",
                "events.geojson",
                siege,
                "properties.participants[3].former_polity",
                "unknown polity 'mamluks'",
            ),
        ],
    )

    e = copy.deepcopy(events)
    props = _ev(e, envoys)["properties"]
    props.update(date_edtf="1264", start=1264, end=1264)
    case(
        "guess-drawn-as-fact",
        {"events.geojson": e},
        [
            expect(
                "guess-drawn-as-fact",
                "events.geojson",
                envoys,
                "properties.date_edtf",
                "plain year(s) 1264 in '1264' that no supporting quote states",
            )
        ],
    )

    e = copy.deepcopy(events)
    del _ev(e, envoys)["properties"]["date_basis"]
    case(
        "date-basis-missing",
        {"events.geojson": e},
        [
            expect(
                "date-basis-missing",
                "events.geojson",
                envoys,
                "properties.date_basis",
                "year(s) 1264, 1265 are in no supporting quote",
            )
        ],
    )

    e = copy.deepcopy(events)
    _ev(e, envoys)["properties"]["date_label"] = "1265 (after the army left)"
    case(
        "label-year-not-quoted",
        {"events.geojson": e},
        [
            expect(
                "label-year-not-quoted",
                "events.geojson",
                envoys,
                "properties.date_label",
                "gives year(s) 1265 that none of the event's quotes states",
            )
        ],
    )

    # a high-rated quote that says nothing for the claim must not make the claim high
    e = copy.deepcopy(events)
    props = _ev(e, siege)["properties"]
    props["citations"].append(contra | {"role": "context"})
    props["reliability"] = "high"
    case(
        "reliability-from-context-quote",
        {"events.geojson": e},
        [
            expect(
                "reliability-mismatch",
                "events.geojson",
                siege,
                "properties.reliability",
                "citations that do not support it (ciocaltan-2012-p246 (context)) do not count",
            )
        ],
    )

    e = copy.deepcopy(events)
    _ev(e, envoys)["properties"]["citations"][0]["role"] = "context"
    case(
        "no-supporting-citation",
        {"events.geojson": e},
        [expect("no-supporting-citation", "events.geojson", envoys, "properties.citations", "no citation supports")],
    )

    e = copy.deepcopy(events)
    _ev(e, siege)["properties"]["citations"].append(contra)
    case(
        "contradiction-without-account",
        {"events.geojson": e},
        [
            expect(
                "contradiction-without-account",
                "events.geojson",
                siege,
                "properties.citations[1]",
                "contradicts the event's claim but is in none of its accounts",
            )
        ],
    )

    e = copy.deepcopy(events)
    props = _ev(e, siege)["properties"]
    props["citations"].append(contra)
    props["accounts"] = [
        {
            "id": "stayed",
            "label": "He stayed",
            "claim": "The envoy stayed.",
            "citations": [contra | {"role": "supports"}],
        }
    ]
    case("contradiction-in-an-account-is-fine", {"events.geojson": e}, [])

    e = copy.deepcopy(events)
    _ev(e, siege)["properties"]["related"] = [
        {"event": "siege-of-thessalonica-1243", "relation": "follows"},
        {"event": siege, "relation": "same as?"},
    ]
    case(
        "related-unknown-event",
        {"events.geojson": e},
        [
            expect(
                "related-unknown-event",
                "events.geojson",
                siege,
                "properties.related[0].event",
                "'siege-of-thessalonica-1243' is not an event of events.geojson",
            ),
            expect("related-unknown-event", "events.geojson", siege, "properties.related[1].event", "the event itself"),
        ],
    )

    e = copy.deepcopy(events)
    _ev(e, envoys)["properties"]["related"] = [{"event": vicina, "relation": "same as?"}]
    case(
        "related-not-reciprocated",
        {"events.geojson": e},
        [
            expect(
                "related-not-reciprocated",
                "events.geojson",
                envoys,
                "properties.related[0]",
                "but 'mongols-occupy-vicina' does not say 'same as?' back",
            )
        ],
    )

    e = copy.deepcopy(events)
    _ev(e, siege)["properties"]["related"] = [{"event": vicina, "relation": "follows"}]
    _ev(e, envoys)["properties"]["related"] = [
        {"event": siege, "relation": "part of"},
        {"event": vicina, "relation": "part of"},
    ]
    _ev(e, vicina)["properties"]["related"] = [{"event": envoys, "relation": "part of"}]
    case(
        "related-inconsistent",
        {"events.geojson": e},
        [
            expect(
                "related-inconsistent",
                "events.geojson",
                siege,
                "properties.related[0]",
                "starts in 1242, before 'mongols-occupy-vicina' (1335), which it says it follows",
            ),
            expect(
                "related-inconsistent",
                "events.geojson",
                envoys,
                "properties.related[0]",
                "is dated 1264–1265, outside 'siege-of-thessalonica-1242' (1242–1242)",
            ),
            expect(
                "related-inconsistent",
                "events.geojson",
                envoys,
                "properties.related[1]",
                "'mongols-occupy-vicina' says 'part of' this event too",
            ),
        ],
    )

    e = copy.deepcopy(events)
    _ev(e, envoys)["properties"]["notes"] = ["Compare siege-of-thessalonica-1242."]
    case(
        "event-id-in-text",
        {"events.geojson": e},
        [
            expect(
                "event-id-in-text",
                "events.geojson",
                envoys,
                "properties.notes[0]",
                "names the event 'siege-of-thessalonica-1242' by its id",
            )
        ],
    )


def _place_cases() -> None:
    _, places, _, _ = _all()

    p = copy.deepcopy(places)
    _ev(p, "thessalonica")["properties"]["links"] = [{"type": "closeMatch", "identifier": "pl:520998"}]
    case(
        "authority-id-shared",
        {"places.geojson": p},
        [
            expect(
                "authority-id-shared",
                "places.geojson",
                "thessalonica",
                "properties.links",
                "has authority id pl:520998, which 'constantinople' has too",
            )
        ],
    )

    p = copy.deepcopy(places)
    _ev(p, "thessalonica")["properties"]["links"] = [{"type": "closeMatch", "identifier": "pleiades:491741"}]
    case(
        "authority-id-malformed",
        {"places.geojson": p},
        [expect("bad-value", "places.geojson", "thessalonica", "properties.links[0].identifier", "pl:")],
    )

    p = copy.deepcopy(places)
    _ev(p, "constantinople")["geometry"]["coordinates"] = [41.0086, 28.9744]
    case(
        "swapped-lat-lon",
        {"places.geojson": p},
        [
            expect(
                "outside-region", "places.geojson", "constantinople", "geometry.coordinates", "outside the atlas region"
            )
        ],
    )

    p = copy.deepcopy(places)
    _ev(p, "constantinople")["geometry"]["coordinates"] = [228.9744, 41.0086]
    case(
        "not-lon-lat",
        {"places.geojson": p},
        [expect("not-lon-lat", "places.geojson", "constantinople", "geometry.coordinates", "is not a lon/lat pair")],
    )

    p = copy.deepcopy(places)
    _ev(p, "vicina")["properties"]["candidates"][1].update(lon=45.25, lat=28.15)
    case(
        "swapped-candidate",
        {"places.geojson": p},
        [
            expect(
                "candidate-outside-region",
                "places.geojson",
                "vicina",
                "properties.candidates[1]",
                "outside the atlas region",
            )
        ],
    )

    p = copy.deepcopy(places)
    del _ev(p, "vicina")["properties"]["candidates"]
    case(
        "disputed-without-candidates",
        {"places.geojson": p},
        [expect("missing-field", "places.geojson", "vicina", "properties", "'candidates' is a required")],
    )


def _polity_cases() -> None:
    _, _, polities, _ = _all()
    bulgaria = "bulgaria-1242-1300"

    pol = copy.deepcopy(polities)
    bowtie = [[[22, 42.5], [28, 44], [28, 42.5], [22, 44], [22, 42.5]]]
    _ev(pol, bulgaria)["geometry"]["coordinates"] = bowtie
    case(
        "invalid-geometry",
        {"polities.geojson": pol},
        [
            expect(
                "invalid-geometry",
                "polities.geojson",
                bulgaria,
                "geometry",
                "is not a valid geometry: Self-intersection",
            )
        ],
    )

    pol = copy.deepcopy(polities)
    _ev(pol, bulgaria)["geometry"]["coordinates"] = [[[22, 42.5], [28, 42.5]]]
    case(
        "geometry-unreadable",
        {"polities.geojson": pol},
        [expect("geometry-unreadable", "polities.geojson", bulgaria, "geometry", "cannot be read as a geometry")],
    )

    pol = copy.deepcopy(polities)
    _ev(pol, bulgaria)["geometry"]["coordinates"] = [[]]
    case(
        "geometry-empty",
        {"polities.geojson": pol},
        [expect("geometry-empty", "polities.geojson", bulgaria, "geometry", "is empty")],
    )

    pol = copy.deepcopy(polities)
    _ev(pol, bulgaria)["geometry"]["coordinates"][0].reverse()
    case(
        "clockwise-ring",
        {"polities.geojson": pol},
        [
            expect(
                "clockwise-exterior",
                "polities.geojson",
                bulgaria,
                "geometry.coordinates[0]",
                "exterior ring is clockwise",
            )
        ],
    )

    # holes wound counter-clockwise, each reported at its own ring: [polygon][ring] in a MultiPolygon
    pol = copy.deepcopy(polities)
    ccw_hole = [[11, 37], [12, 37], [12, 38], [11, 38], [11, 37]]
    island = [[[10, 36], [14, 36], [14, 40], [10, 40], [10, 36]], ccw_hole]
    geom = _ev(pol, bulgaria)["geometry"]
    geom.update(type="MultiPolygon", coordinates=[geom["coordinates"], island])
    horde = _ev(pol, "golden-horde-1242-1345")["geometry"]["coordinates"]
    horde.append([[40, 46], [41, 46], [41, 47], [40, 47], [40, 46]])
    case(
        "counter-clockwise-holes",
        {"polities.geojson": pol},
        [
            expect("counter-clockwise-hole", "polities.geojson", bulgaria, "geometry.coordinates[1][1]", "hole is"),
            expect(
                "counter-clockwise-hole",
                "polities.geojson",
                "golden-horde-1242-1345",
                "geometry.coordinates[1]",
                "hole is counter-clockwise",
            ),
        ],
    )

    pol = copy.deepcopy(polities)
    _ev(pol, bulgaria)["geometry"]["coordinates"] = [[[22, 41], [29, 41], [29, 44], [22, 44], [22, 41]]]
    case(
        "sovereign-overlap",
        {"polities.geojson": pol},
        [
            expect(
                "sovereign-overlap",
                "polities.geojson",
                "byzantium-1261-1281",
                "geometry",
                "overlaps sovereign polity 'bulgaria-1242-1300'",
            )
        ],
    )

    pol = copy.deepcopy(polities)
    _ev(pol, bulgaria)["geometry"]["coordinates"] = [[[22, 41], [29, 41], [29, 44], [22, 44], [22, 41]]]
    _ev(pol, bulgaria)["properties"].update(status="vassal", overlord="byzantium")
    case("vassal-overlap-allowed", {"polities.geojson": pol}, [])

    pol = copy.deepcopy(polities)
    _ev(pol, bulgaria)["properties"].update(status="vassal", overlord="hungary")
    case(
        "polity-unknown-overlord",
        {"polities.geojson": pol},
        [expect("unknown-overlord", "polities.geojson", bulgaria, "properties.overlord", "unknown polity 'hungary'")],
    )

    pol = copy.deepcopy(polities)
    _ev(pol, bulgaria)["properties"].update(start=1300, end=1242)
    case(
        "polity-years-reversed",
        {"polities.geojson": pol},
        [expect("years-reversed", "polities.geojson", bulgaria, "properties.start", "start 1300 is after end 1242")],
    )

    pol = copy.deepcopy(polities)
    _ev(pol, bulgaria)["properties"].update(end_edtf="1299?")
    case(
        "polity-edtf-mismatch",
        {"polities.geojson": pol},
        [expect("edtf-year-mismatch", "polities.geojson", bulgaria, "properties.end", "ends in 1299")],
    )

    pol = copy.deepcopy(polities)
    _ev(pol, "byzantium-1261-1281")["properties"]["capital"] = "byzantium-city"
    case(
        "polity-dangling-capital",
        {"polities.geojson": pol},
        [
            expect(
                "unknown-capital",
                "polities.geojson",
                "byzantium-1261-1281",
                "properties.capital",
                "unknown place 'byzantium-city'",
            )
        ],
    )


def _source_cases() -> None:
    _, _, _, sources = _all()
    first = sources["sources"][0]["id"]

    s = copy.deepcopy(sources)
    s["sources"][0]["sha256"] = "0" * 64
    case("seed-changed", {"sources.json": s}, [expect("seed-changed", "sources.json", first, "sha256", "has changed")])

    s = copy.deepcopy(sources)
    s["sources"][0]["file"] = "seeds/lost-text.txt"
    case(
        "seed-missing",
        {"sources.json": s},
        [expect("seed-unreadable", "sources.json", first, "file", "'seeds/lost-text.txt' does not exist")],
    )

    s = copy.deepcopy(sources)
    s["sources"].append(copy.deepcopy(s["sources"][0]))
    case(
        "duplicate-source-id",
        {"sources.json": s},
        [expect("duplicate-source-id", "sources.json", first, "id", "duplicate source id")],
    )


def _tour_cases() -> None:
    """tours.json: each rule of geo/validate/tours.py, and the form of a tour."""
    events = _load("events.geojson")
    tours = _load("tours.json")
    tid, siege, tf = "fixture-tour", "siege-of-thessalonica-1242", "tours.json"

    def one_tour(change: object) -> dict:
        t = copy.deepcopy(tours)
        change(t["tours"][0])  # type: ignore[operator]
        return t

    t = copy.deepcopy(tours)
    t["tours"].append(copy.deepcopy(t["tours"][0]))
    case("tour-duplicate-id", {tf: t}, [expect("tour-duplicate-id", tf, tid, "id", "duplicate tour id")])

    t = one_tour(lambda tour: tour["steps"].__delitem__(slice(3, None)))
    case(
        "tour-too-few-steps", {tf: t}, [expect("tour-step-count", tf, tid, "steps", "has 3 step(s) (expected 5 to 10)")]
    )
    t = one_tour(lambda tour: tour["steps"].extend(copy.deepcopy(tour["steps"] * 2)[:6]))
    case("tour-too-many-steps", {tf: t}, [expect("tour-step-count", tf, tid, "steps", "has 11 step(s)")])

    t = one_tour(lambda tour: tour["steps"][0].__setitem__("events", ["siege-of-constantinople-1242"]))
    case(
        "tour-unknown-event",
        {tf: t},
        [expect("tour-unknown-event", tf, tid, "steps[0].events[0]", "unknown event 'siege-of-constantinople-1242'")],
    )

    t = one_tour(
        lambda tour: tour["steps"][0].__setitem__(
            "accounts", [{"event": siege, "account": "gregoras"}, {"event": "envoys-sent-back"}]
        )
    )
    case(
        "tour-unknown-account",
        {tf: t},
        [
            expect("tour-unknown-account", tf, tid, "steps[0].accounts[0].account", "has no account 'gregoras'"),
            expect("tour-unknown-account", tf, tid, "steps[0].accounts[1].event", "is not one of the step's events"),
        ],
    )

    t = one_tour(lambda tour: tour["steps"][0].__setitem__("year", 1243))
    case(
        "tour-event-not-shown",
        {tf: t},
        [expect("tour-event-not-shown", tf, tid, "steps[0].events[0]", "is not on the map in 1243")],
    )

    t = one_tour(
        lambda tour: tour["steps"][0].__setitem__("view", {"center": [40.6, 23.0], "zoom": 7})
    )  # lat/lon swapped
    case(
        "tour-view-outside-region",
        {tf: t},
        [expect("tour-view-outside-region", tf, tid, "steps[0].view", "[[40.6, 23.0]] lies outside the atlas region")],
    )

    t = one_tour(
        lambda tour: tour["steps"][0].__setitem__("view", {"center": [28.97, 41.0], "zoom": 9})
    )  # Constantinople
    case(
        "tour-event-off-view",
        {tf: t},
        [expect("tour-event-off-view", tf, tid, "steps[0].view", f"does not show event {siege!r}")],
    )

    # a step that quotes one of two accounts of its event, and shows neither
    e = copy.deepcopy(events)
    props = _ev(e, siege)["properties"]
    other = {
        "source": "wp-byzantine-mongol-alliance",
        "locator": "Diplomatic overtures",
        "quote": "Soon after, the Mongols invaded the Sultanate of Iconium, causing Vatatzes to end the campaign early",
        "role": "supports",
    }
    props["accounts"] = [
        {"id": "a-siege", "label": "A siege", "claim": "Vatatzes besieged the city.", "citations": props["citations"]},
        {"id": "cut-short", "label": "Cut short", "claim": "The Mongols cut it short.", "citations": [other]},
    ]
    case(
        "tour-disagreement-hidden",
        {"events.geojson": e},
        [expect("tour-disagreement-hidden", tf, tid, "steps[0].accounts", "it quotes the account 'a-siege'")],
    )
    contradicting = {
        "source": "ciocaltan-2012-p246",
        "locator": "p. 246",
        "quote": "the lord of constantinople detained me.",
    }
    t = one_tour(lambda tour: tour["steps"][1]["citations"].append({**contradicting, "role": "contradicts"}))
    case(
        "tour-contradicting-quote-hidden",
        {tf: t},
        [expect("tour-disagreement-hidden", tf, tid, "steps[1].accounts", "it cites a quote that contradicts")],
    )

    def shown_and_said(tour: dict) -> None:
        for i in (0, 3):  # both quote the siege's first account
            tour["steps"][i]["accounts"] = [
                {"event": siege, "account": "a-siege"},
                {"event": siege, "account": "cut-short"},
            ]
        tour["steps"][1]["citations"].append(summary)
        tour["steps"][1]["reliability_note"] = "The 1210 news comes from the machine-garbled web summary alone."

    summary = {
        "source": "web-franco-mongol-alliance-summary",
        "locator": "paragraph 4",
        "quote": "In 1210, news reached the West of the battles of the Kuchlugian Empire",
    }
    case("tour-accounts-shown-and-source-named-is-fine", {"events.geojson": e, tf: one_tour(shown_and_said)}, [])

    t = one_tour(lambda tour: tour["steps"][1]["citations"].append(summary))
    case(
        "tour-unreliable-unsaid",
        {tf: t},
        [
            expect(
                "tour-unreliable-unsaid",
                tf,
                tid,
                "steps[1].reliability_note",
                "cites web-franco-mongol-alliance-summary, which rests on the low-reliability source",
            )
        ],
    )

    wrong = "In the spring of 1242, John III Doukas Vatatzes besieged Constantinople"
    t = one_tour(lambda tour: tour["steps"][0]["citations"][0].__setitem__("quote", wrong))
    case(
        "tour-quote-not-verbatim",
        {tf: t},
        [expect("quote-not-verbatim", tf, tid, "steps[0].citations[0].quote", "is not a verbatim span")],
    )

    def misspelt(tour: dict) -> None:
        tour["steps"][2]["txt"] = tour["steps"][2].pop("text")
        del tour["introduction"]

    case(
        "tour-misspelt-field",
        {tf: one_tour(misspelt)},
        [
            expect("unknown-field", tf, tid, "steps[2].txt", "did you mean 'text'?"),
            expect("missing-field", tf, tid, "steps[2]", "'text' is a required"),
            expect("missing-field", tf, tid, "(tour)", "'introduction' is a required"),
        ],
    )
    case("tours-file-is-optional", {tf: None}, [])


def _all() -> tuple[dict, dict, dict, dict]:
    """Fresh copies of the base events, places, polities and sources."""
    return _load("events.geojson"), _load("places.geojson"), _load("polities.geojson"), _load("sources.json")


if __name__ == "__main__":
    main()
