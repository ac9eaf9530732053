"""A second site on the same engine: examplomycin capsules at a fixed dose, a Canadian
edition with its own page types, review policy, help levels, audiences, data file and
sources page (tests/fixtures/second_site/, illustrative and never published).

It is built with the real build command and the installed plugin, and checked with
`medsite check`; a wrong setting in its mkdocs.yml stops both with one line.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from helpers import FIXTURES, ROOT, html_pages, run_build, run_medsite

SECOND_SITE = FIXTURES / "second_site"
WARNINGS_PAGE = "content/warnings/when-to-get-help.md"
TAKING_IT_PAGE = "content/taking-it/how-to-take-it.md"


def make_project(project: Path) -> Path:
    """The second site copied next to the real theme overrides, as a project of its own."""
    shutil.copytree(SECOND_SITE, project)
    shutil.copytree(ROOT / "overrides", project / "overrides")
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The second site built once with `python -m medsite build`: its site folder."""
    project = make_project(tmp_path_factory.mktemp("second") / "project")
    result = run_build(project / "mkdocs.yml", project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    return project / "site"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the second site's project, for a test to break."""
    return make_project(tmp_path / "project")


def article(site: Path, url: str) -> Tag:
    page = site / url / "index.html"
    found = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("article")
    assert found is not None, f"{url}: no article"
    return found


def words(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split())


def table(page: Tag, caption: str) -> list[list[str]]:
    """The rows (header row first) of the table with this caption."""
    for found in page.select("table"):
        shown = found.select_one("caption")
        if shown is not None and words(shown) == caption:
            return [[words(cell) for cell in row.select("th, td")] for row in found.select("tr")]
    raise AssertionError(f"no table captioned {caption!r}")


def card(page: Tag, key: str) -> Tag:
    found = page.select_one(f"section.help-card[data-card='{key}']")
    assert found is not None, f"no help card '{key}'"
    return found


# ---- its pages show its own values -----------------------------------------------------


def test_home_page_shows_the_capsule_strength_and_the_fixed_dose(built: Path) -> None:
    text = words(article(built, ""))
    assert "It comes as 250 mg capsules." in text
    assert "Adults take 250 mg four times a day from the first day." in text
    assert "A course usually lasts 7 days." in text


def test_fixed_dose_page_shows_each_dose_how_often_and_the_daily_total(built: Path) -> None:
    text = words(article(built, "taking-it/how-to-take-it"))
    assert "Adults take 250 mg four times a day." in text
    assert "That is 1,000 mg a day in total." in text
    assert "Each capsule holds 250 mg." in text


def test_capsule_table_lists_the_canadian_capsule(built: Path) -> None:
    rows = table(article(built, "taking-it/how-to-take-it"), "Strengths of capsules")
    assert rows == [["Strength", "Form", "Sold as", "Sold in"],
                    ["250 mg", "Capsules", "Examplomyc and generic", "CA"]]


def test_maximum_table_shows_the_canadian_edition(built: Path) -> None:
    rows = table(article(built, "taking-it/how-to-take-it"), "Most in a day, by country")
    assert rows[1][:2] == ["Adults (CA)", "1,000 mg a day"]


def test_a_fixed_dose_site_shows_no_build_up(built: Path) -> None:
    for page in html_pages(built):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        captions = [words(c) for c in soup.select("caption")]
        assert not [c for c in captions if c.startswith("Usual way to build up")], page
        assert soup.select("figure svg") == [], f"{page}: a build-up chart on a fixed dose"


def test_help_cards_use_the_sites_own_levels(built: Path) -> None:
    page = article(built, "warnings/when-to-get-help")
    emergency = card(page, "swollen_face")
    assert emergency["data-level"] == "call_911"
    assert "help-card--emergency" in emergency["class"]
    title = emergency.select_one("h2")
    assert title is not None
    assert words(title).startswith("Call 911 now")
    assert words(title).endswith("Swelling of the face or trouble breathing")
    assert [a["href"] for a in emergency.select("a[href^='tel:']")] == ["tel:911",
                                                                        "tel:18447647669"]
    same_day = card(page, "bad_diarrhea")
    assert "help-card--soon" in same_day["class"]
    assert words(same_day).startswith("See a doctor today")
    assert "Watery diarrhea that does not stop" in words(same_day)


def test_help_card_names_its_own_audience(built: Path) -> None:
    found = card(article(built, "overview/what-it-is"), "cannot_swallow")
    audience = found.select_one(".help-card__for")
    assert audience is not None
    assert words(audience) == "Parents of children taking it"
    assert found.select(".help-card__signs") == [], "a 'worth_knowing' card needs no signs"


def test_citations_link_to_its_own_sources_page(built: Path) -> None:
    sources = article(built, "reference/where-the-facts-come-from")
    assert sources.select_one("h2#src-ca-monograph") is not None
    cite = article(built, "taking-it/how-to-take-it").select_one("a[href*='#src-']")
    assert cite is not None
    assert cite["href"] == "../../reference/where-the-facts-come-from/#src-ca-monograph"


def test_structured_data_gives_its_capsule_and_its_regulator(built: Path) -> None:
    page = built / "taking-it" / "how-to-take-it" / "index.html"
    script = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(
        "script[type='application/ld+json']")
    assert script is not None
    drug = json.loads(script.get_text())["about"]
    assert drug["name"] == "examplomycin"
    assert [(s["strengthValue"], s["strengthUnit"]) for s in drug["availableStrength"]] == \
        [(250, "mg")]
    schedule = drug["doseSchedule"][0]
    assert (schedule["doseValue"], schedule["frequency"]) == (250, "four times a day")
    assert schedule["recognizingAuthority"]["name"] == \
        "Example federal health regulator (illustrative)"


def test_every_page_says_its_own_language(built: Path) -> None:
    # Its mkdocs.yml sets the theme's words to "en" and the edition's language to en-CA.
    pages = sorted(built.rglob("*.html"))
    assert built / "404.html" in pages
    for page in pages:
        root = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").html
        assert root is not None
        assert root["lang"] == "en-CA", page


def test_no_page_carries_the_first_sites_medicine(built: Path) -> None:
    for page in html_pages(built):
        html = page.read_text(encoding="utf-8")
        for word in ("baclofen", "Lioresal", "Poison Help"):
            assert word not in html, f"{page}: shows '{word}'"
    assert "general information about examplomycin" in words(article(built, ""))


# ---- the commands agree on it ----------------------------------------------------------


def test_check_prints_all_clear(project: Path) -> None:
    result = run_medsite(project, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("All clear: data/medicine.yml and 5 pages checked;")


def test_its_schema_is_generated_from_the_model(project: Path) -> None:
    result = run_medsite(project, "schema", "--check")
    assert result.returncode == 0, result.stderr
    assert (project / "data" / "medicine.schema.json").is_file()


# ---- its own rules, and wrong settings, stop the build with one line --------------------

# (case, file, text in it, replacement, the build's line, `medsite check`'s line)
BAD_INPUT = [
    ("warnings-page-reviewed-every-3-years", WARNINGS_PAGE,
     "next_review: 2028-11-20", "next_review: 2029-11-20",
     f"{WARNINGS_PAGE}:6: next_review: next_review is more than 2 years after last_reviewed, "
     "the longest a warnings page may go without review", None),
    ("page-of-an-unknown-type", WARNINGS_PAGE, "type: warnings", "type: warning",
     f"{WARNINGS_PAGE}:4: type: 'warning' is not allowed here; use one of 'home', "
     "'overview', 'taking_it', 'warnings', 'reference'", None),
    ("page-type-left-out-of-the-settings", "mkdocs.yml",
     "        reference: {review_years: 2, folder: reference, nav_group: Reference}\n", "",
     "content/reference/where-the-facts-come-from.md:4: type: 'reference' is not allowed "
     "here; use one of 'home', 'overview', 'taking_it', 'warnings'", None),
    ("review-interval-of-zero", "mkdocs.yml", "warnings: {review_years: 2",
     "warnings: {review_years: 0",
     "Plugin 'medsite' option 'page_types': warnings.review_years: must be at least 1, not 0",
     "mkdocs.yml: plugins.medsite.page_types.warnings.review_years: must be at least 1, not 0"),
    ("review-interval-in-words", "mkdocs.yml", "warnings: {review_years: 2",
     "warnings: {review_years: often",
     "Plugin 'medsite' option 'page_types': warnings.review_years: must be a number, "
     "not 'often'",
     "mkdocs.yml: plugins.medsite.page_types.warnings.review_years: must be a number, "
     "not 'often'"),
    ("missing-data-file", "mkdocs.yml", "data_file: data/medicine.yml",
     "data_file: data/medicines.yml",
     "Plugin 'medsite' option 'data_file': no data file 'data/medicines.yml' next to mkdocs.yml",
     "data/medicines.yml: cannot read the file (No such file or directory)"),
    ("help-card-of-another-sites-level", "data/medicine.yml", "level: same_day",
     "level: today",
     "data/medicine.yml:90: help_cards.bad_diarrhea.level: unknown level 'today'; use one of "
     "'call_911', 'same_day', 'worth_knowing'", None),
    ("help-card-of-an-unknown-audience", "data/medicine.yml", "audience: parents",
     "audience: everyone",
     "data/medicine.yml:102: help_cards.cannot_swallow.audience: unknown audience 'everyone'; use "
     "one of 'all_patients', 'parents'", None),
    ("build-up-table-of-a-fixed-dose", TAKING_IT_PAGE, "## How long to take it",
     "{{ titration_table(regimens.adults) }}\n\n## How long to take it",
     f"{TAKING_IT_PAGE}:29: regimens.adults is a fixed dose; it has no build-up steps", None),
    ("step-length-of-a-fixed-dose", TAKING_IT_PAGE, "## How long to take it",
     "Each step lasts {{ regimens.adults.step_length }}.\n\n## How long to take it",
     f"{TAKING_IT_PAGE}:29: regimens.adults is a fixed dose; it has no build-up steps", None),
]


def break_file(project: Path, target: str, old: str, new: str) -> None:
    path = project / target
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{target}: '{old}' should be there once"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize(("case", "target", "old", "new", "build_line", "check_line"),
                         BAD_INPUT, ids=[c[0] for c in BAD_INPUT])
def test_bad_input_stops_build_and_check_with_one_line(
        project: Path, case: str, target: str, old: str, new: str, build_line: str,
        check_line: str | None) -> None:
    break_file(project, target, old, new)
    build = run_build(project / "mkdocs.yml", project / "site")
    output = build.stdout + build.stderr
    assert build.returncode == 1
    assert "Traceback" not in output
    assert [line for line in output.splitlines() if build_line in line] != [], output
    assert not (project / "site").exists(), "a failed build writes no site"
    check = run_medsite(project, "check")
    assert check.returncode == 1
    assert "Traceback" not in check.stdout + check.stderr
    assert (check_line or build_line) in check.stdout.splitlines(), check.stdout


# ---- its own spelling policy and page templates --------------------------------------


def test_spelling_null_lets_build_and_check_accept_canadian_spelling(project: Path) -> None:
    break_file(project, WARNINGS_PAGE, "## Other signs", "## Other signs\n\nAsk at the "
               "health centre.")
    assert run_medsite(project, "check").returncode == 0
    build = run_build(project / "mkdocs.yml", project / "site")
    assert build.returncode == 0, build.stderr


def test_new_page_starts_from_the_sites_own_template(project: Path) -> None:
    result = run_medsite(project, "page", "--type", "overview", "--name", "Resistance")
    assert result.returncode == 0, result.stderr
    page = (project / "content" / "overview" / "resistance.md").read_text(encoding="utf-8")
    assert page.startswith("---\ntitle: Resistance\ndescription: \"Resistance: what it means "
                           "for people who take examplomycin, in plain words.\"\n"
                           "type: overview\nstatus: draft\n")
    assert "[[Say in two short sentences what resistance is, for someone who takes " \
           "examplomycin.]]" in page
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      - What examplomycin is: overview/what-it-is.md\n" \
           "      - Resistance: overview/resistance.md\n" in config
    assert run_medsite(project, "check").returncode == 0


def test_new_page_of_a_type_without_template_is_refused_with_one_line(project: Path) -> None:
    result = run_medsite(project, "page", "--type", "warnings", "--name", "Allergy")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = (result.stdout + result.stderr).strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("make page: mkdocs.yml: plugins.medsite.page_types.warnings."
                               "template: no template 'warnings'; give a .md file of the "
                               "project, or one of the engine's:")
    assert not (project / "content" / "warnings" / "allergy.md").exists()
