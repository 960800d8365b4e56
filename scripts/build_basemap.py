"""Build the atlas's offline base map: ``data/basemap/land.geojson`` and ``rivers.geojson``.

Land is Natural Earth (public domain) as packaged by the npm package ``world-atlas`` 2.0.2.
Run once, from the repository root, after unpacking the npm tarball::

    cd /tmp && npm pack world-atlas@2.0.2 && mkdir -p world-atlas \
        && tar xzf world-atlas-2.0.2.tgz -C world-atlas
    .venv/bin/python scripts/build_basemap.py /tmp/world-atlas/package

No registry among those the project can reach ships Natural Earth's river centrelines
(see ``data/basemap/PROVENANCE.md``), so the rivers below are hand-traced, approximate
polylines: good enough to show which side of the Danube a place lies, no more.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import box, mapping
from shapely.geometry.polygon import orient

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "basemap"

# The atlas region, split so that the Mediterranean / Black Sea / Anatolia / Levant core
# (where straits matter) uses 50m and Persia / Central Asia / Mongolia uses 110m.
CORE_BOX = (5.0, 20.0, 60.0, 60.0)
EAST_BOX = (60.0, 20.0, 110.0, 60.0)
DECIMALS = 3
SIMPLIFY_CORE = 0.002  # degrees; well below the 50m data's own detail, keeps the straits open
SIMPLIFY_EAST = 0.01

# Hand-traced, approximate river courses (lon, lat), source to mouth, digitised by eye
# against general physical maps; a few tens of vertices each.
RIVERS: dict[str, list[tuple[float, float]]] = {
    "Danube": [
        (8.2, 48.0),
        (9.6, 48.2),
        (11.4, 48.8),
        (12.1, 49.0),
        (13.4, 48.6),
        (14.3, 48.3),
        (15.6, 48.4),
        (16.4, 48.2),
        (17.1, 48.1),
        (18.0, 47.8),
        (18.9, 47.8),
        (19.0, 47.5),
        (18.9, 46.8),
        (18.8, 46.0),
        (19.0, 45.6),
        (19.4, 45.2),
        (20.2, 45.1),
        (20.5, 44.8),
        (21.3, 44.8),
        (22.0, 44.6),
        (22.5, 44.6),
        (22.7, 44.2),
        (23.3, 43.8),
        (24.4, 43.7),
        (25.4, 43.6),
        (26.0, 43.9),
        (26.6, 44.1),
        (27.3, 44.1),
        (27.9, 44.2),
        (28.0, 44.6),
        (28.0, 45.0),
        (28.1, 45.4),
        (28.2, 45.45),
        (28.6, 45.3),
        (28.8, 45.25),
        (29.1, 45.2),
        (29.4, 45.25),
        (29.7, 45.2),
    ],
    "Dniester": [
        (23.0, 49.5),
        (24.5, 49.0),
        (25.6, 48.7),
        (26.6, 48.6),
        (27.6, 48.3),
        (28.3, 47.9),
        (29.0, 47.3),
        (29.5, 46.8),
        (29.7, 46.5),
        (30.1, 46.3),
        (30.3, 46.2),
    ],
    "Dnieper": [
        (32.9, 55.2),
        (31.5, 54.4),
        (30.4, 53.9),
        (30.3, 52.5),
        (30.6, 51.3),
        (30.5, 50.45),
        (31.5, 49.6),
        (32.5, 49.2),
        (33.4, 49.0),
        (34.5, 48.5),
        (35.1, 47.9),
        (35.1, 47.5),
        (34.4, 47.0),
        (33.3, 46.7),
        (32.6, 46.6),
        (32.0, 46.55),
    ],
    "Southern Bug": [
        (26.7, 49.6),
        (28.4, 49.2),
        (29.6, 48.5),
        (30.8, 47.9),
        (31.5, 47.2),
        (31.9, 46.8),
        (31.9, 46.6),
    ],
    "Don": [
        (38.0, 54.0),
        (38.9, 53.2),
        (39.2, 52.0),
        (39.6, 51.0),
        (40.9, 50.3),
        (42.0, 49.9),
        (43.1, 49.5),
        (43.5, 48.9),
        (42.9, 48.2),
        (41.9, 47.7),
        (40.7, 47.5),
        (39.6, 47.2),
        (39.2, 47.1),
    ],
    "Volga": [
        (32.7, 57.2),
        (35.0, 56.8),
        (37.2, 56.8),
        (38.9, 57.6),
        (40.0, 57.6),
        (42.0, 56.9),
        (44.0, 56.3),
        (46.0, 56.0),
        (48.8, 55.8),
        (49.2, 55.3),
        (48.6, 54.3),
        (49.5, 53.4),
        (50.1, 53.2),
        (49.0, 52.2),
        (46.9, 51.5),
        (46.0, 51.5),
        (45.6, 50.5),
        (44.6, 49.4),
        (44.5, 48.7),
        (45.7, 47.9),
        (46.6, 47.0),
        (47.7, 46.3),
        (48.0, 46.3),
        (48.7, 45.9),
    ],
    "Kızılırmak (Halys)": [
        (38.6, 39.9),
        (37.7, 39.6),
        (36.9, 39.4),
        (35.8, 39.2),
        (34.9, 38.8),
        (34.5, 39.1),
        (33.7, 39.4),
        (33.4, 39.9),
        (33.6, 40.5),
        (34.2, 40.9),
        (34.9, 41.3),
        (35.5, 41.5),
        (35.95, 41.72),
    ],
    "Sakarya (Sangarios)": [
        (30.7, 39.2),
        (31.2, 39.4),
        (31.6, 39.7),
        (31.0, 40.1),
        (30.2, 40.2),
        (30.2, 40.5),
        (30.4, 40.8),
        (30.6, 41.15),
    ],
    "Euphrates": [
        (41.3, 39.9),
        (39.8, 39.7),
        (38.8, 39.0),
        (38.3, 38.3),
        (38.0, 37.4),
        (38.0, 36.8),
        (38.4, 36.0),
        (39.0, 35.95),
        (40.1, 35.3),
        (40.9, 34.5),
        (41.7, 34.2),
        (42.4, 33.8),
        (43.3, 33.4),
        (44.0, 32.7),
        (44.5, 32.1),
        (45.5, 31.3),
        (46.4, 31.0),
        (47.3, 31.0),
        (47.5, 31.0),
    ],
    "Tigris": [
        (39.8, 38.4),
        (40.5, 37.9),
        (41.9, 37.5),
        (42.5, 37.2),
        (42.9, 36.7),
        (43.15, 36.35),
        (43.3, 35.5),
        (43.8, 34.6),
        (44.3, 33.7),
        (44.4, 33.3),
        (45.0, 32.9),
        (46.0, 32.3),
        (47.0, 31.4),
        (47.5, 31.0),
        (48.0, 30.5),
        (48.6, 29.95),
    ],
    "Nile": [
        (32.5, 20.0),
        (32.8, 21.6),
        (31.5, 21.9),
        (31.9, 22.8),
        (32.9, 23.9),
        (32.9, 25.0),
        (32.6, 25.7),
        (32.8, 26.2),
        (31.6, 26.9),
        (31.2, 27.7),
        (30.8, 28.6),
        (31.2, 29.5),
        (31.25, 30.05),
        (31.2, 30.5),
        (31.0, 31.0),
        (30.9, 31.5),
    ],
    "Araxes (Aras)": [
        (41.2, 39.9),
        (42.5, 40.0),
        (43.6, 40.0),
        (44.6, 39.7),
        (45.6, 39.0),
        (46.5, 38.9),
        (47.9, 39.6),
        (48.6, 40.0),
        (49.0, 39.6),
    ],
    "Kura": [
        (42.7, 41.1),
        (43.3, 41.7),
        (44.3, 41.75),
        (44.8, 41.6),
        (46.0, 41.2),
        (47.0, 40.7),
        (47.8, 40.2),
        (48.6, 39.9),
        (49.3, 39.3),
    ],
    "Maritsa (Hebros)": [
        (23.6, 42.3),
        (24.7, 42.15),
        (25.6, 42.05),
        (26.3, 41.7),
        (26.6, 41.65),
        (26.4, 41.1),
        (26.05, 40.75),
    ],
}


def _read_land(path: Path, bbox: tuple[float, float, float, float]) -> shapely.Geometry:
    gdf = gpd.read_file(path, layer="land")
    world = shapely.make_valid(gdf.geometry.values[0])
    return shapely.make_valid(shapely.intersection(world, box(*bbox)))


def _polygons(geom: shapely.Geometry) -> list[shapely.Polygon]:
    if geom.is_empty:
        return []
    if geom.geom_type == "Polygon":
        return [geom]
    if hasattr(geom, "geoms"):
        return [p for g in geom.geoms for p in _polygons(g)]
    return []


def _clean(geom: shapely.Geometry, tolerance: float) -> list[shapely.Polygon]:
    simple = shapely.simplify(geom, tolerance, preserve_topology=True)
    fixed = shapely.make_valid(shapely.set_precision(simple, 10**-DECIMALS))
    return [orient(p, 1.0) for p in _polygons(fixed) if p.area > 1e-4]


def _write(path: Path, features: list[dict]) -> None:
    fc = {"type": "FeatureCollection", "features": features}
    path.write_text(json.dumps(fc, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{path.relative_to(ROOT)}: {path.stat().st_size / 1024:.0f} KB, {len(features)} features")


def build(atlas_dir: Path) -> None:
    """Clip, simplify and write land and rivers under ``data/basemap/``."""
    OUT.mkdir(parents=True, exist_ok=True)
    core = _clean(_read_land(atlas_dir / "land-50m.json", CORE_BOX), SIMPLIFY_CORE)
    east = _clean(_read_land(atlas_dir / "land-110m.json", EAST_BOX), SIMPLIFY_EAST)
    land = [
        {"type": "Feature", "properties": {"scale": scale}, "geometry": mapping(p)}
        for scale, polys in (("50m", core), ("110m", east))
        for p in polys
    ]
    _write(OUT / "land.geojson", land)

    rivers = [
        {
            "type": "Feature",
            "properties": {"name": name, "source": "hand-traced, approximate"},
            "geometry": {"type": "LineString", "coordinates": [list(c) for c in coords]},
        }
        for name, coords in RIVERS.items()
    ]
    _write(OUT / "rivers.geojson", rivers)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: build_basemap.py PATH/TO/world-atlas/package")
    build(Path(sys.argv[1]))
