"""Year steps with the relations layer on, against the same steps with it off, in one run.

    .venv/bin/python bench/relations_step.py                    # real data, 20 steps in each tab
    .venv/bin/python bench/relations_step.py --steps 40 --from-year 1260

One server (``app.py`` on ``data/``), one Chromium, two tabs: one opened at ``?year=Y``, one at
``?year=Y&relations=1``. The tabs take turns: a key step in one, then the same key step in the other, so
both see the same years, the same server and the same machine load. Each step is measured as in
``bench/step_latency.py`` (key press -> last change of the map's DOM, quiet for 400 ms; the server's script
time from ``ATLAS_TIMING_LOG``; iframe reloads) and, in the map's own window, the time its drawing code spent
on the step: ``atlas.lastApplyMs`` (the year's polities and events) plus ``relations.lastDrawMs`` (the arcs).
That in-browser time is what must stay under one frame (16.7 ms at 60 Hz) for the layer to move with the
year in the browser; the end-to-end latency is reported beside it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import (  # noqa: E402
    APPS,
    FIND_SLIDER_JS,
    INIT_SCRIPT,
    OUT,
    Server,
    data_dir_for,
    fmt,
    is_external,
    launch_browser,
    median,
    p95,
    read_timing_log,
    write_json,
)
from step_latency import PageStats, open_tab, wait_quiet  # noqa: E402

IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
FRAME_MS = 1000 / 60
#: In the map's window: what its drawing code spent on the last year, and how many arcs are drawn.
DRAW_COST_JS = """el => {
  const w = el.contentWindow, a = w.atlas, r = w.relations;
  return {apply: a ? a.lastApplyMs : null, arcs: r ? Object.keys(r.shown).length : 0,
          rel: r && r.on ? r.lastDrawMs : 0, year: a && a.state ? a.state.year : null};
}"""


def _step(page: Any, stats: PageStats, tlog: Path, tline: int, key: str) -> tuple[dict[str, Any], int]:
    page.bring_to_front()  # a background tab gets no animation frames: the map would not follow the slider
    before = stats.snap()
    page.focus("[data-bench-year]")
    page.keyboard.press(key)
    t_in = page.evaluate("window.__keyT")
    res = wait_quiet(page, t_in, nochange=3000)
    after = stats.snap()
    runs, tline = read_timing_log(tlog, tline)
    cost = page.locator(IFRAME).evaluate(DRAW_COST_JS)
    return {
        "key": key,
        "year": cost["year"],
        "latency_ms": (res["last"] - t_in) if res["ok"] else None,
        "ok": res["ok"],
        "unchanged": bool(res.get("unchanged")),
        "reloaded": bool(res["reloaded"]) or after[4] > before[4],
        "ws_bytes": after[0] - before[0],
        "server_ms": sum(runs) if runs else None,
        "browser_ms": (cost["apply"] or 0) + (cost["rel"] or 0),
        "relations_ms": cost["rel"],
        "arcs": cost["arcs"],
    }, tline


def summary(steps: list[dict[str, Any]]) -> dict[str, Any]:
    """Median and p95 of each measure over the steps that changed the map."""
    lat = [s["latency_ms"] for s in steps if s["latency_ms"] is not None]
    browser = [s["browser_ms"] for s in steps]
    return {
        "steps": len(steps),
        "latency_median_ms": median(lat),
        "latency_p95_ms": p95(lat),
        "browser_median_ms": median(browser),
        "browser_p95_ms": p95(browser),
        "browser_max_ms": max(browser, default=None),
        "relations_median_ms": median([s["relations_ms"] for s in steps]),
        "server_median_ms": median([s["server_ms"] for s in steps if s["server_ms"] is not None]),
        "ws_bytes_median": median([s["ws_bytes"] for s in steps]),
        "arcs_median": median([s["arcs"] for s in steps]),
        "iframe_reloads": sum(1 for s in steps if s["reloaded"]),
        "timeouts": sum(1 for s in steps if not s["ok"] and not s["unchanged"]),
        "over_one_frame": sum(1 for s in steps if s["browser_ms"] > FRAME_MS),
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Both tabs on one server, stepping in turns; returns the per-step records and their summaries."""
    from playwright.sync_api import sync_playwright

    data = data_dir_for(1)
    OUT.mkdir(parents=True, exist_ok=True)
    tlog = OUT / "timing-relations.jsonl"
    tlog.unlink(missing_ok=True)
    env = {"ATLAS_DATA_DIR": str(data), "ATLAS_TIMING_LOG": str(tlog)}
    report: dict[str, Any] = {"started": time.strftime("%Y-%m-%dT%H:%M:%S"), "args": vars(args), "data": str(data)}
    with sync_playwright() as pw, Server(APPS["app"], env=env, log=OUT / "server-relations.log") as srv:
        browser = launch_browser(pw, headless=not args.headed)
        try:
            ctx = browser.new_context(viewport={"width": 1280, "height": 900})
            ctx.add_init_script(INIT_SCRIPT)
            external: list[str] = []
            ctx.on("request", lambda r: external.append(r.url) if is_external(r.url) else None)
            tabs = {}
            for name, query in (("off", f"?year={args.from_year}"), ("on", f"?year={args.from_year}&relations=1")):
                dt, page, stats = open_tab(ctx, srv.url + query, "atlas")
                page.evaluate(FIND_SLIDER_JS, "year")
                wait_quiet(page, 0)  # sets the flag on the iframe's window that a reload would lose
                stats.iframe_navs = 0
                tabs[name] = {"page": page, "stats": stats, "open_s": dt, "steps": []}
            _, tline = read_timing_log(tlog, 0)
            keys = ["ArrowRight"] * (args.steps // 2) + ["ArrowLeft"] * (args.steps - args.steps // 2)
            for i, key in enumerate(["ArrowRight"] * args.warmup + keys):
                for name in ("off", "on"):
                    tab = tabs[name]
                    step, tline = _step(tab["page"], tab["stats"], tlog, tline, key)
                    if i >= args.warmup:
                        tab["steps"].append(step)
            for name, tab in tabs.items():
                report[name] = {"open_s": tab["open_s"], "summary": summary(tab["steps"]), "steps": tab["steps"]}
                report[name]["page_errors"] = tab["stats"].errors
            report["external_requests"] = external
            ctx.close()
        finally:
            browser.close()
    return report


def table(report: dict[str, Any]) -> str:
    """The two tabs side by side."""
    rows = [
        ("year steps measured", "steps", 0),
        ("step latency, median (ms)", "latency_median_ms", 0),
        ("step latency, p95 (ms)", "latency_p95_ms", 0),
        ("map's drawing code per step, median (ms)", "browser_median_ms", 1),
        ("map's drawing code per step, p95 / max (ms)", ("browser_p95_ms", "browser_max_ms"), 1),
        ("  of which the arcs, median (ms)", "relations_median_ms", 1),
        ("steps over one frame (16.7 ms) in the browser", "over_one_frame", 0),
        ("arcs drawn, median", "arcs_median", 0),
        ("server time per step, median (ms)", "server_median_ms", 0),
        ("bytes to the browser per step, median", "ws_bytes_median", 0),
        ("iframe reloads", "iframe_reloads", 0),
        ("timeouts", "timeouts", 0),
    ]
    off, on = report["off"]["summary"], report["on"]["summary"]
    out = ["| | relations off | relations on |", "| --- | ---: | ---: |"]
    for label, key, nd in rows:
        if isinstance(key, tuple):
            cells = [" / ".join(fmt(s[k], nd) for k in key) for s in (off, on)]
        else:
            cells = [fmt(s[key], nd) for s in (off, on)]
        out.append(f"| {label} | {cells[0]} | {cells[1]} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", type=int, default=20, help="measured key steps in each tab (half right, half left)")
    ap.add_argument("--warmup", type=int, default=2, help="unrecorded steps first")
    ap.add_argument("--from-year", type=int, default=1262, help="the year both tabs open at")
    ap.add_argument("--headed", action="store_true")
    args = ap.parse_args(argv)
    report = run(args)
    print(table(report))
    errors = report["off"]["page_errors"] + report["on"]["page_errors"]
    print(f"page errors: {len(errors)}; requests outside 127.0.0.1: {len(report['external_requests'])}")
    path = write_json(f"relations_step-{time.strftime('%Y%m%d-%H%M%S')}.json", report)
    print(f"JSON: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
