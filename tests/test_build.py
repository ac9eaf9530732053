"""The real build (`make build`, `python -m medsite build`) on the fixture site: strict, one
line for what stops it, the last good site kept byte for byte, nothing written or deleted
outside its own output folder, no staging folder left behind, a policy on every page."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import html_pages
from hostile_fixture import (
    ERROR,
    GUARD_SECONDS,
    GoodSite,
    apply,
    build,
    build_good_site,
    digests,
    finish,
    leftovers,
    medsite,
    start,
)

LINK = "See [dosing](dosing.md)."


@pytest.fixture(scope="module")
def good_site(tmp_path_factory: pytest.TempPathFactory) -> GoodSite:
    """The fixture site, built once by the real build; each test starts from a copy."""
    return build_good_site(tmp_path_factory.mktemp("good") / "project")


def page_text(page: Path) -> str:
    """The words of a built page's article, spaces as a reader sees them."""
    article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("article")
    assert article is not None
    return " ".join(article.get_text(" ").split())


# ---- a good build --------------------------------------------------------------------------


def test_strict_build_of_the_fixture_site_prints_no_warnings(good_site: GoodSite,
                                                            tmp_path: Path) -> None:
    project = good_site.copy(tmp_path / "project")
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == f"Built {project.resolve() / 'site'}\n"
    assert digests(project / "site") == good_site.digests  # the same input, the same site
    assert leftovers(project) == []


def test_fixture_site_shows_its_values(good_site: GoodSite) -> None:
    site = good_site.project / "site"
    assert "Adults start on 2.5 mg twice a day." in page_text(site / "index.html")
    assert "Days 5 to 8 5 mg twice a day 10 mg a day" in page_text(site / "dosing/index.html")


def test_changing_one_number_changes_every_page_that_showed_it(good_site: GoodSite,
                                                               tmp_path: Path) -> None:
    project = good_site.copy(tmp_path / "project")
    old, new = "10 to 20 mg a day", "10 to 25 mg a day"  # the adults' maintenance range
    before = {page.relative_to(project): page_text(page)
              for page in html_pages(project / "site")}
    showed_old = {page for page, text in before.items() if old in text}
    assert showed_old, "the maintenance range should be on at least one page"
    apply(project, (("data/dosing.yml", "maintenance: {low: 10, high: 20",
                     "maintenance: {low: 10, high: 25"),))
    result = build(project)
    assert result.returncode == 0, result.stderr
    for page in html_pages(project / "site"):
        text = page_text(page)
        assert old not in text, page
        assert (new in text) == (page.relative_to(project) in showed_old), page


def every_page(good_site: GoodSite) -> list[tuple[Path, BeautifulSoup]]:
    """Every HTML file of the fixture's built site, parsed: home, dosing, sources, 404."""
    pages = sorted((good_site.project / "site").rglob("*.html"))
    assert len(pages) >= 4
    return [(page, BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser"))
            for page in pages]


def test_every_page_carries_the_content_security_policy(good_site: GoodSite) -> None:
    for page, soup in every_page(good_site):
        assert soup.head is not None
        policies = soup.head.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert len(policies) == 1, page
        content = str(policies[0]["content"])
        assert content.startswith("default-src 'self'"), page
        assert "unsafe-inline" not in content, page


def test_every_page_says_the_editions_language(good_site: GoodSite) -> None:
    # The fixture site keeps the default setting, language: en-US; Material alone says "en".
    for page, soup in every_page(good_site):
        assert soup.html is not None
        assert soup.html["lang"] == "en-US", page


# ---- strict means strict: a warning stops the build ------------------------------------------

STRICT = {
    "broken-link": (("content/index.md", LINK, "See [dosing](nowhere.md)."),
                    "WARNING -  Doc file 'index.md' contains a link 'nowhere.md', but the target "
                    "is not found among documentation files."),
    "missing-anchor": (("content/index.md", LINK, "See [dosing](dosing.md#nowhere)."),
                       "WARNING -  Doc file 'index.md' contains a link 'dosing.md#nowhere', but "
                       "the doc 'dosing.md' does not contain an anchor '#nowhere'."),
    "page-missing-from-the-nav": (("mkdocs.yml", "  - Dosing: dosing.md\n", ""),
                                  "WARNING -  The following pages exist in the docs directory, "
                                  "but are not included in the \"nav\" configuration:"),
}


@pytest.mark.parametrize(("edit", "warning"), STRICT.values(), ids=STRICT.keys())
def test_a_warning_stops_the_build_and_keeps_the_last_good_site(
        edit: tuple[str, str, str], warning: str, good_site: GoodSite, tmp_path: Path) -> None:
    project = good_site.copy(tmp_path / "project")
    apply(project, (edit,))
    result = build(project)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert [line for line in lines if line.startswith("WARNING")] == [warning]
    assert "Aborted with 1 warnings in strict mode!" in lines
    assert lines[-1] == f"Build failed; the last good site in {project.resolve() / 'site'} is " \
                        "unchanged."
    assert digests(project / "site") == good_site.digests
    assert leftovers(project) == []


# ---- only the project's own files, and nothing outside the output folder --------------------


def test_a_site_link_to_another_folder_is_refused_and_that_folder_kept(
        good_site: GoodSite, tmp_path: Path) -> None:
    project = good_site.copy(tmp_path / "project")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("keep", encoding="utf-8")
    os.rename(project / "site", tmp_path / "old-site")
    (project / "site").symlink_to(elsewhere)
    result = build(project)
    assert result.returncode == 1
    assert result.stderr == ("Build refused: site: is a symbolic link; the build writes only into "
                             "a folder of its own, so remove the link\n")
    assert [path.name for path in elsewhere.iterdir()] == ["keep.txt"]
    assert (elsewhere / "keep.txt").read_text(encoding="utf-8") == "keep"
    assert (project / "site").is_symlink()
    assert leftovers(project) == []


def test_a_site_link_to_the_project_itself_is_refused_and_nothing_deleted(
        good_site: GoodSite, tmp_path: Path) -> None:
    project = good_site.copy(tmp_path / "project")
    os.rename(project / "site", tmp_path / "old-site")
    (project / "site").symlink_to(".")
    before = {name: digest for name, digest in digests(project).items()
              if not name.startswith("site/")}
    result = build(project)
    assert result.returncode == 1
    assert result.stderr == ("Build refused: site: is a symbolic link; the build writes only into "
                             "a folder of its own, so remove the link\n")
    after = {name: digest for name, digest in digests(project).items()
             if not name.startswith("site/")}
    assert after == before
    assert leftovers(project) == []


def test_a_file_named_site_is_refused_and_kept(good_site: GoodSite, tmp_path: Path) -> None:
    project = good_site.copy(tmp_path / "project")
    os.rename(project / "site", tmp_path / "old-site")
    (project / "site").write_text("notes", encoding="utf-8")
    result = build(project)
    assert result.returncode == 1
    assert result.stderr == "Build refused: site: is a file, not the site folder; move it away\n"
    assert (project / "site").read_text(encoding="utf-8") == "notes"


COPY_IT_IN = "is a symbolic link; only files of the project itself are published, so copy the " \
             "file in instead"
LINKED_FOLDER = "is a symbolic link; only files of the project itself are published"
# (what becomes a link, to what, the line that refuses it)
LINKS = {
    "page-in-content": ("content/leak.md", "../../secret.md", f"content/leak.md: {COPY_IT_IN}"),
    "folder-in-content": ("content/etc", "/etc", f"content/etc: {COPY_IT_IN}"),
    "content-folder": ("content", "../elsewhere", f"content: {LINKED_FOLDER}"),
    "data-file": ("data/dosing.yml", "../../elsewhere/dosing.yml",
                  f"data/dosing.yml: {COPY_IT_IN}"),
    "data-folder": ("data", "../elsewhere", f"data: {LINKED_FOLDER}"),
    "theme-override": ("overrides/main.html", "../../elsewhere/main.html",
                       f"overrides/main.html: {COPY_IT_IN}"),
    "overrides-folder": ("overrides", "../elsewhere", f"overrides: {LINKED_FOLDER}"),
}


@pytest.mark.parametrize(("name", "target", "message"), LINKS.values(), ids=LINKS.keys())
def test_a_symbolic_link_in_the_project_is_refused_with_one_line(
        name: str, target: str, message: str, good_site: GoodSite, tmp_path: Path) -> None:
    project = good_site.copy(tmp_path / "project")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "secret.md").write_text("# Secret\n", encoding="utf-8")
    linked = project / name
    if linked.is_dir():
        os.rename(linked, elsewhere / "moved")  # the real folder's files, out of the project
        for child in (elsewhere / "moved").iterdir():
            os.rename(child, elsewhere / child.name)
    elif linked.exists():
        os.rename(linked, elsewhere / linked.name)
    linked.symlink_to(target)
    result = build(project)
    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines() if line.startswith(ERROR)] == \
        [ERROR + message]
    assert digests(project / "site") == good_site.digests
    assert leftovers(project) == []
    check = medsite(project, "check")
    assert check.returncode == 1
    assert check.stdout.splitlines() == [message]


# ---- no staging folder is left behind --------------------------------------------------------


def _started_build(project: Path) -> tuple[subprocess.Popen[str], Path]:
    """A build of `project` under way, once its staging folder is there (a hang guard bounds
    the wait, not a measure of time)."""
    process = start(project, "build")
    deadline = time.monotonic() + GUARD_SECONDS
    while not leftovers(project):
        assert process.poll() is None, "the build ended before it could be interrupted"
        assert time.monotonic() < deadline, "no staging folder appeared"
        time.sleep(0.01)
    return process, project / leftovers(project)[0]


def _children(pid: int) -> list[int]:
    """The processes `pid` started (Linux)."""
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def _running(pid: int) -> bool:
    """Whether `pid` is a live process, not gone and not a zombie (Linux)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_an_interrupted_build_removes_its_staging_folder(good_site: GoodSite,
                                                         tmp_path: Path) -> None:
    project = good_site.copy(tmp_path / "project")
    process, _ = _started_build(project)
    os.kill(process.pid, signal.SIGTERM)
    result = finish(process)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == ("Build interrupted; the last good site is "
                                              "unchanged.")
    assert leftovers(project) == []
    assert digests(project / "site") == good_site.digests


def test_the_next_build_removes_what_a_killed_build_left(good_site: GoodSite,
                                                         tmp_path: Path) -> None:
    project = good_site.copy(tmp_path / "project")
    process, staging = _started_build(project)
    deadline = time.monotonic() + GUARD_SECONDS
    while not _children(process.pid):
        assert time.monotonic() < deadline, "the build started no MkDocs process"
        time.sleep(0.01)
    mkdocs = _children(process.pid)
    os.kill(process.pid, signal.SIGKILL)
    finish(process)
    while any(_running(pid) for pid in mkdocs):  # MkDocs dies with the build that ran it
        assert time.monotonic() < deadline, "MkDocs kept running after its build was killed"
        time.sleep(0.01)
    assert staging.exists()
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert leftovers(project) == []
    assert digests(project / "site") == good_site.digests
