"""The Linked Places export: the real gazetteer and the hostile one pass data/schema/lpf/ (which encodes what
WHG's lpf_v2.0.jsonld requires), carry what a gazetteer needs, and each schema refuses what it should."""

from __future__ import annotations

import copy
import json

import pytest

from geo.atlas import load_atlas
from geo.labels import short_name
from geo.lpf import (
    DEFAULT_OUT,
    NO_PASSAGE,
    authority_links,
    lpf_bytes,
    lpf_collection,
    lpf_problems,
    main,
    name_forms,
    one_line,
    timespans,
)
from geo.validate import DATA_DIR
from tests.conftest import HOSTILE_DATA


@pytest.fixture(scope="module")
def atlas_full():
    """The atlas's own data."""
    return load_atlas(DATA_DIR)


@pytest.fixture(scope="module")
def lpf(atlas_full) -> dict:
    return lpf_collection(atlas_full, "0123456789ab")


@pytest.fixture(scope="module")
def by_id(lpf) -> dict[str, dict]:
    return {f["@id"]: f for f in lpf["features"]}


def test_the_real_gazetteer_passes_the_schema_with_every_place(atlas_full, lpf):
    assert lpf_problems(lpf) == []
    assert [f["@id"] for f in lpf["features"]] == [f"bma:{pid}" for pid in atlas_full.places]
    prefixes = lpf["@context"][1]
    assert {"bma", "bmasrc"} <= set(prefixes)
    assert lpf["atlas"]["data_version"] == "0123456789ab"


def test_constantinople_links_to_pleiades_and_wikidata_and_cites_the_texts_naming_it(by_id):
    f = by_id["bma:constantinople"]
    assert f["links"] == [
        {"type": "closeMatch", "identifier": "pl:520998"},
        {"type": "closeMatch", "identifier": "wd:Q16869"},
    ]
    assert f["properties"]["title"] == "Constantinople"
    assert f["properties"]["fclasses"] == ["P"]
    (name,) = f["names"]
    assert name["toponym"] == "Constantinople"
    labels = [c["label"] for c in name["citations"]]
    # Ciocîltan's OCR writes it in lower case; the page is said once, then the note
    assert (
        "Ciocîltan 2012, p. 246, n. 415: “although the invaders could have taken constantinople by force"
        in "\n".join(labels)
    )
    assert all("constantinople" in label.casefold() for label in labels)
    assert {c["@id"] for c in name["citations"]} == {
        "bmasrc:wp-byzantine-mongol-alliance",
        "bmasrc:ciocaltan-2012-p246",
    }


def test_a_bracketed_name_is_a_toponym_only_when_it_is_one(by_id, atlas_full):
    konya = {n["toponym"]: n for n in by_id["bma:konya"]["names"]}
    assert set(konya) == {"Konya", "Iconium"}
    assert konya["Konya"]["citations"] == [{"label": NO_PASSAGE}]
    assert "Sultanate of Iconium" in konya["Iconium"]["citations"][0]["label"]
    assert [n["toponym"] for n in by_id["bma:karakorum"]["names"]] == ["Karakorum"]  # not "Mongolia"
    assert name_forms(atlas_full.places["nogai-ordu"]["properties"]) == ["Nogai's ordu"]


def test_vicina_is_its_candidate_sites_said_to_be_such(by_id, atlas_full):
    f = by_id["bma:vicina"]
    candidates = atlas_full.places["vicina"]["properties"]["candidates"]
    assert f["geometry"]["type"] == "GeometryCollection"
    points = f["geometry"]["geometries"]
    assert [p["coordinates"] for p in points] == [[c["lon"], c["lat"]] for c in candidates]
    assert {p["certainty"] for p in points} == {"uncertain"}
    assert "Măcin" in points[0]["citations"][0]["label"] and "Ciocîltan" in points[0]["citations"][0]["label"]
    assert "disputed" in f["properties"]["geometry_note"]


def test_when_holds_exactly_the_years_the_events_use_the_place(by_id, atlas_full):
    for pid in ("constantinople", "vicina", "thrace", "sarai"):
        years = {
            y
            for e in atlas_full.events
            if any(r["place"] == pid for r in e["properties"]["places"])
            for y in range(e["properties"]["start"], e["properties"]["end"] + 1)
        }
        spans = by_id[f"bma:{pid}"]["when"]["timespans"]
        exported = {y for s in spans for y in range(int(s["start"]["in"]), int(s["end"]["in"]) + 1)}
        assert exported == years, pid


def test_a_capital_no_event_names_is_dated_by_its_polity(by_id):
    when = by_id["bma:andravida"]["when"]
    assert when["label"] == "years in which the atlas draws it as the capital of the Principality of Achaea"
    assert when["timespans"] == [{"start": {"in": "1240"}, "end": {"in": "1345"}}]


def test_timespans_merge_overlapping_and_touching_years():
    assert timespans([(1263, 1264), (1265, 1265), (1250, 1253), (1252, 1252), (1300, 1301)]) == [
        {"start": {"in": "1250"}, "end": {"in": "1253"}},
        {"start": {"in": "1263"}, "end": {"in": "1265"}},
        {"start": {"in": "1300"}, "end": {"in": "1301"}},
    ]


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        ({"pleiades": "520998", "wikidata": "Q16869"}, ["pl:520998", "wd:Q16869"]),
        ({"links": [{"type": "closeMatch", "identifier": "pl:520998"}, {"type": "closeMatch", "identifier": "wd:Q1"}]},
         ["pl:520998", "wd:Q1"]),
        ({"links": [{"type": "closeMatch", "identifier": "pl:520998"}], "pleiades": "520998"}, ["pl:520998"]),
        ({"pleiades": None, "wikidata": None}, []),
        ({"links": [{"identifier": " wd:Q2 "}, "junk", {"identifier": ""}]}, ["wd:Q2"]),
    ],
    ids=["old-fields", "links", "both-deduplicated", "none", "untidy-links"],
)  # fmt: skip
def test_authority_ids_are_read_from_old_fields_and_from_links(props, expected):
    links = authority_links(props)
    assert [link["identifier"] for link in links] == expected
    assert {link["type"] for link in links} <= {"closeMatch"}


def test_the_hostile_gazetteer_exports_valid_and_verbatim(tmp_path):
    hostile = load_atlas(HOSTILE_DATA)
    collection = lpf_collection(hostile, "v")
    assert lpf_problems(collection) == []
    data = lpf_bytes(collection)
    assert not {b"<", b">", b"&"} & {bytes([c]) for c in data}  # safe to inline in a page
    back = json.loads(data)
    f = next(f for f in back["features"] if f["@id"] == "bma:constantinople")
    name = hostile.places["constantinople"]["properties"]["name"]
    assert f["properties"]["title"] == one_line(name)
    assert f["names"][0]["toponym"] == short_name(one_line(name))
    assert "<script>window.__pwned=1</script>" in f["properties"]["title"]


def test_a_line_break_in_a_name_is_folded_so_whg_accepts_it():
    hostile = load_atlas(HOSTILE_DATA)
    broken = copy.deepcopy(hostile)
    broken.places["tirnovo"]["properties"]["name"] = "Tir\nnovo\u2028 (Tărnovo)"
    collection = lpf_collection(broken, "v")
    assert lpf_problems(collection) == []
    f = next(f for f in collection["features"] if f["@id"] == "bma:tirnovo")
    assert f["properties"]["title"] == "Tir novo (Tărnovo)"
    assert [n["toponym"] for n in f["names"]] == ["Tir novo", "Tărnovo"]


GOOD_FEATURE = {
    "@id": "bma:ainos",
    "type": "Feature",
    "properties": {"title": "Ainos", "fclasses": ["S"]},
    "geometry": {"type": "Point", "coordinates": [26.08, 40.72], "certainty": "certain"},
    "when": {"timespans": [{"start": {"in": "1264"}, "end": {"in": "1265"}}], "label": "years"},
    "names": [{"toponym": "Ainos", "citations": [{"label": "Wikipedia, Lead: “Ainos”", "@id": "bmasrc:wp"}]}],
    "types": [{"label": "fortress"}],
    "links": [{"type": "closeMatch", "identifier": "pl:501337"}],
}


def _set(path: str, value):
    def change(feature: dict) -> None:
        *parents, last = path.split(".")
        node = feature
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        if value is _DELETE:
            del node[last]
        elif isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return change


_DELETE = object()

BAD_CASES = {
    # feature.schema.json
    "no-@id": ("@id", _DELETE, "'@id' is a required property"),
    "@id-with-space": ("@id", "bma:ai nos", "does not match"),
    "no-title": ("properties.title", _DELETE, "'title' is a required property"),
    "fclass-unknown": ("properties.fclasses", ["Z"], "is not one of"),
    "no-types": ("types", _DELETE, "'types' is a required property"),
    # names.schema.json
    "no-names": ("names", [], "should be non-empty"),
    "toponym-with-line-break": ("names.0.toponym", "Ai\nnos", "does not match"),
    "name-without-citation": ("names.0.citations", [], "should be non-empty"),
    # citation.schema.json
    "citation-without-label": ("names.0.citations.0", {"@id": "bmasrc:wp"}, "'label' is a required property"),
    "citation-year-as-number": ("names.0.citations.0.year", 1264, "is not of type 'string'"),
    # when.schema.json
    "no-when": ("when", _DELETE, "'when' is a required property"),
    "when-without-timespans": ("when", {"label": "x"}, "'timespans' is a required property"),
    "timespan-extra-key": ("when.timespans.0.year", "1264", "Additional properties are not allowed"),
    "date-not-a-year": ("when.timespans.0.start.in", "AD 1264", "does not match"),
    # geometry.schema.json
    "three-coordinates": ("geometry.coordinates", [26.08, 40.72, 0], "is not valid under any of the given schemas"),
    "latitude-95": ("geometry.coordinates", [26.08, 95], "is not valid under any of the given schemas"),
    "null-geometry": ("geometry", None, "is not valid under any of the given schemas"),
    # links.schema.json
    "link-prefix-whg-does-not-know": ("links.0.identifier", "pleiades:501337", "is not valid under any"),
    "link-type-unknown": ("links.0.type", "sameAs", "is not one of"),
}


def test_the_good_case_passes():
    assert lpf_problems({"@context": _CONTEXT, "type": "FeatureCollection", "features": [GOOD_FEATURE]}) == []


_CONTEXT = [
    "https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld",
    {"bma": "urn:x:place:", "bmasrc": "urn:x:source:"},
]


@pytest.mark.parametrize("case", sorted(BAD_CASES))
def test_each_bad_case_is_refused_naming_feature_and_field(case):
    path, value, message = BAD_CASES[case]
    feature = copy.deepcopy(GOOD_FEATURE)
    _set(path, value)(feature)
    problems = lpf_problems({"@context": _CONTEXT, "type": "FeatureCollection", "features": [feature]})
    assert problems, case
    assert any(message in p for p in problems), problems
    if case != "no-@id":
        assert all(p.startswith("feature bma:") for p in problems), problems


def test_a_collection_without_context_or_features_is_refused():
    problems = lpf_problems({"type": "FeatureCollection", "features": []})
    assert any("'@context' is a required property" in p for p in problems)
    assert any("features" in p and "non-empty" in p for p in problems)


def test_the_command_line_writes_a_valid_lpf_file(tmp_path, capsys, atlas_full):
    out = tmp_path / "data" / "byzantine-mongol-places.lpf.json"
    assert main(["--out", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert lpf_problems(doc) == [] and len(doc["features"]) == len(atlas_full.places)
    assert f"{len(atlas_full.places)} places" in capsys.readouterr().out
    assert main(["--out", str(out), "--base", "https://atlas.example.org/"]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["@context"][1]["bmasrc"] == "https://atlas.example.org/?page=sources&source="
    assert "lpf" in DEFAULT_OUT.name
