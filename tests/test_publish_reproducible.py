"""Two builds of one commit, in different folders and with clocks a year apart, are the same
byte for byte: every date a page shows comes from the pages, the data or the commit.

The later build runs under libfaketime (Debian's `faketime`), which moves the clock of the
build and of everything it starts.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import IN_CI, ROOT
from publish_fixture import make_project

FAKETIME = shutil.which("faketime")
A_YEAR_LATER = "+400d"
COMMIT_DATE = "2026-11-26T12:00:00+00:00"
_GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
            "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
            "GIT_AUTHOR_DATE": COMMIT_DATE, "GIT_COMMITTER_DATE": COMMIT_DATE}


@pytest.fixture(scope="module")
def faketime() -> str:
    if FAKETIME is None:
        message = "faketime not found: `apt-get install faketime` to build with a moved clock"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return FAKETIME


def git(folder: Path, *args: str) -> None:
    result = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True,
                            check=False, env={**os.environ, **_GIT_ENV})
    assert result.returncode == 0, result.stderr


def clone_and_build(repository: Path, folder: Path, clock: list[str]) -> Path:
    """Clone the repository into `folder` and build it there, under `clock` (a command
    prefix); the site folder."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    git(folder.parent, "clone", "--quiet", str(repository), folder.name)
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    result = subprocess.run(
        [*clock, sys.executable, "-m", "medsite", "build", "--site-dir", "site"],
        cwd=folder, capture_output=True, text=True, check=False,
        env={**env, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    return folder / "site"


def digests(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file()}


def differences(first: Path, second: Path) -> list[str]:
    """The files that differ, each with its first differing lines."""
    one, two = digests(first), digests(second)
    found = [f"only in one build: {name}" for name in sorted(set(one) ^ set(two))]
    for name in sorted(set(one) & set(two)):
        if one[name] != two[name]:
            lines = difflib.unified_diff(
                (first / name).read_text(encoding="utf-8", errors="replace").splitlines(),
                (second / name).read_text(encoding="utf-8", errors="replace").splitlines(),
                lineterm="", n=0)
            found.append(f"{name}: " + " | ".join(list(lines)[2:6])[:400])
    return found


def test_fixture_builds_a_year_apart_in_two_folders_are_identical(tmp_path: Path,
                                                                   faketime: str) -> None:
    repository = tmp_path / "repository"
    make_project(repository)
    git(repository, "init", "--quiet")
    git(repository, "add", "-A")
    git(repository, "commit", "--quiet", "-m", "fixture")
    today = clone_and_build(repository, tmp_path / "a", [])
    later = clone_and_build(repository, tmp_path / "b" / "somewhere" / "else",
                            [faketime, "-f", A_YEAR_LATER])
    assert differences(today, later) == []
    assert len(digests(today)) > 15


def test_real_site_builds_a_year_apart_in_two_folders_are_identical(tmp_path: Path,
                                                                     faketime: str) -> None:
    today = clone_and_build(ROOT, tmp_path / "a", [])
    later = clone_and_build(ROOT, tmp_path / "b" / "somewhere" / "else",
                            [faketime, "-f", A_YEAR_LATER])
    assert differences(today, later) == []
