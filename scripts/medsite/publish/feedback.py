"""The "report a mistake" link of each page, filled in with the page it is on.

The plugin's `feedback.url` setting is a `mailto:` or an issue-tracker address with
placeholders, each replaced by the page's value, URL-encoded:

    {url}            the page's full address (its path when the site has no site_url)
    {title}          the page's title
    {last_reviewed}  the page's last-reviewed date, YYYY-MM-DD ('not reviewed' if none)

so a report arrives saying which page, and which reviewed version of it, the reader saw.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from ..content.frontmatter import PageMeta
from ..settings import SiteSettings

PLACEHOLDERS = ("url", "title", "last_reviewed")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def unknown_placeholders(template: str) -> list[str]:
    """Placeholders in a feedback address that are not filled in (a typo, most likely)."""
    return [name for name in _PLACEHOLDER.findall(template) if name not in PLACEHOLDERS]


def feedback_link(settings: SiteSettings, meta: PageMeta, address: str) -> str | None:
    """The page's feedback address, or None when the site sets none."""
    if settings.feedback is None:
        return None
    values = {
        "url": address,
        "title": meta.title,
        "last_reviewed": meta.last_reviewed.isoformat() if meta.last_reviewed
        else "not reviewed",
    }

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        return quote(values[name], safe="") if name in values else match.group(0)

    return _PLACEHOLDER.sub(fill, settings.feedback.url)
