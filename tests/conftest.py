"""Shared fixtures: the real site built once per session, and served over HTTP."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def run_build(config_file: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run the real build command (strict, atomic swap) and capture what it prints."""
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_site.py"),
         "--config-file", str(config_file), "--site-dir", str(site_dir)],
        capture_output=True, text=True, check=False, cwd=config_file.parent,
    )


@pytest.fixture(scope="session")
def built_site() -> Iterator[Path]:
    """The real site, built once into a temporary folder."""
    parent = Path(tempfile.mkdtemp(prefix="medsite-test-"))
    site = parent / "site"
    result = run_build(ROOT / "mkdocs.yml", site)
    assert result.returncode == 0, result.stdout + result.stderr
    yield site
    shutil.rmtree(parent, ignore_errors=True)


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files plus a `LinkChecker` header, which lifts linkchecker's per-host throttle."""

    def end_headers(self) -> None:
        self.send_header("LinkChecker", "unthrottle")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 at a free port; yields its base URL."""
    handler = functools.partial(_Handler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def html_pages(site: Path) -> list[Path]:
    """Every content page of a built site (not the 404 page)."""
    return sorted(p for p in site.rglob("index.html") if "assets" not in p.parts)


IN_CI = os.environ.get("CI") == "true"
