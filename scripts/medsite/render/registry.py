"""The one list of what a page can use: data names, what each kind of value offers, and the
page functions (tables, help cards, charts, `cite`).

Rendering, the "did you mean" hints, `make review` and the reference table in EDITING.md
all read this module, so a name added here is usable, suggested and documented at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from markupsafe import Markup

from . import cards, chart, sources_page, tables
from .context import PageContext
from .fragments import render_fragment
from .values import (
    Amount,
    AmountRange,
    AmountRatio,
    ContactView,
    DataError,
    FactView,
    FormView,
    Group,
    HelpCardView,
    IntakeView,
    MaxDailyView,
    RegimenView,
    SiteValues,
    SourceView,
    StepView,
    Text,
)

Kind = Literal["value", "group", "table", "card", "chart", "list", "inline"]


@dataclass(frozen=True)
class PageName:
    """A name a page can use between `{{ }}`."""

    name: str
    kind: Kind
    summary: str
    example: str
    function: Callable[..., Any] | None = None
    block: bool = False
    takes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Inline:
    """Engine HTML that sits inside a sentence (a citation, a phone link)."""

    html: Markup
    plain: str


def _cite(ctx: PageContext, value: Any) -> tuple[Any, Inline]:
    citation = getattr(value, "citation", None)
    if citation is None:
        shown = value.text() if hasattr(value, "text") else str(value)
        raise DataError(f"'{shown}' has no source to cite")
    link = render_fragment("cite.html", href=ctx.source_href(citation),
                           short=citation.source.short)
    return value, Inline(link, "")


def _tel_link(ctx: PageContext, contact: ContactView) -> Inline:
    return Inline(cards.tel_link(ctx, contact), contact.phone)


# Attributes that make engine HTML and so need the page being rendered.
PAGE_ATTRIBUTES: dict[tuple[type, str], Callable[[PageContext, Any], Inline]] = {
    (ContactView, "link"): _tel_link,
}


DATA_NAMES: tuple[PageName, ...] = (
    PageName("medicine", "value", "the medicine's name", "{{ medicine }}"),
    PageName("brand_names", "value", "the brand names, joined with 'and'", "{{ brand_names }}"),
    PageName("edition", "value", "the country whose labels the site follows", "{{ edition }}"),
    PageName("regimens", "group", "a dosing schedule, by its key in the data file",
             "{{ regimens.adults.starting_dose }}"),
    PageName("forms", "group", "a form of the medicine", "{{ forms.tablets.strengths_text }}"),
    PageName("facts", "group", "a single sourced number", "{{ facts.missed_dose_window }}"),
    PageName("contacts", "group", "a phone line; `.link` is a tap-to-call link",
             "{{ contacts.poison_help.link }}"),
    PageName("sources", "group", "a source; `.title`, `.short`, `.publisher`",
             "{{ sources.us_tablet_label.title }}"),
)

FUNCTIONS: tuple[PageName, ...] = (
    PageName("cite", "inline", "a value followed by a small link to its source",
             "{{ cite(regimens.adults.max_daily) }}", _cite, takes=("value",)),
    PageName("help_card", "card", "a help card from `help_cards:` in the data file, the same "
             "on every page", "{{ help_card('overdose') }}", cards.help_card, block=True,
             takes=("card key",)),
    PageName("titration_table", "table", "the step-by-step build-up schedule of a regimen",
             "{{ titration_table(regimens.adults) }}", tables.titration_table, block=True,
             takes=("regimen",)),
    PageName("titration_chart", "chart", "a step chart of the build-up schedule (SVG, with "
             "the table as its text alternative)", "{{ titration_chart(regimens.adults) }}",
             chart.titration_chart, block=True, takes=("regimen",)),
    PageName("schedule_sheet", "table", "a printable build-up sheet: the usual schedule with "
             "tick boxes per dose and lines for your own plan",
             "{{ schedule_sheet(regimens.adults) }}", chart.schedule_sheet, block=True,
             takes=("regimen",)),
    PageName("max_dose_table", "table", "the most in a day and the usual daily dose, for each "
             "country's oral regimen", "{{ max_dose_table() }}", tables.max_dose_table,
             block=True),
    PageName("forms_table", "table", "every form and strength; give kinds to show only those",
             "{{ forms_table('tablet', 'granules') }}", tables.forms_table, block=True,
             takes=("form kind", "...")),
    PageName("liquid_dose_table", "table", "an example of how many mL of each liquid strength "
             "hold each dose of the build-up", "{{ liquid_dose_table(regimens.adults) }}",
             tables.liquid_dose_table, block=True, takes=("regimen",)),
    PageName("sources_list", "list", "every source with the numbers taken from it (the "
             "Sources page)", "{{ sources_list() }}", sources_page.sources_list, block=True),
)

NAMES: dict[str, PageName] = {n.name: n for n in (*DATA_NAMES, *FUNCTIONS)}

# What each kind of value offers after a dot, and what it shows.
ATTRIBUTES: dict[type, dict[str, str]] = {
    RegimenView: {
        "starting_dose": "the first dose and how often: 5 mg three times a day",
        "titration_steps": "the build-up steps; `[0]` is the first",
        "first_step": "the first step of the build-up",
        "last_step": "the top step of the build-up",
        "step_length": "how long each step lasts (an error if the steps differ)",
        "step_rise": "how much each dose goes up at each step (an error if rises differ)",
        "schedule_length": "how many days the whole build-up takes",
        "max_daily": "the most in a day: 80 mg a day",
        "maintenance": "the usual daily dose once settled: 40 to 80 mg a day",
        "taper": "how long the dose is lowered over when stopping: 1 to 2 weeks",
        "population": "who it is for: Adults",
        "jurisdiction": "where: US",
        "name": "who and where: Adults (US)",
    },
    IntakeView: {
        "dose": "each dose: 5 mg",
        "times": "how often: three times a day",
        "daily": "the total a day: 15 mg a day",
    },
    StepView: {
        "dose": "each dose of the step", "times": "how often", "daily": "the step's daily total",
        "days": "the days it covers: days 4 to 6", "length": "how long it lasts: 3 days",
        "first_day": "its first day", "last_day": "its last day",
    },
    MaxDailyView: {
        "given_as": "the split a source gives: 20 mg four times a day",
        "number": "the number alone: 80", "unit_text": "the unit alone: mg a day",
    },
    Amount: {"number": "the number alone", "unit_text": "the unit alone"},
    AmountRange: {"number": "the numbers alone", "unit_text": "the unit alone"},
    FactView: {"number": "the number alone", "unit_text": "the unit alone",
               "about": "what the number is, in words"},
    FormView: {
        "name": "the form: Tablets", "sold_as": "brands and generic: Ozobax and generic",
        "strengths_text": "every strength in words: 5 mg, 10 mg and 20 mg",
        "strengths": "the strengths; `[0]` is the first", "concentration": "5 mg in 5 mL",
        "jurisdiction": "where it is sold",
    },
    AmountRatio: {"per_ml": "the strength in each mL: 1 mg in each mL"},
    ContactView: {"link": "a tap-to-call link", "name": "the line's name",
                  "phone": "the number as printed"},
    SourceView: {"title": "the source's title", "short": "its short name",
                 "publisher": "who publishes it"},
    HelpCardView: {"title": "the card's title"},
    Text: {},
}


def top_names(values: SiteValues, edition: str) -> dict[str, Any]:
    """The data names a page sees, by name."""
    return {
        "medicine": values.medicine,
        "brand_names": values.brand_names,
        "edition": Text(edition, "edition", ()),
        "regimens": values.regimens,
        "forms": values.forms,
        "facts": values.facts,
        "contacts": values.contacts,
        "sources": values.sources,
    }


def attributes_of(value: Any) -> dict[str, str]:
    """What a value offers after a dot ({} for a group, whose keys come from the data)."""
    if isinstance(value, Group):
        return {}
    return ATTRIBUTES.get(type(value), {})
