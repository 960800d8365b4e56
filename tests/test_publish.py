"""``make publish``: the static site's files, without a browser (tests/test_site_browser.py drives them).

The site holds everything its pages load, under content-made names; its map is drawn by the app's own files;
every string from the data reaches it escaped (the hostile fixture's payloads only as text); it stays within
its budget; and it refuses to overwrite a folder it did not write.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from geo.detail import PANEL_CSS
from geo.livemap import SCRIPT_FILES
from geo.parts import split_bundle
from geo.prepare import prepared_bundle
from geo.publish import BUDGET_BYTES, MARKER, PublishError, build_site, content_name
from geo.site_pages import CSP
from geo.site_tours import relations_bytes
from geo.tour_view import TOUR_CSS, step_html
from scripts.publish import app_detail_html
from tests.conftest import FIXTURE_DATA, HOSTILE_DATA, ROOT


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The fixture atlas published (no slides: geo/figure.py has its own tests)."""
    return build_site(FIXTURE_DATA, tmp_path_factory.mktemp("site") / "site", app_detail_html, slides=())


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("hostile") / "site"
    return build_site(HOSTILE_DATA, out, app_detail_html, slides=(), allow_problems=True)


def config(site, page: str = "index.html") -> dict:
    text = (site.out / page).read_text(encoding="utf-8")
    return json.loads(re.search(r'<script type="application/json" id="atlas-config">(.*?)</script>', text, re.S)[1])


class _Tags(HTMLParser):
    """Every element and attribute in a piece of HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def test_the_pages_load_only_files_of_the_site(site):
    for page in ("index.html", "embed.html"):
        html = (site.out / page).read_text(encoding="utf-8")
        assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in html
        for tag, attrs in tags(html):
            assert not any(k.startswith("on") for k in attrs), (page, tag, attrs)
            for key in ("src", "href"):
                url = attrs.get(key)
                if url is None or tag == "a":
                    continue
                assert url == "data:," or (site.out / url).is_file(), (page, tag, url)
            if tag == "script":
                assert attrs.get("src") or attrs.get("type") == "application/json", attrs
        files = config(site, page)["files"]
        for name in files.values():
            assert (site.out / name).exists(), name


def test_assets_are_named_by_their_content(site):
    for rel in site.files:
        if rel.startswith("assets/") and "leaflet-" not in rel:
            path = site.out / rel
            stem, digest = re.fullmatch(r"assets/(.+)-([0-9a-f]{16})\.\w+", rel).groups()
            assert rel == f"assets/{content_name(stem, path.read_bytes(), path.suffix[1:])}"
            assert path.stat().st_mtime == 0  # a plain file server lets a browser keep it for years
    assert (site.out / "index.html").stat().st_mtime > 0  # asked for again on every visit


def test_the_map_is_drawn_by_the_apps_own_files(site):
    script = (site.out / config(site)["files"]["mapScript"]).read_bytes()
    app_files = [p for p in SCRIPT_FILES if p.name != "atlas_streamlit.js"]
    assert script == b"\n".join(p.read_bytes() for p in app_files)
    assert b"atlasStreamlit" not in script  # the app's Streamlit side stays in the app
    # no second copy of the drawing code in the repository: atlasInit is defined in one file only
    defined = [p for p in (ROOT / "geo").glob("*.js") if "function atlasInit(" in p.read_text(encoding="utf-8")]
    assert [p.name for p in defined] == ["atlas_layers.js"]


def test_the_site_holds_the_gazetteer_and_names_the_data_version(site):
    lpf = json.loads((site.out / "data" / "byzantine-mongol-places.lpf.json").read_text(encoding="utf-8"))
    assert lpf["atlas"]["data_version"] == site.version == config(site)["version"]
    assert site.version in (site.out / "index.html").read_text(encoding="utf-8")


def test_the_embed_differs_only_in_what_it_shows(site):
    index, embed = config(site), config(site, "embed.html")
    assert embed["embed"] is True and "embed" not in index
    assert index["map"]["options"]["viewParam"] == "view"  # the atlas keeps its view in its address, as the app
    assert embed["map"]["options"]["viewParam"] is None  # an embed never rewrites a course page's address
    assert index["files"] == embed["files"]


def test_the_real_site_fits_its_budget(tmp_path):
    site = build_site(ROOT / "data", tmp_path / "site", app_detail_html)
    on_disk = sum(p.stat().st_size for p in site.out.rglob("*") if p.is_file())
    assert on_disk == site.total <= BUDGET_BYTES
    slides = sorted((site.out / "slides").glob("*.png"))
    assert len(slides) == 3
    for path in slides:  # full size, in a palette: a third of the bytes (geo/publish.py small_png)
        with Image.open(path) as image:
            assert (image.size, image.mode) == ((1920, 1080), "P") and len(image.getcolors(256) or []) > 16


def part_urls(manifest: dict) -> list[str]:
    """Every file a parts manifest names (geo/parts.py part_names, with URLs)."""
    return [manifest["base"], *manifest["years"], *manifest["details"]]


def _html_values(value, key=""):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _html_values(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _html_values(v, key)
    elif isinstance(value, str) and (key.endswith("_html") or key in ("catalogue_html", "details")):
        yield value


def test_every_data_string_reaches_the_site_escaped(hostile_site):
    files = config(hostile_site)["files"]
    index = json.loads((hostile_site.out / files["index"]).read_text(encoding="utf-8"))
    sources = json.loads((hostile_site.out / files["sources"]).read_text(encoding="utf-8"))
    details = json.loads((hostile_site.out / files["details"]).read_text(encoding="utf-8"))
    parts = config(hostile_site)["map"]["options"]["parts"]
    bundle = [json.loads((hostile_site.out / u).read_text(encoding="utf-8")) for u in part_urls(parts)]
    relations = json.loads((hostile_site.out / files["relations"]).read_text(encoding="utf-8"))
    tours = json.loads((hostile_site.out / files["tours"]).read_text(encoding="utf-8"))
    html = [*_html_values(index), *_html_values(sources), *_html_values(bundle), *details.values()]
    html += [*_html_values(relations), *(panel for panels in tours.values() for panel in panels)]
    assert index["tours"] and any("&lt;script&gt;" in t["title_html"] for t in index["tours"])
    assert len(html) > 100 and any("&lt;script&gt;" in h for h in html)
    for piece in html:
        for tag, attrs in tags(piece):
            assert tag not in ("script", "img", "iframe", "object", "svg"), (tag, piece[:200])
            assert not any(k.startswith("on") for k in attrs), (tag, attrs)
            assert not any(str(v).strip().lower().startswith("javascript:") for v in attrs.values()), attrs
    for raw in (
        hostile_site.out / files["index"],
        hostile_site.out / files["details"],
        hostile_site.out / files["tours"],
    ):
        assert b"<" not in raw.read_bytes()  # JSON with \\u003c: safe even if a server sniffs it as HTML
    page = (hostile_site.out / "index.html").read_text(encoding="utf-8")
    assert "<script>window" not in page and "&lt;script&gt;" in page  # the filters' labels


def test_data_with_problems_is_not_published_unless_asked(tmp_path):
    with pytest.raises(PublishError, match="broken-event"):
        build_site(HOSTILE_DATA, tmp_path / "site", app_detail_html, slides=())
    assert not (tmp_path / "site").exists()


def test_a_folder_it_did_not_write_is_left_alone(tmp_path, site):
    mine = tmp_path / "notes"
    mine.mkdir()
    (mine / "lecture.txt").write_text("keep me")
    with pytest.raises(PublishError, match="not a site written by geo.publish"):
        build_site(FIXTURE_DATA, mine, app_detail_html, slides=())
    assert (mine / "lecture.txt").read_text() == "keep me"
    # a site written before is replaced whole: no stale asset survives a rebuild
    again = build_site(FIXTURE_DATA, tmp_path / "again", app_detail_html, slides=())
    (again.out / "assets" / "atlas-0000000000000000.json").write_text("{}")
    build_site(FIXTURE_DATA, again.out, app_detail_html, slides=())
    assert not (again.out / "assets" / "atlas-0000000000000000.json").exists() and (again.out / MARKER).is_file()


def test_the_site_shows_the_apps_detail_panel(site, atlas):
    event = next(e for e in atlas.events if e["properties"].get("accounts"))
    details = json.loads((site.out / config(site)["files"]["details"]).read_text(encoding="utf-8"))
    panel = details[event["id"]]
    assert 'id="atlas-detail"' in panel and "side by side" in panel
    assert panel.count("class='d-accounts'") == 1
    assert Path(site.out / "index.html").read_text(encoding="utf-8").count('id="detail"') == 1


def test_the_map_data_comes_in_the_apps_parts(site, atlas):
    options = config(site)["map"]["options"]
    assert "bundleUrl" not in options  # the first visit fetches land, names and the years in view, not everything
    manifest, parts = split_bundle(json.loads(prepared_bundle(atlas, FIXTURE_DATA, None)))
    assert part_urls(options["parts"]) == [f"assets/{n}" for n in part_urls(manifest)]
    for name, data in parts.items():
        assert (site.out / "assets" / name).read_bytes() == data
    assert options["parts"]["spans"] == manifest["spans"]


def test_the_panels_styles_are_published_once(site):
    files = config(site)["files"]
    css = (site.out / files["css"]).read_text(encoding="utf-8")
    assert ".d-panel" in css and ".tour-panel" in css and "<style>" not in css
    details = json.loads((site.out / files["details"]).read_text(encoding="utf-8"))
    tours = json.loads((site.out / files["tours"]).read_text(encoding="utf-8"))
    for panel in [*details.values(), *(p for panels in tours.values() for p in panels)]:
        assert "<style>" not in panel and panel.startswith("<div")
    assert PANEL_CSS.startswith("<style>") and TOUR_CSS.startswith("<style>")


def test_the_tours_are_the_apps(site, atlas):
    files = config(site)["files"]
    index = json.loads((site.out / files["index"]).read_text(encoding="utf-8"))
    panels = json.loads((site.out / files["tours"]).read_text(encoding="utf-8"))
    events = {e["id"]: e for e in atlas.events}
    assert [t["id"] for t in index["tours"]] == [t["id"] for t in atlas.tours] != []
    for tour, entry in zip(atlas.tours, index["tours"], strict=True):
        assert [s["events"] for s in entry["steps"]] == [s["events"] for s in tour["steps"]]
        assert [s["view"] for s in entry["steps"]] == [s["view"] for s in tour["steps"]]
        assert all(s["window"] in ("year", "around", "upto") and s["n"] >= 1 for s in entry["steps"])
        for i, panel in enumerate(panels[tour["id"]]):
            assert TOUR_CSS + panel == step_html(tour, i, events, atlas.sources, paused=True)
            assert f"Step {i + 1} of {len(tour['steps'])}" in panel


def test_the_relations_layer_reads_the_apps_data(site, atlas):
    cfg = config(site)
    rel = cfg["map"]["relations"]["dataUrl"]
    assert rel == cfg["files"]["relations"] and (site.out / rel).read_bytes() == relations_bytes(atlas)
    assert 'id="relations"' in (site.out / "index.html").read_text(encoding="utf-8")
