"""Which web addresses the data file cites, and a report of the ones that stopped working.

Every source has its own page (`url`) and, when a copy was read instead, that copy
(`read_via.url`). A dead or moved address puts the values taken from that source in doubt,
so the report lists them under it, as the sources page does: data key, what it is, value.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..render.catalogue import Record, all_records
from ..render.values import SiteValues, SourceView
from .url_check import UrlResult


@dataclass(frozen=True)
class CitedAddress:
    """One address of one source."""

    url: str
    source: SourceView
    is_copy: bool  # the copy that was read, not the document's own page

    @property
    def role(self) -> str:
        """Which address of the source this is, in words."""
        return f"the copy on {self.source.read_via_publisher} that was read" if self.is_copy \
            else "the document's own page"


def cited_addresses(values: SiteValues) -> list[CitedAddress]:
    """Every source address in the data file, in file order."""
    found = []
    for source in values.sources.values():
        found.append(CitedAddress(source.url, source, False))
        if source.read_via_url:
            found.append(CitedAddress(source.read_via_url, source, True))
    return found


def values_from(source_key: str, values: SiteValues) -> list[Record]:
    """The data values taken from a source."""
    return [record for record in all_records(values)
            if record.citation.source.key == source_key]


Checked = list[tuple[CitedAddress, UrlResult]]


def summary(checked: Checked) -> str:
    """One line: how many addresses were checked and how many of each status."""
    counts = {status: sum(1 for _, r in checked if r.status == status)
              for status in ("ok", "moved", "dead", "error", "unreachable")}
    sources = len({address.source.key for address, _ in checked})
    return (f"Checked {len(checked)} addresses of {sources} sources: {counts['ok']} fine, "
            f"{counts['moved']} moved, {counts['dead']} dead, {counts['error']} refused or "
            f"failing, {counts['unreachable']} unreachable.")


def report_text(checked: Checked, values: SiteValues, day: date) -> str:
    """The report in Markdown: the summary, then each address that is not fine."""
    problems = [(address, result) for address, result in checked if result.status != "ok"]
    lines = [f"# Source check, {day.isoformat()}", "", summary(checked)]
    if not problems:
        lines += ["", "Every source address works."]
    for address, result in problems:
        source = address.source
        records = values_from(source.key, values)
        lines += ["", f"## {_HEADINGS[result.status]}: {source.title} (`sources.{source.key}`)",
                  "", f"- Address ({address.role}): {address.url}",
                  f"- Found: {result.detail}"]
        if result.location and result.status == "moved":
            lines.append(f"- Update `{_field(address)}` to: {result.location}")
        lines.append(f"- Values from this source ({len(records)}):")
        lines += [f"  - `{record.path}`: {record.what}: {record.shown}" for record in records]
    return "\n".join(lines) + "\n"


_HEADINGS = {"moved": "Moved", "dead": "Dead", "error": "Refused or failing",
             "unreachable": "Unreachable", "ok": "Fine"}


def _field(address: CitedAddress) -> str:
    key = address.source.key
    return f"sources.{key}.read_via.url" if address.is_copy else f"sources.{key}.url"
