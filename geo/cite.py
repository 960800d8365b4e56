""" "Cite this view": a plain-text citation and a BibTeX entry for what the atlas shows now.

Pure Python. The page fills in what only the browser knows when the reader asks for the citation: the
view's full address (which also carries the map's centre and zoom, moved in the browser) and the date
of access. The templates hold :data:`URL` and :data:`ACCESSED` (and :data:`ACCESSED_KEY`, the date
without dashes) for that; everything else, the data version included (:func:`geo.citation.data_version`),
is filled in here.
"""

from __future__ import annotations

import re

from geo.citation import ATLAS_TITLE

URL = "%URL%"
ACCESSED = "%ACCESSED%"
ACCESSED_KEY = "%ACCESSEDKEY%"

_BIBTEX_SPECIAL = re.compile(r"([{}\\%&$#_^~])")


def view_words(year: int, window: str, n: int, selected_title: str | None) -> str:
    """What the view shows, in words: "the map of 1264, with “…” selected"."""
    span = {"around": f"{year - n}–{year + n}", "upto": f"everything up to {year}"}.get(window, f"{year}")
    return f"the map of {span}" + (f", with “{selected_title}” selected" if selected_title else "")


def citation_text(view: str, version: str) -> str:
    """The plain-text citation: title, what the view shows, its address, the data version, the access date."""
    return f"{ATLAS_TITLE}: {view}. {URL} (data version {version}; accessed {ACCESSED})."


def _bib(value: str) -> str:
    return _BIBTEX_SPECIAL.sub(r"\\\1", value)


def citation_bibtex(view: str, version: str) -> str:
    """A BibTeX ``@misc`` entry for the view, keyed by the data version and the access date."""
    return (
        f"@misc{{byzantine-mongol-atlas-{version}-{ACCESSED_KEY},\n"
        f"  title = {{{{{_bib(ATLAS_TITLE)}}}}},\n"
        f"  note = {{{_bib(view[0].upper() + view[1:])}; data version {version}}},\n"
        f"  howpublished = {{\\url{{{URL}}}}},\n"
        f"  url = {{{URL}}},\n"
        f"  urldate = {{{ACCESSED}}}\n"
        "}"
    )
