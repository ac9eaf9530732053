"""The engine's HTML, written by Jinja2 templates with autoescaping: nothing from the data
file reaches a page unescaped. Templates live in `render/templates/`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).resolve().parent / "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
    auto_reload=False,  # the templates are part of the engine; never re-read in a build
)


def render_fragment(template: str, **names: Any) -> Markup:
    """Render one template of the engine's HTML with these names."""
    # Fragments are spliced into the page after Markdown, so they are kept on one line
    # of markup between blocks: a stray blank line would not matter, but stays tidy.
    return Markup(_ENV.get_template(template).render(**names).strip())
