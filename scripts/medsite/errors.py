"""Domain errors that carry the place an editor has to look at."""

from __future__ import annotations


class SiteError(Exception):
    """A problem in the site's input, reported as one line: `place: message`."""

    def __init__(self, place: str, message: str) -> None:
        super().__init__(f"{place}: {message}")
        self.place = place
        self.message = message


class DataError(SiteError):
    """The data file is malformed or breaks a rule; `place` is `file:line: key.path`."""


class ContentError(SiteError):
    """A Markdown page is wrong; `place` is `file:line`."""
