"""Write the static atlas to ``site/`` (``make publish``): ``python scripts/publish.py --out site/``.

The site's detail panel is the app's own (``components/detail.py``), captured here from its Streamlit calls by
a stand-in for ``st``, until the panel's HTML moves into a pure function in ``geo/`` (then ``geo.publish`` runs
alone). Everything else is ``geo.publish.build_site``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.atlas import Atlas  # noqa: E402
from geo.features import EventFeature  # noqa: E402
from geo.publish import BUDGET_BYTES, DEFAULT_SLIDES, PublishError, build_site  # noqa: E402
from geo.render import html_text  # noqa: E402
from geo.validate import DATA_DIR  # noqa: E402


class _Column:
    def __init__(self, recorder: _Recorder) -> None:
        self.recorder, self.parts = recorder, []

    def __enter__(self) -> _Column:
        self.recorder.into = self.parts
        return self

    def __exit__(self, *exc: object) -> None:
        self.recorder.into = None


class _Recorder:
    """Stands in for ``streamlit`` inside components/detail.py: keeps the HTML it is given, in page order."""

    def __init__(self) -> None:
        self.parts: list[Any] = []
        self.into: list[str] | None = None

    def html(self, body: str, **_kw: Any) -> None:
        (self.into if self.into is not None else self.parts).append(body)

    def info(self, body: str, **_kw: Any) -> None:
        self.parts.append(f'<p class="site-hint">{html_text(body)}</p>')

    def columns(self, spec: int, **_kw: Any) -> list[_Column]:
        cols = [_Column(self) for _ in range(spec)]
        self.parts.append(cols)
        return cols

    def page(self) -> str:
        out = []
        for part in self.parts:
            if isinstance(part, list):  # accounts side by side
                out.append('<div class="site-accounts">' + "".join(f"<div>{''.join(c.parts)}</div>" for c in part))
                out.append("</div>")
            else:
                out.append(part)
        return "".join(out)


def app_detail_html(event: EventFeature, atlas: Atlas) -> str:
    """The app's detail panel of ``event`` as one HTML string."""
    import components.detail as detail

    recorder = _Recorder()
    with mock.patch.object(detail, "st", recorder):
        detail.detail_panel(event, atlas.places, atlas.sources)
    return recorder.page()


def main(argv: list[str] | None = None) -> int:
    """Command line: build the site, print its files' sizes and check the budget."""
    ap = argparse.ArgumentParser(prog="scripts/publish.py", description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DATA_DIR, help="data folder (default: data/)")
    ap.add_argument("--out", type=Path, default=ROOT / "site", help="the site's folder (default: site/)")
    ap.add_argument("--base", help="the site's public URL, if known: the gazetteer's ids become IRIs under it")
    ap.add_argument(
        "--slides",
        default=",".join(map(str, DEFAULT_SLIDES)),
        help="years of the slide images to include, comma-separated ('' for none)",
    )
    ap.add_argument("--allow-problems", action="store_true", help="publish the valid part of data with problems")
    args = ap.parse_args(argv)
    slides = [int(y) for y in args.slides.split(",") if y.strip()]
    t0 = time.perf_counter()
    try:
        site = build_site(
            args.data, args.out, app_detail_html, slides=slides, base=args.base, allow_problems=args.allow_problems
        )
    except PublishError as exc:
        print(exc, file=sys.stderr)
        return 1
    for rel, size in sorted(site.files.items()):
        print(f"{size / 1024:9.1f} KB  {rel}")
    print(
        f"{site.out}: {len(site.files)} files, {site.total / 1024:.0f} KB (budget {BUDGET_BYTES / 1024:.0f} KB), "
        f"data version {site.version}, {time.perf_counter() - t0:.1f} s"
    )
    if site.total > BUDGET_BYTES:
        print(f"over budget by {(site.total - BUDGET_BYTES) / 1024:.0f} KB", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
