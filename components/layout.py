"""The page's layout rules for any screen: the map as tall as the window allows, the year's controls on one
row on a phone. Plain CSS, drawn once at the top of every run (always the same element, so nothing below
it moves between runs)."""

from __future__ import annotations

import streamlit as st

#: Key of the container around the year slider and its buttons (year_control.py); CSS finds it by it.
YEAR_ROW_KEY = "year_row"

LAYOUT_CSS = f"""<style>
/* The map takes the window's height below the controls above it (never less than 420 px): 560 px was a
   box too small on a wide screen and too tall for a phone's first screen. The map's own script follows
   its frame's height (atlasInit's fillHeight option). */
iframe[title="streamlit_folium.st_folium"] {{ height: max(420px, calc(100vh - 330px)) !important; }}
/* Streamlit stacks columns below 640 px: keep the step buttons and Play beside the year slider. */
.st-key-{YEAR_ROW_KEY} [data-testid="stHorizontalBlock"] {{ flex-wrap: nowrap !important; gap: 0.5rem; }}
.st-key-{YEAR_ROW_KEY} [data-testid="stColumn"] {{ min-width: 0 !important; width: auto !important;
  flex: 0 0 auto !important; }}
.st-key-{YEAR_ROW_KEY} [data-testid="stColumn"]:nth-child(2) {{ flex: 1 1 auto !important; }}
/* Streamlit's captions are grey at 60 % opacity (about 4:1 on white): a solid grey of 6:1 instead (WCAG AA). */
[data-testid="stCaptionContainer"] {{ opacity: 1 !important; }}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * {{ color: #5c5e68 !important; }}
/* Search results read as a list: one left-aligned line per event. */
.st-key-search_results button {{ min-height: 0 !important; padding: .15rem .6rem !important; }}
.st-key-search_results button, .st-key-search_results button * {{ justify-content: flex-start !important;
  text-align: left !important; }}
.st-key-search_results button p {{ font-size: .88rem !important; }}
/* The filters' chosen items show their whole title (two Wikipedia articles truncated to the same words). */
[data-testid="stMultiSelectTagsContainer"] [data-tag] {{ max-width: 100% !important; height: auto !important; }}
[data-testid="stMultiSelectTagsContainer"] [data-tag] span {{
  max-width: none !important; white-space: normal !important; overflow: visible !important;
  text-overflow: clip !important; height: auto !important; }}
/* Printing gives the map, its legend and the selected event, without the sidebar and the controls. */
@media print {{
  @page {{ size: A4; margin: 12mm; }}
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"], .st-key-{YEAR_ROW_KEY},
  [data-testid="stRadio"], [data-testid="stNumberInput"], [data-testid="stButton"], [data-testid="stDownloadButton"],
  [data-testid="stDataFrame"], [data-testid="stVegaLiteChart"], [data-testid="stHeading"], [data-testid="stAlert"],
  [data-testid="stCaptionContainer"], [data-testid="stExpander"], .st-key-search_results, .st-key-cite_view,
  .st-key-announce_selection, [data-testid="stBottomBlockContainer"], .st-key-relations, .st-key-start_here,
  .st-key-after_map, .st-key-event_table, [data-testid="stSkeleton"]
  {{ display: none !important; }}
  [data-testid="stMain"], [data-testid="stAppViewContainer"], [data-testid="stMainBlockContainer"], .block-container
  {{ padding: 0 !important; margin: 0 !important; max-width: none !important; overflow: visible !important;
  height: auto !important; position: static !important; }}
  [data-testid="stHorizontalBlock"] {{ display: block !important; }}
  [data-testid="stColumn"] {{ width: 100% !important; max-width: none !important; }}
  iframe[title="streamlit_folium.st_folium"] {{ height: 105mm !important; break-inside: avoid; }}
  /* the panel's and the legend's own print rules are in their HTML (geo/detail.py, geo/render.py) */
}}
@media (max-width: 640px) {{
  .block-container {{ padding-top: 2.75rem !important; }}
  .block-container h3 {{ font-size: 1.1rem !important; }}
  iframe[title="streamlit_folium.st_folium"] {{ height: max(360px, calc(100vh - 300px)) !important; }}
}}
</style>"""


def layout_css() -> None:
    """Put the layout rules into the page."""
    st.html(LAYOUT_CSS)


#: Brings a returning reader to the top of the atlas, or, where the detail panel lies below the first screen (a
#: phone), to the selected event: Streamlit keeps the scroll of the page the reader came from.
_SCROLL_BACK = """<script>(function () {
  function go() {
    var main = document.querySelector('[data-testid="stMain"]') || document.scrollingElement;
    [main, document.scrollingElement].forEach(function (el) { if (el) el.scrollTop = 0; });
    var d = document.querySelector("#atlas-detail");
    if (d && d.getBoundingClientRect().top > window.innerHeight - 80) d.scrollIntoView({block: "start"});
    document.body.setAttribute("data-scrolled-back", "1");
  }
  setTimeout(go, 80); setTimeout(go, 600);
})();</script>"""


def scroll_back() -> None:
    """Scroll to the top of the atlas (or to the selected event on a phone): once, on the way back from the
    sources page."""
    st.html(_SCROLL_BACK, unsafe_allow_javascript=True)
