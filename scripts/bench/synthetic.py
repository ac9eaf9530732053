"""A synthetic site of any size on the real engine: a generated data file, pages and config.

The data file is the same at every size (50 regimens, each with its own build-up schedule,
10 sources, a form, a contact and a help card), valid under the engine's model and rules, so
two sizes differ only by their pages; condition pages take the regimens in turn. Each
condition page is about the size of a real page (about 2.5 KB) and uses the engine's common
constructs: single values, a citation, a titration table and a help card. The config is
the project's own mkdocs.yml (theme, overrides, Markdown extensions, plugins, validation)
with the plugin pointed at the synthetic data; the nav lists only home and sources, because
Material renders the whole nav into every page and a 1,000-entry nav would measure the
theme, not the engine.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from builds import ROOT, plugin_block, project_config, write_config

MEDICINE = "baclofen"
SOURCES = 10
# The same data file at every size, so two sizes differ only by their pages (the sources
# page, which lists every number, is then the same size too).
REGIMENS = 50
DAY = "2026-11-20"  # every review and check date: in the past, within the review intervals
NEXT_REVIEW = "2027-11-20"

_FRONT = """---
title: {title}
description: {description}
type: {type}
last_reviewed: {day}
next_review: {next_review}
reviewed_by: Benchmark reviewer
sources: [{source}]
---

"""

_CONDITION = """# {title}

This page is about {title_lower}. It tells you how the dose of {{{{ medicine }}}} usually
starts, how it is built up, and the most you should take in a day. Always follow the dose on
your own prescription label, and ask your care team if you are not sure.

{{{{ help_card('too_much') }}}}

## How the dose starts

You usually start on {{{{ regimens.{key}.starting_dose }}}}. The dose goes up by
{{{{ regimens.{key}.step_rise }}}} every {{{{ regimens.{key}.step_length }}}}, until the
dose that works for you is found.

{{{{ titration_table(regimens.{key}) }}}}

Your prescriber may ask you to go up more slowly. That is common, and it is fine. Some
people feel sleepy or dizzy for the first few days. This often gets better as your body gets
used to the medicine. Do not drive until you know how it affects you.

## The most you can take

The most you should take in a day is {{{{ cite(regimens.{key}.max_daily) }}}}. Do not take
more than this, even if your muscles still feel stiff. Talk to your care team instead.

## Living with {title_lower}

Many people with {title_lower} find that gentle exercise helps. A physical therapist can
show you stretches that keep your muscles loose. Warm baths can help too.

Keep a short diary of how you feel each day. Write down when your muscles feel tight and
when they feel better. Bring the diary to your next visit, so your care team can see how
the medicine is working for you.

If you have questions about your medicine, ask your pharmacist. They can tell you how to
take it, what to do if you miss a dose, and which other medicines to avoid.
"""

DESCRIPTION = "A synthetic page for the benchmark, with doses taken from the data file."


@dataclass(frozen=True)
class SyntheticSite:
    """A generated project: its config file, data file, docs folder and page count."""

    config_file: Path
    data_file: Path
    docs: Path
    pages: int


def dosing_data(regimens: int) -> dict[str, Any]:
    """A data file with `regimens` regimens, a few sources, a form, contacts and a help
    card, valid under the engine's model and rules."""
    sources = {
        f"source_{n}": {
            "title": f"Synthetic label number {n}", "short": f"Label {n}",
            "publisher": f"Benchmark publisher {n}", "url": f"https://example.org/label/{n}",
            "jurisdiction": "US", "tier": 1, "accessed": DAY,
        }
        for n in range(SOURCES)
    }
    cited = {"source": "source_0", "section": "How supplied", "checked": DAY}
    return {
        "medicine": {"name": MEDICINE, "brand_names": ["Lioresal"]},
        "sources": sources,
        "forms": {"tablets": {"name": "Tablets", "kind": "tablet", "jurisdiction": "US",
                              "strengths": [5, 10, 20], "strength_unit": "mg", **cited}},
        "regimens": {regimen_key(n): _regimen(n) for n in range(regimens)},
        "contacts": {"emergency": {"name": "Emergency services", "phone": "911", **cited}},
        "help_cards": {"too_much": {
            "level": "emergency", "audience": "everyone",
            "title": "Someone has taken too much",
            "signs": ["very sleepy or hard to wake", "slow or shallow breathing"],
            "action": "Call {emergency} now.", "contacts": ["emergency"], **cited}},
    }


def regimen_key(n: int) -> str:
    """The data key of regimen `n`."""
    return f"condition_{n:05d}"


def _regimen(n: int) -> dict[str, Any]:
    steps = 2 + n % 3
    return {
        "population": f"Adults with condition {n}", "jurisdiction": "US", "route": "oral",
        "dose_unit": "mg", "source": f"source_{n % SOURCES}", "section": f"Section {n}",
        "checked": DAY,
        "starting_dose": {"dose": 5, "times_per_day": 3},
        "titration_steps": [{"dose": 5 * (i + 1), "times_per_day": 3, "days": 3 + n % 4}
                            for i in range(steps)],
        "maintenance": {"low": 40, "high": 80, "unit": "mg/day"},
        "max_daily": {"value": 80, "unit": "mg/day",
                      "given_as": {"dose": 20, "times_per_day": 4}},
    }


def write_site(folder: Path, pages: int) -> SyntheticSite:
    """Write a project of `pages` pages (home, sources, conditions) into `folder`."""
    docs = folder / "content"
    (docs / "about").mkdir(parents=True, exist_ok=True)
    (docs / "conditions").mkdir(exist_ok=True)
    regimens = REGIMENS
    data_file = folder / "data" / "dosing.yml"
    data_file.parent.mkdir(exist_ok=True)
    data_file.write_text(yaml.safe_dump(dosing_data(regimens), sort_keys=False),
                         encoding="utf-8")
    front = {"description": DESCRIPTION, "day": DAY, "next_review": NEXT_REVIEW}
    (docs / "index.md").write_text(
        _FRONT.format(title="Synthetic site", type="home", source="source_0", **front)
        + "# Synthetic site\n\nThe conditions are listed in the search.\n", encoding="utf-8")
    (docs / "about" / "sources.md").write_text(
        _FRONT.format(title="Sources", type="about", source="source_0", **front)
        + "# Sources\n\n{{ sources_list() }}\n", encoding="utf-8")
    for n in range(pages - 2):
        title = f"Condition {n}"
        (docs / "conditions" / f"condition-{n:05d}.md").write_text(
            _FRONT.format(title=title, type="condition", source=f"source_{n % SOURCES}",
                          **front)
            + _CONDITION.format(title=title, title_lower=title.lower(),
                                key=regimen_key(n % regimens)),
            encoding="utf-8")
    if not (folder / "overrides").exists():
        shutil.copytree(ROOT / "overrides", folder / "overrides")
    config = project_config()
    config["docs_dir"] = "content"
    config["theme"]["custom_dir"] = "overrides"
    settings = plugin_block(config)
    settings.update(data_file="data/dosing.yml", sources_page="about/sources.md",
                    urgent_first_pages=[])
    settings.pop("schema_file", None)
    config["nav"] = [{"Home": "index.md"}, {"Sources": "about/sources.md"}]
    config["validation"] = {**config.get("validation", {}), "omitted_files": "info"}
    config["watch"] = []
    config_file = write_config(config, folder / "mkdocs.yml")
    return SyntheticSite(config_file, data_file, docs, pages)
