"""Hostile and careless edits (issue 10): each is refused with one line naming the file and
the line or key, or made harmless, and the last good site stays byte for byte as it was.

Content and data arrive as pull requests, so every case is an edit an editor could send:
a page, the data file or mkdocs.yml, changed on a copy of the fixture project whose site
was built once by the real build. The whole table runs through `make check` (in-process,
`run_checks`); at least one case of each kind, and every case that once stalled or crashed,
also runs through the real build (`python -m medsite build` in a subprocess), which is
slower, so not every case of a kind does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from hostile_fixture import (
    ERROR,
    Edit,
    GoodSite,
    apply,
    build,
    build_good_site,
    digests,
    leftovers,
    medsite,
)
from medsite.cli.check import run_checks
from medsite.content.frontmatter import split_front_matter
from medsite.problems import SiteError
from medsite.project import Project

INDEX, DATA, MKDOCS = "content/index.md", "data/dosing.yml", "mkdocs.yml"
STARTING_DOSE = "{{ regimens.adults.starting_dose }}"
FIRST_LINE = f"Adults start on {STARTING_DOSE}."
EVIL = "https://evil.example/x.png"
NAMES = ("brand_names, cite, contacts, edition, facts, forms, forms_table, help_card, "
         "liquid_dose_table, max_dose_table, medicine, regimens, schedule_sheet, sources, "
         "sources_list, titration_chart, titration_table")
ADULTS = ("first_step, jurisdiction, last_step, maintenance, max_daily, name, population, "
          "schedule_length, starting_dose, step_length, step_rise, taper, titration_steps")
FUNCTIONS = ("cite, forms_table, help_card, liquid_dose_table, max_dose_table, "
             "schedule_sheet, sources_list, titration_chart, titration_table")
TYPED_200 = ("dose number typed into the page: '200 mg'; no value in the data file is this; "
             "add it there with its source (a facts: entry for a single number), then show it "
             "by name")
ALIASES = "YAML anchors and aliases ('&' and '*') are not allowed; write the value out in full"
PYTHON_TAG = ("YAML tags such as 'tag:yaml.org,2002:python/object/apply:os.system' are not "
              "allowed; write a plain value")
NOT_A_TAG = "write '&lt;' for a '<' that is not a tag"
OTHER_HOST = "loads from another host; put the image in the site and link it by a relative path"
BAD_LINK = ("is not allowed; link to a page of this site or to an http(s), mailto: or tel: "
            "address")
# A file a '!!python/object/apply:os.system' would create if YAML ran it.
RAN = Path("/tmp/medsite-hostile-yaml-ran")
# The length of the fixture home page's body, which the page-length message counts.
PAGE_LENGTH = len(split_front_matter((Path(__file__).parent / "fixtures/site" / INDEX)
                                     .read_text(encoding="utf-8"))[1])
BOMB = "".join(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n" for prev, name in
               zip("abcdefgh", "bcdefghi", strict=True))


def reference(text: str) -> tuple[Edit]:
    """The first data reference of the home page (line 13) replaced by `text`."""
    return ((INDEX, STARTING_DOSE, text),)


def paragraph(text: str) -> tuple[Edit]:
    """A new paragraph on line 15 of the home page."""
    return ((INDEX, FIRST_LINE, f"{FIRST_LINE}\n\n{text}"),)


def front(old: str, new: str) -> tuple[Edit]:
    """A change to the home page's front matter."""
    return ((INDEX, old, new),)


def data(old: str, new: str) -> tuple[Edit]:
    """A change to the data file."""
    return ((DATA, old, new),)


@dataclass(frozen=True)
class Refused:
    """An edit, and the one line that refuses it (make check's, where it knows more)."""

    edits: tuple[Edit, ...]
    message: str
    check_message: str | None = None

    @property
    def in_check(self) -> str:
        """The line make check prints."""
        return self.check_message or self.message


REFUSED: dict[str, Refused] = {
    # 1. Templates: nothing but data names, their attributes and the page functions.
    "globals-of-a-function": Refused(reference("{{ cite.__globals__ }}"), (
        "content/index.md:13: cite is a page function; write cite(regimens.adults.max_daily)")),
    "os-through-globals": Refused(
        reference("{{ cite.__globals__['os'].popen('id').read() }}"),
        f"content/index.md:13: only the page functions can be called: {FUNCTIONS}"),
    "class-of-an-unknown-name": Refused(reference("{{ x.__class__ }}"), (
        f"content/index.md:13: unknown data name 'x'; use one of: {NAMES}")),
    "class-of-a-data-value": Refused(reference("{{ regimens.adults.__class__.__mro__ }}"), (
        f"content/index.md:13: unknown data name '__class__' in 'regimens.adults'; use one "
        f"of: {ADULTS}")),
    "set-statement": Refused(reference("{% set x = 1 %}"), (
        "content/index.md:13: template statements ({% ... %}) are not allowed; use data names "
        "between {{ and }}")),
    "filter": Refused(reference("{{ medicine | upper }}"), (
        "content/index.md:13: filters (|) are not allowed between {{ and }}")),
    "typed-text-in-braces": Refused(reference("{{ '200 mg' }}"), (
        "content/index.md:13: only data names can go between {{ and }}, not typed text or "
        "numbers; take the value from the data file")),
    "typed-number-in-braces": Refused(reference("{{ 200 }} mg"), (
        "content/index.md:13: only data names can go between {{ and }}, not typed text or "
        "numbers; take the value from the data file")),
    "deeply-nested-brackets": Refused(reference("{{ " + "(" * 120 + "medicine" + ")" * 120
                                                + " }}"), (
        "content/index.md:13: brackets nested too deeply between {{ and }}; write one data "
        "name")),
    "braces-that-never-close": Refused(reference("{{ " * 200 + "}}"), (
        "content/index.md:13: 598 characters between {{ and }}; a reference is one data name "
        "(at most 300), so check that each '{{' is closed by its own '}}'")),
    # 2. A typed dose, however it is disguised, in the page, a title or a menu label.
    "dose-in-prose": Refused(paragraph("Take 200 mg."), f"content/index.md:15: {TYPED_200}"),
    "dose-with-nbsp-entity": Refused(paragraph("Take 200&nbsp;mg."),
                                     f"content/index.md:15: {TYPED_200}"),
    "dose-with-number-entity": Refused(paragraph("Take &#50;00 mg."),
                                       f"content/index.md:15: {TYPED_200}"),
    "dose-with-zero-width-space": Refused(paragraph("Take 2\u200b00 mg."),
                                          f"content/index.md:15: {TYPED_200}"),
    "dose-in-full-width-digits": Refused(paragraph("Take \uff12\uff10\uff10 mg."),
                                         f"content/index.md:15: {TYPED_200}"),
    "dose-in-a-heading": Refused(front("# Examplofen", "# Examplofen 200 mg"),
                                 f"content/index.md:11: {TYPED_200}"),
    "dose-split-by-a-tag": Refused(paragraph("Take 2<span>00</span> mg."), (
        "content/index.md:15: the built page shows a dose number that is not a value from the "
        "data file: '200 mg'; show it by name from the data file")),
    "unit-after-a-tag": Refused(paragraph("Take 200 <em>mg</em>."), (
        "content/index.md:15: the built page shows a dose number that is not a value from the "
        "data file: '200 mg'; show it by name from the data file")),
    "unit-typed-after-a-data-number": Refused(
        paragraph("Take {{ regimens.adults.max_daily.number }} mg."), (
            "content/index.md:15: the built page shows a dose number that is not a value from "
            "the data file: '30 mg'; show it by name from the data file")),
    "unit-typed-after-a-data-range": Refused(
        paragraph("Take {{ regimens.adults.maintenance.number }} mg."), (
            "content/index.md:15: the built page shows a dose number that is not a value from "
            "the data file: '20 mg'; show it by name from the data file")),
    "dose-in-the-title": Refused(front("title: Examplofen", "title: Examplofen 200 mg"), (
        "content/index.md:2: title: dose number '200 mg' typed into a title; titles and menu "
        "labels name the topic, and the page shows the number from the data file")),
    "dose-in-the-title-as-entity": Refused(
        front("title: Examplofen", "title: Examplofen 200&nbsp;mg"), (
            "content/index.md:2: title: dose number '200 mg' typed into a title; titles and "
            "menu labels name the topic, and the page shows the number from the data file")),
    "dose-in-a-search-keyword": Refused(front("type: home", "type: home\nkeywords: [200 mg]"), (
        "content/index.md:5: keywords[0]: dose number '200 mg' typed here; only the page itself "
        "shows doses, by name from the data file")),
    "dose-in-a-nav-label": Refused(((MKDOCS, "- Dosing: dosing.md", "- Dosing 200 mg: "
                                     "dosing.md"),), (
        "mkdocs.yml:29: nav: dose number '200 mg' typed into a title; titles and menu labels "
        "name the topic, and the page shows the number from the data file")),
    "dose-in-a-nav-section": Refused(((MKDOCS, "  - Dosing: dosing.md", "  - Doses 200 mg:\n"
                                       "      - Dosing: dosing.md"),), (
        "mkdocs.yml:29: nav: dose number '200 mg' typed into a title; titles and menu labels "
        "name the topic, and the page shows the number from the data file")),
    # 3. Consistent nonsense in the data file.
    "regimen-moved-to-mcg": Refused(
        ((DATA, "dose_unit: mg", "dose_unit: mcg"), (DATA, "unit: mg/day}", "unit: mcg/day}"),
         (DATA, "unit: mg/day\n", "unit: mcg/day\n")), (
            "data/dosing.yml:47: regimens.adults.dose_unit: 'mcg' does not match the oral "
            "forms in this file, which are in mg; a whole schedule in the wrong unit is 1,000 "
            "times out")),
    "starting-dose-is-not-the-first-step": Refused(
        data("starting_dose: {dose: 2.5", "starting_dose: {dose: 5"), (
            "data/dosing.yml:51: regimens.adults.starting_dose: 5 mg x 2 is not the first step "
            "of the build-up (2.5 mg x 2); the starting dose is the first step")),
    "taper-2-to-1-weeks": Refused(data("taper: {low: 1, high: 3", "taper: {low: 2, high: 1"), (
        "data/dosing.yml:61: regimens.adults.taper.low: low (2) is above high (1)")),
    "liquid-dose-that-prints-as-0": Refused(
        data("{amount: 5, amount_unit: mg, volume: 2", "{amount: 5000, amount_unit: mg, "
             "volume: 1"), (
            "data/dosing.yml:53: regimens.adults.titration_steps[0].dose: 2.5 mg of "
            "forms.liquid is less than 0.01 mL and would print as 0 mL")),
    "dose-too-small-to-print": Refused(
        ((DATA, "starting_dose: {dose: 2.5", "starting_dose: {dose: 0.00001"),
         (DATA, "- {dose: 2.5,", "- {dose: 0.00001,")), (
            "data/dosing.yml:51: regimens.adults.starting_dose.dose: use at most 4 decimal "
            "places, not 1e-05")),
    "source-accessed-in-2099": Refused(data("accessed: 2026-11-25", "accessed: 2099-01-01"), (
        "data/dosing.yml:14: sources.label.accessed: 2099-01-01 is in the future")),
    "strength-above-every-maximum": Refused(
        data("strengths: [2.5, 10]", "strengths: [2.5, 10, 500]"), (
            "data/dosing.yml:31: forms.tablets.strengths[2]: a strength of 500 mg is more than "
            "the largest daily maximum in this file (30 mg/day)")),
    # 4. Anything that would load from another host or run in the reader's browser.
    "svg-image": Refused(paragraph(f'<svg><image href="{EVIL}"/></svg>'), (
        "content/index.md:15: the HTML tag <svg> is not allowed in a page")),
    "css-image-set": Refused(paragraph(f"<p style=\"background:image-set('{EVIL}' 1x)\">Hi</p>"), (
        "content/index.md:15: styles are not allowed in a page, except a table column's "
        "text-align")),
    "css-url-in-a-table-cell": Refused(
        paragraph(f'<table><tr><td style="background:url({EVIL})">Hi</td></tr></table>'), (
            "content/index.md:15: styles are not allowed in a page, except a table column's "
            "text-align")),
    "base": Refused(paragraph('<base href="https://evil.example/">'), (
        "content/index.md:15: the HTML tag <base> is not allowed in a page")),
    "meta-refresh": Refused(
        paragraph('<meta http-equiv="refresh" content="0;url=https://evil.example/">'), (
            "content/index.md:15: the HTML tag <meta> is not allowed in a page")),
    "script-fetch": Refused(paragraph("<script>fetch('https://evil.example/')</script>"), (
        "content/index.md:15: the HTML tag <script> is not allowed in a page")),
    "image-from-another-host": Refused(paragraph(f'<img src="{EVIL}" alt="x">'), (
        f"content/index.md:15: the image '{EVIL}' {OTHER_HOST}")),
    "image-behind-a-backslash": Refused(paragraph('<img src="/\\evil.example/x.png" alt="x">'), (
        f"content/index.md:15: the image '/\\evil.example/x.png' {OTHER_HOST}")),
    "image-address-as-entities": Refused(
        paragraph('<img src="&#104;ttps://evil.example/x.png" alt="x">'), (
            f"content/index.md:15: the image '&#104;ttps://evil.example/x.png' {OTHER_HOST}")),
    "markdown-image-from-another-host": Refused(paragraph(f"![x]({EVIL})"), (
        f"content/index.md:15: the image '{EVIL}' {OTHER_HOST}")),
    "javascript-link": Refused(paragraph("[x](javascript:alert(1))"), (
        f"content/index.md:15: the link address 'javascript:alert(1)' {BAD_LINK}")),
    "javascript-link-with-a-tab-entity": Refused(
        paragraph('<a href="java&#9;script:alert(1)">x</a>'), (
            f"content/index.md:15: the link address 'java&#9;script:alert(1)' {BAD_LINK}")),
    "event-handler": Refused(paragraph('<a href="dosing.md" onclick="alert(1)">x</a>'), (
        "content/index.md:15: event handlers on <a> are not allowed in a page")),
    "iframe": Refused(paragraph('<iframe src="https://evil.example/"></iframe>'), (
        "content/index.md:15: the HTML tag <iframe> is not allowed in a page")),
    # 5. Bytes that could stall the build, exhaust memory or reach Python.
    "alias-bomb-in-the-data": Refused(data("medicine:\n", f"a: &a [x, x]\n{BOMB}medicine:\n"), (
        f"data/dosing.yml:2: {ALIASES}")),
    "alias-bomb-in-front-matter": Refused(front("type: home\n", f"type: home\na: &a [x]\n{BOMB}"),
                                          f"content/index.md:5: {ALIASES}"),
    "recursive-alias": Refused(data("medicine:\n", "loop: &loop [*loop]\nmedicine:\n"), (
        f"data/dosing.yml:2: {ALIASES}")),
    "nested-1000-deep": Refused(data("medicine:\n", "deep: " + "[" * 1000 + "]" * 1000
                                     + "\nmedicine:\n"), (
        "data/dosing.yml:2: nested more than 12 levels deep")),
    "python-tag-in-the-data": Refused(
        data("name: examplofen", f"name: !!python/object/apply:os.system ['touch {RAN}']"), (
            f"data/dosing.yml:3: {PYTHON_TAG}")),
    "python-tag-in-front-matter": Refused(
        front("title: Examplofen", f"title: !!python/object/apply:os.system ['touch {RAN}']"), (
            f"content/index.md:2: {PYTHON_TAG}")),
    "number-of-5000-digits": Refused(data("strengths: [2.5, 10]",
                                          "strengths: [2.5, 1" + "0" * 5000 + "]"), (
        "data/dosing.yml:31: a number of 5001 characters is too long; numbers here have at "
        "most 30")),
    "page-not-in-utf-8": Refused(((INDEX, b"Call", b"Caf\xe9. Call"),), (
        "content/index.md:15: is not UTF-8 text (byte 0xe9); save it as UTF-8")),
    "page-with-a-bom": Refused(((INDEX, b"---", b"\xef\xbb\xbf---"),), (
        "content/index.md:1: starts with a byte-order mark (BOM); save it as UTF-8 without "
        "BOM")),
    "page-with-a-nul": Refused(((INDEX, b"Call", b"Call\x00"),), (
        "content/index.md:15: holds a NUL character that does not show on screen; retype the "
        "line")),
    "data-with-a-bom": Refused(((DATA, b"# A small", b"\xef\xbb\xbf# A small"),), (
        "data/dosing.yml:1: starts with a byte-order mark (BOM); save it as UTF-8 without "
        "BOM")),
    "data-not-in-utf-8": Refused(((DATA, b"name: examplofen", b"name: exampl\xe9fen"),), (
        "data/dosing.yml:3: is not UTF-8 text (byte 0xe9); save it as UTF-8")),
    "a-1-mb-line-of-spaces-in-a-page": Refused(paragraph("Call" + " " * 1_000_000 + "now."), (
        f"content/index.md: the page is {PAGE_LENGTH + 1_000_010:,} characters long; a page "
        "stays under 50,000, so split it into pages")),
    "a-long-paragraph": Refused(paragraph("word " * 1100), (
        "content/index.md:15: the paragraph (or list, or table) that starts here is over 5,000 "
        "characters long; put a blank line between paragraphs")),
    "brackets-that-never-close": Refused(paragraph("[" * 4000), (
        "content/index.md:15: '[' nested more than 2 deep; a link holds at most an image, and "
        "a bracket that is not a link is written \\[")),
    "tags-that-never-close": Refused(paragraph("<a " * 1300), (
        f"content/index.md:15: the HTML tag '<a <a <a <a <a <a <a...' is not closed with '>' "
        f"on its line; {NOT_A_TAG}")),
}

# Every case goes through the real `make check` and the real build in `make test`; these
# representatives, one or more of each kind above and every case that once stalled the build
# or gave a traceback, also in `make test-fast` (the rest are marked `every_case`).
THROUGH_THE_BUILD = (
    "os-through-globals", "set-statement", "typed-number-in-braces", "braces-that-never-close",
    "dose-with-number-entity", "dose-split-by-a-tag", "unit-typed-after-a-data-number",
    "dose-in-a-nav-label", "dose-in-a-nav-section", "dose-in-a-search-keyword",
    "regimen-moved-to-mcg", "source-accessed-in-2099",
    "svg-image", "image-behind-a-backslash", "javascript-link-with-a-tab-entity",
    "alias-bomb-in-front-matter", "python-tag-in-the-data", "number-of-5000-digits",
    "page-with-a-bom", "a-1-mb-line-of-spaces-in-a-page", "brackets-that-never-close",
    "tags-that-never-close",
)


@pytest.fixture(scope="module")
def good_site(tmp_path_factory: pytest.TempPathFactory) -> GoodSite:
    """The fixture site, built once by the real build; each case starts from a copy."""
    return build_good_site(tmp_path_factory.mktemp("good") / "project")


def check_lines(project: Path) -> list[str]:
    """What `make check` prints for a project: one line per problem."""
    try:
        report = run_checks(Project.load(project / "mkdocs.yml"), date.today())
    except SiteError as exc:
        return [str(problem) for problem in exc.problems]
    return [str(problem) for problem in report.problems]


@pytest.mark.parametrize("case", [pytest.param(case, id=name)
                                  for name, case in REFUSED.items()])
def test_make_check_refuses_the_edit_in_one_line(case: Refused, good_site: GoodSite,
                                                 tmp_path: Path) -> None:
    project = good_site.copy(tmp_path / "project")
    apply(project, case.edits)
    lines = check_lines(project)
    assert case.in_check in lines
    assert all("\n" not in line for line in lines)
    assert not RAN.exists()


@pytest.mark.parametrize("name", [
    pytest.param(name, marks=() if name in THROUGH_THE_BUILD else pytest.mark.every_case)
    for name in REFUSED])
def test_the_commands_refuse_the_edit_in_one_line_and_keep_the_last_good_site(
        name: str, good_site: GoodSite, tmp_path: Path) -> None:
    case = REFUSED[name]
    project = good_site.copy(tmp_path / "project")
    apply(project, case.edits)
    checked = medsite(project, "check")
    assert checked.returncode == 1
    assert case.in_check in checked.stdout.splitlines()
    assert "Traceback" not in checked.stdout + checked.stderr
    result = build(project)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith(ERROR)]
    assert errors == [ERROR + case.message]
    assert result.stderr.splitlines()[-1] == (f"Build failed; the last good site in "
                                              f"{project.resolve() / 'site'} is unchanged.")
    assert "Traceback" not in result.stdout + result.stderr
    assert digests(project / "site") == good_site.digests
    assert leftovers(project) == []
    assert not RAN.exists()


def test_make_check_prints_the_line_and_fails(good_site: GoodSite, tmp_path: Path) -> None:
    project = good_site.copy(tmp_path / "project")
    apply(project, REFUSED["alias-bomb-in-the-data"].edits)
    result = medsite(project, "check")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"data/dosing.yml:2: {ALIASES}"]
    assert "Traceback" not in result.stderr


# Text from the data file or the front matter that is shown on pages: it comes out escaped,
# never as a tag, and the build goes ahead. (file edits, page, what that page shows)
SCRIPT = "<script>alert(1)</script>"
SHOWN_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"
IMG = "<img src=x onerror=alert(1)>"
SHOWN_IMG = "&lt;img src=x onerror=alert(1)&gt;"
# Script types a browser runs (structured data, application/ld+json, is only read).
RUNS = (None, "text/javascript", "module")
ESCAPED: dict[str, tuple[tuple[Edit, ...], str, str]] = {
    "script-in-a-source-short-name": (data("short: Example label", f'short: "{SCRIPT}"'),
                                      "index.html", SHOWN_SCRIPT),
    "script-in-a-source-title": (data("title: Example label", f'title: "{SCRIPT}"'),
                                 "about/sources/index.html", SHOWN_SCRIPT),
    "script-in-a-brand-name": (((DATA, "brand_names: [Examplo]", f'brand_names: ["{SCRIPT}"]'),
                                (DATA, "brands: [Examplo]", f'brands: ["{SCRIPT}"]')),
                               "dosing/index.html", SHOWN_SCRIPT),
    "script-in-a-help-card-sign": (data("- slow breathing", f'- "{SCRIPT}"'),
                                   "dosing/index.html", SHOWN_SCRIPT),
    "script-in-the-medicine-name": (data("name: examplofen", f'name: "{SCRIPT}"'),
                                    "index.html", SHOWN_SCRIPT),
    "script-in-the-front-matter-title": (front("title: Examplofen",
                                               'title: "</title><script>alert(1)</script>"'),
                                         "index.html", f"&lt;/title&gt;{SHOWN_SCRIPT}"),
    "script-in-the-description": (
        front("description: A fixture home page that shows single values from the fixture data "
              "set.", "description: '\"><script>alert(1)</script> shows single values from the "
              "fixture data set.'"), "index.html", f"&#34;&gt;{SHOWN_SCRIPT}"),
    "script-in-the-reviewer": (front("reviewed_by: Fixture reviewer",
                                     f'reviewed_by: "{SCRIPT}"'), "index.html", SHOWN_SCRIPT),
    "image-in-a-search-keyword": (front("type: home", f'type: home\nkeywords: ["{IMG}"]'),
                                  "search/search_index.json", SHOWN_IMG),
    "script-in-a-nav-label": (((MKDOCS, "- Dosing: dosing.md", f'- "{SCRIPT}": dosing.md'),),
                              "index.html", SHOWN_SCRIPT),
    "escaped-tag-in-a-heading": (front("# Examplofen", f"# Examplofen {SHOWN_IMG}"),
                                 "index.html", SHOWN_IMG),
}


@pytest.mark.parametrize(("edits", "page", "shown"), ESCAPED.values(), ids=ESCAPED.keys())
def test_text_from_data_or_front_matter_is_shown_escaped_never_as_a_tag(
        edits: tuple[Edit, ...], page: str, shown: str, good_site: GoodSite,
        tmp_path: Path) -> None:
    project = good_site.copy(tmp_path / "project")
    apply(project, edits)
    result = build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert shown in (site / page).read_text(encoding="utf-8")
    for path in [*site.rglob("*.html"), site / "search" / "search_index.json"]:
        text = path.read_text(encoding="utf-8")
        assert SCRIPT not in text and IMG not in text, path
        assert "</title><script>" not in text, path
    for path in site.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        running = [s for s in soup.find_all("script") if s.get("type") in RUNS]
        assert not [s for s in running if "alert(1)" in s.get_text()], path
        assert not soup.find_all(onerror=True), path
    assert check_lines(project) == []


def test_a_1_mb_line_of_spaces_in_the_data_file_builds_the_same_site(
        good_site: GoodSite, tmp_path: Path) -> None:
    project = good_site.copy(tmp_path / "project")
    apply(project, data("medicine:\n", "#" + " " * 1_000_000 + "\nmedicine:\n"))
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert digests(project / "site") == good_site.digests
    assert check_lines(project) == []


def test_a_long_run_of_numbers_builds_without_a_stall(good_site: GoodSite,
                                                      tmp_path: Path) -> None:
    # '1,1,1,...' once took the dose pattern time in the square of its length.
    project = good_site.copy(tmp_path / "project")
    apply(project, paragraph("\n\n".join(["1," * 2400] * 9)))
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert check_lines(project) == []
