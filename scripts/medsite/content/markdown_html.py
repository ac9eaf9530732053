"""Markdown to HTML outside MkDocs, with the site's own extensions (for `make check`)."""

from __future__ import annotations

from typing import Any

import markdown

# MkDocs always adds these to the extensions listed in mkdocs.yml.
MKDOCS_BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")


class MarkdownRenderer:
    """One python-markdown instance for many pages, set up like the site's MkDocs."""

    def __init__(self, configured: list[Any]) -> None:
        names: list[str] = list(MKDOCS_BUILTIN_EXTENSIONS)
        configs: dict[str, dict[str, Any]] = {}
        for entry in configured:
            name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
            if name not in names:
                names.append(name)
            if settings:
                configs[name] = settings
        self._markdown = markdown.Markdown(extensions=names, extension_configs=configs)

    def html(self, text: str) -> str:
        """The HTML of one page body."""
        self._markdown.reset()
        return str(self._markdown.convert(text))
