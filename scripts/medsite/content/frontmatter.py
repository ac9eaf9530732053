"""Each page's front matter: required fields, real dates, review intervals, known sources,
drafts and reviewers."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from ..data.dose_text import find_doses, has_invisible, normalize
from ..data.pydantic_messages import explain_all
from ..data.yaml_lines import YamlDocument, YamlRefused, format_path, parse_yaml
from ..problems import Problem
from ..settings import SiteSettings

_FRONT = re.compile(r"\A---[ \t]*\n")
_FRONT_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)

PlainLine = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class PageMeta(BaseModel):
    """The front matter every page carries."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: PlainLine = Field(max_length=70)
    description: str = Field(min_length=50, max_length=160,
                             description="The page's meta description, 50 to 160 characters")
    type: str
    status: Literal["draft", "published"] = "published"
    last_reviewed: date | None = None
    next_review: date | None = None
    reviewed_by: PlainLine | None = Field(None, max_length=80, description="The clinical "
                                          "reviewer: a name or a role")
    sources: list[str] = Field(min_length=1)
    keywords: list[PlainLine] = Field(default_factory=list, max_length=20, description="Words "
                                      "readers search for that the page does not use itself")
    hide: list[Literal["navigation", "toc", "footer", "path", "feedback", "tags"]] = []

    @model_validator(mode="after")
    def _dates_in_order(self) -> PageMeta:
        if self.last_reviewed and self.next_review and self.next_review <= self.last_reviewed:
            raise ValueError("next_review must be after last_reviewed")
        return self

    @property
    def is_draft(self) -> bool:
        """Whether the page is a draft (previewed, never published)."""
        return self.status == "draft"


def add_years(day: date, years: int) -> date:
    """The same calendar day `years` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split a page into (front matter text or None, body, lines above the body)."""
    opening = _FRONT.match(text)
    if not opening:
        return None, text, 0
    closing = _FRONT_END.search(text, opening.end())
    if closing is None:
        return None, text, 0
    front = text[opening.end():closing.start()]
    rest = text[closing.end():].removeprefix("\n")
    body = rest.lstrip("\n")
    return front, body, text[: len(text) - len(body)].count("\n")


@dataclass(frozen=True)
class MetaResult:
    """A page's front matter if it is valid, every problem with it, and the line of each
    field (for rules checked later, such as the review interval of a page showing doses)."""

    meta: PageMeta | None
    problems: list[Problem]
    lines: dict[str, int]


def read_meta(text: str, label: str, settings: SiteSettings, known_sources: set[str] | None,
              today: date) -> MetaResult:
    """Parse and check a page's front matter.

    `known_sources` is None when the data file could not be read: sources are then not
    checked (the data file's own problem comes first).
    """
    front, _, _ = split_front_matter(text)
    if front is None:
        return MetaResult(None, [Problem(label, 1, None, "no front matter (a '---' block "
                                         "with title, description, type, sources and review "
                                         "dates)")], {})
    try:
        document = parse_yaml(front, label, line_offset=1)
    except YamlRefused as exc:
        return MetaResult(None, [exc.problem], {})
    if not isinstance(document.data, dict):
        return MetaResult(None, [Problem(label, 2, None, "front matter must be 'key: value' "
                                         "lines")], {})
    lines = {str(path[0]): line for path, line in document.lines.items() if len(path) == 1}
    try:
        meta = PageMeta.model_validate(document.data)
    except ValidationError as exc:
        problems = [
            # A rule about both dates is reported at the next_review line.
            _at(document, loc or ("next_review",), message)
            for loc, message in explain_all(exc.errors(), PageMeta, document.data)
        ]
        return MetaResult(None, problems, lines)
    return MetaResult(meta, list(_meta_rules(meta, document, settings, known_sources, today)),
                      lines)


def _at(document: YamlDocument, loc: tuple[str | int, ...], message: str) -> Problem:
    name = format_path(loc) or None
    return Problem(document.label, document.line_of(loc), name, message)


def _meta_rules(meta: PageMeta, document: YamlDocument, settings: SiteSettings,
                known_sources: set[str] | None, today: date) -> Iterator[Problem]:
    if meta.type not in settings.page_types:
        yield _at(document, ("type",), f"'{meta.type}' is not allowed here; use one of "
                  + ", ".join(f"'{t}'" for t in settings.page_types))
    if not meta.is_draft:
        for field in ("last_reviewed", "next_review", "reviewed_by"):
            if getattr(meta, field) is None:
                yield _at(document, (field,) if field in document.data else (),
                          f"missing key '{field}': a published page names its review dates "
                          "and its clinical reviewer (a new page stays 'status: draft' until "
                          "it is reviewed)")
    if meta.last_reviewed and meta.last_reviewed > today:
        yield _at(document, ("last_reviewed",), f"{meta.last_reviewed} is in the future")
    policy = settings.page_types.get(meta.type)
    if policy and meta.last_reviewed and meta.next_review:
        limit = add_years(meta.last_reviewed, policy.review_years)
        if meta.next_review > limit:
            years = policy.review_years
            yield _at(document, ("next_review",), (
                f"next_review is more than {years} year{'s' if years > 1 else ''} after "
                f"last_reviewed, the longest a {meta.type} page may go without review"))
    shown: list[tuple[tuple[str | int, ...], str | None]] = [
        (("title",), meta.title), (("description",), meta.description),
        (("reviewed_by",), meta.reviewed_by),
        *((("keywords", index), keyword) for index, keyword in enumerate(meta.keywords))]
    for path, value in shown:
        problem = plain_text_problem(value, title=path == ("title",)) if value else None
        if problem:
            yield _at(document, path, problem)
    if known_sources is not None:
        for index, source in enumerate(meta.sources):
            if source not in known_sources:
                yield _at(document, ("sources", index), f"unknown source '{source}' (not "
                          "listed under 'sources:' in the data file)")


def plain_text_problem(value: str, *, title: bool = True) -> str | None:
    """What is wrong with a title or nav label (or, with `title` False, another line of the
    front matter), if anything: they are shown as written, so they hold no data references
    and no dose numbers (the theme escapes any markup)."""
    if "{{" in value or "{%" in value:
        return "data names are not filled in here; write plain words (and no dose number)"
    if has_invisible(value):
        return "holds an invisible character; retype it"
    doses = find_doses(normalize(html.unescape(value)))
    if doses and not title:
        return (f"dose number '{doses[0].group()}' typed here; only the page itself shows "
                "doses, by name from the data file")
    if doses:
        return (f"dose number '{doses[0].group()}' typed into a title; titles and menu labels "
                "name the topic, and the page shows the number from the data file")
    return None
