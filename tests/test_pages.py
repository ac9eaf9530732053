"""Rendering a page's data references, and the exact `file:line` errors editors see."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES
from medsite.errors import ContentError
from medsite.load import load_dosing_data
from medsite.pages import render_page
from medsite.site import check_and_render
from medsite.values import SiteValues, build_values


@pytest.fixture(scope="module")
def values() -> SiteValues:
    return build_values(load_dosing_data(FIXTURES / "dosing.yml"))


def render(text: str, values: SiteValues, offset: int = 0) -> str:
    return render_page(text, values, page="content/p.md", sources_href="../about/sources/",
                       line_offset=offset)


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("Start on {{ regimens.adults.starting_dose }}.", "Start on 2.5 mg twice a day."),
        ("At most {{ regimens.adults.max_daily }}.", "At most 30 mg a day."),
        ("Call {{ contacts.helpline }}.", "Call 1-800-000-0000."),
        ("Wait {{ facts.window }}.", "Wait 1 hour."),
        ("No references at all.", "No references at all."),
        ("## Heading {#custom-id}\n", "## Heading {#custom-id}\n"),
    ],
)
def test_references_are_replaced_by_values(values: SiteValues, markdown: str,
                                           expected: str) -> None:
    assert render(markdown, values) == expected


def test_cite_links_the_value_to_its_source(values: SiteValues) -> None:
    html = render("{{ cite(regimens.adults.taper) }}", values)
    link = BeautifulSoup(html, "html.parser").select_one("sup.cite a")
    assert html.startswith("1 to 3 weeks<sup")
    assert link is not None
    assert (link["href"], link.get_text()) == ("../about/sources/#src-guide", "Example guide")


@pytest.mark.parametrize(
    ("markdown", "message"),
    [
        pytest.param("line one\n{{ regimens.adults.max_daly }}",
                     "content/p.md:7: unknown data name 'max_daly' in 'regimens.adults' "
                     "(did you mean 'max_daily'?)", id="misspelt-attribute"),
        pytest.param("{{ regimens.adult.max_daily }}",
                     "content/p.md:6: unknown data name 'adult' in 'regimens' "
                     "(did you mean 'adults'?)", id="unknown-regimen"),
        pytest.param("a\nb\n{{ regimen }}",
                     "content/p.md:8: unknown data name 'regimen' (did you mean 'regimens'?)",
                     id="unknown-top-name"),
        pytest.param("{{ facts.nothing_like_it }}",
                     "content/p.md:6: unknown data name 'nothing_like_it' in 'facts'",
                     id="unknown-fact"),
        pytest.param("{% if %}",
                     "content/p.md:6: template syntax error: Expected an expression, got 'end "
                     "of statement block'", id="syntax-error"),
        pytest.param("{{ regimens.adults.step_length }}",
                     "content/p.md:6: cannot render this reference: regimens.adults: the steps "
                     "differ in length, so there is no one step", id="derived-value-undefined"),
        pytest.param("{{ cite(edition) }}",
                     "content/p.md:6: cannot render this reference: 'US' has no source to cite",
                     id="cite-without-source"),
    ],
)
def test_bad_reference_names_file_line_and_name(values: SiteValues, markdown: str,
                                                message: str) -> None:
    with pytest.raises(ContentError) as caught:
        render(markdown, values, offset=5)
    assert str(caught.value) == message


FRONT = """---
title: A page
description: A description long enough to pass the fifty character minimum rule.
type: dosing
last_reviewed: 2026-11-25
next_review: 2027-11-25
sources: [label]
---

"""


def test_page_is_checked_then_rendered(values: SiteValues) -> None:
    page = check_and_render(FRONT + "Take {{ regimens.adults.starting_dose }}.\n", values,
                            page="content/p.md", sources_href="")
    assert page.meta.title == "A page"
    assert page.markdown == "Take 2.5 mg twice a day.\n"


def test_typed_dose_is_refused_at_its_line(values: SiteValues) -> None:
    with pytest.raises(ContentError) as caught:
        check_and_render(FRONT + "Fine line.\nTake 5 mg.\n", values, page="content/p.md",
                         sources_href="")
    assert str(caught.value) == (
        "content/p.md:11: dose number typed into the page: '5 mg'; take it from the data file "
        "instead, e.g. {{ regimens.adults.max_daily }}"
    )


def test_reference_errors_count_front_matter_lines(values: SiteValues) -> None:
    with pytest.raises(ContentError, match=r"^content/p.md:11: unknown data name 'nope'"):
        check_and_render(FRONT + "Fine line.\n{{ nope }}\n", values, page="content/p.md",
                         sources_href="")
