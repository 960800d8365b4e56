"""Render static PNG previews of the polity layer: ``docs/map-<year>.png``.

Needs matplotlib (an optional dependency)::

    .venv/bin/python scripts/render_years.py            # 1250, 1280, 1330
    .venv/bin/python scripts/render_years.py 1243 1300  # any years
"""

from __future__ import annotations

import sys
from pathlib import Path

import geopandas as gpd
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
EXTENT = (12.0, 60.0, 27.0, 53.0)  # west, east, south, north: the atlas's core
SEA = "#dbe9f4"


def render(year: int, out: Path) -> None:
    """Draw land, rivers and the polities drawn in ``year`` to a PNG at ``out``."""
    land = gpd.read_file(ROOT / "data/basemap/land.geojson")
    rivers = gpd.read_file(ROOT / "data/basemap/rivers.geojson")
    pol = gpd.read_file(ROOT / "data/polities.display.geojson")
    pol = pol[(pol["start"] <= year) & (pol["end"] >= year)]

    fig, ax = plt.subplots(figsize=(16, 10.5), dpi=90)
    ax.set_facecolor(SEA)
    land.plot(ax=ax, color="#f4f1e8", edgecolor="#9a9a8a", linewidth=0.4)
    for _, row in pol.iterrows():
        hatch = "//" if row["status"] in ("vassal", "tributary") else None
        gpd.GeoSeries([row.geometry]).plot(
            ax=ax, color=row["color"], alpha=0.55, edgecolor="#333333", linewidth=0.6, hatch=hatch
        )
    rivers.plot(ax=ax, color="#3a7dc0", linewidth=0.9)
    for _, row in pol.iterrows():
        geom = row.geometry
        parts = getattr(geom, "geoms", [geom])
        biggest = max(parts, key=lambda p: p.area)
        if biggest.area < 0.3:
            continue
        pt = biggest.representative_point()
        if not (EXTENT[0] < pt.x < EXTENT[1] and EXTENT[2] < pt.y < EXTENT[3]):
            continue
        label = row["name"] if biggest.area > 3 else row["polity"]
        if row["status"] != "sovereign" and row["overlord"]:
            label += f"\n({row['status']} of {row['overlord']})"
        ax.annotate(
            label,
            (pt.x, pt.y),
            ha="center",
            va="center",
            fontsize=7.5,
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "alpha": 0.6, "lw": 0},
        )
    ax.set_xlim(EXTENT[0], EXTENT[1])
    ax.set_ylim(EXTENT[2], EXTENT[3])
    ax.set_aspect(1.3)
    ax.set_title(f"Polities in {year} (schematic; hatched = vassal or tributary)")
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out)
    plt.close(fig)
    print(out.relative_to(ROOT))


if __name__ == "__main__":
    years = [int(a) for a in sys.argv[1:]] or [1250, 1280, 1330]
    for y in years:
        render(y, ROOT / "docs" / f"map-{y}.png")
