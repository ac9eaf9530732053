"""The files the built site carries besides its pages: manifest.json, the data export and its
JSON Schema, the sitemap's dates, `_headers`, and each page's feedback link."""

from __future__ import annotations

import gzip
import json
import re
import struct
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup

from helpers import ROOT, html_pages
from medsite.content.frontmatter import PageMeta
from medsite.publish import csp
from medsite.publish.feedback import feedback_link, unknown_placeholders
from medsite.publish.headers import LONG_CACHE, MAX_RULES, SHORT_CACHE, Rule, parse_headers
from medsite.settings import Feedback, SiteSettings
from publish_fixture import (
    CONTACT_PAGE,
    CONTACT_REVIEWED,
    DRAFT_PAGE,
    build_project,
    fixture_data,
    make_project,
)

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("files") / "project")


@pytest.fixture(scope="module")
def fixture_site(project: Path) -> Path:
    return build_project(project, project.parent / "site")


def front_matter(page: Path) -> dict[str, Any]:
    front: dict[str, Any] = yaml.safe_load(page.read_text(encoding="utf-8").split("---")[1])
    return front


def page_facts(site: Path, page: Path) -> dict[str, Any]:
    """What a built page says about itself in its HTML."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    description = soup.find("meta", attrs={"name": "description"})
    folder = page.parent.relative_to(site).as_posix()
    return {"url": "" if folder == "." else f"{folder}/",
            "description": description.get("content") if description else None,
            "h1": soup.h1.get_text(" ", strip=True) if soup.h1 else None}


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


# ---- manifest.json ---------------------------------------------------------------------------

def check_manifest(site: Path, docs: Path) -> list[str]:
    """The manifest against the built pages and their front matter."""
    manifest = read_json(site / "manifest.json")
    problems = []
    listed = {page["url"]: page for page in manifest["pages"]}
    built = {page_facts(site, page)["url"]: page for page in html_pages(site)}
    if sorted(listed) != sorted(built):
        problems.append(f"manifest lists {sorted(listed)}, the site has {sorted(built)}")
    for url, entry in listed.items():
        if url not in built:
            continue
        facts = page_facts(site, built[url])
        source = docs / (f"{url}index.md" if url == "" else f"{url.rstrip('/')}.md")
        front = front_matter(source)
        expected = {"description": facts["description"], "title": front["title"],
                    "type": front["type"], "last_reviewed": str(front["last_reviewed"]),
                    "next_review": str(front["next_review"]),
                    "reviewed_by": front["reviewed_by"],
                    "canonical_url": f"{manifest['site']['url']}{url}"}
        for key, value in expected.items():
            if entry[key] != value:
                problems.append(f"{url}: {key} is {entry[key]!r}, the page says {value!r}")
        if not set(front["sources"]) <= {s["key"] for s in entry["sources"]}:
            problems.append(f"{url}: sources {entry['sources']} miss {front['sources']}")
        jsonld = BeautifulSoup(built[url].read_text(encoding="utf-8"), "html.parser").find(
            "script", attrs={"type": "application/ld+json"})
        marked = set(re.findall(r'"identifier":"([^"]+)"', jsonld.get_text() if jsonld else ""))
        if not marked <= set(entry["data_keys"]):
            problems.append(f"{url}: JSON-LD values {marked - set(entry['data_keys'])} are "
                            "not among its data keys")
    return problems


def test_manifest_lists_every_built_page_as_the_page_describes_itself(
        fixture_site: Path, project: Path) -> None:
    assert check_manifest(fixture_site, project.parent / "content") == []


def test_manifest_gives_the_data_keys_a_page_shows_in_page_order(fixture_site: Path) -> None:
    pages = {page["url"]: page for page in read_json(fixture_site / "manifest.json")["pages"]}
    assert pages[""]["data_keys"] == [
        "regimens.adults.starting_dose.dose", "regimens.adults.starting_dose.times_per_day",
        "regimens.adults.max_daily", "contacts.helpline"]
    assert pages["about/contact/"]["data_keys"] == []
    assert [s["key"] for s in pages["about/contact/"]["sources"]] == ["guide"]


def test_drafts_are_in_no_published_file(fixture_site: Path) -> None:
    draft_url = DRAFT_PAGE.removesuffix(".md") + "/"
    manifest = read_json(fixture_site / "manifest.json")
    assert draft_url not in [page["url"] for page in manifest["pages"]]
    assert not (fixture_site / draft_url).exists()
    assert draft_url not in (fixture_site / "sitemap.xml").read_text(encoding="utf-8")
    assert draft_url not in (fixture_site / "_headers").read_text(encoding="utf-8")


def test_manifest_points_at_the_data_export_and_its_schema(fixture_site: Path) -> None:
    manifest = read_json(fixture_site / "manifest.json")
    assert manifest["data"] == {"export": "data/dosing.json",
                                "schema": "data/dosing.schema.json"}
    assert manifest["site"] == {"url": "http://127.0.0.1:8000/", "medicine": "examplofen",
                                "language": "en-US", "edition": "US"}


# ---- the data export -------------------------------------------------------------------------

def test_data_export_follows_its_published_json_schema(fixture_site: Path) -> None:
    schema = read_json(fixture_site / "data" / "dosing.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(
        read_json(fixture_site / "data" / "dosing.json")))
    assert [error.message for error in errors] == []


def test_data_export_schema_is_the_committed_data_schema(fixture_site: Path,
                                                         project: Path) -> None:
    assert (fixture_site / "data" / "dosing.schema.json").read_bytes() == \
        (project.parent / "data" / "dosing.schema.json").read_bytes()


def as_decimals(value: Any) -> Any:
    """A YAML or JSON document with every number as a Decimal, dates as text."""
    if isinstance(value, dict):
        return {key: as_decimals(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_decimals(item) for item in value]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Decimal(str(value))
    if isinstance(value, date):
        return value.isoformat()
    return value


def without_empty(value: Any) -> Any:
    """A document without the keys the export adds as null, [] or the model's defaults."""
    if isinstance(value, dict):
        return {key: without_empty(item) for key, item in value.items()
                if item not in (None, [], {}, False)}
    if isinstance(value, list):
        return [without_empty(item) for item in value]
    return value


def test_data_export_holds_every_value_of_the_data_file(fixture_site: Path) -> None:
    exported = as_decimals(read_json(fixture_site / "data" / "dosing.json"))
    assert without_empty(exported) == without_empty(as_decimals(fixture_data()))
    assert exported["regimens"]["adults"]["max_daily"]["value"] == Decimal(30)


def test_data_export_writes_numbers_as_json_numbers(fixture_site: Path) -> None:
    exported = read_json(fixture_site / "data" / "dosing.json")
    strengths = exported["forms"]["tablets"]["strengths"]
    assert strengths == [2.5, 10] and [type(s) for s in strengths] == [float, int]
    assert exported["forms"]["tablets"]["checked"] == "2026-11-20"


# ---- sitemap ---------------------------------------------------------------------------------

def sitemap_dates(site: Path) -> dict[str, str | None]:
    root = ET.fromstring((site / "sitemap.xml").read_bytes())
    return {(entry.findtext(f"{SITEMAP}loc") or ""): entry.findtext(f"{SITEMAP}lastmod")
            for entry in root.iter(f"{SITEMAP}url")}


def test_sitemap_dates_are_each_pages_last_review(fixture_site: Path) -> None:
    assert sitemap_dates(fixture_site) == {
        "http://127.0.0.1:8000/": "2026-11-25", "http://127.0.0.1:8000/dosing/": "2026-11-25",
        "http://127.0.0.1:8000/about/sources/": "2026-11-25",
        f"http://127.0.0.1:8000/{CONTACT_PAGE.removesuffix('.md')}/": CONTACT_REVIEWED}


def test_gzipped_sitemap_is_the_sitemap_dated_by_its_newest_review(fixture_site: Path) -> None:
    packed = (fixture_site / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(packed) == (fixture_site / "sitemap.xml").read_bytes()
    (mtime,) = struct.unpack("<I", packed[4:8])
    assert date.fromtimestamp(mtime) in (date(2026, 11, 25), date(2026, 11, 24))
    assert packed[10:22] == b"sitemap.xml\x00"


def test_real_sitemap_dates_are_the_pages_own(built_site: Path) -> None:
    manifest = read_json(built_site / "manifest.json")
    assert sitemap_dates(built_site) == {page["canonical_url"]: page["last_reviewed"]
                                         for page in manifest["pages"]}


# ---- _headers --------------------------------------------------------------------------------

def header(rules: list[Rule], pattern: str, name: str) -> str | None:
    for rule in rules:
        if rule.pattern == pattern:
            return dict(rule.headers).get(name)
    return None


def page_policies(site: Path) -> dict[str, str]:
    found = {}
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        meta = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        found[page.relative_to(site).as_posix()] = str(meta["content"]) if meta else ""
    return found


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def check_headers(site: Path) -> list[str]:
    """`_headers` against the built site: well formed, the pages' policy, sane caching."""
    rules = parse_headers((site / "_headers").read_text(encoding="utf-8"))
    problems = []
    policy = header(rules, "/*", "Content-Security-Policy") or ""
    ours = directives(policy)
    hashes: set[str] = set()
    for page, meta_policy in page_policies(site).items():
        runs = set(csp.script_hashes((site / page).read_text(encoding="utf-8")))
        hashes |= runs
        if not runs <= set(ours["script-src"]):
            problems.append(f"{page}: runs scripts _headers' policy does not allow")
        if not meta_policy:
            continue  # MkDocs' 404.html gets no page events, so no <meta> policy of its own
        page_directives = directives(meta_policy)
        if {k: v for k, v in ours.items() if k != "script-src"} != \
                {k: v for k, v in page_directives.items() if k != "script-src"}:
            problems.append(f"{page}: its policy's directives differ from _headers'")
        if set(page_directives["script-src"]) != {"'self'", *runs}:
            problems.append(f"{page}: its own policy is not 'self' and its scripts' hashes")
    if policy != csp.policy(sorted(hashes)):
        problems.append("_headers' policy is not csp.policy() with the pages' hashes")
    for name, value in [("X-Content-Type-Options", "nosniff"),
                        ("Referrer-Policy", "no-referrer")]:
        if header(rules, "/*", name) != value:
            problems.append(f"/* does not send {name}: {value}")
    if not header(rules, "/*", "Permissions-Policy"):
        problems.append("/* sends no Permissions-Policy")
    if header(rules, "/*", "Cache-Control"):
        problems.append("/* sets Cache-Control, which both hosts join with the other rules'")
    for path in site.rglob("*.min.*"):
        if not re.search(r"\.[0-9a-f]{8}\.min\.", path.name):
            continue  # named without its content's hash: revalidated, not cached long
        pattern = f"/{path.relative_to(site).as_posix()}"
        if header(rules, pattern, "Cache-Control") != LONG_CACHE:
            problems.append(f"{pattern}: fingerprinted, but not cached long")
    if len(rules) <= MAX_RULES:
        for built in html_pages(site):
            folder = built.parent.relative_to(site).as_posix()
            pattern = "/" if folder == "." else f"/{folder}/"
            if header(rules, pattern, "Cache-Control") != SHORT_CACHE:
                problems.append(f"{pattern}: a page, but not revalidated at each visit")
    if len(rules) > MAX_RULES:
        problems.append(f"{len(rules)} rules; Cloudflare Pages reads {MAX_RULES}")
    patterns = [rule.pattern for rule in rules]
    if len(patterns) != len(set(patterns)):
        problems.append("a pattern has two rules")
    return problems


def test_headers_file_agrees_with_the_built_pages(fixture_site: Path) -> None:
    assert check_headers(fixture_site) == []


def test_headers_file_is_well_formed() -> None:
    with pytest.raises(ValueError, match="line 2: expected an indented 'Name: value'"):
        parse_headers("/*\n  X-Frame-Options DENY\n")
    with pytest.raises(ValueError, match="line 1: a rule starts with a path"):
        parse_headers("X-Frame-Options: DENY\n")


def test_real_headers_file_agrees_with_the_built_pages(built_site: Path) -> None:
    assert check_headers(built_site) == []


def test_real_manifest_agrees_with_the_built_pages(built_site: Path) -> None:
    assert check_manifest(built_site, ROOT / "content") == []


# ---- feedback link ---------------------------------------------------------------------------

def feedback_href(page: Path) -> str | None:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    link = soup.select_one("aside.page-review .page-feedback a")
    return str(link["href"]) if link else None


def test_every_page_has_a_feedback_link_filled_in_with_the_page(fixture_site: Path,
                                                                 project: Path) -> None:
    found = {}
    for page in html_pages(fixture_site):
        href = feedback_href(page)
        assert href is not None, page
        query = parse_qs(urlsplit(href).query)
        found[page.relative_to(fixture_site).as_posix()] = (query["subject"], query["body"])
    assert found["dosing/index.html"] == (
        ["Mistake on Dosing"], ["http://127.0.0.1:8000/dosing/ (reviewed 2026-11-25)"])
    assert found["about/contact/index.html"] == (
        ["Mistake on Contact"],
        [f"http://127.0.0.1:8000/about/contact/ (reviewed {CONTACT_REVIEWED})"])


@pytest.mark.parametrize(("template", "expected"), [
    ("mailto:a@example.org?subject={title}&body={url}",
     "mailto:a@example.org?subject=Dose%20%26%20timing%3F&body=https%3A%2F%2Fx.org%2Fdose%2F"),
    ("https://tracker.example.org/new?title=Mistake:%20{title}&reviewed={last_reviewed}",
     "https://tracker.example.org/new?title=Mistake:%20Dose%20%26%20timing%3F"
     "&reviewed=2026-11-25"),
    ("mailto:a@example.org?subject={titel}", "mailto:a@example.org?subject={titel}"),
])
def test_feedback_placeholders_are_filled_in_url_encoded(template: str, expected: str) -> None:
    meta = PageMeta(title="Dose & timing?", type="about", sources=["label"],
                    last_reviewed=date(2026, 11, 25),
                    description="A page with characters a web address must encode safely.")
    settings = SiteSettings(feedback=Feedback(url=template))
    assert feedback_link(settings, meta, "https://x.org/dose/") == expected


def test_no_feedback_link_without_a_feedback_address() -> None:
    meta = PageMeta(title="Dose", type="about", sources=["label"],
                    description="A page of a site that has not set a feedback address yet.")
    assert feedback_link(SiteSettings(), meta, "https://x.org/dose/") is None


def test_real_feedback_address_uses_only_known_placeholders() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    template = re.search(r"^\s+url: \"(mailto:[^\"]+)\"", config, re.MULTILINE)
    assert template is not None
    assert unknown_placeholders(template.group(1)) == []
    assert "{url}" in template.group(1) and "{title}" in template.group(1)


def test_real_pages_each_have_a_feedback_link(built_site: Path) -> None:
    assert [page.relative_to(built_site).as_posix() for page in html_pages(built_site)
            if not (feedback_href(page) or "").startswith("mailto:")] == []
