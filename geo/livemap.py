"""The folium side of the map: a base map whose JavaScript is the same on every rerun, and the year's state.

Why: st_folium re-sends its whole map script and the year's feature groups on every rerun, so a
design that rebuilds the year's layers in Python pays for every polygon and popup on every step
(~180 KB and ~250 ms here). Instead the atlas is prepared once per data version as a JSON bundle
(geo/bundle.py), split into parts (geo/parts.py) served by Streamlit's static file server and
fetched by the map's iframe as it needs them. The drawing code (geo/atlas_parts.js,
geo/atlas_layers.js and their helpers) is served the same way, as one file under a content-addressed
name; the base ``folium.Map`` only loads it and calls ``atlasInit(map, options)`` in one line, so its
JavaScript is identical on every rerun. What changes with the year is a feature group holding one
tiny element that calls ``window.atlasApply({...})`` with the year, the window, the filtered ids and
the selection. The browser then adds and removes the layers whose years touch the window.

Values reach the map's script only through folium's ``tojavascript`` filter: JSON with ``<``, ``>``,
``&`` and ``'`` as ``\\u`` escapes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import branca.element
import folium
import jinja2
from branca.element import Element, Figure, MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template

from geo.offline import use_local_assets
from geo.render import LAND, LAND_EDGE, MAP_CENTER, MAP_CSS, MAP_ZOOM, MAX_ZOOM, MIN_ZOOM, RIVER
from geo.windows import EARLIEST_YEAR

LAYERS_JS = Path(__file__).with_name("atlas_layers.js")
#: The drawing code as the app serves it, in this order: the data store (atlasParts), the helpers
#: atlas_layers.js uses (following the page, clicks, labels, shapes), the drawing code itself (atlasInit), the
#: relations layer (relationsInit), and the Streamlit side (atlasStreamlit), which a static page leaves out.
SCRIPT_FILES = (
    LAYERS_JS.with_name("atlas_parts.js"),
    LAYERS_JS.with_name("atlas_page.js"),
    LAYERS_JS.with_name("atlas_pick.js"),
    LAYERS_JS.with_name("atlas_labels.js"),
    LAYERS_JS.with_name("atlas_shapes.js"),
    LAYERS_JS,
    LAYERS_JS.with_name("relations_layer.js"),
    LAYERS_JS.with_name("atlas_streamlit.js"),
)


def layers_script() -> tuple[str, bytes]:
    """The drawing code's content-addressed file name and bytes: a changed file gets a new URL."""
    data = b"\n".join(path.read_bytes() for path in SCRIPT_FILES)
    return f"atlas-layers-{hashlib.sha256(data).hexdigest()[:16]}.js", data


# --------------------------------------------------------------------------- the folium side


@lru_cache(maxsize=256)
def _compiled(source: str) -> jinja2.Template:
    """A jinja template compiled once per source text (templates are immutable; rendering is thread-safe)."""
    return jinja2.Template(source)


# branca wraps every rendered piece of a map (the header, each script) in a new Element whose text is
# compiled as a jinja template, every time a map is rendered: st_folium renders the whole base map on
# every run, so ~10 ms of each year step went to compiling the same texts again. Each text is now
# compiled once (by source; the year's few-hundred-byte state is the only new text of a step).
branca.element.Template = _compiled  # type: ignore[misc,assignment]


class AtlasLayers(JSCSSMixin):
    """Loads the drawing code (like a folium plugin's script), calls ``atlasInit(map, options)`` and hands
    the result to ``atlasStreamlit``, which reports selections to Streamlit without delay."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "atlasStreamlit(atlasInit({{ this._parent.get_name() }}, {{ this.options|tojavascript }}));"
        "{% endmacro %}"
    )

    def __init__(
        self,
        script_url: str,
        data: str | Mapping[str, Any],
        slider_label: str | None = None,
        detail_selector: str | None = None,
    ) -> None:
        super().__init__()
        self._name = "AtlasLayers"
        self.default_js = [("atlas_layers", script_url)]
        # keys are camelCase already: tojavascript would camelize snake_case ones
        self.options = {
            # the bundle in parts (geo/parts.py, with URLs), or the whole bundle's URL
            ("bundleUrl" if isinstance(data, str) else "parts"): data,
            "earliestYear": EARLIEST_YEAR,
            "sliderLabel": slider_label,
            "detailSelector": detail_selector,
            "fillHeight": True,  # the page sizes the map's frame to the window (components/layout.py)
            "viewParam": "view",  # geo/urlstate.py: the map's centre and zoom in the shared link
            "landStyle": {"fillColor": LAND, "color": LAND_EDGE, "weight": 0.7, "fillOpacity": 1.0},
            "riverStyle": {"color": RIVER, "weight": 1.4, "opacity": 0.9},
        }


class YearState(MacroElement):
    """The only thing sent when the year changes: one call of ``window.atlasApply``."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "if (window.atlasApply) { window.atlasApply({{ this.state|tojavascript }}); }"
        "{% endmacro %}"
    )

    def __init__(self, state: Mapping[str, Any]) -> None:
        super().__init__()
        self._name = "YearState"
        self.state = dict(state)


_EXTRA_CSS = """<style>
.atlas-load-error { background: #fff3f0; color: #8a1c00; padding: 6px 10px; border: 1px solid #e0a090;
  font: 13px sans-serif; max-width: 260px; }
</style>"""


def live_base_map(
    bundle: str | Mapping[str, Any],
    script_url: str,
    slider_label: str | None = None,
    detail_selector: str | None = None,
) -> folium.Map:
    """The base map: no tiles, local Leaflet, the drawing code and the bundle (its parts' manifest, or the
    URL of the whole bundle in one file).

    Identical JavaScript on every call with the same arguments, so st_folium keeps its iframe (zoom
    and pan survive a step). ``slider_label`` is the aria-label of the page's year slider, which the
    map follows while it moves; ``detail_selector`` finds the page's detail panel ("+N more sources").
    """
    m = folium.Map(
        location=list(MAP_CENTER),
        zoom_start=MAP_ZOOM,
        tiles=None,
        min_zoom=MIN_ZOOM,
        max_zoom=MAX_ZOOM,
        control_scale=True,
        fade_animation=False,  # a popup shows, and goes, the moment it is clicked
    )
    m._id = "atlas"
    use_local_assets(m)
    root = m.get_root()
    assert isinstance(root, Figure)  # a folium.Map's root is always its Figure
    root.header.add_child(Element(MAP_CSS + _EXTRA_CSS), name="atlas_css")
    layers = AtlasLayers(script_url, bundle, slider_label, detail_selector)
    layers._id = "layers"
    m.add_child(layers, name="atlas_layers")
    return m


def year_state(
    year: int, lo: int, hi: int, mode: str, ids: Iterable[str] | None, selected: str | None, n: int = 0
) -> dict[str, Any]:
    """The state the browser needs to draw a year: window bounds (and N, so the browser can move
    the window itself while the slider moves), filtered ids (None = all), selection."""
    return {
        "year": int(year),
        "lo": int(lo),
        "hi": int(hi),
        "mode": mode,
        "n": int(n),
        "ids": None if ids is None else sorted(ids),
        "sel": selected,
    }


def year_group(state: Mapping[str, Any]) -> folium.FeatureGroup:
    """The feature group st_folium swaps in on each step: just the state, a few hundred bytes."""
    fg = folium.FeatureGroup(name="year", control=False)
    fg._id = "year"
    element = YearState(state)
    element._id = "state"
    fg.add_child(element, name="state")
    return fg
