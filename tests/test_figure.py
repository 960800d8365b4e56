"""Slide images: size, what the SVG says, that years differ, same inputs give the same bytes, labels never
overlap, and text from the data is escaped (the hostile fixture), all without a browser."""

from __future__ import annotations

import copy
import io
import itertools
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from geo.atlas import load_atlas
from geo.citation import data_version
from geo.figure import View, basemap, figure_bytes, figure_title, main, render_figure
from geo.search import Filters
from geo.validate import DATA_DIR
from geo.windows import visible_events
from tests.conftest import HOSTILE_DATA

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def atlas_full():
    """The atlas's own data."""
    return load_atlas(DATA_DIR)


@pytest.fixture(scope="module")
def svg_1264(atlas_full) -> str:
    return figure_bytes(atlas_full, View(1264), "svg").decode("utf-8")


@pytest.fixture(scope="module")
def png_1264(atlas_full) -> bytes:
    return figure_bytes(atlas_full, View(1264), "png")


def svg_texts(svg: str) -> list[str]:
    """Every text element's content, as a reader of the SVG sees it (entities decoded)."""
    return ["".join(el.itertext()) for el in ET.fromstring(svg).iter(f"{SVG}text")]


def test_png_is_1920_by_1080(atlas_full):
    png = figure_bytes(atlas_full, View(1282, "around", 1, selected="mongol-troops-to-constantinople-1282"), "png")
    assert Image.open(io.BytesIO(png)).size == (1920, 1080)


def test_svg_is_16_by_9_and_says_title_year_legend_and_version(atlas_full, svg_1264):
    root = ET.fromstring(svg_1264)
    _x, _y, width, height = map(float, root.get("viewBox").split())
    assert width / height == pytest.approx(1920 / 1080)
    texts = svg_texts(svg_1264)
    assert "The atlas in 1264" in texts
    shown = len(visible_events(atlas_full.events, 1264, "year", 0, Filters(), atlas_full.places))
    assert shown > 10
    assert f"Events of 1264 · {shown} events shown" in texts
    for legend in (
        "Events by kind, and how they are drawn",
        "uncertain date (dashed, translucent)",
        "Polities in 1264",
    ):
        assert legend in texts
    assert "invasion" in texts  # the Mongol invasion of Thrace, 1263–1264
    assert "tributary of the Golden Horde" in texts  # Bulgaria's status line, with the overlord's name
    assert any(f"data version {data_version(DATA_DIR)}" in t for t in texts)
    assert any(t.endswith(" km") for t in texts)  # the scale bar


def test_two_years_give_two_different_images(atlas_full, svg_1264, png_1264):
    svg_1330 = figure_bytes(atlas_full, View(1330), "svg").decode()
    assert svg_1330 != svg_1264
    assert "The atlas in 1330" in svg_texts(svg_1330)
    assert figure_bytes(atlas_full, View(1282), "png") != png_1264


def test_the_same_view_gives_the_same_bytes_and_no_date(atlas_full, svg_1264, png_1264):
    assert figure_bytes(atlas_full, View(1264), "svg").decode() == svg_1264
    assert "<dc:date>" not in svg_1264
    assert figure_bytes(atlas_full, View(1264), "png") == png_1264


def test_window_filters_and_selection_show_on_the_slide(atlas_full):
    view = View(1282, "around", 1, Filters(kinds=("alliance", "campaign")), "mongol-troops-to-constantinople-1282")
    texts = svg_texts(figure_bytes(atlas_full, view, "svg").decode())
    assert any(t.startswith("Events of 1281–1283 (1282 ± 1) · filtered by kinds: alliance, campaign") for t in texts)
    assert any(t.startswith("Selected: 4,000 Mongol soldiers") for t in texts)
    assert any(t.startswith("4,000 Mongol soldiers") for t in texts)  # named on the map too
    assert "campaign" in texts and "death" not in texts  # the legend lists only the kinds shown


@pytest.mark.parametrize("view", [View(1264, "upto"), View(1330), View(1282, "around", 1)])
def test_no_two_names_on_the_map_overlap(atlas_full, view):
    fig = render_figure(atlas_full, view, "v", basemap(DATA_DIR))
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in ax.texts if t.get_text()]
    assert len(boxes) > 10
    overlaps = [(a, b) for (a, ba), (b, bb) in itertools.combinations(boxes, 2) if ba.overlaps(bb)]
    assert overlaps == []
    inside = ax.get_window_extent(renderer)
    assert all(inside.x0 <= b.x0 and b.x1 <= inside.x1 for _t, b in boxes)


def test_hostile_names_are_escaped_text_in_the_svg():
    hostile = copy.deepcopy(load_atlas(HOSTILE_DATA))
    # dollar signs would be TeX to matplotlib: an odd number of them used to abort the drawing
    byzantium = next(f for f in hostile.polities if f["id"] == "byzantium-1261-1345")
    byzantium["properties"]["name"] = "Empire of $x$ ${window.__pwned=1} $"
    selected = next(e["id"] for e in hostile.events if e["properties"]["start"] <= 1278 <= e["properties"]["end"])
    svg = figure_bytes(hostile, View(1278, "upto", selected=selected), "svg", HOSTILE_DATA).decode("utf-8")
    root = ET.fromstring(svg)  # well-formed XML: nothing from the data broke out of a text node
    tags = {el.tag.removeprefix(SVG) for el in root.iter()}
    assert not tags & {"script", "img", "foreignObject", "iframe"}
    handlers = [k for el in root.iter() for k in el.attrib if k.lower().startswith("on")]
    assert handlers == []
    assert "<script" not in svg and "<img" not in svg
    texts = svg_texts(svg)
    # the payloads are shown as the literal text they are (names are cut short on a slide)
    assert any(t.startswith("Selected: Capture of Maria at Tirnovo <script>window.__pwned=1</script>") for t in texts)
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in svg
    assert "Empire of $x$ ${window.__pwned=1} $" in texts


def test_the_command_line_writes_png_and_svg(tmp_path, capsys):
    assert main(["--year", "1264", "--out", str(tmp_path / "slide.svg")]) == 0
    assert "The atlas in 1264" in (tmp_path / "slide.svg").read_text(encoding="utf-8")
    assert main(["--year", "1282", "--window", "around", "--n", "1", "--out", str(tmp_path / "s.png")]) == 0
    assert Image.open(tmp_path / "s.png").size == (1920, 1080)
    assert "drawing" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--year", "1264", "--out", str(tmp_path / "slide.pdf")])
    with pytest.raises(SystemExit):
        main(["--year", "1264", "--event", "no-such-event", "--out", str(tmp_path / "x.png")])


def test_title_and_format_guard(atlas_full):
    assert figure_title(View(1264)) == "The atlas in 1264"
    with pytest.raises(ValueError, match="format"):
        figure_bytes(atlas_full, View(1264), "gif")
