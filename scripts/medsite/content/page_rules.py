"""Rules about what a page's Markdown says and where: no hand-written danger boxes, no
template placeholder left in a published page, urgent help before the first section."""

from __future__ import annotations

import re

from ..problems import Problem
from .html_rules import REFUSED_BOXES

_BOX = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]*([A-Za-z-]+)", re.MULTILINE)
_CARD = re.compile(r"\{\{\s*help_card\(\s*['\"]([a-z0-9_]+)['\"]\s*\)\s*\}\}")
_SECTION = re.compile(r"^##[ \t]", re.MULTILINE)
PLACEHOLDER_OPEN, PLACEHOLDER_CLOSE = "[[", "]]"


def handwritten_boxes(body: str, first_line: int, label: str) -> list[Problem]:
    """A danger or warning box written by hand: help cards come from the data file."""
    problems = []
    for match in _BOX.finditer(body):
        kind = match.group(1).lower()
        if kind in REFUSED_BOXES:
            line = first_line + body.count("\n", 0, match.start())
            problems.append(Problem(label, line, None, (
                f"hand-written '{kind}' box; urgent advice comes from the data file, so "
                "insert its help card instead: {{ help_card('...') }}")))
    return problems


def placeholders(body: str, first_line: int, label: str) -> list[Problem]:
    """Template text ([[ ... ]]) still in a page that is to be published."""
    start = body.find(PLACEHOLDER_OPEN)
    if start < 0:
        return []
    end = body.find(PLACEHOLDER_CLOSE, start)
    text = body[start + 2:end if end > 0 else start + 62].strip()
    line = first_line + body.count("\n", 0, start)
    return [Problem(label, line, None, (
        f"template placeholder text is still here ('[[{text[:50]}...]]'); write the page in "
        "your own words before it is published (or keep 'status: draft')"))]


def urgent_first(body: str, first_line: int, label: str, levels_of: dict[str, str],
                 top_level: str) -> list[Problem]:
    """On a page about danger, its most urgent card comes before the first section."""
    urgent = [m for m in _CARD.finditer(body) if levels_of.get(m.group(1)) == top_level]
    section = _SECTION.search(body)
    if not urgent:
        return [Problem(label, first_line, None, (
            f"this page is about danger, so it carries a '{top_level}' help card before its "
            "first section (the site's urgent_first_pages)"))]
    if section is not None and urgent[0].start() > section.start():
        line = first_line + body.count("\n", 0, urgent[0].start())
        return [Problem(label, line, None, (
            f"move this '{top_level}' help card above the first section heading: on a page "
            "about danger it is the first thing a reader in trouble sees"))]
    return []
