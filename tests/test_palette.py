"""The polity colours: neighbours a reader can tell apart, with normal vision and with red- or green-blindness."""

from __future__ import annotations

import json

import pytest

from geo.palette import (
    delta_e2000,
    fill_on_land,
    hex_rgb,
    lab,
    palette_problems,
    polity_neighbours,
    seen_difference,
    simulate,
)
from geo.render import LAND
from tests.conftest import ROOT

#: Sharma, Wu and Dalal (2005), table 1: pairs of L*a*b* colours and their CIEDE2000 difference.
SHARMA = [
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, 3.1571, -77.2803), (50.0, 0.0, -82.7485), 2.8615),
    ((50.0, 2.8361, -74.0200), (50.0, 0.0, -82.7485), 3.4412),
    ((50.0, -1.3802, -84.2814), (50.0, 0.0, -82.7485), 1.0000),
    ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
    ((50.0, 2.49, -0.001), (50.0, -2.49, 0.0011), 7.2195),
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ((50.0, 2.5, 0.0), (56.0, -27.0, -3.0), 31.9030),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),
]


@pytest.mark.parametrize(("lab1", "lab2", "expected"), SHARMA)
def test_ciede2000_matches_the_published_pairs(lab1, lab2, expected):
    assert delta_e2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)
    assert delta_e2000(lab2, lab1) == pytest.approx(expected, abs=1e-4)


def test_colour_blindness_merges_red_and_green_but_not_blue_and_yellow():
    red, green = hex_rgb("#cc3333"), hex_rgb("#559922")
    assert seen_difference(red, green) > 40
    assert seen_difference(red, green, "deuteranopia") < 20
    assert seen_difference(hex_rgb("#2255cc"), hex_rgb("#ddcc22"), "deuteranopia") > 40
    grey = (0.5, 0.5, 0.5)  # a neutral grey stays grey for every deficiency
    for deficiency in ("protanopia", "deuteranopia", "tritanopia"):
        assert delta_e2000(lab(simulate(grey, deficiency)), lab(grey)) < 1


def test_a_fill_is_the_colour_laid_over_the_land():
    assert fill_on_land("#000000", LAND, 0.0) == pytest.approx(hex_rgb(LAND))
    assert fill_on_land("#000000", LAND, 1.0) == pytest.approx((0, 0, 0))


def test_neighbouring_polities_have_colours_a_reader_can_tell_apart():
    polities = json.loads((ROOT / "data" / "polities.geojson").read_text(encoding="utf-8"))["features"]
    neighbours = polity_neighbours(polities)
    assert ("bulgaria", "byzantium") in neighbours and ("beylik-aydin", "beylik-saruhan") in neighbours
    assert len(neighbours) > 80
    assert palette_problems(polities) == []


def test_the_check_finds_two_greens_side_by_side():
    square = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}
    beside = {"type": "Polygon", "coordinates": [[[1, 0], [2, 0], [2, 1], [1, 1], [1, 0]]]}
    props = {"start": 1300, "end": 1310, "status": "sovereign"}
    polities = [
        {"geometry": square, "properties": {**props, "polity": "aydin", "color": "#238b45"}},
        {"geometry": beside, "properties": {**props, "polity": "saruhan", "color": "#41ab5d"}},
    ]
    problems = palette_problems(polities)
    assert problems and "aydin (#238b45) and saruhan (#41ab5d), neighbours in 1300" in problems[0]
