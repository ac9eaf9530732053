"""`make offline`: a zip of the site that works opened from the file system, search included.

The copy is unzipped and read as files (every link leads to a file in it, nothing loads
from a server), then opened in Chromium from file:// and searched.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, ConsoleMessage, Request

from browser import DESKTOP, SearchBox
from helpers import ROOT, run_medsite
from medsite.publish import csp
from publish_fixture import make_project

FOLDER = "offline-site"
NAMES_A_PAGE = {"canonical", "next", "prev", "alternate"}


def make_offline(config_file: Path, archive: Path) -> Path:
    """Run `medsite offline` for the project; unzip the archive beside it; the copy's folder."""
    result = run_medsite(config_file.parent, "offline", "--config-file", str(config_file),
                         "--out", str(archive))
    assert result.returncode == 0, result.stdout + result.stderr
    with zipfile.ZipFile(archive) as packed:
        packed.extractall(archive.parent / "unzipped")
    return archive.parent / "unzipped" / archive.stem


@pytest.fixture(scope="module")
def fixture_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("offline") / "project")


@pytest.fixture(scope="module")
def fixture_copy(fixture_project: Path) -> Path:
    return make_offline(fixture_project, fixture_project.parent.parent / f"{FOLDER}.zip")


@pytest.fixture(scope="module")
def real_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_offline(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("real") / f"{FOLDER}.zip")


def link_problems(copy: Path) -> list[str]:
    """Links and files that would not work from the file system: a relative address that
    leads to no file of the copy, or anything the page loads from a server."""
    problems = []
    for page in sorted(copy.rglob("*.html")):
        name = page.relative_to(copy).as_posix()
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["a", "link", "script", "img"]):
            address = str(tag.get("href") or tag.get("src") or "")
            parts = urlsplit(address)
            # Links a reader follows may leave the copy (a source's web page), and so may a
            # <link> that names a page rather than loading a file (canonical, next, prev).
            loads = tag.name in ("script", "img") or (
                tag.name == "link" and not set(tag.get("rel") or []) & NAMES_A_PAGE)
            if parts.scheme or address.startswith("//"):
                if loads:
                    problems.append(f"{name}: loads {address} from a server")
                continue
            if not parts.path:
                continue  # a link within the page
            target = (page.parent / unquote(parts.path)).resolve()
            if not target.is_file() or not target.is_relative_to(copy.resolve()):
                problems.append(f"{name}: {address} leads to no file of the copy")
    return problems


def test_every_link_of_the_copy_leads_to_one_of_its_files(fixture_copy: Path) -> None:
    assert link_problems(fixture_copy) == []
    assert (fixture_copy / "dosing.html").is_file()


def test_sources_links_lead_to_the_sources_file(fixture_copy: Path) -> None:
    soup = BeautifulSoup((fixture_copy / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert [a["href"] for a in soup.select("sup.cite a")] == ["about/sources.html#src-label"]


def test_every_page_of_the_copy_carries_the_file_policy(fixture_copy: Path) -> None:
    policies = set()
    for page in fixture_copy.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        if meta is not None:
            policies.add(str(meta["content"]))
    assert policies == {csp.file_policy()}


def test_copy_has_the_inlined_search_index_and_no_server_files(fixture_copy: Path) -> None:
    index = (fixture_copy / "search" / "search_index.js").read_text(encoding="utf-8")
    assert index.startswith("var __index = {")
    assert not (fixture_copy / "_headers").exists()


def test_zip_is_the_same_when_made_again(fixture_copy: Path, fixture_project: Path,
                                         tmp_path: Path) -> None:
    first = fixture_project.parent.parent / f"{FOLDER}.zip"
    again = make_offline(fixture_project, tmp_path / f"{FOLDER}.zip")
    assert again.is_dir()
    assert (tmp_path / f"{FOLDER}.zip").read_bytes() == first.read_bytes()
    with zipfile.ZipFile(first) as packed:
        names = packed.namelist()
    assert names == sorted(names) and all(n.startswith(f"{FOLDER}/") for n in names)


def test_real_offline_copy_links_work_from_the_file_system(real_copy: Path) -> None:
    assert link_problems(real_copy) == []


# ---- in the browser --------------------------------------------------------------------------

# `chromium` is the session's one browser (conftest.py): a second Playwright in the same
# process fails ("Sync API inside the asyncio loop").


def search_from_file(chromium: Browser, copy: Path, query: str) -> tuple[list[str], list[str]]:
    """Open the copy's home page from file://, search; (result links, what went wrong)."""
    page = DESKTOP.new_page(chromium)
    trouble: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            trouble.append(f"console: {message.text}")

    def request(req: Request) -> None:
        if not req.url.startswith(("file:", "data:", "blob:", "about:")):
            trouble.append(f"requested {req.url}")

    page.on("console", console)
    page.on("pageerror", lambda error: trouble.append(f"page error: {error}"))
    page.on("request", request)
    try:
        page.goto((copy / "index.html").as_uri(), wait_until="load")
        # Material's own search box; SearchBox waits until the index has answered.
        hrefs = [result.href for result in SearchBox(page, DESKTOP).search(query)]
        if hrefs:
            page.locator(".md-search-result__item a").first.click()
            page.wait_for_load_state("load")
            if not page.url.startswith(copy.as_uri()) or not page.url.split("#")[0].endswith(
                    ".html"):
                trouble.append(f"the first result opened {page.url}")
    finally:
        page.close()
    return hrefs, trouble


@pytest.mark.browser
def test_search_works_in_the_copy_opened_from_the_file_system(chromium: Browser,
                                                              fixture_copy: Path) -> None:
    hrefs, trouble = search_from_file(chromium, fixture_copy, "dosing")
    assert trouble == []
    assert any(href.endswith("/offline-site/dosing.html") for href in hrefs), hrefs


@pytest.mark.browser
def test_search_works_in_the_real_offline_copy(chromium: Browser, real_copy: Path) -> None:
    hrefs, trouble = search_from_file(chromium, real_copy, "withdrawal")
    assert trouble == []
    assert any(href.endswith("/dosing/stopping.html") for href in hrefs), hrefs
