"""The static site against the Streamlit app, in one run: what a reader's visit costs, and how many readers one
box serves.

    .venv/bin/python bench/site_vs_app.py                                 # 20 readers, 30 s each, 4 browsers
    .venv/bin/python bench/site_vs_app.py --readers 50 --duration 20 --browser-readers 6
    .venv/bin/python bench/site_vs_app.py --skip-load                     # the budget table only

Both on 127.0.0.1: the site (``make publish``'s files, written to bench/out/site/ without slides) served by
``python -m http.server`` (threaded, no caching headers but Last-Modified), the app by ``streamlit run`` on the
same data. Three parts, each bounded, the whole stopping by itself:

1. **Budget** (Chromium, one reader at a time): a first visit (empty cache) and a repeat visit (the same browser
   profile): requests that reached the server, those served from the browser's cache, bytes over the wire (HTTP
   with headers, and the app's websocket frames, from the DevTools protocol), time from ``goto`` to a drawn map
   (polities and events); then ``--steps`` year steps by keyboard, from the key press to the map's last DOM change
   (the app: bench/harness.py's probe of the map's iframe; the site: the same on its map's element). The server
   is warmed by one visit first, so "first visit" is a new reader's, not the server's first.
2. **HTTP load** (plain Python threads): ``--readers`` concurrent readers, each repeating a first visit for
   ``--duration`` seconds (no visit starts after that; every request times out after 30 s). A visit replays the
   requests the browser made in part 1, one after the other on new connections; for the app it also opens the
   page's websocket and asks for a script run, as the browser does, until the run has finished (the app's real
   work: a session, its script run and its elements). Reported: visits per second, MB/s, time to first byte (of
   the page, and of every request), visit time, the server's CPU seconds per visit and its memory.
3. **Browser first visits at once** (``--browser-readers`` Chromium contexts opened together): time to a drawn map.

Prints the tables and writes JSON to bench/out/site_vs_app.json.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import (  # noqa: E402
    APPS,
    BROWSER_ARGS,
    CHROMIUM,
    FIND_SLIDER_JS,
    IFRAME,
    INIT_SCRIPT,
    READY_JS,
    SITE,
    SITE_INIT_SCRIPT,
    SITE_READY_JS,
    SITE_WAIT_QUIET,
    WAIT_QUIET,
    Server,
    StaticServer,
    Traffic,
    data_dir_for,
    fmt,
    launch_browser,
    median,
    p95,
    publish_site,
    rss_kb,
    write_json,
)

HARD_CAP_S = 120
REQUEST_TIMEOUT_S = 30
QUERY = "?year=1264"


# --------------------------------------------------------------------------- part 1: the budget


def _ready(page: Any, target: str, timeout_ms: int = 120_000) -> None:
    if target == "site":
        page.wait_for_function(SITE_READY_JS, polling=25, timeout=timeout_ms)
    else:
        page.wait_for_function(
            READY_JS, arg={"iframeSel": IFRAME, "mode": "atlas", "min": 1}, polling=25, timeout=timeout_ms
        )


def visit(ctx: Any, url: str, target: str) -> tuple[Any, dict[str, Any]]:
    """One visit in ``ctx``: time to a drawn map, then what the page fetched until the network was idle."""
    page = ctx.new_page()
    traffic = Traffic(ctx, page)
    t0 = time.perf_counter()
    page.goto(url, wait_until="commit")
    _ready(page, target)
    drawn = time.perf_counter() - t0
    # what the map waited for: the map's data comes in parts, and the years out of view follow after the drawing
    at_drawn = {f"drawn_{k}": v for k, v in traffic.summary().items()}
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)  # the websocket's last frames
    return page, {"map_s": round(drawn, 3), **at_drawn, **traffic.summary(), "urls": traffic.urls}


def steps(page: Any, target: str, n: int) -> list[float]:
    """``n`` year steps by keyboard (right, then back left): key press to the map's last change, in ms."""
    if target == "site":
        page.focus("#year")
        probe, arg = SITE_WAIT_QUIET, {"quiet": 400, "timeout": 10_000}
    else:
        page.evaluate(FIND_SLIDER_JS, "year")
        page.focus("[data-bench-year]")
        probe = WAIT_QUIET
        arg = {"quiet": 400, "timeout": 10_000, "minInteractive": 1, "iframeSel": IFRAME, "nochange": 3000}
    page.evaluate(probe, {**arg, "t0": 0})
    out = []
    for i in range(n):
        page.keyboard.press("ArrowRight" if i < n // 2 else "ArrowLeft")
        t_in = page.evaluate("window.__keyT")
        res = page.evaluate(probe, {**arg, "t0": t_in})
        if res["ok"]:
            out.append(res["last"] - t_in)
    return out


def budget(pw: Any, urls: dict[str, str], n_steps: int) -> dict[str, Any]:
    browser = launch_browser(pw)
    out: dict[str, Any] = {}
    for target, base in urls.items():
        warm = browser.new_context()
        warm_page, _ = visit(warm, base + QUERY, target)  # the server's own first run is not a reader's
        warm.close()
        ctx = browser.new_context(viewport={"width": 1280, "height": 900})
        ctx.add_init_script(SITE_INIT_SCRIPT if target == "site" else INIT_SCRIPT)
        first_page, first = visit(ctx, base + QUERY, target)
        first_page.close()
        page, repeat = visit(ctx, base + QUERY, target)
        lat = steps(page, target, n_steps)
        out[target] = {
            "first": first,
            "repeat": repeat,
            "steps_ms": lat,
            "step_median_ms": median(lat),
            "step_p95_ms": p95(lat),
        }
        ctx.close()
        print(
            f"  {target}: first visit {first['map_s']} s, {first['requests']} requests, {first['total_kb']} KB",
            file=sys.stderr,
        )
    browser.close()
    return out


# --------------------------------------------------------------------------- part 2: HTTP load


def _get(base: str, path: str) -> tuple[float, int]:
    """GET ``path`` on a new connection: time to the response's first byte (s) and the body's bytes."""
    u = urlsplit(base)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=REQUEST_TIMEOUT_S)
    try:
        t0 = time.perf_counter()
        conn.request("GET", path, headers={"Accept-Encoding": "identity", "Connection": "close"})
        resp = conn.getresponse()
        ttfb = time.perf_counter() - t0
        body = resp.read()
        if resp.status >= 400:
            raise RuntimeError(f"{path}: HTTP {resp.status}")
        return ttfb, len(body)
    finally:
        conn.close()


def _script_run(base: str, query: str) -> tuple[float, int]:
    """Open the app's websocket and ask for a script run, as the page does; wait until the run has finished."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.sync.client import connect

    t0 = time.perf_counter()
    size = 0
    with connect(
        base.replace("http", "ws") + "_stcore/stream",
        subprotocols=["streamlit"],
        max_size=None,
        open_timeout=REQUEST_TIMEOUT_S,
    ) as ws:
        msg = BackMsg()
        msg.rerun_script.query_string = query.lstrip("?")
        ws.send(msg.SerializeToString())
        while True:
            raw = ws.recv(timeout=REQUEST_TIMEOUT_S)
            size += len(raw)
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            if fwd.WhichOneof("type") == "script_finished":
                return time.perf_counter() - t0, size


def _paths(urls: list[str], base: str) -> list[str]:
    host = urlsplit(base).netloc
    out = []
    for url in urls:
        u = urlsplit(url)
        if u.netloc == host and u.scheme == "http":
            out.append(u.path + (f"?{u.query}" if u.query else ""))
    return list(dict.fromkeys(out))


def _cpu_s(pid: int | None) -> float | None:
    """User and system CPU seconds of ``pid`` so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def load(base: str, paths: list[str], readers: int, duration: float, pid: int | None, app: bool) -> dict[str, Any]:
    """``readers`` threads repeating a first visit until ``duration`` seconds have passed."""
    visits: list[dict[str, Any]] = []
    lock = threading.Lock()
    deadline = time.monotonic() + duration

    def reader() -> None:
        while time.monotonic() < deadline:
            t0 = time.perf_counter()
            rec: dict[str, Any] = {"ttfb": [], "bytes": 0, "ok": True}
            try:
                for path in paths:
                    ttfb, size = _get(base, path)
                    rec["ttfb"].append(ttfb)
                    rec["bytes"] += size
                if app:
                    rec["script_s"], size = _script_run(base, QUERY)
                    rec["bytes"] += size
            except Exception as exc:  # noqa: BLE001 - a failed visit is a result, not a crash
                rec["ok"], rec["error"] = False, f"{exc.__class__.__name__}: {str(exc)[:120]}"
            rec["s"] = time.perf_counter() - t0
            with lock:
                visits.append(rec)

    cpu0, t0 = _cpu_s(pid), time.perf_counter()
    threads = [threading.Thread(target=reader, daemon=True) for _ in range(readers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(duration + 2 * REQUEST_TIMEOUT_S + 60)
    wall, cpu1 = time.perf_counter() - t0, _cpu_s(pid)
    ok = [v for v in visits if v["ok"]]
    doc = [v["ttfb"][0] * 1000 for v in ok if v["ttfb"]]
    every = [t * 1000 for v in ok for t in v["ttfb"]]
    mb = sum(v["bytes"] for v in ok) / 1e6
    cpu = (cpu1 - cpu0) if cpu0 is not None and cpu1 is not None else None
    return {
        "readers": readers,
        "duration_s": round(wall, 1),
        "requests_per_visit": len(paths) + (1 if app else 0),
        "visits_ok": len(ok),
        "visits_failed": len(visits) - len(ok),
        "errors": sorted({v["error"] for v in visits if not v["ok"]})[:5],
        "visits_per_s": round(len(ok) / wall, 2),
        "mb_per_s": round(mb / wall, 2),
        "kb_per_visit": round(mb * 1000 / len(ok), 1) if ok else None,
        "ttfb_page_p50_ms": median(doc),
        "ttfb_page_p95_ms": p95(doc),
        "ttfb_all_p95_ms": p95(every),
        "visit_p50_s": median([v["s"] for v in ok]),
        "visit_p95_s": p95([v["s"] for v in ok]),
        "script_run_p95_s": p95([v["script_s"] for v in ok if "script_s" in v]) if app else None,
        "server_cpu_s_per_visit": round(cpu / len(ok), 3) if cpu is not None and ok else None,
        "server_rss_mb": round((rss_kb(pid) or 0) / 1024, 1) if pid else None,
    }


# --------------------------------------------------------------------------- part 3: browsers at once


async def _browsers_at_once(url: str, target: str, k: int) -> list[float | None]:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)

        async def one() -> float | None:
            ctx = await browser.new_context(viewport={"width": 1280, "height": 900})
            try:
                page = await ctx.new_page()
                t0 = time.perf_counter()
                await page.goto(url, wait_until="commit", timeout=60_000)
                if target == "site":
                    await page.wait_for_function(SITE_READY_JS, polling=50, timeout=120_000)
                else:
                    await page.wait_for_function(
                        READY_JS, arg={"iframeSel": IFRAME, "mode": "atlas", "min": 1}, polling=50, timeout=120_000
                    )
                return round(time.perf_counter() - t0, 2)
            except Exception:  # noqa: BLE001 - not drawn within the bound
                return None
            finally:
                await ctx.close()

        times = await asyncio.gather(*(one() for _ in range(k)))
        await browser.close()
        return list(times)


# --------------------------------------------------------------------------- report


def _table(title: str, rows: list[tuple[str, Any]], site: dict, app: dict) -> list[str]:
    """A markdown table: one row per (label, cell function of a target's figures)."""
    out = [f"| {title} | static site | Streamlit app |", "| --- | ---: | ---: |"]
    return out + [f"| {label} | {cell(site)} | {cell(app)} |" for label, cell in rows]


def report(res: dict[str, Any]) -> str:
    """The run's tables, as in the README."""
    lines: list[str] = []
    if "budget" in res:
        b = res["budget"]
        lines += _table(
            "one reader",
            [
                ("first visit: requests", lambda d: fmt(d["first"]["requests"])),
                (
                    "first visit, until the map is drawn: requests / KB",
                    lambda d: f"{d['first']['drawn_requests']} / {fmt(d['first']['drawn_total_kb'])}",
                ),
                ("first visit: KB over the wire (HTTP + websocket)", lambda d: fmt(d["first"]["total_kb"])),
                ("first visit: time to a drawn map (s)", lambda d: fmt(d["first"]["map_s"], 2)),
                (
                    "repeat visit: requests to the server (of them 304) / from the cache",
                    lambda d: (
                        f"{d['repeat']['requests']} ({d['repeat']['not_modified']}) / {d['repeat']['from_cache']}"
                    ),
                ),
                ("repeat visit: KB over the wire", lambda d: fmt(d["repeat"]["total_kb"])),
                ("repeat visit: time to a drawn map (s)", lambda d: fmt(d["repeat"]["map_s"], 2)),
                ("year step, median / p95 (ms)", lambda d: f"{fmt(d['step_median_ms'])} / {fmt(d['step_p95_ms'])}"),
            ],
            b["site"],
            b["app"],
        )
    if "load" in res:
        ld = res["load"]
        lines += [""] + _table(
            f"{ld['site']['readers']} readers at once, {ld['site']['duration_s']:.0f} s each",
            [
                ("first visits completed (failed)", lambda d: f"{d['visits_ok']} ({d['visits_failed']})"),
                ("first visits per second", lambda d: fmt(d["visits_per_s"], 1)),
                ("MB/s served", lambda d: fmt(d["mb_per_s"], 1)),
                (
                    "time to first byte of the page, p50 / p95 (ms)",
                    lambda d: f"{fmt(d['ttfb_page_p50_ms'])} / {fmt(d['ttfb_page_p95_ms'])}",
                ),
                ("time to first byte of any request, p95 (ms)", lambda d: fmt(d["ttfb_all_p95_ms"])),
                ("whole visit, p50 / p95 (s)", lambda d: f"{fmt(d['visit_p50_s'], 2)} / {fmt(d['visit_p95_s'], 2)}"),
                ("server CPU per visit (s)", lambda d: fmt(d["server_cpu_s_per_visit"], 3)),
                ("server memory after the run (MB)", lambda d: fmt(d["server_rss_mb"])),
            ],
            ld["site"],
            ld["app"],
        )
    if "browsers" in res:

        def drawn(ts: list) -> str:
            ok = [t for t in ts if t is not None]
            return f"{len(ok)} of {len(ts)}; median {fmt(median(ok), 1)} s, max {fmt(max(ok) if ok else None, 1)} s"

        br = res["browsers"]
        lines += [""] + _table(
            f"{len(br['site'])} browsers opened at once",
            [("drew the map (within 120 s)", drawn)],
            br["site"],
            br["app"],
        )
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--readers", type=int, default=20, help="concurrent readers of the HTTP load (default 20)")
    ap.add_argument("--duration", type=float, default=30, help=f"seconds of HTTP load per target (max {HARD_CAP_S})")
    ap.add_argument("--browser-readers", type=int, default=4, help="Chromium contexts opened at once (default 4)")
    ap.add_argument("--steps", type=int, default=20, help="year steps per target (default 20)")
    ap.add_argument("--site", type=Path, help="a published site to serve (default: publish data/ to bench/out/site)")
    ap.add_argument("--skip-load", action="store_true", help="the budget only")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    site_dir = args.site or publish_site(SITE, data_dir_for(1))
    duration = min(args.duration, HARD_CAP_S)
    res: dict[str, Any] = {"readers": args.readers, "duration_s": duration, "site": str(site_dir)}
    with StaticServer(site_dir) as static, Server(APPS["app"], env={"ATLAS_DATA_DIR": str(data_dir_for(1))}) as app:
        urls = {"site": static.url, "app": app.url}
        print("budget ...", file=sys.stderr)
        with sync_playwright() as pw:
            res["budget"] = budget(pw, urls, args.steps)
        if not args.skip_load:
            res["load"] = {}
            for target, base in urls.items():
                paths = _paths(res["budget"][target]["first"]["urls"], base)
                pid = static.pid if target == "site" else app.pid
                print(f"HTTP load: {args.readers} readers on the {target}, {duration:.0f} s ...", file=sys.stderr)
                res["load"][target] = load(base, paths, args.readers, duration, pid, app=target == "app")
            print(f"{args.browser_readers} browsers at once ...", file=sys.stderr)
            res["browsers"] = {
                t: asyncio.run(_browsers_at_once(u + QUERY, t, args.browser_readers)) for t, u in urls.items()
            }
    path = write_json("site_vs_app.json", res)
    print(report(res))
    print(f"\n(JSON: {path})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
