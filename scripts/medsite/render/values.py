"""Render-ready views of the data: each value prints as plain words and knows its source.

Pages reach these by the same path as in the data file, e.g. `regimens.adults.max_daily`.
Derived values (daily totals, day ranges, liquid volumes) are computed here, never typed.
Every view knows its own `path` and the data entries it is computed from (`inputs`), so a
rendered page can say exactly which values it shows.
"""

from __future__ import annotations

import itertools
from collections.abc import ItemsView, Iterator, Mapping, ValuesView
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Generic, TypeVar

from ..data.model import Cited, Contact, Fact, Form, HelpCard, Intake, MedicineData, Regimen, Source
from ..data.units import per_day
from .words import (
    day_range,
    dial_digits,
    format_number,
    join_words,
    times_a_day,
    unit_words,
    with_unit,
)

Paths = tuple[str, ...]


@dataclass(frozen=True)
class SourceView:
    """A source as pages and tables cite it."""

    key: str
    title: str
    short: str
    publisher: str
    url: str
    read_via_publisher: str | None
    read_via_url: str | None
    jurisdiction: str
    tier: int
    updated: date | None
    accessed: date

    @property
    def path(self) -> str:
        """Where the source is in the data file."""
        return f"sources.{self.key}"

    @property
    def anchor(self) -> str:
        """The id of this source's entry on the sources page."""
        return f"src-{self.key.replace('_', '-')}"

    @property
    def is_copy(self) -> bool:
        """Whether the text was read through a copy, not the document's own page."""
        return self.read_via_url is not None

    def text(self) -> str:
        """The source's title."""
        return self.title


@dataclass(frozen=True)
class Citation:
    """Where one value comes from: a source, the section within it, the day it was checked."""

    source: SourceView
    section: str
    checked: date | None


@dataclass(frozen=True)
class Text:
    """A piece of plain text from the data file (a name, a population), with its path."""

    value: str
    path: str
    inputs: Paths

    def text(self) -> str:
        """The text itself."""
        return self.value


@dataclass(frozen=True)
class Amount:
    """A number with its unit, e.g. '80 mg a day'."""

    value: Decimal
    unit: str
    citation: Citation
    path: str
    inputs: Paths

    @property
    def number(self) -> str:
        """The number alone, e.g. '80'."""
        return format_number(self.value)

    @property
    def unit_text(self) -> str:
        """The unit as it reads after this number."""
        return unit_words(self.unit, self.value)

    def text(self) -> str:
        """The number and unit, never wrapped apart."""
        return with_unit(self.number, self.unit_text)


@dataclass(frozen=True)
class AmountRange:
    """A range such as '40 to 80 mg a day', or 'up to 60 mg a day' with no low end."""

    low: Decimal | None
    high: Decimal
    unit: str
    citation: Citation
    path: str
    inputs: Paths

    @property
    def number(self) -> str:
        """The numbers alone, e.g. '40 to 80'."""
        high = format_number(self.high)
        return f"up to {high}" if self.low is None else f"{format_number(self.low)} to {high}"

    @property
    def unit_text(self) -> str:
        """The unit as it reads after the range."""
        return unit_words(self.unit, self.high)

    def text(self) -> str:
        """The range and unit, the last number never wrapped from its unit."""
        return with_unit(self.number, self.unit_text)


class _ShowsAnAmount:
    """A view that shows one number (or range) and adds something to it: it prints, cites
    and names its data entries as that amount does."""

    amount: Amount | AmountRange

    @property
    def path(self) -> str:
        """Where the amount is in the data file."""
        return self.amount.path

    @property
    def inputs(self) -> Paths:
        """The data entries it comes from."""
        return self.amount.inputs

    @property
    def citation(self) -> Citation:
        """Its source."""
        return self.amount.citation

    @property
    def number(self) -> str:
        """The number (or range) alone."""
        return self.amount.number

    @property
    def unit_text(self) -> str:
        """The unit alone."""
        return self.amount.unit_text

    def text(self) -> str:
        """The number and unit."""
        return self.amount.text()


@dataclass(frozen=True)
class FactView(_ShowsAnAmount):
    """A single sourced number or range, with what it is about."""

    amount: Amount | AmountRange
    about: str


@dataclass(frozen=True)
class IntakeView:
    """One dose taken a number of times a day, e.g. '5 mg three times a day'."""

    dose: Amount
    times_per_day: int
    path: str

    @property
    def citation(self) -> Citation:
        """The source of the dose."""
        return self.dose.citation

    @property
    def inputs(self) -> Paths:
        """The dose and how often."""
        return (self.dose.path, f"{self.path}.times_per_day")

    @property
    def times(self) -> Text:
        """How often, in words: 'three times a day'."""
        return Text(times_a_day(self.times_per_day), f"{self.path}.times_per_day",
                    (f"{self.path}.times_per_day",))

    @property
    def daily(self) -> Amount:
        """The total for a day: dose x times a day."""
        total = self.dose.value * self.times_per_day
        return Amount(total, per_day(self.dose.unit), self.citation, f"{self.path}.daily",
                      self.inputs)

    def text(self) -> str:
        """'5 mg three times a day'."""
        return f"{self.dose.text()} {self.times.value}"


@dataclass(frozen=True)
class StepView:
    """One titration step with its place in the schedule (days 4 to 6)."""

    intake: IntakeView
    first_day: int
    last_day: int

    @property
    def path(self) -> str:
        """Where the step is in the data file."""
        return self.intake.path

    @property
    def inputs(self) -> Paths:
        """The step's dose, how often and its length."""
        return (*self.intake.inputs, f"{self.path}.days")

    @property
    def citation(self) -> Citation:
        """The source of the step."""
        return self.intake.citation

    @property
    def dose(self) -> Amount:
        """Each dose of this step."""
        return self.intake.dose

    @property
    def times(self) -> Text:
        """How often, in words."""
        return self.intake.times

    @property
    def daily(self) -> Amount:
        """The step's total for a day."""
        return self.intake.daily

    @property
    def days(self) -> Text:
        """The day range in words: 'days 4 to 6' (or 'day 4')."""
        return Text(day_range(self.first_day, self.last_day), f"{self.path}.days",
                    (f"{self.path}.days",))

    @property
    def length(self) -> Amount:
        """How long the step lasts: '3 days'."""
        days = Decimal(self.last_day - self.first_day + 1)
        return Amount(days, "days", self.citation, f"{self.path}.days", (f"{self.path}.days",))

    def text(self) -> str:
        """'days 1 to 3: 5 mg three times a day'."""
        return f"{self.days.value}: {self.intake.text()}"


@dataclass(frozen=True)
class MaxDailyView(_ShowsAnAmount):
    """The most in a day, with the split a source gives ('20 mg four times a day')."""

    amount: Amount
    given_as: IntakeView | None

    @property
    def value(self) -> Decimal:
        """The number."""
        return self.amount.value


class DataError(Exception):
    """A page asked a value for something the data cannot give (e.g. one step length when
    the steps differ); the page rules report it at the reference's line."""


@dataclass(frozen=True)
class RegimenView:
    """The usual schedule for one population in one jurisdiction."""

    key: str
    population: str
    jurisdiction: str
    route: str
    source: SourceView
    starting_dose: IntakeView
    titration_steps: tuple[StepView, ...]
    max_daily: MaxDailyView
    maintenance: AmountRange | None
    taper: AmountRange | None

    @property
    def path(self) -> str:
        """Where the regimen is in the data file."""
        return f"regimens.{self.key}"

    @property
    def name(self) -> Text:
        """Who and where, e.g. 'Adults (US)'."""
        return Text(f"{self.population} ({self.jurisdiction})", f"{self.path}.population",
                    (f"{self.path}.population", f"{self.path}.jurisdiction"))

    @property
    def steps(self) -> tuple[StepView, ...]:
        """The build-up steps; an error for a fixed-dose regimen, which has none."""
        if not self.titration_steps:
            raise DataError(f"{self.path} is a fixed dose; it has no build-up steps")
        return self.titration_steps

    @property
    def first_step(self) -> StepView:
        """The first step of the build-up."""
        return self.steps[0]

    @property
    def last_step(self) -> StepView:
        """The top of the build-up schedule."""
        return self.steps[-1]

    @property
    def step_length(self) -> Amount:
        """How long each step lasts; an error if the steps differ in length."""
        lengths = {step.length.value for step in self.steps}
        if len(lengths) != 1:
            raise DataError(f"the steps of {self.path} differ in length, so there is no "
                            "one step length")
        first = self.first_step.length
        return Amount(first.value, first.unit, first.citation, f"{self.path}.step_length",
                      tuple(f"{s.path}.days" for s in self.steps))

    @property
    def schedule_length(self) -> Amount:
        """How many days the whole build-up schedule takes."""
        return Amount(Decimal(self.last_step.last_day), "days", self.first_step.citation,
                      f"{self.path}.schedule_length", tuple(f"{s.path}.days" for s in self.steps))

    @property
    def step_rise(self) -> Amount:
        """How much each dose goes up at each step; an error if the rises differ."""
        doses = [step.dose.value for step in self.steps]
        rises = {b - a for a, b in itertools.pairwise(doses)}
        if len(rises) != 1:
            raise DataError(f"the steps of {self.path} rise by different amounts, so there "
                            "is no one step rise")
        return Amount(rises.pop(), self.first_step.dose.unit, self.first_step.citation,
                      f"{self.path}.step_rise", tuple(s.dose.path for s in self.steps))


@dataclass(frozen=True)
class AmountRatio:
    """A concentration such as '5 mg in 5 mL', with its per-mL value derived."""

    amount: Decimal
    amount_unit: str
    volume: Decimal
    citation: Citation
    path: str

    @property
    def inputs(self) -> Paths:
        """The concentration itself."""
        return (self.path,)

    @property
    def per_ml(self) -> Amount:
        """The strength in each mL: '1 mg in each mL'."""
        return Amount(self.amount / self.volume, f"{self.amount_unit}/mL", self.citation,
                      f"{self.path}.per_ml", self.inputs)

    def text(self) -> str:
        """'5 mg in 5 mL'."""
        amount = with_unit(format_number(self.amount), unit_words(self.amount_unit))
        return f"{amount} in {with_unit(format_number(self.volume), 'mL')}"


@dataclass(frozen=True)
class FormView:
    """A form of the medicine with its strengths or concentration."""

    key: str
    name: str
    kind: str
    brands: tuple[str, ...]
    generic: bool
    jurisdiction: str
    citation: Citation
    strengths: tuple[Amount, ...]
    concentration: AmountRatio | None

    @property
    def path(self) -> str:
        """Where the form is in the data file."""
        return f"forms.{self.key}"

    @property
    def inputs(self) -> Paths:
        """Its strengths or concentration."""
        if self.concentration is not None:
            return self.concentration.inputs
        return tuple(s.path for s in self.strengths)

    @property
    def sold_as(self) -> Text:
        """The names it is sold under: 'Ozobax DS and generic'."""
        names = [*self.brands, *(["generic"] if self.generic else [])]
        return Text(join_words(names) if names else "generic", f"{self.path}.brands",
                    (f"{self.path}.brands", f"{self.path}.generic"))

    @property
    def strengths_text(self) -> Text:
        """All strengths in words: '5 mg, 10 mg and 20 mg'."""
        texts = [s.text() for s in self.strengths] or (
            [self.concentration.text()] if self.concentration else [])
        return Text(join_words(texts), f"{self.path}.strengths", self.inputs)

    def volume_for(self, dose: Amount) -> Amount:
        """How many mL of this liquid hold `dose`, rounded to 0.01 mL."""
        if self.concentration is None:
            raise DataError(f"{self.path} is not a liquid")
        if dose.unit != self.concentration.amount_unit:
            raise DataError(f"cannot measure {dose.text()} with {self.path}, a "
                            f"{self.concentration.amount_unit} liquid")
        volume = (dose.value / self.concentration.per_ml.value).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP)
        return Amount(volume, "mL", self.citation, f"{self.path}.volume",
                      (*dose.inputs, self.concentration.path))

    def text(self) -> str:
        """'Tablets (5 mg, 10 mg and 20 mg)'."""
        return f"{self.name} ({self.strengths_text.value})"


@dataclass(frozen=True)
class ContactView:
    """A phone line: prints as the number; `.link` is a tap-to-call link."""

    key: str
    name: str
    phone: str
    takes_text: bool
    url: str | None
    citation: Citation

    @property
    def path(self) -> str:
        """Where the contact is in the data file."""
        return f"contacts.{self.key}"

    @property
    def inputs(self) -> Paths:
        """The phone number itself."""
        return (self.path,)

    @property
    def dial(self) -> str:
        """The digits a phone dials."""
        return dial_digits(self.phone)

    def text(self) -> str:
        """The number as printed."""
        return self.phone


@dataclass(frozen=True)
class HelpCardView:
    """One piece of 'get help' advice, ready to render the same way on every page."""

    key: str
    level: str
    audience: str
    title: str
    signs: tuple[str, ...]
    action: str
    contacts: tuple[ContactView, ...]
    citation: Citation

    @property
    def path(self) -> str:
        """Where the card is in the data file."""
        return f"help_cards.{self.key}"

    @property
    def inputs(self) -> Paths:
        """The card itself and the phone lines it names."""
        return (self.path, *(c.path for c in self.contacts))

    def text(self) -> str:
        """The card's title."""
        return self.title


V = TypeVar("V")


class Group(Mapping[str, V], Generic[V]):
    """A named group of views (`regimens`, `forms`, ...): pages reach an entry by its key."""

    def __init__(self, path: str, items: dict[str, V]) -> None:
        self.path = path
        self._items = items

    def __getitem__(self, key: str) -> V:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def values(self) -> ValuesView[V]:
        """The entries, in file order (faster than Mapping's own)."""
        return self._items.values()

    def items(self) -> ItemsView[str, V]:
        """The keys and entries, in file order."""
        return self._items.items()


@dataclass(frozen=True)
class SiteValues:
    """Everything a page can refer to, by the same names as in the data file."""

    medicine: Text
    brand_names: Text
    sources: Group[SourceView]
    forms: Group[FormView]
    regimens: Group[RegimenView]
    facts: Group[FactView]
    contacts: Group[ContactView]
    help_cards: Group[HelpCardView]


def build_values(data: MedicineData) -> SiteValues:
    """Turn validated data into views, computing every derived value once."""
    sources = {key: _source_view(key, src) for key, src in data.sources.items()}
    contacts = {key: _contact_view(key, c, sources) for key, c in data.contacts.items()}
    return SiteValues(
        medicine=Text(data.medicine.name, "medicine.name", ("medicine.name",)),
        brand_names=Text(join_words(list(data.medicine.brand_names)), "medicine.brand_names",
                         ("medicine.brand_names",)),
        sources=Group("sources", sources),
        forms=Group("forms", {key: _form_view(key, form, sources)
                              for key, form in data.forms.items()}),
        regimens=Group("regimens", {key: _regimen_view(key, reg, sources)
                                    for key, reg in data.regimens.items()}),
        facts=Group("facts", {key: _fact_view(key, fact, sources)
                              for key, fact in data.facts.items()}),
        contacts=Group("contacts", contacts),
        help_cards=Group("help_cards", {key: _card_view(key, card, sources, contacts)
                                        for key, card in data.help_cards.items()}),
    )


def _source_view(key: str, src: Source) -> SourceView:
    return SourceView(
        key=key, title=src.title, short=src.short, publisher=src.publisher, url=src.url,
        read_via_publisher=src.read_via.publisher if src.read_via else None,
        read_via_url=src.read_via.url if src.read_via else None,
        jurisdiction=src.jurisdiction, tier=src.tier, updated=src.updated,
        accessed=src.accessed,
    )


def _cite(block: Cited, parent: Citation, sources: dict[str, SourceView]) -> Citation:
    if block.source is None and block.section is None and block.checked is None:
        return parent
    source = sources[block.source] if block.source else parent.source
    return Citation(source, block.section or parent.section, block.checked or parent.checked)


def _top_cite(source: str, section: str, checked: date,
              sources: dict[str, SourceView]) -> Citation:
    return Citation(sources[source], section, checked)


def _intake(block: Intake, unit: str, parent: Citation, sources: dict[str, SourceView],
            path: str) -> IntakeView:
    citation = _cite(block, parent, sources)
    dose = Amount(block.dose, unit, citation, f"{path}.dose", (f"{path}.dose",))
    return IntakeView(dose, block.times_per_day, path)


def _regimen_view(key: str, reg: Regimen, sources: dict[str, SourceView]) -> RegimenView:
    path = f"regimens.{key}"
    base = _top_cite(reg.source, reg.section, reg.checked, sources)
    steps, day = [], 1
    for index, step in enumerate(reg.titration_steps):
        intake = _intake(step, reg.dose_unit, base, sources, f"{path}.titration_steps[{index}]")
        steps.append(StepView(intake, day, day + step.days - 1))
        day += step.days
    top = reg.max_daily
    top_cite = _cite(top, base, sources)
    given_as = (_intake(top.given_as, reg.dose_unit, top_cite, sources,
                        f"{path}.max_daily.given_as") if top.given_as else None)
    maximum = Amount(top.value, top.unit, top_cite, f"{path}.max_daily", (f"{path}.max_daily",))
    return RegimenView(
        key=key, population=reg.population, jurisdiction=reg.jurisdiction, route=reg.route,
        source=base.source,
        starting_dose=_intake(reg.starting_dose, reg.dose_unit, base, sources,
                              f"{path}.starting_dose"),
        titration_steps=tuple(steps),
        max_daily=MaxDailyView(maximum, given_as),
        maintenance=_range(reg.maintenance, base, sources, f"{path}.maintenance"),
        taper=_range(reg.taper, base, sources, f"{path}.taper"),
    )


def _range(block: Cited | None, base: Citation, sources: dict[str, SourceView],
           path: str) -> AmountRange | None:
    if block is None:
        return None
    low, high, unit = block.low, block.high, block.unit  # type: ignore[attr-defined]
    return AmountRange(low, high, unit, _cite(block, base, sources), path, (path,))


def _form_view(key: str, form: Form, sources: dict[str, SourceView]) -> FormView:
    path = f"forms.{key}"
    citation = _top_cite(form.source, form.section, form.checked, sources)
    strengths = tuple(
        Amount(value, form.strength_unit or "", citation, f"{path}.strengths[{i}]",
               (f"{path}.strengths[{i}]",))
        for i, value in enumerate(form.strengths or [])
    )
    ratio = None
    if form.concentration is not None:
        conc = form.concentration
        ratio = AmountRatio(conc.amount, conc.amount_unit, conc.volume,
                            _cite(conc, citation, sources), f"{path}.concentration")
    return FormView(key, form.name, form.kind, tuple(form.brands), form.generic,
                    form.jurisdiction, citation, strengths, ratio)


def _fact_view(key: str, fact: Fact, sources: dict[str, SourceView]) -> FactView:
    citation = _top_cite(fact.source, fact.section, fact.checked, sources)
    path = f"facts.{key}"
    amount: Amount | AmountRange
    if fact.value is not None:
        amount = Amount(fact.value, fact.unit, citation, path, (path,))
    else:
        assert fact.high is not None  # the model guarantees a value or a full range
        amount = AmountRange(fact.low, fact.high, fact.unit, citation, path, (path,))
    return FactView(amount, fact.about)


def _contact_view(key: str, contact: Contact, sources: dict[str, SourceView]) -> ContactView:
    return ContactView(key, contact.name, contact.phone, contact.text, contact.url,
                       _top_cite(contact.source, contact.section, contact.checked, sources))


def _card_view(key: str, card: HelpCard, sources: dict[str, SourceView],
               contacts: dict[str, ContactView]) -> HelpCardView:
    return HelpCardView(
        key=key, level=card.level, audience=card.audience, title=card.title,
        signs=tuple(card.signs), action=card.action,
        contacts=tuple(contacts[c] for c in card.contacts if c in contacts),
        citation=_top_cite(card.source, card.section, card.checked, sources),
    )
