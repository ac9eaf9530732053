"""Shared fixtures: the real site built once per session, and served over HTTP."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import ROOT, run_build, serving


@pytest.fixture(scope="session")
def built_site() -> Iterator[Path]:
    """The real site, built once into a temporary folder with the real build command."""
    parent = Path(tempfile.mkdtemp(prefix="medsite-test-"))
    site = parent / "site"
    result = run_build(ROOT / "mkdocs.yml", site)
    assert result.returncode == 0, result.stdout + result.stderr
    yield site
    shutil.rmtree(parent, ignore_errors=True)


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 at a free port; yields its base URL."""
    with serving(built_site) as url:
        yield url
