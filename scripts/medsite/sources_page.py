"""The sources page body: every source, and under it every number taken from it."""

from __future__ import annotations

from html import escape

from .catalogue import NumberRecord, all_numbers
from .values import SiteValues

_TIERS = {1: "regulator label", 2: "national health service, public health agency or formulary",
          3: "research study", 4: "professional reference", 5: "low quality"}


def render_sources(values: SiteValues) -> str:
    """Markdown listing each source (with an anchor the citations link to) and its numbers."""
    by_source: dict[str, list[NumberRecord]] = {}
    for record in all_numbers(values):
        by_source.setdefault(record.citation.source.key, []).append(record)
    parts = []
    for key, source in values.sources.items():
        dated = f" Dated {source.updated}." if source.updated else ""
        reference = (f"{source.publisher}. {source.jurisdiction}; tier {source.tier} "
                     f"({_TIERS[source.tier]}).{dated} Checked {source.accessed}. ")
        parts.append(
            f"## {source.title} {{#{source.anchor}}}\n\n"
            f'<p class="source-ref">{escape(reference)}'
            f'<a href="{escape(source.url)}">{escape(source.url)}</a></p>\n'
        )
        records = by_source.get(key, [])
        if records:
            parts.append(_numbers_table(source.anchor, source.title, records))
    return "\n".join(parts)


def _numbers_table(anchor: str, title: str, records: list[NumberRecord]) -> str:
    rows = "".join(
        f'<tr><th scope="row">{escape(r.what)}</th><td>{escape(r.value)}</td>'
        f"<td>{escape(r.unit)}</td><td>{escape(r.jurisdiction)}</td>"
        f"<td>{escape(r.citation.section)}</td></tr>"
        for r in records
    )
    return (
        f'<div class="dose-table" role="region" aria-labelledby="{anchor}-numbers" tabindex="0">'
        f'<table><caption id="{anchor}-numbers">Numbers from: {escape(title)}</caption>'
        '<thead><tr><th scope="col">What</th><th scope="col">Value</th><th scope="col">Unit</th>'
        '<th scope="col">Country</th><th scope="col">Section</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div>\n"
    )
