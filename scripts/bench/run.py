"""Benchmarks of the site generator: prints one table and writes it to BENCHMARKS.md.

Figures: the engine against plain MkDocs and against mkdocs-macros-plugin on the same
synthetic pages at 25 and 1,000 pages (the engine's own cost per page and the ratios), a
cProfile of the engine at 1,000 pages, build time and memory at 100 to 5,000 pages,
first-visit page weight and Lighthouse scores of the real site, and the editor's loop under
`mkdocs serve`. Not a test: nothing here fails the build; the table says what is met.

Usage: python scripts/bench/run.py [--only SECTION,...] [--quick]
(or `make bench`, which installs mkdocs-macros-plugin first; about 15 minutes on 2 cores).
Only a full run (no --only, no --quick) writes BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import compare
import edit_loop
import lighthouse
import machine
import page_weight
import profile_engine
import synthetic
from builds import ROOT, timed_build
from gzip_server import serving

COMPARE_SIZES = (25, 1_000)
COMPARE_ROUNDS = {25: 9, 1_000: 7}
OWN_COST_TARGET_MS = 0.5  # the engine's own cost per page at 1,000 pages
PROFILE_PAGES = 1_000
SCALES = (100, 1_000, 5_000)
SCALE_RUNS = {100: 3, 1_000: 3, 5_000: 1}
GROWTH_PER_10X = 12.0  # target: a 10x bigger site may take at most 12x as long
PAGE_BUDGET = 80_000  # bytes, gzip, first visit (1 KB = 1,000 bytes)
LIGHTHOUSE_PAGES = ("", "dosing/increasing-the-dose/")
LOOP_BUDGET = 2.0  # seconds

Row = tuple[str, str, str, str]
Section = Callable[[Path, list[str], bool], list[Row]]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks, print the table; a full run writes BENCHMARKS.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="comma-separated sections: "
                        + ", ".join(SECTIONS))
    parser.add_argument("--quick", action="store_true", help="fewer rounds (a rough look)")
    args = parser.parse_args(argv)
    chosen = [name.strip() for name in args.only.split(",") if name.strip()] or list(SECTIONS)
    unknown = [name for name in chosen if name not in SECTIONS]
    if unknown:
        parser.error(f"unknown section '{unknown[0]}'; use one of: {', '.join(SECTIONS)}")
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    work = Path(tempfile.mkdtemp(prefix="medsite-bench-"))
    work.chmod(0o755)
    rows: list[Row] = []
    details: list[str] = []
    try:
        for name in chosen:
            print(f"… {name}", file=sys.stderr, flush=True)
            try:
                rows += SECTIONS[name](work / name, details, args.quick)
            except Exception as exc:  # one broken section must not lose the others' figures
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
                rows.append((name, f"failed: {first}", "—", "**no**"))
                details.append(f"**{name} failed**:\n\n```\n{str(exc).strip()[-3000:]}\n```")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    table = _table(rows)
    print(table)
    print("\n" + "\n\n".join(details))
    elapsed = time.perf_counter() - started
    load = (load_before, os.getloadavg()[0])
    print(f"Load average (1 minute) at the start and end: {load[0]:.1f}, {load[1]:.1f}")
    if len(chosen) == len(SECTIONS) and not args.quick:
        (ROOT / "BENCHMARKS.md").write_text(_report(table, details, elapsed, load),
                                            encoding="utf-8")
        print(f"\nWrote BENCHMARKS.md ({elapsed / 60:.1f} minutes)")
    else:
        print(f"\nA partial run ({elapsed / 60:.1f} minutes): BENCHMARKS.md left as it was")
    return 0


def _peer(work: Path, details: list[str], quick: bool) -> list[Row]:
    rows: list[Row] = []
    results: dict[int, compare.Comparison] = {}
    for pages in COMPARE_SIZES:
        rounds = 2 if quick else COMPARE_ROUNDS[pages]
        setups = compare.prepare(work / str(pages), pages)
        result = compare.measure(setups, rounds)
        results[pages] = result
        shutil.rmtree(work / str(pages), ignore_errors=True)
        rows += _peer_rows(result)
        details.append(_peer_details(result, rounds))
    small, big = (results[size] for size in COMPARE_SIZES)
    extra_pages = big.pages - small.pages
    for label, cpu in (("CPU", True), ("wall", False)):
        big_own, small_own = big.own_seconds("engine", cpu), small.own_seconds("engine", cpu)
        marginal = (big_own - small_own) / extra_pages * 1000
        fixed = small_own - marginal / 1000 * small.pages
        rows.append((f"Engine's cost of each page beyond the first {small.pages}, and its "
                     f"fixed cost per build ({label})", f"{marginal:.2f} ms, {fixed:.2f} s",
                     "—", "—"))
    details.insert(0, (
        "**Engine and peer**: the same synthetic pages (see *Scale* for what a page holds) "
        "built three ways, each a fresh `mkdocs build --strict` child process: "
        "(a) *plain*, MkDocs and Material on the pages pre-rendered once by "
        "`python -m medsite prerender`, with the medsite plugin removed from a copy of the "
        "config, the floor that holds no data work at all; (b) *engine*, `mkdocs build` with "
        "the plugin on the source pages; (c) *macros*, mkdocs-macros-plugin "
        "(`mkdocs-macros-plugin`, pinned in pyproject.toml's `bench` extra) on the same source "
        "pages with the same data file through its `include_yaml`. Macros alone would print "
        "`{{ regimens.x.starting_dose }}` as a Python dict, so it gets a small module, "
        "`scripts/bench/macros_peer.py`, that offers the same names with the same words and "
        "HTML (values, `cite`, `titration_table`, `help_card`, `sources_list`) and none of the "
        "engine's checks; a page built each way is compared word for word (below). CPU "
        "time is the child's user + system time (`os.wait4`). This host's CPU time for one "
        "and the same build varies by a fifth or more from minute to minute, so after one "
        "warm-up build of each setup every round runs plain MkDocs *beside* the engine, "
        "then beside macros: the two builds of a pair run at the same time, one on each "
        "core (the cores swap each round), and whatever slows the host slows both alike. "
        "Own cost per page = the median over rounds of (setup - the plain build beside "
        "it) / pages. The build times in the first row are plain medians of every build."))
    return rows


def _peer_rows(result: compare.Comparison) -> list[Row]:
    pages = result.pages
    at = f"{pages:,} pages"
    times = " / ".join(f"{result.wall(name):.2f}" for name in compare.SETUPS)
    cpus = " / ".join(f"{result.cpu(name):.2f}" for name in compare.SETUPS)
    engine_cpu = result.own_ms_per_page("engine", cpu=True)
    engine_wall = result.own_ms_per_page("engine", cpu=False)
    peer_cpu = result.own_ms_per_page("macros", cpu=True)
    peer_wall = result.own_ms_per_page("macros", cpu=False)
    judged = pages == COMPARE_SIZES[-1]
    return [
        (f"{at}: build, plain / engine / macros (median wall s; CPU s)",
         f"{times}; CPU {cpus}", "—", "—"),
        (f"{at}: engine's own cost per page, (engine - plain) / pages (CPU; wall)",
         f"{engine_cpu:.2f} ms; {engine_wall:.2f} ms",
         f"≤ {OWN_COST_TARGET_MS} ms (CPU)" if judged else "—",
         _met(engine_cpu <= OWN_COST_TARGET_MS) if judged else "—"),
        (f"{at}: peer's own cost per page, (macros - plain) / pages (CPU; wall)",
         f"{peer_cpu:.2f} ms; {peer_wall:.2f} ms", "—", "—"),
        (f"{at}: engine / plain and macros / plain (CPU; wall)",
         f"{_ratio(result, 'engine', True)} and {_ratio(result, 'macros', True)}; "
         f"{_ratio(result, 'engine', False)} and {_ratio(result, 'macros', False)}", "—", "—"),
        (f"{at}: engine's own cost / peer's own cost (CPU; wall)",
         f"{engine_cpu / peer_cpu:.2f}x; {engine_wall / peer_wall:.2f}x",
         "< 1x (ahead of the peer)", _met(engine_cpu < peer_cpu)),
    ]


def _ratio(result: compare.Comparison, setup: str, cpu: bool) -> str:
    time = result.cpu if cpu else result.wall
    return f"{time(setup) / time('plain'):.2f}x"


def _peer_details(result: compare.Comparison, rounds: int) -> str:
    runs = "; ".join(
        f"{name} / the plain build beside it, CPU s: " + ", ".join(
            f"{mine.cpu_seconds:.2f}/{plain.cpu_seconds:.2f}"
            for mine, plain in result.pairs[name])
        for name in compare.RIVALS)
    same = ", ".join(f"{name}: {'the same words' if ok else '**different words**'}"
                     for name, ok in result.same_words.items())
    return (f"*{result.pages:,} pages*, {rounds} rounds: {runs}. A condition page (and for "
            f"plain, the sources page) compared with the engine's, article text without the "
            f"review box and feedback link that only the plugin fills in: {same}.")


def _profile(work: Path, details: list[str], quick: bool) -> list[Row]:
    site = synthetic.write_site(work, PROFILE_PAGES)
    result = profile_engine.profile_build(site.config_file, PROFILE_PAGES)
    details.append("**Profile of the engine**: " + profile_engine.report(result))
    return [(f"Engine's share of a profiled {PROFILE_PAGES:,}-page build (cProfile)",
             f"{result.engine / result.total:.0%} ({result.engine:.1f} s of "
             f"{result.total:.1f} s)", "—", "—")]


def _scale(work: Path, details: list[str], quick: bool) -> list[Row]:
    rows: list[Row] = []
    times: dict[int, float] = {}
    lines = []
    for pages in SCALES:
        site = synthetic.write_site(work / str(pages), pages)
        count = 1 if quick else SCALE_RUNS[pages]
        runs = [timed_build(site.config_file, work / str(pages) / f"site-{n}")
                for n in range(count)]
        times[pages] = statistics.median(run.seconds for run in runs)
        peak = max(run.peak_mb for run in runs)
        lines.append(f"{pages:,} pages: {_seconds_list([r.seconds for r in runs])} "
                     f"(CPU {_seconds_list([r.cpu_seconds for r in runs])}), peak RSS "
                     f"{peak:.0f} MB")
        rows.append((f"Build with the engine, {pages:,} synthetic pages (wall, peak memory)",
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
        f"**Scale**: synthetic sites (`scripts/bench/synthetic.py`): the same generated data "
        f"file at every size ({synthetic.REGIMENS} regimens with their own build-up, "
        f"{synthetic.SOURCES} sources, a form, a contact, a help card), a home page, a "
        "sources page with `sources_list()`, and condition pages of about 2.5 KB like the "
        "real ones, each with five values, a citation, a titration table and a help card; "
        "built with the project's own mkdocs.yml, theme, overrides and plugins; the nav "
        "lists only home and sources. " + "; ".join(lines) + ". Peak memory is the build "
        "process's own `ru_maxrss` (`os.wait4`).")
    return rows


def _weight_and_lighthouse(work: Path, details: list[str], quick: bool) -> list[Row]:
    site = work / "site"
    built = subprocess.run([sys.executable, "-m", "medsite", "build", "--site-dir", str(site)],
                           capture_output=True, text=True, cwd=ROOT, check=False)
    if built.returncode != 0:
        raise RuntimeError("the real site does not build:\n" + built.stderr.strip())
    pages = page_weight.site_pages(site)
    missing = lighthouse.missing_tools()
    cli = None if missing else lighthouse.install()
    with serving(site) as base_url:
        weights = page_weight.measure(base_url, pages)
        audits = [lighthouse.run(cli, base_url, path, preset, work)
                  for path in LIGHTHOUSE_PAGES for preset in ("mobile", "desktop")] \
            if cli is not None else []
    heaviest = max(weights, key=lambda w: w.total)
    over = [w for w in weights if w.total > PAGE_BUDGET]
    rows: list[Row] = [
        ("Heaviest first visit, gzip (" + (f"/{heaviest.path}" if heaviest.path else "home")
         + ")", _kb(heaviest.total), "≤ 80 KB every page", _met(not over)),
        ("Pages over 80 KB", f"{len(over)} of {len(weights)}", "0", _met(not over)),
    ]
    parts = sorted(heaviest.files.items(), key=lambda item: -item[1])
    details.append(
        "**Page weight**: each page of the real site opened in a fresh Chromium context "
        "(empty cache), every response from the site gzip-compressed at level 9 and summed "
        f"(1 KB = 1,000 bytes). Lightest {_kb(min(w.total for w in weights))}, heaviest "
        f"{_kb(heaviest.total)}. The heaviest visit: "
        + ", ".join(f"`{url or '/'}` {_kb(size)}" for url, size in parts) + ".")
    if missing:
        rows.append((f"Lighthouse {lighthouse.VERSION}", f"skipped: {missing}", "—", "—"))
        details.append(f"**Lighthouse** did not run: {missing}. It needs Node with npm (it "
                       "installs itself under .bench/) and Chromium at "
                       f"{page_weight.CHROMIUM}.")
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


def _editor_loop(work: Path, details: list[str], quick: bool) -> list[Row]:
    work.mkdir(parents=True, exist_ok=True)
    rounds = 1 if quick else 3
    result = edit_loop.measure(work, rounds=rounds)
    details.append(
        "**Editor's loop**: `mkdocs serve --livereload` on a copy of the project; each round "
        "saves a change and polls the home page every 20 ms until the new words are served. "
        f"Markdown edits: {_seconds_list(result.markdown)}; data edits (the medicine's name "
        f"in the data file): {_seconds_list(result.data)}.")
    return [
        (f"Editor's loop, {kind} change → page served (median of {rounds})",
         f"{statistics.median(times):.2f} s", "≤ 2 s",
         _met(statistics.median(times) <= LOOP_BUDGET))
        for kind, times in (("Markdown", result.markdown), ("data", result.data))
    ]


SECTIONS: dict[str, Section] = {
    "peer": _peer,
    "profile": _profile,
    "scale": _scale,
    "weight": _weight_and_lighthouse,
    "loop": _editor_loop,
}


def _table(rows: list[Row]) -> str:
    lines = ["| Figure | Result | Target | Met? |", "|---|---|---|---|"]
    lines += [f"| {' | '.join(row)} |" for row in rows]
    return "\n".join(lines)


def _report(table: str, details: list[str], elapsed: float, load: tuple[float, float]) -> str:
    today = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    described = {**machine.describe(),
                 "load average (1 minute) at the start and end of the run":
                 f"{load[0]:.1f}, {load[1]:.1f} (other work shares the cores: wall times "
                 "vary with it, CPU times much less)"}
    machine_lines = "\n".join(f"- {name}: {value}" for name, value in described.items())
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
