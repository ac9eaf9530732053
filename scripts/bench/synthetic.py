"""A synthetic site of any size on the real engine: generated data file, pages and config.

The data has one regimen per two pages (many conditions, each with its own schedule), valid
under `medsite.model`; each page shows values, a citation and a titration table from it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from builds import project_config, write_config

_FRONT = """---
title: {title}
description: {description}
type: {type}
last_reviewed: 2026-11-25
next_review: 2027-11-25
sources: [{source}]
---

"""

_CONDITION = """# {title}

This page is about {title_lower}. It tells you how the dose usually starts, how it is built
up, and the most you should take in a day. Always follow your own prescription label.

## How the dose starts

You usually start on {{{{ regimens.{key}.starting_dose }}}}. The dose goes up by
{{{{ regimens.{key}.step_rise }}}} every {{{{ regimens.{key}.step_length }}}}.

{{{{ titration_table(regimens.{key}) }}}}

## The most you can take

The most you should take in a day is {{{{ cite(regimens.{key}.max_daily) }}}}.
"""

SOURCES = 10


def dosing_data(regimens: int) -> dict[str, Any]:
    """A data file with `regimens` regimens and a few sources, valid under the model."""
    sources = {
        f"source_{n}": {
            "title": f"Synthetic label number {n}", "short": f"Label {n}",
            "publisher": "Benchmark fixture", "url": f"https://example.org/label/{n}",
            "jurisdiction": "US", "tier": 1, "accessed": "2026-11-25",
        }
        for n in range(SOURCES)
    }
    return {
        "edition": "US",
        "medicine": {"name": "baclofen", "brand_names": ["Lioresal"]},
        "sources": sources,
        "forms": {"tablets": {
            "name": "Tablets", "kind": "tablet", "jurisdiction": "US", "source": "source_0",
            "section": "How supplied", "strengths": [5, 10, 20], "strength_unit": "mg",
        }},
        "regimens": {_regimen_key(n): _regimen(n) for n in range(regimens)},
        "contacts": {"emergency": {"name": "Emergency services", "phone": "911",
                                   "source": "source_0", "section": "Home page"}},
    }


def _regimen_key(n: int) -> str:
    return f"condition_{n:05d}"


def _regimen(n: int) -> dict[str, Any]:
    steps = 2 + n % 3
    return {
        "population": f"Adults with condition {n}", "jurisdiction": "US", "route": "oral",
        "dose_unit": "mg", "source": f"source_{n % SOURCES}", "section": f"Section {n}",
        "starting_dose": {"dose": 5, "times_per_day": 3},
        "titration_steps": [{"dose": 5 * (i + 1), "times_per_day": 3, "days": 3 + n % 4}
                            for i in range(steps)],
        "maintenance": {"low": 40, "high": 80, "unit": "mg/day"},
        "max_daily": {"value": 80, "unit": "mg/day", "given_as": {"dose": 20, "times_per_day": 4}},
    }


def write_site(folder: Path, pages: int) -> Path:
    """Write a site of `pages` pages (home, sources, conditions) into `folder`; return its config.

    The nav lists only home and sources: Material renders the whole nav into every page,
    so a 5,000-entry nav would measure the theme, not the engine.
    """
    docs = folder / "content"
    (docs / "about").mkdir(parents=True, exist_ok=True)
    (docs / "conditions").mkdir(exist_ok=True)
    regimens = max(1, pages // 2)
    data_file = folder / "data" / "dosing.yml"
    data_file.parent.mkdir(exist_ok=True)
    data_file.write_text(yaml.safe_dump(dosing_data(regimens), sort_keys=False),
                         encoding="utf-8")
    description = "A synthetic page for the benchmark, with doses taken from the data file."
    (docs / "index.md").write_text(
        _FRONT.format(title="Synthetic site", description=description, type="home",
                      source="source_0") + "# Synthetic site\n\nConditions are listed in "
        "the search.\n", encoding="utf-8")
    (docs / "about" / "sources.md").write_text(
        _FRONT.format(title="Sources", description=description, type="about",
                      source="source_0") + "# Sources\n\n{{ sources_list() }}\n",
        encoding="utf-8")
    for n in range(pages - 2):
        key = _regimen_key(n % regimens)
        title = f"Condition {n}"
        (docs / "conditions" / f"condition-{n:05d}.md").write_text(
            _FRONT.format(title=title, description=description, type="condition",
                          source=f"source_{n % SOURCES}")
            + _CONDITION.format(title=title, title_lower=title.lower(), key=key),
            encoding="utf-8")
    config = project_config()
    config["docs_dir"] = str(docs)
    config["extra"]["medsite"]["data"] = str(data_file)
    config["extra"]["medsite"]["sources_page"] = "about/sources.md"
    config["nav"] = [{"Home": "index.md"}, {"Sources": "about/sources.md"}]
    config["validation"] = {**config.get("validation", {}), "omitted_files": "info"}
    config["watch"] = []
    return write_config(config, folder / "mkdocs.yml")
