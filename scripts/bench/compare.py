"""Three builds of the same synthetic pages: plain MkDocs, the engine, and mkdocs-macros.

- plain: the pages rendered once by `python -m medsite prerender`, then built by MkDocs
  with the medsite plugin removed from a copy of the config. This is the floor: MkDocs,
  Material and the search index, with no data work at all.
- engine: `mkdocs build` with the medsite plugin on the source pages.
- macros: mkdocs-macros-plugin on the same source pages, the same data file given through
  its `include_yaml`, and `macros_peer.py` as its module (the same names and words).

Each build is a fresh child process, timed for wall and CPU time (user + system,
`os.wait4`). This host's CPU time for one and the same build varies by a fifth or more from
minute to minute (other machines share it), which would drown a difference of a fraction of
a millisecond per page. So each round runs plain MkDocs side by side with the engine, then
with macros, at the same time, one build on each core: whatever slows the host slows both
builds of a pair alike, and a setup's own cost is the median over rounds of its pair's
difference. With a single core the pair's builds run one after the other, alternating.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup
from builds import (
    BuildRun,
    plugin_block,
    project_config,
    start_build,
    timed_build,
    wait_all,
    without_plugin,
    write_config,
)
from synthetic import MEDICINE, write_site

SETUPS = ("plain", "engine", "macros")
RIVALS = ("engine", "macros")  # each measured beside plain MkDocs
LABELS = {"plain": "plain MkDocs on pre-rendered pages", "engine": "medsite plugin",
          "macros": "mkdocs-macros-plugin"}
PEER_MODULE = Path(__file__).resolve().parent / "macros_peer.py"
SAMPLE_PAGE = Path("conditions") / "condition-00001" / "index.html"
SOURCES_PAGE = Path("about") / "sources" / "index.html"


@dataclass(frozen=True)
class Setups:
    """The config file of each setup for one synthetic site."""

    pages: int
    configs: dict[str, Path]


@dataclass
class Comparison:
    """Every timed build of each setup at one size, and whether the pages agree.

    `pairs[setup]` holds (that setup's build, the plain build run beside it), one per round.
    """

    pages: int
    pairs: dict[str, list[tuple[BuildRun, BuildRun]]]
    same_words: dict[str, bool]

    @property
    def runs(self) -> dict[str, list[BuildRun]]:
        """Every build of each setup (plain: the builds beside the engine, then macros)."""
        runs = {name: [pair[0] for pair in self.pairs[name]] for name in RIVALS}
        runs["plain"] = [pair[1] for name in RIVALS for pair in self.pairs[name]]
        return runs

    def wall(self, setup: str) -> float:
        """Median wall seconds of a setup."""
        return statistics.median(run.seconds for run in self.runs[setup])

    def cpu(self, setup: str) -> float:
        """Median CPU seconds of a setup."""
        return statistics.median(run.cpu_seconds for run in self.runs[setup])

    def own_seconds(self, setup: str, cpu: bool) -> float:
        """What a setup adds to plain MkDocs: the median over rounds of the difference
        between its build and the plain build run beside it."""
        return statistics.median(
            (mine.cpu_seconds - plain.cpu_seconds) if cpu else (mine.seconds - plain.seconds)
            for mine, plain in self.pairs[setup])

    def own_ms_per_page(self, setup: str, cpu: bool) -> float:
        """What a setup adds to plain MkDocs, in milliseconds per page."""
        return self.own_seconds(setup, cpu) / self.pages * 1000


def prepare(folder: Path, pages: int) -> Setups:
    """Write the synthetic site, pre-render it, and write the three configs."""
    site = write_site(folder, pages)
    prerendered = folder / "prerendered"
    subprocess.run([sys.executable, "-m", "medsite", "prerender", str(prerendered),
                    "--config-file", str(site.config_file)],
                   check=True, capture_output=True, cwd=folder)
    config = project_config(folder)
    plain = {**without_plugin(config, MEDICINE), "docs_dir": prerendered.name}
    macros = without_plugin(config, MEDICINE)
    # The help cards' level labels are the site's settings; macros reads them from `extra`.
    macros["extra"]["help_level_labels"] = {
        key: level["label"] for key, level in plugin_block(config)["help_levels"].items()}
    shutil.copy(PEER_MODULE, folder / PEER_MODULE.name)
    macros["plugins"] = [*macros["plugins"], {"macros": {
        "include_yaml": [site.data_file.relative_to(folder).as_posix()],
        "module_name": PEER_MODULE.stem,
        "on_undefined": "strict",
        "on_error_fail": True,
    }}]
    return Setups(pages, {
        "plain": write_config(plain, folder / "plain.yml"),
        "engine": site.config_file,
        "macros": write_config(macros, folder / "macros.yml"),
    })


def measure(setups: Setups, rounds: int) -> Comparison:
    """One warm-up build of each setup (file cache, bytecode), then `rounds` rounds."""
    folder = setups.configs["engine"].parent
    for name, config in setups.configs.items():
        timed_build(config, folder / f"warm-{name}")
    sample = {name: _article_words(folder / f"warm-{name}" / SAMPLE_PAGE) for name in SETUPS}
    same = {name: sample[name] == sample["engine"] for name in ("plain", "macros")}
    # The pre-render must give the very page the plugin gives (macros' sources page is only
    # of the same size: it leaves out the tier words and check dates).
    same["plain, sources page"] = _article_words(folder / "warm-plain" / SOURCES_PAGE) == \
        _article_words(folder / "warm-engine" / SOURCES_PAGE)
    cores = sorted(os.sched_getaffinity(0))
    pairs: dict[str, list[tuple[BuildRun, BuildRun]]] = {name: [] for name in RIVALS}
    for round_number in range(rounds):
        for rival in RIVALS:
            pairs[rival].append(_pair(setups, rival, round_number, cores))
    return Comparison(setups.pages, pairs, same)


def _pair(setups: Setups, rival: str, round_number: int,
          cores: list[int]) -> tuple[BuildRun, BuildRun]:
    """A build of `rival` and a plain build, side by side on two cores (which core runs
    which alternates by round), or one after the other on a single core."""
    folder = setups.configs["engine"].parent
    order = ("plain", rival) if round_number % 2 else (rival, "plain")
    sites = {name: folder / f"site-{name}" for name in order}
    if len(cores) >= 2:
        done = wait_all({name: start_build(setups.configs[name], sites[name], cores[i])
                         for i, name in enumerate(order)})
    else:
        done = {name: timed_build(setups.configs[name], sites[name]) for name in order}
    for site in sites.values():
        shutil.rmtree(site, ignore_errors=True)
    return done[rival], done["plain"]


def _article_words(page: Path) -> str:
    """The words of a page's article, without the review box and the feedback link (which
    the plugin fills in from each page's front matter)."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    if article is None:
        return ""
    for filled_by_plugin in article.select("aside.page-review, .page-feedback"):
        filled_by_plugin.decompose()
    return " ".join(article.get_text(" ").split())
