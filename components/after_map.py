"""Word from the browser that the map has drawn, so the rest of the page follows the map.

A new tab's map competed for the browser with everything drawn beside and below it in the same run
(the filters, the event list's grid, the timeline's Vega chart): all of them are drawn by the page's
one main thread, which the map's iframe shares. The first run of a session now draws the map and
this element; its script (an ``st.components.v2`` component, no iframe) waits until the map's drawing
code says it has drawn (``window.atlas.drawn`` in the map's iframe) and then sets a trigger value,
whose rerun draws the rest. If the map never says so (its data failed to load), the rest comes after
``TIMEOUT_MS`` all the same.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

#: The map's iframe, as streamlit-folium titles it.
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
#: The longest the rest of the page waits for the map.
TIMEOUT_MS = 4000

_JS = """
export default function (component) {
  const { data, setTriggerValue } = component;
  const started = Date.now();
  const drawn = () => {
    try {
      const frame = document.querySelector(data.frame);
      const atlas = frame && frame.contentWindow && frame.contentWindow.atlas;
      return !!(atlas && atlas.drawn);
    } catch (e) {
      return false;
    }
  };
  const timer = setInterval(() => {
    if (drawn() || Date.now() - started > data.timeout_ms) {
      clearInterval(timer);
      setTriggerValue("drawn", true);
    }
  }, 40);
  return () => clearInterval(timer);
}
"""

_after_map = st.components.v2.component("atlas_after_map", js=_JS)


def after_map(on_drawn: Callable[[], None], key: str = "after_map") -> None:
    """Call ``on_drawn`` (in the rerun it causes) once the map in this page has drawn, or after TIMEOUT_MS."""
    _after_map(key=key, data={"frame": MAP_FRAME, "timeout_ms": TIMEOUT_MS}, on_drawn_change=on_drawn)
