"""The data problems found while loading, listed so a contributor can fix them in one pass."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from geo.render import html_text
from geo.validate import Problem


def problems_panel(problems: Sequence[Problem]) -> None:
    """An expander listing every problem with file, feature and field."""
    if not problems:
        return
    dropped = sum(1 for p in problems if p.drops_feature)
    with st.expander(f"Data problems ({len(problems)})", expanded=False):
        st.error(f"{len(problems)} problem(s) in the data; {dropped} of them left a feature or file out. "
                 "Everything else is shown.")
        rows = "".join(
            f"<tr><td>{html_text(p.file)}</td><td>{html_text(p.feature or '—')}</td>"
            f"<td>{html_text(p.field or '—')}</td><td>{html_text(p.message)}</td>"
            f"<td>{'left out' if p.drops_feature else 'shown'}</td></tr>" for p in problems)
        st.html("<table style='font:12px/1.4 sans-serif' cellpadding='4'><tr><th align='left'>File</th>"
                "<th align='left'>Feature</th><th align='left'>Field</th><th align='left'>Problem</th>"
                f"<th></th></tr>{rows}</table>")
