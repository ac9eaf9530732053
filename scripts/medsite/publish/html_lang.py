"""Each page's `<html lang>` from the edition's `language` setting.

Material writes the language of its interface words there (`theme.language`, "en" for
English, or the project's own word list), which cannot say which English a page is in. A
screen reader picks its voice by this attribute, and the edition's tag ("en-US", "en-CA") is
the one the JSON-LD and the manifest already give, so every page says the same.
"""

from __future__ import annotations

import re

# Material's base.html writes `<html lang="..." class="no-js">` as the page's first element.
_HTML_LANG = re.compile(r"<html lang=\"[^\"]*\"")


def set_language(page_html: str, language: str) -> str:
    """The page with its `<html lang>` set to `language` (a tag the settings validated)."""
    return _HTML_LANG.sub(f'<html lang="{language}"', page_html, count=1)
