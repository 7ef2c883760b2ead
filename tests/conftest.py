"""Shared fixtures: the repository, and throw-away copies of it to break."""

from __future__ import annotations

import os

# Tests never touch the network: datasets and the Hub client work offline.
os.environ["HF_DATASETS_OFFLINE"] = "1"
os.environ["HF_HUB_OFFLINE"] = "1"

import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from builders.project import Project  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED_IDS = sorted(p.name for p in (ROOT / "seeds").iterdir() if p.is_dir())


@pytest.fixture(scope="session")
def repo() -> Project:
    return Project(ROOT)


def copy_checkout(root: Path) -> Project:
    """Copy the build's inputs and the committed dataset to ``root``."""
    for folder in ("seeds", "schema", "dataset"):
        shutil.copytree(ROOT / folder, root / folder)
    results = ROOT / "benchmarks" / "results.json"  # the leaderboard the card shows
    if results.is_file():
        (root / "benchmarks").mkdir()
        shutil.copyfile(results, root / "benchmarks" / "results.json")
    return Project(root)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A copy of the checkout's inputs and committed dataset, safe to edit."""
    return copy_checkout(tmp_path / "repo")


def replace_in(path: Path, old: str, new: str, count: int = 1) -> int:
    """Replace ``old`` in a file (it must be there); return the 1-based line where it stood."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line
