"""``python -m geo.validate [--stats] [--data DIR]``: print every problem, exit 1 if there is any."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from geo.validate.files import DATA_DIR
from geo.validate.folder import validate_folder
from geo.validate.problems import Report


def stats(report: Report) -> str:
    """Event count, kinds and events per source, as printed by ``--stats``."""
    events = [f for f in (report.docs.get("events") or {}).get("features", []) if isinstance(f, dict)]
    kinds = Counter(f.get("properties", {}).get("kind") for f in events)
    per_source: Counter[str] = Counter()
    accounts = 0
    for f in events:
        props = f.get("properties", {})
        cited = {c.get("source") for c in props.get("citations", [])}
        for acc in props.get("accounts") or []:
            accounts += 1
            cited |= {c.get("source") for c in acc.get("citations", [])}
        for s in cited:
            per_source[s] += 1
    places = (report.docs.get("places") or {}).get("features", [])
    polities = (report.docs.get("polities") or {}).get("features", [])
    lines = [
        f"events: {len(events)}  (with conflicting accounts: "
        f"{sum(1 for f in events if f.get('properties', {}).get('accounts'))}, accounts: {accounts})",
        "kinds: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items(), key=lambda kv: (-kv[1], str(kv[0])))),
        "events per source:",
    ]
    lines += [f"  {s}: {n}" for s, n in sorted(per_source.items())]
    lines.append(
        f"places: {len(places)}; polity features: {len(polities)} "
        f"({len({p.get('properties', {}).get('polity') for p in polities})} polities)"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: print every problem and exit 1 if there is any."""
    parser = argparse.ArgumentParser(
        prog="python -m geo.validate", description="Validate everything under data/ and report every problem at once."
    )
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="data folder (default: data/)")
    parser.add_argument("--stats", action="store_true", help="also print event counts")
    args = parser.parse_args(argv)
    report = validate_folder(args.data)
    if args.stats:
        print(stats(report))
    if report.ok:
        print(f"OK: {args.data} is valid.")
        return 0
    print(f"{len(report.problems)} problem(s) in {args.data}:", file=sys.stderr)
    for problem in report.problems:
        print(f"  {problem}", file=sys.stderr)
    return 1
