"""Helpers the tests share: the project's paths, the build command, a local web server and
the built pages (imported directly; pytest fixtures live in conftest.py)."""

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
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from medsite.content.pipeline import Site
from medsite.data.load import load_data
from medsite.settings import SiteSettings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
IN_CI = os.environ.get("CI") == "true"


def site_under_test() -> Path | None:
    """The built site MEDSITE_TEST_SITE names (relative to the project), if it is set; the
    tests stop at once if it names no built site."""
    given = os.environ.get("MEDSITE_TEST_SITE")
    if not given:
        return None
    site = (ROOT / given).resolve()
    if not (site / "index.html").is_file():
        raise pytest.UsageError(f"MEDSITE_TEST_SITE={given}: no built site there (run make "
                                "build first)")
    return site


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
def serving(folder: Path,
            handler: type[http.server.SimpleHTTPRequestHandler] = QuietHandler
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


def fixture_settings(**changes: object) -> SiteSettings:
    """The engine's default settings (as the fixture site uses), with some changed."""
    return SiteSettings.model_validate({"urgent_first_pages": [], **changes})


def fixture_site(text: str | None = None, **changes: object) -> Site:
    """The fixture data file (or `text`, a variant of it) as a validated engine `Site`."""
    settings = fixture_settings(**changes)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dosing.yml"
        path.write_text(text if text is not None else FIXTURE_DATA, encoding="utf-8")
        data = load_data(path, "data/dosing.yml", settings, TODAY)
    return Site(settings, data, TODAY)


FIXTURE_DATA = (FIXTURES / "dosing.yml").read_text(encoding="utf-8")
# The day unit tests run on: fixed, so a test never changes with the calendar.
TODAY = date(2026, 11, 27)


def copy_fixture_project(destination: Path) -> Path:
    """A copy of the fixture site (pages, data, the repository's theme overrides) to change."""
    shutil.copytree(FIXTURES / "site", destination)
    (destination / "data").mkdir()
    shutil.copy(FIXTURES / "dosing.yml", destination / "data" / "dosing.yml")
    shutil.copytree(ROOT / "overrides", destination / "overrides")
    return destination


def replace_in(path: Path, old: str, new: str) -> None:
    """Change one piece of a file's text; fail if it is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} has no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def git(root: Path, *args: str) -> str:
    """Run git in `root` with a fixed author; return what it prints."""
    result = subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=Test", "-c", "user.email=test@example.org",
         "-c", "commit.gpgsign=false", *args],
        capture_output=True, text=True, check=True)
    return result.stdout.strip()
