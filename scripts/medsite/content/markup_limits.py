"""What a page may hold so that Markdown reads it in a moment, whatever is in it.

Python-Markdown, and the HTML parser under it, read a run of '[' or of '<a ' that never
closes in time that grows with the square of its length, or worse: a line of ten thousand
'[' stalls a build for minutes. Even well-formed markup costs time in the square of the
length of its paragraph. So before Markdown runs, a page is read once: it stays under
`MAX_PAGE_CHARACTERS`, each paragraph (list, table) under `MAX_BLOCK_CHARACTERS`; the '<' of
a tag is closed by its '>' before the next '<', link brackets close on their line and nest at
most two deep (an image inside a link), and a link address's '(' closes on its line. A page
that breaks one of these gets a one-line message and never reaches Markdown.
"""

from __future__ import annotations

import re

from ..problems import Problem

# The site's longest page is under 7,000 characters and its longest paragraph under 1,400.
MAX_PAGE_CHARACTERS = 50_000
MAX_BLOCK_CHARACTERS = 5_000
MAX_BRACKET_DEPTH = 2
# The characters that matter, and a backslash with what it escapes (Markdown reads '\[' as
# a bracket of the text, not of a link).
_SIGNIFICANT = re.compile(r"\\.|[\[\]()<>]")
_TAG_START = re.compile(r"[A-Za-z/!?]")


def markup_problems(body: str, first_line: int, label: str) -> list[Problem]:
    """A problem for each line of `body` that Markdown could not read in a moment."""
    if len(body) > MAX_PAGE_CHARACTERS:
        return [Problem(label, None, None, f"the page is {len(body):,} characters long; a "
                        f"page stays under {MAX_PAGE_CHARACTERS:,}, so split it into pages")]
    problems = []
    block_start, block_size = 0, 0
    for number, line in enumerate(body.split("\n"), start=first_line):
        if not line.strip():
            block_size = 0
            continue
        if block_size == 0:
            block_start = number
        block_size += len(line) + 1
        if block_size > MAX_BLOCK_CHARACTERS >= block_size - len(line) - 1:
            problems.append(Problem(label, block_start, None, (
                f"the paragraph (or list, or table) that starts here is over "
                f"{MAX_BLOCK_CHARACTERS:,} characters long; put a blank line between "
                "paragraphs")))
        if "[" in line or "<" in line:
            message = _line_problem(line)
            if message is not None:
                problems.append(Problem(label, number, None, message))
    return problems


def _line_problem(line: str) -> str | None:
    depth = 0          # '[' not yet closed
    address = 0        # '(' of a link address not yet closed
    tag: int | None = None  # where an open tag's '<' is
    opens_address = -1      # where the '(' right after a link's ']' is
    for match in _SIGNIFICANT.finditer(line):
        char, at = match.group(), match.start()
        if len(char) == 2:
            continue
        if at == opens_address:
            address = 1
            continue
        if tag is not None:
            if char == ">":
                tag = None
            elif char == "<":
                return _unclosed_tag(line, tag)
        elif address:
            address += {"(": 1, ")": -1}.get(char, 0)
        elif char == "<" and _TAG_START.match(line, at + 1):
            tag = at
        elif char == "[":
            depth += 1
            if depth > MAX_BRACKET_DEPTH:
                return (f"'[' nested more than {MAX_BRACKET_DEPTH} deep; a link holds at most "
                        "an image, and a bracket that is not a link is written \\[")
        elif char == "]" and depth:
            depth -= 1
            if line.startswith("(", at + 1):
                opens_address = at + 1
    if tag is not None:
        return _unclosed_tag(line, tag)
    if depth:
        return ("a '[' is not closed with ']' on the same line; a link's words stay on one "
                "line, and a bracket that is not a link is written \\[")
    if address:
        return "a link's address '(' is not closed with ')' on the same line"
    return None


def _unclosed_tag(line: str, at: int) -> str:
    shown = line[at:at + 20].rstrip()
    return (f"the HTML tag '{shown}...' is not closed with '>' on its line; write '&lt;' "
            "for a '<' that is not a tag")
