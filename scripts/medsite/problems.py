"""Problems an editor has to fix, as structured records: file, line, key path and message.

Every check returns a list of `Problem`s; the build stops at the first (`SiteError`),
`make check` prints them all, and the other commands read the same records. A problem
prints as one line, `file:line: key.path: message`, and is never parsed back apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the site's input, and where it is."""

    file: str
    line: int | None = None
    key_path: str | None = None
    message: str = ""

    def __str__(self) -> str:
        place = self.file if self.line is None else f"{self.file}:{self.line}"
        if self.key_path:
            place = f"{place}: {self.key_path}"
        return f"{place}: {self.message}"


class SiteError(Exception):
    """Raised with the problems that stop a build; prints as the first one."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        if not self.problems:
            raise ValueError("SiteError needs at least one problem")
        super().__init__(str(self.problems[0]))

    @property
    def first(self) -> Problem:
        """The problem the build reports."""
        return self.problems[0]


def raise_first(problems: list[Problem]) -> None:
    """Raise `SiteError` if there is any problem."""
    if problems:
        raise SiteError(problems)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems by file, then line, without repeats."""
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (p.file, p.line or 0))
