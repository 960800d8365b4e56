"""Hand-authored polity sources for ``scripts/build_polities.py``.

Everything here is deliberately coarse: named REGIONS are rough lon/lat outlines drawn
generously into the sea (the build clips them to the Natural Earth land of
``data/basemap/land.geojson``) and generously into neighbours of lower PRIORITY (the build
subtracts every higher-priority polity visible in the same years). So a border is defined
by whichever of the two neighbours ranks higher, and a polity that gains land (Ottomans,
beyliks, Serbia) ranks above the one that loses it.

COMPONENTS say which regions a polity holds in which years; POLITIES hold the per-polity
timelines (name, status/overlord, capital) and the seed-text citations. The build splits
time at every change of any of these and merges years whose shape and properties agree,
so the feature periods in ``data/polities.geojson`` are derived, not typed here.

border_precision: 1 = well known (a coast, a line the scholarship agrees on);
2 = approximate (right region, line within ~50 km); 3 = very rough / schematic.
"""

from __future__ import annotations

WP_ALLIANCE = "wp-byzantine-mongol-alliance"
WP_THRACE = "wp-mongol-invasion-of-byzantine-thrace"
WEB_FRANCO = "web-franco-mongol-alliance-summary"
CIOCALTAN = "ciocaltan-2012-p246"

S_OVERTURES = "Diplomatic overtures"
S_MICHAEL = "Alliance under Michael VIII (1263–1282)"
S_ANDRONIKOS = "Alliance under Andronikos II (1282–1328)"
S_END = "End of friendly relations"


def cite(source: str, locator: str, quote: str, note: str | None = None) -> dict:
    """One citation in the data contract's shape (no primary authority is named for borders)."""
    c = {"source": source, "locator": locator, "quote": quote, "primary_authorities": []}
    if note:
        c["note"] = note
    return c


UNRELIABLE = (
    "From the garbled, low-reliability web summary; kept only because the standard "
    "chronology agrees on the fact cited (here: the fall of Acre and the last mainland "
    "crusader towns in 1291)."
)

# --- general scholarship the lines follow (works known to exist) -------------------------
AFTER_BYZ = "After Haldon, The Palgrave Atlas of Byzantine History (2005) and Shepherd's Historical Atlas; schematic"
AFTER_BALKANS = (
    "After Magocsi, Historical Atlas of Central Europe (rev. ed. 2002) and Haldon, "
    "The Palgrave Atlas of Byzantine History (2005); schematic"
)
AFTER_ANATOLIA = (
    "After Haldon, The Palgrave Atlas of Byzantine History (2005) and Cahen, Pre-Ottoman Turkey (1968); schematic"
)
AFTER_MONGOLS = (
    "After Atwood, Encyclopedia of Mongolia and the Mongol Empire (2004) and Shepherd's Historical Atlas; schematic"
)
AFTER_LEVANT = "After Riley-Smith (ed.), The Atlas of the Crusades (1991) and Shepherd's Historical Atlas; schematic"
AFTER_ITALY = "After Shepherd's Historical Atlas; schematic, outside the atlas's core region"

# --- regions (lon, lat), drawn generously into the sea -----------------------------------
Ring = list[tuple[float, float]]


def _box(w: float, s: float, e: float, n: float) -> Ring:
    return [(w, s), (e, s), (e, n), (w, n)]


REGIONS: dict[str, list[Ring]] = {
    # Balkans and the Aegean
    "LATIN_CONSTANTINOPLE": [
        [
            (28.05, 40.85),
            (28.05, 41.3),
            (28.4, 41.5),
            (28.9, 41.6),
            (29.15, 41.35),
            (29.08, 41.18),
            (29.04, 41.09),
            (29.005, 41.035),
            (28.99, 40.95),
        ]
    ],
    "THRACE_SOUTH": [
        [
            (25.9, 39.9),
            (25.9, 41.0),
            (26.4, 41.5),
            (26.9, 41.8),
            (27.6, 42.1),
            (28.3, 42.1),
            (28.3, 41.05),
            (28.1, 40.85),
            (27.0, 40.3),
            (26.6, 39.9),
        ]
    ],
    "MACEDONIA_THRACE": [
        [
            (21.3, 40.7),
            (21.3, 41.6),
            (21.35, 42.3),
            (22.5, 42.3),
            (23.2, 42.0),
            (24.2, 41.75),
            (25.0, 41.8),
            (25.9, 41.7),
            (26.4, 41.5),
            (25.9, 41.0),
            (25.9, 40.0),
            (24.4, 40.2),
            (23.0, 39.8),
            (22.6, 40.0),
            (22.35, 40.1),
            (22.0, 40.3),
        ]
    ],
    "WEST_MACEDONIA": [[(20.4, 40.5), (20.5, 41.5), (21.35, 41.65), (21.3, 40.6), (20.9, 40.3)]],
    "PHILIPPOPOLIS": [[(24.2, 41.75), (24.1, 42.35), (25.4, 42.45), (26.0, 42.1), (25.9, 41.7)]],
    "PONTIC_PORTS": [[(27.3, 42.25), (27.3, 42.8), (28.2, 42.8), (28.2, 42.25)]],
    "MOREA_BYZ": [[(22.2, 36.3), (22.2, 37.2), (22.9, 37.25), (23.4, 36.9), (23.3, 36.3)]],
    "AEGEAN_ISLANDS": [
        _box(25.8, 38.9, 26.7, 39.45),  # Lesbos
        _box(25.8, 38.1, 26.2, 38.65),  # Chios
        _box(24.9, 39.7, 25.5, 40.1),  # Lemnos
        _box(27.6, 35.8, 28.3, 36.5),  # Rhodes
    ],
    "VICINA": [[(28.2, 45.05), (28.2, 45.3), (29.0, 45.25), (29.0, 45.05)]],
    "THESSALONICA": [
        [
            (22.0, 40.3),
            (21.9, 41.0),
            (22.7, 41.3),
            (23.7, 41.2),
            (24.1, 40.9),
            (24.2, 40.0),
            (22.8, 39.9),
        ]
    ],
    "THESSALY": [
        [
            (21.2, 39.4),
            (21.2, 39.9),
            (21.7, 40.05),
            (22.35, 40.1),
            (22.8, 39.9),
            (23.4, 39.2),
            (23.0, 38.95),
            (22.7, 38.8),
            (22.2, 38.75),
            (21.8, 38.8),
            (21.4, 38.95),
        ]
    ],
    "EPIRUS": [
        [
            (19.2, 40.3),
            (20.3, 40.45),
            (20.9, 40.3),
            (21.2, 39.9),
            (21.2, 39.4),
            (21.4, 38.95),
            (21.8, 38.8),
            (21.85, 38.35),
            (21.2, 38.2),
            (20.6, 38.6),
            (20.0, 39.3),
            (19.4, 39.8),
        ]
    ],
    "ALBANIA": [
        [
            (19.2, 40.3),
            (19.3, 41.9),
            (20.1, 41.9),
            (20.5, 41.5),
            (20.4, 40.5),
            (20.3, 40.45),
        ]
    ],
    "ATHENS": [
        [
            (22.9, 37.95),
            (22.6, 38.35),
            (22.2, 38.75),
            (22.7, 38.8),
            (23.0, 38.95),
            (23.4, 38.7),
            (23.62, 38.45),
            (23.9, 38.2),
            (24.2, 38.0),
            (24.2, 37.5),
            (23.4, 37.6),
        ]
    ],
    "PELOPONNESE": [
        [
            (20.9, 36.3),
            (20.9, 38.2),
            (21.75, 38.28),
            (22.4, 38.18),
            (22.9, 38.03),
            (23.1, 37.85),
            (23.6, 37.6),
            (23.7, 36.3),
        ]
    ],
    "SERBIA_1240": [
        [
            (18.4, 42.5),
            (19.3, 41.85),
            (20.1, 42.1),
            (20.8, 42.7),
            (21.6, 42.7),
            (21.9, 43.4),
            (21.6, 44.1),
            (20.6, 44.3),
            (19.4, 44.1),
            (19.2, 43.5),
            (18.7, 43.2),
        ]
    ],
    "SERBIA_1282": [
        [
            (20.6, 42.3),
            (20.9, 41.6),
            (21.7, 41.5),
            (22.5, 41.6),
            (22.9, 42.0),
            (22.4, 42.4),
            (21.6, 42.7),
            (20.8, 42.7),
        ],
        [(19.3, 44.1), (19.2, 44.9), (20.5, 44.9), (21.5, 44.8), (22.0, 44.5), (21.6, 44.1), (20.6, 44.3)],
    ],
    "SERBIA_1334": [
        [
            (20.3, 41.6),
            (20.4, 40.9),
            (21.3, 40.85),
            (22.2, 41.1),
            (23.0, 41.3),
            (22.9, 42.0),
            (22.5, 41.6),
            (21.7, 41.5),
            (20.9, 41.6),
        ]
    ],
    "BULGARIA": [
        [
            (22.3, 44.2),
            (23.4, 43.9),
            (25.0, 43.7),
            (26.0, 44.0),
            (27.3, 44.1),
            (28.0, 44.55),
            (28.3, 45.0),
            (29.0, 44.95),
            (29.8, 44.9),
            (29.6, 42.7),
            (28.3, 42.1),
            (27.6, 42.1),
            (26.6, 41.8),
            (26.0, 41.3),
            (25.0, 41.1),
            (24.0, 41.1),
            (23.0, 41.2),
            (21.9, 41.3),
            (21.0, 41.4),
            (20.7, 42.0),
            (21.6, 42.6),
            (22.3, 43.2),
            (22.5, 43.8),
        ]
    ],
    "HUNGARY": [
        [
            (16.1, 46.4),
            (16.9, 48.0),
            (17.2, 48.3),
            (18.8, 49.5),
            (20.8, 49.4),
            (22.6, 49.1),
            (24.2, 47.9),
            (25.4, 47.7),
            (26.0, 47.2),
            (26.2, 46.4),
            (25.8, 45.6),
            (25.0, 45.4),
            (23.9, 45.3),
            (22.6, 44.65),
            (21.4, 44.75),
            (20.3, 44.85),
            (19.3, 44.6),
            (18.9, 43.9),
            (18.0, 43.4),
            (16.5, 43.4),
            (15.2, 44.0),
            (14.3, 45.2),
            (15.5, 46.0),
        ]
    ],
    # Italy
    "DOGADO": [[(12.0, 45.0), (12.0, 45.75), (12.7, 45.75), (12.7, 45.0)]],
    "CRETE": [_box(23.4, 34.8, 26.4, 35.75)],
    "EUBOEA": [
        [
            (22.75, 39.05),
            (23.3, 39.1),
            (24.2, 38.75),
            (24.75, 38.05),
            (24.4, 37.85),
            (23.95, 38.25),
            (23.65, 38.43),
            (23.2, 38.7),
            (22.85, 38.85),
        ]
    ],
    "MODON_CORON": [_box(21.55, 36.7, 22.05, 36.97)],
    "LIGURIA": [[(7.5, 43.7), (7.6, 44.2), (8.3, 44.5), (9.0, 44.65), (9.9, 44.3), (10.0, 43.8)]],
    "PERA": [_box(28.965, 41.022, 28.995, 41.045)],
    "CAFFA": [_box(35.3, 44.98, 35.45, 45.1)],
    "PHOCAEA": [_box(26.68, 38.6, 26.85, 38.74)],
    "CHIOS": [_box(25.8, 38.1, 26.2, 38.65)],
    "PAPAL_STATES": [
        [
            (11.6, 42.5),
            (11.9, 43.4),
            (11.9, 44.2),
            (12.3, 44.5),
            (12.7, 44.0),
            (13.6, 43.6),
            (13.9, 42.8),
            (13.4, 42.2),
            (13.8, 41.55),
            (13.0, 41.2),
            (11.6, 42.1),
        ]
    ],
    # Anatolia
    "NICAEAN_ANATOLIA": [
        [
            (25.8, 39.0),
            (25.8, 40.3),
            (26.5, 40.55),
            (27.5, 40.7),
            (28.9, 40.98),
            (29.3, 41.3),
            (30.5, 41.3),
            (31.5, 41.45),
            (32.5, 42.0),
            (32.7, 41.5),
            (32.0, 41.0),
            (31.0, 40.6),
            (30.6, 40.2),
            (30.2, 39.7),
            (29.9, 39.2),
            (29.4, 38.6),
            (29.2, 38.0),
            (28.8, 37.5),
            (28.3, 36.9),
            (27.2, 36.7),
            (26.7, 37.4),
        ]
    ],
    "NICAEAN_ANATOLIA_1282": [
        [
            (25.8, 39.0),
            (25.8, 40.3),
            (26.5, 40.55),
            (27.5, 40.7),
            (28.9, 40.98),
            (29.3, 41.3),
            (30.5, 41.3),
            (31.3, 41.35),
            (31.0, 40.8),
            (30.5, 40.3),
            (30.0, 39.8),
            (29.5, 39.3),
            (29.0, 38.7),
            (28.6, 38.0),
            (28.0, 37.7),
            (27.2, 37.5),
            (26.7, 37.4),
        ]
    ],
    "BITHYNIA": [
        [
            (26.9, 40.3),
            (27.5, 40.75),
            (28.9, 40.98),
            (29.3, 41.3),
            (30.4, 41.3),
            (30.7, 40.9),
            (30.5, 40.45),
            (29.9, 40.2),
            (29.3, 39.95),
            (28.5, 39.9),
            (27.6, 40.0),
        ]
    ],
    "PHILADELPHIA": [_box(28.35, 38.2, 28.7, 38.5)],
    "RUM": [
        [
            (28.4, 36.5),
            (28.8, 38.2),
            (29.6, 39.5),
            (30.8, 40.7),
            (31.8, 41.2),
            (32.8, 41.9),
            (35.0, 42.3),
            (36.0, 41.8),
            (37.5, 41.3),
            (38.5, 41.1),
            (40.0, 40.5),
            (41.5, 40.4),
            (42.8, 40.1),
            (43.5, 39.0),
            (42.5, 38.2),
            (41.0, 37.9),
            (39.5, 37.6),
            (38.5, 37.3),
            (37.5, 37.1),
            (36.6, 37.0),
            (36.3, 36.6),
            (35.5, 36.5),
            (34.5, 36.3),
            (33.5, 36.0),
            (32.5, 35.9),
            (31.0, 36.5),
            (30.0, 36.1),
        ]
    ],
    "HALYS_WEST": [
        [
            (25.0, 34.0),
            (25.0, 43.0),
            (35.95, 43.0),
            (35.95, 41.72),
            (35.5, 41.5),
            (34.9, 41.3),
            (34.2, 40.9),
            (33.6, 40.5),
            (33.4, 39.9),
            (33.7, 39.4),
            (34.5, 39.1),
            (34.9, 38.8),
            (35.8, 39.2),
            (36.9, 39.4),
            (37.7, 39.6),
            (38.6, 39.9),
            (38.6, 34.0),
        ]
    ],
    "OTTOMAN_1299": [
        [
            (29.6, 39.6),
            (29.4, 39.9),
            (29.45, 40.1),
            (29.75, 40.25),
            (30.1, 40.3),
            (30.5, 40.2),
            (30.6, 39.9),
            (30.4, 39.6),
        ]
    ],
    "OTTOMAN_BURSA": [[(28.75, 40.0), (28.85, 40.38), (29.3, 40.4), (29.6, 40.3), (29.6, 39.85)]],
    "OTTOMAN_NICAEA": [
        [
            (28.75, 40.38),
            (29.0, 40.5),
            (29.5, 40.71),
            (29.88, 40.72),
            (30.45, 40.62),
            (30.6, 40.2),
            (29.6, 40.25),
        ]
    ],
    "OTTOMAN_NICOMEDIA": [
        [
            (28.9, 40.92),
            (29.3, 41.3),
            (30.4, 41.3),
            (30.7, 40.9),
            (30.5, 40.55),
            (29.5, 40.68),
        ]
    ],
    "KARASI": [
        [
            (25.9, 39.0),
            (25.9, 40.25),
            (26.7, 40.5),
            (27.6, 40.45),
            (28.3, 40.15),
            (28.6, 39.7),
            (28.4, 39.2),
            (27.4, 38.85),
            (26.8, 38.85),
        ]
    ],
    "SARUHAN": [
        [
            (26.9, 38.45),
            (27.2, 38.95),
            (28.2, 39.05),
            (28.9, 38.8),
            (28.7, 38.45),
            (28.0, 38.4),
            (27.4, 38.35),
        ]
    ],
    "AYDIN": [
        [
            (26.7, 37.75),
            (26.8, 38.45),
            (27.4, 38.38),
            (28.0, 38.42),
            (28.8, 38.3),
            (28.9, 37.95),
            (28.0, 37.75),
            (27.3, 37.55),
        ]
    ],
    "MENTESE": [
        [
            (26.9, 36.5),
            (27.2, 37.6),
            (28.0, 37.78),
            (28.9, 37.95),
            (29.4, 37.6),
            (29.5, 36.8),
            (29.2, 36.2),
            (28.0, 36.3),
        ]
    ],
    "GERMIYAN": [
        [
            (28.7, 38.7),
            (28.3, 39.25),
            (28.9, 39.6),
            (29.6, 39.9),
            (30.4, 39.9),
            (30.9, 39.4),
            (30.6, 38.5),
            (29.5, 38.15),
            (28.9, 38.4),
        ]
    ],
    "HAMID_TEKE": [
        [
            (29.4, 36.2),
            (29.4, 37.6),
            (30.5, 38.5),
            (31.6, 38.3),
            (31.9, 37.3),
            (31.4, 36.5),
            (30.5, 36.0),
        ]
    ],
    "KARAMAN": [
        [
            (31.6, 36.4),
            (31.8, 37.25),
            (32.5, 37.5),
            (33.5, 37.6),
            (34.5, 37.4),
            (34.4, 36.8),
            (33.9, 36.2),
            (32.8, 35.9),
        ]
    ],
    "CANDAR": [
        [
            (30.7, 41.3),
            (30.7, 40.8),
            (31.5, 40.6),
            (32.2, 40.6),
            (32.4, 42.0),
            (33.5, 42.2),
            (35.3, 42.2),
            (35.2, 41.3),
            (34.0, 40.8),
            (32.8, 40.7),
        ]
    ],
    "TREBIZOND": [
        [
            (37.25, 41.9),
            (37.25, 40.85),
            (38.4, 40.6),
            (39.7, 40.6),
            (40.5, 40.75),
            (41.5, 41.2),
            (41.9, 41.5),
            (41.9, 41.9),
        ]
    ],
    "CILICIA": [
        [
            (33.6, 36.1),
            (33.8, 36.8),
            (34.6, 37.3),
            (35.5, 37.75),
            (36.3, 37.6),
            (36.65, 37.0),
            (36.35, 36.5),
            (36.0, 36.4),
            (35.0, 36.2),
        ]
    ],
    "CYPRUS": [_box(32.0, 34.4, 34.8, 35.8)],
    # Levant, Egypt, Mesopotamia
    "CRUSADER_1240": [
        [
            (34.3, 31.5),
            (34.6, 32.5),
            (35.0, 33.5),
            (35.4, 34.5),
            (35.5, 35.7),
            (35.6, 36.7),
            (36.5, 36.6),
            (36.7, 36.3),
            (36.5, 35.95),
            (36.1, 35.6),
            (36.0, 35.15),
            (36.4, 34.75),
            (36.1, 34.4),
            (35.8, 34.2),
            (35.7, 33.9),
            (35.55, 33.6),
            (35.5, 33.2),
            (35.35, 32.9),
            (35.1, 32.5),
            (35.0, 32.05),
            (34.75, 31.6),
        ]
    ],
    "JERUSALEM_CORRIDOR": [[(34.8, 31.9), (35.3, 31.65), (35.35, 31.85), (35.0, 32.1)]],
    "CRUSADER_1265": [
        [
            (34.85, 32.65),
            (35.0, 33.5),
            (35.4, 34.5),
            (35.5, 35.7),
            (35.6, 36.7),
            (36.5, 36.6),
            (36.7, 36.3),
            (36.5, 35.95),
            (36.1, 35.6),
            (36.0, 35.15),
            (36.4, 34.75),
            (36.1, 34.4),
            (35.8, 34.2),
            (35.7, 33.9),
            (35.55, 33.6),
            (35.5, 33.2),
            (35.3, 32.95),
            (35.1, 32.7),
        ]
    ],
    "CRUSADER_1268": [
        [
            (34.85, 32.65),
            (35.0, 33.5),
            (35.4, 34.5),
            (35.6, 35.3),
            (35.95, 35.2),
            (35.95, 34.75),
            (36.0, 34.4),
            (35.75, 34.2),
            (35.65, 33.9),
            (35.45, 33.6),
            (35.4, 33.2),
            (35.25, 32.95),
            (35.05, 32.7),
        ]
    ],
    "CRUSADER_1289": [
        [
            (34.85, 32.65),
            (35.0, 33.5),
            (35.4, 33.95),
            (35.6, 33.9),
            (35.4, 33.6),
            (35.35, 33.2),
            (35.2, 32.95),
            (35.05, 32.7),
        ],
        [(35.7, 34.8), (35.7, 34.95), (35.95, 34.95), (35.95, 34.8)],  # Tortosa
    ],
    "EGYPT": [
        [
            (24.9, 31.7),
            (29.0, 31.3),
            (32.0, 31.7),
            (34.25, 31.35),
            (34.95, 29.5),
            (34.5, 28.0),
            (33.5, 27.0),
            (35.2, 24.0),
            (36.8, 22.0),
            (24.9, 22.0),
        ]
    ],
    "SYRIA": [
        [
            (34.25, 31.35),
            (34.5, 32.5),
            (35.0, 33.5),
            (35.6, 35.0),
            (35.8, 36.0),
            (36.2, 36.6),
            (36.6, 37.0),
            (37.5, 37.1),
            (38.0, 37.2),
            (38.0, 36.8),
            (38.4, 36.0),
            (39.0, 35.95),
            (40.1, 35.3),
            (40.9, 34.5),
            (39.5, 33.5),
            (38.0, 32.3),
            (37.0, 30.5),
            (36.0, 29.3),
            (34.95, 29.5),
        ]
    ],
    "JAZIRA": [
        [
            (38.0, 37.2),
            (38.5, 37.4),
            (39.5, 37.6),
            (41.0, 37.9),
            (42.0, 37.8),
            (42.1, 36.8),
            (41.6, 36.2),
            (40.9, 35.6),
            (40.1, 35.3),
            (39.0, 35.95),
            (38.4, 36.0),
            (38.0, 36.8),
        ]
    ],
    "IRAQ": [
        [
            (40.9, 34.5),
            (41.0, 33.2),
            (42.5, 31.8),
            (44.5, 30.5),
            (46.5, 29.6),
            (48.0, 29.9),
            (48.6, 30.4),
            (47.6, 32.5),
            (46.0, 33.6),
            (45.5, 34.6),
            (44.3, 35.4),
            (43.0, 35.0),
            (41.9, 34.5),
        ]
    ],
    "IRAN": [
        [
            (38.5, 38.5),
            (39.5, 39.5),
            (40.5, 40.5),
            (41.5, 41.5),
            (41.2, 42.4),
            (39.9, 43.45),
            (42.0, 43.3),
            (44.0, 42.8),
            (45.5, 42.5),
            (46.5, 42.1),
            (48.4, 42.05),
            (50.5, 41.5),
            (53.0, 41.3),
            (54.0, 40.0),
            (56.0, 38.7),
            (58.0, 38.2),
            (60.5, 37.9),
            (62.5, 38.6),
            (63.5, 39.1),
            (65.5, 37.8),
            (66.5, 37.3),
            (66.0, 35.0),
            (65.0, 32.0),
            (63.5, 30.0),
            (62.0, 29.0),
            (61.5, 27.0),
            (61.7, 24.5),
            (58.5, 24.8),
            (56.5, 26.6),
            (54.0, 26.4),
            (51.0, 27.8),
            (49.5, 29.0),
            (48.0, 29.3),
            (46.5, 29.6),
            (44.5, 30.5),
            (42.5, 31.8),
            (41.0, 33.2),
            (40.9, 34.5),
            (40.1, 35.3),
            (39.0, 35.95),
            (38.4, 36.8),
            (38.0, 37.3),
        ]
    ],
    # Steppe and Central Asia
    "STEPPE": [
        [
            (26.2, 47.8),
            (26.9, 45.4),
            (28.2, 44.95),
            (29.8, 44.8),
            (31.0, 45.0),
            (33.0, 44.2),
            (36.8, 44.5),
            (39.9, 43.45),
            (41.2, 42.4),
            (44.0, 42.3),
            (46.5, 41.7),
            (48.6, 41.6),
            (50.5, 43.0),
            (51.5, 44.8),
            (53.0, 42.3),
            (55.0, 41.5),
            (58.5, 41.4),
            (61.0, 41.3),
            (64.0, 42.3),
            (68.0, 42.3),
            (72.0, 43.5),
            (80.0, 45.0),
            (82.0, 50.0),
            (78.0, 53.5),
            (70.0, 55.5),
            (62.0, 56.5),
            (54.0, 57.3),
            (50.0, 56.8),
            (47.0, 56.2),
            (43.0, 54.0),
            (40.0, 52.5),
            (37.0, 51.0),
            (34.0, 50.0),
            (31.0, 49.5),
            (28.5, 49.0),
        ]
    ],
    "NOGAI": [
        [
            (26.2, 47.8),
            (27.5, 48.6),
            (29.5, 49.0),
            (31.5, 48.8),
            (33.5, 48.0),
            (34.3, 47.0),
            (33.0, 46.3),
            (31.0, 45.9),
            (29.8, 44.8),
            (28.2, 44.95),
            (26.9, 45.4),
            (26.3, 46.5),
        ]
    ],
    "MONGOLIA_ASIA": [
        [
            (58.5, 41.4),
            (61.0, 41.3),
            (64.0, 42.3),
            (68.0, 42.3),
            (72.0, 43.5),
            (80.0, 45.0),
            (82.0, 50.0),
            (78.0, 53.5),
            (85.0, 55.0),
            (95.0, 55.0),
            (110.5, 53.0),
            (110.5, 32.5),
            (104.0, 32.5),
            (100.0, 35.0),
            (95.0, 36.0),
            (85.0, 36.0),
            (78.0, 35.0),
            (75.0, 37.0),
            (71.0, 37.5),
            (68.0, 37.2),
            (66.5, 37.3),
            (65.5, 37.8),
            (63.5, 39.1),
            (62.5, 38.6),
            (60.5, 37.9),
        ]
    ],
}

# --- polity timelines -----------------------------------------------------------------
# status entries: (start, end, status, overlord)
POLITIES: dict[str, dict] = {
    "byzantium": {
        "names": [(1240, 1260, "Empire of Nicaea"), (1261, 1345, "Byzantine Empire")],
        "names_in_texts": ["Empire of Nicaea", "Nicaea", "Byzantine Empire", "Byzantium"],
        "color": "#7b3294",
        "capitals": [(1240, 1260, "nicaea"), (1261, 1345, "constantinople")],
        "status": [(1240, 1345, "sovereign", None)],
        "citations": [
            cite(
                WP_ALLIANCE,
                S_OVERTURES,
                "Soon after the Battle of Köse Dağ in 1243, the Empire of Trebizond surrendered "
                "to the Mongol Empire while the court of Nicaea put its fortresses in order.",
            ),
            cite(
                WP_ALLIANCE,
                S_MICHAEL,
                "Emperor Michael VIII Palaiologos, after re-establishing Byzantine Imperial rule",
            ),
        ],
    },
    "latin-empire": {
        "names": [(1240, 1261, "Latin Empire of Constantinople")],
        "names_in_texts": ["Latin emperor of Constantinople"],
        "color": "#d7191c",
        "capitals": [(1240, 1261, "constantinople")],
        "status": [(1240, 1261, "sovereign", None)],
        "citations": [
            cite(
                WP_ALLIANCE, S_OVERTURES, "the Latin emperor of Constantinople Baldwin II sent an embassy to Mongolia"
            ),
        ],
    },
    "thessalonica": {
        "names": [(1240, 1241, "Empire of Thessalonica"), (1242, 1246, "Despotate of Thessalonica")],
        "names_in_texts": ["Thessalonian Empire"],
        "color": "#e78ac3",
        "capitals": [(1240, 1246, "thessalonica")],
        "status": [(1240, 1241, "sovereign", None), (1242, 1246, "vassal", "byzantium")],
        "citations": [
            cite(
                WP_ALLIANCE,
                S_OVERTURES,
                "In the spring of 1242, John III Doukas Vatatzes, Emperor of Nicaea initiated a "
                "campaign against the Thessalonian Empire, and besieged its capital, Thessalonica.",
            ),
        ],
    },
    "epirus": {
        "names": [(1240, 1345, "Despotate of Epirus")],
        "names_in_texts": [],
        "color": "#a6761d",
        "capitals": [(1240, 1345, "arta")],
        "status": [(1240, 1345, "sovereign", None)],
        "citations": [],
    },
    "thessaly": {
        "names": [(1268, 1345, "Thessaly (Doukas rulers, then divided)")],
        "names_in_texts": ["Thessaly"],
        "color": "#e6ab02",
        "capitals": [(1268, 1345, "neopatras")],
        "status": [(1268, 1345, "sovereign", None)],
        "citations": [
            cite(
                WP_ALLIANCE,
                S_MICHAEL,
                "A group of 4,000 Mongol soldiers were dispatched to Constantinople in 1282, just "
                "before the death of Michael, to fight against the despot of Thessaly.",
            ),
        ],
    },
    "athens": {
        "names": [(1240, 1345, "Duchy of Athens")],
        "names_in_texts": [],
        "color": "#fdae61",
        "capitals": [(1240, 1345, "thebes")],
        "status": [(1240, 1345, "sovereign", None)],
        "citations": [],
    },
    "achaea": {
        "names": [(1240, 1345, "Principality of Achaea")],
        "names_in_texts": [],
        "color": "#f46d43",
        "capitals": [(1240, 1345, "andravida")],
        "status": [(1240, 1345, "sovereign", None)],
        "citations": [],
    },
    "trebizond": {
        "names": [(1240, 1345, "Empire of Trebizond")],
        "names_in_texts": ["Empire of Trebizond"],
        "color": "#66a61e",
        "capitals": [(1240, 1345, "trebizond")],
        "status": [
            (1240, 1242, "sovereign", None),
            (1243, 1255, "vassal", "mongol-empire"),
            (1256, 1335, "vassal", "ilkhanate"),
            (1336, 1345, "sovereign", None),
        ],
        "citations": [
            cite(WP_ALLIANCE, S_OVERTURES, "the Empire of Trebizond surrendered to the Mongol Empire"),
        ],
    },
    "bulgaria": {
        "names": [(1240, 1345, "Second Bulgarian Empire")],
        "names_in_texts": ["Bulgaria"],
        "color": "#1b9e77",
        "capitals": [(1240, 1345, "tirnovo")],
        "status": [
            (1240, 1241, "sovereign", None),
            (1242, 1300, "tributary", "golden-horde"),
            (1301, 1345, "sovereign", None),
        ],
        "citations": [
            cite(
                WP_THRACE,
                "Background",
                "he made contact with the Horde, who enlisted the support of their vassal, Bulgaria.",
            ),
            cite(
                WP_ALLIANCE,
                S_MICHAEL,
                "he used his help to defend himself against Bulgaria when it tried to attack the "
                "Byzantine Empire in 1273 and 1279.",
            ),
            cite(
                WP_ALLIANCE,
                S_MICHAEL,
                "in 1278, the Byzantines and the Mongols jointly besieged and captured Maria in Tirnovo.",
            ),
        ],
    },
    "serbia": {
        "names": [(1240, 1345, "Kingdom of Serbia")],
        "names_in_texts": [],
        "color": "#386cb0",
        "capitals": [(1240, 1345, "ras")],
        "status": [(1240, 1345, "sovereign", None)],
        "citations": [],
    },
    "hungary": {
        "names": [(1240, 1345, "Kingdom of Hungary")],
        "names_in_texts": [],
        "color": "#bf5b17",
        "capitals": [(1240, 1345, "buda")],
        "status": [(1240, 1345, "sovereign", None)],
        "citations": [],
    },
    "venice": {
        "names": [(1240, 1345, "Republic of Venice")],
        "names_in_texts": [],
        "color": "#e31a1c",
        "capitals": [(1240, 1345, "venice")],
        "status": [(1240, 1345, "sovereign", None)],
        "citations": [],
    },
    "genoa": {
        "names": [(1240, 1345, "Republic of Genoa")],
        "names_in_texts": ["Genoese"],
        "color": "#ff7f00",
        "capitals": [(1240, 1345, "genoa")],
        "status": [(1240, 1345, "sovereign", None)],
        "citations": [],
    },
    "papacy": {
        "names": [(1240, 1345, "Papal States")],
        "names_in_texts": [],
        "color": "#ffd92f",
        "capitals": [(1240, 1345, "rome")],
        "status": [(1240, 1345, "sovereign", None)],
        "citations": [
            cite(WP_ALLIANCE, S_MICHAEL, "According to a 1267 letter by Pope Clement IV from Viterbo"),
        ],
    },
    "hospitallers": {
        "names": [(1310, 1345, "Knights Hospitaller (Rhodes)")],
        "names_in_texts": [],
        "color": "#666666",
        "capitals": [(1310, 1345, "rhodes")],
        "status": [(1310, 1345, "sovereign", None)],
        "citations": [],
    },
    "rum": {
        "names": [(1240, 1307, "Sultanate of Rum")],
        "names_in_texts": ["Sultanate of Iconium", "Sultanate of Rum", "Rum", "Rûm"],
        "color": "#1f78b4",
        "capitals": [(1240, 1307, "konya")],
        "status": [
            (1240, 1242, "sovereign", None),
            (1243, 1256, "vassal", "mongol-empire"),
            (1262, 1307, "vassal", "ilkhanate"),
        ],
        "citations": [
            cite(
                WP_ALLIANCE,
                S_OVERTURES,
                "Soon after, the Mongols invaded the Sultanate of Iconium, causing Vatatzes to end the campaign early.",
            ),
            cite(WP_ALLIANCE, S_OVERTURES, "Rum being recognized as a Mongol protectorate"),
        ],
    },
    "rum-west": {
        "names": [(1257, 1261, "Sultanate of Rum (Kaykaus II)")],
        "names_in_texts": ["Sultanate of Rum"],
        "color": "#a6cee3",
        "capitals": [(1257, 1261, "konya")],
        "status": [(1257, 1261, "vassal", "ilkhanate")],
        "citations": [
            cite(
                WP_ALLIANCE,
                S_OVERTURES,
                "Following the Mongol partition of the Sultanate of Rum between the pro-Mongol "
                "Kilij Arslan IV in the east and the pro-Nicaean Kaykaus II in the west",
            ),
        ],
    },
    "rum-east": {
        "names": [(1257, 1261, "Sultanate of Rum (Kılıç Arslan IV)")],
        "names_in_texts": ["Sultanate of Rum"],
        "color": "#2c7fb8",
        "capitals": [(1257, 1261, "sivas")],
        "status": [(1257, 1261, "vassal", "ilkhanate")],
        "citations": [
            cite(
                WP_ALLIANCE,
                S_OVERTURES,
                "Following the Mongol partition of the Sultanate of Rum between the pro-Mongol "
                "Kilij Arslan IV in the east and the pro-Nicaean Kaykaus II in the west",
            ),
        ],
    },
    "ottomans": {
        "names": [(1299, 1345, "Ottoman beylik")],
        "names_in_texts": [],
        "color": "#006d2c",
        "capitals": [(1299, 1325, "sogut"), (1326, 1345, "bursa")],
        "status": [(1299, 1345, "sovereign", None)],
        "citations": [
            cite(
                WP_ALLIANCE,
                S_ANDRONIKOS,
                "These raids would eventually lead to the complete collapse of Byzantine Anatolia under Andronikos II.",
            ),
        ],
    },
    "cilicia": {
        "names": [(1240, 1345, "Armenian Kingdom of Cilicia")],
        "names_in_texts": [],
        "color": "#b2df8a",
        "capitals": [(1240, 1345, "sis")],
        "status": [
            (1240, 1243, "sovereign", None),
            (1244, 1255, "vassal", "mongol-empire"),
            (1256, 1335, "vassal", "ilkhanate"),
            (1336, 1345, "sovereign", None),
        ],
        "citations": [],
    },
    "cyprus": {
        "names": [(1240, 1345, "Kingdom of Cyprus")],
        "names_in_texts": ["Cyprus"],
        "color": "#cab2d6",
        "capitals": [(1240, 1345, "nicosia")],
        "status": [(1240, 1345, "sovereign", None)],
        "citations": [
            cite(WEB_FRANCO, "paragraph 5", "retreated to the island of Cyprus", UNRELIABLE),
        ],
    },
    "crusader-states": {
        "names": [(1240, 1291, "Crusader states (Kingdom of Jerusalem, Tripoli, Antioch)")],
        "names_in_texts": ["Holy Land"],
        "color": "#fb9a99",
        "capitals": [(1240, 1291, "acre")],
        "status": [(1240, 1291, "sovereign", None)],
        "citations": [
            cite(WP_ALLIANCE, S_MICHAEL, "to help the Latins in the Holy Land"),
            cite(WEB_FRANCO, "paragraph 5", "The Crusaders lost the battle in 1291", UNRELIABLE),
        ],
    },
    "ayyubids": {
        "names": [(1240, 1259, "Ayyubid sultanates")],
        "names_in_texts": ["Ayyubid dynasties"],
        "color": "#fdbf6f",
        "capitals": [(1240, 1249, "cairo"), (1250, 1259, "damascus")],
        "status": [(1240, 1259, "sovereign", None)],
        "citations": [
            cite(
                WEB_FRANCO,
                "paragraph 4",
                "after destroying the Nizaris of Alamut and the Muslim Abbasid and Ayyubid dynasties",
                "From the low-reliability web summary; agrees with the standard chronology "
                "(Baghdad 1258, Aleppo and Damascus 1260).",
            ),
        ],
    },
    "abbasids": {
        "names": [(1240, 1257, "Abbasid Caliphate")],
        "names_in_texts": ["Abbasid"],
        "color": "#8dd3c7",
        "capitals": [(1240, 1257, "baghdad")],
        "status": [(1240, 1257, "sovereign", None)],
        "citations": [
            cite(
                WEB_FRANCO,
                "paragraph 4",
                "after destroying the Nizaris of Alamut and the Muslim Abbasid and Ayyubid dynasties",
                "From the low-reliability web summary; agrees with the standard chronology (Baghdad 1258).",
            ),
        ],
    },
    "mamluks": {
        "names": [(1250, 1345, "Mamluk Sultanate")],
        "names_in_texts": ["Egyptian Mamluks", "Mamluks", "Mamlamluks"],
        "color": "#ffff99",
        "capitals": [(1250, 1345, "cairo")],
        "status": [(1250, 1345, "sovereign", None)],
        "citations": [
            cite(
                WP_ALLIANCE,
                S_MICHAEL,
                "Mamluk envoys were traveling through Constantinople to the Golden Horde in the summer of 1263.",
            ),
        ],
    },
    "ilkhanate": {
        "names": [(1256, 1345, "Ilkhanate")],
        "names_in_texts": ["Ilkhanate", "Ilkhanid Persia", "Ilkhans", "Mongol Ilkhanate in Persia"],
        "color": "#b15928",
        "capitals": [(1256, 1264, "maragheh"), (1265, 1312, "tabriz"), (1313, 1345, "soltaniyeh")],
        "status": [
            (1256, 1259, "vassal", "mongol-empire"),
            (1260, 1335, "sovereign", None),
            (1336, 1345, "contested", None),
        ],
        "citations": [
            cite(WP_ALLIANCE, S_MICHAEL, "Maria Palaiologina, who married Abaqa Khan of Ilkhanid Persia"),
            cite(WP_ALLIANCE, S_ANDRONIKOS, "Mongol control of western and central Anatolia was unstable"),
        ],
    },
    "golden-horde": {
        "names": [(1242, 1345, "Golden Horde (Ulus of Jochi)")],
        "names_in_texts": ["Golden Horde", "Kipchak", "the Horde"],
        "color": "#e7298a",
        "capitals": [(1242, 1345, "sarai")],
        "status": [(1242, 1259, "vassal", "mongol-empire"), (1260, 1345, "sovereign", None)],
        "citations": [
            cite(
                WP_ALLIANCE,
                S_MICHAEL,
                "He signed a treaty in 1266 with the Mongol Khan of the Kipchak (the Golden Horde)",
            ),
            cite(WP_THRACE, "Invasion", "Berke ceded Crimea to Kaykaus as appanage"),
        ],
    },
    "nogai": {
        "names": [(1280, 1299, "Nogai's ulus")],
        "names_in_texts": [],
        "color": "#f781bf",
        "capitals": [(1280, 1299, "isaccea")],
        "status": [(1280, 1299, "vassal", "golden-horde")],
        "citations": [
            cite(WP_ALLIANCE, S_MICHAEL, "Euphrosyne Palaiologina, who married Nogai Khan of the Golden Horde"),
            cite(WP_THRACE, "Background", "they were probably not under the leadership of Nogai Khan"),
        ],
    },
    "mongol-empire": {
        "names": [(1240, 1259, "Mongol Empire"), (1260, 1345, "Mongol Empire: Chagatai Khanate and Yuan (schematic)")],
        "names_in_texts": ["Mongol Empire"],
        "color": "#7f8c8d",
        "capitals": [(1240, 1345, "karakorum")],
        "status": [(1240, 1345, "sovereign", None)],
        "citations": [
            cite(WP_ALLIANCE, S_OVERTURES, "the Empire of Trebizond surrendered to the Mongol Empire"),
            cite(
                WP_ALLIANCE,
                S_OVERTURES,
                "met an envoy of John III Doukas Vatatzes, Emperor of Nicaea, at the court of Möngke Khan around 1253.",
            ),
        ],
    },
}

for _beylik, _name, _color, _cap, _start in [
    ("beylik-karasi", "Karasi", "#74c476", "balikesir", 1300),
    ("beylik-saruhan", "Saruhan", "#41ab5d", "manisa", 1313),
    ("beylik-aydin", "Aydın", "#238b45", "birgi", 1308),
    ("beylik-mentese", "Menteşe", "#a1d99b", "milas", 1280),
    ("beylik-germiyan", "Germiyan", "#c7e9c0", "kutahya", 1300),
    ("beylik-hamid", "Hamid (with Teke)", "#99d8c9", "egirdir", 1300),
    ("beylik-karaman", "Karaman", "#66c2a4", "karaman", 1277),
    ("beylik-candar", "Candar", "#2ca25f", "kastamonu", 1292),
]:
    POLITIES[_beylik] = {
        "names": [(_start, 1345, f"Beylik of {_name}")],
        "names_in_texts": ["Turcomans", "Turkmen groups"],
        "color": _color,
        "capitals": [(_start, 1345, _cap)],
        "status": [(_start, 1345, "sovereign", None)],
        "citations": [
            cite(
                WP_ALLIANCE,
                S_ANDRONIKOS,
                "Mongol help to fight against the Turcomans at the Oriental frontier of the Byzantine Empire",
            ),
        ],
    }

# --- components ------------------------------------------------------------------------
# polity, start, end, regions, precision, note; optional: start_edtf, end_edtf, clip,
# minus, priority (overrides the polity's rank), citations (added to the polity's).
VICINA_CITE = cite(
    WP_ALLIANCE,
    S_ANDRONIKOS,
    "until the Byzantine port of Vicina Macaria was occupied by the Mongols in the late 1330's",
)
PERA_CITE = cite(
    CIOCALTAN,
    "p. 246, n. 416",
    "the emperor settled them in the constantinople quarter of pera, where they quickly put down roots",
)

COMPONENTS: list[dict] = [
    # Byzantium / Nicaea
    dict(polity="byzantium", start=1240, end=1281, regions=["NICAEAN_ANATOLIA"], precision=2, note=AFTER_BYZ),
    dict(
        polity="byzantium",
        start=1282,
        end=1299,
        regions=["NICAEAN_ANATOLIA_1282"],
        precision=3,
        note=AFTER_BYZ + "; the Meander valley and the Sangarios frontier lost in the 1280s and 1290s.",
    ),
    dict(
        polity="byzantium",
        start=1300,
        end=1336,
        regions=["BITHYNIA"],
        precision=3,
        note=AFTER_BYZ + "; from c. 1300 Bithynia and the Mysian coast only, eroded by the "
        "beyliks and the Ottomans, whose shapes rank above it.",
    ),
    dict(
        polity="byzantium",
        start=1240,
        end=1345,
        regions=["PHILADELPHIA"],
        precision=3,
        priority=0,
        note="Philadelphia held out as a Byzantine enclave until 1390.",
    ),
    dict(polity="byzantium", start=1240, end=1345, regions=["THRACE_SOUTH"], precision=2, note=AFTER_BALKANS),
    dict(
        polity="byzantium",
        start=1240,
        end=1345,
        regions=["AEGEAN_ISLANDS"],
        precision=3,
        note="Lesbos, Chios, Lemnos, Rhodes; the smaller islands are not drawn.",
    ),
    dict(
        polity="byzantium",
        start=1247,
        end=1345,
        regions=["MACEDONIA_THRACE"],
        precision=2,
        note=AFTER_BALKANS + "; Thessalonica, Serres, Melnik and the Rhodopes taken in 1246.",
    ),
    dict(
        polity="byzantium",
        start=1259,
        end=1345,
        regions=["WEST_MACEDONIA"],
        precision=3,
        note="Western Macedonia (Ohrid, Kastoria) after Pelagonia, 1259; schematic.",
    ),
    dict(
        polity="byzantium",
        start=1262,
        end=1345,
        regions=["LATIN_CONSTANTINOPLE"],
        precision=2,
        note="Constantinople recovered in July 1261; drawn from 1262 so that 1261 still shows the Latin city.",
    ),
    dict(
        polity="byzantium",
        start=1262,
        end=1345,
        regions=["MOREA_BYZ"],
        precision=3,
        note="Mystras, Monemvasia and Maina ceded by William of Achaea in 1262; schematic.",
    ),
    dict(
        polity="byzantium",
        start=1263,
        end=1322,
        regions=["PHILIPPOPOLIS"],
        precision=3,
        note="Philippopolis region, 1263/4 to the Bulgarian recovery of 1322/3; schematic.",
    ),
    dict(
        polity="byzantium",
        start=1263,
        end=1303,
        regions=["PONTIC_PORTS"],
        precision=3,
        note="Mesembria, Anchialos and Sozopolis, lost to Theodore Svetoslav in 1304; schematic.",
    ),
    dict(
        polity="byzantium",
        start=1263,
        end=1339,
        regions=["VICINA"],
        precision=3,
        end_edtf="1335~/1339~",
        priority=1,
        note="Vicina's site is disputed (Isaccea, Nufăru, Tulcea, Măcin are proposed); the "
        "enclave is a schematic box on the lower Danube.",
        citations=[VICINA_CITE],
    ),
    dict(
        polity="byzantium",
        start=1333,
        end=1345,
        regions=["THESSALY"],
        precision=2,
        note="Thessaly annexed by Andronikos III in 1333.",
    ),
    dict(polity="byzantium", start=1340, end=1345, regions=["EPIRUS"], precision=2, note="Epirus annexed 1337–1340."),
    # Latin Empire, Thessalonica, Epirus, Thessaly, Latin Greece
    dict(
        polity="latin-empire",
        start=1240,
        end=1261,
        regions=["LATIN_CONSTANTINOPLE"],
        precision=2,
        end_edtf="1261-07",
        note=AFTER_BYZ,
    ),
    dict(
        polity="thessalonica",
        start=1240,
        end=1246,
        regions=["THESSALONICA"],
        precision=3,
        end_edtf="1246-12",
        note=AFTER_BALKANS,
    ),
    dict(
        polity="epirus",
        start=1240,
        end=1339,
        regions=["EPIRUS", "THESSALY"],
        precision=3,
        note=AFTER_BALKANS + "; Thessaly is drawn with Epirus until Michael II's death (1267/8).",
    ),
    dict(
        polity="epirus",
        start=1240,
        end=1271,
        regions=["ALBANIA"],
        precision=3,
        note="Central Albania (Dyrrachium); from 1272 the Angevin Kingdom of Albania, not drawn.",
    ),
    dict(
        polity="thessaly",
        start=1268,
        end=1332,
        regions=["THESSALY"],
        precision=2,
        note=AFTER_BALKANS + "; the Catalan conquests of 1318 in the south are not drawn.",
    ),
    dict(
        polity="athens",
        start=1240,
        end=1345,
        regions=["ATHENS"],
        precision=2,
        note=AFTER_BALKANS + "; ruled by the Catalan Company from 1311.",
    ),
    dict(
        polity="achaea",
        start=1240,
        end=1345,
        regions=["PELOPONNESE"],
        precision=2,
        note=AFTER_BALKANS + "; the Byzantine Morea and Venetian Modon and Coron rank above it.",
    ),
    # Balkans
    dict(
        polity="bulgaria",
        start=1240,
        end=1345,
        regions=["BULGARIA"],
        precision=2,
        note=AFTER_BALKANS + "; the southern frontier follows the Byzantine shapes, which rank above Bulgaria.",
    ),
    dict(polity="serbia", start=1240, end=1345, regions=["SERBIA_1240"], precision=3, note=AFTER_BALKANS),
    dict(
        polity="serbia",
        start=1282,
        end=1345,
        regions=["SERBIA_1282"],
        precision=3,
        note="Skopje and northern Macedonia taken by Milutin in 1282; Belgrade with Dragutin from "
        "1284 (shown from 1282).",
    ),
    dict(
        polity="serbia",
        start=1334,
        end=1345,
        regions=["SERBIA_1334"],
        precision=3,
        note="Ohrid, Prilep and Strumica taken in 1334.",
    ),
    dict(
        polity="hungary",
        start=1240,
        end=1345,
        regions=["HUNGARY"],
        precision=3,
        note=AFTER_BALKANS + "; includes Croatia and Transylvania.",
    ),
    # Italy and the maritime republics
    dict(
        polity="venice",
        start=1240,
        end=1345,
        regions=["DOGADO", "CRETE", "EUBOEA", "MODON_CORON"],
        precision=2,
        note=AFTER_ITALY,
    ),
    dict(polity="genoa", start=1240, end=1345, regions=["LIGURIA"], precision=3, note=AFTER_ITALY),
    dict(
        polity="genoa",
        start=1267,
        end=1345,
        regions=["PERA"],
        precision=2,
        start_edtf="1267~",
        note="Pera: a box around the Genoese quarter across the Golden Horn.",
        citations=[PERA_CITE],
    ),
    dict(
        polity="genoa",
        start=1266,
        end=1345,
        regions=["CAFFA"],
        precision=3,
        note="Caffa, a Genoese colony from the 1260s (sacked 1308, re-founded 1316).",
    ),
    dict(
        polity="genoa",
        start=1275,
        end=1340,
        regions=["PHOCAEA"],
        precision=3,
        note="Phocaea under the Genoese Zaccaria family.",
    ),
    dict(
        polity="genoa",
        start=1304,
        end=1329,
        regions=["CHIOS"],
        precision=2,
        note="Chios under the Genoese Zaccaria family.",
    ),
    dict(
        polity="papacy",
        start=1240,
        end=1345,
        regions=["PAPAL_STATES"],
        precision=3,
        note=AFTER_ITALY + "; the popes resided at Avignon from 1309.",
    ),
    dict(
        polity="hospitallers",
        start=1310,
        end=1345,
        regions=["AEGEAN_ISLANDS"],
        clip="RHODES_BOX",
        precision=2,
        note="Rhodes, conquered by the Hospitallers 1306–1310.",
    ),
    # Anatolia
    dict(polity="rum", start=1240, end=1256, regions=["RUM"], precision=2, note=AFTER_ANATOLIA),
    dict(
        polity="rum-west",
        start=1257,
        end=1261,
        regions=["RUM"],
        clip="HALYS_WEST",
        precision=3,
        start_edtf="1257?",
        end_edtf="1261?",
        note=AFTER_ANATOLIA + "; the partition line is drawn on the Kızılırmak (Halys).",
    ),
    dict(
        polity="rum-east",
        start=1257,
        end=1261,
        regions=["RUM"],
        minus="HALYS_WEST",
        precision=3,
        start_edtf="1257?",
        end_edtf="1261?",
        note=AFTER_ANATOLIA + "; the partition line is drawn on the Kızılırmak (Halys).",
    ),
    dict(
        polity="rum",
        start=1262,
        end=1307,
        regions=["RUM"],
        precision=2,
        end_edtf="1307?",
        note=AFTER_ANATOLIA + "; the last sultan, Mesud II, died c. 1308.",
    ),
    dict(
        polity="ilkhanate",
        start=1308,
        end=1345,
        regions=["RUM"],
        precision=3,
        note="Central and eastern Anatolia under Ilkhanid governors after the end of the Seljuk "
        "sultanate (Eretna's beylik from the 1330s is not drawn).",
    ),
    dict(
        polity="ottomans",
        start=1299,
        end=1345,
        regions=["OTTOMAN_1299"],
        precision=3,
        start_edtf="1299~",
        note=AFTER_ANATOLIA,
    ),
    dict(polity="ottomans", start=1326, end=1345, regions=["OTTOMAN_BURSA"], precision=3, note="Bursa taken in 1326."),
    dict(
        polity="ottomans", start=1331, end=1345, regions=["OTTOMAN_NICAEA"], precision=3, note="Nicaea taken in 1331."
    ),
    dict(
        polity="ottomans",
        start=1337,
        end=1345,
        regions=["OTTOMAN_NICOMEDIA"],
        precision=3,
        note="Nicomedia taken in 1337.",
    ),
    dict(
        polity="beylik-karasi",
        start=1300,
        end=1345,
        regions=["KARASI"],
        precision=3,
        start_edtf="1300~",
        note=AFTER_ANATOLIA + "; annexed by the Ottomans c. 1345.",
    ),
    dict(polity="beylik-saruhan", start=1313, end=1345, regions=["SARUHAN"], precision=3, note=AFTER_ANATOLIA),
    dict(
        polity="beylik-aydin",
        start=1308,
        end=1345,
        regions=["AYDIN"],
        precision=3,
        start_edtf="1308~",
        note=AFTER_ANATOLIA,
    ),
    dict(
        polity="beylik-mentese",
        start=1280,
        end=1345,
        regions=["MENTESE"],
        precision=3,
        start_edtf="1280~",
        note=AFTER_ANATOLIA,
    ),
    dict(
        polity="beylik-germiyan",
        start=1300,
        end=1345,
        regions=["GERMIYAN"],
        precision=3,
        start_edtf="1300~",
        note=AFTER_ANATOLIA,
    ),
    dict(
        polity="beylik-hamid",
        start=1300,
        end=1345,
        regions=["HAMID_TEKE"],
        precision=3,
        start_edtf="1300~",
        note=AFTER_ANATOLIA,
    ),
    dict(polity="beylik-karaman", start=1277, end=1345, regions=["KARAMAN"], precision=3, note=AFTER_ANATOLIA),
    dict(
        polity="beylik-candar",
        start=1292,
        end=1345,
        regions=["CANDAR"],
        precision=3,
        start_edtf="1292~",
        note=AFTER_ANATOLIA + "; drawn west to the Sangarios (the Bolu region), schematic.",
    ),
    dict(polity="trebizond", start=1240, end=1345, regions=["TREBIZOND"], precision=2, note=AFTER_BYZ),
    dict(
        polity="cilicia",
        start=1240,
        end=1345,
        regions=["CILICIA"],
        precision=2,
        note=AFTER_LEVANT + "; the Mamluk annexations of 1337 are not drawn.",
    ),
    # Levant, Egypt, Mesopotamia
    dict(polity="cyprus", start=1240, end=1345, regions=["CYPRUS"], precision=1, note="The whole island."),
    dict(
        polity="crusader-states",
        start=1240,
        end=1244,
        regions=["CRUSADER_1240", "JERUSALEM_CORRIDOR"],
        precision=2,
        note=AFTER_LEVANT + "; Jerusalem lost in 1244.",
    ),
    dict(polity="crusader-states", start=1245, end=1264, regions=["CRUSADER_1240"], precision=2, note=AFTER_LEVANT),
    dict(
        polity="crusader-states",
        start=1265,
        end=1267,
        regions=["CRUSADER_1265"],
        precision=2,
        note=AFTER_LEVANT + "; Caesarea and Arsuf lost in 1265.",
    ),
    dict(
        polity="crusader-states",
        start=1268,
        end=1288,
        regions=["CRUSADER_1268"],
        precision=2,
        note=AFTER_LEVANT + "; Jaffa and Antioch lost in 1268.",
    ),
    dict(
        polity="crusader-states",
        start=1289,
        end=1291,
        regions=["CRUSADER_1289"],
        precision=2,
        note=AFTER_LEVANT + "; Tripoli lost in 1289, Acre and the last towns in 1291 (the "
        "island of Ruad, held until 1302, is not drawn).",
    ),
    dict(
        polity="ayyubids",
        start=1240,
        end=1249,
        regions=["EGYPT", "SYRIA", "JAZIRA"],
        precision=3,
        note=AFTER_LEVANT + "; the Ayyubid principalities are drawn as one.",
    ),
    dict(polity="ayyubids", start=1250, end=1259, regions=["SYRIA", "JAZIRA"], precision=3, note=AFTER_LEVANT),
    dict(polity="mamluks", start=1250, end=1259, regions=["EGYPT"], precision=2, note=AFTER_LEVANT),
    dict(
        polity="mamluks",
        start=1260,
        end=1345,
        regions=["EGYPT", "SYRIA"],
        precision=2,
        note=AFTER_LEVANT + "; the Euphrates frontier with the Ilkhanate.",
    ),
    dict(polity="abbasids", start=1240, end=1257, regions=["IRAQ"], precision=3, note=AFTER_MONGOLS),
    dict(
        polity="ilkhanate",
        start=1256,
        end=1345,
        regions=["IRAN", "IRAQ", "JAZIRA"],
        precision=3,
        note=AFTER_MONGOLS + "; includes the Georgian and Armenian vassal "
        "kingdoms; Iraq from 1258 (the Abbasid shape ranks above it until then).",
    ),
    # Steppe and Central Asia
    dict(
        polity="mongol-empire",
        start=1240,
        end=1255,
        regions=["IRAN"],
        precision=3,
        note=AFTER_MONGOLS + "; Iran under Mongol military governors before Hülegü.",
    ),
    dict(polity="mongol-empire", start=1240, end=1241, regions=["STEPPE"], precision=3, note=AFTER_MONGOLS),
    dict(
        polity="mongol-empire",
        start=1240,
        end=1345,
        regions=["MONGOLIA_ASIA"],
        precision=3,
        note=AFTER_MONGOLS + "; after 1260 a schematic stand-in for the Chagatai Khanate and "
        "the Yuan, not drawn separately.",
    ),
    dict(
        polity="golden-horde",
        start=1242,
        end=1345,
        regions=["STEPPE"],
        precision=3,
        note=AFTER_MONGOLS + "; the tributary Rus' principalities are not drawn.",
    ),
    dict(
        polity="nogai",
        start=1280,
        end=1299,
        regions=["NOGAI"],
        precision=3,
        start_edtf="1280~",
        note=AFTER_MONGOLS + "; Nogai's western ulus between the Danube and the Dnieper, de facto autonomous.",
    ),
]

REGIONS["RHODES_BOX"] = [_box(27.6, 35.8, 28.3, 36.5)]

# Highest first: a polity's land is what its components cover minus every higher-ranked
# polity visible in the same years.
PRIORITY: list[str] = [
    "genoa",
    "venice",
    "hospitallers",
    "latin-empire",
    "thessalonica",
    "crusader-states",
    "cyprus",
    "trebizond",
    "cilicia",
    "ottomans",
    "beylik-karasi",
    "beylik-saruhan",
    "beylik-aydin",
    "beylik-mentese",
    "beylik-germiyan",
    "beylik-hamid",
    "beylik-karaman",
    "beylik-candar",
    "serbia",
    "byzantium",
    "athens",
    "achaea",
    "thessaly",
    "epirus",
    "bulgaria",
    "nogai",
    "rum-west",
    "rum-east",
    "rum",
    "abbasids",
    "ayyubids",
    "mamluks",
    "papacy",
    "hungary",
    "ilkhanate",
    "golden-horde",
    "mongol-empire",
]
