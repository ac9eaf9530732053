"""Each page's structured data (schema.org JSON-LD), built from the data file, never typed.

Every page is a `MedicalWebPage` for patients, with its review date, reviewer and sources.
A page that shows doses or strengths is `about` the medicine as a `Drug`, carrying only the
values that page shows: each `DrugStrength` and dose schedule names its data entry in
`identifier` (the same key as in manifest.json and the data export), its jurisdiction, and
the regulator of that jurisdiction (the plugin's `authorities` setting). Numbers are JSON
numbers equal to the data file's; search engines ask that markup match what the page shows,
and the tests check every number against the data and the page's own text.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache, partial
from typing import Any

from ..content.pipeline import Site
from ..render.values import IntakeView, RegimenView, SourceView
from ..render.words import format_number, times_a_day
from .pages import PublishedPage, page_sources

SCHEMA_ORG = "https://schema.org"
JsonObject = dict[str, Any]


def page_jsonld(page: PublishedPage, site: Site) -> JsonObject:
    """The page's `MedicalWebPage` node, with the medicine it shows doses of as `about`."""
    meta = page.meta
    node: JsonObject = {"@context": SCHEMA_ORG, "@type": "MedicalWebPage",
                        "name": meta.title, "description": meta.description}
    if page.canonical_url:
        node["url"] = page.canonical_url
    node["inLanguage"] = site.settings.language
    # As schema.org's own MedicalWebPage example marks a page written for patients.
    node["audience"] = f"{SCHEMA_ORG}/Patient"
    if meta.last_reviewed:
        node["lastReviewed"] = meta.last_reviewed.isoformat()
    if meta.reviewed_by:
        node["reviewedBy"] = {"@type": "Person", "name": meta.reviewed_by}
    node["citation"] = [_citation(source) for source in page_sources(page, site)]
    drug = drug_node(page, site)
    if drug is not None:
        node["about"] = drug
    return node


def page_script(page: PublishedPage, site: Site) -> str:
    """The page's JSON-LD as a `<script>` element for its <head>."""
    text = json.dumps(page_jsonld(page, site), ensure_ascii=False, separators=(",", ":"))
    # No text in the data can close the element or start markup inside it.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'


# What a dose entry of the data file becomes in the structured data: its list, and how to
# build its node for a page (the page's shown entries and its authorities).
_Maker = Callable[[set[str], "_Authorities"], JsonObject]


def _dose_entries(site: Site) -> dict[str, tuple[int, str, _Maker]]:
    """Every dose or strength entry of the data, by data path: (file order, list, maker).
    Made once per site, so each page looks up only the entries it shows."""
    cached = _INDEX.get(id(site))
    if cached is not None and cached[0] is site:
        return cached[1]
    entries: list[tuple[str, str, _Maker]] = []
    for form in site.values.forms.values():
        for strength in form.strengths:
            entries.append((strength.path, "strengths", partial(
                _make_strength, strength.value, strength.unit, form.jurisdiction,
                strength.path)))
        conc = form.concentration
        if conc is not None:
            unit = f"{conc.amount_unit} in {format_number(conc.volume)} mL"
            entries.append((conc.path, "strengths", partial(
                _make_strength, conc.amount, unit, form.jurisdiction, conc.path)))
    for regimen in site.values.regimens.values():
        for intake in [regimen.starting_dose, *(s.intake for s in regimen.titration_steps)]:
            entries.append((intake.dose.path, "schedules", partial(
                _intake, "RecommendedDoseSchedule", intake, regimen)))
        top = regimen.max_daily
        unit, per_day = _split_daily(top.amount.unit)
        entries.append((top.path, "maxima", partial(
            _make_maximum, top.value, unit, per_day, regimen, top.path)))
        if top.given_as is not None:
            entries.append((top.given_as.dose.path, "maxima", partial(
                _intake, "MaximumDoseSchedule", top.given_as, regimen)))
    index = {path: (order, kind, maker) for order, (path, kind, maker) in enumerate(entries)}
    _INDEX.clear()  # one site at a time: a build, or a test
    _INDEX[id(site)] = (site, index)
    return index


_INDEX: dict[int, tuple[Site, dict[str, tuple[int, str, _Maker]]]] = {}


def _make_strength(value: Decimal, unit: str, jurisdiction: str, path: str, shown: set[str],
                   authorities: _Authorities) -> JsonObject:
    return _strength(value, unit, jurisdiction, path)


def _make_maximum(value: Decimal, unit: str, per_day: str | None, regimen: RegimenView,
                  path: str, shown: set[str], authorities: _Authorities) -> JsonObject:
    return _schedule("MaximumDoseSchedule", value, unit, per_day, regimen, path, authorities)


def drug_node(page: PublishedPage, site: Site) -> JsonObject | None:
    """The medicine with the strengths and dose schedules this page shows; None if none."""
    shown = set(page.data_keys)
    index = _dose_entries(site)
    hits = sorted(index[path] for path in shown if path in index)
    lists: dict[str, list[JsonObject]] = {"strengths": [], "schedules": [], "maxima": []}
    authorities = _Authorities(site)
    for _, kind, make in hits:
        lists[kind].append(make(shown, authorities))
    strengths, schedules, maxima = lists["strengths"], lists["schedules"], lists["maxima"]
    values = site.values
    if not (strengths or schedules or maxima):
        return None
    drug: JsonObject = {"@type": "Drug", "name": values.medicine.value,
                        "nonProprietaryName": values.medicine.value}
    if strengths:
        drug["availableStrength"] = strengths
    if schedules:
        drug["doseSchedule"] = schedules
    if maxima:
        drug["maximumIntake"] = maxima
    return drug


class _Authorities:
    """The regulator of each jurisdiction: described in full where a page first names it,
    then referred to by its `@id` (a page with many doses would repeat it many times)."""

    def __init__(self, site: Site) -> None:
        self.names = site.settings.authorities
        self.described: set[str] = set()

    def node(self, jurisdiction: str) -> JsonObject:
        ref = f"#authority-{jurisdiction}"
        if jurisdiction in self.described:
            return {"@id": ref}
        self.described.add(jurisdiction)
        node: JsonObject = {"@id": ref, "@type": "GovernmentOrganization"}
        if jurisdiction in self.names:  # unnamed when the settings do not name it
            node["name"] = self.names[jurisdiction]
        node["areaServed"] = _country(jurisdiction)
        return node


def _intake(kind: str, intake: IntakeView, regimen: RegimenView, shown: set[str],
            authorities: _Authorities) -> JsonObject:
    times_path = f"{intake.path}.times_per_day"
    frequency = times_a_day(intake.times_per_day) if times_path in shown else None
    return _schedule(kind, intake.dose.value, intake.dose.unit, frequency, regimen,
                     intake.dose.path, authorities)


def _schedule(kind: str, value: Decimal, unit: str, frequency: str | None,
              regimen: RegimenView, path: str, authorities: _Authorities) -> JsonObject:
    node: JsonObject = {"@type": kind, "identifier": path, "doseValue": json_number(value),
                        "doseUnit": unit}
    if frequency:
        node["frequency"] = frequency
    node["targetPopulation"] = regimen.population
    node["recognizingAuthority"] = authorities.node(regimen.jurisdiction)
    return node


def _strength(value: Decimal, unit: str, jurisdiction: str, path: str) -> JsonObject:
    return {"@type": "DrugStrength", "identifier": path, "strengthValue": json_number(value),
            "strengthUnit": unit, "availableIn": _country(jurisdiction)}


def _country(jurisdiction: str) -> JsonObject:
    return {"@type": "Country", "name": jurisdiction}


def _citation(source: SourceView) -> JsonObject:
    node: JsonObject = {"@type": "CreativeWork", "name": source.title, "url": source.url,
                        "publisher": {"@type": "Organization", "name": source.publisher}}
    if source.updated:
        node["dateModified"] = source.updated.isoformat()
    return node


def _split_daily(unit: str) -> tuple[str, str | None]:
    """'mg/day' -> ('mg', 'a day'), as the page words it; other units stay whole."""
    amount, per, period = unit.partition("/")
    return (amount, f"a {period}") if per else (unit, None)


@lru_cache(maxsize=4096)  # a site has few distinct numbers; pages show them again and again
def json_number(value: Decimal) -> int | float:
    """A data value as a JSON number: whole numbers as integers (2.50 -> 2.5, 30.0 -> 30)."""
    normal = value.normalize()
    return int(normal) if normal == normal.to_integral_value() else float(normal)
