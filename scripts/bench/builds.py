"""Timed `mkdocs build` runs, and MkDocs configs derived from a project's `mkdocs.yml`."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import yaml
from mkdocs.utils.yaml import yaml_load

from medsite.project import PLUGIN

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class BuildRun:
    """One build in a child process: wall seconds, CPU seconds (user + system, the child's
    own, from `os.wait4`) and peak resident memory in MB."""

    seconds: float
    cpu_seconds: float
    peak_mb: float


def project_config(root: Path = ROOT) -> dict[str, Any]:
    """A project's `mkdocs.yml` as a dict, read as MkDocs reads it (`!ENV` tags take their
    value from the environment now), so it can be written back as plain YAML."""
    return yaml_load((root / "mkdocs.yml").read_text(encoding="utf-8"))


def plugin_block(config: dict[str, Any]) -> dict[str, Any]:
    """The medsite plugin's settings in a config (changing it changes the config)."""
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and PLUGIN in entry:
            block: dict[str, Any] = entry[PLUGIN]
            return block
    raise ValueError("mkdocs.yml: the medsite plugin is not listed under 'plugins:'")


def without_plugin(config: dict[str, Any], medicine: str) -> dict[str, Any]:
    """The same config with the medsite plugin removed (every other plugin stays).

    The theme overrides read `config.extra.medsite.medicine`, which the plugin sets; it is
    written into `extra` instead, so the pages still build.
    """
    plugins = [entry for entry in config.get("plugins") or []
               if entry != PLUGIN and not (isinstance(entry, dict) and PLUGIN in entry)]
    extra = {**(config.get("extra") or {}), "medsite": {"medicine": medicine, "feedback": None}}
    return {**config, "plugins": plugins, "extra": extra}


def write_config(config: dict[str, Any], path: Path) -> Path:
    """Write a config as YAML and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def timed_build(config_file: Path, site_dir: Path) -> BuildRun:
    """Run `mkdocs build --strict` in a child process; stop with its output if it fails."""
    return start_build(config_file, site_dir).wait()


def start_build(config_file: Path, site_dir: Path, cpu: int | None = None) -> RunningBuild:
    """Start `mkdocs build --strict` in a child process (on one CPU, when `cpu` is given)."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict",
               "--config-file", str(config_file), "--site-dir", str(site_dir)]
    # Bytecode is written and reused, as on an editor's machine: a shell that sets
    # PYTHONDONTWRITEBYTECODE would otherwise make every build compile the engine again.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    log = tempfile.TemporaryFile()  # noqa: SIM115 (closed by RunningBuild.wait)
    pin = None if cpu is None else (lambda: os.sched_setaffinity(0, {cpu}))
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env,
                             cwd=config_file.parent, preexec_fn=pin)
    return RunningBuild(config_file, child, log, start)


@dataclass
class RunningBuild:
    """A build started by `start_build`; `wait` gives its `BuildRun`."""

    config_file: Path
    child: subprocess.Popen[bytes]
    log: IO[bytes]
    start: float

    def wait(self) -> BuildRun:
        """Wait for the build; its own CPU time and memory come from `os.wait4`."""
        _, status, usage = os.wait4(self.child.pid, 0)
        return self._ended(status, usage)

    def _ended(self, status: int, usage: resource.struct_rusage) -> BuildRun:
        seconds = time.perf_counter() - self.start
        with self.log:
            self.child.returncode = os.waitstatus_to_exitcode(status)
            if self.child.returncode != 0:
                self.log.seek(0)
                raise RuntimeError(f"build of {self.config_file} failed:\n"
                                   f"{self.log.read().decode()}")
        return BuildRun(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def wait_all(builds: dict[str, RunningBuild]) -> dict[str, BuildRun]:
    """Wait for builds running at the same time, each timed to its own end (whichever
    ends first is reaped first)."""
    by_pid = {build.child.pid: name for name, build in builds.items()}
    done: dict[str, BuildRun] = {}
    while by_pid:
        pid, status, usage = os.wait4(-1, 0)
        name = by_pid.pop(pid, None)
        if name is not None:
            done[name] = builds[name]._ended(status, usage)
    return done
