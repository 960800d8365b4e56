"""Tells a screen reader which event was selected: a live region that stays in the page across runs.

A region Streamlit draws anew with each run is a new element, which screen readers do not announce;
this ``st.components.v2`` component keeps one element (``role="status"``, ``aria-live="polite"``) and only
changes its text, with ``textContent`` (never HTML).
"""

from __future__ import annotations

import streamlit as st

_HTML = '<div class="announce" role="status" aria-live="polite" aria-atomic="true"></div>'
#: Visually hidden, still read (the usual "screen-reader only" rule).
_CSS = (
    ".announce { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;"
    " clip: rect(0 0 0 0); white-space: nowrap; border: 0; }"
)
_JS = """
export default function (component) {
  const region = component.parentElement.querySelector(".announce");
  if (region.textContent !== component.data) region.textContent = component.data;
}
"""

_component = st.components.v2.component("atlas_announce", html=_HTML, css=_CSS, js=_JS)


def announce_selection(title: str | None, date_label: str | None) -> None:
    """Announce the selected event (its title and date in the text's words), or nothing when none is."""
    _component(key="announce_selection", data=f"Selected: {title}, {date_label}" if title else "")
