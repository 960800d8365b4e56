"""Relations between polities: each derivation rule of data/README.md on a small fixture, then the real data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from geo.atlas import Atlas, load_atlas
from geo.features import EventFeature, PolityFeature
from geo.relations import (
    DEFAULT_YEARS,
    Relation,
    derive_relations,
    founding_pairs,
    polity_seats,
    relations_in,
    role_key,
    unclassified_roles,
)

A, B, C = "aland", "bland", "cland"


def event(
    eid: str,
    kind: str,
    years: tuple[int, int],
    *parts: tuple[str, str, str | None],
    uncertain: bool = False,
    reliability: str = "medium",
) -> EventFeature:
    """An event with ``parts`` as (type, role, polity or person name)."""
    participants: list[dict[str, Any]] = []
    for ptype, role, who in parts:
        if ptype in ("polity", "commander"):
            participants.append({"name": f"{who} (as named)", "type": ptype, "role": role, "polity": who})
        else:
            participants.append({"name": who, "type": ptype, "role": role})
    props = {
        "id": eid,
        "title": eid.replace("-", " "),
        "kind": kind,
        "date_label": "fixture",
        "date_edtf": f"{years[0]}/{years[1]}" + ("?" if uncertain else ""),
        "start": years[0],
        "end": years[1],
        "uncertain": uncertain,
        "participants": participants,
        "reliability": reliability,
    }
    return {"type": "Feature", "id": eid, "geometry": {"type": "Point", "coordinates": [28, 41]}, "properties": props}  # type: ignore[return-value, typeddict-item]


def polity(pid: str, start: int = 1240, end: int = 1345, capital: str | None = None) -> PolityFeature:
    ring = [[20.0, 40.0], [22.0, 40.0], [22.0, 42.0], [20.0, 42.0], [20.0, 40.0]]
    props = {"id": f"{pid}-{start}", "polity": pid, "name": pid.title(), "start": start, "end": end, "capital": capital}
    return {
        "type": "Feature",
        "id": props["id"],
        "geometry": {"type": "Polygon", "coordinates": [ring]},
        "properties": props,
    }  # type: ignore[return-value, typeddict-item]


POLITIES = [polity(A), polity(B), polity(C)]


def years_of(relations: list[Relation], kind: str, a: str = A, b: str = B) -> list[int]:
    return [r.year for r in relations if r.kind == kind and (r.a, r.b) == (a, b)]


def one(relations: list[Relation], year: int, kind: str, a: str = A, b: str = B) -> Relation:
    (found,) = [r for r in relations if (r.year, r.kind, r.a, r.b) == (year, kind, a, b)]
    return found


# --- which pairs an event makes ---------------------------------------------------------------------------------


def test_opposite_sides_of_a_war_are_at_war_and_one_side_fought_together() -> None:
    e = event("raid", "invasion", (1263, 1264), ("polity", "invader", A), ("polity", "ally of the invaders", C),
              ("polity", "invaded", B))  # fmt: skip
    assert sorted(founding_pairs(e)) == [("alliance", A, C), ("war", A, B), ("war", C, B)]


def test_belligerents_fight_each_other_and_bystanders_take_no_side() -> None:
    e = event("wars", "campaign", (1260, 1262), ("polity", "belligerent", A), ("polity", "belligerent", B),
              ("polity", "mediator", C))  # fmt: skip
    assert founding_pairs(e) == [("war", A, B)]


def test_a_planned_attack_is_not_a_war() -> None:
    e = event("plan", "campaign", (1341, 1341), ("polity", "planned attacker", A), ("polity", "target", B))
    assert founding_pairs(e) == []


def test_other_kinds_pair_the_first_polity_named_with_each_other_one() -> None:
    # Michael VIII's alliance "with the Mongols" names three allies; the two khanates are not allied to each other
    e = event("allies", "alliance", (1263, 1282), ("polity", "ally", A), ("polity", "ally", B), ("polity", "ally", C))
    assert founding_pairs(e) == [("alliance", A, B), ("alliance", A, C)]


def test_a_role_can_make_another_relation_than_the_kind() -> None:
    e = event("deal", "treaty", (1257, 1257), ("polity", "party", A), ("polity", "party", B),
              ("polity", "recognised as Mongol protectorate", C))  # fmt: skip
    assert founding_pairs(e) == [("treaty", A, B), ("tribute", A, C)]


def test_persons_exiles_and_groups_make_no_relation_but_a_commander_does() -> None:
    e = event("letter", "letter", (1264, 1264), ("exile", "sender", "Kaykaus II"), ("polity", "recipient", B))
    assert founding_pairs(e) == []
    e = event("help", "campaign", (1273, 1273), ("polity", "attacker", A), ("polity", "defender", B),
              ("commander", "Byzantine ally (a commander of the Golden Horde)", C))  # fmt: skip
    assert sorted(founding_pairs(e)) == [("alliance", B, C), ("war", A, B), ("war", A, C)]
    assert role_key("Byzantine ally (a commander of the Golden Horde)") == "byzantine ally"


def test_kinds_that_found_no_relation() -> None:
    for kind in ("death", "accession", "journey", "settlement", "partition", "release"):
        assert founding_pairs(event("x", kind, (1264, 1264), ("polity", "party", A), ("polity", "party", B))) == []


# --- how long a relation holds ----------------------------------------------------------------------------------


def test_war_and_embassy_hold_in_the_events_own_years_only() -> None:
    rels = derive_relations(
        [
            event("war", "raid", (1320, 1324), ("polity", "raider", A), ("polity", "victim", B)),
            event("envoys", "embassy", (1302, 1303), ("polity", "sender", A), ("polity", "recipient", B)),
        ],
        POLITIES,
    )
    assert years_of(rels, "war") == [1320, 1321, 1322, 1323, 1324]
    assert years_of(rels, "embassy") == [1302, 1303]
    assert not any(r.held for r in rels)


def test_a_treaty_lapses_when_a_ruler_of_either_party_changes() -> None:
    rels = derive_relations(
        [
            event("treaty", "treaty", (1264, 1264), ("polity", "party", A), ("polity", "party", B)),
            event("khan-dies", "death", (1267, 1267), ("polity", "ruler's state", B), ("person", "died", "Berke")),
        ],
        POLITIES,
    )
    assert years_of(rels, "treaty") == [1264, 1265, 1266, 1267]
    held = one(rels, 1266, "treaty")
    assert held.held and held.events == ("treaty",)
    assert "until khan dies" in held.basis


def test_a_ruler_change_in_the_treatys_own_first_year_does_not_end_it() -> None:
    rels = derive_relations(
        [
            event("treaty", "treaty", (1266, 1266), ("polity", "party", A), ("polity", "party", B)),
            event("new-khan", "accession", (1266, 1266), ("polity", "ruler's state", B)),
            event("next-khan", "accession", (1270, 1270), ("polity", "ruler's state", A)),
        ],
        POLITIES,
    )
    assert years_of(rels, "treaty") == list(range(1266, 1271))


def test_a_war_between_the_parties_breaks_a_treaty_or_a_tribute() -> None:
    rels = derive_relations(
        [
            event("tribute", "tribute", (1264, 1264), ("polity", "tributary", A), ("polity", "recipient", B)),
            event("raids", "raid", (1268, 1268), ("polity", "raider", B), ("polity", "victim", A)),
        ],
        POLITIES,
    )
    assert years_of(rels, "tribute") == [1264, 1265, 1266, 1267]
    assert years_of(rels, "war") == [1268]


def test_a_treaty_the_texts_do_not_end_holds_for_the_default_and_is_drawn_uncertain() -> None:
    rels = derive_relations(
        [event("t", "treaty", (1257, 1257), ("polity", "party", A), ("polity", "party", B))], POLITIES
    )
    assert years_of(rels, "treaty") == list(range(1257, 1257 + DEFAULT_YEARS["treaty"]))
    assert not one(rels, 1257, "treaty").uncertain  # the treaty's own, certain year
    assert one(rels, 1258, "treaty").uncertain  # held over by the default only
    assert "for at most 10 years" in one(rels, 1258, "treaty").basis


def test_a_held_year_is_certain_only_when_what_founds_and_what_ends_it_are() -> None:
    founding = event("t", "treaty", (1266, 1266), ("polity", "party", A), ("polity", "party", B))
    certain_end = event("acc", "accession", (1267, 1267), ("polity", "ruler's state", B))
    uncertain_end = event("acc", "accession", (1267, 1267), ("polity", "ruler's state", B), uncertain=True)
    assert not one(derive_relations([founding, certain_end], POLITIES), 1267, "treaty").uncertain
    assert one(derive_relations([founding, uncertain_end], POLITIES), 1267, "treaty").uncertain


def test_a_marriage_tie_ends_with_a_spouse() -> None:
    rels = derive_relations(
        [
            event(
                "wedding",
                "marriage",
                (1265, 1265),
                ("polity", "bride's family", A),
                ("polity", "groom", B),
                ("person", "bride", "Maria"),
                ("person", "groom", "Abaqa"),
            ),  # fmt: skip
            event("abaqa-dies", "death", (1282, 1282), ("polity", "ruler's state", B), ("person", "died", "Abaqa")),
        ],
        POLITIES,
    )
    assert years_of(rels, "marriage") == list(range(1265, 1283))
    assert not one(rels, 1282, "marriage").uncertain


def test_a_reigning_grooms_tie_ends_when_his_successor_comes_but_not_a_commanders() -> None:
    successor = event("uzbek", "accession", (1312, 1312), ("polity", "ruler's state", B))
    khan = event("to-toqta", "marriage", (1300, 1300), ("polity", "bride's family", A), ("polity", "groom's realm", B),
                 ("person", "groom", "Toqta"))  # fmt: skip
    commander = event("to-nogai", "marriage", (1300, 1300), ("polity", "bride's family", A),
                      ("commander", "groom (a commander of the Golden Horde)", B))  # fmt: skip
    assert years_of(derive_relations([khan, successor], POLITIES), "marriage") == list(range(1300, 1313))
    assert years_of(derive_relations([commander, successor], POLITIES), "marriage") == list(range(1300, 1320))


def test_a_marriage_the_texts_do_not_end_holds_for_twenty_years() -> None:
    rels = derive_relations(
        [event("w", "marriage", (1264, 1266), ("polity", "bride's family", A), ("polity", "groom's realm", B))],
        POLITIES,
    )
    assert years_of(rels, "marriage") == list(range(1264, 1264 + DEFAULT_YEARS["marriage"]))
    assert not one(rels, 1266, "marriage").held and one(rels, 1267, "marriage").held


def test_an_alliance_holds_in_its_events_years_and_is_set_aside_in_a_year_of_war() -> None:
    rels = derive_relations(
        [
            event("alliance", "alliance", (1263, 1268), ("polity", "ally", A), ("polity", "ally", B)),
            event("invasion", "invasion", (1264, 1264), ("polity", "invader", B), ("polity", "invaded", A)),
        ],
        POLITIES,
    )
    assert years_of(rels, "alliance") == [1263, 1265, 1266, 1267, 1268]
    assert years_of(rels, "war") == [1264]


# --- marks and drawing --------------------------------------------------------------------------------------------


def test_uncertain_and_unreliable_only_when_every_event_of_the_year_is() -> None:
    sure = event("sure", "embassy", (1264, 1264), ("polity", "sender", A), ("polity", "recipient", B))
    guess = event("guess", "embassy", (1264, 1265), ("polity", "sender", B), ("polity", "recipient", A), uncertain=True)
    low = event("low", "embassy", (1264, 1265), ("polity", "sender", A), ("polity", "recipient", B), reliability="low")
    rels = derive_relations([sure, guess, low], POLITIES)
    r1264, r1265 = one(rels, 1264, "embassy"), one(rels, 1265, "embassy")
    assert r1264.events == ("sure", "guess", "low") and not r1264.uncertain and not r1264.unreliable
    assert r1265.events == ("guess", "low") and not r1265.uncertain and not r1265.unreliable
    only_low = derive_relations([low], POLITIES)
    assert all(r.unreliable for r in only_low) and only_low


def test_a_relation_is_drawn_only_in_years_both_polities_are() -> None:
    rels = derive_relations(
        [event("w", "marriage", (1280, 1280), ("polity", "bride's family", A), ("commander", "groom", C))],
        [polity(A), polity(C, 1280, 1284)],
    )
    assert years_of(rels, "marriage", A, C) == [1280, 1281, 1282, 1283, 1284]


def test_a_seat_is_the_capital_or_else_where_the_name_is_drawn() -> None:
    capital: Any = {"type": "Feature", "id": "here", "geometry": {"type": "Point", "coordinates": [28.97, 41.0]}}
    seats = polity_seats([polity(A, capital="here"), polity(B)], {"here": capital}, 1264)
    assert seats[A] == (28.97, 41.0, "Aland")
    lon, lat, name = seats[B]
    assert 20 < lon < 22 and 40 < lat < 42 and name == "Bland"
    assert polity_seats([polity(A, 1240, 1250)], {}, 1264) == {}


# --- the real data ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_atlas() -> Atlas:
    return load_atlas(Path(__file__).resolve().parent.parent / "data")


@pytest.fixture(scope="module")
def real(real_atlas: Atlas) -> list[Relation]:
    return derive_relations(real_atlas.events, real_atlas.polities)


def test_every_role_in_a_war_event_is_placed_on_a_side(real_atlas: Atlas) -> None:
    # a contributor adding a role ("assailant") must say in geo/relations.py which side it stands on
    assert unclassified_roles(real_atlas.events) == set()


def test_in_1282_byzantium_is_tied_by_marriage_to_both_khanates(real: list[Relation]) -> None:
    ties = {(r.a, r.b) for r in relations_in(real, 1282) if r.kind == "marriage"}
    assert {("byzantium", "golden-horde"), ("byzantium", "ilkhanate")} <= ties


def test_in_1264_the_horde_and_byzantium_are_at_war_and_make_peace(real: list[Relation]) -> None:
    kinds = {r.kind for r in relations_in(real, 1264) if (r.a, r.b) == ("byzantium", "golden-horde")}
    assert {"war", "treaty", "tribute", "embassy"} <= kinds
    assert "alliance" not in kinds  # set aside in a year of war
    war = one(real, 1264, "war", "byzantium", "golden-horde")
    assert "mongol-invasion-of-byzantine-thrace-1263-1264" in war.events and not war.uncertain


def test_relations_resting_on_the_web_summary_alone_are_marked(real: list[Relation]) -> None:
    wars = [r for r in real if (r.a, r.b) == ("ilkhanate", "mamluks") and r.kind == "war"]
    assert wars and all(r.unreliable for r in wars)
