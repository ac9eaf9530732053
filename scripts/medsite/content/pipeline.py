"""One page through the engine, the same way for the build, `make check` and the pre-render.

`prepare_page` reads the front matter, runs the source rules and fills in the references
(Markdown with tokens). Markdown then runs (MkDocs, or python-markdown in `make check`),
and `finish_page` checks and cleans the author's HTML, puts the engine's HTML in, checks
the finished page for dose numbers that are not data values, and removes the marks.
Every step returns problems; the build stops at the first, `make check` prints them all.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from ..data.model import MedicineData
from ..data.units import DOSE_UNITS
from ..problems import Problem
from ..render.catalogue import Record, all_records
from ..render.context import CachedReference, PageContext
from ..render.markers import (
    PageOutput,
    ShownValue,
    ValueTable,
    blocks,
    insert_fragments,
    leftover_marker,
    plain_text,
    strip_marks,
    without_blocks,
)
from ..render.page import blank_references, render_body
from ..render.values import SiteValues, build_values
from ..settings import SiteSettings
from ..urls import page_url, relative_url
from . import html_rules, markup_limits, page_rules
from .frontmatter import PageMeta, add_years, plain_text_problem, read_meta, split_front_matter
from .spelling import WordList, word_list
from .typed_doses import (
    ValueIndex,
    doses_in_block,
    doses_in_output,
    doses_in_source,
    typed_dose_message,
)

_TAG = re.compile(r"<[^>]*>")


@dataclass
class Site:
    """The engine's state for one build or check: settings, validated data, its views."""

    settings: SiteSettings
    data: MedicineData
    today: date

    @cached_property
    def values(self) -> SiteValues:
        """The data as render-ready views."""
        return build_values(self.data)

    @cached_property
    def value_index(self) -> ValueIndex:
        """Which data names show which numbers (for the typed-dose message)."""
        return ValueIndex(self.values)

    @cached_property
    def marks(self) -> ValueTable:
        """The numbers of the values shown on the site's pages (shared by every page)."""
        return ValueTable()

    @cached_property
    def fragment_cache(self) -> dict[tuple[str, str], CachedReference]:
        """References made once and reused by every page that has the same one."""
        return {}

    @cached_property
    def records(self) -> list[Record]:
        """Every value of the data file (see `render.catalogue`)."""
        return all_records(self.values)

    @cached_property
    def words(self) -> WordList | None:
        """The edition's refused spellings, if it has a list."""
        return word_list(self.settings.spelling) if self.settings.spelling else None

    @cached_property
    def dose_paths(self) -> frozenset[str]:
        """The data entries that are doses: a page showing one is reviewed as a dosing page."""
        values = self.values
        paths: set[str] = set()
        for regimen in values.regimens.values():
            paths.add(regimen.starting_dose.dose.path)
            paths.update(step.dose.path for step in regimen.titration_steps)
            paths.add(regimen.max_daily.path)
            if regimen.max_daily.given_as:
                paths.add(regimen.max_daily.given_as.dose.path)
            if regimen.maintenance:
                paths.add(regimen.maintenance.path)
        for form in values.forms.values():
            paths.update(s.path for s in form.strengths)
            if form.concentration:
                paths.add(form.concentration.path)
        for key, fact in self.data.facts.items():
            if fact.unit in DOSE_UNITS:
                paths.add(f"facts.{key}")
        return frozenset(paths)


@dataclass
class PreparedPage:
    """A page after its front matter and source rules, with its references filled in."""

    label: str
    uri: str
    meta: PageMeta | None
    markdown: str
    output: PageOutput
    first_line: int
    meta_lines: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # The line each reference's token was written on (for messages after Markdown).
    token_lines: dict[str, int] = field(default_factory=dict)
    # False when Markdown could stall on the page (see `markup_limits`): it is never run on it.
    safe_for_markdown: bool = True

    @property
    def is_draft(self) -> bool:
        """Whether the page is a draft."""
        return self.meta is not None and self.meta.is_draft


@dataclass
class FinishedPage:
    """A page's final HTML body and the data values it shows."""

    html: str
    shown: list[ShownValue]
    problems: list[Problem]
    marked_html: str = ""

    @property
    def text(self) -> str:
        """The words of the page body, tags removed, entities read (for checks against it)."""
        return " ".join(html.unescape(_TAG.sub(" ", self.html)).split())


def prepare_page(text: str, label: str, uri: str, site: Site | None,
                 settings: SiteSettings, today: date, *,
                 use_directory_urls: bool = True) -> PreparedPage:
    """Check a page's source and fill in its references.

    With `site` None (the data file could not be read) only the front matter and the rules
    that need no data are checked.
    """
    known = set(site.data.sources) if site else None
    result = read_meta(text, label, settings, known, today)
    _, body, offset = split_front_matter(text)
    first_line = offset + 1
    problems = list(result.problems)
    blanked = blank_references(body)
    limits = markup_limits.markup_problems(blanked, first_line, label)
    problems += limits
    problems += _source_problems(body, blanked, first_line, label, result.meta, site,
                                 settings, uri)
    output = PageOutput(site.marks) if site is not None else PageOutput()
    markdown = body
    token_lines: dict[str, int] = {}
    if site is not None:
        sources_href = relative_url(page_url(uri, use_directory_urls),
                                    page_url(settings.sources_page, use_directory_urls))
        ctx = PageContext(site.values, settings, sources_href, output, site.fragment_cache)
        rendered, render_problems = render_body(body, first_line, label, ctx)
        problems += render_problems
        markdown, token_lines = rendered.markdown, rendered.token_lines
    page = PreparedPage(label, uri, result.meta, markdown, output, first_line, result.lines,
                        problems, token_lines, safe_for_markdown=not limits)
    if site is not None and result.meta is not None:
        page.problems += _dose_review_problems(page, site)
    return page


def _source_problems(body: str, blanked: str, first_line: int, label: str,
                     meta: PageMeta | None, site: Site | None, settings: SiteSettings,
                     uri: str) -> list[Problem]:
    """The rules on what an editor typed (`blanked` is `body` with its references blanked)."""
    problems: list[Problem] = []
    for typed in doses_in_source(blanked, first_line):
        names = site.value_index.names_for(typed.text) if site else []
        problems.append(Problem(label, typed.line, None, typed_dose_message(typed.text, names)))
    problems += page_rules.handwritten_boxes(body, first_line, label)
    words = site.words if site else (word_list(settings.spelling) if settings.spelling else None)
    if words is not None:
        for found in words.find(_prose(blanked), first_line):
            problems.append(Problem(label, found.line, None, (
                f"'{found.found}' is {words.why}; the {settings.edition} edition writes "
                f"'{found.instead}'")))
    if meta is not None and not meta.is_draft:
        problems += page_rules.placeholders(blanked, first_line, label)
    if site is not None and uri in settings.urgent_first_pages:
        levels = {key: card.level for key, card in site.data.help_cards.items()}
        problems += page_rules.urgent_first(body, first_line, label, levels,
                                            settings.level_order[0])
    return problems


def _prose(blanked: str) -> str:
    """The words of a page body an editor wrote (references already blanked): code and link
    addresses blanked too, so a data name or a URL is never read as a word."""
    text = blanked
    text = re.sub(r"`[^`\n]{0,500}`", lambda m: " " * len(m.group()), text)
    # No '(' inside: on '](](](...' each start stops at the next '(' instead of reading on.
    return re.sub(r"\]\([^()\n]{0,500}\)", lambda m: " " * len(m.group()), text)


def _dose_review_problems(page: PreparedPage, site: Site) -> list[Problem]:
    meta = page.meta
    assert meta is not None
    if meta.last_reviewed is None or meta.next_review is None:
        return []
    years = site.settings.dose_page_review_years
    shows_dose = any(path in site.dose_paths for value in page.output.values
                     for path in value.inputs)
    if not shows_dose or meta.next_review <= add_years(meta.last_reviewed, years):
        return []
    return [Problem(page.label, page.meta_lines.get("next_review"), "next_review", (
        f"this page shows dose values, so it is reviewed at least every {years} "
        f"year{'s' if years > 1 else ''}: set next_review no later than "
        f"{add_years(meta.last_reviewed, years)}"))]


def finish_page(page_html: str, page: PreparedPage, source_text: str) -> FinishedPage:
    """Check and clean the page's own HTML, insert the engine's, check the result."""
    problems = [Problem(page.label, _line_of(source_text, p.needle, page.first_line), None,
                        p.message)
                for p in html_rules.html_problems(page_html)]
    cleaned = html_rules.clean(page_html)
    inserted, misplaced = insert_fragments(cleaned, page.output)
    for item in misplaced:
        problems.append(Problem(page.label, page.token_lines.get(item.token), None, (
            f"a data reference ({item.fragment.plain or 'a table, card or chart'}) is "
            f"{item.reason}")))
    typed_doses = doses_in_output(without_blocks(cleaned, page.output))
    for block in blocks(page.output):
        typed_doses += doses_in_block(block)
    for typed in typed_doses:
        line = _typed_dose_line(source_text, typed, page.first_line)
        problems.append(Problem(page.label, line, None, (
            f"the built page shows a dose number that is not a value from the data file: "
            f"'{typed}'; show it by name from the data file")))
    final, shown = strip_marks(inserted, page.output)
    if not misplaced and leftover_marker(final) is not None:
        problems.append(Problem(page.label, None, None, "a data reference ended up where it "
                                "cannot be shown (inside a link address or an attribute)"))
    return FinishedPage(final, shown, problems, inserted)


def toc_title(title: str, page: PreparedPage) -> str:
    """A table-of-contents title with its tokens swapped for plain words."""
    return plain_text(title, page.output)


def label_problems(label: str, line: int | None, text: str, what: str) -> list[Problem]:
    """A nav label's or title's problem, if any (dose numbers, data names, invisible text)."""
    problem = plain_text_problem(text)
    return [Problem(label, line, what, problem)] if problem else []


def _typed_dose_line(text: str, typed: str, first_line: int) -> int | None:
    """The line where a dose the output check found was typed: its number as written, or
    split by tags ('2<span>0</span>'), or else its unit typed after a data reference
    ('{{ ... }} mg')."""
    words = typed.split()
    number, unit = words[0], words[-1]
    between_digits = "(?:<[^>\n]*>)*"
    split_number = between_digits.join(re.escape(char) for char in number)
    return (_line_of(text, number, first_line, number=True)
            or _line_of_pattern(text, re.compile(rf"(?<![\w.,]){split_number}(?![\w])"),
                                first_line)
            or _line_of_pattern(text, re.compile(rf"\}}\}}(?:[ \t]|&nbsp;|&#160;|<[^>\n]*>)*"
                                                 rf"{re.escape(unit)}\b"), first_line))


def _line_of(text: str, needle: str, first_line: int = 1, *, number: bool = False) -> int | None:
    """The line of the page body (from `first_line`) where `needle` is first written; with
    `number`, only where it stands as a whole number ('20', not the '20' of '2026')."""
    if not needle:
        return None
    if number:
        return _line_of_pattern(
            text, re.compile(rf"(?<![\w.,]){re.escape(needle)}(?![\w]|[.,]\d)"), first_line)
    start = _line_start(text, first_line)
    position = text.find(needle, start)
    return text.count("\n", 0, position) + 1 if position >= 0 else None


def _line_of_pattern(text: str, pattern: re.Pattern[str], first_line: int) -> int | None:
    """The line of the page body (from `first_line`) where `pattern` first matches."""
    found = pattern.search(text, _line_start(text, first_line))
    return text.count("\n", 0, found.start()) + 1 if found else None


def _line_start(text: str, line: int) -> int:
    start = 0
    for _ in range(line - 1):
        start = text.find("\n", start) + 1
    return start
