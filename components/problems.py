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
    whole_file = any(p.feature is None and p.drops_feature for p in problems)
    with st.expander(f"Data problems ({len(problems)})", expanded=whole_file):
        st.error(
            f"{len(problems)} problem(s) in the data; {dropped} of them left a feature or file out. "
            "Everything else is shown."
        )
        # str(Problem) is exactly what ``python -m geo.validate`` prints: file, feature, field, message
        items = "".join(
            f"<li><span class='atlas-problem'>{html_text(str(p))}</span> "
            f"<i>({'left out' if p.drops_feature else 'shown'})</i></li>"
            for p in problems
        )
        st.html(f"<ul style='font:12px/1.4 sans-serif'>{items}</ul>")
