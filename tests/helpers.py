"""Helpers the tests share: the project's paths, the build command, a local web server and
the built pages (imported directly; pytest fixtures live in conftest.py)."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
IN_CI = os.environ.get("CI") == "true"


def run_build(config_file: Path, site_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the real build command (strict, swapped in only on success) and capture it."""
    return subprocess.run(
        [sys.executable, "-m", "medsite", "build", "--config-file", str(config_file),
         "--site-dir", str(site_dir)],
        capture_output=True, text=True, check=False, cwd=config_file.parent,
        env={**os.environ, **env},
    )


def run_medsite(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run a `medsite` command in a project folder and capture what it prints."""
    return subprocess.run([sys.executable, "-m", "medsite", *args], capture_output=True,
                          text=True, check=False, cwd=root)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files plus a `LinkChecker` header, which lifts linkchecker's per-host throttle."""

    def end_headers(self) -> None:
        self.send_header("LinkChecker", "unthrottle")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serving(folder: Path, handler: type[http.server.BaseHTTPRequestHandler] = QuietHandler
            ) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 at a free port; yield its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def html_pages(site: Path) -> list[Path]:
    """Every content page of a built site (not the 404 page)."""
    return sorted(p for p in site.rglob("index.html") if "assets" not in p.parts)


def built_page(site: Path, url: str) -> Path:
    """The file of a page of a built site, from its URL ('dosing/pump/')."""
    return site / url / "index.html"
