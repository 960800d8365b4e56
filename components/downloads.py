"""Downloads: the events in view (GeoJSON, CSV), this map as a slide image (PNG, SVG), the gazetteer (Linked Places)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

import streamlit as st

from geo.atlas import Atlas
from geo.citation import data_version
from geo.features import EventFeature, Places
from geo.lpf import lpf_bytes, lpf_collection
from geo.tables import events_csv, events_geojson
from geo.view import View

GAZETTEER_FILE = "byzantine-mongol-places.lpf.json"


def _slide(atlas: Atlas, view: View, fmt: str, data_dir: Path) -> bytes:
    """The slide image; matplotlib is imported when a slide is first asked for, not on every first visit."""
    from geo.figure import figure_bytes

    return figure_bytes(atlas, view, fmt, data_dir)


def _gazetteer(atlas: Atlas, data_dir: Path) -> bytes:
    """The whole gazetteer as Linked Places JSON-LD, stamped with the data version."""
    return lpf_bytes(lpf_collection(atlas, data_version(data_dir)))


def downloads(
    events: list[EventFeature],
    places: Places,
    stem: str,
    *,
    atlas: Atlas | None = None,
    view: View | None = None,
    data_dir: Path | None = None,
) -> None:
    """Download buttons; each file is made only when its button is pressed.

    The events in view always; with ``atlas``, ``view`` and ``data_dir`` also "Download this map" (a
    1920×1080 PNG and an SVG of the year, window, filters and selection) and the gazetteer as LPF.
    """
    events_row: list[tuple[str, Callable[[], str | bytes], str, str, str]] = [
        ("Download GeoJSON", partial(events_geojson, events), f"{stem}.geojson", "application/geo+json", "dl_geojson"),
        (
            "Download CSV",
            partial(events_csv, events, places, atlas.sources if atlas else None),
            f"{stem}.csv",
            "text/csv",
            "dl_csv",
        ),
    ]
    for col, (label, make, name, mime, key) in zip(st.columns(2), events_row, strict=True):
        col.download_button(label, make, file_name=name, mime=mime, key=key, disabled=not events)
    if atlas is None or view is None or data_dir is None:
        return
    slide = f"byzantine-mongol-atlas-{view.year}"
    # label, the file made when pressed, its name, its type, the widget's key, what it is
    take_away: list[tuple[str, Callable[[], str | bytes], str, str, str, str]] = [
        (
            "Download this map (PNG)",
            partial(_slide, atlas, view, "png", data_dir),
            f"{slide}.png",
            "image/png",
            "dl_png",
            "A 1920×1080 slide of this year, window, filters and selection, with legend, scale and citation.",
        ),
        (
            "Download this map (SVG)",
            partial(_slide, atlas, view, "svg", data_dir),
            f"{slide}.svg",
            "image/svg+xml",
            "dl_svg",
            "The same slide as an editable vector drawing.",
        ),
        (
            "Gazetteer (Linked Places)",
            partial(_gazetteer, atlas, data_dir),
            GAZETTEER_FILE,
            "application/ld+json",
            "dl_lpf",
            "Every place of the atlas in Linked Places Format v2.0, which the World Historical Gazetteer imports.",
        ),
    ]
    for col, (label, make, name, mime, key, why) in zip(st.columns(3), take_away, strict=True):
        col.download_button(label, make, file_name=name, mime=mime, key=key, help=why)
