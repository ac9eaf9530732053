"""Whole tables rendered from the data: real header cells, a caption and a source line.

Every number in a cell is marked as a data value (see `markers`). Below a phone's width
each row reflows into a labelled block (`data-label`, styled in overrides/), so a dose
table never scrolls sideways.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from . import words
from .context import PageContext
from .fragments import render_fragment
from .values import Amount, AmountRange, Citation, DataError, RegimenView

Cell = Markup | str


def titration_table(ctx: PageContext, regimen: RegimenView) -> Markup:
    """The step-by-step build-up schedule of one regimen."""
    mark = ctx.output.mark
    rows: list[list[Cell]] = [
        [mark(step.days.value.capitalize(), step.days.path, step.days.inputs),
         mark(step.dose.text(), step.dose.path, step.dose.inputs),
         mark(step.times.value, step.times.path, step.times.inputs),
         mark(step.daily.text(), step.daily.path, step.daily.inputs)]
        for step in regimen.steps
    ]
    return _table(ctx, f"titration-{regimen.key}",
                  words.titration_caption(regimen.population, regimen.jurisdiction),
                  words.TITRATION_HEADERS, rows, [regimen.first_step.citation])


def max_dose_table(ctx: PageContext) -> Markup:
    """The most a day, and the usual range, for each oral regimen in the data."""
    mark = ctx.output.mark
    regimens = [r for r in ctx.values.regimens.values() if r.route == "oral"]
    rows: list[list[Cell]] = []
    citations: list[Citation] = []
    for r in regimens:
        # The usual daily dose: the range once settled, or a fixed dose's own daily total.
        usual: Amount | AmountRange | None = r.maintenance or (
            r.starting_dose.daily if not r.titration_steps else None)
        rows.append([mark(r.name.value, r.name.path, r.name.inputs),
                     mark(r.max_daily.text(), r.max_daily.path, r.max_daily.inputs),
                     mark(usual.text(), usual.path, usual.inputs) if usual else
                     words.NOT_STATED])
        citations.append(r.max_daily.citation)
        if usual:
            citations.append(usual.citation)
    return _table(ctx, "maximum-by-country", words.MAX_DOSE_CAPTION, words.MAX_DOSE_HEADERS,
                  rows, citations)


def forms_table(ctx: PageContext, *kinds: str) -> Markup:
    """Forms and strengths, strength first; optionally only some kinds ('tablet', ...)."""
    unknown = [kind for kind in kinds if kind not in words.KIND_WORDS]
    if unknown:
        raise DataError(f"unknown form kind '{unknown[0]}'; use one of "
                        + ", ".join(f"'{kind}'" for kind in words.KIND_WORDS))
    mark = ctx.output.mark
    forms = [f for f in ctx.values.forms.values() if not kinds or f.kind in kinds]
    rows: list[list[Cell]] = [
        [mark(f.strengths_text.value, f.strengths_text.path, f.strengths_text.inputs),
         mark(f.name, f"{f.path}.name", (f"{f.path}.name",)),
         mark(f.sold_as.value, f.sold_as.path, f.sold_as.inputs),
         mark(f.jurisdiction, f"{f.path}.jurisdiction", (f"{f.path}.jurisdiction",))]
        for f in forms
    ]
    caption = words.forms_caption(kinds)
    base_id = "forms" + ("-" + "-".join(k.replace(" ", "-") for k in kinds) if kinds else "")
    return _table(ctx, base_id, caption, words.FORMS_HEADERS, rows, [f.citation for f in forms])


def liquid_dose_table(ctx: PageContext, regimen: RegimenView) -> Markup:
    """An example: how many mL of each liquid strength hold each dose of the build-up."""
    mark = ctx.output.mark
    liquids = [f for f in ctx.values.forms.values() if f.concentration is not None]
    doses = list(dict.fromkeys(step.dose for step in regimen.steps))
    rows: list[list[Cell]] = []
    for dose in doses:
        row: list[Cell] = [mark(dose.text(), dose.path, dose.inputs)]
        for liquid in liquids:
            volume = liquid.volume_for(dose)
            row.append(mark(volume.text(), volume.path, volume.inputs))
        rows.append(row)
    headers: list[Cell] = [words.LIQUID_DOSE_HEADER]
    for liquid in liquids:
        assert liquid.concentration is not None
        conc = liquid.concentration
        headers.append(mark(words.liquid_heading(conc.text()), conc.path, conc.inputs))
    return _table(ctx, f"liquid-volumes-{regimen.key}", words.LIQUID_CAPTION, headers, rows,
                  [liquid.concentration.citation for liquid in liquids if liquid.concentration])


def _table(ctx: PageContext, base_id: str, caption: str, headers: Sequence[Cell],
           rows: list[list[Cell]], citations: list[Citation]) -> Markup:
    return render_fragment("table.html", table_id=ctx.unique_id(base_id), caption=caption,
                           headers=list(headers), rows=rows,
                           source_line=source_line(ctx, citations))


def source_line(ctx: PageContext, citations: list[Citation]) -> Markup:
    """'Source: <link> (section)' for each distinct source of a table."""
    seen: dict[str, tuple[Citation, list[str]]] = {}
    for citation in citations:
        entry = seen.setdefault(citation.source.key, (citation, []))
        if citation.section not in entry[1]:
            entry[1].append(citation.section)
    mark = ctx.output.mark
    parts = [{"href": ctx.source_href(c),
              "short": mark(c.source.short, f"{c.source.path}.short", ()),
              "sections": mark("; ".join(s), f"{c.source.path}.section", ())}
             for c, s in seen.values()]
    if not parts:
        return Markup("")
    return render_fragment("source_line.html", label="Source" if len(parts) == 1 else "Sources",
                           parts=parts)
