"""Render one Markdown page's `{{ ... }}` references to the data, with Jinja2.

Unknown names stop the render with `file:line` and the name that is wrong.
"""

from __future__ import annotations

import difflib
import traceback
from typing import Any

import jinja2

from .errors import ContentError
from .sources_page import render_sources
from .tables import TableWriter
from .values import DataGroup, SiteValues


class UnknownName(jinja2.UndefinedError):
    """A page used a data name that does not exist."""

    def __init__(self, name: str, owner: object) -> None:
        super().__init__(name)
        self.name = name
        self.owner = owner


class _DataUndefined(jinja2.StrictUndefined):
    """StrictUndefined that remembers which name was missing and where it was looked up."""

    def _fail_with_undefined_error(self, *args: Any, **kwargs: Any) -> Any:
        raise UnknownName(str(self._undefined_name), self._undefined_obj)

    __str__ = __iter__ = __len__ = __eq__ = __bool__ = __getattr__ = _fail_with_undefined_error  # type: ignore[assignment]
    __hash__ = jinja2.StrictUndefined.__hash__


def make_environment() -> jinja2.Environment:
    """A Jinja2 environment for Markdown: strict names, no HTML escaping of prose.

    Comments use `{## ... ##}` so Markdown's `{#id}` heading attributes stay free.
    """
    return jinja2.Environment(
        undefined=_DataUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        comment_start_string="{##",
        comment_end_string="##}",
    )


_ENV = make_environment()


def render_page(markdown: str, values: SiteValues, *, page: str, sources_href: str,
                line_offset: int = 0) -> str:
    """Fill in a page's data references; raise `ContentError` at `page:line` on a bad one.

    `sources_href` is the sources page's URL relative to this page (for citation links);
    `line_offset` is the number of lines above `markdown` in the file (its front matter).
    """
    if "{{" not in markdown and "{%" not in markdown:
        return markdown
    try:
        template = _ENV.from_string(markdown)
    except jinja2.TemplateSyntaxError as exc:
        raise ContentError(f"{page}:{(exc.lineno or 0) + line_offset}",
                           f"template syntax error: {exc.message}") from None
    tables = TableWriter(values, sources_href)
    names = {
        **values.names(),
        "titration_table": tables.titration_table,
        "max_dose_table": tables.max_dose_table,
        "forms_table": lambda *kinds: tables.forms_table(kinds),
        "liquid_dose_table": tables.liquid_dose_table,
        "sources_list": lambda: render_sources(values),
        "cite": lambda value: _cite(value, tables),
    }
    try:
        return template.render(names)
    except UnknownName as exc:
        line = _template_line(exc) + line_offset
        raise ContentError(f"{page}:{line}", _unknown_message(exc)) from None
    except (jinja2.TemplateError, ValueError, TypeError, AttributeError) as exc:
        line = _template_line(exc) + line_offset
        raise ContentError(f"{page}:{line}", f"cannot render this reference: {exc}") from None


def _cite(value: Any, tables: TableWriter) -> str:
    """A value followed by a superscript link to its source on the sources page."""
    citation = getattr(value, "citation", None)
    if citation is None:
        raise ValueError(f"'{value}' has no source to cite")
    source = citation.source
    return (f'{value}<sup class="cite"><a href="{tables.sources_href}#{source.anchor}">'
            f"{source.short}</a></sup>")


def _template_line(exc: BaseException) -> int:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == "<template>"]
    return frames[-1].lineno if frames and frames[-1].lineno else 0


def _unknown_message(exc: UnknownName) -> str:
    owner = exc.owner
    if isinstance(owner, DataGroup):
        where, known = f" in '{owner.path}'", list(owner)
    elif owner is None or owner is jinja2.utils.missing:
        where, known = "", list(_TOP_NAMES)
    else:
        where = f" in '{getattr(owner, 'path', type(owner).__name__)}'"
        known = [n for n in dir(owner) if not n.startswith("_")]
    hint = difflib.get_close_matches(exc.name, known, n=1)
    suggestion = f" (did you mean '{hint[0]}'?)" if hint else ""
    return f"unknown data name '{exc.name}'{where}{suggestion}"


_TOP_NAMES = ("edition", "medicine", "brand_names", "sources", "forms", "regimens", "facts",
              "contacts", "titration_table", "max_dose_table", "forms_table",
              "liquid_dose_table", "sources_list", "cite")
