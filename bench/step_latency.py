"""Year-step benchmark: the atlas against the floor app and the naive baseline, in one run.

    .venv/bin/python bench/step_latency.py                      # scale 1, all three apps
    .venv/bin/python bench/step_latency.py --scale 1 10 100     # growth with data size
    .venv/bin/python bench/step_latency.py --apps app floor --steps 30 --drags 4

For each app (one server at a time, each on its own port, one Chromium) it measures:

* cold start: server start to ``/_stcore/health``; the first visit after server start (a fresh
  browser context) and then ``--opens`` new tabs on the running server (same context: its HTTP
  cache), from ``goto`` to the first map with polities (``path.leaflet-interactive``) and events
  (``.atlas-event``) drawn in the iframe. For the atlas, first a server on an empty disk cache
  (``ATLAS_CACHE_DIR`` of the run's own: the data never seen, validated and bundled on the first
  visit), then a restart on that cache, which the rest of the figures are taken from;
* year steps by keyboard: focus the slider, press ArrowRight / ArrowLeft; step latency = last
  DOM mutation in the map iframe (MutationObserver, Date.now()) - keydown (Date.now() in the
  page: same clock), waiting for 400 ms without mutation after at least one (10 s timeout);
* year steps by mouse drag along the slider: from the pointer release to the last map change;
* per step: iframe reloads (a flag on the iframe's window that must survive + 'framenavigated'
  events of the component frame), websocket bytes received, HTTP bytes, the server's script
  run time (ATLAS_TIMING_LOG lines written during the step, summed) and reruns;
* a step after which the map did not change at all within 3 s (a year drawn exactly like the
  previous one: streamlit-folium re-renders nothing) is counted as "without map change" and left
  out of the latency statistics; a step that changed but never settled within 10 s is a timeout;
* zoom/pan: a non-default view is set before stepping and compared afterwards;
* errors: page errors, Streamlit exception elements, requests outside 127.0.0.1 (blocked);
* with ``--heap-steps N``: N more steps back and forth over ``--heap-span`` years, the page's used JS
  heap after a forced collection (CDP ``HeapProfiler.collectGarbage``, then ``Performance.getMetrics``
  ``JSHeapUsedSize``) every 20 steps; growth = last / the reading after 20 steps - 1. The span is
  covered twice in the first 20 steps, so what grows after that is kept, not newly shown.

Prints a table per scale and the ratios the issue asks for, and writes JSON to bench/out/.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import (  # noqa: E402
    APPS,
    FIND_SLIDER_JS,
    IFRAME,
    INIT_SCRIPT,
    MAP_VIEW_JS,
    OUT,
    READY_JS,
    WAIT_QUIET,
    Server,
    data_dir_for,
    fmt,
    growth,
    is_external,
    js_heap_bytes,
    launch_browser,
    median,
    p95,
    ratio,
    read_timing_log,
    write_json,
)

SET_VIEW = {"center": [43.6, 27.9], "zoom": 7}
QUIET_MS = 400
STEP_TIMEOUT_MS = 10_000


class PageStats:
    """Counters fed by page events (websocket frames, responses, errors, frame navigations)."""

    def __init__(self, page: Any) -> None:
        self.ws_bytes = 0
        self.ws_frames = 0
        self.http_bytes = 0
        self.http_count = 0
        self.iframe_navs = 0
        self.errors: list[str] = []
        self.failed: list[str] = []
        page.on("websocket", self._ws)
        page.on("response", self._resp)
        page.on("pageerror", lambda e: self.errors.append(str(e)[:300]))
        page.on("requestfailed", lambda r: self.failed.append(r.url[:200]) if not is_external(r.url) else None)
        page.on("framenavigated", self._nav)
        self.page = page

    def _ws(self, ws: Any) -> None:
        def got(payload: Any) -> None:
            self.ws_bytes += len(payload)
            self.ws_frames += 1

        ws.on("framereceived", got)

    def _resp(self, r: Any) -> None:
        self.http_count += 1
        try:
            self.http_bytes += int(r.headers.get("content-length") or 0)
        except ValueError:
            pass

    def _nav(self, frame: Any) -> None:
        if frame != self.page.main_frame and "streamlit_folium" in frame.url:
            self.iframe_navs += 1

    def snap(self) -> tuple[int, int, int, int, int]:
        return self.ws_bytes, self.ws_frames, self.http_bytes, self.http_count, self.iframe_navs


def open_tab(ctx: Any, url: str, mode: str, timeout_ms: int = 300_000) -> tuple[float | None, Any, PageStats]:
    page = ctx.new_page()
    stats = PageStats(page)
    t0 = time.perf_counter()
    page.goto(url, wait_until="commit")
    try:
        page.wait_for_function(
            READY_JS, arg={"iframeSel": IFRAME, "mode": mode, "min": 1}, polling=25, timeout=timeout_ms
        )
        dt = time.perf_counter() - t0
    except Exception as exc:  # noqa: BLE001 - report and go on
        print(f"  ! map not drawn within {timeout_ms / 1000:.0f} s: {exc.__class__.__name__}", file=sys.stderr)
        dt = None
    return dt, page, stats


def map_frame(page: Any) -> Any:
    el = page.query_selector(IFRAME)
    return el.content_frame() if el else None


NOCHANGE_MS = 3000


def wait_quiet(page: Any, t0: float, min_interactive: int = 1, nochange: int | None = None) -> dict:
    return page.evaluate(
        WAIT_QUIET,
        {
            "t0": t0,
            "quiet": QUIET_MS,
            "timeout": STEP_TIMEOUT_MS,
            "minInteractive": min_interactive,
            "iframeSel": IFRAME,
            "nochange": nochange,
        },
    )


def one_step(page: Any, stats: PageStats, tlog: Path, tline: int, action: Any, clock: str) -> tuple[dict, int]:
    """Run ``action`` (a key press or a drag), wait for the map to settle, measure."""
    before = stats.snap()
    action()
    t_in = page.evaluate(f"window.{clock}")
    res = wait_quiet(page, t_in, nochange=NOCHANGE_MS)
    after = stats.snap()
    runs, tline = read_timing_log(tlog, tline)
    lat = (res["last"] - t_in) if res["ok"] else None
    return {
        "latency_ms": lat,
        "ok": res["ok"],
        "unchanged": bool(res.get("unchanged")),
        "reloaded": bool(res["reloaded"]),
        "ws_bytes": after[0] - before[0],
        "ws_frames": after[1] - before[1],
        "http_bytes": after[2] - before[2],
        "http_requests": after[3] - before[3],
        "iframe_navs": after[4] - before[4],
        "server_ms": sum(runs) if runs else None,
        "reruns": len(runs),
        "drawn": res["drawn"],
    }, tline


def drag_action(page: Any, direction: int, years: int) -> Any:
    def act() -> None:
        thumb = page.locator("[data-bench-year]").locator("xpath=../..")
        track = thumb.locator("xpath=..")
        tb, kb = track.bounding_box(), thumb.bounding_box()
        info = page.evaluate(
            "() => { const i = document.querySelector('[data-bench-year]'); return [Number(i.min), Number(i.max)]; }"
        )
        px_per_year = tb["width"] / max(1, info[1] - info[0])
        x, y = kb["x"] + kb["width"] / 2, kb["y"] + kb["height"] / 2
        page.mouse.move(x, y)
        page.mouse.down()
        moves = 8
        for i in range(1, moves + 1):
            page.mouse.move(x + direction * years * px_per_year * i / moves, y, steps=2)
            page.wait_for_timeout(40)
        page.mouse.up()

    return act


def bench_app(browser: Any, name: str, scale: int, args: argparse.Namespace) -> dict[str, Any]:
    app = APPS[name]
    if not app.is_file():
        return {"app": name, "skipped": f"{app} does not exist"}
    data = data_dir_for(scale)
    OUT.mkdir(parents=True, exist_ok=True)
    tlog = OUT / f"timing-{name}-x{scale}.jsonl"
    tlog.unlink(missing_ok=True)
    env = {"ATLAS_DATA_DIR": str(data), "ATLAS_TIMING_LOG": str(tlog)}
    mode = "any" if name == "floor" else "atlas"
    res: dict[str, Any] = {"app": name, "scale": scale, "data": str(data)}
    if name == "app":
        # a cache folder of this run's own: first a server that has never seen the data, then a restart
        cache = OUT / f"cache-x{scale}"
        shutil.rmtree(cache, ignore_errors=True)
        env["ATLAS_CACHE_DIR"] = str(cache)
        print(f"[x{scale}] {name}: first visit on data never seen (empty cache) ...", file=sys.stderr)
        with Server(app, env=env, log=OUT / f"server-{name}-x{scale}-cold.log") as srv:
            ctx = browser.new_context(viewport={"width": 1280, "height": 900})
            res["never_seen_first_visit_s"], page, _ = open_tab(ctx, srv.url, mode)
            res["never_seen_server_start_s"] = srv.startup_s
            ctx.close()
    print(f"[x{scale}] {name}: starting {app.name} ...", file=sys.stderr)
    with Server(app, env=env, log=OUT / f"server-{name}-x{scale}.log") as srv:
        res["server_start_s"] = srv.startup_s
        ctx = browser.new_context(viewport={"width": 1280, "height": 900})
        ctx.add_init_script(INIT_SCRIPT)
        external: list[str] = []
        ctx.on("request", lambda r: external.append(r.url) if is_external(r.url) else None)
        first, page, _ = open_tab(ctx, srv.url, mode)
        res["cold_first_visit_s"] = first
        page.close()
        opens = []
        for i in range(args.opens):
            dt, page, stats = open_tab(ctx, srv.url, mode)
            opens.append(dt)
            if i < args.opens - 1:
                page.close()
        res["open_new_tab_s"] = opens
        res["open_median_s"] = median([o for o in opens if o is not None])

        slider = page.evaluate(FIND_SLIDER_JS, args.slider_label)
        res["slider"] = slider
        if not slider:
            res["error"] = "no slider found"
            ctx.close()
            return res
        wait_quiet(page, 0)  # sets the flag on the iframe window
        frame = map_frame(page)
        view0 = frame.evaluate(MAP_VIEW_JS, SET_VIEW) if frame else None
        page.wait_for_timeout(1200)
        wait_quiet(page, 0)
        view_set = frame.evaluate(MAP_VIEW_JS, None) if frame else None
        res["view_set"] = view_set
        res["view_default"] = view0
        _, tline = read_timing_log(tlog, 0)
        stats.iframe_navs = 0

        def key(k: str) -> Any:
            def act() -> None:
                page.focus("[data-bench-year]")
                page.keyboard.press(k)

            return act

        value = slider["value"]
        hi_room = slider["max"] - value
        n_right = min(args.steps // 2 + args.warmup, max(0, hi_room))
        seq = ["ArrowRight"] * n_right + ["ArrowLeft"] * (args.steps + args.warmup - n_right)
        keys: list[dict] = []
        for i, k in enumerate(seq):
            step, tline = one_step(page, stats, tlog, tline, key(k), "__keyT")
            step["key"] = k
            if i >= args.warmup:
                keys.append(step)
        drags: list[dict] = []
        for d in range(args.drags):
            direction = 1 if d % 2 == 0 else -1
            step, tline = one_step(page, stats, tlog, tline, drag_action(page, direction, args.drag_years), "__ptrT")
            step["direction"] = direction
            drags.append(step)
        frame = map_frame(page)
        view_after = frame.evaluate(MAP_VIEW_JS, None) if frame else None
        res["view_after"] = view_after
        res["view_preserved"] = bool(
            view_set
            and view_after
            and view_set["zoom"] == view_after["zoom"]
            and abs(view_set["lat"] - view_after["lat"]) < 1e-6
            and abs(view_set["lng"] - view_after["lng"]) < 1e-6
        )
        if args.heap_steps and name != "naive":  # the naive app rebuilds its iframe every step: nothing to keep
            res.update(heap_run(page, key, args.heap_steps, args.heap_span))
        res["final_year"] = page.evaluate("() => Number(document.querySelector('[data-bench-year]').value)")
        res["exceptions"] = page.locator('[data-testid="stException"]').count()
        res["page_errors"] = stats.errors
        res["failed_requests"] = stats.failed
        res["external_requests"] = external
        res["key_steps"] = keys
        res["drag_steps"] = drags
        ctx.close()
    res.update(summarise(keys, drags))
    return res


HEAP_EVERY = 20


def heap_run(page: Any, key: Any, steps: int, span: int) -> dict[str, Any]:
    """``steps`` year steps back and forth over ``span`` years; the JS heap every 20 steps (see the docstring)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Performance.enable")
    samples = [(0, js_heap_bytes(cdp))]
    info = page.evaluate("() => { const i = document.querySelector('[data-bench-year]'); return [+i.value, +i.max]; }")
    lo = min(info[0], info[1] - span)
    year, direction = info[0], 1
    for i in range(1, steps + 1):
        if year >= lo + span:
            direction = -1
        elif year <= lo:
            direction = 1
        key("ArrowRight" if direction > 0 else "ArrowLeft")()
        year += direction
        wait_quiet(page, page.evaluate("window.__keyT"), nochange=NOCHANGE_MS)
        if i % HEAP_EVERY == 0:
            samples.append((i, js_heap_bytes(cdp)))
    cdp.detach()
    after20 = next((v for i, v in samples if i == HEAP_EVERY), None)
    return {
        "heap_samples": samples,
        "heap_after_20_mb": None if after20 is None else after20 / 2**20,
        "heap_at_end_mb": samples[-1][1] / 2**20,
        "heap_steps": steps,
        "heap_growth": growth(after20, samples[-1][1]),
    }


def summarise(keys: list[dict], drags: list[dict]) -> dict[str, Any]:
    lat = [s["latency_ms"] for s in keys if s["latency_ms"] is not None]
    srv = [s["server_ms"] for s in keys if s["server_ms"] is not None]
    return {
        "key_median_ms": median(lat),
        "key_p95_ms": p95(lat),
        "key_timeouts": sum(1 for s in keys if not s["ok"] and not s.get("unchanged")),
        "key_unchanged": sum(1 for s in keys if s.get("unchanged")),
        "key_steps_measured": len(lat),
        "iframe_reloads": sum(1 for s in keys + drags if s["reloaded"] or s["iframe_navs"]),
        "server_ms_median": median(srv),
        "server_ms_p95": p95(srv),
        "reruns_per_step_median": median([s["reruns"] for s in keys]),
        "ws_bytes_median": median([s["ws_bytes"] for s in keys]),
        "ws_bytes_max": max((s["ws_bytes"] for s in keys), default=None),
        "http_bytes_median": median([s["http_bytes"] for s in keys]),
        "drag_median_ms": median([s["latency_ms"] for s in drags if s["latency_ms"] is not None]),
        "drag_reruns_median": median([s["reruns"] for s in drags]),
    }


def table(results: list[dict]) -> str:
    rows = [("", *[r["app"] for r in results])]
    spec = [
        ("key step median (ms)", "key_median_ms", 0, ""),
        ("key step p95 (ms)", "key_p95_ms", 0, ""),
        ("key steps measured", "key_steps_measured", 0, ""),
        ("key steps w/o map change", "key_unchanged", 0, ""),
        ("key step timeouts (10 s)", "key_timeouts", 0, ""),
        ("iframe reloads", "iframe_reloads", 0, ""),
        ("zoom/pan preserved", "view_preserved", 0, ""),
        ("server ms/step median", "server_ms_median", 1, ""),
        ("server ms/step p95", "server_ms_p95", 1, ""),
        ("reruns/step", "reruns_per_step_median", 0, ""),
        ("ws KB/step median", "ws_bytes_median", 1, ""),
        ("ws KB/step max", "ws_bytes_max", 1, ""),
        ("http KB/step median", "http_bytes_median", 1, ""),
        ("drag: release->map (ms)", "drag_median_ms", 0, ""),
        ("drag reruns", "drag_reruns_median", 0, ""),
        ("server start (s)", "server_start_s", 2, ""),
        ("first visit, data never seen (s)", "never_seen_first_visit_s", 2, ""),
        ("first visit after start (s)", "cold_first_visit_s", 2, ""),
        ("new tab open median (s)", "open_median_s", 2, ""),
        ("JS heap after 20 steps (MB)", "heap_after_20_mb", 1, ""),
        ("JS heap at the end (MB)", "heap_at_end_mb", 1, ""),
        ("JS heap growth after 20 steps (%)", "heap_growth_pct", 1, ""),
        ("exceptions / page errors", None, 0, ""),
        ("external requests", None, 0, ""),
    ]
    for label, key, nd, unit in spec:
        cells = []
        for r in results:
            if "skipped" in r:
                cells.append("skipped")
            elif label.startswith("exceptions"):
                cells.append(f"{r.get('exceptions', 0)} / {len(r.get('page_errors', []))}")
            elif label.startswith("external"):
                cells.append(str(len(r.get("external_requests", []))))
            else:
                v = r.get(key)
                if key == "heap_growth_pct":
                    v = None if r.get("heap_growth") is None else 100 * r["heap_growth"]
                if key and key.startswith("ws_bytes") or key == "http_bytes_median":
                    v = None if v is None else v / 1024
                cells.append(fmt(v, nd, unit))
        rows.append((label, *cells))
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(str(c).rjust(w) if i else str(c).ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True)))
        for row in rows
    )


def _at_most(value: float | None, limit: float) -> bool | None:
    return None if value is None else value <= limit


def ratios(results: list[dict]) -> dict[str, Any]:
    """Ratios to the floor (and of the naive baseline) and the issue's targets, checked."""
    by = {r["app"]: r for r in results if "skipped" not in r}
    app, floor, naive = by.get("app", {}), by.get("floor", {}), by.get("naive", {})
    out = {
        "app/floor median": ratio(app.get("key_median_ms"), floor.get("key_median_ms")),
        "app/floor p95": ratio(app.get("key_p95_ms"), floor.get("key_p95_ms")),
        "naive/app median (speed-up)": ratio(naive.get("key_median_ms"), app.get("key_median_ms")),
        "app/floor new tab": ratio(app.get("open_median_s"), floor.get("open_median_s")),
        "app/floor first visit": ratio(app.get("cold_first_visit_s"), floor.get("cold_first_visit_s")),
    }
    targets = {
        "app/floor median": ("<=", 1.3),
        "app/floor p95": ("<=", 2.0),
        "naive/app median (speed-up)": (">=", 3.0),
        "app/floor new tab": ("<=", 1.2),
        "app/floor first visit": ("<=", 2.0),
    }
    checks = {}
    for k, v in out.items():
        op, lim = targets[k]
        checks[k] = None if v is None else (v <= lim if op == "<=" else v >= lim)
    if app:
        big = app.get("scale", 1) >= 100
        server_limit = 30 if big else 40
        checks[f"server ms median <= {server_limit}"] = _at_most(app.get("server_ms_median"), server_limit)
        checks["ws bytes max <= 100 KB"] = _at_most(app.get("ws_bytes_max"), 100 * 1024)
        checks["zero iframe reloads"] = app.get("iframe_reloads") == 0
        checks["zoom/pan preserved"] = app.get("view_preserved")
        if app.get("heap_growth") is not None:
            checks["JS heap growth after 20 steps <= 10 %"] = app["heap_growth"] <= 0.10
        if big:
            checks["first visit <= 8 s"] = _at_most(app.get("cold_first_visit_s"), 8.0)
            checks["new tab <= 2.5 s"] = _at_most(app.get("open_median_s"), 2.5)
            checks["step median <= 16 ms"] = _at_most(app.get("key_median_ms"), 16)
            checks["step p95 <= 50 ms"] = _at_most(app.get("key_p95_ms"), 50)
    return {"ratios": out, "targets": {k: f"{op} {lim}" for k, (op, lim) in targets.items()}, "checks": checks}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=int, nargs="+", default=[1], help="data scale(s): 1 10 100")
    ap.add_argument("--apps", nargs="+", default=["floor", "app", "naive"], choices=list(APPS))
    ap.add_argument("--steps", type=int, default=20, help="keyboard steps per app (half right, half left)")
    ap.add_argument("--warmup", type=int, default=2, help="unrecorded steps first")
    ap.add_argument("--drags", type=int, default=4, help="mouse drags along the slider")
    ap.add_argument("--drag-years", type=int, default=6, help="years covered by one drag")
    ap.add_argument("--opens", type=int, default=5, help="new tabs opened on the running server (median of these)")
    ap.add_argument("--heap-steps", type=int, default=0, help="steps after which the JS heap is read (0: none)")
    ap.add_argument("--heap-span", type=int, default=10, help="years the heap steps go back and forth over")
    ap.add_argument("--slider-label", default="year", help="aria-label of the year slider (substring)")
    ap.add_argument("--headed", action="store_true")
    args = ap.parse_args(argv)

    from playwright.sync_api import sync_playwright

    report: dict[str, Any] = {"started": time.strftime("%Y-%m-%dT%H:%M:%S"), "args": vars(args), "scales": {}}
    with sync_playwright() as pw:
        browser = launch_browser(pw, headless=not args.headed)
        try:
            for scale in args.scale:
                results = []
                for name in args.apps:
                    try:
                        results.append(bench_app(browser, name, scale, args))
                    except Exception as exc:  # noqa: BLE001 - one broken app must not hide the others
                        print(f"  ! {name}: {exc!r}", file=sys.stderr)
                        results.append({"app": name, "scale": scale, "skipped": f"error: {exc!r}"})
                rat = ratios(results)
                report["scales"][str(scale)] = {"results": results, **rat}
                print(f"\n=== scale x{scale} ===")
                print(table(results))
                print("ratios: " + ", ".join(f"{k} = {fmt(v, 2)}" for k, v in rat["ratios"].items()))
                print("checks: " + ", ".join(f"{k}: {fmt(v)}" for k, v in rat["checks"].items()))
        finally:
            browser.close()
    growth = {}
    for name in args.apps:
        growth[name] = {
            s: report["scales"][str(s)]["results"][args.apps.index(name)].get("key_median_ms") for s in args.scale
        }
    report["growth_key_median_ms"] = growth
    if len(args.scale) > 1:
        print(
            "\ngrowth of key-step median (ms): "
            + "; ".join(f"{n}: " + " -> ".join(f"x{s} {fmt(v)}" for s, v in g.items()) for n, g in growth.items())
        )
    path = write_json(
        f"step_latency-{'-'.join(f'x{s}' for s in args.scale)}-{time.strftime('%Y%m%d-%H%M%S')}.json", report
    )
    print(f"\nJSON: {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
