# mypy: disable-error-code="union-attr"
"""The engine without MkDocs: page URLs, relative links, and the pre-render command whose
output any Markdown tool (Zensical, MkDocs 2, a plain MkDocs build) can build."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from helpers import copy_fixture_project, replace_in, run_medsite
from medsite.urls import page_url, relative_url


@pytest.mark.parametrize(
    ("src", "directory_urls", "url"),
    [("index.md", True, "./"), ("index.md", False, "index.html"),
     ("dosing/stop.md", True, "dosing/stop/"),
     ("about/index.md", True, "about/"), ("dosing/stop.md", False, "dosing/stop.html")],
)
def test_page_url_matches_mkdocs(src: str, directory_urls: bool, url: str) -> None:
    from mkdocs.structure.files import File

    file = File(src, "docs", "site", use_directory_urls=directory_urls)
    assert page_url(src, directory_urls) == url == file.url


@pytest.mark.parametrize(
    ("from_url", "to_url", "link"),
    [("", "about/sources/", "about/sources/"),
     ("dosing/stop/", "about/sources/", "../../about/sources/"),
     ("about/sources/", "about/sources/", "./"),
     ("dosing/stop.html", "about/sources.html", "../about/sources.html")],
)
def test_relative_url_between_pages(from_url: str, to_url: str, link: str) -> None:
    assert relative_url(from_url, to_url) == link


@pytest.fixture
def prerendered(tmp_path: Path) -> Path:
    project = copy_fixture_project(tmp_path / "project")
    result = run_medsite(project, "prerender", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Rendered 3 pages into {tmp_path / 'out'}"
    return tmp_path / "out"


def test_prerender_fills_in_values_and_keeps_front_matter(prerendered: Path) -> None:
    home = (prerendered / "index.md").read_text(encoding="utf-8")
    assert home.startswith("---\ntitle: Examplofen\n")
    assert "Adults start on 2.5\u00a0mg twice a day." in home
    assert 'href="about/sources/#src-label"' in home
    assert "{{" not in home
    assert not any("\ue000" <= ch <= "\uf8ff" for ch in home)  # no engine marks left


def test_prerendered_pages_build_with_plain_mkdocs(prerendered: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = ["search"]  # no medsite: the pages are already filled in
    config["docs_dir"] = str(prerendered)
    plain = tmp_path / "plain.yml"
    plain.write_text(yaml.safe_dump(config), encoding="utf-8")
    (tmp_path / "overrides").mkdir(exist_ok=True)
    config["theme"]["custom_dir"] = str(project / "overrides")
    plain.write_text(yaml.safe_dump(config), encoding="utf-8")
    # No -q: it silences the warnings that --strict counts.
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict",
                             "-f", str(plain), "-d", str(tmp_path / "site")],
                            capture_output=True, text=True, check=False,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr
    dosing = (tmp_path / "site" / "dosing" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(dosing, "html.parser")
    assert soup.select_one(".help-card .help-card__name").get_text() == \
        "Someone has taken too much"
    assert '<td data-label="Total a day">10\u00a0mg a day</td>' in dosing


def test_prerender_stops_at_a_bad_page_with_one_line(tmp_path: Path) -> None:
    project = copy_fixture_project(tmp_path / "project")
    replace_in(project / "content" / "index.md", "starting_dose", "start")
    result = run_medsite(project, "prerender", str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stderr.strip() == ("content/index.md:13: unknown data name 'start' in "
                                     "'regimens.adults' (did you mean 'taper'?)")


def test_prerender_leaves_drafts_out(tmp_path: Path) -> None:
    project = copy_fixture_project(tmp_path / "project")
    assert run_medsite(project, "page", "--type", "condition", "--name", "Stroke").returncode == 0
    run_medsite(project, "prerender", str(tmp_path / "out"))
    assert not (tmp_path / "out" / "conditions" / "stroke.md").exists()
