"""The build's stages in order: load -> parse -> resolve -> link -> check, into :class:`Outputs`.

:func:`collect` runs every stage and check and returns the records (writing and comparing
dataset/ is :mod:`factprov.publish.dataset`'s). The per-article stages run in
:class:`ArticleChecker`, a function of one seed folder that returns plain data, so a large
corpus is spread over a process pool; linking then needs all statements.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from factprov.base import writer
from factprov.base.project import Project, ProjectError
from factprov.base.report import Issue, Report, field_path, printable
from factprov.base.yamlio import YamlError, io_message, load_located_file
from factprov.build.annotators import annotator_files, check_annotator
from factprov.build.corpus import Link, article_record, claims, link_of, sources
from factprov.build.inputs import issue_at, statement_names
from factprov.build.outputs import COUNTED, Outputs, assemble
from factprov.build.registry import Registry, load_registry
from factprov.build.schemas import OUTPUT_SCHEMAS, SchemaFileError, Schemas
from factprov.build.seeds import load_seed, read_text_if_any
from factprov.build.statements import SPAN_FIELDS, Entry, resolve

ID_FIELDS = {"articles": "article_id", "statements": "statement_id", "claims": "claim_id", "sources": "source_id"}
POOL_MIN_ARTICLES = 200  # below this, starting worker processes costs more than it saves

Progress = Callable[[str], None]


def progress_to_stderr(message: str) -> None:
    print(printable(message, newlines=False), file=sys.stderr, flush=True)


@dataclass
class ArticleResult:
    """What one seed folder contributes: its records, its problems, and what linking needs."""

    folder: str
    issues: list[Issue]
    article: dict | None = None  # None when the text or meta.yaml could not be used
    checked: bool = False  # the statements were checked (a draft's too); False: something stopped them (reported)
    ids_known: bool = False  # every statement's id is known, so a reference into the article can be checked
    statement_lines: bytes = b""  # the article's finished statements as JSON lines, in order of n
    entries: list[Entry] = field(default_factory=list)  # every statement as far as it resolves, when asked for
    links: list[Link] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)  # (field, value) -> statements
    annotated: list[str] = field(default_factory=list)  # statement ids, even those whose spans failed
    refs: list[tuple[str, str, int, int, str]] = field(default_factory=list)  # (ref, own id, statement i, evidence j, file)
    annotations_file: str = ""
    independent: dict[str, list[dict]] = field(default_factory=dict)  # annotator -> finished statements (annotators/)
    aliases_seen: set[str] = field(default_factory=set)
    text_read: bool = True  # False: article.txt could not be read, so its aliases are unknown


class ArticleChecker:
    """The per-article stages: load, parse, resolve, and check the records against the text.

    With ``entries``, the result also holds every statement as far as it resolves, drafts
    included, for ``factprov show``; a build does not keep them."""

    def __init__(self, project: Project, registry: Registry, schemas: Schemas | None = None, entries: bool = False):
        self.project = project
        self.registry = registry
        self.schemas = schemas or Schemas(project.schema)
        self.aliases = sorted({a for s in registry.sources.values() for a in s.aliases})
        self.entries = entries

    def __call__(self, folder: Path) -> ArticleResult:
        report = Report()
        result = ArticleResult(folder.name, report.issues)
        seed = load_seed(self.project, folder, self.schemas, self.registry, report)
        if seed is None:
            # Aliases still count where the text can be read, so that one mistake in an article's
            # annotations does not also report good aliases of sources.yaml as unused.
            text = read_text_if_any(self.project, folder)
            result.text_read = text is not None
            result.aliases_seen = {a for a in self.aliases if a in text} if text is not None else set()
            return result
        result.annotations_file = seed.annotations_file
        article = article_record(seed)
        for error in self.schemas.iter_errors(OUTPUT_SCHEMAS["articles"], article):
            report.add(Issue(f"dataset/data/articles {seed.article_id}", None, None,
                             field_path(error.absolute_path), "output-schema", error.message))
        result.article = article
        result.aliases_seen = {a for a in self.aliases if a in seed.text}
        if not seed.checkable:
            if seed.sound:  # statements.yaml cannot be used, but each annotator's file still can be checked
                self._check_annotators(seed, result, report)
            return result
        resolved = resolve(seed, self.registry, report)
        records = resolved.records
        for record in records:
            self._check_record(seed, record, report)
        result.checked, result.ids_known = True, resolved.ids_known
        result.statement_lines = writer.jsonl(records)
        result.links = [link_of(r) for r in records]
        result.counts = Counter((f, r[f]) for r in records for f in COUNTED)
        result.annotated = resolved.annotated
        result.refs = [(*ref, seed.annotations_file) for ref in resolved.refs]
        if self.entries:
            result.entries = resolved.entries
        self._check_annotators(seed, result, report)
        return result

    def _check_annotators(self, seed, result: ArticleResult, report: Report) -> None:
        """Each annotator's own file of the article (annotators/), held to the checks of statements.yaml."""
        for name, path in annotator_files(self.project, seed.folder, report):
            annotation = check_annotator(self.project, seed, name, path, self.registry, self.schemas, report)
            if annotation is None:
                continue
            for record in annotation.resolved.records:
                self._check_record(seed, record, report, annotation.file)
            result.refs += [(*ref, annotation.file) for ref in annotation.resolved.refs]
            result.independent[name] = annotation.resolved.records

    def _check_record(self, seed, record: dict, report: Report, file: str | None = None) -> None:
        """The invariants on a finished record, whatever the stages before did (``file``: an annotator's)."""
        where = f"{file} statement {record['statement_id']}" if file else f"dataset/data/statements {record['statement_id']}"
        for error in self.schemas.iter_errors(OUTPUT_SCHEMAS["statements"], record):
            report.add(Issue(where, None, None, field_path(error.absolute_path), "output-schema", error.message))
        for name in SPAN_FIELDS:
            span = record[name]
            if span is None:
                continue
            if seed.text[span["start"]:span["end"]] != span["text"]:
                report.add(Issue(where, None, None, name, "span-missing", "text differs from article_text[start:end]"))
            if (bp := seed.parsed.covering(span["start"], span["end"])) is not None:
                report.add(Issue(where, None, None, name, "span-boilerplate", f"overlaps {bp.label} {bp.text!r}"))


_CHECKER: ArticleChecker | None = None


def _init_worker(root: Path, registry: Registry) -> None:
    global _CHECKER
    _CHECKER = ArticleChecker(Project(root), registry)


def _run_in_worker(folder: Path) -> ArticleResult:
    assert _CHECKER is not None
    return _CHECKER(folder)


def process_articles(project: Project, registry: Registry, schemas: Schemas,
                     folders: list[Path], workers: int | None = None) -> Iterator[ArticleResult]:
    """:class:`ArticleResult` of each folder, in order; in worker processes when there are many."""
    workers = workers if workers is not None else (os.cpu_count() or 1)
    slim = dataclasses.replace(registry, doc=None)  # the YAML nodes are not needed, nor sent to workers
    if workers < 2 or len(folders) < POOL_MIN_ARTICLES:
        checker = ArticleChecker(project, slim, schemas)
        yield from map(checker, folders)
        return
    chunk = max(1, min(64, len(folders) // (workers * 8)))
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(project.root, slim)) as pool:
        yield from pool.map(_run_in_worker, folders, chunksize=chunk)


@dataclass
class Scope:
    """Which seed folders a run checks (``None``: all), and why, for the report."""

    folders: set[str] | None = None
    reason: str = ""

    def select(self, all_folders: list[Path]) -> list[Path]:
        return all_folders if self.folders is None else [f for f in all_folders if f.name in self.folders]


def _progress_points(n: int) -> set[int]:
    """At most about 20 progress lines, whatever the corpus size."""
    return set(range(1, n + 1)) if n <= 20 else {n * k // 20 for k in range(1, 21)}


def collect(project: Project, progress: Progress | None = progress_to_stderr,
            scope: Scope | None = None, workers: int | None = None) -> tuple[Outputs | None, Report]:
    """Run every stage and check; the outputs are ``None`` when there is any error or the scope is partial."""
    report = Report()
    try:
        project.check_layout()
    except YamlError as exc:
        report.add(Issue(project.rel(project.seeds), None, None, "", exc.code, exc.message))
        return None, report
    if writer.interrupted(project.dataset):
        report.add(Issue(project.rel(project.dataset), None, None, "", "io",
                         f"a build was interrupted while it swapped {project.rel(project.dataset)}/; the previous "
                         f"copy is in .{project.dataset.name}.previous: run `factprov build` to restore it"))
        return None, report
    try:
        version = project.version()
    except ProjectError as exc:
        report.add(Issue(project.rel(project.card), None, None, "version", exc.code, str(exc)))
        return None, report
    try:
        schemas = Schemas(project.schema)
    except SchemaFileError as exc:
        report.add(Issue(exc.file, None, None, exc.pointer, exc.code, exc.message))
        return None, report
    registry = load_registry(project, schemas, report)
    try:
        all_folders = project.seed_folders()
    except OSError as exc:
        report.add(Issue(project.rel(project.seeds), None, None, "", "io", f"cannot be listed: {io_message(exc)}"))
        return None, report
    folders = (scope or Scope()).select(all_folders)
    results: list[ArticleResult] = []
    lines: dict[str, bytearray] = {}  # one copy of the statements' JSON, however many there are
    points = _progress_points(len(folders))
    for i, result in enumerate(process_articles(project, registry, schemas, folders, workers), start=1):
        results.append(result)
        if result.checked:
            lines.setdefault(result.article["split"], bytearray()).extend(result.statement_lines)
            result.statement_lines = b""
        report.extend(result.issues)
        if progress and i in points:
            built, annotated = len(result.links), len(result.annotated)
            state = ("errors, see report" if not result.checked else f"{built} statements" if built == annotated
                     else f"{built} of {annotated} statements (errors, see report)")
            progress(f"[{i}/{len(folders)}] {result.folder}: {state}")
    _check_texts(results, report)
    check_references(project, results, {r.folder for r in results if not r.ids_known}, report,
                     partial=scope is not None and scope.folders is not None)
    if scope is not None and scope.folders is not None:
        return None, report  # corpus-wide outputs need every article
    done = sorted((r for r in results if r.checked), key=lambda r: r.folder)
    if len(done) == len(results):  # a failed article's statements are missing for its own reason
        _check_splits(project, done, report)
    links = [link for r in done for link in r.links]
    outputs = Outputs(version, schemas, {
        "articles": [r.article for r in done],
        "claims": claims(links),
        "sources": sources(registry, set().union(*(r.aliases_seen for r in results))
                           if results and all(r.text_read for r in results) else None, report),
    })
    outputs.statement_lines = dict(sorted(lines.items()))
    outputs.independent = {r.folder: r.independent for r in done if r.independent}
    for r in done:
        outputs.statement_counts.update({(r.folder, f, v): n for (f, v), n in r.counts.items()})
    outputs.split_sizes["statements"] = {split: sum(len(r.links) for r in done if r.article["split"] == split)
                                         for split in sorted(outputs.statement_lines)}
    check_outputs(outputs, schemas, report)
    if not report.ok:
        return None, report
    assemble(outputs)
    return outputs, report


def _check_splits(project: Project, done: list[ArticleResult], report: Report) -> None:
    """Every split that has articles has statements too.

    A split without statements would have an articles file and no statements file: the
    card could not declare it, ``datasets.load_dataset`` would fail on it, and there
    would be no gold to score a model against. So it is refused where it is set."""
    by_split: dict[str, list[ArticleResult]] = {}
    for r in done:
        by_split.setdefault(r.article["split"], []).append(r)
    for split, members in sorted(by_split.items()):
        if any(r.annotated for r in members):  # statements that do not build yet are reported for their own reason
            continue
        rel = f"{project.rel(project.seeds)}/{members[0].folder}/meta.yaml"
        names = ", ".join(r.folder for r in members[:5]) + (", ..." if len(members) > 5 else "")
        report.add(issue_at(rel, _relocate(project, rel), ("split",), "split-empty",
                            f"split {split!r} has {len(members)} article(s) ({names}) but no statements; annotate "
                            "statements in one of them, or put them in a split that has statements"))


def _check_texts(results: list[ArticleResult], report: Report) -> None:
    """No article text twice in the corpus."""
    first: dict[str, str] = {}
    for r in results:
        if r.article is None:
            continue
        sha = r.article["text_sha256"]
        if sha in first:
            report.add(Issue(f"seeds/{r.folder}/article.txt", None, None, "", "duplicate-text",
                             f"the same text (sha256 {sha[:12]}...) is already seeds/{first[sha]}/article.txt"))
        first.setdefault(sha, r.folder)


def check_references(project: Project, results: list[ArticleResult], failed: set[str], report: Report,
                     partial: bool = False) -> None:
    """Every statement id an evidence item names is annotated somewhere, and is not the statement itself.

    Ids count as soon as they are annotated, so one bad span does not also break the
    references to its statement; references into an article that failed to load are
    skipped. In a partial run, the ids of articles outside the scope are read from their
    statements.yaml as needed.
    """
    known = {sid for r in results for sid in r.annotated}
    loaded = {r.folder for r in results}
    outside: dict[str, set[str] | None] = {}

    def exists(ref: str) -> bool:
        if ref in known:
            return True
        article = ref.rsplit("/", 1)[0]
        if not partial or article in loaded:
            return False
        if article not in outside:
            outside[article] = annotated_ids(project, article)
        ids = outside[article]
        return ids is None or ref in ids  # an unreadable article outside the scope is its own run's problem

    located: dict[str, tuple] = {}  # file -> its document and statement names, loaded again for a line
    for r in results:
        for ref, own, i, j, file in r.refs:
            if ref.rsplit("/", 1)[0] in failed:
                continue
            message = (f"{ref} is the statement itself" if ref == own else
                       None if exists(ref) else f"evidence names {ref}, which is not a statement of the corpus")
            if message is None:
                continue
            if file not in located:
                doc = _relocate(project, file)
                located[file] = doc, statement_names(doc.data) if doc is not None else None
            doc, names = located[file]
            report.add(issue_at(file, doc, ("statements", i, "evidence", j, "ref"), "unknown-ref",
                                message, names=names))


def _relocate(project: Project, rel: str):
    """Load a file again to find line numbers: only done for the few files with a reference error."""
    try:
        return load_located_file(project.root / rel)
    except (OSError, YamlError):
        return None


def annotated_ids(project: Project, article: str) -> set[str] | None:
    """The statement ids of an article's statements.yaml, read without checking it; ``None`` where they
    cannot be told (the file is unreadable, or a statement's n is undecided)."""
    path = project.seeds / article / "statements.yaml"
    if not path.is_file():
        return set()
    try:
        data = load_located_file(path).data
        numbers = [s["n"] for s in data["statements"]]
        # A statement whose n is undecided or invalid may be the one named: the reference cannot be checked.
        return {f"{article}/{n}" for n in numbers} if all(type(n) is int for n in numbers) else None
    except (OSError, YamlError, KeyError, TypeError):
        return None


def check_outputs(outputs: Outputs, schemas: Schemas, report: Report) -> None:
    """Corpus-wide invariants on the records: ids unique, claims and sources valid.

    Article and statement records were checked against their schema and the text by
    the per-article stage.
    """
    for config, records in outputs.records.items():  # statement ids are unique by construction: <article>/<n>
        schema_file, id_field = OUTPUT_SCHEMAS[config], ID_FIELDS[config]
        ids = Counter(r[id_field] for r in records)
        for record in records:
            where = f"dataset/data/{config} {record[id_field]}"
            if config in ("claims", "sources"):
                for error in schemas.iter_errors(schema_file, record):
                    path = field_path(error.absolute_path)
                    report.add(Issue(where, None, None, path, "output-schema", error.message))
            if ids[record[id_field]] > 1:
                report.add(Issue(where, None, None, id_field, "duplicate-id", f"{record[id_field]} occurs twice"))
