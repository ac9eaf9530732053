"""Render-ready views of the data: each value prints as plain words and knows its source.

Pages reach these by the same path as in the data file, e.g. `regimens.adults.max_daily`.
Derived values (daily totals, day ranges, liquid volumes) are computed here, never typed.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .model import Cited, Contact, DosingData, Fact, Form, Regimen, Source
from .units import format_number, per_day, times_a_day, unit_words


@dataclass(frozen=True)
class SourceView:
    """A source as pages and tables cite it."""

    key: str
    title: str
    short: str
    publisher: str
    url: str
    jurisdiction: str
    tier: int
    updated: str
    accessed: str

    @property
    def anchor(self) -> str:
        """The id of this source's entry on the sources page."""
        return f"src-{self.key.replace('_', '-')}"

    def __str__(self) -> str:
        return self.title


@dataclass(frozen=True)
class Citation:
    """Where one value comes from: a source and the section within it."""

    source: SourceView
    section: str


@dataclass(frozen=True)
class Amount:
    """A number with its unit, e.g. '80 mg a day'."""

    value: Decimal
    unit: str
    citation: Citation
    path: str

    @property
    def number(self) -> str:
        """The number alone, e.g. '80'."""
        return format_number(self.value)

    @property
    def unit_text(self) -> str:
        """The unit as it reads after this number."""
        return unit_words(self.unit, self.value)

    def __str__(self) -> str:
        return f"{self.number} {self.unit_text}"


@dataclass(frozen=True)
class AmountRange:
    """A range such as '40 to 80 mg a day', or 'up to 60 mg a day' with no low end."""

    low: Decimal | None
    high: Decimal
    unit: str
    citation: Citation
    path: str

    @property
    def number(self) -> str:
        """The numbers alone, e.g. '40 to 80'."""
        high = format_number(self.high)
        return f"up to {high}" if self.low is None else f"{format_number(self.low)} to {high}"

    def __str__(self) -> str:
        return f"{self.number} {unit_words(self.unit, self.high)}"


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
    def times(self) -> str:
        """How often, in words: 'three times a day'."""
        return times_a_day(self.times_per_day)

    @property
    def daily(self) -> Amount:
        """The total for a day: dose x times a day."""
        total = self.dose.value * self.times_per_day
        return Amount(total, per_day(self.dose.unit), self.citation, f"{self.path}.daily")

    def __str__(self) -> str:
        return f"{self.dose} {self.times}"


@dataclass(frozen=True)
class StepView(IntakeView):
    """One titration step with its place in the schedule (days 4 to 6)."""

    first_day: int = 0
    last_day: int = 0

    @property
    def days(self) -> str:
        """The day range in words: 'days 4 to 6' (or 'day 4')."""
        if self.first_day == self.last_day:
            return f"day {self.first_day}"
        return f"days {self.first_day} to {self.last_day}"

    @property
    def length(self) -> Amount:
        """How long the step lasts: '3 days'."""
        days = Decimal(self.last_day - self.first_day + 1)
        return Amount(days, "days", self.citation, f"{self.path}.days")

    def __str__(self) -> str:
        return f"{self.days}: {self.dose} {self.times}"


@dataclass(frozen=True)
class MaxDailyView(Amount):
    """The most in a day, with the split the label gives ('20 mg four times a day')."""

    given_as: IntakeView | None = None


@dataclass(frozen=True)
class RegimenView:
    """The usual schedule for one population in one jurisdiction."""

    key: str
    population: str
    jurisdiction: str
    route: str
    source: SourceView
    starting_dose: IntakeView
    titration_steps: list[StepView]
    max_daily: MaxDailyView
    maintenance: AmountRange | None
    taper: AmountRange | None
    path: str

    @property
    def name(self) -> str:
        """Who and where, e.g. 'Adults (US)'."""
        return f"{self.population} ({self.jurisdiction})"

    @property
    def first_step(self) -> StepView:
        """The first step of the build-up."""
        return self.titration_steps[0]

    @property
    def last_step(self) -> StepView:
        """The top of the build-up schedule."""
        return self.titration_steps[-1]

    @property
    def step_length(self) -> Amount:
        """How long each step lasts; an error if the steps differ in length."""
        lengths = {step.length.value for step in self.titration_steps}
        if len(lengths) != 1:
            raise ValueError(f"{self.path}: the steps differ in length, so there is no one step")
        return self.first_step.length

    @property
    def schedule_length(self) -> Amount:
        """How many days the whole build-up schedule takes."""
        days = Decimal(self.last_step.last_day)
        return Amount(days, "days", self.first_step.citation, f"{self.path}.titration_steps")

    @property
    def step_rise(self) -> Amount:
        """How much each dose goes up at each step; an error if the rises differ."""
        doses = [step.dose.value for step in self.titration_steps]
        rises = {b - a for a, b in itertools.pairwise(doses)}
        if len(rises) != 1:
            raise ValueError(f"{self.path}: the steps rise by different amounts")
        return Amount(rises.pop(), self.first_step.dose.unit, self.first_step.citation, self.path)


@dataclass(frozen=True)
class FormView:
    """A form of the medicine with its strengths or concentration."""

    key: str
    name: str
    brand: str | None
    kind: str
    jurisdiction: str
    citation: Citation
    strengths: list[Amount]
    concentration: AmountRatio | None
    path: str

    @property
    def label(self) -> str:
        """The brand if there is one, else the form's name."""
        return self.brand or self.name

    @property
    def strengths_text(self) -> str:
        """All strengths in words: '5 mg, 10 mg and 20 mg'."""
        texts = [str(s) for s in self.strengths] or [str(self.concentration)]
        return texts[0] if len(texts) == 1 else f"{', '.join(texts[:-1])} and {texts[-1]}"

    def volume_for(self, dose: Amount) -> Amount:
        """How many mL of this liquid hold `dose`, rounded to 0.01 mL."""
        if self.concentration is None:
            raise ValueError(f"{self.path}: '{self.label}' is not a liquid")
        if dose.unit != self.concentration.amount_unit:
            raise ValueError(f"{self.path}: cannot measure {dose} with a {dose.unit} liquid")
        volume = (dose.value / self.concentration.per_ml.value).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
        return Amount(volume, "mL", self.citation, f"{self.path}.volume")

    def __str__(self) -> str:
        return f"{self.label} ({self.strengths_text})"


@dataclass(frozen=True)
class AmountRatio:
    """A concentration such as '5 mg in 5 mL', with its per-mL value derived."""

    amount: Decimal
    amount_unit: str
    volume: Decimal
    citation: Citation
    path: str

    @property
    def per_ml(self) -> Amount:
        """The strength in each mL: '1 mg in each mL'."""
        value = self.amount / self.volume
        return Amount(value, f"{self.amount_unit}/mL", self.citation, f"{self.path}.per_ml")

    def __str__(self) -> str:
        amount = format_number(self.amount)
        return f"{amount} {unit_words(self.amount_unit)} in {format_number(self.volume)} mL"


@dataclass(frozen=True)
class ContactView:
    """A phone line: prints as the number; `.link` is a tap-to-call link."""

    name: str
    phone: str
    citation: Citation

    @property
    def link(self) -> str:
        """An HTML tel: link a phone can dial."""
        return f'<a href="tel:{self.phone.replace("-", "").replace(" ", "")}">{self.phone}</a>'

    def __str__(self) -> str:
        return self.phone


class DataGroup(dict):
    """A named group of views (`regimens`, `forms`, ...) that knows its data path."""

    def __init__(self, path: str, items: dict) -> None:
        super().__init__(items)
        self.path = path


@dataclass(frozen=True)
class SiteValues:
    """Everything a page can refer to, by the same names as in the data file."""

    edition: str
    medicine: str
    brand_names: list[str]
    sources: DataGroup
    forms: DataGroup
    regimens: DataGroup
    facts: DataGroup
    contacts: DataGroup
    data: DosingData = field(repr=False)

    def names(self) -> dict[str, object]:
        """The top-level names a page template sees."""
        return {
            "edition": self.edition,
            "medicine": self.medicine,
            "brand_names": ", ".join(self.brand_names),
            "sources": self.sources,
            "forms": self.forms,
            "regimens": self.regimens,
            "facts": self.facts,
            "contacts": self.contacts,
        }


def build_values(data: DosingData) -> SiteValues:
    """Turn validated data into views, computing every derived value once."""
    sources = {key: _source_view(key, src) for key, src in data.sources.items()}
    return SiteValues(
        edition=data.edition,
        medicine=data.medicine.name,
        brand_names=list(data.medicine.brand_names),
        sources=DataGroup("sources", sources),
        forms=DataGroup("forms", {
            key: _form_view(key, form, sources) for key, form in data.forms.items()
        }),
        regimens=DataGroup("regimens", {
            key: _regimen_view(key, reg, sources) for key, reg in data.regimens.items()
        }),
        facts=DataGroup("facts", {
            key: _fact_view(key, fact, sources) for key, fact in data.facts.items()
        }),
        contacts=DataGroup("contacts", {
            key: _contact_view(contact, sources) for key, contact in data.contacts.items()
        }),
        data=data,
    )


def _source_view(key: str, src: Source) -> SourceView:
    return SourceView(
        key=key, title=src.title, short=src.short, publisher=src.publisher, url=src.url,
        jurisdiction=src.jurisdiction, tier=src.tier,
        updated=src.updated.isoformat() if src.updated else "",
        accessed=src.accessed.isoformat(),
    )


def _cite(block: Cited, parent: Citation, sources: dict[str, SourceView]) -> Citation:
    if block.source is None and block.section is None:
        return parent
    source = sources[block.source] if block.source else parent.source
    return Citation(source, block.section or parent.section)


def _intake(block, unit: str, parent: Citation, sources, path: str) -> IntakeView:
    citation = _cite(block, parent, sources)
    return IntakeView(Amount(block.dose, unit, citation, f"{path}.dose"), block.times_per_day, path)


def _regimen_view(key: str, reg: Regimen, sources: dict[str, SourceView]) -> RegimenView:
    path = f"regimens.{key}"
    base = Citation(sources[reg.source], reg.section)
    steps, day = [], 1
    for index, step in enumerate(reg.titration_steps):
        where = f"{path}.titration_steps[{index}]"
        citation = _cite(step, base, sources)
        dose = Amount(step.dose, reg.dose_unit, citation, f"{where}.dose")
        steps.append(StepView(dose, step.times_per_day, where, day, day + step.days - 1))
        day += step.days
    top = reg.max_daily
    top_cite = _cite(top, base, sources)
    given_as = (
        _intake(top.given_as, reg.dose_unit, top_cite, sources, f"{path}.max_daily.given_as")
        if top.given_as else None
    )
    return RegimenView(
        key=key, population=reg.population, jurisdiction=reg.jurisdiction, route=reg.route,
        source=base.source,
        starting_dose=_intake(reg.starting_dose, reg.dose_unit, base, sources,
                              f"{path}.starting_dose"),
        titration_steps=steps,
        max_daily=MaxDailyView(top.value, top.unit, top_cite, f"{path}.max_daily", given_as),
        maintenance=_range(reg.maintenance, base, sources, f"{path}.maintenance"),
        taper=_range(reg.taper, base, sources, f"{path}.taper"),
        path=path,
    )


def _range(block, base: Citation, sources, path: str) -> AmountRange | None:
    if block is None:
        return None
    return AmountRange(block.low, block.high, block.unit, _cite(block, base, sources), path)


def _form_view(key: str, form: Form, sources: dict[str, SourceView]) -> FormView:
    path = f"forms.{key}"
    citation = Citation(sources[form.source], form.section)
    strengths = [
        Amount(value, form.strength_unit or "", citation, f"{path}.strengths[{i}]")
        for i, value in enumerate(form.strengths or [])
    ]
    ratio = None
    if form.concentration is not None:
        conc = form.concentration
        ratio = AmountRatio(conc.amount, conc.amount_unit, conc.volume,
                            _cite(conc, citation, sources), f"{path}.concentration")
    return FormView(key, form.name, form.brand, form.kind, form.jurisdiction, citation,
                    strengths, ratio, path)


def _fact_view(key: str, fact: Fact, sources: dict[str, SourceView]) -> Amount | AmountRange:
    citation = Citation(sources[fact.source], fact.section)
    if fact.value is not None:
        return Amount(fact.value, fact.unit, citation, f"facts.{key}")
    assert fact.high is not None  # the model guarantees a value or a full range
    return AmountRange(fact.low, fact.high, fact.unit, citation, f"facts.{key}")


def _contact_view(contact: Contact, sources: dict[str, SourceView]) -> ContactView:
    return ContactView(contact.name, contact.phone,
                       Citation(sources[contact.source], contact.section))
