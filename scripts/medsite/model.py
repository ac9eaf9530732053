"""The shape of `data/dosing.yml`, described once with pydantic.

The JSON Schema that editors' tools use is generated from these classes.
Cross-field rules (steps rise, nothing above the maximum) live in `invariants.py`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from .units import Unit

Jurisdiction = Literal["US", "UK", "CA", "AU", "FR", "IE"]
Positive = Annotated[Decimal, Field(gt=0, description="A number above zero")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
SourceId = Annotated[str, Field(description="The key of an entry under `sources:`")]


class Strict(BaseModel):
    """Base for every block: unknown keys are refused, so a misspelt key is caught."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    """A document a number comes from."""

    title: Text
    short: Text = Field(description="A short name used in citations, e.g. 'US label'")
    publisher: Text
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
    jurisdiction: Jurisdiction
    tier: int = Field(ge=1, le=5, description="1 regulator label ... 5 low quality")
    updated: date | None = Field(None, description="The date the source itself shows")
    accessed: date


class Cited(Strict):
    """Where a block's numbers come from; a block without one uses its parent's."""

    source: SourceId | None = None
    section: Text | None = None


class Intake(Cited):
    """One dose taken a number of times a day."""

    dose: Positive
    times_per_day: int = Field(ge=1, le=12)


class TitrationStep(Intake):
    """One step of building up the dose: this intake for this many days."""

    days: int = Field(ge=1, le=365)


class DailyRange(Cited):
    """A range of daily totals in the regimen's dose unit per day; no `low` means 'up to'."""

    low: Positive | None = None
    high: Positive
    unit: Unit

    @model_validator(mode="after")
    def _low_below_high(self) -> DailyRange:
        if self.low is not None and self.low >= self.high:
            raise ValueError(f"low ({self.low}) must be below high ({self.high})")
        return self


class MaxDaily(Cited):
    """The most that may be taken in a day, and how the label splits it."""

    value: Positive
    unit: Unit
    given_as: Intake | None = None


class Taper(Cited):
    """How long the dose is lowered over when stopping."""

    low: Positive
    high: Positive
    unit: Literal["days", "weeks"]


class Regimen(Strict):
    """The usual schedule for one population in one jurisdiction."""

    population: Text = Field(description="Who this is for, e.g. 'Adults'")
    jurisdiction: Jurisdiction
    route: Literal["oral", "intrathecal"]
    dose_unit: Literal["mg", "mcg"]
    source: SourceId
    section: Text
    starting_dose: Intake
    titration_steps: list[TitrationStep] = Field(min_length=1)
    maintenance: DailyRange | None = None
    max_daily: MaxDaily
    taper: Taper | None = None


class Concentration(Cited):
    """How much medicine is in a volume of liquid: `amount` mg in `volume` mL."""

    amount: Positive
    amount_unit: Literal["mg", "mcg"]
    volume: Positive
    volume_unit: Literal["mL"]


FormKind = Literal["tablet", "oral solution", "oral suspension", "granules", "intrathecal"]


class Form(Strict):
    """A way the medicine is made: tablets, a liquid, granules or an injection."""

    name: Text
    kind: FormKind
    brand: Text | None = None
    jurisdiction: Jurisdiction
    source: SourceId
    section: Text
    strengths: list[Positive] | None = None
    strength_unit: Unit | None = None
    concentration: Concentration | None = None

    @model_validator(mode="after")
    def _strength_or_concentration(self) -> Form:
        liquid = self.kind in ("oral solution", "oral suspension")
        if liquid and self.concentration is None:
            raise ValueError("a liquid needs a 'concentration'")
        if not liquid and not (self.strengths and self.strength_unit):
            raise ValueError("needs 'strengths' and 'strength_unit'")
        return self


class Fact(Strict):
    """A single sourced number or range used in prose, e.g. a time window."""

    about: Text = Field(description="What the number is, in words, for the sources page")
    value: Positive | None = None
    low: Positive | None = None
    high: Positive | None = None
    unit: Unit
    source: SourceId
    section: Text

    @model_validator(mode="after")
    def _value_or_range(self) -> Fact:
        if (self.value is None) == (self.low is None or self.high is None):
            raise ValueError("give either 'value' or both 'low' and 'high'")
        if self.low is not None and self.high is not None and self.low >= self.high:
            raise ValueError(f"low ({self.low}) must be below high ({self.high})")
        return self


class Contact(Strict):
    """A phone line the site tells readers to call."""

    name: Text
    phone: Annotated[str, StringConstraints(pattern=r"^[0-9][0-9 -]{1,20}[0-9]$")]
    source: SourceId
    section: Text


class Medicine(Strict):
    """The medicine the site is about."""

    name: Text
    brand_names: list[Text] = []


Key = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]


class DosingData(Strict):
    """The whole data file: every number on the site, with its unit and source."""

    edition: Jurisdiction = Field(description="The jurisdiction whose labels the site follows")
    medicine: Medicine
    sources: dict[Key, Source]
    forms: dict[Key, Form]
    regimens: dict[Key, Regimen]
    facts: dict[Key, Fact] = {}
    contacts: dict[Key, Contact] = {}
