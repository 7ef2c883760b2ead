"""The release folder: what ``factprov publish`` uploads, and ``--dry-run`` writes.

It holds typed Parquet for every config and split, a card whose ``configs`` point at
them, ``croissant.json`` describing the Parquet files, the licence file and
CITATION.cff. The committed dataset/ stays JSONL; the release is made from the same
build, after checking that dataset/ is what the seeds build.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from .. import card, citation, croissant, pipeline, writer
from ..project import Project
from ..report import Report


class FolderError(Exception):
    """The release folder cannot be written where asked."""


def parquet_path(jsonl_path: str) -> str:
    return jsonl_path[: -len(".jsonl")] + ".parquet"


def files(outputs: "pipeline.Outputs", project: Project, repo_id: str | None = None) -> dict[str, bytes]:
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
          progress: pipeline.Progress | None = None) -> tuple[dict[str, bytes] | None, Report, str]:
    """The release files and the version, or ``None`` and the problems: seeds that fail any check,
    or a committed dataset/ that is not what they build."""
    outputs, report = pipeline.collect(project, progress=progress)
    if outputs is None:
        return None, report, ""
    pipeline.check_dataset(project, outputs, report)
    if not report.ok:
        return None, report, outputs.version
    return files(outputs, project, repo_id), report, outputs.version


def write(folder: Path, release: dict[str, bytes]) -> None:
    """Make ``folder`` hold exactly the release. A folder holding anything else is refused, not emptied."""
    existing = set(writer.list_tree(folder))
    if folder.exists() and not folder.is_dir():
        raise FolderError(f"{folder} exists and is not a folder")
    foreign = sorted(existing - set(release) - {p for p in existing if p.startswith("data/")
                                                 and p.endswith(".parquet")})
    if foreign:
        raise FolderError(f"{folder} holds files that are not part of a release ({', '.join(foreign[:3])}); "
                           "give an empty or new folder")
    writer.write_atomically(folder, release)

