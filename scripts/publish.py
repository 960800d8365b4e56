"""Write the static atlas to ``site/`` (``make publish``): ``python scripts/publish.py --out site/``.

The site's detail panel is the app's own (``geo/detail.py``); everything else is ``geo.publish.build_site``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.atlas import Atlas  # noqa: E402
from geo.detail import PanelLinks, event_html  # noqa: E402
from geo.features import EventFeature  # noqa: E402
from geo.labels import polity_names  # noqa: E402
from geo.publish import BUDGET_BYTES, DEFAULT_SLIDES, PublishError, build_site  # noqa: E402
from geo.validate import DATA_DIR  # noqa: E402


def app_detail_html(event: EventFeature, atlas: Atlas) -> str:
    """The app's detail panel of ``event`` (geo/detail.py, the HTML the app's panel shows) as one string."""
    return event_html(
        event,
        atlas.places,
        atlas.sources,
        events=atlas.events,
        polity_names=polity_names(atlas.polities),
        links=PanelLinks(),
    )


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
