"""The editors' commands, run as editors run them, on a copy of the fixture project:
make check, make review, make page, make changes (with git), make serve."""

from __future__ import annotations

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
from pathlib import Path

import pytest

from helpers import ROOT, copy_fixture_project, git, replace_in, run_build, run_medsite


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the fixture project, its data schema written."""
    root = copy_fixture_project(tmp_path / "project")
    assert run_medsite(root, "schema").returncode == 0
    return root


@pytest.fixture
def repo(project: Path) -> Path:
    """The fixture project as a git repository with one commit on `main`."""
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "start")
    return project


def check(root: Path, *args: str) -> tuple[int, list[str]]:
    result = run_medsite(root, "check", *args)
    return result.returncode, result.stdout.splitlines()


def test_check_prints_all_clear_on_a_good_project(project: Path) -> None:
    code, lines = check(project)
    assert code == 0
    assert lines[0].startswith("All clear: data/dosing.yml and 3 pages checked;")


def test_check_lists_every_problem_at_its_file_and_line(project: Path) -> None:
    replace_in(project / "content" / "index.md", "Call {{ contacts.helpline }} for help.",
               "Call {{ contacts.helpline }} for help. Take 5 mg.")
    replace_in(project / "content" / "dosing.md", "Each dose goes up",
               "The behaviour of each dose goes up")
    code, lines = check(project)
    assert code == 1
    assert lines == [
        "content/dosing.md:15: 'behaviour' is British usage; the US edition writes 'behavior'",
        "content/index.md:15: dose number typed into the page: '5 mg'; show it from the data "
        "file instead: {{ regimens.adults.titration_steps[1].dose }} or "
        "{{ regimens.adults.starting_dose.daily }} or "
        "{{ regimens.adults.titration_steps[0].daily }}",
    ]


def test_the_build_stops_at_the_same_problem_the_check_reports(project: Path,
                                                               tmp_path: Path) -> None:
    replace_in(project / "content" / "dosing.md", "Each dose goes up",
               "The behaviour of each dose goes up")
    result = run_build(project / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 1
    assert "ERROR   -  content/dosing.md:15: 'behaviour' is British usage; the US edition " \
           "writes 'behavior'" in result.stderr


def test_review_lists_exactly_the_pages_that_show_a_value(project: Path) -> None:
    result = run_medsite(project, "review", "forms.tablets.strengths[1]")
    assert result.stdout.splitlines() == [
        "Pages that show forms.tablets.strengths[1]:",
        "  content/about/sources.md", "  content/dosing.md"]
    result = run_medsite(project, "review", "regimens.adults.max_daily")
    assert result.stdout.splitlines()[1:] == [
        "  content/about/sources.md", "  content/dosing.md", "  content/index.md"]


def test_review_refuses_a_key_that_is_not_in_the_data(project: Path) -> None:
    result = run_medsite(project, "review", "regimens.adults.max_daly")
    assert result.returncode == 1
    assert result.stdout.strip() == ("data/dosing.yml: no value 'regimens.adults.max_daly' in "
                                     "the data file (did you mean 'regimens.adults.max_daily'?)")


def test_a_new_page_is_a_draft_in_the_nav_with_no_review_dates(project: Path) -> None:
    result = run_medsite(project, "page", "--type", "condition", "--name", "Stroke")
    assert result.returncode == 0, result.stderr
    page = (project / "content" / "conditions" / "stroke.md").read_text(encoding="utf-8")
    assert "status: draft\n" in page
    assert "last_reviewed" not in page.split("---")[1]
    assert "      - Stroke: conditions/stroke.md" in (project / "mkdocs.yml").read_text(
        encoding="utf-8") or "- Stroke: conditions/stroke.md" in (
        project / "mkdocs.yml").read_text(encoding="utf-8")
    code, lines = check(project)
    assert code == 0, lines
    review = run_medsite(project, "review").stdout
    assert "content/conditions/stroke.md  never" in review
    assert "Drafts (previewed by make serve, left out of the published site)\n" \
           "  content/conditions/stroke.md" in review
    assert "Reviewers\n  Fixture reviewer: 3 pages" in review


def test_an_untouched_template_page_cannot_be_published(project: Path) -> None:
    run_medsite(project, "page", "--type", "condition", "--name", "Stroke")
    page = project / "content" / "conditions" / "stroke.md"
    replace_in(page, "status: draft\n", "last_reviewed: 2026-11-25\nnext_review: 2027-11-25\n"
               "reviewed_by: Clinical pharmacist\n")
    code, lines = check(project)
    assert code == 1
    assert lines[0] == ("content/conditions/stroke.md:20: template placeholder text is still "
                        "here ('[[Write here what stroke is, in a few short sentence...]]'); "
                        "write the page in your own words before it is published (or keep "
                        "'status: draft')")


def test_a_draft_is_left_out_of_the_built_site(project: Path, tmp_path: Path) -> None:
    run_medsite(project, "page", "--type", "condition", "--name", "Stroke")
    site = tmp_path / "site"
    result = run_build(project / "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr
    assert not (site / "conditions" / "stroke").exists()
    assert "stroke" not in (site / "index.html").read_text(encoding="utf-8").lower()
    assert "conditions/stroke" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_a_draft_is_previewed_and_marked_as_a_draft(project: Path) -> None:
    run_medsite(project, "page", "--type", "condition", "--name", "Stroke")
    with LiveServer(project) as server:
        page = server.get("/conditions/stroke/")
        assert "Draft: not published" in page
        assert "[[Write here what stroke is" in page


def test_check_refuses_a_link_to_a_place_no_page_has(project: Path) -> None:
    # The same links the strict build refuses, found by make check with their lines.
    replace_in(project / "content" / "index.md", "See [dosing](dosing.md).",
               "See [dosing](dosing.md#dosing) and [its doses](dosing.md#doses). "
               "[Back up](#examplofen), [down](#nowhere).")
    code, lines = check(project)
    assert code == 1
    assert lines == [
        "content/index.md:17: link to 'dosing.md#doses': no heading or place '#doses' on "
        "'dosing.md'",
        "content/index.md:17: link to '#nowhere': no heading or place '#nowhere' on "
        "'index.md'"]


def test_make_serve_stops_at_a_warning_before_it_serves(project: Path) -> None:
    # make serve builds first (make build, strict) and then runs `mkdocs serve --strict`,
    # whose own first build stops at a warning too, before anything is served.
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    serve = re.search(r"^serve: (.*)\n\t(.*)$", makefile, re.MULTILINE)
    assert serve is not None
    assert serve.group(1).split() == ["build"]
    command = serve.group(2).split()
    assert command[:3] == ["$(BIN)/mkdocs", "serve", "--strict"]
    replace_in(project / "content" / "index.md", "See [dosing](dosing.md).",
               "See [dosing](nowhere.md).")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = subprocess.run([sys.executable, "-m", "mkdocs", *command[1:3],
                             "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
                            cwd=project, capture_output=True, text=True, timeout=60,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=False)
    assert result.returncode == 1
    assert "contains a link 'nowhere.md', but the target is not found" in result.stderr
    assert "Aborted with 1 warnings in strict mode!" in result.stdout + result.stderr
    assert "Serving on" not in result.stdout + result.stderr


def test_a_command_that_cannot_write_its_file_says_so_in_one_line(project: Path) -> None:
    shutil.rmtree(project / "data")
    result = run_medsite(project, "schema")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "medsite schema: data/dosing.schema.json: No such file or directory"]


# A change to the data, from a reviewer's point of view (git).

def change_a_strength(root: Path, checked: str | None = None) -> None:
    replace_in(root / "data" / "dosing.yml", "strengths: [2.5, 10]", "strengths: [2.5, 5]")
    if checked:
        replace_in(root / "data" / "dosing.yml", "    section: Strengths\n    checked: 2026-11-20",
                   f"    section: Strengths\n    checked: {checked}")


def test_a_changed_value_must_carry_a_new_checked_date(repo: Path) -> None:
    change_a_strength(repo)
    code, lines = check(repo, "--base", "main")
    assert code == 1
    assert lines == ["data/dosing.yml:31: forms.tablets.strengths[1]: changed (10 mg -> 5 mg) "
                     "but its checked date did not; check it against its source and set "
                     "'checked' to that day"]


def test_a_page_showing_a_changed_value_must_be_reviewed_again(repo: Path) -> None:
    change_a_strength(repo, checked="2026-11-26")
    code, lines = check(repo, "--base", "main")
    assert code == 1
    assert lines == ["content/dosing.md:5: last_reviewed: this page shows "
                     "forms.tablets.strengths[1], which changed on 2026-11-26; review the page "
                     "against it and set last_reviewed to 2026-11-26 or later"]
    replace_in(repo / "content" / "dosing.md", "last_reviewed: 2026-11-25",
               "last_reviewed: 2026-11-26")
    assert check(repo, "--base", "main")[0] == 0


def test_a_base_that_cannot_be_read_is_never_skipped_silently(repo: Path) -> None:
    change_a_strength(repo)  # would fail the re-review rule, if it ran
    unchecked = ("data/dosing.yml: changed values were not checked for re-review: no git ref "
                 "'nowhere' here; give one with BASE=<ref>")
    noted = run_medsite(repo, "check", "--base", "nowhere")
    assert noted.returncode == 0
    assert noted.stderr.splitlines() == [f"Note: {unchecked}"]
    required = run_medsite(repo, "check", "--base", "nowhere", "--require-base")
    assert required.returncode == 1
    assert required.stdout.splitlines() == [unchecked]


def make_check_command(*assignments: str, env: dict[str, str] | None = None) -> str:
    """The command `make check` would run (`make -n`), with these variables."""
    dry = subprocess.run(["make", "-n", "check", *assignments], cwd=ROOT, capture_output=True,
                         text=True, check=True, env={**os.environ, "CI": "", **(env or {})})
    return next(line for line in dry.stdout.splitlines() if "-m medsite check" in line)


def test_make_check_requires_the_base_ci_gives_it() -> None:
    # The workflows give BASE (on the command line or in the environment): under CI=true it
    # must be readable. The Makefile's default is a note when the clone lacks it.
    assert make_check_command("CI=true", "BASE=origin/main").endswith(
        '--base "origin/main" --require-base')
    assert make_check_command(env={"CI": "true", "BASE": "abc123"}).endswith(
        '--base "abc123" --require-base')
    assert make_check_command("CI=true").endswith('--base "main"')
    assert make_check_command("BASE=origin/main").endswith('--base "origin/main"')


def test_changes_shows_each_value_with_the_sentence_or_row_before_and_after(repo: Path) -> None:
    change_a_strength(repo, checked="2026-11-26")
    replace_in(repo / "content" / "index.md", "See [dosing]", "Read more: see [dosing]")
    result = run_medsite(repo, "changes", "--base", "main")
    out = result.stdout
    assert "CHANGED forms.tablets.strengths[1]: 10 mg -> 5 mg" in out
    assert "source: label (Strengths); checked 2026-11-20 -> 2026-11-26" in out
    assert ("content/dosing.md\n        before: 2.5 mg and 10 mg Tablets generic US\n"
            "        after:  2.5 mg and 5 mg Tablets generic US") in out.replace("\u00a0", " ")
    assert "content/index.md\n      -See [dosing](dosing.md).\n      +Read more: see " in out
    markdown = (repo / "build" / "changes.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Changes since main (")
    assert "- CHANGED `forms.tablets.strengths[1]`: 10 mg -> 5 mg" in markdown


def test_changes_lists_an_added_and_a_removed_value_with_the_pages_that_show_them(
        repo: Path) -> None:
    replace_in(repo / "data" / "dosing.yml", "strengths: [2.5, 10]", "strengths: [2.5]")
    replace_in(repo / "data" / "dosing.yml", "facts:\n", (
        "facts:\n  gap:\n    about: A gap between doses\n    value: 4\n    unit: hours\n"
        "    source: guide\n    section: Missed doses\n    checked: 2026-11-26\n"))
    out = run_medsite(repo, "changes", "--base", "main").stdout.replace("\u00a0", " ")
    assert "REMOVED forms.tablets.strengths[1]: 10 mg\n" in out
    assert ("content/dosing.md\n        before: 2.5 mg and 10 mg Tablets generic US\n"
            in out)
    # A value no page names yet is still shown on the sources page, which lists them all.
    assert ("ADDED facts.gap: 4 hours\n      source: guide (Missed doses); checked 2026-11-26\n"
            "      content/about/sources.md\n"
            "        after:  A gap between doses 4 hours Missed doses 2026-11-26\n") in out


@pytest.mark.parametrize(("old", "new", "cited"), [
    ("    source: label\n    section: Strengths\n    checked: 2026-11-20\n    strengths",
     "    source: label\n    section: How supplied\n    checked: 2026-11-20\n    strengths",
     "label (Strengths) -> label (How supplied)"),
    ("    source: label\n    section: Strengths\n    checked: 2026-11-20\n    strengths",
     "    source: guide\n    section: Strengths\n    checked: 2026-11-20\n    strengths",
     "label (Strengths) -> guide (Strengths)"),
], ids=["section", "source"])
def test_a_value_whose_source_or_section_changed_must_be_checked_again(
        repo: Path, old: str, new: str, cited: str) -> None:
    replace_in(repo / "data" / "dosing.yml", old, new)
    code, lines = check(repo, "--base", "main")
    assert code == 1
    assert lines == [f"data/dosing.yml:31: forms.tablets.strengths[{index}]: changed (source: "
                     f"{cited}) but its checked date did not; check it against its source and "
                     "set 'checked' to that day" for index in (0, 1)]
    out = run_medsite(repo, "changes", "--base", "main").stdout
    assert "CHANGED forms.tablets.strengths[1]: 10 mg (its source changed)" in out
    assert f"source: {cited}; checked 2026-11-20 -> 2026-11-20" in out


def test_changes_refuses_a_ref_that_does_not_exist(repo: Path) -> None:
    result = run_medsite(repo, "changes", "--base", "nowhere")
    assert result.returncode == 1
    assert result.stderr.strip() == ("make changes: no git ref 'nowhere' here; give one with "
                                     "BASE=<ref>")


# The committed generated files of the real project are current.

def test_the_data_schema_is_current() -> None:
    assert run_medsite(ROOT, "schema", "--check").returncode == 0


def test_the_table_of_page_names_in_editing_md_is_current() -> None:
    result = run_medsite(ROOT, "reference", "--check")
    assert result.returncode == 0, result.stderr


# make serve

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

    def get(self, path: str) -> str:
        """The text of a page (the server holds requests while a rebuild is failing)."""
        url = f"http://127.0.0.1:{self.port}{path}"
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))

    def wait_for_output(self, text: str, timeout: float = 60) -> None:
        """Wait until a line of the server's output contains `text` (a hang guard, not a
        measurement: the server says when it is done)."""
        deadline = time.monotonic() + timeout
        while not any(text in line for line in self.output):
            assert self.running(), "mkdocs serve stopped:\n" + "\n".join(self.output)
            assert time.monotonic() < deadline, f"no {text!r} in:\n" + "\n".join(self.output)
            time.sleep(0.1)

    def wait_for_page(self, path: str, text: str, timeout: float = 60) -> None:
        """Wait until the page at `path` contains `text`."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                if text in self.get(path):
                    return
            except (urllib.error.URLError, TimeoutError):
                pass
            assert self.running(), "mkdocs serve stopped:\n" + "\n".join(self.output)
            assert time.monotonic() < deadline, f"{path} never showed {text!r}"
            time.sleep(0.2)


def test_serve_reports_a_bad_edit_keeps_running_and_rebuilds_when_fixed(project: Path) -> None:
    data = project / "data" / "dosing.yml"
    good = data.read_text(encoding="utf-8")
    with LiveServer(project) as server:
        assert "30\u00a0mg a day" in server.get("/")
        data.write_text(good.replace("      value: 30\n", "      value: 40\n"), encoding="utf-8")
        server.wait_for_output("ERROR   -  data/dosing.yml:60: regimens.adults.max_daily."
                               "given_as: 10 mg x 3 is 30 mg/day, not the maximum of 40;")
        assert server.running()
        fixed = good.replace("      value: 30\n", "      value: 40\n").replace(
            "given_as: {dose: 10, times_per_day: 3}", "given_as: {dose: 10, times_per_day: 4}")
        data.write_text(fixed, encoding="utf-8")
        server.wait_for_page("/", "40\u00a0mg a day")
        notice = project / "overrides" / "partials" / "review-notice.html"
        notice.write_text("<p>Theme changes too.</p>\n", encoding="utf-8")
        server.wait_for_page("/", "Theme changes too.")


def test_a_draft_in_the_nav_is_no_published_page_s_neighbour(project: Path,
                                                            tmp_path: Path) -> None:
    run_medsite(project, "page", "--type", "condition", "--name", "Stroke")
    site = tmp_path / "site"
    assert run_build(project / "mkdocs.yml", site).returncode == 0
    for page in site.rglob("index.html"):
        assert "conditions/stroke" not in page.read_text(encoding="utf-8"), page
