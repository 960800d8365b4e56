"""The recipe for several Streamlit replicas behind nginx (bench/replicas.py): its configuration is one nginx
accepts, browsers are spread over the replicas and each stays on its own, and the atlas works through it.
"""

from __future__ import annotations

import http.cookiejar
import os
import shutil
import subprocess
import sys
import urllib.request

import pytest

from tests.conftest import ROOT, wait_for_map

sys.path.insert(0, str(ROOT / "bench"))
import replicas  # noqa: E402

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
needs_nginx = pytest.mark.skipif(NGINX is None, reason="needs nginx (apt-get install nginx-light)")


def test_the_configuration_keeps_a_browser_on_one_replica(tmp_path):
    conf = replicas.nginx_conf("127.0.0.1:8080", ["127.0.0.1:8501", "127.0.0.1:8502"], tmp_path)
    assert "hash $atlas_replica consistent;" in conf
    assert "server 127.0.0.1:8501;" in conf and "server 127.0.0.1:8502;" in conf
    assert "proxy_set_header Upgrade $http_upgrade;" in conf  # the session's websocket
    assert 'atlas_replica=$atlas_replica; Path=/; HttpOnly; SameSite=Lax" always;' in conf
    if NGINX:
        for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (tmp_path / "tmp" / sub).mkdir(parents=True)
        (tmp_path / "nginx.conf").write_text(conf)
        check = subprocess.run(
            [NGINX, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")], capture_output=True, text=True
        )
        assert check.returncode == 0, check.stderr


@needs_nginx
@pytest.mark.browser
@pytest.mark.skipif(not os.path.exists("/usr/bin/chromium"), reason="needs /usr/bin/chromium")
def test_the_atlas_through_two_replicas(browser, tmp_path):
    with replicas.Replicas(2, {"ATLAS_DATA_DIR": str(ROOT / "tests" / "fixtures" / "app" / "data")}) as rep:
        upstreams = {f"127.0.0.1:{s.port}" for s in rep.servers}
        # new browsers are spread over both replicas; a browser with its cookie stays on one
        first = set()
        for _ in range(24):
            with urllib.request.urlopen(rep.url) as r:
                first.add(r.headers["X-Atlas-Replica"])
        assert first == upstreams
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        seen = set()
        for _ in range(12):
            with opener.open(rep.url + "_stcore/health") as r:
                seen.add(r.headers["X-Atlas-Replica"])
        assert len(seen) == 1

        ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = ctx.new_page()
        answered = set()
        page.on("response", lambda r: answered.add(r.headers.get("x-atlas-replica")))
        page.goto(rep.url + "?year=1264")
        wait_for_map(page, 1264, timeout=60_000)
        page.get_by_role("slider", name="Year").focus()
        page.keyboard.press("ArrowRight")
        # the step reached Python (over the websocket, through nginx) and came back: the address follows
        page.wait_for_function("() => new URLSearchParams(location.search).get('year') === '1265'", timeout=30_000)
        answered.discard(None)
        assert len(answered) == 1 and answered <= upstreams  # every request of the page on one replica
        ctx.close()
