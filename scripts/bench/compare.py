"""Three builds of the same synthetic pages: plain MkDocs, the engine, and mkdocs-macros.

- plain: the pages rendered once by `python -m medsite prerender`, then built by MkDocs
  with the medsite plugin removed from a copy of the config. This is the floor: MkDocs,
  Material and the search index, with no data work at all.
- engine: `mkdocs build` with the medsite plugin on the source pages.
- macros: mkdocs-macros-plugin on the same source pages, the same data file given through
  its `include_yaml`, and `macros_peer.py` as its module (the same names and words).

The builds alternate, in a rotating order, so a busy machine slows each alike; each build
is a fresh child process, timed for wall and CPU time (user + system, `os.wait4`).
"""

from __future__ import annotations

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
    timed_build,
    without_plugin,
    write_config,
)
from synthetic import MEDICINE, write_site

SETUPS = ("plain", "engine", "macros")
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
    """Every timed build of each setup at one size, and whether the pages agree."""

    pages: int
    runs: dict[str, list[BuildRun]]
    same_words: dict[str, bool]

    def wall(self, setup: str) -> float:
        """Median wall seconds of a setup."""
        return statistics.median(run.seconds for run in self.runs[setup])

    def cpu(self, setup: str) -> float:
        """Median CPU seconds of a setup."""
        return statistics.median(run.cpu_seconds for run in self.runs[setup])

    def own_ms_per_page(self, setup: str, cpu: bool) -> float:
        """What a setup adds to plain MkDocs, in milliseconds per page (median over median)."""
        time = self.cpu if cpu else self.wall
        return (time(setup) - time("plain")) / self.pages * 1000

    def lowest_cpu(self, setup: str) -> float:
        """The fastest build's CPU seconds: the least disturbed by other work on the host,
        as the `timeit` documentation advises for a noisy machine."""
        return min(run.cpu_seconds for run in self.runs[setup])

    def own_ms_per_page_lowest(self, setup: str) -> float:
        """What a setup adds to plain MkDocs per page, fastest build against fastest build."""
        return (self.lowest_cpu(setup) - self.lowest_cpu("plain")) / self.pages * 1000


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
    runs: dict[str, list[BuildRun]] = {name: [] for name in SETUPS}
    for round_number in range(rounds):
        shift = round_number % len(SETUPS)
        for name in SETUPS[shift:] + SETUPS[:shift]:
            site = folder / f"site-{name}"
            runs[name].append(timed_build(setups.configs[name], site))
            shutil.rmtree(site, ignore_errors=True)
    return Comparison(setups.pages, runs, same)


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
