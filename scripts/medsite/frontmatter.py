"""Each page's front matter: required fields, real dates, review intervals, known sources."""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import ContentError, DataError
from .messages import explain, first_error
from .yaml_source import YamlDocument

PageType = Literal["home", "condition", "dosing", "safety", "about"]

# How long a page may go before its next clinical review, by page type (in years).
REVIEW_INTERVAL_YEARS: dict[str, int] = {
    "home": 3, "condition": 3, "dosing": 1, "safety": 3, "about": 3,
}

_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*\n", re.DOTALL)


class PageMeta(BaseModel):
    """The front matter every page must carry."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(min_length=1, max_length=70)
    description: str = Field(min_length=50, max_length=160,
                             description="The page's meta description, 50 to 160 characters")
    type: PageType
    last_reviewed: date
    next_review: date
    sources: list[str] = Field(min_length=1)
    hide: list[str] = []

    @model_validator(mode="after")
    def _review_dates(self) -> PageMeta:
        if self.next_review <= self.last_reviewed:
            raise ValueError("next_review must be after last_reviewed")
        years = REVIEW_INTERVAL_YEARS[self.type]
        if self.next_review > add_years(self.last_reviewed, years):
            raise ValueError(
                f"next_review is more than {years} year{'s' if years > 1 else ''} after "
                f"last_reviewed, the longest a {self.type} page may go without review"
            )
        return self


def add_years(day: date, years: int) -> date:
    """The same calendar day `years` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split a page into (front matter text or None, body, lines above the body)."""
    match = _FRONT.match(text)
    if not match:
        return None, text, 0
    rest = text[match.end():]
    body = rest.lstrip("\n")
    return match.group(1), body, text[: len(text) - len(body)].count("\n")


def read_front_matter(text: str, page: str, known_sources: set[str]) -> PageMeta:
    """Parse and check a page's front matter; raise `ContentError` at `page:line`."""
    front, _, _ = split_front_matter(text)
    if front is None:
        raise ContentError(f"{page}:1", "no front matter (a '---' block with title, "
                           "description, type, last_reviewed, next_review, sources)")
    try:
        document = YamlDocument(front, page, line_offset=1)
    except DataError as exc:
        raise ContentError(exc.place, exc.message) from None
    if not isinstance(document.data, dict):
        raise ContentError(f"{page}:2", "front matter must be 'key: value' lines")
    try:
        meta = PageMeta.model_validate(document.data)
    except ValidationError as exc:
        error = first_error(exc.errors())
        loc = tuple(error["loc"])
        # A rule about both dates is reported at the next_review line.
        place = document.place(loc or ("next_review",)).rsplit(": ", 1)[0]
        name = ".".join(str(p) for p in loc)
        what = explain(error, PageMeta)
        raise ContentError(place, f"{name}: {what}" if name else what) from None
    for index, source in enumerate(meta.sources):
        if source not in known_sources:
            place = document.place(("sources", index)).rsplit(": ", 1)[0]
            raise ContentError(place, f"sources: unknown source '{source}' "
                               "(not listed under 'sources:' in the data file)")
    return meta
