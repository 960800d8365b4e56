"""Shared pieces of the benchmark scripts: statistics, servers, browser, in-page probes.

Pure helpers (``median``, ``p95``, ``percentile``, ``read_timing_log``, ``rss_kb``) are unit-tested
in ``tests/test_bench_tools.py``; the rest starts processes and drives Chromium.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
# the browser, its flags and a free port as the tests and screenshots have them (scripts/serve.py)
from serve import CHROMIUM, CHROMIUM_ARGS, free_port  # noqa: E402

BENCH = ROOT / "bench"
OUT = BENCH / "out"
VENV_BIN = Path(sys.executable).parent
IFRAME = 'iframe[title="streamlit_folium.st_folium"]'

APPS = {
    "app": ROOT / "app.py",
    "floor": BENCH / "apps" / "floor_app.py",
    "naive": BENCH / "apps" / "naive_app.py",
}

BROWSER_ARGS = [
    *CHROMIUM_ARGS,
    # No CDN: every host name except the loopback fails to resolve (attempts are still counted).
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1, EXCLUDE localhost",
]


# --------------------------------------------------------------------------- statistics


def percentile(values: list[float], q: float) -> float | None:
    """The ``q``-th percentile (0..100) by linear interpolation between closest ranks; None if empty."""
    xs = sorted(v for v in values if v is not None and not (isinstance(v, float) and math.isnan(v)))
    if not xs:
        return None
    if len(xs) == 1:
        return float(xs[0])
    pos = (len(xs) - 1) * q / 100.0
    lo = math.floor(pos)
    hi = math.ceil(pos)
    return float(xs[lo] + (xs[hi] - xs[lo]) * (pos - lo))


def median(values: list[float]) -> float | None:
    """The median (None for no values)."""
    return percentile(values, 50)


def p95(values: list[float]) -> float | None:
    """The 95th percentile (None for no values)."""
    return percentile(values, 95)


def ratio(a: float | None, b: float | None) -> float | None:
    """``a / b``, or None when either is missing or ``b`` is 0."""
    if a is None or b is None or b == 0:
        return None
    return a / b


def read_timing_log(path: Path, start_line: int = 0) -> tuple[list[float], int]:
    """``run_ms`` of each JSON line of an ATLAS_TIMING_LOG from ``start_line`` on, and the new line count."""
    path = Path(path)
    if not path.is_file():
        return [], start_line
    lines = path.read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines[start_line:]:
        try:
            out.append(float(json.loads(line)["run_ms"]))
        except (ValueError, KeyError, TypeError):
            continue
    return out, len(lines)


def rss_kb(pid: int) -> int | None:
    """Resident set size of ``pid`` in kB (VmRSS from /proc), None if the process is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def tree_rss_kb(pid: int) -> int | None:
    """RSS of ``pid`` plus its children (the streamlit CLI runs the server in-process; children are rare)."""
    total = rss_kb(pid)
    if total is None:
        return None
    try:
        kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        kids = []
    for k in kids:
        total += rss_kb(int(k)) or 0
    return total


def growth(first: float | None, last: float | None) -> float | None:
    """Relative growth from ``first`` to ``last`` (0.1 = 10 % more), None when either is missing or ``first`` is 0."""
    r = ratio(last, first)
    return None if r is None else r - 1.0


def per_session_kb(before_kb: int | None, after_kb: int | None, sessions: int) -> float | None:
    """Server memory each open session costs: RSS growth while ``sessions`` were opened, divided by their number."""
    if before_kb is None or after_kb is None or sessions <= 0:
        return None
    return (after_kb - before_kb) / sessions


def fmt(v: Any, nd: int = 0, unit: str = "") -> str:
    """Table cell: a number rounded to ``nd`` places, or '–'."""
    if v is None:
        return "–"
    if isinstance(v, bool):
        return "yes" if v else "NO"
    if isinstance(v, (int, float)):
        return f"{v:.{nd}f}{unit}"
    return str(v)


# --------------------------------------------------------------------------- server


class Process:
    """A server process on 127.0.0.1 that a benchmark starts, waits for and stops (``with`` it)."""

    port: int
    proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    def start(self) -> Process:
        raise NotImplementedError

    def wait_answering(self, path: str, what: str, timeout: float, body: bytes | None = None) -> float:
        """Seconds until ``url + path`` answers (with ``body``, if given); stop and raise if it exits or never does."""
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < timeout:
            if self.proc is not None and self.proc.poll() is not None:
                err = self.proc.stderr.read().decode(errors="replace") if self.proc.stderr else ""
                self.stop()
                raise RuntimeError(f"{what} exited with {self.proc.returncode} {err}".strip())
            try:
                with urllib.request.urlopen(self.url + path, timeout=2) as r:
                    if body is None or r.read().strip() == body:
                        return time.perf_counter() - t0
            except OSError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"{what} did not answer {self.url}{path} within {timeout} s")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)

    def __enter__(self) -> Any:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class Server(Process):
    """One ``streamlit run`` on 127.0.0.1, started with the flags of the field notes."""

    def __init__(
        self, app: Path, port: int | None = None, env: dict[str, str] | None = None, log: Path | None = None
    ) -> None:
        self.app = Path(app)
        self.port = port or free_port()
        self.env = {**os.environ, **(env or {})}
        self.log = log
        self.proc: subprocess.Popen | None = None
        self.startup_s: float | None = None

    def start(self, timeout: float = 90.0) -> Server:
        cmd = [
            str(VENV_BIN / "streamlit"),
            "run",
            str(self.app),
            "--server.headless=true",
            f"--server.port={self.port}",
            "--server.address=127.0.0.1",
            "--browser.gatherUsageStats=false",
            "--server.enableStaticServing=true",
            "--server.fileWatcherType=none",
            "--client.toolbarMode=viewer",
        ]
        if self.log:
            Path(self.log).parent.mkdir(parents=True, exist_ok=True)  # bench/out/ is not in a fresh clone
        out = open(self.log, "w") if self.log else subprocess.DEVNULL  # noqa: SIM115
        self.proc = subprocess.Popen(cmd, cwd=str(ROOT), env=self.env, stdout=out, stderr=subprocess.STDOUT)
        what = f"{self.app.name} (log: {self.log})"
        self.startup_s = self.wait_answering("_stcore/health", what, timeout, body=b"ok")
        return self


def data_dir_for(scale: int) -> Path:
    """The data folder for a scale: ``data/`` at 1 (the app fixture while data/ is incomplete)."""
    if scale == 1:
        real = ROOT / "data"
        if all((real / f).is_file() for f in ("places.geojson", "events.geojson", "polities.geojson")):
            return real
        print("! data/ has no events/places/polities yet: using tests/fixtures/app/data", file=sys.stderr)
        return ROOT / "tests" / "fixtures" / "app" / "data"
    d = BENCH / "synthetic" / f"x{scale}" / "data"
    sys.path.insert(0, str(BENCH))
    from make_synthetic import default_source, make

    manifest = d.parent / "MANIFEST.json"
    stale = not manifest.is_file() or json.loads(manifest.read_text())["source"] != str(default_source())
    if stale or not (d / "events.geojson").is_file():
        t0 = time.perf_counter()
        make(scale)
        print(f"generated x{scale} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return d


# --------------------------------------------------------------------------- in-page probes

#: Runs in the top page at document start: the time of the last key press and pointer input, and
#: a watcher that attaches a MutationObserver (subtree, childList, attributes) to the body of every
#: document the map iframe loads (within 5 ms of its creation; Playwright's init scripts do not reach the
#: component's document, whose window is reused from the initial about:blank) and records the
#: time of every mutation in the *parent* window, so a rebuilt iframe does not lose the record.
INIT_SCRIPT = r"""
(() => {
  if (window !== window.top) return;
  window.__keyT = 0; window.__ptrT = 0; window.__mapMutLast = 0; window.__mapMutCount = 0;
  window.__mapDocs = 0;
  addEventListener('keydown', () => { window.__keyT = Date.now(); }, true);
  addEventListener('pointerdown', () => { window.__ptrT = Date.now(); }, true);
  addEventListener('pointermove', (e) => { if (e.buttons) window.__ptrT = Date.now(); }, true);
  addEventListener('pointerup', () => { window.__ptrT = Date.now(); }, true);
  const mark = () => { window.__mapMutLast = Date.now(); window.__mapMutCount++; };
  setInterval(() => {
    const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
    if (!f) return;
    let d;
    try { d = f.contentDocument; } catch (e) { return; }
    if (!d || !d.body || d.__benchObs || d.URL === 'about:blank') return;
    d.__benchObs = true;
    window.__mapDocs++;
    // the map's DOM is the body: streamlit-folium also appends a <style> to <head> on every
    // render, which is no change of the map (it happens in all three apps alike)
    new MutationObserver(mark).observe(d.body, {subtree: true, childList: true,
                                                attributes: true, characterData: true});
    mark();
  }, 5);
})();
"""

#: Evaluated in the top page: wait until the map iframe's DOM has been quiet for ``quiet`` ms after
#: at least one mutation later than ``t0`` and the map shows at least ``minInteractive`` layers.
#: With ``nochange`` (ms): give up early when nothing at all changed by then (a year whose map is
#: the same as the previous year's: streamlit-folium re-renders nothing); reported as ``unchanged``.
WAIT_QUIET = r"""
async ({t0, quiet, timeout, minInteractive, iframeSel, nochange}) => {
  const start = Date.now();
  let reloaded = false;
  while (true) {
    await new Promise(r => setTimeout(r, 20));
    const ifr = document.querySelector(iframeSel);
    const w = ifr && ifr.contentWindow;
    let drawn = 0;
    if (w) {
      if (!w.__benchFlag) { reloaded = true; }
      try { drawn = w.document.querySelectorAll('.leaflet-interactive').length; } catch (e) {}
    }
    const last = window.__mapMutLast;
    const now = Date.now();
    const done = last > t0 && drawn >= minInteractive && now - last >= quiet;
    const unchanged = nochange && last <= t0 && now - start > nochange;
    if (done || unchanged || now - start > timeout) {
      if (w) w.__benchFlag = 1;
      return {ok: done, unchanged, last, reloaded, drawn, waited: now - start, docs: window.__mapDocs};
    }
  }
}
"""

MAP_VIEW_JS = r"""
(arg) => {
  const k = Object.keys(window).find(k => k.startsWith('map_') && window[k] && window[k].getZoom);
  if (!k) return null;
  const m = window[k];
  if (arg) m.setView(arg.center, arg.zoom, {animate: false});
  const c = m.getCenter();
  return {name: k, zoom: m.getZoom(), lat: c.lat, lng: c.lng};
}
"""

#: Tag the year slider's range input (aria-label contains the label, else the first slider).
FIND_SLIDER_JS = r"""
(label) => {
  const inputs = [...document.querySelectorAll('[data-testid="stSlider"] input[type="range"]')];
  if (!inputs.length) return null;
  const want = (label || 'year').toLowerCase();
  const el = inputs.find(i => (i.getAttribute('aria-label') || '').toLowerCase().includes(want)) || inputs[0];
  document.querySelectorAll('[data-bench-year]').forEach(e => e.removeAttribute('data-bench-year'));
  el.setAttribute('data-bench-year', '1');
  return {label: el.getAttribute('aria-label'), value: Number(el.value), min: Number(el.min),
          max: Number(el.max), count: inputs.length};
}
"""

#: Ready for a cold open: the iframe shows at least one polity path and one event marker
#: (``.atlas-event``, the class geo/atlas_layers.js gives event layers) -- or, for apps without
#: events, ``min`` interactive layers.
READY_JS = r"""
({iframeSel, mode, min}) => {
  const f = document.querySelector(iframeSel);
  const d = f && f.contentDocument;
  if (!d) return false;
  if (mode === 'atlas') {
    const polities = d.querySelectorAll('path.leaflet-interactive:not(.atlas-event):not(.atlas-candidate)').length;
    const events = d.querySelectorAll('.atlas-event').length;
    return polities >= 1 && events >= 1;
  }
  return d.querySelectorAll('.leaflet-interactive').length >= min;
}
"""


def js_heap_bytes(cdp: Any) -> float:
    """The page's used JS heap (``JSHeapUsedSize``; the map's same-origin iframe shares the isolate) after a
    forced collection, through a CDP session with ``Performance.enable`` sent."""
    cdp.send("HeapProfiler.collectGarbage")
    metrics = cdp.send("Performance.getMetrics")["metrics"]
    return float(next(m["value"] for m in metrics if m["name"] == "JSHeapUsedSize"))


def launch_browser(pw: Any, headless: bool = True) -> Any:
    return pw.chromium.launch(executable_path=CHROMIUM, headless=headless, args=BROWSER_ARGS)


def is_external(url: str) -> bool:
    """True for an http(s)/ws(s) URL whose host is not the loopback."""
    from urllib.parse import urlparse

    u = urlparse(url)
    if u.scheme not in ("http", "https", "ws", "wss"):
        return False
    return u.hostname not in ("127.0.0.1", "localhost", "::1")


def write_json(name: str, doc: Any) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / name
    path.write_text(json.dumps(doc, indent=1, default=str), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- the static site (bench/site_*.py)

SITE = OUT / "site"


def publish_site(out: Path = SITE, data: Path | None = None) -> Path:
    """Write the static atlas of ``data`` (default: data/) to ``out`` as ``make publish`` does, without slides."""
    sys.path.insert(0, str(ROOT))
    from geo.publish import build_site
    from scripts.publish import app_detail_html

    build_site(data or ROOT / "data", out, app_detail_html, slides=())
    return out


class StaticServer(Process):
    """``python -m http.server`` (threaded) over a folder on 127.0.0.1: a plain file server, as any host is."""

    def __init__(self, folder: Path, port: int | None = None) -> None:
        self.folder = Path(folder)
        self.port = port or free_port()
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 20.0) -> StaticServer:
        cmd = [sys.executable, "-m", "http.server", str(self.port), "--bind", "127.0.0.1", "--directory"]
        self.proc = subprocess.Popen([*cmd, str(self.folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.wait_answering("", "http.server", timeout)
        return self


#: Ready for a cold open of the static site: its data read, and the map drawn with a polity and an event.
SITE_READY_JS = r"""
() => !!(window.site && site.ready && window.atlas && atlas.ready && atlas.state
         && document.querySelector('#map .atlas-event') && document.querySelector('#map path.atlas-polity'))
"""

#: The static site's counterpart of INIT_SCRIPT: key press times and the last mutation of the map's element.
SITE_INIT_SCRIPT = r"""
(() => {
  window.__keyT = 0; window.__mapMutLast = 0;
  addEventListener('keydown', () => { window.__keyT = Date.now(); }, true);
  const watch = () => {
    const m = document.getElementById('map');
    if (!m) { requestAnimationFrame(watch); return; }
    new MutationObserver(() => { window.__mapMutLast = Date.now(); })
      .observe(m, {subtree: true, childList: true, attributes: true, characterData: true});
  };
  document.addEventListener('DOMContentLoaded', watch);
})();
"""

#: The static site's counterpart of WAIT_QUIET: until the map's element has been quiet for ``quiet`` ms after a
#: mutation later than ``t0`` (``ok``), or ``timeout`` ms have passed.
SITE_WAIT_QUIET = r"""
async ({t0, quiet, timeout}) => {
  const start = Date.now();
  while (true) {
    await new Promise(r => setTimeout(r, 20));
    const last = window.__mapMutLast, now = Date.now();
    const done = last > t0 && now - last >= quiet;
    if (done || now - start > timeout) return {ok: done, last, year: window.atlas && atlas.state && atlas.state.year};
  }
}
"""


class Traffic:
    """What a page fetched, from Chromium's DevTools protocol: requests that reached a server (answered 304 or
    not), those served from the browser's cache, and bytes over the wire (HTTP with headers, websocket frames)."""

    def __init__(self, ctx: Any, page: Any) -> None:
        self.requests = 0
        self.from_cache = 0
        self.not_modified = 0
        self.http_bytes = 0
        self.ws_bytes = 0
        self.urls: list[str] = []
        cdp = ctx.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.responseReceivedExtraInfo", self._raw)
        cdp.on("Network.webSocketFrameReceived", self._frame)
        cdp.on("Network.webSocketFrameSent", self._frame)
        self.cdp = cdp

    def _response(self, ev: dict) -> None:
        r = ev["response"]
        if r.get("fromDiskCache") or r.get("fromMemoryCache") or r.get("fromServiceWorker"):
            self.from_cache += 1
            return
        if r["url"].startswith(("data:", "blob:")):
            return
        self.requests += 1
        self.urls.append(r["url"])

    def _raw(self, ev: dict) -> None:
        # a revalidated file is reported to the page as the cached 200; the wire saw a 304
        self.not_modified += ev.get("statusCode") == 304

    def _finished(self, ev: dict) -> None:
        self.http_bytes += int(ev.get("encodedDataLength") or 0)

    def _frame(self, ev: dict) -> None:
        self.ws_bytes += len(ev["response"].get("payloadData") or "")

    def summary(self) -> dict[str, Any]:
        """Requests, 304s, cache hits and kilobytes (HTTP and websocket) so far."""
        return {
            "requests": self.requests,
            "not_modified": self.not_modified,
            "from_cache": self.from_cache,
            "http_kb": round(self.http_bytes / 1024, 1),
            "ws_kb": round(self.ws_bytes / 1024, 1),
            "total_kb": round((self.http_bytes + self.ws_bytes) / 1024, 1),
        }
