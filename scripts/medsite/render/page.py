"""Fill in one page's `{{ ... }}` references; the rest of the page is left as it is.

The page body is scanned once for `{{`, `{%` and `{##`: each reference is parsed (once per
distinct text, cached) and evaluated; comments are dropped; statements are refused. Only
the references are touched, so the cost grows with the number of references, not with the
size of the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..problems import Problem
from .context import PageContext
from .evaluate import Reference, ReferenceProblem, evaluate, parse_reference
from .markers import PageOutput, TooManyReferences, tokens

_CLOSERS = {"{{": "}}", "{%": "%}", "{##": "##}"}
_NOT_NEWLINE = re.compile(r"[^\n]")


@dataclass(frozen=True)
class Span:
    """A `{{ }}`, `{% %}` or `{## ##}` in a page: its opener and where it starts and ends
    (`end` is None when it is never closed)."""

    opener: str
    start: int
    end: int | None


def scan(body: str) -> Iterator[Span]:
    """Every reference, statement and comment in `body`, in order.

    Each opener is searched for again only once the scan has passed it, so the whole scan is
    linear in the length of the page, whatever it holds.
    """
    position = 0
    upcoming = {opener: body.find(opener) for opener in _CLOSERS}
    while True:
        for opener, found in upcoming.items():
            if 0 <= found < position:
                upcoming[opener] = body.find(opener, position)
        candidates = [i for i in upcoming.values() if i >= 0]
        if not candidates:
            return
        start = min(candidates)
        opener = next(o for o, found in upcoming.items() if found == start)
        end = body.find(_CLOSERS[opener], start + len(opener))
        if end < 0:
            yield Span(opener, start, None)
            return
        end += len(_CLOSERS[opener])
        yield Span(opener, start, end)
        position = end


@dataclass
class RenderedBody:
    """A page body with its references replaced by tokens, and what they produced."""

    markdown: str
    output: PageOutput
    references: list[Reference] = field(default_factory=list)
    # The line of the page file each token's reference was written on.
    token_lines: dict[str, int] = field(default_factory=dict)


def render_body(body: str, first_line: int, label: str,
                ctx: PageContext) -> tuple[RenderedBody, list[Problem]]:
    """Render `body` (whose first line is line `first_line` of the file `label`)."""
    pieces: list[str] = []
    problems: list[Problem] = []
    references: list[Reference] = []
    token_lines: dict[str, int] = {}
    position, line = 0, first_line
    for span in scan(body):
        pieces.append(body[position:span.start])
        line += body.count("\n", position, span.start)
        if span.end is None:
            problems.append(Problem(label, line, None, f"'{span.opener}' is never closed with "
                                    f"'{_CLOSERS[span.opener]}'"))
            position = span.start
            break
        if span.opener == "{%":
            problems.append(Problem(label, line, None, "template statements ({% ... %}) are not "
                                    "allowed; use data names between {{ and }}"))
        elif span.opener == "{{":
            try:
                reference = parse_reference(body[span.start + 2:span.end - 2])
                if reference.is_block and not _alone_on_line(body, span.start, span.end):
                    raise ReferenceProblem(f"{{{{ {reference.source} }}}} makes a table, card "
                                           "or chart; put it on a line of its own")
                piece = evaluate(reference, ctx)
                pieces.append(piece)
                references.append(reference)
                token_lines.update(dict.fromkeys(tokens(piece), line))
            except ReferenceProblem as exc:
                problems.append(Problem(label, line, None, str(exc)))
            except TooManyReferences as exc:
                problems.append(Problem(label, line, None, str(exc)))
                position = span.end
                break
        line += body.count("\n", span.start, span.end)
        position = span.end
    pieces.append(body[position:])
    return RenderedBody("".join(pieces), ctx.output, references, token_lines), problems


def blank_references(body: str) -> str:
    """The body with every `{{ }}`, `{% %}` and `{## ##}` blanked out, lines kept in place."""
    pieces, position = [], 0
    for span in scan(body):
        end = len(body) if span.end is None else span.end
        pieces.append(body[position:span.start])
        pieces.append(_NOT_NEWLINE.sub(" ", body[span.start:end]))
        position = end
    pieces.append(body[position:])
    return "".join(pieces)


def _alone_on_line(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start:start].strip() and not text[end:line_end].strip()
