"""Whole HTML tables rendered from the data: real header cells, a caption, a source line.

Each table sits in a focusable, labelled scroll box so a 320 px screen never scrolls
the page sideways; the CSS in `overrides/` lets cells wrap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

from .values import Citation, FormView, RegimenView, SiteValues


@dataclass
class TableWriter:
    """Writes tables for one page: unique ids, and source links relative to that page."""

    values: SiteValues
    sources_href: str
    _ids: set[str] = field(default_factory=set)

    def titration_table(self, regimen: RegimenView) -> str:
        """The step-by-step build-up schedule of one regimen."""
        rows = [
            [step.days.capitalize(), str(step.dose), step.times, str(step.daily)]
            for step in regimen.titration_steps
        ]
        return self._table(
            f"titration-{regimen.key}",
            f"Usual way to build up the dose: {regimen.population.lower()}, "
            f"{regimen.jurisdiction} label",
            ["Days", "Each dose", "How often", "Total a day"],
            rows,
            [regimen.first_step.citation],
        )

    def max_dose_table(self) -> str:
        """The most a day, and the usual range, in each jurisdiction the data holds."""
        regimens = [r for r in self.values.regimens.values() if r.route == "oral"]
        rows = [
            [
                f"{r.population} ({r.jurisdiction})",
                str(r.max_daily),
                str(r.maintenance) if r.maintenance else "Not stated",
            ]
            for r in regimens
        ]
        citations = [c for r in regimens for c in _some(r.max_daily.citation,
                                                          r.maintenance and r.maintenance.citation)]
        return self._table(
            "maximum-by-country",
            "Most in a day, by country",
            ["Who and where", "Most in a day", "Usual daily dose once settled"],
            rows,
            citations,
        )

    def forms_table(self, kinds: Sequence[str] = ()) -> str:
        """Forms and strengths, optionally only some kinds ('tablet', 'oral solution', ...)."""
        unknown = [kind for kind in kinds if kind not in _KIND_WORDS]
        if unknown:
            raise ValueError(f"unknown form kind '{unknown[0]}'; use one of "
                             + ", ".join(f"'{kind}'" for kind in _KIND_WORDS))
        forms = [f for f in self.values.forms.values() if not kinds or f.kind in kinds]
        rows = [[f.name, f.brand or "Generic", f.strengths_text, f.jurisdiction] for f in forms]
        return self._table(
            "forms" + ("-" + "-".join(k.replace(" ", "-") for k in kinds) if kinds else ""),
            f"Strengths of {_kinds_text(kinds)}" if kinds else "Forms and strengths",
            ["Form", "Name", "Strength", "Sold in"],
            rows,
            [f.citation for f in forms],
        )

    def liquid_dose_table(self, regimen: RegimenView) -> str:
        """How many mL of each liquid hold each dose of the build-up schedule."""
        liquids = [f for f in self.values.forms.values() if f.concentration is not None]
        doses = list(dict.fromkeys(step.dose for step in regimen.titration_steps))
        rows = [[str(dose), *[str(liquid.volume_for(dose)) for liquid in liquids]]
                for dose in doses]
        return self._table(
            f"liquid-volumes-{regimen.key}",
            "The same dose is a different amount of each liquid",
            ["Dose", *[_liquid_heading(liquid) for liquid in liquids]],
            rows,
            [liquid.concentration.citation for liquid in liquids if liquid.concentration],
        )

    def _table(self, base_id: str, caption: str, headers: list[str], rows: list[list[str]],
               citations: list[Citation]) -> str:
        table_id = self._unique(base_id)
        head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
        body = "".join(
            "<tr>" + f'<th scope="row">{escape(row[0])}</th>'
            + "".join(f"<td>{escape(cell)}</td>" for cell in row[1:]) + "</tr>"
            for row in rows
        )
        return (
            f'<div class="dose-table" role="region" aria-labelledby="{table_id}-caption" '
            f'tabindex="0">'
            f'<table id="{table_id}"><caption id="{table_id}-caption">{escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
            f'<p class="table-source">{self.source_line(citations)}</p></div>'
        )

    def source_line(self, citations: list[Citation]) -> str:
        """'Source: <link>, section' for each distinct source of a table."""
        seen: dict[str, list[str]] = {}
        for citation in citations:
            sections = seen.setdefault(citation.source.key, [])
            if citation.section not in sections:
                sections.append(citation.section)
        parts = [
            f'<a href="{self.sources_href}#{self.values.sources[key].anchor}">'
            f"{escape(self.values.sources[key].short)}</a> ({escape('; '.join(sections))})"
            for key, sections in seen.items()
        ]
        label = "Source" if len(parts) == 1 else "Sources"
        return f"{label}: " + ", ".join(parts)

    def _unique(self, base: str) -> str:
        table_id, n = base, 2
        while table_id in self._ids:
            table_id, n = f"{base}-{n}", n + 1
        self._ids.add(table_id)
        return table_id


# How a caption names each kind of form (`model.FormKind`); a test keeps the two in step.
_KIND_WORDS = {"tablet": "tablets", "oral solution": "oral solutions",
               "oral suspension": "oral suspensions", "granules": "granules",
               "intrathecal": "pump (intrathecal) medicine"}


def _kinds_text(kinds: Sequence[str]) -> str:
    """'tablets', 'oral solutions and oral suspensions', 'tablets, granules and ...'."""
    words = [_KIND_WORDS[kind] for kind in kinds]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _liquid_heading(liquid: FormView) -> str:
    assert liquid.concentration is not None
    return f"{liquid.label} ({liquid.concentration})"


def _some(*citations: Citation | None) -> list[Citation]:
    return [c for c in citations if c]
