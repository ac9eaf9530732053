"""Real builds: the data reaches every page, a changed number changes everywhere, and bad
input stops the build with one line and leaves the last good site as it was."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, ROOT, html_pages, run_build
from medsite.frontmatter import split_front_matter
from medsite.load import load_dosing_data
from medsite.pages import render_page
from medsite.values import build_values

REFERENCE = re.compile(r"\{\{.*?\}\}", re.DOTALL)


def page_text(html: str) -> str:
    article = BeautifulSoup(html, "html.parser").select_one("article")
    assert article is not None
    return " ".join(article.get_text(" ").split())


def shown_texts(rendered: str) -> list[str]:
    """The pieces of text a rendered reference puts on the page (cells, for a table)."""
    soup = BeautifulSoup(rendered, "html.parser")
    cells = soup.select("caption, th, td")
    pieces = [c.get_text(" ") for c in cells] if cells else [soup.get_text(" ")]
    return [" ".join(p.split()) for p in pieces if p.strip()]


def built_page(site: Path, source: Path) -> Path:
    relative = source.relative_to(ROOT / "content").with_suffix("")
    folder = relative.parent if relative.name == "index" else relative
    return site / folder / "index.html"


# ---- the real site -------------------------------------------------------------------------


def test_every_page_shows_the_values_it_refers_to(built_site: Path) -> None:
    values = build_values(load_dosing_data(ROOT / "data" / "dosing.yml"))
    checked = 0
    for source in sorted((ROOT / "content").rglob("*.md")):
        _, body, _ = split_front_matter(source.read_text(encoding="utf-8"))
        text = page_text(built_page(built_site, source).read_text(encoding="utf-8"))
        for reference in REFERENCE.findall(body):
            rendered = render_page(reference, values, page=str(source), sources_href="")
            for piece in shown_texts(rendered):
                assert piece in text, f"{source.name}: {reference} should show '{piece}'"
                checked += 1
    assert checked > 20


def test_no_template_syntax_is_left_on_any_page(built_site: Path) -> None:
    pages = html_pages(built_site)
    assert pages
    for page in pages:
        article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(
            "article"
        )
        html = str(article)
        for marker in ("{{", "}}", "{%", "%}"):
            assert marker not in html, f"{page}: '{marker}' left in the page"


def test_strict_build_prints_no_warnings(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = run_build(ROOT / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr + result.stdout
    assert (site / "index.html").is_file()


# ---- a copy of the real project with one number changed ------------------------------------


def copy_project(source: Path, target: Path) -> Path:
    for name in ("content", "data", "overrides", "scripts"):
        if (source / name).exists():
            shutil.copytree(
                source / name, target / name, ignore=shutil.ignore_patterns("__pycache__")
            )
    shutil.copy(source / "mkdocs.yml", target / "mkdocs.yml")
    return target


def test_changing_one_number_changes_every_page_that_showed_it(tmp_path: Path) -> None:
    project = copy_project(ROOT, tmp_path / "project")
    data_file = project / "data" / "dosing.yml"
    text = data_file.read_text(encoding="utf-8")
    # The UK maximum is shown as '100 mg a day'; 100 appears nowhere else in the data.
    assert text.count("value: 100\n") == 1
    before_site, after_site = tmp_path / "before", tmp_path / "after"
    assert run_build(project / "mkdocs.yml", before_site).returncode == 0
    data_file.write_text(text.replace("value: 100\n", "value: 120\n"), encoding="utf-8")
    result = run_build(project / "mkdocs.yml", after_site)
    assert result.returncode == 0, result.stderr

    old, new = "100 mg a day", "120 mg a day"
    showed_old = {
        p.relative_to(before_site)
        for p in html_pages(before_site)
        if old in page_text(p.read_text(encoding="utf-8"))
    }
    assert showed_old, "the UK maximum should be on at least one page"
    for page in html_pages(after_site):
        text_after = page_text(page.read_text(encoding="utf-8"))
        assert old not in text_after, f"{page}: still shows the old value"
        if page.relative_to(after_site) in showed_old:
            assert new in text_after, f"{page}: does not show the new value"


# ---- bad input through a real build, on the tests' own small site ---------------------------


def make_fixture_project(project: Path) -> Path:
    shutil.copytree(FIXTURES / "site", project)
    (project / "data").mkdir()
    shutil.copy(FIXTURES / "dosing.yml", project / "data" / "dosing.yml")
    shutil.copytree(
        ROOT / "scripts", project / "scripts", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copytree(ROOT / "overrides", project / "overrides")
    return project


@pytest.fixture(scope="module")
def good_fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site built once; each bad-input test starts from a copy of it."""
    project = make_fixture_project(tmp_path_factory.mktemp("good") / "project")
    result = run_build(project / "mkdocs.yml", project / "site")
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture
def fixture_project(tmp_path: Path, good_fixture_site: Path) -> Path:
    project = make_fixture_project(tmp_path / "project")
    shutil.copytree(good_fixture_site, project / "site")
    return project


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_fixture_site_builds_and_shows_its_values(good_fixture_site: Path) -> None:
    site = good_fixture_site
    home = page_text((site / "index.html").read_text(encoding="utf-8"))
    assert "Adults start on 2.5 mg twice a day." in home
    dosing = page_text((site / "dosing" / "index.html").read_text(encoding="utf-8"))
    assert "Days 5 to 8 5 mg twice a day 10 mg a day" in dosing


BAD_DATA = [
    (
        "malformed-yaml",
        "    section: Dosage\n",
        "    section: [Dosage\n",
        "data/dosing.yml:49: YAML syntax error: expected ',' or ']', but got ':'",
    ),
    (
        "duplicate-key",
        "    dose_unit: mg\n",
        "    dose_unit: mg\n    dose_unit: mcg\n",
        "data/dosing.yml:47: regimens.adults.dose_unit: duplicate key 'dose_unit' "
        "(first given on line 46)",
    ),
    (
        "missing-key",
        "    jurisdiction: US\n    route: oral\n",
        "    route: oral\n",
        "data/dosing.yml:42: regimens.adults.jurisdiction: missing key 'jurisdiction'",
    ),
    (
        "misspelt-key",
        "    strengths: [2.5, 10]",
        "    strenghts: [2.5, 10]",
        "data/dosing.yml:31: forms.tablets.strenghts: unknown key 'strenghts' "
        "(did you mean 'strengths'?)",
    ),
    (
        "unknown-unit",
        "unit: mg/day}",
        "unit: mg/week}",
        "data/dosing.yml:54: regimens.adults.maintenance.unit: 'mg/week' is not allowed here",
    ),
    (
        "zero-dose",
        "{dose: 5, times_per_day: 2",
        "{dose: 0, times_per_day: 2",
        "data/dosing.yml:52: regimens.adults.titration_steps[1].dose: must be more than 0, not 0",
    ),
    (
        "negative-dose",
        "{dose: 5, times_per_day: 2",
        "{dose: -5, times_per_day: 2",
        "data/dosing.yml:52: regimens.adults.titration_steps[1].dose: must be more than 0, not -5",
    ),
    (
        "non-numeric-dose",
        "{dose: 5, times_per_day: 2",
        "{dose: lots, times_per_day: 2",
        "data/dosing.yml:52: regimens.adults.titration_steps[1].dose: must be a number, not 'lots'",
    ),
    (
        "step-above-maximum",
        "{dose: 10, times_per_day: 2, days: 1}",
        "{dose: 20, times_per_day: 2, days: 1}",
        "data/dosing.yml:53: regimens.adults.titration_steps[2]: 40 mg/day is above the maximum "
        "of 30 mg/day",
    ),
    (
        "number-without-source",
        "    source: guide\n    section: Missed doses\n",
        "    section: Missed doses\n",
        "data/dosing.yml:61: facts.window.source: missing key 'source'",
    ),
    (
        "impossible-date",
        "updated: 2024-01-31",
        "updated: 2024-02-30",
        "data/dosing.yml:14: sources.label.updated: '2024-02-30' is not a real date in the form "
        "YYYY-MM-DD",
    ),
]

BAD_PAGES = [
    (
        "unknown-name",
        "content/index.md",
        "{{ regimens.adults.starting_dose }}",
        "{{ regimens.adults.startng_dose }}",
        "content/index.md:12: unknown data name 'startng_dose' in 'regimens.adults' "
        "(did you mean 'starting_dose'?)",
    ),
    (
        "typed-dose",
        "content/dosing.md",
        "every few days.",
        "every few days, up to 40 mg.",
        "content/dosing.md:12: dose number typed into the page: '40 mg'",
    ),
    (
        "impossible-page-date",
        "content/dosing.md",
        "next_review: 2027-11-25",
        "next_review: 2027-11-31",
        "content/dosing.md:6: next_review: '2027-11-31' is not a real date in the form YYYY-MM-DD",
    ),
    (
        "missing-front-matter-key",
        "content/index.md",
        "title: Examplofen\n",
        "",
        "content/index.md:2: title: missing key 'title'",
    ),
]


def break_and_build(project: Path, target: str, old: str, new: str):
    site = project / "site"
    before = snapshot(site)
    path = project / target
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run_build(project / "mkdocs.yml", site)
    return result, before, snapshot(site)


@pytest.mark.parametrize(("case", "old", "new", "message"), BAD_DATA, ids=[c[0] for c in BAD_DATA])
def test_bad_data_stops_the_build_with_one_line(
    fixture_project: Path, case: str, old: str, new: str, message: str
) -> None:
    result, before, after = break_and_build(fixture_project, "data/dosing.yml", old, new)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert after == before, "a failed build must leave the last good site as it was"


@pytest.mark.parametrize(
    ("case", "target", "old", "new", "message"), BAD_PAGES, ids=[c[0] for c in BAD_PAGES]
)
def test_bad_page_stops_the_build_with_file_and_line(
    fixture_project: Path, case: str, target: str, old: str, new: str, message: str
) -> None:
    result, before, after = break_and_build(fixture_project, target, old, new)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert after == before
