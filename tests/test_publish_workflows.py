"""The GitHub Actions workflows are well formed and do what the project's own commands do:
deploy builds once, checks that build and deploys it; check-sources runs weekly."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import ROOT, site_under_test

WORKFLOWS = ROOT / ".github" / "workflows"


def workflow(name: str) -> dict[str, Any]:
    loaded: dict[Any, Any] = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as true.
    loaded["on"] = loaded.pop(True, loaded.get("on"))
    return loaded


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = job["steps"]
    return found


def runs(job: dict[str, Any]) -> str:
    return "\n".join(step.get("run", "") for step in steps(job))


def uses(job: dict[str, Any]) -> list[str]:
    return [step["uses"] for step in steps(job) if "uses" in step]


def make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", text, re.MULTILINE))


@pytest.mark.parametrize("name", ["deploy.yml", "check-sources.yml", "pull-request.yml"])
def test_workflow_is_well_formed(name: str) -> None:
    flow = workflow(name)
    assert flow["name"] and flow["on"] and flow["jobs"]
    for job in flow["jobs"].values():
        assert job["runs-on"] == "ubuntu-latest"
        for step in steps(job):
            assert ("uses" in step) != ("run" in step), step
        for action in uses(job):
            assert re.fullmatch(r"actions/[a-z-]+@v\d+", action), action


@pytest.mark.parametrize("name", ["deploy.yml", "check-sources.yml", "pull-request.yml"])
def test_workflow_runs_only_make_targets_that_exist(name: str) -> None:
    called = set()
    for job in workflow(name)["jobs"].values():
        called |= set(re.findall(r"\bmake ([a-z-]+)", runs(job)))
    assert called and called <= make_targets(), called - make_targets()


def test_deploy_builds_once_checks_that_build_then_deploys_it() -> None:
    flow = workflow("deploy.yml")
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    commands = [step.get("run", "") for step in steps(build)]
    order = [next(i for i, run in enumerate(commands) if run.strip() == command)
             for command in ("make build", "make test")]
    assert order == sorted(order)
    upload = [step for step in steps(build) if "upload-pages-artifact" in step.get("uses", "")]
    assert [step["with"]["path"] for step in upload] == ["site"]
    assert steps(build).index(upload[0]) > max(order)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^build: .*\n\t\$\(MEDSITE\) build\n", makefile, re.MULTILINE), \
        "make build must write the default site/ that the workflow uploads"
    assert deploy["needs"] == "build"
    assert [a.split("@")[0] for a in uses(deploy)] == ["actions/deploy-pages"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert flow["permissions"] == {"contents": "read"}
    assert flow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert flow["on"]["push"]["branches"] == ["main"]


def test_deploy_checks_run_as_in_ci_with_the_system_packages_they_need() -> None:
    build = workflow("deploy.yml")["jobs"]["build"]
    test_step = next(step for step in steps(build) if step.get("run") == "make test")
    # make check compares the data with main as it was before the push (required under CI).
    assert test_step["env"] == {"CI": "true",
                                "BASE": "${{ github.event.before || 'HEAD~1' }}",
                                "MEDSITE_TEST_SITE": "site"}
    assert steps(build)[0]["with"]["fetch-depth"] == 0
    ci_packages = re.findall(r"apt-get install -y -qq ([a-z ]+)", runs(build))
    assert ci_packages and {"chromium", "faketime"} <= set(ci_packages[0].split())


@pytest.mark.parametrize("name", ["deploy.yml", "check-sources.yml", "pull-request.yml"])
def test_cache_is_renewed_weekly_as_materials_docs_advise(name: str) -> None:
    job = next(iter(workflow(name)["jobs"].values()))
    week = next(step for step in steps(job) if "cache_id" in step.get("run", ""))
    assert week["run"] == "echo \"cache_id=$(date --utc '+%V')\" >> \"$GITHUB_ENV\""
    cache = next(step for step in steps(job) if step.get("uses", "").startswith("actions/cache"))
    assert cache["with"]["key"].endswith("-${{ env.cache_id }}")
    assert steps(job).index(week) < steps(job).index(cache)


def test_sources_are_checked_weekly() -> None:
    flow = workflow("check-sources.yml")
    (schedule,) = flow["on"]["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert hour.isdigit()
    assert (day, month) == ("*", "*") and weekday.isdigit() and minute.isdigit()
    job = flow["jobs"]["check-sources"]
    assert "make check-sources" in runs(job)
    assert any(step.get("if") == "always()" and "report.md" in str(step.get("with", ""))
               for step in steps(job))


def test_git_can_read_the_checkout_so_the_build_date_is_the_commits() -> None:
    for name in ("deploy.yml", "check-sources.yml", "pull-request.yml"):
        for job in workflow(name)["jobs"].values():
            if "container" in job:
                assert 'safe.directory "$GITHUB_WORKSPACE"' in runs(job), name


def test_a_pull_request_runs_ci_against_its_base_branch_and_reports_the_changes() -> None:
    flow = workflow("pull-request.yml")
    assert "pull_request" in flow["on"]
    assert flow["permissions"] == {"contents": "read"}
    job = flow["jobs"]["check"]
    assert job["env"]["BASE"] == "origin/${{ github.base_ref }}"
    assert steps(job)[0]["with"]["fetch-depth"] == 0
    commands = [step.get("run", "").strip() for step in steps(job)]
    # .ci/run is what CI runs: make test under CI=true, whose make check requires the base.
    assert "bash .ci/run" in commands
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "CI=true make test" in ci
    report = next(i for i, run in enumerate(commands) if run.startswith("make changes"))
    assert "build/changes.md" in commands[report]
    upload = next(step for step in steps(job)
                  if step.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "build/changes.md"
    assert commands.index("bash .ci/run") < report < steps(job).index(upload)


def test_the_site_checks_can_read_the_deployed_build(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # The deploy workflow sets MEDSITE_TEST_SITE=site: the session's built site is then a
    # copy of that build (conftest.built_site), and a folder with no built site stops the run.
    monkeypatch.delenv("MEDSITE_TEST_SITE", raising=False)
    assert site_under_test() is None
    monkeypatch.setenv("MEDSITE_TEST_SITE", str(tmp_path))
    with pytest.raises(pytest.UsageError, match="no built site there"):
        site_under_test()
    (tmp_path / "index.html").write_text("<!doctype html>", encoding="utf-8")
    assert site_under_test() == tmp_path.resolve()
