"""The contributor-facing CI files run commands that exist, with flags the CLI accepts."""

from __future__ import annotations

import re
import shlex

import yaml

from factprov import cli

from .conftest import ROOT


def factprov_args(command: str) -> list[str]:
    command = re.sub(r"\$\{\{[^}]*\}\}", "main", command)
    argv = shlex.split(command)
    assert argv[0] == "factprov", command
    return argv[1:]


def test_workflow_validates_pull_requests_with_annotations_and_the_version_check():
    workflow = yaml.safe_load((ROOT / ".github/workflows/validate.yml").read_text(encoding="utf-8"))
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as True
    steps = workflow["jobs"]["validate"]["steps"]
    runs = [s["run"] for s in steps if "factprov validate" in s.get("run", "")]
    pr = next(r for s, r in ((s, s.get("run", "")) for s in steps) if s.get("if", "").endswith("'pull_request'"))
    args = cli.parser().parse_args(factprov_args(pr))
    assert (args.command, args.format, args.base) == ("validate", "github", "origin/main")
    for run in runs:
        cli.parser().parse_args(factprov_args(run))
    assert any(s.get("with", {}).get("fetch-depth") == 0 for s in steps)  # the base ref must be fetched
    tests = workflow["jobs"]["tests"]["steps"]
    assert any(s.get("run") == "bash .ci/run" for s in tests)


def test_workflow_uploads_the_site_of_the_changed_articles_on_pull_requests():
    workflow = yaml.safe_load((ROOT / ".github/workflows/validate.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["validate"]["steps"]
    site = next(s for s in steps if "factprov site" in s.get("run", ""))
    args = cli.parser().parse_args(factprov_args(site["run"]))
    assert (args.command, args.changed_since) == ("site", "origin/main")
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == str(args.output)
    for step in (site, upload):  # only on pull requests, and also when validation found problems
        assert "pull_request" in step["if"] and "always()" in step["if"]
    assert steps.index(site) < steps.index(upload)


def test_ci_installs_chromium_for_the_browser_tests_when_it_is_missing():
    script = (ROOT / ".ci/run").read_text(encoding="utf-8")
    install = script.index("apt-get install")
    assert "chromium" in script[install:script.index("\n", install)]
    assert "command -v chromium" in script[:install]  # only when missing
    assert install < script.index("pytest")


def test_pre_commit_hook_runs_validate_on_seed_changes():
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert cli.parser().parse_args(factprov_args(hook["entry"])).command == "validate"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("seeds/001_x/statements.yaml") and files.search("dataset/README.md")
    assert not files.search("README.md") and not files.search("builders/factprov/cli/__init__.py")
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert f"entry: {hook['entry']}" in guide and f"files: {hook['files']}" in guide


def test_every_workflow_job_caches_pip_and_has_a_timeout():
    workflow = yaml.safe_load((ROOT / ".github/workflows/validate.yml").read_text(encoding="utf-8"))
    for name, job in workflow["jobs"].items():
        assert 0 < job["timeout-minutes"] <= 60, name
        python = [s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-python@")]
        assert python and all(s["with"].get("cache") == "pip" for s in python), name
