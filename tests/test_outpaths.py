"""Outputs never land in the checkout's inputs, dataset or tracked files, nor replace the working folder:
export, extract, site and publish --dry-run, through the CLI."""

from __future__ import annotations

import os

import pytest

from factprov import cli
from factprov.base.writer import read_tree
from factprov.publish import dataset

from .conftest import A0


def run(project, *args: str) -> int:
    return cli.main(["--root", str(project.root), *args])


@pytest.mark.parametrize("target", ["seeds/sources.yaml", f"seeds/{A0}/statements.yaml",
                                    "dataset/data/statements/test.jsonl", "dataset/README.md", ".git/HEAD",
                                    "schema/common.schema.json"])
@pytest.mark.parametrize("command", [["export", "prov"], ["export", "claimreview"], ["extract", "--model", "rules"]])
def test_no_output_over_the_checkouts_own_files(repo_project, capsys, target, command):
    before = read_tree(repo_project.root)
    assert run(repo_project, *command, "-o", str(repo_project.root / target)) in (1, 2)  # 2: a usage error
    err = capsys.readouterr().err
    assert "inside" in err and "Traceback" not in err
    assert read_tree(repo_project.root) == before


def test_no_output_over_a_tracked_file_of_the_checkout(repo_project, capsys):
    before = read_tree(repo_project.root)
    assert run(repo_project, "export", "prov", "-o", str(repo_project.root / "CHANGELOG.md")) == 1
    assert "tracked by git" in capsys.readouterr().err
    assert read_tree(repo_project.root) == before
    # An untracked file of one's own may be written, and written again.
    for _ in range(2):
        assert run(repo_project, "export", "prov", "-o", str(repo_project.root / "prov.json")) == 0


def test_export_onto_a_folder_or_a_pipe_is_refused(project, tmp_path, capsys):
    assert run(project, "export", "prov", "-o", str(tmp_path)) == 1
    assert "is a folder" in capsys.readouterr().err
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert run(project, "export", "prov", "-o", str(fifo)) == 1  # refused at once, never opened
    assert "not a regular file" in capsys.readouterr().err


@pytest.mark.parametrize("where", ["dataset/site", f"seeds/{A0}/site", "."])
def test_site_is_never_written_into_the_checkout_or_over_the_working_folder(project, capsys, monkeypatch, where):
    monkeypatch.chdir(project.root)
    before = read_tree(project.root)
    assert run(project, "site", "-q", "-o", where) == 1
    assert "nothing was written" in capsys.readouterr().err
    assert read_tree(project.root) == before


def test_publish_dry_run_never_empties_a_folder_of_other_files(project, tmp_path, capsys):
    dataset.build(project, progress=None)
    mine = tmp_path / "mine"
    (mine / "data" / "own").mkdir(parents=True)
    (mine / "README.md").write_text("my notes\n", encoding="utf-8")
    (mine / "data" / "own" / "results.parquet").write_bytes(b"PAR1 mine")
    before = read_tree(mine)
    assert run(project, "publish", "-q", "--dry-run", str(mine)) == 1
    assert "not empty and was not written by factprov publish" in capsys.readouterr().err
    assert read_tree(mine) == before
    fresh = tmp_path / "release"
    assert run(project, "publish", "-q", "--dry-run", str(fresh)) == 0
    assert run(project, "publish", "-q", "--dry-run", str(fresh)) == 0  # its own folder is replaced
