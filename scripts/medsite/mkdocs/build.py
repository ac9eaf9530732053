"""`make build`: a strict MkDocs build into a staging folder, swapped in only if it succeeds.

A failed build prints MkDocs' warnings and its one-line error, and leaves the last good site
exactly as it was. The build never writes outside its staging folder and never deletes
anything but that folder and the site it replaces: a `site` that is a symbolic link, a file,
or a folder holding the project itself is refused. A build that is interrupted removes its
staging folder; one that was killed outright has its leftover removed by the next build.
The swap is two renames, so for an instant there is no `site/`; it is never half-written.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from types import FrameType

STAGING_PREFIX = ".site-staging-"


class BuildRefused(Exception):
    """The output folder is not one the build may replace."""


def check_site_dir(site_dir: Path, project_root: Path) -> Path:
    """The output folder, if the build may write there; `BuildRefused` if not."""
    if site_dir.is_symlink():
        raise BuildRefused(f"{site_dir}: is a symbolic link; the build writes only into a "
                           "folder of its own, so remove the link")
    if site_dir.exists() and not site_dir.is_dir():
        raise BuildRefused(f"{site_dir}: is a file, not the site folder; move it away")
    resolved = site_dir.resolve()
    root = project_root.resolve()
    if resolved == root or root.is_relative_to(resolved):
        raise BuildRefused(f"{site_dir}: holds the project itself; build into a folder of "
                           "its own, such as site/")
    for part in resolved.parents:
        if part.is_symlink():
            raise BuildRefused(f"{site_dir}: lies under a symbolic link ({part})")
    return resolved


def remove_stale_staging(parent: Path) -> None:
    """Remove staging folders left by builds that were killed (their process is gone)."""
    for folder in parent.glob(f"{STAGING_PREFIX}*"):
        pid = folder.name.removeprefix(STAGING_PREFIX).split("-", 1)[0]
        if folder.is_dir() and not folder.is_symlink() and pid.isdigit() and \
                not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def build(config_file: Path, site_dir: Path) -> int:
    """Build strictly into a staging folder beside `site_dir`; swap it in on success."""
    try:
        site_dir = check_site_dir(site_dir, config_file.resolve().parent)
    except BuildRefused as exc:
        print(f"Build refused: {exc}", file=sys.stderr)
        return 1
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(site_dir.parent)
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-",
                                    dir=site_dir.parent))
    previous = {sig: signal.signal(sig, _interrupted) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        if not _run_mkdocs(config_file, staging):
            print(f"Build failed; the last good site in {site_dir} is unchanged.",
                  file=sys.stderr)
            return 1
        staging.chmod(0o755)  # mkdtemp makes 0700; the site must be readable by a web server
        old = site_dir.with_name(f".{site_dir.name}-old-{os.getpid()}")
        if site_dir.exists():
            site_dir.rename(old)
        staging.rename(site_dir)
        shutil.rmtree(old, ignore_errors=True)
    except KeyboardInterrupt:
        print("Build interrupted; the last good site is unchanged.", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    print(f"Built {site_dir}")
    return 0


def _run_mkdocs(config_file: Path, staging: Path) -> bool:
    """Run `mkdocs build --strict`; print its warnings and errors, not its progress lines."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file",
               str(config_file), "--site-dir", str(staging)]
    result = subprocess.run(command, env=env, check=False, capture_output=True, text=True,
                            preexec_fn=_die_with_parent)
    for line in report_lines(result.stderr + result.stdout):  # the problem, then the verdict
        print(line, file=sys.stderr)
    return result.returncode == 0


# MkDocs' own lines around a plugin's one-line error, which say nothing more.
_FRAMING = re.compile(r"^(?:Aborted with a BuildError!|ERROR\s+-\s+Error reading page '.*':)$")


def report_lines(output: str) -> list[str]:
    """What an editor reads of MkDocs' output: warnings and errors, without progress lines or
    MkDocs' framing; a crash inside MkDocs or a plugin is one line, not a traceback."""
    lines = [line for line in output.splitlines()
             if line.strip() and not line.startswith("INFO") and not _FRAMING.match(line)]
    if not any(line.startswith("Traceback (most recent call last)") for line in lines):
        return lines
    crash = next((line for line in reversed(lines) if not line.startswith(" ")), "")
    return [f"ERROR   -  the build crashed ({crash.strip()[:200]}); this is a fault in the "
            "engine: report it, with the change that set it off, to the site's developers"]


def _die_with_parent() -> None:
    """In the MkDocs process: be killed when the build process dies (Linux), so a build that
    is killed outright leaves nothing running that still writes into its staging folder."""
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


_PR_SET_PDEATHSIG = 1


def _interrupted(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(prog="medsite build", description=__doc__.splitlines()[0])
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    args = parser.parse_args(argv)
    return build(args.config_file, args.site_dir)


if __name__ == "__main__":
    sys.exit(main())
