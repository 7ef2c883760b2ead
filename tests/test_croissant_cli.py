"""Croissant metadata checked with mlcroissant, and the CLI end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from factprov import cli
from factprov.cli.dataset import format_summary
from factprov.publish import dataset


def _script(name: str) -> str:
    """A console script of the environment running the tests."""
    return str(Path(sys.executable).parent / name)


def test_croissant_validates_and_reads_every_record(repo):
    """dataset/croissant.json describes the JSONL files; the release's, tested value by value, the Parquet."""
    mlc = pytest.importorskip("mlcroissant")
    jsonld = repo.dataset / "croissant.json"
    result = subprocess.run([_script("mlcroissant"), "validate", "--jsonld", str(jsonld)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    doc = json.loads(jsonld.read_text(encoding="utf-8"))
    described = mlc.Dataset(jsonld=str(jsonld))
    for record_set in doc["recordSet"]:
        if "data" in record_set:  # a label enumeration, held in the metadata itself
            continue
        config, split = record_set["@id"].rsplit("-", 1)
        rows = (repo.dataset / f"data/{config}/{split}.jsonl").read_text(encoding="utf-8").splitlines()
        assert sum(1 for _ in described.records(record_set=record_set["@id"])) == len(rows)


def test_build_quiet_prints_one_line(project, capsys):
    assert cli.main(["--root", str(project.root), "build", "-q"]) == 0
    captured = capsys.readouterr()
    outputs, _ = dataset.collect(project, progress=None)
    assert captured.err == ""
    assert captured.out.splitlines() == [
        f"wrote dataset/ ({len(outputs.files)} files): version {outputs.version}, {outputs.rows['articles']} articles, "
        f"{outputs.rows['statements']} statements, {outputs.fingerprint}"]


def test_build_command_prints_summary_tables(project, capsys):
    assert cli.main(["--root", str(project.root), "build"]) == 0
    out = capsys.readouterr().out
    outputs, _ = dataset.collect(project, progress=None)
    assert f"version      {outputs.version}" in out
    assert outputs.fingerprint in out
    statements = outputs.statements
    assert f"statements   {len(statements)}" in out
    direct = sum(s["kind"] == "direct_quote" for s in statements)
    assert any(line.startswith("direct_quote") and line.split()[-1] == str(direct) for line in out.splitlines())


def test_validate_command_on_the_repository(repo, capsys):
    assert cli.main(["--root", str(repo.root), "validate"]) == 0
    assert "valid" in capsys.readouterr().out


def test_console_script_is_installed(repo):
    result = subprocess.run([_script("factprov"), "--root", str(repo.root), "validate", "--json"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["valid"] is True


def test_the_package_is_factprov_and_builders_is_not_installed(tmp_path):
    """Outside the checkout, `import factprov` works and no top-level `builders` is importable."""
    code = ("import importlib.util, factprov, factprov.cli, factprov.site, factprov.exports; "
            "print(factprov.__name__, importlib.util.find_spec('builders') is None)")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["factprov", "True"]


def test_the_summary_has_a_column_per_split_when_articles_are_many(project, capsys, monkeypatch):
    monkeypatch.setattr(cli.dataset, "SUMMARY_ARTICLE_COLUMNS", 1)
    assert cli.main(["--root", str(project.root), "build", "-q"]) == 0
    capsys.readouterr()
    outputs, _ = dataset.collect(project, progress=None)
    summary = format_summary(outputs)
    header = next(line for line in summary.splitlines() if line.startswith("kind"))
    splits = sorted({a["split"] for a in outputs.records["articles"]})
    assert header.split() == ["kind", *(w for s in splits for w in ("split", s)), "all"]
    last = [line for line in summary.splitlines() if line.startswith("all")][-1]
    assert last.split()[-1] == str(len(outputs.statements))
