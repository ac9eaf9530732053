"""A step chart of the build-up schedule (inline SVG, no script) and a printable sheet.

The chart draws each step's total a day against the days; its title and description say
the same in words, and the build-up table sits in the same figure as its text alternative.
Strokes and text use the current colour, so the chart follows forced-colours mode and prints
in black. The sheet is the label's usual schedule with a tick box per dose and blank lines
for the reader's own plan: it never works out a personal dose.
"""

from __future__ import annotations

from decimal import Decimal

from markupsafe import Markup

from . import tables, words
from .context import PageContext
from .fragments import render_fragment
from .values import RegimenView

WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 64, 620, 40, 270


def titration_chart(ctx: PageContext, regimen: RegimenView) -> Markup:
    """The build-up schedule as a step chart, with the table as its text alternative."""
    steps = regimen.steps
    mark = ctx.output.mark
    days = steps[-1].last_day
    top_value = max(step.daily.value for step in steps)
    scale_top = _nice_ceiling(top_value)

    def x(day: Decimal | int) -> float:
        return round(LEFT + (RIGHT - LEFT) * (float(day) - 1) / days, 1)

    def y(value: Decimal) -> float:
        return round(BOTTOM - (BOTTOM - TOP) * float(value / scale_top), 1)

    points: list[str] = []
    labels = []
    for step in steps:
        start, end = x(step.first_day), x(step.last_day + 1)
        level = y(step.daily.value)
        points.append(f"{'M' if not points else 'L'}{start},{level} L{end},{level}")
        labels.append({"label_x": round((start + end) / 2, 1), "label_y": round(level - 8, 1),
                       "label": mark(step.daily.text(), step.daily.path, step.daily.inputs)})
    unit = steps[0].daily.unit_text
    y_ticks = [{"y": y(scale_top * Decimal(i) / 4),
                "label": words.format_number(scale_top * Decimal(i) / 4)}
               for i in range(5)]
    x_ticks = [{"x": round((x(step.first_day) + x(step.last_day + 1)) / 2, 1),
                "label": mark(step.days.value, step.days.path, step.days.inputs)}
               for step in steps]
    first, last = steps[0], steps[-1]
    description = Markup(" ").join([
        Markup(words.CHART_RISES_FROM),
        mark(first.daily.text(), first.daily.path, first.daily.inputs),
        Markup(words.CHART_ON), mark(first.days.value, first.days.path, first.days.inputs),
        Markup(words.CHART_TO), mark(last.daily.text(), last.daily.path, last.daily.inputs),
        Markup(words.CHART_ON), mark(last.days.value + ".", last.days.path, last.days.inputs),
        Markup(words.CHART_TABLE_FOLLOWS),
    ])
    chart_id = ctx.unique_id(f"chart-{regimen.key}")
    return render_fragment(
        "titration_chart.html", chart_id=chart_id,
        caption=words.chart_caption(regimen.population, regimen.jurisdiction),
        description=description, width=WIDTH, height=HEIGHT,
        left=LEFT, right=RIGHT, top=TOP, bottom=BOTTOM, y_ticks=y_ticks, x_ticks=x_ticks,
        x_title=words.CHART_X_TITLE, y_title=words.chart_y_title(unit),
        line=" ".join(points), steps=labels,
        table=tables.titration_table(ctx, regimen),
    )


def schedule_sheet(ctx: PageContext, regimen: RegimenView) -> Markup:
    """A printable sheet of the usual build-up: one row a day, a tick box for each dose."""
    mark = ctx.output.mark
    days = []
    for step in regimen.steps:
        for day in range(step.first_day, step.last_day + 1):
            days.append({
                "number": day,
                "dose": mark(step.dose.text(), step.dose.path, step.dose.inputs),
                "boxes": step.intake.times_per_day,
                "boxes_text": words.tick_boxes_text(step.intake.times_per_day),
                "daily": mark(step.daily.text(), step.daily.path, step.daily.inputs),
            })
    sheet_id = ctx.unique_id(f"sheet-{regimen.key}")
    return render_fragment(
        "schedule_sheet.html", sheet_id=sheet_id,
        title=words.sheet_title(regimen.population, regimen.jurisdiction),
        note=words.SHEET_NOTE, caption=words.sheet_caption(regimen.population),
        days=days, source_line=tables.source_line(ctx, [regimen.first_step.citation]),
        own_plan_title=words.SHEET_OWN_PLAN_TITLE, own_plan_note=words.SHEET_OWN_PLAN_NOTE,
        own_plan_lines=8,
    )


def _nice_ceiling(value: Decimal) -> Decimal:
    """A round number at or above `value` for the top of the scale: 60 -> 60, 62 -> 80."""
    magnitude = Decimal(10) ** (len(str(int(value))) - 1) if value >= 1 else Decimal(1)
    for step in (1, 2, 4, 5, 8, 10):
        candidate = magnitude * step
        if candidate >= value:
            return candidate
    return magnitude * 10
