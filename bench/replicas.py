"""Several Streamlit replicas of the atlas behind Debian's nginx, with sticky sessions: a tested recipe.

    apt-get install nginx-light                                   # or nginx
    .venv/bin/python bench/replicas.py --replicas 2               # serve on a free port until Ctrl-C
    .venv/bin/python bench/load.py --replicas 2 --sessions 10     # the load run, through the proxy

Streamlit keeps each reader's session in one process: its widgets' state, its script runs and the files its
download buttons serve (``/media/...``). Behind a load balancer every request of one browser must therefore
reach the same replica. nginx (the open-source build) has no sticky cookie of its own, so the recipe makes one:
the first request of a browser gets a random key (``$request_id``), the response sets it as the cookie
``atlas_replica``, and the upstream is chosen by a consistent hash of that key; the browser then sends the
cookie with every request, websocket included, and lands on the same replica. ``X-Atlas-Replica`` names the
replica that answered. The replicas share one cookie secret, so a reader moved by a replica's failure keeps a
valid XSRF cookie. Loopback only; nginx runs in the foreground from ``bench/out/nginx/`` and stops with the
replicas. ``tests/test_replicas.py`` checks the configuration and, in Chromium, a session through the proxy.
"""

from __future__ import annotations

import argparse
import secrets
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import APPS, OUT, Process, Server, free_port  # noqa: E402

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

_CONF = """# The atlas behind nginx: {n} Streamlit replicas, each browser kept on one (bench/replicas.py).
daemon off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {prefix}/tmp/body;
  proxy_temp_path {prefix}/tmp/proxy;
  fastcgi_temp_path {prefix}/tmp/fastcgi;
  uwsgi_temp_path {prefix}/tmp/uwsgi;
  scgi_temp_path {prefix}/tmp/scgi;
  # a browser's replica: the key in its cookie, or a new random one on its first request
  map $cookie_atlas_replica $atlas_replica {{
    "" $request_id;
    default $cookie_atlas_replica;
  }}
  map $http_upgrade $connection_upgrade {{
    default upgrade;
    "" close;
  }}
  upstream atlas {{
    hash $atlas_replica consistent;
{servers}
  }}
  server {{
    listen {listen};
    location / {{
      proxy_pass http://atlas;
      proxy_http_version 1.1;
      # Streamlit's session is a websocket (/_stcore/stream): pass the upgrade, keep it open with the tab
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $host;
      proxy_read_timeout 1d;
      proxy_buffering off;
      add_header Set-Cookie "atlas_replica=$atlas_replica; Path=/; HttpOnly; SameSite=Lax" always;
      add_header X-Atlas-Replica $upstream_addr always;
    }}
  }}
}}
"""


def nginx_conf(listen: str, upstreams: Sequence[str], prefix: Path) -> str:
    """nginx's configuration: ``listen`` (``127.0.0.1:8080``) in front of ``upstreams`` (``127.0.0.1:8501``, ...)."""
    servers = "\n".join(f"    server {u};" for u in upstreams)
    return _CONF.format(n=len(upstreams), prefix=prefix, servers=servers, listen=listen)


class Replicas(Process):
    """``count`` replicas of ``app`` and nginx in front of them, on free ports of 127.0.0.1."""

    def __init__(self, count: int, env: dict[str, str] | None = None, app: Path = APPS["app"]) -> None:
        secret = secrets.token_hex(16)
        self.env = {**(env or {}), "STREAMLIT_SERVER_COOKIE_SECRET": secret}
        self.servers = [Server(app, env=self.env, log=OUT / f"replica-{i}.log") for i in range(count)]
        self.port = free_port()
        self.prefix = OUT / "nginx"
        self.proc: subprocess.Popen | None = None

    @property
    def pid(self) -> int | None:
        """The first replica's process (bench/load.py samples one server's memory)."""
        return self.servers[0].pid

    def start(self, timeout: float = 30.0) -> Replicas:
        for server in self.servers:
            server.start()
        for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.prefix / "tmp" / sub).mkdir(parents=True, exist_ok=True)
        conf = self.prefix / "nginx.conf"
        upstreams = [f"127.0.0.1:{s.port}" for s in self.servers]
        conf.write_text(nginx_conf(f"127.0.0.1:{self.port}", upstreams, self.prefix), encoding="utf-8")
        self.proc = subprocess.Popen([NGINX, "-p", str(self.prefix), "-c", str(conf)], stderr=subprocess.PIPE)
        self.wait_answering("_stcore/health", "nginx", timeout, body=b"ok")
        return self

    def stop(self) -> None:
        super().stop()
        for server in self.servers:
            server.stop()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--replicas", type=int, default=2)
    ap.add_argument("--duration", type=float, default=3600, help="seconds to serve (default an hour; Ctrl-C stops)")
    args = ap.parse_args()
    with Replicas(args.replicas) as rep:
        print(f"{rep.url} -> " + ", ".join(s.url for s in rep.servers), flush=True)
        try:
            time.sleep(args.duration)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
