"""Load test: N concurrent browser sessions scrubbing the year and clicking markers on one server.

    .venv/bin/python bench/load.py                    # 20 sessions, 60 s, the atlas, data/
    .venv/bin/python bench/load.py --sessions 5 --duration 20 --app floor
    .venv/bin/python bench/load.py --scale 10 --settle 15

One server on 127.0.0.1 (a free port), one Chromium, N browser contexts (one page each). Every
session repeatedly presses ArrowRight / ArrowLeft on the year slider (staying inside its range)
and now and then clicks an event marker in the map iframe, waiting after each action for the
map to settle (the same MutationObserver probe as bench/step_latency.py). The run is bounded:
all sessions first open the page (at most ``--open-timeout`` s), then scrub together for
``--duration`` seconds (hard cap 300 s); closing is bounded by another 120 s.

Reports errors (page errors, Streamlit exception elements ``[data-testid="stException"]``,
failed requests, requests outside 127.0.0.1, steps that never settled), p50/p95 step latency,
and the server's RSS (VmRSS of the streamlit process) before the sessions, at peak, right after
all sessions closed and after ``--settle`` seconds. One visit is made and closed before the rounds,
so the atlas is loaded; then the memory of an open session is the RSS growth from the start of a
round to the moment all its sessions have drawn the map, divided by their number (per round: with
``--rounds 2`` a leak shows as growth from one round to the next). Prints a table, writes JSON to
bench/out/.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness as h  # noqa: E402

HARD_CAP_S = 300
MARKER_SEL = ".atlas-event, path.leaflet-interactive"


class Session:
    def __init__(self, idx: int) -> None:
        self.idx = idx
        self.steps: list[float] = []
        self.clicks: list[float] = []
        self.unchanged = 0
        self.timeouts = 0
        self.page_errors: list[str] = []
        self.failed: list[str] = []
        self.external: list[str] = []
        self.exceptions = 0
        self.action_errors: list[str] = []
        self.open_s: float | None = None


async def wait_quiet(page: Any, t0: float, timeout_ms: int) -> dict:
    return await page.evaluate(
        h.WAIT_QUIET,
        {"t0": t0, "quiet": 400, "timeout": timeout_ms, "minInteractive": 1, "iframeSel": h.IFRAME, "nochange": 8000},
    )


class Clock:
    """All sessions open first; the scrubbing starts together and ends at ``deadline``."""

    def __init__(self, n: int) -> None:
        self.ready = 0
        self.n = n
        self.all_ready = asyncio.Event()
        self.go = asyncio.Event()
        self.deadline = 0.0

    def arrived(self) -> None:
        self.ready += 1
        if self.ready >= self.n:
            self.all_ready.set()


async def run_session(browser: Any, url: str, idx: int, clock: Clock, mode: str, rng: random.Random) -> Session:
    s = Session(idx)
    ctx = await browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        await ctx.add_init_script(h.INIT_SCRIPT)
        page = await ctx.new_page()
        page.on("pageerror", lambda e: s.page_errors.append(str(e)[:300]))
        page.on("requestfailed", lambda r: s.failed.append(r.url[:200]) if not h.is_external(r.url) else None)
        page.on("request", lambda r: s.external.append(r.url[:200]) if h.is_external(r.url) else None)
        t0 = time.perf_counter()
        await page.goto(url, wait_until="commit", timeout=60_000)
        await page.wait_for_function(
            h.READY_JS, arg={"iframeSel": h.IFRAME, "mode": mode, "min": 1}, polling=50, timeout=90_000
        )
        s.open_s = time.perf_counter() - t0
        await page.wait_for_selector('[data-testid="stSlider"] input[type="range"]', state="attached", timeout=60_000)
        slider = await page.evaluate(h.FIND_SLIDER_JS, "year")
        if not slider:
            s.action_errors.append("no slider")
            return s
        year, lo, hi = slider["value"], slider["min"], slider["max"]
        direction = 1
        n = 0
        await wait_quiet(page, 0, 10_000)
        clock.arrived()
        await clock.go.wait()
        deadline = clock.deadline
        while time.monotonic() < deadline:
            n += 1
            left_ms = int((deadline - time.monotonic()) * 1000)
            if left_ms < 500:
                break
            try:
                if rng.random() < 0.2:
                    markers = page.frame_locator(h.IFRAME).locator(MARKER_SEL)
                    count = await markers.count()
                    if count:
                        t_in = await page.evaluate("Date.now()")
                        await markers.nth(rng.randrange(count)).click(force=True, timeout=3000)
                        res = await wait_quiet(page, t_in, min(10_000, left_ms))
                        if res["ok"]:
                            s.clicks.append(res["last"] - t_in)
                    continue
                if year >= hi:
                    direction = -1
                elif year <= lo:
                    direction = 1
                elif rng.random() < 0.15:
                    direction = -direction
                await page.focus("[data-bench-year]")
                await page.keyboard.press("ArrowRight" if direction > 0 else "ArrowLeft")
                year += direction
                t_in = await page.evaluate("window.__keyT")
                res = await wait_quiet(page, t_in, min(10_000, left_ms))
                if res["ok"]:
                    s.steps.append(res["last"] - t_in)
                elif res.get("unchanged"):
                    s.unchanged += 1
                elif time.monotonic() < deadline:
                    s.timeouts += 1
                if n % 10 == 0:
                    s.exceptions = max(s.exceptions, await page.locator('[data-testid="stException"]').count())
            except Exception as exc:  # noqa: BLE001 - a failed action is an error to report, not a crash
                if time.monotonic() < deadline:
                    s.action_errors.append(f"{exc.__class__.__name__}: {str(exc)[:200]}")
        s.exceptions = max(s.exceptions, await page.locator('[data-testid="stException"]').count())
    except Exception as exc:  # noqa: BLE001
        s.action_errors.append(f"session: {exc.__class__.__name__}: {str(exc)[:200]}")
        clock.arrived()
    finally:
        await ctx.close()
    return s


async def sample_rss(pid: int, samples: list[tuple[float, int]], stop: asyncio.Event) -> None:
    t0 = time.monotonic()
    while not stop.is_set():
        v = h.tree_rss_kb(pid)
        if v is not None:
            samples.append((time.monotonic() - t0, v))
        try:
            await asyncio.wait_for(stop.wait(), 0.5)
        except TimeoutError:
            pass


async def main_async(args: argparse.Namespace) -> dict[str, Any]:
    from playwright.async_api import async_playwright

    data = h.data_dir_for(args.scale)
    h.OUT.mkdir(parents=True, exist_ok=True)
    tlog = h.OUT / f"timing-load-{args.app}-x{args.scale}.jsonl"
    tlog.unlink(missing_ok=True)
    mode = "any" if args.app == "floor" else "atlas"
    duration = min(args.duration, HARD_CAP_S)
    rng = random.Random(args.seed)
    report: dict[str, Any] = {
        "app": args.app,
        "scale": args.scale,
        "sessions": args.sessions,
        "duration_s": duration,
        "data": str(data),
    }
    env = {"ATLAS_DATA_DIR": str(data), "ATLAS_TIMING_LOG": str(tlog)}
    if args.replicas > 1:  # bench/replicas.py: the sessions go through nginx to several replicas
        from replicas import Replicas

        server: Any = Replicas(args.replicas, env, h.APPS[args.app])
        report["replicas"] = args.replicas
    else:
        server = h.Server(h.APPS[args.app], env=env, log=h.OUT / f"server-load-{args.app}.log")
    with server as srv:
        await asyncio.sleep(1.0)
        report["rss_before_kb"] = h.tree_rss_kb(srv.pid)
        # one visit first, closed again: the atlas and its caches are loaded before anything is counted per session
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=h.CHROMIUM, args=h.BROWSER_ARGS)
            warm = Clock(1)
            warm.go.set()
            await run_session(browser, srv.url, -1, warm, mode, random.Random(0))
            await browser.close()
        await asyncio.sleep(2.0)
        report["rss_warm_kb"] = h.tree_rss_kb(srv.pid)
        samples: list[tuple[float, int]] = []
        stop = asyncio.Event()
        sampler = asyncio.create_task(sample_rss(srv.pid, samples, stop))
        sessions = []
        report["rss_after_rounds_kb"] = []
        report["rounds"] = []
        for round_no in range(args.rounds):
            async with async_playwright() as pw:
                browser = await pw.chromium.launch(executable_path=h.CHROMIUM, args=h.BROWSER_ARGS)
                try:
                    start = time.monotonic()
                    rss_round_start = h.tree_rss_kb(srv.pid)
                    clock = Clock(args.sessions)
                    tasks = []
                    for i in range(args.sessions):
                        tasks.append(
                            asyncio.create_task(
                                run_session(browser, srv.url, i, clock, mode, random.Random(rng.random()))
                            )
                        )
                        await asyncio.sleep(args.stagger)
                    try:
                        await asyncio.wait_for(clock.all_ready.wait(), args.open_timeout)
                    except TimeoutError:
                        print(
                            f"! only {clock.ready}/{args.sessions} sessions ready after "
                            f"{args.open_timeout} s; starting anyway",
                            file=sys.stderr,
                        )
                    report.setdefault("open_all_s", time.monotonic() - start)
                    rss_open = h.tree_rss_kb(srv.pid)
                    report["rounds"].append(
                        {
                            "rss_start_kb": rss_round_start,
                            "rss_all_open_kb": rss_open,
                            "sessions_open": clock.ready,
                            "per_session_kb": h.per_session_kb(rss_round_start, rss_open, clock.ready),
                        }
                    )
                    clock.deadline = time.monotonic() + duration
                    clock.go.set()
                    sessions += await asyncio.wait_for(asyncio.gather(*tasks), duration + 120)
                    report["wall_s"] = time.monotonic() - start
                finally:
                    await browser.close()
            report["rss_after_close_kb"] = h.tree_rss_kb(srv.pid)
            await asyncio.sleep(args.settle)
            report["rss_settled_kb"] = h.tree_rss_kb(srv.pid)
            # rounds of the same sessions on one server: a per-session leak grows round by round
            report["rss_after_rounds_kb"].append(report["rss_settled_kb"])
            print(
                f"round {round_no + 1}/{args.rounds}: RSS after close + {args.settle:.0f} s: "
                f"{report['rss_settled_kb'] / 1024:.1f} MB",
                file=sys.stderr,
            )
        stop.set()
        await sampler
        report["rss_peak_kb"] = max((v for _, v in samples), default=None)
        report["rss_samples"] = samples[:: max(1, len(samples) // 200)]
        report["server_alive"] = srv.proc.poll() is None
    runs, _ = h.read_timing_log(tlog)
    steps = [x for s in sessions for x in s.steps]
    clicks = [x for s in sessions for x in s.clicks]
    report.update(
        {
            "steps": len(steps),
            "clicks": len(clicks),
            "step_p50_ms": h.median(steps),
            "step_p95_ms": h.p95(steps),
            "click_p50_ms": h.median(clicks),
            "click_p95_ms": h.p95(clicks),
            "unchanged_steps": sum(s.unchanged for s in sessions),
            "timeouts": sum(s.timeouts for s in sessions),
            "page_errors": [e for s in sessions for e in s.page_errors],
            "exceptions": sum(s.exceptions for s in sessions),
            "failed_requests": [e for s in sessions for e in s.failed],
            "external_requests": [e for s in sessions for e in s.external],
            "action_errors": [e for s in sessions for e in s.action_errors],
            "open_p50_s": h.median([s.open_s for s in sessions if s.open_s is not None]),
            "sessions_opened": sum(1 for s in sessions if s.open_s is not None),
            "server_runs": len(runs),
            "server_run_p50_ms": h.median(runs),
            "server_run_p95_ms": h.p95(runs),
        }
    )
    return report


def table(r: dict[str, Any]) -> str:
    mb = lambda kb: None if kb is None else kb / 1024  # noqa: E731
    rows = [
        ("app / scale / sessions / seconds", f"{r['app']} / x{r['scale']} / {r['sessions']} / {r['duration_s']}"),
        ("sessions that opened the map", f"{r['sessions_opened']} (open p50 {h.fmt(r['open_p50_s'], 1)} s)"),
        ("year steps / marker clicks", f"{r['steps']} / {r['clicks']}"),
        ("step latency p50 / h.p95 (ms)", f"{h.fmt(r['step_p50_ms'])} / {h.fmt(r['step_p95_ms'])}"),
        ("click latency p50 / h.p95 (ms)", f"{h.fmt(r['click_p50_ms'])} / {h.fmt(r['click_p95_ms'])}"),
        ("steps w/o map change / timeouts", f"{r['unchanged_steps']} / {r['timeouts']}"),
        (
            "server script runs, p50 / h.p95 ms",
            f"{r['server_runs']}, {h.fmt(r['server_run_p50_ms'], 1)} / {h.fmt(r['server_run_p95_ms'], 1)}",
        ),
        ("page errors", str(len(r["page_errors"]))),
        ("st exceptions", str(r["exceptions"])),
        ("failed requests (local)", str(len(r["failed_requests"]))),
        ("external requests (blocked)", str(len(r["external_requests"]))),
        ("action errors", str(len(r["action_errors"]))),
        ("server RSS before (MB)", h.fmt(mb(r["rss_before_kb"]), 1)),
        ("server RSS after one visit, closed (MB)", h.fmt(mb(r.get("rss_warm_kb")), 1)),
        (
            "RSS per open session, each round (MB)",
            " / ".join(h.fmt(mb(x["per_session_kb"]), 2) for x in r.get("rounds", [])),
        ),
        ("server RSS peak (MB)", h.fmt(mb(r["rss_peak_kb"]), 1)),
        ("server RSS after close (MB)", h.fmt(mb(r["rss_after_close_kb"]), 1)),
        ("server RSS after settle (MB)", h.fmt(mb(r["rss_settled_kb"]), 1)),
        ("RSS after each round (MB)", " / ".join(h.fmt(mb(v), 1) for v in r.get("rss_after_rounds_kb", []))),
        ("server alive at the end", h.fmt(r["server_alive"])),
    ]
    w = max(len(a) for a, _ in rows)
    return "\n".join(f"{a.ljust(w)}  {b}" for a, b in rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", "-n", type=int, default=20)
    ap.add_argument("--duration", type=float, default=60.0, help=f"seconds of scrubbing (cap {HARD_CAP_S})")
    ap.add_argument(
        "--open-timeout",
        type=float,
        default=240.0,
        help="seconds to wait for all sessions to show the map before scrubbing starts",
    )
    ap.add_argument(
        "--stagger",
        type=float,
        default=3.0,
        help="seconds between session starts (20 tabs at once overwhelm 2 cores' Chromium)",
    )
    ap.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="repeat the whole load on the same server (memory after each round shows a leak)",
    )
    ap.add_argument("--settle", type=float, default=10.0, help="seconds to wait before the last RSS reading")
    ap.add_argument("--scale", type=int, default=1)
    ap.add_argument("--app", default="app", choices=list(h.APPS))
    ap.add_argument("--seed", type=int, default=1264)
    ap.add_argument("--replicas", type=int, default=1, help="N > 1: N replicas behind nginx (bench/replicas.py)")
    args = ap.parse_args(argv)
    report = asyncio.run(main_async(args))
    print(table(report))
    for key in ("page_errors", "action_errors", "failed_requests"):
        for e in report[key][:5]:
            print(f"  {key}: {e}")
    path = h.write_json(f"load-{args.app}-x{args.scale}-n{args.sessions}-{time.strftime('%Y%m%d-%H%M%S')}.json", report)
    print(f"JSON: {path}")
    bad = report["exceptions"] or report["page_errors"] or not report["server_alive"]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
