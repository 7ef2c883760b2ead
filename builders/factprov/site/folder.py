"""The output folder of ``factprov site``: written in full beside it, then swapped in with two renames.

A run that fails leaves the previous site as it was. Only a folder this command wrote (it
holds :data:`MARKER`), or an empty or new one, is replaced, so ``-o`` given a folder of
other files refuses rather than deleting them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from factprov.site.data import SiteError

MARKER = ".factprov-site"  # says the folder is a site this command wrote, so it may be replaced


def _siblings(folder: Path) -> tuple[Path, Path]:
    return folder.with_name(f".{folder.name}.site-staging"), folder.with_name(f".{folder.name}.site-previous")


def check_target(folder: Path) -> None:
    if folder.is_symlink() or (folder.exists() and (not folder.is_dir() or (
            any(folder.iterdir()) and not (folder / MARKER).is_file()))):
        raise SiteError(f"{folder} exists and is not a site written by factprov site; give a new or empty folder")


def stage(folder: Path) -> Path:
    """An empty staging folder beside ``folder`` (a leftover of an interrupted run is finished or removed)."""
    staging, previous = _siblings(folder)
    try:
        if previous.is_dir() and not previous.is_symlink():
            if folder.exists():
                shutil.rmtree(previous)
            else:
                previous.rename(folder)  # killed between the two renames: the previous site comes back
        if staging.is_dir() and not staging.is_symlink():
            shutil.rmtree(staging)
        staging.mkdir(parents=True)
    except OSError as exc:
        raise SiteError(f"cannot write beside {folder}: {exc}") from None
    (staging / MARKER).write_text("A static site written by `factprov site`; the command replaces this folder.\n",
                                  encoding="utf-8")
    return staging


def swap_in(folder: Path) -> None:
    staging, previous = _siblings(folder)
    try:
        if folder.exists():
            folder.rename(previous)
        staging.rename(folder)
    except OSError as exc:
        raise SiteError(f"cannot replace {folder}: {exc}") from None
    shutil.rmtree(previous, ignore_errors=True)


def discard(folder: Path) -> None:
    shutil.rmtree(_siblings(folder)[0], ignore_errors=True)
