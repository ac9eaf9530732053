"""Benchmarks of the site generator: prints one table and writes it to BENCHMARKS.md.

Figures: engine overhead on the real site, build time and memory of synthetic sites of
100 to 5,000 pages, first-visit page weight, Lighthouse scores, and the editor's loop under
`mkdocs serve`. Not a test: nothing here fails the build; the table says what is met.
Usage: python scripts/bench/run.py   (or `make bench`; about 5 minutes on 2 cores)
"""

from __future__ import annotations

import itertools
import math
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import edit_loop
import engine_overhead
import lighthouse
import machine
import page_weight
import synthetic
from builds import ROOT, timed_build
from gzip_server import serving

SCALES = (100, 1_000, 5_000)
SCALE_RUNS = {100: 3, 1_000: 3, 5_000: 1}
GROWTH_PER_10X = 12.0  # target: a 10x bigger site may take at most 12x as long
PAGE_BUDGET = 80_000  # bytes, gzip, first visit (1 KB = 1,000 bytes)
LIGHTHOUSE_PAGES = ("", "dosing/increasing-the-dose/")
LOOP_BUDGET = 2.0  # seconds

Row = tuple[str, str, str, str]


def main() -> int:
    """Run every benchmark, print the table, write BENCHMARKS.md."""
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="medsite-bench-"))
    work.chmod(0o755)
    rows: list[Row] = []
    details: list[str] = []
    sections = [("Engine overhead", _overhead), ("Scale", _scale),
                ("Page weight and Lighthouse", _weight_and_lighthouse),
                ("Editor's loop", _editor_loop)]
    try:
        for name, section in sections:
            print(f"… {name}", file=sys.stderr, flush=True)
            try:
                rows += section(work / name.split()[0].lower(), details)
            except Exception as exc:  # one broken section must not lose the others' figures
                rows.append((name, f"failed: {str(exc).splitlines()[0]}", "—", "**no**"))
                details.append(f"**{name} failed**:\n\n```\n{exc}\n```")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    table = _table(rows)
    print(table)
    elapsed = time.perf_counter() - started
    (ROOT / "BENCHMARKS.md").write_text(_report(table, details, elapsed), encoding="utf-8")
    print(f"\nWrote BENCHMARKS.md ({elapsed / 60:.1f} minutes)")
    return 0


def _overhead(work: Path, details: list[str]) -> list[Row]:
    result = engine_overhead.measure(work, runs=7)
    on, off = statistics.median(result.engine_on), statistics.median(result.engine_off)
    details.append(
        f"**Engine overhead** ({result.pages} pages, 7 alternating runs each, wall time of "
        f"`mkdocs build --strict` in a child process). With the engine: "
        f"{_seconds_list(result.engine_on)}. Pre-rendered, engine hook off: "
        f"{_seconds_list(result.engine_off)}. Both builds include Python start-up and the "
        "trim_assets hook and write the same HTML.")
    parts = engine_overhead.breakdown()
    budget = 0.10 * off
    details.append(
        f"Where the engine's {sum(parts.values()):.2f} s go (one fresh process, MkDocs and "
        f"Material already imported): importing pydantic {parts['pydantic']:.2f} s, building "
        f"the data model's pydantic classes {parts['model']:.2f} s, importing the hook and the "
        f"rest of the engine {parts['imports']:.2f} s, loading and validating the data file "
        f"{parts['data']:.2f} s, checking and rendering {result.pages} pages "
        f"{parts['pages']:.2f} s. The 1.10x target leaves the engine {budget:.2f} s; pydantic "
        f"(the validation library the stack prescribes) and the model's classes take "
        f"{(parts['pydantic'] + parts['model']) / budget:.0%} of that before any page is read.")
    return [("Engine overhead (median build time, engine on / off)",
             f"{result.ratio:.2f}x ({on:.2f} s / {off:.2f} s)", "≤ 1.10x",
             _met(result.ratio <= 1.10))]


def _scale(work: Path, details: list[str]) -> list[Row]:
    rows: list[Row] = []
    times: dict[int, float] = {}
    lines = []
    for pages in SCALES:
        config = synthetic.write_site(work / str(pages), pages)
        runs = [timed_build(config, work / str(pages) / f"site-{n}")
                for n in range(SCALE_RUNS[pages])]
        times[pages] = statistics.median(run.seconds for run in runs)
        peak = max(run.peak_mb for run in runs)
        lines.append(f"{pages:,} pages: {_seconds_list([r.seconds for r in runs])}, "
                     f"peak RSS {peak:.0f} MB")
        rows.append((f"Build, {pages:,} synthetic pages (wall, peak memory)",
                     f"{times[pages]:.1f} s, {peak:.0f} MB", "—", "—"))
        shutil.rmtree(work / str(pages), ignore_errors=True)
    for small, big in itertools.pairwise(SCALES):
        factor = big / small
        # The same allowance per size step as 12x per 10x: t grows at most as size^log10(12).
        target = factor ** math.log10(GROWTH_PER_10X)
        growth = times[big] / times[small]
        rows.append((f"Growth t({big:,}) / t({small:,}), a {factor:g}x bigger site",
                     f"{growth:.1f}x", f"≤ {target:.1f}x", _met(growth <= target)))
    details.append(
        "**Scale**: synthetic sites from a generated data file (one regimen per two pages, "
        "valid under `medsite.model`), each page with values, a citation and a titration "
        "table; built with the real theme, overrides and both hooks; nav lists only home and "
        "sources. " + "; ".join(lines) + ". Peak memory is the build process's own "
        "`ru_maxrss` (`os.wait4`).")
    return rows


def _weight_and_lighthouse(work: Path, details: list[str]) -> list[Row]:
    site = work / "site"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_site.py"),
                    "--site-dir", str(site)], check=True, capture_output=True, cwd=ROOT)
    pages = page_weight.site_pages(site)
    cli = lighthouse.install()
    with serving(site) as base_url:
        weights = page_weight.measure(base_url, pages)
        audits = [lighthouse.run(cli, base_url, path, preset, work)
                  for path in LIGHTHOUSE_PAGES for preset in ("mobile", "desktop")]
    heaviest = max(weights, key=lambda w: w.total)
    over = [w for w in weights if w.total > PAGE_BUDGET]
    rows: list[Row] = [
        ("Heaviest first visit, gzip (" + (f"/{heaviest.path}" if heaviest.path else "home")
         + ")", _kb(heaviest.total), "≤ 80 KB every page", _met(not over)),
        ("Pages over 80 KB", f"{len(over)} of {len(weights)}", "0", _met(not over)),
    ]
    parts = sorted(heaviest.files.items(), key=lambda item: -item[1])
    details.append(
        "**Page weight**: each page opened in a fresh Chromium context (empty cache), every "
        "response from the site gzip-compressed at level 9 and summed (1 KB = 1,000 bytes). "
        f"Lightest {_kb(min(w.total for w in weights))}, heaviest {_kb(heaviest.total)}. "
        "The heaviest visit: " + ", ".join(f"`{url or '/'}` {_kb(size)}" for url, size in parts)
        + ".")
    for run in audits:
        target_perf = 98 if run.preset == "mobile" else 100
        met = run.scores["performance"] >= target_perf and all(
            run.scores[name] == 100 for name in lighthouse.CATEGORIES[1:])
        rows.append((f"Lighthouse {lighthouse.VERSION}, /{run.path}, {run.preset} "
                     "(perf / a11y / best practices / SEO)",
                     " / ".join(str(run.scores[name]) for name in lighthouse.CATEGORIES),
                     f"{'≥ 98' if run.preset == 'mobile' else '100'} / 100 / 100 / 100",
                     _met(met)))
        failing = [f"{name}: {', '.join(ids)}" for name, ids in run.failed.items() if ids]
        details.append(f"**Lighthouse /{run.path}, {run.preset}**: total byte weight "
                       f"{_kb(run.byte_weight)} as served (gzip); audits not passed: "
                       + ("; ".join(failing) if failing else "none") + ".")
    return rows


def _editor_loop(work: Path, details: list[str]) -> list[Row]:
    work.mkdir(parents=True, exist_ok=True)
    result = edit_loop.measure(work, rounds=3)
    details.append(
        "**Editor's loop**: `mkdocs serve --livereload` on a copy of the project; each round "
        "saves a change and polls the home page every 20 ms until the new words are served. "
        f"Markdown edits: {_seconds_list(result.markdown)}; data edits (the medicine's name "
        f"in the data file): {_seconds_list(result.data)}.")
    return [
        (f"Editor's loop, {kind} change → page served (median of 3)",
         f"{statistics.median(times):.2f} s", "≤ 2 s",
         _met(statistics.median(times) <= LOOP_BUDGET))
        for kind, times in (("Markdown", result.markdown), ("data", result.data))
    ]


def _table(rows: list[Row]) -> str:
    lines = ["| Figure | Result | Target | Met? |", "|---|---|---|---|"]
    lines += [f"| {' | '.join(row)} |" for row in rows]
    return "\n".join(lines)


def _report(table: str, details: list[str], elapsed: float) -> str:
    today = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    machine_lines = "\n".join(f"- {name}: {value}" for name, value in machine.describe().items())
    notes = "\n\n".join(details)
    return f"""# Benchmarks

Written by `make bench` (`scripts/bench/run.py`) on {today}; the run took
{elapsed / 60:.1f} minutes. Re-run it to refresh every figure; edit nothing here by hand.

## Machine

{machine_lines}

## Figures

{table}

## How each figure was measured

{notes}
"""


def _met(ok: bool) -> str:
    return "yes" if ok else "**no**"


def _kb(size: int) -> str:
    return f"{size / 1000:.1f} KB"


def _seconds_list(values: list[float]) -> str:
    return ", ".join(f"{value:.2f}" for value in values) + " s"


if __name__ == "__main__":
    sys.exit(main())
