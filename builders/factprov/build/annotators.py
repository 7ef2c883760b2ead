"""Independent annotations: ``seeds/<id>/annotators/<name>.yaml``, one annotator's own statements of an article.

An article may be annotated by several people independently, to measure how far they agree;
``statements.yaml`` stays the adjudicated gold that the dataset publishes. Each annotator's file
has the format of statements.yaml and is held to the same checks (:func:`check_annotator`).
``<name>`` is a pseudonym chosen by the team, not an e-mail address: lower-case letters,
digits, ``-`` and ``_``.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass
from pathlib import Path

from factprov.base.project import Project
from factprov.base.report import Issue, Report
from factprov.base.yamlio import YamlError
from factprov.build.corpus import article_record
from factprov.build.inputs import load_yaml, statement_faults
from factprov.build.registry import Registry, load_registry
from factprov.build.schemas import Schemas
from factprov.build.seeds import Seed, load_seed
from factprov.build.statements import Resolved, resolve

FOLDER = "annotators"
NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")
NAME_RULE = "1 to 40 lower-case letters, digits, '-' or '_', starting with a letter or digit"
MAX_FILES = 50  # annotators of one article


def valid_name(name: str) -> bool:
    return NAME.fullmatch(name) is not None


def annotator_path(folder: Path, name: str) -> Path:
    return folder / FOLDER / f"{name}.yaml"


def annotator_files(project: Project, folder: Path, report: Report) -> list[tuple[str, Path]]:
    """(name, path) of each annotator's file of a seed folder, in name order; anything else in
    ``annotators/`` (a link, a folder, another name) is a ``path`` error."""
    sub = folder / FOLDER
    if not os.path.lexists(sub):
        return []
    rel = project.rel(sub)
    if sub.is_symlink():
        return []  # a link in a seed folder is reported with the others (factprov.build.seeds)
    if not sub.is_dir():
        report.add(Issue(rel, None, None, "", "path", f"must be a folder of annotators' files, {FOLDER}/<name>.yaml"))
        return []
    try:
        entries = sorted(os.scandir(sub), key=lambda e: e.name)
    except OSError as exc:
        report.add(Issue(rel, None, None, "", "io", f"cannot be listed: {exc.strerror or exc}"))
        return []
    found = []
    for entry in entries:
        path, stem = Path(entry.path), entry.name.removesuffix(".yaml")
        if entry.is_symlink():
            problem = "is a symbolic link; an annotator's file is a regular file (remove the link)"
        elif not entry.is_file(follow_symlinks=False):
            problem = f"is not a file; {FOLDER}/ holds one file per annotator, <name>.yaml"
        elif not entry.name.endswith(".yaml") or not valid_name(stem):
            problem = (f"is not an annotator's file: name it {FOLDER}/<name>.yaml, the name being a pseudonym of "
                       f"{NAME_RULE}")
        else:
            found.append((stem, path))
            continue
        report.add(Issue(project.rel(path), None, None, "", "path", problem))
    if len(found) > MAX_FILES:
        report.add(Issue(rel, None, None, "", "path", f"{len(found)} annotators' files; at most {MAX_FILES} are "
                                                       "read for one article"))
        found = found[:MAX_FILES]
    return found


@dataclass
class Annotation:
    """One annotator's file of one article, checked: its finished statements and where its
    evidence points (for the corpus-wide check of references)."""

    annotator: str
    file: str
    resolved: Resolved
    ok: bool  # no error in the file


def check_annotator(project: Project, seed: Seed, name: str, path: Path, registry: Registry, schemas: Schemas,
                    report: Report, text: str | None = None) -> Annotation | None:
    """An annotator's file (or the ``text`` it is to hold) checked as statements.yaml is; ``None`` when it
    cannot be used at all (reported)."""
    before = len(report.errors)
    errors: list = []
    undecided: list = []
    if text is None:
        try:
            project.check_inside(path)
        except YamlError as exc:
            report.add(Issue(project.rel(path), None, None, "", exc.code, exc.message))
            return None
    doc = load_yaml(project, path, "annotations", schemas, report, errors_out=errors, undecided=undecided, text=text)
    faults = statement_faults(errors, undecided) if doc is not None else None
    if doc is None or faults is None:
        return None
    own = as_annotation(seed, doc, project.rel(path), faults, undecided)
    resolved = resolve(own, registry, report)
    return Annotation(name, own.annotations_file, resolved, len(report.errors) == before)


def as_annotation(seed: Seed, doc, file: str, faults: dict, undecided: list) -> Seed:
    """The seed with another annotation file in place of statements.yaml; the text's indexes are shared."""
    own = dataclasses.replace(seed, annotations=doc, annotations_file=file, faults=faults, undecided=undecided)
    for cached in ("index", "sentences", "quoted"):  # cached properties of the text, costly to compute again
        if cached in seed.__dict__:
            own.__dict__[cached] = seed.__dict__[cached]
    return own


@dataclass
class Independent:
    """The annotators' files of the articles that have some: what ``factprov agreement`` compares."""

    articles: dict[str, dict]  # article_id -> its article record (text, boilerplate)
    annotations: dict[str, dict[str, list[dict]]]  # article_id -> annotator -> finished statements
    report: Report  # problems of the annotators' files, and of the texts and meta.yaml they need


def independent(project: Project, ids: list[str] | None = None) -> Independent:
    """Every annotator's file of the given articles (default: all), checked; the adjudicated statements.yaml
    is not read for this, so a draft there does not stop a comparison before adjudication."""
    report = Report()
    schemas = Schemas(project.schema)
    registry = load_registry(project, schemas, report)
    folders = project.seed_folders()
    if ids is not None:
        known = {f.name for f in folders}
        for missing in sorted(set(ids) - known):
            report.add(Issue(f"{project.rel(project.seeds)}/{missing}", None, None, "", "file-missing",
                             "no such seed folder"))
        folders = [f for f in folders if f.name in set(ids)]
    out = Independent({}, {}, report)
    for folder in folders:
        if not os.path.lexists(folder / FOLDER):
            continue
        own = Report()
        seed = load_seed(project, folder, schemas, registry, own)
        gold = project.rel(folder / "statements.yaml")
        report.extend(i for i in own.issues if i.file != gold)  # the gold's state does not matter here
        if seed is None or not seed.sound:
            continue
        files = annotator_files(project, folder, report)
        found = {}
        for name, path in files:
            annotation = check_annotator(project, seed, name, path, registry, schemas, report)
            if annotation is not None:
                found[name] = annotation.resolved.records
        if found:
            out.articles[seed.article_id] = article_record(seed)
            out.annotations[seed.article_id] = found
    return out
