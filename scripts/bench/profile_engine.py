"""Where the engine's time goes in one build: cProfile of `mkdocs build` with the plugin.

The build runs in a child process under `python -m cProfile`; the functions defined in the
engine's package (scripts/medsite) are then ranked by cumulative time. The plugin's event
handlers do not call each other, so their cumulative times add up to the engine's share of
the build (plus the import of the plugin's module, which MkDocs does when it reads the
config).
Usage: python scripts/bench/profile_engine.py [PAGES]   (a synthetic site; default 1,000)
"""

from __future__ import annotations

import os
import pstats
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from synthetic import write_site

import medsite

PACKAGE = Path(medsite.__file__).resolve().parent
ROOT = PACKAGE.parents[1]
PLUGIN_FILE = PACKAGE / "mkdocs" / "plugin.py"


@dataclass(frozen=True)
class Entry:
    """One engine function in the profile."""

    where: str  # scripts/medsite/render/page.py:61 (render_body)
    calls: int
    cumulative: float
    own: float


@dataclass(frozen=True)
class Profile:
    """The build's total profiled time, the engine's share of it, and its top functions."""

    pages: int
    total: float
    engine: float
    by_event: dict[str, float]
    top: list[Entry]


def profile_build(config_file: Path, pages: int, top: int = 10) -> Profile:
    """Build under cProfile and rank the engine's functions by cumulative time."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "build.prof"
        subprocess.run(
            [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "mkdocs", "build",
             "--strict", "--config-file", str(config_file),
             "--site-dir", str(Path(folder) / "site")],
            check=True, capture_output=True, cwd=config_file.parent,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        stats = pstats.Stats(str(out))
    table = stats.stats  # type: ignore[attr-defined]
    total = max(ct for _, _, _, ct, _ in table.values())
    engine: list[Entry] = []
    by_event: dict[str, float] = {}
    for (filename, line, name), (_, calls, own, cumulative, _) in table.items():
        path = Path(filename)
        if not path.is_relative_to(PACKAGE):
            continue
        if path == PLUGIN_FILE and (name.startswith("on_") or name == "<module>"):
            by_event[name] = cumulative
        if name.startswith("<"):  # a comprehension or a module body, not a function
            continue
        where = f"{path.relative_to(ROOT).as_posix()}:{line} ({name})"
        engine.append(Entry(where, calls, cumulative, own))
    engine.sort(key=lambda entry: -entry.cumulative)
    return Profile(pages, total, sum(by_event.values()), by_event, engine[:top])


def report(profile: Profile) -> str:
    """The profile as Markdown: the engine's share, then its top functions."""
    events = ", ".join(f"`{name}` {seconds:.2f} s" for name, seconds in
                       sorted(profile.by_event.items(), key=lambda item: -item[1]))
    lines = [
        f"cProfile of one `mkdocs build` of {profile.pages:,} synthetic pages with the plugin "
        f"(profiling slows Python down, so only the shares count): the build took "
        f"{profile.total:.2f} s, of which the engine {profile.engine:.2f} s "
        f"({profile.engine / profile.total:.0%}). By event: {events}.",
        "",
        "| Engine function | Calls | Cumulative | Own |",
        "|---|---|---|---|",
    ]
    lines += [f"| `{entry.where}` | {entry.calls:,} | {entry.cumulative:.2f} s | "
              f"{entry.own:.2f} s |" for entry in profile.top]
    return "\n".join(lines)


def main() -> int:
    """Profile a synthetic site of the given size and print the report."""
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000
    with tempfile.TemporaryDirectory(prefix="medsite-profile-") as folder:
        site = write_site(Path(folder), pages)
        print(report(profile_build(site.config_file, pages)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
