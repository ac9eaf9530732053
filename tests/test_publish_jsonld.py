"""Every page's JSON-LD: it parses, follows schema.org's vocabulary, and every number in it
is the data file's value and shows in the page's own text.

The vocabulary is the part of schema.org release 30.0 the JSON-LD uses, kept in
tests/fixtures/schemaorg/ (make_vocabulary.py there says how it was cut); nothing is fetched.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from helpers import FIXTURES, ROOT, html_pages
from medsite.content.frontmatter import PageMeta
from medsite.content.pipeline import Site
from medsite.data.load import load_data
from medsite.publish.jsonld import page_jsonld, page_script
from medsite.publish.pages import PublishedPage
from medsite.render.markers import ShownValue
from medsite.settings import SiteSettings
from publish_fixture import (
    AUTHORITIES,
    CONTACT_PAGE,
    build_project,
    fixture_data,
    make_project,
)

VOCABULARY: dict[str, Any] = json.loads(
    (FIXTURES / "schemaorg" / "vocabulary.json").read_text(encoding="utf-8"))
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_INDEX = re.compile(r"^(\w+)\[(\d+)\]$")


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("jsonld")
    return build_project(make_project(folder / "project"), folder / "site")


# ---- reading the built pages -----------------------------------------------------------------

def jsonld_blocks(page: Path) -> list[Any]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [json.loads(tag.get_text()) for tag in
            soup.find_all("script", attrs={"type": "application/ld+json"})]


def page_jsonld_of(site: Path, url: str) -> dict[str, Any]:
    blocks = jsonld_blocks(site / url / "index.html")
    assert len(blocks) == 1
    block: dict[str, Any] = blocks[0]
    return block


def body_numbers(page: Path) -> set[Decimal]:
    """Every number a reader sees in the page's content (not its head, menus or footer)."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.md-content__inner")
    assert article is not None
    return {Decimal(n.replace(",", "")) for n in _NUMBER.findall(article.get_text(" "))}


def nodes(value: Any) -> Iterator[dict[str, Any]]:
    """Every JSON object in a JSON-LD tree, outermost first."""
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from nodes(item)
    elif isinstance(value, list):
        for item in value:
            yield from nodes(item)


def numbers_in(node: dict[str, Any]) -> dict[str, int | float]:
    return {key: value for key, value in node.items()
            if isinstance(value, int | float) and not isinstance(value, bool)}


def data_value(data: dict[str, Any], path: str) -> Decimal:
    """The number a data key names, read from the YAML itself (not through the engine)."""
    here: Any = data
    for part in path.split("."):
        match = _INDEX.match(part)
        here = here[match.group(1)][int(match.group(2))] if match else here[part]
    if isinstance(here, dict):
        here = here["value"] if "value" in here else here["amount"]
    return Decimal(str(here))


# ---- schema.org vocabulary -------------------------------------------------------------------

def ancestors(type_name: str) -> set[str]:
    found, waiting = set(), [type_name]
    while waiting:
        name = waiting.pop()
        if name not in found:
            found.add(name)
            waiting += VOCABULARY["types"][name]["parents"]
    return found


def vocabulary_problems(document: dict[str, Any]) -> list[str]:
    """What in a JSON-LD document does not follow the vocabulary (empty when it all does)."""
    problems: list[str] = []
    if document.get("@context") != "https://schema.org":
        problems.append(f"@context is {document.get('@context')!r}, not https://schema.org")
    described = {node["@id"]: node["@type"] for node in nodes(document)
                 if "@id" in node and "@type" in node}

    def type_of(node: dict[str, Any], where: str) -> str | None:
        kind = node.get("@type") or described.get(node.get("@id", ""))
        if kind is None:
            problems.append(f"{where}: no @type, and no node it refers to")
        elif kind not in VOCABULARY["types"]:
            problems.append(f"{where}: unknown type {kind!r}")
            return None
        return kind

    def check_value(value: Any, ranges: set[str], where: str) -> None:
        if isinstance(value, dict):
            kind = type_of(value, where)
            if kind and not ancestors(kind) & ranges:
                problems.append(f"{where}: a {kind} where {sorted(ranges)} is expected")
            if set(value) - {"@id"}:
                check_node(value, where)
        elif isinstance(value, bool):
            if "Boolean" not in ranges:
                problems.append(f"{where}: a boolean where {sorted(ranges)} is expected")
        elif isinstance(value, int | float):
            if not {"Number", "Float"} & ranges and not (isinstance(value, int)
                                                          and "Integer" in ranges):
                problems.append(f"{where}: a number where {sorted(ranges)} is expected")
        elif isinstance(value, str):
            check_text(value, ranges, where)
        else:
            problems.append(f"{where}: {value!r} is not a JSON-LD value")

    def check_text(value: str, ranges: set[str], where: str) -> None:
        term = value.removeprefix("https://schema.org/")
        if term != value and term in VOCABULARY["types"] and ancestors(term) & ranges:
            return  # a reference to a schema.org type, as schema.org's own examples use
        if ranges & {"Date", "DateTime"} and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            date.fromisoformat(value)
            return
        if "URL" in ranges and re.match(r"https?://", value):
            return
        if not ranges & {"Text", "URL", "Language"} or ranges <= {"URL"}:
            problems.append(f"{where}: text {value!r} where {sorted(ranges)} is expected")

    def check_node(node: dict[str, Any], where: str) -> None:
        kind = type_of(node, where)
        for key, value in node.items():
            if key.startswith("@"):
                continue
            prop = VOCABULARY["properties"].get(key)
            if prop is None:
                problems.append(f"{where}.{key}: unknown property")
                continue
            if kind and not ancestors(kind) & set(prop["domains"]):
                problems.append(f"{where}.{key}: not a property of {kind}")
            for item in value if isinstance(value, list) else [value]:
                check_value(item, set(prop["ranges"]), f"{where}.{key}")

    check_node(document, document.get("@type", "?"))
    return problems


@pytest.mark.parametrize(("document", "problem"), [
    ({"@type": "Medicine"}, "unknown type 'Medicine'"),
    ({"@type": "MedicalWebPage", "doseValue": 5}, "doseValue: not a property of MedicalWebPage"),
    ({"@type": "MaximumDoseSchedule", "doseValue": "100 mg"}, "text '100 mg' where"),
    ({"@type": "MedicalWebPage", "lastReviewed": "25 November"}, "text '25 November' where"),
    ({"@type": "MedicalWebPage", "reviewedBy": {"@type": "Country", "name": "US"}},
     "a Country where ['Organization', 'Person'] is expected"),
    ({"@type": "Drug", "dosage": "5 mg"}, "dosage: unknown property"),
])
def test_vocabulary_check_finds_what_schema_org_does_not_allow(document: dict[str, Any],
                                                                problem: str) -> None:
    found = vocabulary_problems({"@context": "https://schema.org", **document})
    assert any(problem in line for line in found), found


def test_vocabulary_check_accepts_a_page_written_as_schema_org_documents_it() -> None:
    page = {"@context": "https://schema.org", "@type": "MedicalWebPage", "name": "Beta-blockers",
            "audience": "https://schema.org/Patient", "lastReviewed": "2011-09-14",
            "about": {"@type": "Drug", "nonProprietaryName": "atenolol"}}
    assert vocabulary_problems(page) == []


# ---- the fixture site ------------------------------------------------------------------------

def test_every_page_has_one_jsonld_block_that_parses(fixture_site: Path) -> None:
    counts = {page.relative_to(fixture_site).as_posix(): len(jsonld_blocks(page))
              for page in html_pages(fixture_site)}
    assert counts == {"index.html": 1, "dosing/index.html": 1, "about/sources/index.html": 1,
                      "about/contact/index.html": 1}


def test_every_page_follows_the_schema_org_vocabulary(fixture_site: Path) -> None:
    problems = {page.relative_to(fixture_site).as_posix(): vocabulary_problems(block)
                for page in html_pages(fixture_site) for block in jsonld_blocks(page)}
    assert {page: found for page, found in problems.items() if found} == {}


def test_page_is_described_from_its_front_matter(fixture_site: Path) -> None:
    node = page_jsonld_of(fixture_site, "dosing")
    assert {key: node[key] for key in ("@type", "name", "url", "inLanguage", "audience",
                                       "lastReviewed", "reviewedBy")} == {
        "@type": "MedicalWebPage", "name": "Dosing", "url": "http://127.0.0.1:8000/dosing/",
        "inLanguage": "en-US", "audience": "https://schema.org/Patient",
        "lastReviewed": "2026-11-25", "reviewedBy": {"@type": "Person",
                                                     "name": "Fixture reviewer"}}
    assert node["description"].startswith("A fixture dosing page")
    assert [(c["name"], c["url"]) for c in node["citation"]] == [
        ("Example label", "https://example.org/label"),
        ("Example guide", "https://example.org/guide")]


def test_dosing_page_is_about_the_drug_with_exactly_the_values_it_shows(
        fixture_site: Path) -> None:
    drug = page_jsonld_of(fixture_site, "dosing")["about"]
    assert drug["@type"] == "Drug" and drug["name"] == "examplofen"
    assert [(s["identifier"], s["strengthValue"], s["strengthUnit"])
            for s in drug["availableStrength"]] == [
        ("forms.tablets.strengths[0]", 2.5, "mg"), ("forms.tablets.strengths[1]", 10, "mg"),
        ("forms.liquid.concentration", 5, "mg in 2 mL")]
    assert [(s["@type"], s["identifier"], s["doseValue"], s["doseUnit"], s["frequency"])
            for s in drug["doseSchedule"]] == [
        ("RecommendedDoseSchedule", f"regimens.adults.titration_steps[{i}].dose", dose, "mg",
         "twice a day") for i, dose in enumerate([2.5, 5, 10])]
    assert [(s["@type"], s["identifier"], s["doseValue"], s["doseUnit"], s["frequency"])
            for s in drug["maximumIntake"]] == [
        ("MaximumDoseSchedule", "regimens.adults.max_daily", 30, "mg", "a day")]


def test_a_dose_schedule_names_its_jurisdiction_and_regulator(fixture_site: Path) -> None:
    drug = page_jsonld_of(fixture_site, "dosing")["about"]
    authorities = [s["recognizingAuthority"] for s in
                   drug["doseSchedule"] + drug["maximumIntake"]]
    assert authorities[0] == {"@id": "#authority-US", "@type": "GovernmentOrganization",
                              "name": AUTHORITIES["US"],
                              "areaServed": {"@type": "Country", "name": "US"}}
    assert authorities[1:] == [{"@id": "#authority-US"}] * (len(authorities) - 1)
    assert {s["availableIn"]["name"] for s in drug["availableStrength"]} == {"US"}


def test_home_page_marks_up_the_starting_dose_and_maximum_it_shows(fixture_site: Path) -> None:
    drug = page_jsonld_of(fixture_site, "")["about"]
    assert "availableStrength" not in drug
    assert [(s["identifier"], s["doseValue"], s["frequency"]) for s in drug["doseSchedule"]] \
        == [("regimens.adults.starting_dose.dose", 2.5, "twice a day")]
    assert [s["identifier"] for s in drug["maximumIntake"]] == ["regimens.adults.max_daily"]


def test_a_page_without_doses_is_about_no_drug(fixture_site: Path) -> None:
    node = page_jsonld_of(fixture_site, CONTACT_PAGE.removesuffix(".md"))
    assert "about" not in node
    assert node["lastReviewed"] == "2026-10-01"


def check_numbers(site: Path, data: dict[str, Any]) -> list[str]:
    """Every JSON-LD number against the data file and the page's visible text."""
    problems = []
    for page in html_pages(site):
        name = page.relative_to(site).as_posix()
        seen = body_numbers(page)
        for block in jsonld_blocks(page):
            for node in nodes(block):
                for key, number in numbers_in(node).items():
                    if "identifier" not in node:
                        problems.append(f"{name}: {key} {number} names no data entry")
                        continue
                    expected = data_value(data, node["identifier"])
                    if Decimal(str(number)) != expected:
                        problems.append(f"{name}: {node['identifier']} is {number} in the "
                                        f"JSON-LD, {expected} in the data file")
                    if Decimal(str(number)) not in seen:
                        problems.append(f"{name}: {number} ({node['identifier']}) is not in "
                                        "the page's text")
    return problems


def test_every_number_is_the_data_value_and_shows_on_its_page(fixture_site: Path) -> None:
    assert check_numbers(fixture_site, fixture_data()) == []


def test_number_check_catches_a_number_that_is_not_the_data_value(fixture_site: Path) -> None:
    data = fixture_data()
    data["regimens"]["adults"]["max_daily"]["value"] = 35
    assert "dosing/index.html: regimens.adults.max_daily is 30 in the JSON-LD, 35 in the " \
        "data file" in check_numbers(fixture_site, data)


# ---- the engine's output, directly ----------------------------------------------------------

def fixture_site_state() -> Site:
    settings = SiteSettings(data_file="data/dosing.yml", authorities=AUTHORITIES)
    data = load_data(FIXTURES / "dosing.yml", "data/dosing.yml", settings, date(2026, 11, 27))
    return Site(settings, data, date(2026, 11, 27))


def test_page_text_cannot_close_the_script_element() -> None:
    meta = PageMeta(title="Doses </script><script>alert(1)</script>",
                    description="A page whose title tries to end the JSON-LD script early.",
                    type="about", sources=["label"])
    page = PublishedPage("about/x.md", "about/x/", "", meta, ())
    script = page_script(page, fixture_site_state())
    inner = script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in inner and ">" not in inner
    assert json.loads(inner) == page_jsonld(page, fixture_site_state())


def test_an_unnamed_regulator_still_gives_its_jurisdiction() -> None:
    site = fixture_site_state()
    site.settings = SiteSettings(data_file="data/dosing.yml")
    meta = PageMeta(title="Most", type="about", sources=["label"],
                    description="A page that shows the most in a day, and nothing more.")
    shown = ShownValue("regimens.adults.max_daily", ("regimens.adults.max_daily",),
                       "30 mg a day")
    page = PublishedPage("about/x.md", "about/x/", "", meta, (shown,))
    authority = page_jsonld(page, site)["about"]["maximumIntake"][0]["recognizingAuthority"]
    assert authority == {"@id": "#authority-US", "@type": "GovernmentOrganization",
                         "areaServed": {"@type": "Country", "name": "US"}}


# ---- the real site ---------------------------------------------------------------------------

def test_real_site_jsonld_follows_the_vocabulary(built_site: Path) -> None:
    problems = {page.relative_to(built_site).as_posix(): vocabulary_problems(block)
                for page in html_pages(built_site) for block in jsonld_blocks(page)}
    assert {page: found for page, found in problems.items() if found} == {}
    assert all(len(jsonld_blocks(page)) == 1 for page in html_pages(built_site))


def test_real_site_numbers_are_data_values_shown_on_their_pages(built_site: Path) -> None:
    data = yaml.safe_load((ROOT / "data" / "dosing.yml").read_text(encoding="utf-8"))
    assert check_numbers(built_site, data) == []
