"""Engine overhead: the real site built with the engine hook vs the same pages pre-rendered.

Engine off means: every page rendered once with `medsite.prerender` into a temporary docs
folder, then built with the project's config minus the engine hook, so both builds write the
same HTML and differ only by the engine's work.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from builds import ENGINE_HOOK, ROOT, project_config, timed_build, without_engine, write_config

from medsite.load import load_dosing_data
from medsite.prerender import prerender
from medsite.values import build_values


@dataclass(frozen=True)
class Overhead:
    """Median build times with and without the engine, and every run."""

    engine_on: list[float]
    engine_off: list[float]
    pages: int

    @property
    def ratio(self) -> float:
        """Median time with the engine over median time without it."""
        return statistics.median(self.engine_on) / statistics.median(self.engine_off)


def measure(work: Path, runs: int = 7) -> Overhead:
    """Build alternately with and without the engine, `runs` times each."""
    config = project_config()
    medsite = config["extra"]["medsite"]
    values = build_values(load_dosing_data(Path(medsite["data"]), "data"))
    rendered = work / "prerendered"
    pages = prerender(Path(config["docs_dir"]), rendered, values,
                      sources_page=medsite["sources_page"], label_root=ROOT)
    on_file = write_config(config, work / "engine-on.yml")
    off_file = write_config({**without_engine(config), "docs_dir": str(rendered),
                             "watch": []}, work / "engine-off.yml")
    timed_build(on_file, work / "warm-up")  # fill the OS file cache before timing
    on, off = [], []
    for run in range(runs):
        on.append(timed_build(on_file, work / f"on-{run}").seconds)
        off.append(timed_build(off_file, work / f"off-{run}").seconds)
    return Overhead(on, off, pages)


_BREAKDOWN = """
import importlib.util, json, sys, tempfile, time
from pathlib import Path
import mkdocs.commands.build, material.plugins.search.plugin  # paid by both builds
root, hook, data, docs, sources_page = sys.argv[1:]
t00 = time.perf_counter()
from pydantic import BaseModel, Field, ValidationError  # the validation library, on its own
t01 = time.perf_counter()
import medsite.model  # the data model: pydantic builds a validator for each class
t0 = time.perf_counter()
spec = importlib.util.spec_from_file_location("engine_hook", hook)
spec.loader.exec_module(importlib.util.module_from_spec(spec))
t1 = time.perf_counter()
from medsite.load import load_dosing_data
from medsite.prerender import prerender
from medsite.values import build_values
values = build_values(load_dosing_data(Path(data), "data"))
t2 = time.perf_counter()
with tempfile.TemporaryDirectory() as out:
    prerender(Path(docs), Path(out), values, sources_page=sources_page, label_root=Path(root))
t3 = time.perf_counter()
print(json.dumps({"pydantic": t01 - t00, "model": t0 - t01, "imports": t1 - t0,
                  "data": t2 - t1, "pages": t3 - t2}))
"""


def breakdown() -> dict[str, float]:
    """Where the engine's time goes, in a fresh process: pydantic, the data model's classes,
    the engine's other imports, the data file, the pages."""
    config = project_config()
    medsite = config["extra"]["medsite"]
    result = subprocess.run(
        [sys.executable, "-c", _BREAKDOWN, str(ROOT), str(ROOT / ENGINE_HOOK), medsite["data"],
         config["docs_dir"], medsite["sources_page"]],
        capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(result.stdout)
