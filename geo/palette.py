"""Colour differences a reader can see: CIEDE2000 between colours, also as a colour-blind reader sees them.

Pure Python, no dependency. ``delta_e2000`` is the CIE 2000 colour difference (Sharma, Wu and Dalal 2005,
whose test pairs ``tests/test_palette.py`` checks); ``simulate`` applies the Machado, Oliveira and
Fernandes (2009) matrices for complete protanopia, deuteranopia and tritanopia in linear RGB. What the map
shows is a polity's colour laid translucently over the land (``fill_on_land``), so that is what is compared.
"""

from __future__ import annotations

import math

from geo.render import LAND

#: Machado et al. (2009), severity 1.0: linear-RGB matrices that simulate each dichromacy.
CVD_MATRICES: dict[str, tuple[tuple[float, float, float], ...]] = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}

RGB = tuple[float, float, float]


def hex_rgb(color: str) -> RGB:
    """``#rrggbb`` as sRGB channels in 0..1."""
    return (int(color[1:3], 16) / 255, int(color[3:5], 16) / 255, int(color[5:7], 16) / 255)


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _gamma(c: float) -> float:
    c = min(1.0, max(0.0, c))
    return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def blend(color: RGB, under: RGB, alpha: float) -> RGB:
    """``color`` at opacity ``alpha`` over ``under`` (in sRGB, as a browser composites)."""
    return (
        color[0] * alpha + under[0] * (1 - alpha),
        color[1] * alpha + under[1] * (1 - alpha),
        color[2] * alpha + under[2] * (1 - alpha),
    )


def simulate(rgb: RGB, deficiency: str) -> RGB:
    """How a reader with complete ``deficiency`` (a key of :data:`CVD_MATRICES`) sees ``rgb``."""
    lin = [_linear(c) for c in rgb]
    m = CVD_MATRICES[deficiency]
    out = [m[i][0] * lin[0] + m[i][1] * lin[1] + m[i][2] * lin[2] for i in range(3)]
    return (_gamma(out[0]), _gamma(out[1]), _gamma(out[2]))


def lab(rgb: RGB) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of sRGB channels."""
    r, g, b = (_linear(c) for c in rgb)
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e2000(lab1: tuple[float, float, float], lab2: tuple[float, float, float]) -> float:
    """The CIEDE2000 difference of two L*a*b* colours (1 is about the smallest difference one notices)."""
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_bar**7 / (c_bar**7 + 25**7)))
    a1p, a2p = a1 * (1 + g), a2 * (1 + g)
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dl, dc = l2 - l1, c2p - c1p
    dh = 0.0
    if c1p * c2p:
        dh = h2p - h1p
        if dh > 180:
            dh -= 360
        elif dh < -180:
            dh += 360
    dhp = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_bar, cp_bar = (l1 + l2) / 2, (c1p + c2p) / 2
    h_bar = h1p + h2p
    if c1p * c2p:
        if abs(h1p - h2p) <= 180:
            h_bar /= 2
        else:
            h_bar = (h_bar + 360) / 2 if h_bar < 360 else (h_bar - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_bar - 30))
        + 0.24 * math.cos(math.radians(2 * h_bar))
        + 0.32 * math.cos(math.radians(3 * h_bar + 6))
        - 0.20 * math.cos(math.radians(4 * h_bar - 63))
    )
    sl = 1 + 0.015 * (l_bar - 50) ** 2 / math.sqrt(20 + (l_bar - 50) ** 2)
    sc = 1 + 0.045 * cp_bar
    sh = 1 + 0.015 * cp_bar * t
    rt = (
        -2
        * math.sqrt(cp_bar**7 / (cp_bar**7 + 25**7))
        * math.sin(math.radians(60 * math.exp(-(((h_bar - 275) / 25) ** 2))))
    )
    return math.sqrt((dl / sl) ** 2 + (dc / sc) ** 2 + (dhp / sh) ** 2 + rt * (dc / sc) * (dhp / sh))


def fill_on_land(color: str, land: str, alpha: float) -> RGB:
    """What a reader sees of a polity's fill: ``color`` at ``alpha`` over the land colour."""
    return blend(hex_rgb(color), hex_rgb(land), alpha)


def seen_difference(c1: RGB, c2: RGB, deficiency: str | None = None) -> float:
    """CIEDE2000 between two sRGB colours, as seen with normal vision or with ``deficiency``."""
    if deficiency:
        c1, c2 = simulate(c1, deficiency), simulate(c2, deficiency)
    return delta_e2000(lab(c1), lab(c2))


#: How far apart (degrees) two shapes of one year may lie and still count as neighbours: the land clip
#: leaves slivers of sea between some of them.
NEIGHBOUR_GAP_DEG = 0.05
#: A neighbour's fill must differ by at least this much (CIEDE2000 of the fills as drawn on the land)...
MIN_DELTA_E = 8.0
#: ...and by at least this much as a reader with protanopia or deuteranopia sees them.
MIN_DELTA_E_CVD = 4.0
#: The deficiencies checked: red-blind and green-blind, about 2 % of men between them (tritanopia is rare).
CHECKED_DEFICIENCIES = ("protanopia", "deuteranopia")


def fill_alpha(status: str) -> float:
    """The fill opacity of a polity shape (geo/atlas_layers.js polityLayer): vassals and tributaries lighter."""
    return 0.16 if status in ("vassal", "tributary") else 0.28


def polity_neighbours(polities: list[dict], land: str = LAND) -> dict[tuple[str, str], tuple[int, dict, dict]]:
    """Pairs of polity ids drawn next to (or over) each other in some year: ``(a, b) -> (year, props a, props b)``.

    For each pair, the year and the two shapes' properties where their fills are closest in colour, so a
    check compares the colours as drawn then (a vassal's lighter fill included).
    """
    from shapely.geometry import shape

    geoms = [(f["properties"], shape(f["geometry"])) for f in polities]
    out: dict[tuple[str, str], tuple[int, dict, dict]] = {}
    worst: dict[tuple[str, str], float] = {}
    for i, (pa, ga) in enumerate(geoms):
        for pb, gb in geoms[i + 1 :]:
            if pa["polity"] == pb["polity"] or pa["start"] > pb["end"] or pb["start"] > pa["end"]:
                continue
            if ga.distance(gb) >= NEIGHBOUR_GAP_DEG:
                continue
            a, b = (pa, pb) if pa["polity"] < pb["polity"] else (pb, pa)
            key = (a["polity"], b["polity"])
            diff = seen_difference(
                fill_on_land(a["color"], land, fill_alpha(a["status"])),
                fill_on_land(b["color"], land, fill_alpha(b["status"])),
            )
            if key not in out or diff < worst[key]:
                out[key], worst[key] = (max(a["start"], b["start"]), a, b), diff
    return out


def palette_problems(polities: list[dict], land: str = LAND) -> list[str]:
    """Every pair of neighbouring polities whose fills a reader cannot tell apart, in words."""
    problems = []
    for (a_id, b_id), (year, a, b) in sorted(polity_neighbours(polities, land).items()):
        ca = fill_on_land(a["color"], land, fill_alpha(a["status"]))
        cb = fill_on_land(b["color"], land, fill_alpha(b["status"]))
        seen = {"normal vision": (seen_difference(ca, cb), MIN_DELTA_E)}
        seen |= {d: (seen_difference(ca, cb, d), MIN_DELTA_E_CVD) for d in CHECKED_DEFICIENCIES}
        for vision, (diff, least) in seen.items():
            if diff < least:
                problems.append(
                    f"{a_id} ({a['color']}) and {b_id} ({b['color']}), neighbours in {year}: CIEDE2000 "
                    f"{diff:.1f} with {vision} (expected at least {least})"
                )
    return problems
