"""Start ``streamlit run app.py`` on a free local port and wait until it is healthy (tests, screenshots)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int, data_dir: Path | None = None, timeout: float = 60.0) -> subprocess.Popen:
    """Run the app headless on 127.0.0.1:``port``; return once /_stcore/health answers ``ok``."""
    env = dict(os.environ)
    if data_dir is not None:
        env["ATLAS_DATA_DIR"] = str(data_dir)
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.headless=true",
        f"--server.port={port}",
        "--server.address=127.0.0.1",
        "--browser.gatherUsageStats=false",
        "--server.fileWatcherType=none",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
            raise RuntimeError(f"streamlit exited with {proc.returncode}:\n{out}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return proc
        except OSError:
            time.sleep(0.3)
    stop_server(proc)
    raise RuntimeError(f"streamlit did not become healthy on port {port} within {timeout} s")


def stop_server(proc: subprocess.Popen) -> None:
    """Stop the server started by :func:`start_server`."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def shoot_pictures(shoot: Callable[[str], list[Path]], url: str | None = None, data_dir: Path | None = None) -> int:
    """Run ``shoot(url)`` against a running atlas, or one started here on ``data_dir`` and stopped after; print
    each picture it wrote with its size (the screenshot scripts' command lines)."""
    proc = None
    if url is None:
        port = free_port()
        proc = start_server(port, data_dir)
        url = f"http://127.0.0.1:{port}/"
    try:
        for path in shoot(url):
            print(f"{path} ({path.stat().st_size // 1024} KB)")
    finally:
        if proc is not None:
            stop_server(proc)
    return 0


#: Where a page of the atlas may send requests: the local server and the page's own data.
LOCAL_PREFIXES = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")


@contextmanager
def offline_browser_page(width: int, height: int) -> Iterator[Any]:
    """A Playwright page in Debian's Chromium whose requests off 127.0.0.1 are refused (no tile server, no CDN)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": width, "height": height})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(LOCAL_PREFIXES) else r.abort())
        try:
            yield page
        finally:
            browser.close()
