"""The editors' workflow: schema, `make check`, `make page`, `make review`, the overdue notice.

Every test works on a small temporary copy of the project (the real data file, the engine,
the theme overrides, mkdocs.yml with a short nav, and a few pages of its own), so editors'
changes to the real pages never break these tests and the tests never touch the real tree.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, run_build
from medsite.frontmatter import add_years
from medsite.review import page_references
from medsite.review_dates import review_status
from medsite.schema import schema_text

sys.path.insert(0, str(ROOT / "scripts"))
from new_page import add_to_nav

TODAY = date.today()
SMALL_NAV = "nav:\n  - Home: index.md\n  - About:\n      - Sources: about/sources.md\n"


def page(title: str, body: str, *, kind: str = "condition", last: str = "2026-01-10",
         next_: str = "2027-01-10", description: str | None = None) -> str:
    """A page with valid front matter (unless the arguments make it invalid)."""
    description = description or f"A short test page called {title}, for the workflow tests."
    return (f"---\ntitle: {title}\ndescription: {description}\ntype: {kind}\n"
            f"last_reviewed: {last}\nnext_review: {next_}\nsources: [{SOURCE}]\n---\n\n"
            f"# {title}\n\n{body}\n")


def first_source() -> str:
    text = (ROOT / "data" / "dosing.yml").read_text(encoding="utf-8")
    return re.search(r"^sources:\n  (\w+):", text, re.MULTILINE).group(1)


SOURCE = first_source()
HOME = page("Home", "This site follows the {{ edition }} labels. Ask us if you are not sure.",
            kind="home", next_="2029-01-10")


def set_nav(config: Path, nav: str) -> None:
    """Replace the nav block of a copied mkdocs.yml, keeping every other line."""
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"^nav:\n(?:[ \t-].*\n|\n)*", nav, text, flags=re.MULTILINE)
    config.write_text(text, encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small copy of the project: real data, engine and theme; two pages of its own."""
    root = tmp_path / "site-project"
    root.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "bench")
    for folder in ("data", "overrides", "scripts"):
        shutil.copytree(ROOT / folder, root / folder, ignore=ignore)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    set_nav(root / "mkdocs.yml", SMALL_NAV)
    (root / "content" / "about").mkdir(parents=True)
    shutil.copy(ROOT / "content" / "about" / "sources.md", root / "content/about/sources.md")
    (root / "content" / "index.md").write_text(HOME, encoding="utf-8")
    return root


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run a command the way `make` does, from the project folder."""
    return subprocess.run([sys.executable, *args], cwd=root, capture_output=True, text=True,
                          check=False)


def line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if text in line)


# --- The JSON Schema -------------------------------------------------------------------

def test_committed_schema_is_up_to_date_with_the_model() -> None:
    committed = (ROOT / "data" / "dosing.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run 'python -m medsite.schema' and commit the result"


def test_data_file_names_the_schema_on_its_first_line() -> None:
    first = (ROOT / "data" / "dosing.yml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=dosing.schema.json"


def test_schema_command_writes_the_schema_and_check_mode_spots_a_stale_one(
        project: Path) -> None:
    schema = project / "data" / "dosing.schema.json"
    schema.write_text("{}\n", encoding="utf-8")
    stale = run(project, "-m", "medsite.schema", "--check")
    assert (stale.returncode, stale.stderr) == (
        1, "data/dosing.schema.json: out of date with the data model; "
           "run 'python -m medsite.schema'\n")
    written = run(project, "-m", "medsite.schema")
    assert (written.returncode, written.stdout) == (0, "Wrote data/dosing.schema.json\n")
    assert json.loads(schema.read_text(encoding="utf-8"))["title"] == "DosingData"
    assert run(project, "-m", "medsite.schema", "--check").returncode == 0


# --- make check ------------------------------------------------------------------------

def test_check_prints_one_summary_line_when_clean(project: Path) -> None:
    result = run(project, "-m", "medsite.check")
    assert result.returncode == 0, result.stdout
    assert re.fullmatch(r"All clear: data/dosing\.yml and 2 pages checked; highest reading "
                        r"grade \d+\.\d \(content/[a-z/]+\.md\)\n", result.stdout)


def test_check_lists_every_data_problem_not_just_the_first(project: Path) -> None:
    data = project / "data" / "dosing.yml"
    text = data.read_text(encoding="utf-8")
    text = re.sub(r"^edition: \w+", "edition: XX", text, flags=re.MULTILINE)
    text = text.replace("    tier: 1\n", "    tier: 9\n", 1)
    data.write_text(text, encoding="utf-8")
    result = run(project, "-m", "medsite.check")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"data/dosing.yml:{line_of(data, 'edition:')}: edition: 'XX' is not allowed here; "
        "use one of 'US', 'UK', 'CA', 'AU', 'FR' or 'IE'",
        f"data/dosing.yml:{line_of(data, 'tier: 9')}: sources.{SOURCE}.tier: must be at "
        "most 5, not 9",
    ]
    assert result.stderr == "2 problems found; see EDITING.md for what each message means\n"


def test_check_lists_every_page_problem_with_file_and_line(project: Path) -> None:
    body = ("Take 10 mg at night. Never take more than 80 mg in a day.\n\n"
            "Adults take {{ regimens.adults.max_daly }}.\n\n"
            "See [the pump page](pump.md).")
    text = page("Bad page", body, next_="2031-01-10").replace(f"[{SOURCE}]",
                                                              f"[{SOURCE}, nice]")
    text = re.sub(r"^description: .*\n", "", text, flags=re.MULTILINE)
    (project / "content" / "conditions").mkdir()
    (project / "content" / "conditions" / "bad.md").write_text(text, encoding="utf-8")
    result = run(project, "-m", "medsite.check")
    assert result.returncode == 1
    example = "{{ regimens.adults.max_daily }}"
    assert result.stdout.splitlines() == [
        "content/conditions/bad.md:1: not in the nav of mkdocs.yml; add it under its group "
        "(make page does this for new pages)",
        "content/conditions/bad.md:2: description: missing key 'description'",
        "content/conditions/bad.md:6: sources: unknown source 'nice' (not listed under "
        "'sources:' in the data file)",
        "content/conditions/bad.md:11: dose number typed into the page: '10 mg'; take it from "
        f"the data file instead, e.g. {example}",
        "content/conditions/bad.md:11: dose number typed into the page: '80 mg'; take it from "
        f"the data file instead, e.g. {example}",
        "content/conditions/bad.md:13: unknown data name 'max_daly' in 'regimens.adults' "
        "(did you mean 'max_daily'?)",
        "content/conditions/bad.md:15: link to 'pump.md': no such page ('conditions/pump.md' "
        "is not in content/)",
    ]


def test_check_refuses_prose_above_reading_grade_8(project: Path) -> None:
    hard = ("Pharmacological management of spasticity necessitates individualised "
            "consideration of concomitant neurological comorbidities, particularly regarding "
            "medication tolerability and anticipated therapeutic effectiveness.")
    (project / "content" / "about" / "hard.md").write_text(page("Hard", hard, kind="about",
                                                                next_="2029-01-10"))
    set_nav(project / "mkdocs.yml", SMALL_NAV + "      - Hard: about/hard.md\n")
    result = run(project, "-m", "medsite.check")
    assert result.returncode == 1
    assert re.fullmatch(r"content/about/hard\.md:10: reading grade \d+\.\d is above 8; use "
                        r"shorter sentences and everyday words\n", result.stdout)


def test_check_reports_a_nav_entry_without_a_page(project: Path) -> None:
    set_nav(project / "mkdocs.yml", SMALL_NAV + "  - Gone: gone.md\n")
    result = run(project, "-m", "medsite.check")
    line = line_of(project / "mkdocs.yml", "gone.md")
    assert result.stdout == f"mkdocs.yml:{line}: nav: no page 'gone.md' in content/\n"


def test_check_and_the_build_give_the_same_line_for_a_typed_dose(project: Path) -> None:
    (project / "content" / "index.md").write_text(HOME.replace("Ask us", "Take 5 mg. Ask us"))
    check = run(project, "-m", "medsite.check")
    build = run_build(project / "mkdocs.yml", project / "site")
    assert check.stdout.strip() in build.stdout + build.stderr


# --- make page -------------------------------------------------------------------------

def test_new_condition_page_is_written_from_the_template_and_added_to_the_nav(
        project: Path) -> None:
    before = (project / "mkdocs.yml").read_text(encoding="utf-8")
    result = run(project, "scripts/new_page.py", "--type", "condition", "--name", "Stroke")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == ("Wrote content/conditions/stroke.md and added "
                                             "it to the Conditions section of the nav in "
                                             "mkdocs.yml.")
    text = (project / "content" / "conditions" / "stroke.md").read_text(encoding="utf-8")
    assert text.startswith(
        "---\ntitle: Stroke\ndescription: What stroke is, how it affects people who take "
        f"baclofen, and when to get help.\ntype: condition\nlast_reviewed: {TODAY}\n"
        f"next_review: {add_years(TODAY, 3)}\nsources: [{SOURCE}]\n---\n")
    headings = re.findall(r"^#+ .*", text, re.MULTILINE)
    assert headings == ["# Stroke", "## What it is", "## What to do", "## When to get help"]
    assert '!!! danger "Emergency: call {{ contacts.emergency }} now"' in text
    after = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert after == before.replace(
        "  - About:\n", "  - Conditions:\n      - Stroke: conditions/stroke.md\n  - About:\n")


def test_a_new_page_of_each_type_builds_strictly_and_passes_check(project: Path) -> None:
    for kind, name in [("condition", "Multiple sclerosis (MS)"), ("dosing", "Missed doses"),
                       ("safety", "Alcohol and driving"), ("about", "Who we are")]:
        result = run(project, "scripts/new_page.py", "--type", kind, "--name", name)
        assert result.returncode == 0, result.stderr
    nav = (project / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:\n")[1]
    assert nav == (
        "  - Home: index.md\n"
        "  - Conditions:\n      - Multiple sclerosis (MS): conditions/multiple-sclerosis-ms.md\n"
        "  - Dosing:\n      - Missed doses: dosing/missed-doses.md\n"
        "  - Safety:\n      - Alcohol and driving: safety/alcohol-and-driving.md\n"
        "  - About:\n      - Sources: about/sources.md\n      - Who we are: about/who-we-are.md\n"
    )
    check = run(project, "-m", "medsite.check")
    assert check.returncode == 0, check.stdout
    assert check.stdout.startswith("All clear: data/dosing.yml and 6 pages checked")
    build = run_build(project / "mkdocs.yml", project / "site")
    assert build.returncode == 0, build.stdout + build.stderr
    assert (project / "site" / "safety" / "alcohol-and-driving" / "index.html").is_file()


def test_new_page_refuses_to_overwrite_an_existing_page(project: Path) -> None:
    assert run(project, "scripts/new_page.py", "--type", "safety", "--name", "Falls") \
        .returncode == 0
    path = project / "content" / "safety" / "falls.md"
    path.write_text(path.read_text(encoding="utf-8") + "Edited.\n", encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    again = run(project, "scripts/new_page.py", "--type", "safety", "--name", "Falls")
    assert (again.returncode, again.stderr) == (
        1, "make page: content/safety/falls.md already exists; edit it, or choose another "
           "NAME\n")
    assert path.read_text(encoding="utf-8").endswith("Edited.\n")
    assert (project / "mkdocs.yml").read_text(encoding="utf-8") == config


@pytest.mark.parametrize(
    ("kind", "name", "message"),
    [
        ("stroke", "Stroke", "make page: TYPE must be one of condition, dosing, safety, about, "
                             "not 'stroke'\n"),
        ("condition", "", 'make page: NAME is empty; give the page a name, e.g. NAME="Stroke"\n'),
        ("condition", "x" * 61, "make page: NAME is 61 characters; keep it to 60\n"),
    ],
    ids=["unknown-type", "empty-name", "long-name"],
)
def test_new_page_refuses_a_bad_type_or_name(project: Path, kind: str, name: str,
                                             message: str) -> None:
    result = run(project, "scripts/new_page.py", "--type", kind, "--name", name)
    assert (result.returncode, result.stderr) == (1, message)


@pytest.mark.parametrize(
    ("nav", "group", "expected"),
    [
        pytest.param("nav:\n  - Home: index.md\n  - Dosing:\n      - A: dosing/a.md\n"
                     "\nplugins:\n  - search\n", "Dosing",
                     "nav:\n  - Home: index.md\n  - Dosing:\n      - A: dosing/a.md\n"
                     "      - New: x.md\n\nplugins:\n  - search\n", id="append-to-group"),
        pytest.param("nav:\n  - Home: index.md\n  - About:\n    - S: about/s.md\n", "Dosing",
                     "nav:\n  - Home: index.md\n  - Dosing:\n      - New: x.md\n  - About:\n"
                     "    - S: about/s.md\n", id="new-group-before-a-later-one"),
        pytest.param("nav:\n- Home: index.md\n- Dosing:\n  - A: dosing/a.md\n", "Safety",
                     "nav:\n- Home: index.md\n- Dosing:\n  - A: dosing/a.md\n- Safety:\n"
                     "    - New: x.md\n", id="new-group-at-the-end-unindented"),
        pytest.param("site_name: S\nnav:\n  - Home: index.md  # the home page\n"
                     "  - 'Dosing':\n      - A: dosing/a.md\nextra: {}", "Dosing",
                     "site_name: S\nnav:\n  - Home: index.md  # the home page\n"
                     "  - 'Dosing':\n      - A: dosing/a.md\n      - New: x.md\nextra: {}",
                     id="quoted-group-and-comments"),
    ],
)
def test_nav_edit_adds_one_line_and_keeps_the_rest(nav: str, group: str, expected: str) -> None:
    assert add_to_nav(nav, group, "New", "x.md") == expected


# --- make review -----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("next_review", "status"),
    [("2026-03-31", "overdue"), ("2026-04-01", "due soon"), ("2026-05-31", "due soon"),
     ("2026-06-01", "ok")],
)
def test_review_status_on_1_april_2026(next_review: str, status: str) -> None:
    assert review_status(date.fromisoformat(next_review), date(2026, 4, 1)) == status


@pytest.mark.parametrize(
    ("body", "references"),
    [
        ("Take {{ regimens.adults.max_daily }} at most.", ["regimens.adults.max_daily"]),
        ("{{ cite(regimens.adults.starting_dose.daily) }}",
         ["regimens.adults.starting_dose.daily"]),
        ("{{ titration_table(regimens.adults) }} {{ max_dose_table() }}",
         ["titration_table(regimens.adults)", "max_dose_table()"]),
        ("{{ forms_table('tablet', 'granules') }}", ["forms_table('tablet', 'granules')"]),
        ("{{ regimens['adults'].titration_steps[0].dose }} {{ medicine }}",
         ["regimens.adults.titration_steps[0].dose", "medicine"]),
        ("{% for f in forms.values() %}{{ f }}{% endfor %}", ["forms.values"]),
        ("No data here.", []),
    ],
)
def test_page_references_are_read_from_the_template(body: str, references: list[str]) -> None:
    assert page_references(body) == references


def review_project(project: Path) -> None:
    """Three pages: overdue, due in 30 days, and fine, each showing different values."""
    (project / "content" / "conditions").mkdir()
    pages = {
        "late": ("{{ regimens.adults.max_daily }} at most.", "2025-01-01", "2026-01-01"),
        "soon": ("{{ titration_table(regimens.adults) }}", "2025-06-01", "2026-05-01"),
        "fine": ("Call {{ contacts.emergency }}.", "2026-01-01", "2028-01-01"),
    }
    nav = SMALL_NAV + "  - Conditions:\n"
    for name, (body, last, next_) in pages.items():
        (project / "content" / "conditions" / f"{name}.md").write_text(
            page(name.title(), body, last=last, next_=next_), encoding="utf-8")
        nav += f"      - {name.title()}: conditions/{name}.md\n"
    set_nav(project / "mkdocs.yml", nav)


def test_review_report_flags_overdue_and_due_soon_pages(project: Path) -> None:
    review_project(project)
    result = run(project, "-m", "medsite.review", "--today", "2026-04-01")
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    assert lines[0] == "Review dates (today 2026-04-01; 'due soon' means within 60 days)"
    rows = {line.split()[0]: line.split(maxsplit=3)[3] for line in lines[3:8]}
    assert rows["content/conditions/late.md"] == "OVERDUE by 90 days"
    assert rows["content/conditions/soon.md"] == "DUE SOON, in 30 days"
    assert rows["content/conditions/fine.md"] == "ok"
    assert "  content/conditions/late.md\n    regimens.adults.max_daily\n" in result.stdout
    assert lines[-1] == "5 pages: 1 overdue, 1 due within 60 days"


def test_review_names_the_pages_to_reread_when_a_value_changes(project: Path) -> None:
    review_project(project)
    result = run(project, "-m", "medsite.review", "regimens.adults.max_daily")
    reread = result.stdout.split("re-read these pages\n")[1].split("\n\n")[0]
    assert reread == ("  regimens.adults: content/about/sources.md, content/conditions/late.md, "
                      "content/conditions/soon.md")


def test_review_fails_only_on_a_missing_or_impossible_date(project: Path) -> None:
    review_project(project)
    late = project / "content" / "conditions" / "late.md"
    late.write_text(late.read_text(encoding="utf-8").replace("2026-01-01", "2026-02-30"))
    result = run(project, "-m", "medsite.review")
    assert (result.returncode, result.stdout) == (
        1, "content/conditions/late.md:6: next_review: '2026-02-30' is not a real date in the "
           "form YYYY-MM-DD\n")


def test_overdue_page_shows_a_review_notice_and_others_do_not(project: Path) -> None:
    """The build compares with today's date, so the pages' dates are set from it."""
    (project / "content" / "conditions").mkdir()
    dates = {"late": (add_years(TODAY, -1), TODAY.fromordinal(TODAY.toordinal() - 1)),
             "fine": (TODAY, add_years(TODAY, 1))}
    nav = SMALL_NAV + "  - Conditions:\n"
    for name, (last, next_) in dates.items():
        (project / "content" / "conditions" / f"{name}.md").write_text(
            page(name.title(), "Some words.", last=str(last), next_=str(next_)))
        nav += f"      - {name.title()}: conditions/{name}.md\n"
    set_nav(project / "mkdocs.yml", nav)
    build = run_build(project / "mkdocs.yml", project / "site")
    assert build.returncode == 0, build.stdout + build.stderr

    def notice(name: str):
        html = (project / "site" / "conditions" / name / "index.html").read_text("utf-8")
        return BeautifulSoup(html, "html.parser").select_one("article .review-notice")

    late = notice("late")
    assert late is not None and late["role"] == "note"
    assert late.select_one(".admonition-title").get_text(strip=True) == \
        "This page is due for review"
    yesterday = dates["late"][1]
    assert f"It was due to be checked on {yesterday}." in " ".join(late.get_text().split())
    assert late.select_one("time")["datetime"] == str(yesterday)
    assert notice("fine") is None


# --- mkdocs serve ----------------------------------------------------------------------

class LiveServer:
    """`mkdocs serve` on a free port in a project copy, with its output collected."""

    def __init__(self, root: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.root = root
        self.output: list[str] = []

    def __enter__(self) -> LiveServer:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=self.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for_output("Serving on http://127.0.0.1:")
        return self

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line.rstrip("\n"))

    def running(self) -> bool:
        """Whether the server process is still alive."""
        return self.process.poll() is None

    def get(self, path: str, timeout: float = 5) -> str:
        """The text of a page (the server holds requests while a rebuild is failing)."""
        url = f"http://127.0.0.1:{self.port}{path}"
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8")

    def wait_for_output(self, text: str, timeout: float = 30) -> None:
        """Wait until a line of the server's output contains `text`."""
        deadline = time.monotonic() + timeout
        while not any(text in line for line in self.output):
            assert self.running(), "mkdocs serve stopped:\n" + "\n".join(self.output)
            assert time.monotonic() < deadline, f"no {text!r} in:\n" + "\n".join(self.output)
            time.sleep(0.1)

    def wait_for_page(self, path: str, text: str, timeout: float = 30) -> None:
        """Wait until the page at `path` contains `text`."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                if text in self.get(path, timeout=2):
                    return
            except (urllib.error.URLError, TimeoutError):
                pass
            assert self.running(), "mkdocs serve stopped:\n" + "\n".join(self.output)
            assert time.monotonic() < deadline, f"no {text!r} on {path}:\n" + \
                "\n".join(self.output)
            time.sleep(0.2)


def test_serve_reports_a_bad_edit_keeps_running_and_rebuilds_when_fixed(
        project: Path) -> None:
    data = project / "data" / "dosing.yml"
    good = data.read_text(encoding="utf-8")
    with LiveServer(project) as server:
        assert "This site follows the " in server.get("/")
        data.write_text(re.sub(r"^edition: \w+", "edition: XX", good, flags=re.MULTILINE))
        line = line_of(data, "edition: XX")
        server.wait_for_output(f"ERROR   -  data/dosing.yml:{line}: edition: 'XX' is not "
                               "allowed here; use one of 'US', 'UK', 'CA', 'AU', 'FR' or 'IE'")
        server.wait_for_output("An error happened during the rebuild")
        assert server.running()
        data.write_text(re.sub(r"^edition: \w+", "edition: IE", good, flags=re.MULTILINE))
        server.wait_for_page("/", "This site follows the IE labels.")
        index = project / "content" / "index.md"
        index.write_text(HOME.replace("Ask us", "Pages change too. Ask us"), encoding="utf-8")
        server.wait_for_page("/", "Pages change too.")
        notice = project / "overrides" / "partials" / "review-notice.html"
        notice.write_text("<p>Theme changes too.</p>\n", encoding="utf-8")
        server.wait_for_page("/", "Theme changes too.")
