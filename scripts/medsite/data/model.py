"""The shape of the data file, described once with pydantic.

The JSON Schema that editors' tools use is generated from these classes. Rules that span
fields (steps rise, nothing above the maximum, sources exist) live in `rules.py`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from .units import DoseUnit, Unit

Jurisdiction = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$"),
                         Field(description="A two-letter country code, e.g. 'US' or 'UK'")]
Positive = Annotated[Decimal, Field(gt=0, max_digits=12, decimal_places=4,
                                    description="A number above zero, at most 4 decimals")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=400)]
Key = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
SourceId = Annotated[str, Field(description="The key of an entry under `sources:`")]
WebAddress = Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"']+$", max_length=500)]


class Strict(BaseModel):
    """Base for every block: unknown keys are refused, so a misspelt key is caught."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Copy(Strict):
    """The copy of a document that was actually read, when its own page was not."""

    publisher: Text = Field(description="Who publishes the copy, e.g. 'medlibrary.org'")
    url: WebAddress


class Source(Strict):
    """A document numbers and advice come from."""

    title: Text
    short: Text = Field(description="A short name used in citations, e.g. 'US label'")
    publisher: Text = Field(description="Who publishes the document itself")
    url: WebAddress = Field(description="The document's own page")
    read_via: Copy | None = Field(None, description="The copy that was read instead of `url`; "
                                  "the sources page says the value is not yet checked against "
                                  "the document's own page")
    jurisdiction: Jurisdiction
    tier: int = Field(ge=1, le=5, description="What was read: 1 regulator label on the "
                      "regulator's site, 2 health service or formulary, 3 research, "
                      "4 professional reference or copy, 5 low quality")
    updated: date | None = Field(None, description="The date the source itself shows")
    accessed: date


class Cited(Strict):
    """Where a block's numbers come from; a block without one uses its parent's."""

    source: SourceId | None = None
    section: Text | None = None
    checked: date | None = Field(None, description="The day a person last checked this "
                                 "block's values against its source")


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


class MaxDaily(Cited):
    """The most that may be taken in a day, and how a source splits it (if one does)."""

    value: Positive
    unit: Unit
    given_as: Intake | None = None


class Taper(Cited):
    """How long the dose is lowered over when stopping."""

    low: Positive
    high: Positive
    unit: Literal["days", "weeks"]


class Regimen(Strict):
    """The usual schedule for one population in one jurisdiction.

    With `titration_steps` the dose is built up step by step; without them the starting
    dose is the dose throughout (a fixed-dose medicine).
    """

    population: Text = Field(description="Who this is for, e.g. 'Adults'")
    jurisdiction: Jurisdiction
    route: Literal["oral", "intrathecal"]
    dose_unit: DoseUnit
    source: SourceId
    section: Text
    checked: date
    starting_dose: Intake
    titration_steps: list[TitrationStep] = Field(default_factory=list, max_length=30)
    maintenance: DailyRange | None = None
    max_daily: MaxDaily
    taper: Taper | None = None


class Concentration(Cited):
    """How much medicine is in a volume of liquid: `amount` mg in `volume` mL."""

    amount: Positive
    amount_unit: DoseUnit
    volume: Positive
    volume_unit: Literal["mL"]


FormKind = Literal["tablet", "capsule", "oral solution", "oral suspension", "granules",
                   "intrathecal"]
LIQUID_KINDS = ("oral solution", "oral suspension")
ROUTE_OF_KIND = {"tablet": "oral", "capsule": "oral", "oral solution": "oral",
                 "oral suspension": "oral", "granules": "oral", "intrathecal": "intrathecal"}


class Form(Strict):
    """A way the medicine is made: tablets, capsules, a liquid, granules or an injection."""

    name: Text
    kind: FormKind
    brands: list[Text] = Field(default_factory=list, description="Brand names it is sold as")
    generic: bool = Field(False, description="Also sold without a brand name")
    jurisdiction: Jurisdiction
    source: SourceId
    section: Text
    checked: date
    strengths: list[Positive] | None = Field(None, max_length=20)
    strength_unit: Unit | None = None
    concentration: Concentration | None = None

    @model_validator(mode="after")
    def _strength_or_concentration(self) -> Form:
        liquid = self.kind in LIQUID_KINDS
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
    checked: date

    @model_validator(mode="after")
    def _value_or_range(self) -> Fact:
        if (self.value is None) == (self.low is None or self.high is None):
            raise ValueError("give either 'value' or both 'low' and 'high'")
        return self


class Contact(Strict):
    """A phone line (or text line, or web form) the site tells readers to use."""

    name: Text
    phone: Annotated[str, StringConstraints(pattern=r"^[0-9A-Z][0-9A-Z -]{1,20}[0-9A-Z]$")]
    text: bool = Field(False, description="The line also takes text messages")
    url: WebAddress | None = Field(None, description="A web page of the service, if any")
    source: SourceId
    section: Text
    checked: date


class HelpCard(Strict):
    """One piece of 'get help' advice: who it is for, the signs, what to do, and whom to call.

    Any one of the signs is enough to act on, so a sign never joins two signs with 'and'.
    """

    level: Key = Field(description="An urgency level from the site's help_levels")
    audience: Key = Field(description="Who it is for, from the site's help_audiences")
    title: Text
    signs: list[Text] = Field(default_factory=list, max_length=20)
    action: Text = Field(description="What to do; write a phone line as {contact_key}")
    contacts: list[Key] = Field(default_factory=list)
    source: SourceId
    section: Text
    checked: date


class Medicine(Strict):
    """The medicine the site is about."""

    name: Text
    brand_names: list[Text] = []


class MedicineData(Strict):
    """The whole data file: every number on the site, with its unit and source."""

    medicine: Medicine
    sources: dict[Key, Source]
    forms: dict[Key, Form]
    regimens: dict[Key, Regimen]
    facts: dict[Key, Fact] = {}
    contacts: dict[Key, Contact] = {}
    help_cards: dict[Key, HelpCard] = {}
