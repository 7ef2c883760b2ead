"""The release folder: what ``factprov publish`` uploads, and ``--dry-run`` writes.

It holds typed Parquet for every config and split, a card whose ``configs`` point at
them, ``croissant.json`` describing the Parquet files, the licence file and
CITATION.cff. The committed dataset/ stays JSONL; the release is made from the same
build, after checking that dataset/ is what the seeds build.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from factprov.base import writer
from factprov.base.project import Project
from factprov.base.report import Report
from factprov.build.pipeline import Progress
from factprov.publish import card, citation, croissant, dataset


class FolderError(Exception):
    """The release folder cannot be written where asked."""


def parquet_path(jsonl_path: str) -> str:
    return jsonl_path[: -len(".jsonl")] + ".parquet"


def files(outputs: dataset.Published, project: Project, repo_id: str | None = None) -> dict[str, bytes]:
    """Every file of the release folder, by relative path."""
    # The same build, with the release facts of the repository it goes to (its address, when there is one).
    published = dataclasses.replace(outputs, release=citation.load(project.root, outputs.version, repo_id))
    data = {parquet_path(path): content for path, content in outputs.parquet.items()}
    published.parquet, published.num_bytes = outputs.parquet, outputs.num_bytes  # computed once
    layout = card.Layout("parquet", data)
    out = dict(data)
    out["README.md"] = card.render(published, layout).encode("utf-8")
    out[card.LICENSE_FILE] = card.render_license(published).encode("utf-8")
    out["croissant.json"] = croissant.render(published, layout).encode("utf-8")
    out["CITATION.cff"] = (project.root / "CITATION.cff").read_bytes()
    return dict(sorted(out.items()))


def build(project: Project, repo_id: str | None = None,
          progress: Progress | None = None) -> tuple[dict[str, bytes] | None, Report, str]:
    """The release files and the version, or ``None`` and the problems: seeds that fail any check,
    or a committed dataset/ that is not what they build."""
    outputs, report = dataset.collect(project, progress=progress)
    if outputs is None:
        return None, report, ""
    dataset.check_dataset(project, outputs, report)
    if not report.ok:
        return None, report, outputs.version
    return files(outputs, project, repo_id), report, outputs.version


MARKER = ".factprov-release"  # says the folder is a release this command wrote, so it may be replaced


def write(folder: Path, release: dict[str, bytes]) -> None:
    """Make ``folder`` hold exactly the release. Only a new or empty folder, or one this command wrote
    (it holds :data:`MARKER`), is replaced: a folder of anything else is refused, never emptied."""
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise FolderError(f"{folder} exists and is not a folder")
    if folder.is_dir() and any(folder.iterdir()) and not (folder / MARKER).is_file():
        held = sorted(p.name for p in folder.iterdir())
        raise FolderError(f"{folder} is not empty and was not written by factprov publish (it holds "
                          f"{', '.join(held[:3])}{' ...' if len(held) > 3 else ''}); give an empty or new folder")
    marker = b"A release folder written by `factprov publish --dry-run`; the command replaces this folder.\n"
    writer.write_atomically(folder, {**release, MARKER: marker})

