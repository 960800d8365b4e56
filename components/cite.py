""" "Cite this view": a button that shows the view's citation and BibTeX entry, each copied with one click.

An ``st.components.v2`` component (in the page, no iframe): the citation's address is read from the
page's own address when the reader opens it, so it holds the map's latest centre and zoom (which the
map writes there as it moves, without the server), and the access date is the reader's today. The
rest comes from Python (geo/cite.py); the text is put into the page with ``textContent``, never as HTML.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from geo.citation import data_version
from geo.cite import ACCESSED, ACCESSED_KEY, URL, citation_bibtex, citation_text

_HTML = """
<details class="cite">
  <summary>Cite this view</summary>
  <div class="cite-body">
    <div class="cite-head"><span>Citation</span><button type="button" data-copy="text">Copy citation</button></div>
    <pre data-out="text"></pre>
    <div class="cite-head"><span>BibTeX</span><button type="button" data-copy="bibtex">Copy BibTeX</button></div>
    <pre data-out="bibtex"></pre>
    <div class="cite-done" role="status" aria-live="polite"></div>
  </div>
</details>
"""

_CSS = """
.cite { font: 14px/1.4 sans-serif; color: #262730; margin: 0 0 .5rem 0; }
.cite summary { cursor: pointer; font-weight: 600; color: #0b57a4; }
.cite pre { white-space: pre-wrap; word-break: break-all; background: #f6f6f6; border: 1px solid #ddd;
  border-radius: 4px; padding: .4rem .5rem; font: 12px/1.35 monospace; margin: .2rem 0 .5rem 0; color: #222; }
.cite-head { display: flex; justify-content: space-between; align-items: center; margin-top: .3rem; }
.cite button { font: 13px sans-serif; padding: .15rem .6rem; border: 1px solid #8a8a8a; border-radius: 4px;
  background: #fff; color: #222; cursor: pointer; }
.cite-done { font-size: 12px; color: #1b6b35; min-height: 1em; }
"""

_JS = """
export default function (component) {
  const { data, parentElement } = component;
  const root = parentElement;
  const fill = () => {
    const url = window.location.href, now = new Date();
    const day = now.getFullYear() + "-" + String(now.getMonth() + 1).padStart(2, "0") + "-" +
      String(now.getDate()).padStart(2, "0");
    const put = (t) => t.split(data.tokens.url).join(url).split(data.tokens.accessedKey).join(day.replace(/-/g, ""))
      .split(data.tokens.accessed).join(day);
    root.querySelector('[data-out="text"]').textContent = put(data.text);
    root.querySelector('[data-out="bibtex"]').textContent = put(data.bibtex);
  };
  const details = root.querySelector("details");
  details.ontoggle = () => { if (details.open) fill(); };
  if (details.open) fill();
  root.querySelectorAll("[data-copy]").forEach((b) => {
    b.onclick = async () => {
      fill();  // the address as it is now
      const text = root.querySelector(`[data-out="${b.dataset.copy}"]`).textContent;
      let ok = false;
      try { await navigator.clipboard.writeText(text); ok = true; } catch (e) {
        const area = document.createElement("textarea");
        area.value = text; document.body.appendChild(area); area.select();
        try { ok = document.execCommand("copy"); } catch (e2) { ok = false; }
        area.remove();
      }
      root.querySelector(".cite-done").textContent = ok ? "Copied." : "Select the text and copy it.";
      root.lastCopied = text;
    };
  });
}
"""

_component = st.components.v2.component("atlas_cite_view", html=_HTML, css=_CSS, js=_JS)


@st.cache_data(show_spinner=False)
def _version(folder: str, stamp: tuple) -> str:
    return data_version(Path(folder))


def cite_view(folder: str, stamp: tuple, view: str) -> None:
    """Draw "Cite this view" for ``view`` (geo.cite.view_words) of the atlas in ``folder``."""
    version = _version(folder, stamp)
    _component(
        key="cite_view",
        data={
            "text": citation_text(view, version),
            "bibtex": citation_bibtex(view, version),
            "tokens": {"url": URL, "accessed": ACCESSED, "accessedKey": ACCESSED_KEY},
        },
    )
