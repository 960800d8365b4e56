"""Write the hostile fixtures under tests/fixtures/validator/: at least one folder per validator rule.

Each folder holds only the files that differ from ``base/`` (a path may reach into a subfolder,
``schema/events.schema.json``; ``<name>.absent`` removes a file) and an ``expect.json`` naming the
rule code, the file, feature and field the validator must report and words its message must contain.
tests/test_validate.py fails for a registered rule that no ``expect.json`` names.
Run after changing ``base/`` or adding a rule; the folders are committed so a reviewer can read them.

Most cases are one row of a table: the case's name, the feature it edits, the edits, and the one
problem the validator must report at that feature (``_write_rows``). An edit maps a path such as
``properties.citations[0].quote`` (the notation of the validator's ``field``) to the new value;
``DROP`` removes the key, ``Renamed("x")`` moves its value to the key ``x`` (a typo), and a function
computes the new value from the old one (``_plus(item)`` appends). Cases that report several
problems, or none, or edit several files, are written out below their table.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "validator"
BASE = ROOT / "base"

EV, PL, POL, SRC, TF = "events.geojson", "places.geojson", "polities.geojson", "sources.json", "tours.json"
SIEGE, ENVOYS, VICINA = "siege-of-thessalonica-1242", "envoys-sent-back", "mongols-occupy-vicina"
BULGARIA, BYZANTIUM, TOUR = "bulgaria-1242-1300", "byzantium-1261-1281", "fixture-tour"

DROP = object()  # an edit's value that removes the key

#: A row of a table: case name, feature id (None: the whole document), edits, rule, field, words.
Row = tuple[str, str | None, dict[str, Any], str, str, str]


@dataclass(frozen=True)
class Renamed:
    """An edit that moves a key's value to the misspelt key ``to`` (last in its object, as a typo would be)."""

    to: str


def _load(name: str) -> dict:
    return json.loads((BASE / name).read_text(encoding="utf-8"))


def _ev(doc: dict, fid: str) -> dict:
    return next(f for f in doc["features"] if f["id"] == fid)


def _plus(*items: Any) -> Callable[[list], list]:
    """An edit that appends ``items`` to a list."""
    return lambda old: old + list(items)


def _reversed(old: list) -> list:
    return old[::-1]


def _edited(doc: dict, fid: str | None, edits: dict[str, Any]) -> dict:
    """A copy of ``doc`` with ``edits`` ({path: value}) made in feature ``fid``, or in the document when None."""
    out = copy.deepcopy(doc)
    target = out if fid is None else _ev(out, fid)
    for path, value in edits.items():
        *parents, last = [int(p[1:-1]) if p.startswith("[") else p for p in re.findall(r"\[\d+\]|[^.\[\]]+", path)]
        holder = target
        for step in parents:
            holder = holder[step]
        if value is DROP:
            del holder[last]
        elif isinstance(value, Renamed):
            holder[value.to] = holder.pop(last)
        else:
            holder[last] = value(holder[last]) if callable(value) else value
    return out


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


def _write_rows(file: str, rows: list[Row], feature: str | None = None) -> None:
    """One case a row: ``file`` edited, one problem reported at the edited feature (or at ``feature``)."""
    doc = _load(file)
    for name, fid, edits, rule, field, words in rows:
        case(name, {file: _edited(doc, fid, edits)}, [expect(rule, file, feature or fid, field, words)])


def main() -> None:
    """Write every hostile fixture (and remove folders of cases that no longer exist)."""
    for folder in ROOT.iterdir():
        if folder.is_dir() and folder.name != "base":
            shutil.rmtree(folder)
    for file, rows, feature in (
        (EV, SCHEMA_ROWS + EVENT_ROWS + TRUTH_ROWS, None),
        (PL, PLACE_ROWS, None),
        (POL, POLITY_ROWS, None),
        (SRC, SOURCE_ROWS, _load(SRC)["sources"][0]["id"]),
        (TF, TOUR_ROWS, TOUR),
    ):
        _write_rows(file, rows, feature)
    _reading_cases()
    _schema_cases()
    _truth_cases()
    _polity_cases()
    _tour_cases()


# ---------------------------------------------------------------------------------------------- schema
POLYGON = {"type": "Polygon", "coordinates": [[[22, 40], [23, 40], [23, 41], [22, 40]]]}
WGS84 = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4326"}}

SCHEMA_ROWS: list[Row] = [
    ("schema-missing-field", SIEGE, {"properties.title": DROP}, "missing-field", "properties", "'title' is a required"),
    (
        "schema-unknown-kind",
        SIEGE,
        {"properties.kind": "party"},
        "not-in-vocabulary",
        "properties.kind",
        "one of embassy",
    ),
    (
        "polity-participant-without-polity",
        SIEGE,
        {"properties.participants[0].polity": DROP},
        "missing-field",
        "properties.participants[0]",
        "'polity' is a required",
    ),
    (
        "event-geometry-type",
        SIEGE,
        {"geometry": POLYGON},
        "wrong-shape",
        "geometry",
        "does not match any allowed shape",
    ),
    ("crs-member", None, {"crs": WGS84}, "crs-member", "(document)", "has a 'crs' member"),
]


def _schema_cases() -> None:
    events = _load(EV)
    e = _edited(events, SIEGE, {"properties.summary": Renamed("sumary")})
    case(
        "misspelt-summary",
        {EV: e},
        [
            expect("unknown-field", EV, SIEGE, "properties.sumary", "unknown field 'sumary' (did you mean 'summary'?"),
            expect("missing-field", EV, SIEGE, "properties", "'summary' is a required"),
        ],
    )

    # a typo in every kind of nested object the schemas describe
    e = _edited(
        events,
        SIEGE,
        {
            "properties.places[0].role": Renamed("rol"),
            "properties.participants[0].polity": Renamed("polty"),
            "properties.citations[0].locator": Renamed("locater"),
        },
    )
    one_citation = _ev(e, SIEGE)["properties"]["citations"][:1]
    account = {"id": "one-account", "label": "One account", "claims": "x", "citations": one_citation}
    e = _edited(e, SIEGE, {"properties.accounts": [account]})
    sources = _load(SRC)
    first = sources["sources"][0]
    files = {
        EV: e,
        PL: _edited(_load(PL), "vicina", {"properties.candidates[0].proposed": "a typo"}),
        POL: _edited(_load(POL), BULGARIA, {"properties.border_precison": 3}),
        SRC: _edited(sources, None, {"sources[0].license": first["licence"]}),
    }
    case(
        "typo-in-nested-objects",
        files,
        [
            expect("unknown-field", EV, SIEGE, "properties.places[0].rol", "did you mean 'role'?"),
            expect("unknown-field", EV, SIEGE, "properties.participants[0].polty", "unknown field"),
            expect("missing-field", EV, SIEGE, "properties.participants[0]", "'polity' is a required"),
            expect("unknown-field", EV, SIEGE, "properties.citations[0].locater", "'locator'?"),
            expect("unknown-field", EV, SIEGE, "properties.accounts[0].claims", "did you mean 'claim'?"),
            expect("unknown-field", PL, "vicina", "properties.candidates[0].proposed", "'proposed_by'?"),
            expect("unknown-field", POL, BULGARIA, "properties.border_precison", "did you mean 'border_precision'?"),
            expect("unknown-field", SRC, first["id"], "license", "did you mean 'licence'?"),
        ],
    )

    broken = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://atlas.invalid/schema/events.schema.json",
        "$ref": "#/$defs/nowhere",
    }
    missing = [expect("schema-unusable", EV, None, None, "'#/$defs/nowhere' points to nothing")]
    case("schema-unusable", {"schema/events.schema.json": broken}, missing)


# --------------------------------------------------------------------------------------------- reading
def _reading_cases() -> None:
    """Files that cannot be read as JSON: (case, files, rule, words), reported at the first file."""
    text = (BASE / EV).read_text(encoding="utf-8")
    folder = {EV: None, "events.geojson/README.txt": "a folder where events.geojson belongs\n"}
    for name, files, rule, words in (
        ("truncated-json", {EV: text[: len(text) // 2]}, "not-json", "(truncated?)"),
        ("empty-file", {PL: ""}, "file-empty", "file is empty"),
        ("not-json", {POL: "type,features\nFeatureCollection,\n"}, "not-json", "not valid JSON"),
        ("not-utf8", {EV: "{}".encode("utf-16")}, "not-utf8", "is not UTF-8 text"),
        ("missing-file", {EV: None}, "file-missing", "file is missing"),
        ("folder-instead-of-file", folder, "file-unreadable", "cannot be read: Is a directory"),
    ):
        case(name, files, [expect(rule, next(iter(files)), None, None, words)])


# ---------------------------------------------------------------------------------------------- events
UNRELIABLE_CITATION = {
    "source": "web-franco-mongol-alliance-summary",
    "locator": "paragraph 4",
    "quote": "In 1312, the Mongols invaded Syria several times",
    "role": "supports",
}

EVENT_ROWS: list[Row] = [
    (
        "quote-not-verbatim",
        SIEGE,
        # dated, but not verbatim
        {"properties.citations[0].quote": "In the spring of 1242, John III Doukas Vatatzes besieged Constantinople"},
        "quote-not-verbatim",
        "properties.citations[0].quote",
        "is not a verbatim span of wp-byzantine-mongol-alliance.txt",
    ),
    (
        "unknown-source",
        SIEGE,
        {"properties.citations[0].source": "gibbon-decline-and-fall"},
        "unknown-source",
        "properties.citations[0].source",
        "unknown source 'gibbon-decline-and-fall'",
    ),
    (
        "dangling-place",
        SIEGE,
        {"properties.places[0].place": "atlantis"},
        "unknown-place",
        "properties.places[0].place",
        "unknown place 'atlantis'",
    ),
    (
        "edtf-unparseable",
        SIEGE,
        {"properties.date_edtf": "spring 1242"},
        "edtf-invalid",
        "properties.date_edtf",
        "is not a valid EDTF date",
    ),
    (
        "edtf-year-mismatch",
        SIEGE,
        {"properties.start": 1241},
        "edtf-year-mismatch",
        "properties.start",
        "is 1241 but date_edtf '1242-21' starts in 1242",
    ),
    (
        "unknown-participant-polity",
        SIEGE,
        {"properties.participants[0].polity": "byzantine-empire"},
        "unknown-participant-polity",
        "properties.participants[0].polity",
        "unknown polity 'byzantine-empire'",
    ),
    (
        "point-not-at-place",
        SIEGE,
        {"geometry.coordinates": [23.5, 40.6401]},
        "point-not-at-place",
        "geometry.coordinates",
        "is not at any of its places",
    ),
    (
        "line-not-from-origin",
        ENVOYS,
        {"geometry.coordinates": _reversed},
        "line-not-at-ends",
        "geometry.coordinates",
        "not at its origin 'constantinople'",
    ),
    (
        "reliability-mismatch",
        SIEGE,
        {"properties.reliability": "high"},
        "reliability-mismatch",
        "properties.reliability",
        "expected 'medium'",
    ),
    (
        "unreliable-without-note",
        SIEGE,
        {"properties.citations": [UNRELIABLE_CITATION], "properties.reliability": "low", "properties.notes": []},
        "unreliable-without-note",
        "properties.notes",
        "low-reliability source but carries no note",
    ),
]

# ----------------------------------------------------------------------------------------------- truth
# The rules of geo.validate.truth, and reliability per claim: interpretation, not form.
CONTRA = {
    "source": "ciocaltan-2012-p246",
    "locator": "p. 246, n. 414",
    "quote": "nobody had prevented him from going on to Berke",
    "role": "contradicts",
    "primary_authorities": [],
}
BYZANTINE_LOSER = {"name": "Byzantine Empire", "type": "polity", "role": "loser", "polity": "byzantium"}

TRUTH_ROWS: list[Row] = [
    (
        "participant-outside-polity-years",
        VICINA,
        {"properties.participants": _plus(BYZANTINE_LOSER)},
        "participant-outside-polity-years",
        "properties.participants[1].polity",
        "names polity 'byzantium', drawn only in 1242–1281, but the event is dated 1335–1339",
    ),
    (
        "guess-drawn-as-fact",
        ENVOYS,
        {"properties.date_edtf": "1264", "properties.start": 1264, "properties.end": 1264},
        "guess-drawn-as-fact",
        "properties.date_edtf",
        "plain year(s) 1264 in '1264' that no supporting quote states",
    ),
    (
        "date-basis-missing",
        ENVOYS,
        {"properties.date_basis": DROP},
        "date-basis-missing",
        "properties.date_basis",
        "year(s) 1264, 1265 are in no supporting quote",
    ),
    (
        "label-year-not-quoted",
        ENVOYS,
        {"properties.date_label": "1265 (after the army left)"},
        "label-year-not-quoted",
        "properties.date_label",
        "gives year(s) 1265 that none of the event's quotes states",
    ),
    (
        # a high-rated quote that says nothing for the claim must not make the claim high
        "reliability-from-context-quote",
        SIEGE,
        {"properties.citations": _plus(CONTRA | {"role": "context"}), "properties.reliability": "high"},
        "reliability-mismatch",
        "properties.reliability",
        "citations that do not support it (ciocaltan-2012-p246 (context)) do not count",
    ),
    (
        "no-supporting-citation",
        ENVOYS,
        {"properties.citations[0].role": "context"},
        "no-supporting-citation",
        "properties.citations",
        "no citation supports",
    ),
    (
        "contradiction-without-account",
        SIEGE,
        {"properties.citations": _plus(CONTRA)},
        "contradiction-without-account",
        "properties.citations[1]",
        "contradicts the event's claim but is in none of its accounts",
    ),
    (
        "related-not-reciprocated",
        ENVOYS,
        {"properties.related": [{"event": VICINA, "relation": "same as?"}]},
        "related-not-reciprocated",
        "properties.related[0]",
        "but 'mongols-occupy-vicina' does not say 'same as?' back",
    ),
    (
        "event-id-in-text",
        ENVOYS,
        {"properties.notes": ["Compare siege-of-thessalonica-1242."]},
        "event-id-in-text",
        "properties.notes[0]",
        "names the event 'siege-of-thessalonica-1242' by its id",
    ),
]


def _truth_cases() -> None:
    """The truth cases that report several problems, none, or a feature other than the edited one."""
    events = _load(EV)
    e = _edited(events, None, {"features": _plus(_ev(events, SIEGE))})
    case("duplicate-id", {EV: e}, [expect("duplicate-id", EV, SIEGE, "id", "duplicate id")])
    renamed = expect("id-mismatch", EV, "siege-renamed", "properties.id", "expected the same slug")
    case("id-mismatch", {EV: _edited(events, SIEGE, {"id": "siege-renamed"})}, [renamed])

    guests = [
        {"name": "Kaykaus II", "type": "exile", "role": "guest", "polity": "byzantium"},
        {"name": "Latin merchants", "type": "group", "role": "onlookers", "polity": "bulgaria"},
        {"name": "Baybars", "type": "exile", "role": "none", "former_polity": "mamluks"},
    ]
    case(
        "participant-type-mismatch",
        {EV: _edited(events, SIEGE, {"properties.participants": _plus(*guests)})},
        [
            expect(
                "participant-type-mismatch",
                EV,
                SIEGE,
                "properties.participants[1].polity",
                "the exile 'Kaykaus II' names 'byzantium'",
            ),
            expect(
                "participant-type-mismatch",
                EV,
                SIEGE,
                "properties.participants[2].polity",
                "the group 'Latin merchants' names the drawn polity 'bulgaria'",
            ),
            expect(
                "unknown-participant-polity",
                EV,
                SIEGE,
                "properties.participants[3].former_polity",
                "unknown polity 'mamluks'",
            ),
        ],
    )

    stayed = {
        "id": "stayed",
        "label": "He stayed",
        "claim": "The envoy stayed.",
        "citations": [CONTRA | {"role": "supports"}],
    }
    in_account = {"properties.citations": _plus(CONTRA), "properties.accounts": [stayed]}
    case("contradiction-in-an-account-is-fine", {EV: _edited(events, SIEGE, in_account)}, [])

    related = [{"event": "siege-of-thessalonica-1243", "relation": "follows"}, {"event": SIEGE, "relation": "same as?"}]
    e = _edited(events, SIEGE, {"properties.related": related})
    case(
        "related-unknown-event",
        {EV: e},
        [
            expect(
                "related-unknown-event",
                EV,
                SIEGE,
                "properties.related[0].event",
                "'siege-of-thessalonica-1243' is not an event of events.geojson",
            ),
            expect("related-unknown-event", EV, SIEGE, "properties.related[1].event", "the event itself"),
        ],
    )

    e = _edited(events, SIEGE, {"properties.related": [{"event": VICINA, "relation": "follows"}]})
    part_of = [{"event": SIEGE, "relation": "part of"}, {"event": VICINA, "relation": "part of"}]
    e = _edited(e, ENVOYS, {"properties.related": part_of})
    e = _edited(e, VICINA, {"properties.related": [{"event": ENVOYS, "relation": "part of"}]})
    words = (
        (SIEGE, 0, "starts in 1242, before 'mongols-occupy-vicina' (1335), which it says it follows"),
        (ENVOYS, 0, "is dated 1264–1265, outside 'siege-of-thessalonica-1242' (1242–1242)"),
        (ENVOYS, 1, "'mongols-occupy-vicina' says 'part of' this event too"),
    )
    inconsistent = [expect("related-inconsistent", EV, fid, f"properties.related[{i}]", w) for fid, i, w in words]
    case("related-inconsistent", {EV: e}, inconsistent)


# ---------------------------------------------------------------------------------------------- places
PLACE_ROWS: list[Row] = [
    (
        "authority-id-shared",
        "thessalonica",
        {"properties.links": [{"type": "closeMatch", "identifier": "pl:520998"}]},
        "authority-id-shared",
        "properties.links",
        "has authority id pl:520998, which 'constantinople' has too",
    ),
    (
        "authority-id-malformed",
        "thessalonica",
        {"properties.links": [{"type": "closeMatch", "identifier": "pleiades:491741"}]},
        "bad-value",
        "properties.links[0].identifier",
        "pl:",
    ),
    (
        "swapped-lat-lon",
        "constantinople",
        {"geometry.coordinates": [41.0086, 28.9744]},
        "outside-region",
        "geometry.coordinates",
        "outside the atlas region",
    ),
    (
        "not-lon-lat",
        "constantinople",
        {"geometry.coordinates": [228.9744, 41.0086]},
        "not-lon-lat",
        "geometry.coordinates",
        "is not a lon/lat pair",
    ),
    (
        "swapped-candidate",
        "vicina",
        {"properties.candidates[1].lon": 45.25, "properties.candidates[1].lat": 28.15},
        "candidate-outside-region",
        "properties.candidates[1]",
        "outside the atlas region",
    ),
    (
        "disputed-without-candidates",
        "vicina",
        {"properties.candidates": DROP},
        "missing-field",
        "properties",
        "'candidates' is a required",
    ),
]

# -------------------------------------------------------------------------------------------- polities
BOWTIE = [[[22, 42.5], [28, 44], [28, 42.5], [22, 44], [22, 42.5]]]
OVER_THRACE = [[[22, 41], [29, 41], [29, 44], [22, 44], [22, 41]]]

POLITY_ROWS: list[Row] = [
    (
        "schema-bad-colour",
        BULGARIA,
        {"properties.color": "green"},
        "bad-value",
        "properties.color",
        "does not match",
    ),
    (
        "invalid-geometry",
        BULGARIA,
        {"geometry.coordinates": BOWTIE},
        "invalid-geometry",
        "geometry",
        "is not a valid geometry: Self-intersection",
    ),
    (
        "geometry-unreadable",
        BULGARIA,
        {"geometry.coordinates": [[[22, 42.5], [28, 42.5]]]},
        "geometry-unreadable",
        "geometry",
        "cannot be read as a geometry",
    ),
    ("geometry-empty", BULGARIA, {"geometry.coordinates": [[]]}, "geometry-empty", "geometry", "is empty"),
    (
        "clockwise-ring",
        BULGARIA,
        {"geometry.coordinates[0]": _reversed},
        "clockwise-exterior",
        "geometry.coordinates[0]",
        "exterior ring is clockwise",
    ),
    (
        "polity-unknown-overlord",
        BULGARIA,
        {"properties.status": "vassal", "properties.overlord": "hungary"},
        "unknown-overlord",
        "properties.overlord",
        "unknown polity 'hungary'",
    ),
    (
        "polity-years-reversed",
        BULGARIA,
        {"properties.start": 1300, "properties.end": 1242},
        "years-reversed",
        "properties.start",
        "start 1300 is after end 1242",
    ),
    (
        "polity-edtf-mismatch",
        BULGARIA,
        {"properties.end_edtf": "1299?"},
        "edtf-year-mismatch",
        "properties.end",
        "ends in 1299",
    ),
    (
        "polity-dangling-capital",
        BYZANTIUM,
        {"properties.capital": "byzantium-city"},
        "unknown-capital",
        "properties.capital",
        "unknown place 'byzantium-city'",
    ),
]


def _polity_cases() -> None:
    """Holes, and overlaps, which are reported at another polity or at none."""
    polities = _load(POL)
    # holes wound counter-clockwise, each reported at its own ring: [polygon][ring] in a MultiPolygon
    ccw_hole = [[11, 37], [12, 37], [12, 38], [11, 38], [11, 37]]
    island = [[[10, 36], [14, 36], [14, 40], [10, 40], [10, 36]], ccw_hole]
    pol = _edited(polities, BULGARIA, {"geometry.type": "MultiPolygon", "geometry.coordinates": lambda c: [c, island]})
    pol = _edited(
        pol,
        "golden-horde-1242-1345",
        {"geometry.coordinates": _plus([[40, 46], [41, 46], [41, 47], [40, 47], [40, 46]])},
    )
    case(
        "counter-clockwise-holes",
        {POL: pol},
        [
            expect("counter-clockwise-hole", POL, BULGARIA, "geometry.coordinates[1][1]", "hole is"),
            expect(
                "counter-clockwise-hole",
                POL,
                "golden-horde-1242-1345",
                "geometry.coordinates[1]",
                "hole is counter-clockwise",
            ),
        ],
    )

    overlap = expect("sovereign-overlap", POL, BYZANTIUM, "geometry", "overlaps sovereign polity 'bulgaria-1242-1300'")
    case("sovereign-overlap", {POL: _edited(polities, BULGARIA, {"geometry.coordinates": OVER_THRACE})}, [overlap])
    vassal = {"geometry.coordinates": OVER_THRACE, "properties.status": "vassal", "properties.overlord": "byzantium"}
    case("vassal-overlap-allowed", {POL: _edited(polities, BULGARIA, vassal)}, [])


# --------------------------------------------------------------------------------------------- sources
SOURCE_ROWS: list[Row] = [
    ("seed-changed", None, {"sources[0].sha256": "0" * 64}, "seed-changed", "sha256", "has changed"),
    (
        "seed-missing",
        None,
        {"sources[0].file": "seeds/lost-text.txt"},
        "seed-unreadable",
        "file",
        "'seeds/lost-text.txt' does not exist",
    ),
    ("duplicate-source-id", None, {"sources": lambda s: s + s[:1]}, "duplicate-source-id", "id", "duplicate source id"),
]

# ----------------------------------------------------------------------------------------------- tours
# tours.json: each rule of geo/validate/tours.py, and the form of a tour.
STEP0 = "tours[0].steps[0]"
CONTRADICTING = {
    "source": "ciocaltan-2012-p246",
    "locator": "p. 246",
    "quote": "the lord of constantinople detained me.",
    "role": "contradicts",
}
UNRELIABLE_SUMMARY = {
    "source": "web-franco-mongol-alliance-summary",
    "locator": "paragraph 4",
    "quote": "In 1210, news reached the West of the battles of the Kuchlugian Empire",
}

TOUR_ROWS: list[Row] = [
    ("tour-duplicate-id", None, {"tours": lambda t: t + t[:1]}, "tour-duplicate-id", "id", "duplicate tour id"),
    (
        "tour-too-few-steps",
        None,
        {"tours[0].steps": lambda steps: steps[:3]},
        "tour-step-count",
        "steps",
        "has 3 step(s) (expected 5 to 10)",
    ),
    (
        "tour-too-many-steps",
        None,
        {"tours[0].steps": lambda steps: steps + (steps * 2)[:6]},
        "tour-step-count",
        "steps",
        "has 11 step(s)",
    ),
    (
        "tour-unknown-event",
        None,
        {f"{STEP0}.events": ["siege-of-constantinople-1242"]},
        "tour-unknown-event",
        "steps[0].events[0]",
        "unknown event 'siege-of-constantinople-1242'",
    ),
    (
        "tour-event-not-shown",
        None,
        {f"{STEP0}.year": 1243},
        "tour-event-not-shown",
        "steps[0].events[0]",
        "is not on the map in 1243",
    ),
    (
        "tour-view-outside-region",
        None,
        {f"{STEP0}.view": {"center": [40.6, 23.0], "zoom": 7}},  # lat/lon swapped
        "tour-view-outside-region",
        "steps[0].view",
        "[[40.6, 23.0]] lies outside the atlas region",
    ),
    (
        "tour-event-off-view",
        None,
        {f"{STEP0}.view": {"center": [28.97, 41.0], "zoom": 9}},  # Constantinople
        "tour-event-off-view",
        "steps[0].view",
        f"does not show event {SIEGE!r}",
    ),
    (
        "tour-contradicting-quote-hidden",
        None,
        {"tours[0].steps[1].citations": _plus(CONTRADICTING)},
        "tour-disagreement-hidden",
        "steps[1].accounts",
        "it cites a quote that contradicts",
    ),
    (
        "tour-unreliable-unsaid",
        None,
        {"tours[0].steps[1].citations": _plus(UNRELIABLE_SUMMARY)},
        "tour-unreliable-unsaid",
        "steps[1].reliability_note",
        "cites web-franco-mongol-alliance-summary, which rests on the low-reliability source",
    ),
    (
        "tour-quote-not-verbatim",
        None,
        {f"{STEP0}.citations[0].quote": "In the spring of 1242, John III Doukas Vatatzes besieged Constantinople"},
        "quote-not-verbatim",
        "steps[0].citations[0].quote",
        "is not a verbatim span",
    ),
]


def _tour_cases() -> None:
    """Tours beside events with two accounts, misspelt fields, and no tours file at all."""
    tours = _load(TF)
    two = [{"event": SIEGE, "account": "gregoras"}, {"event": "envoys-sent-back"}]
    case(
        "tour-unknown-account",
        {TF: _edited(tours, None, {f"{STEP0}.accounts": two})},
        [
            expect("tour-unknown-account", TF, TOUR, "steps[0].accounts[0].account", "has no account 'gregoras'"),
            expect("tour-unknown-account", TF, TOUR, "steps[0].accounts[1].event", "is not one of the step's events"),
        ],
    )

    # a step that quotes one of two accounts of its event, and shows neither
    other = {
        "source": "wp-byzantine-mongol-alliance",
        "locator": "Diplomatic overtures",
        "quote": "Soon after, the Mongols invaded the Sultanate of Iconium, causing Vatatzes to end the campaign early",
        "role": "supports",
    }
    events = _load(EV)
    accounts = [
        {
            "id": "a-siege",
            "label": "A siege",
            "claim": "Vatatzes besieged the city.",
            "citations": _ev(events, SIEGE)["properties"]["citations"],
        },
        {"id": "cut-short", "label": "Cut short", "claim": "The Mongols cut it short.", "citations": [other]},
    ]
    e = _edited(events, SIEGE, {"properties.accounts": accounts})
    hidden = expect("tour-disagreement-hidden", TF, TOUR, "steps[0].accounts", "it quotes the account 'a-siege'")
    case("tour-disagreement-hidden", {EV: e}, [hidden])

    both = [{"event": SIEGE, "account": "a-siege"}, {"event": SIEGE, "account": "cut-short"}]
    shown_and_said = {
        f"{STEP0}.accounts": both,
        "tours[0].steps[3].accounts": both,  # both quote the siege's first account
        "tours[0].steps[1].citations": _plus(UNRELIABLE_SUMMARY),
        "tours[0].steps[1].reliability_note": "The 1210 news comes from the machine-garbled web summary alone.",
    }
    case("tour-accounts-shown-and-source-named-is-fine", {EV: e, TF: _edited(tours, None, shown_and_said)}, [])

    misspelt = {"tours[0].steps[2].text": Renamed("txt"), "tours[0].introduction": DROP}
    case(
        "tour-misspelt-field",
        {TF: _edited(tours, None, misspelt)},
        [
            expect("unknown-field", TF, TOUR, "steps[2].txt", "did you mean 'text'?"),
            expect("missing-field", TF, TOUR, "steps[2]", "'text' is a required"),
            expect("missing-field", TF, TOUR, "(tour)", "'introduction' is a required"),
        ],
    )
    case("tours-file-is-optional", {TF: None}, [])


if __name__ == "__main__":
    main()
