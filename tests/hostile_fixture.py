"""The fixture project the build and hostile-input tests start from (tests/test_build.py and
tests/test_hostile.py): built once, copied per case, its commands run under a hang guard.

Every command runs in a process group of its own with a memory cap and a timeout. These are
guards, not measurements: a run that stalls or eats memory fails the test instead of the
whole suite, and no test asserts how long anything takes (the project never times tests).
"""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import copy_fixture_project
from medsite.data.schema import schema_text

# Hang guard: a good build of the fixture site takes a second or two; a stalled one never ends.
GUARD_SECONDS = 60
# Memory guard: an alias bomb that were expanded would pass this long before it finished.
MEMORY_BYTES = 2 * 1024**3
ERROR = "ERROR   -  "


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def start(project: Path, *args: str) -> subprocess.Popen[str]:
    """Start `python -m medsite ARGS` in `project`, in a process group of its own."""
    return subprocess.Popen(
        [sys.executable, "-m", "medsite", *args], cwd=project, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
        preexec_fn=_limit_memory, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def finish(process: subprocess.Popen[str]) -> subprocess.CompletedProcess[str]:
    """Wait for a started command; a hung one is killed with its children and fails the test."""
    try:
        out, err = process.communicate(timeout=GUARD_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"{process.args!r} still ran after {GUARD_SECONDS} s")
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def medsite(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m medsite ARGS` in `project` under the guards."""
    return finish(start(project, *args))


def build(project: Path) -> subprocess.CompletedProcess[str]:
    """`make build` in `project`: the strict build into its site/ folder."""
    return medsite(project, "build")


def make_project(folder: Path) -> Path:
    """The fixture site with its data, the repository's overrides and the data's schema."""
    project = copy_fixture_project(folder)
    (project / "data" / "dosing.schema.json").write_text(schema_text(), encoding="utf-8")
    return project


def digests(folder: Path) -> dict[str, str]:
    """The SHA-256 of every file under `folder`, by path: equal means byte-identical."""
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def leftovers(project: Path) -> list[str]:
    """Staging or old-site folders a build left beside site/."""
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site"))


@dataclass(frozen=True)
class GoodSite:
    """A fixture project whose site/ was built by the real build, and that site's digests."""

    project: Path
    digests: dict[str, str]

    def copy(self, destination: Path) -> Path:
        """A copy of the project, its last good site included, to change and build again."""
        shutil.copytree(self.project, destination, symlinks=True)
        return destination


def build_good_site(folder: Path) -> GoodSite:
    """Build the fixture project once; fail if the good site does not build cleanly."""
    project = make_project(folder)
    result = build(project)
    assert result.returncode == 0, result.stderr
    return GoodSite(project, digests(project / "site"))


Edit = tuple[str, str | bytes, str | bytes]


def apply(project: Path, edits: tuple[Edit, ...]) -> None:
    """Make each edit (file, old, new) to the project's files, byte for byte."""
    for name, old, new in edits:
        path = project / name
        raw = path.read_bytes()
        before = old.encode() if isinstance(old, str) else old
        after = new.encode() if isinstance(new, str) else new
        assert before in raw, f"{name} has no {before[:60]!r}"
        path.write_bytes(raw.replace(before, after, 1))
