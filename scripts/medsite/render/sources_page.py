"""The sources page body: every source, what kind of copy was read, and its numbers."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from markupsafe import Markup

from .catalogue import Record, all_records
from .context import PageContext
from .fragments import render_fragment
from .words import TIER_WORDS


class MarkdownText(str):
    """Markdown the engine wrote, safe to put into a page: every piece of data text in it
    is a token, so nothing from the data file is read as Markdown or HTML."""


def sources_list(ctx: PageContext) -> MarkdownText:
    """Each source as a heading (the anchor citations link to), its reference lines and a
    table of the numbers taken from it."""
    by_source: dict[str, list[Record]] = {}
    for record in all_records(ctx.values):
        if record.kind != "advice":
            by_source.setdefault(record.citation.source.key, []).append(record)
    parts = []
    out = ctx.output
    for key, source in ctx.values.sources.items():
        title = out.mark(source.title, f"{source.path}.title", (f"{source.path}.title",))
        heading = out.token(title, block=False, plain=source.title)
        entry = render_fragment(
            "source_entry.html",
            publisher=out.mark(source.publisher, f"{source.path}.publisher", ()),
            jurisdiction=source.jurisdiction, tier=source.tier,
            tier_words=TIER_WORDS[source.tier], updated=source.updated,
            accessed=source.accessed, url=source.url,
            url_text=out.mark(_site_name(source.url), f"{source.path}.url", ()),
            read_via_publisher=source.read_via_publisher, read_via_url=source.read_via_url,
            read_via_url_text=out.mark(_site_name(source.read_via_url or ""),
                                       f"{source.path}.read_via", ()),
        )
        parts.append(f"## {heading} {{#{source.anchor}}}\n\n{out.token(entry, block=True)}\n")
        records = by_source.get(key, [])
        if records:
            parts.append(out.token(_numbers_table(ctx, source.anchor, source.title, records),
                                   block=True) + "\n")
    return MarkdownText("\n".join(parts))


def _site_name(url: str) -> str:
    """A link's words: the site it goes to (the full address is the link, and is printed)."""
    return (urlsplit(url).hostname or url).removeprefix("www.")


def _date(day: date | None) -> Markup:
    """A date that never wraps at its hyphens."""
    return Markup(f'<time datetime="{day}">{day}</time>') if day else Markup("")


def _numbers_table(ctx: PageContext, anchor: str, title: str, records: list[Record]) -> Markup:
    mark = ctx.output.mark
    rows = [[mark(r.what, r.path, ()), mark(r.shown_unbroken, r.path, (r.path,)),
             mark(r.citation.section, r.path, ()), _date(r.citation.checked)]
            for r in records]
    caption = Markup("Numbers from: ") + mark(title, "sources", ())
    return render_fragment("table.html", table_id=ctx.unique_id(f"{anchor}-numbers"),
                           caption=caption,
                           headers=["What", "Value", "Section", "Checked"],
                           rows=rows, source_line="")
