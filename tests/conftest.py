"""Shared fixtures: the real site built once per session, served over HTTP, and the one
browser the browser tests share."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from helpers import IN_CI, ROOT, run_build, serving, site_under_test

if TYPE_CHECKING:
    from playwright.sync_api import Browser

    from browser import Survey

# A test that asks for one of these needs Chromium: it is marked `browser` even if its
# author forgot, so `make test-fast` (-m "not browser") never starts a browser.
BROWSER_FIXTURES = {"chromium", "survey"}


@pytest.hookimpl(tryfirst=True)  # before -m "not browser" deselects
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def built_site() -> Iterator[Path]:
    """The real site, built once into a temporary folder with the real build command; or,
    when MEDSITE_TEST_SITE names a site already built (the deploy workflow's artifact), a
    copy of that site, so the checks run on exactly what is deployed."""
    parent = Path(tempfile.mkdtemp(prefix="medsite-test-"))
    site = parent / "site"
    given = site_under_test()
    if given is not None:
        shutil.copytree(given, site, symlinks=True)
    else:
        result = run_build(ROOT / "mkdocs.yml", site)
        assert result.returncode == 0, result.stdout + result.stderr
    yield site
    shutil.rmtree(parent, ignore_errors=True)


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 at a free port; yields its base URL."""
    with serving(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, one for the whole session; missing is a failure under CI=true and
    a skip elsewhere."""
    from browser import CHROMIUM, MISSING_BROWSER, launch_chromium

    if not CHROMIUM.exists():
        if IN_CI:
            pytest.fail(f"CI=true: {MISSING_BROWSER}")
        pytest.skip(MISSING_BROWSER)
    with launch_chromium() as browser:
        yield browser


@pytest.fixture(scope="session")
def survey(chromium: Browser, site_url: str, built_site: Path) -> Iterator[Survey]:
    """Every page of the real site, visited once per screen width (browser.Survey)."""
    from browser import Survey

    survey = Survey(chromium, site_url, built_site)
    assert survey.paths, f"no pages found in {built_site}"
    yield survey
    survey.close()
