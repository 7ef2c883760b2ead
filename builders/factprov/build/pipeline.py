"""The whole flow: load -> parse -> resolve -> link -> validate -> write.

``collect`` runs every check and returns the records; ``build`` also writes dataset/;
``validate`` is ``collect`` without writing. The per-article stages run in
:func:`process_article`, a function of one seed folder that returns plain data, so a
large corpus is spread over a process pool; linking then needs all statements.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterator

from factprov.base import git, writer
from factprov.base.project import Project, ProjectError
from factprov.base.report import BuildError, Issue, Report, field_path, printable
from factprov.base.yamlio import YamlError, io_message, load_located_file
from factprov.bench.benchmark import load_results
from factprov.build.corpus import Link, article_record, claims, link_of, sources
from factprov.build.schemas import OUTPUT_SCHEMAS, SchemaFileError, Schemas
from factprov.build.seeds import Registry, issue_at, load_registry, load_seed, read_text_if_any, statement_names
from factprov.build.statements import SPAN_FIELDS, Entry, resolve
from factprov.publish import citation, versions

CORPUS_SPLIT = "full"  # claims and sources span articles, so they are one split of their own
ID_FIELDS = {"articles": "article_id", "statements": "statement_id", "claims": "claim_id", "sources": "source_id"}
POOL_MIN_ARTICLES = 200  # below this, starting worker processes costs more than it saves
MAX_LISTED_FILES = 10  # files named in a dataset-stale message, for each way they differ

Progress = Callable[[str], None]


def progress_to_stderr(message: str) -> None:
    print(printable(message, newlines=False), file=sys.stderr, flush=True)


COUNTED = ("kind", "claim_type", "fidelity", "verification_status")


@dataclass
class Outputs:
    """What a build produces. Statements are kept as their JSON lines, not as dicts, so a corpus
    of hundreds of thousands fits in memory; :attr:`statements` decodes them when asked."""

    version: str
    schemas: Schemas
    records: dict[str, list[dict]]  # config -> records, for articles, claims and sources
    statement_lines: dict[str, bytearray] = field(default_factory=dict)  # split -> JSON lines, in article order
    statement_counts: Counter = field(default_factory=Counter)  # (article_id, field, value) -> n
    split_sizes: dict[str, dict[str, int]] = field(default_factory=dict)  # config -> split -> rows
    data_files: dict[str, bytes | bytearray] = field(default_factory=dict)  # path under dataset/ -> content
    fingerprint: str = ""
    leaderboard: dict | None = None  # benchmarks/results.json, shown in the card
    release: citation.Release | None = None  # CITATION.cff and the CHANGELOG date, for card and Croissant
    warnings: list[Issue] = field(default_factory=list)  # of the write, e.g. an old copy left behind

    def counts(self, field: str) -> Counter:
        """Statements per (article_id, value of ``field``), e.g. per article and kind."""
        return Counter({(a, v): n for (a, f, v), n in self.statement_counts.items() if f == field})

    @property
    def rows(self) -> dict[str, int]:
        """Rows per config, in the order of the card."""
        return {config: sum(self.split_sizes[config].values()) for config in OUTPUT_SCHEMAS}

    @cached_property
    def statements(self) -> list[dict]:
        return [row for rows in self.splits["statements"].values() for row in rows]

    @cached_property
    def splits(self) -> dict[str, dict[str, list[dict]]]:
        """config -> split -> records, decoded from the data files."""
        return {config: {split: [json.loads(line) for line in self.data_files[f"data/{config}/{split}.jsonl"]
                                 .splitlines()] for split in splits} for config, splits in self.split_sizes.items()}

    @cached_property
    def parquet(self) -> dict[str, bytes]:
        """Each data file as typed Parquet (JSONL path under dataset/ -> bytes), for a release."""
        return {path: self._parquet(path) for path in self.data_files}

    def _parquet(self, path: str) -> bytes:
        from factprov.publish import arrow  # pyarrow is only needed once a build has passed its checks

        if "parquet" in self.__dict__:
            return self.parquet[path]
        return arrow.parquet(arrow.table(self.data_files[path], self.schemas.features(path.split("/")[1])))

    @cached_property
    def num_bytes(self) -> dict[str, int]:
        """Bytes of each data file as the Arrow table ``datasets`` reads from its Parquet: the card's ``num_bytes``.

        One file at a time, so a build that needs only the sizes never holds every table."""
        from factprov.publish import arrow

        return {path: arrow.read(self._parquet(path)).nbytes for path in self.data_files}

    @cached_property
    def files(self) -> dict[str, bytes]:
        """Every file of dataset/: data files, card, licence and Croissant metadata."""
        from factprov.publish import (
            card,
            croissant,  # they import datasets, which a partial validation never needs
        )

        layout = card.Layout.jsonl(self)
        out = dict(self.data_files)
        out["README.md"] = card.render(self, layout).encode("utf-8")
        out[card.LICENSE_FILE] = card.render_license(self).encode("utf-8")
        out["croissant.json"] = croissant.render(self, layout).encode("utf-8")
        return out


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
    refs: list[tuple[str, str, int, int]] = field(default_factory=list)  # (ref, own id, statement i, evidence j)
    annotations_file: str = ""
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
            return result
        resolved = resolve(seed, self.registry, report)
        records = resolved.records
        for record in records:
            self._check_record(seed, record, report)
        result.checked, result.ids_known = True, resolved.ids_known
        result.statement_lines = writer.jsonl(records)
        result.links = [link_of(r) for r in records]
        result.counts = Counter((f, r[f]) for r in records for f in COUNTED)
        result.annotated, result.refs = resolved.annotated, resolved.refs
        if self.entries:
            result.entries = resolved.entries
        return result

    def _check_record(self, seed, record: dict, report: Report) -> None:
        """The invariants on a finished record, whatever the stages before did."""
        where = f"dataset/data/statements {record['statement_id']}"
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
        release = citation.load(project.root, version)
    except citation.CitationError as exc:
        report.add(Issue("CITATION.cff", None, None, "", "citation", str(exc)))
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
    for r in done:
        outputs.statement_counts.update({(r.folder, f, v): n for (f, v), n in r.counts.items()})
    outputs.split_sizes["statements"] = {split: sum(len(r.links) for r in done if r.article["split"] == split)
                                         for split in sorted(outputs.statement_lines)}
    check_outputs(outputs, schemas, report)
    if not report.ok:
        return None, report
    outputs.leaderboard = load_results(project, report)  # a bad benchmarks/results.json is a located error
    if not report.ok:
        return None, report
    _assemble(outputs)
    outputs.release = release
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
            outside[article] = _annotated_ids(project, article)
        ids = outside[article]
        return ids is None or ref in ids  # an unreadable article outside the scope is its own run's problem

    located: dict[str, tuple] = {}  # file -> its document and statement names, loaded again for a line
    for r in results:
        for ref, own, i, j in r.refs:
            if ref.rsplit("/", 1)[0] in failed:
                continue
            message = (f"{ref} is the statement itself" if ref == own else
                       None if exists(ref) else f"evidence names {ref}, which is not a statement of the corpus")
            if message is None:
                continue
            if r.annotations_file not in located:
                doc = _relocate(project, r.annotations_file)
                located[r.annotations_file] = doc, statement_names(doc.data) if doc is not None else None
            doc, names = located[r.annotations_file]
            report.add(issue_at(r.annotations_file, doc, ("statements", i, "evidence", j, "ref"), "unknown-ref",
                                message, names=names))


def _relocate(project: Project, rel: str):
    """Load a file again to find line numbers: only done for the few files with a reference error."""
    try:
        return load_located_file(project.root / rel)
    except (OSError, YamlError):
        return None


def _annotated_ids(project: Project, article: str) -> set[str] | None:
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


def check_dataset(project: Project, outputs: Outputs, report: Report) -> None:
    """The committed dataset/ is what the seeds build, file for file: one ``dataset-stale`` issue says
    which files differ, are missing or are not part of the build, since one build puts them all right."""
    try:
        on_disk = set(writer.list_tree(project.dataset))
    except OSError as exc:
        report.add(Issue(project.rel(project.dataset), None, None, "", "io", f"cannot be read: {io_message(exc)}"))
        return
    built = outputs.files
    stale: dict[str, list[str]] = {"differ": [], "missing": [], "extra": []}
    for path in sorted(on_disk | set(built)):
        if path not in on_disk:
            stale["missing"].append(path)
        elif path not in built:
            stale["extra"].append(path)
        else:
            try:
                if not writer.same_content(project.dataset / path, built[path]):
                    stale["differ"].append(path)
            except OSError as exc:
                report.add(Issue(f"{project.rel(project.dataset)}/{path}", None, None, "", "io",
                                 f"cannot be read: {io_message(exc)}"))
    how = {"differ": ("file differs", "files differ"), "missing": ("file is missing", "files are missing"),
           "extra": ("file is not part of the build", "files are not part of the build")}
    parts = [f"{len(paths)} {how[kind][len(paths) != 1]} ({_listed(paths)})" for kind, paths in stale.items() if paths]
    if parts:
        dataset = project.rel(project.dataset)
        report.add(Issue(dataset, None, None, "", "dataset-stale",
                         f"{dataset}/ is not what seeds/ build: {', '.join(parts)}; run `factprov build` (it writes "
                         f"{dataset}/ afresh) and commit {dataset}/"))


def _listed(paths: list[str]) -> str:
    shown = ", ".join(paths[:MAX_LISTED_FILES])
    return shown + (f" and {len(paths) - MAX_LISTED_FILES} more" if len(paths) > MAX_LISTED_FILES else "")


def _assemble(outputs: Outputs) -> None:
    by_split: dict[str, dict[str, list[dict]]] = {"articles": {}}
    for a in outputs.records["articles"]:
        by_split["articles"].setdefault(a["split"], []).append(a)
    by_split["claims"] = {CORPUS_SPLIT: outputs.records["claims"]}
    by_split["sources"] = {CORPUS_SPLIT: outputs.records["sources"]}
    for config in OUTPUT_SCHEMAS:
        if config == "statements":
            for split, buffer in outputs.statement_lines.items():
                outputs.data_files[f"data/statements/{split}.jsonl"] = buffer
            continue
        outputs.split_sizes[config] = {split: len(rows) for split, rows in sorted(by_split[config].items())}
        for split, rows in sorted(by_split[config].items()):
            outputs.data_files[f"data/{config}/{split}.jsonl"] = writer.jsonl(rows)
    outputs.split_sizes = {config: outputs.split_sizes[config] for config in OUTPUT_SCHEMAS}
    outputs.fingerprint = writer.fingerprint(outputs.data_files)


def validate(project: Project, changed_since: str | None = None, base: str | None = None,
             progress: Progress | None = None) -> Report:
    """Everything ``factprov validate`` checks, as a report (the CLI prints it)."""
    scope = None
    if changed_since is not None:
        try:
            folders, reason = git.changed_scope(project, changed_since)
        except git.GitError as exc:
            report = Report()
            report.add(Issue("seeds", None, None, "", "git", f"--changed-since {changed_since}: {exc}"))
            return report
        scope = Scope(folders, reason)
    lock_issue = _repair(project)
    if lock_issue is not None:
        report = Report()
        report.add(lock_issue)
        return report
    try:
        with writer.locked(project.dataset, shared=True):  # no build swaps dataset/ while it is compared
            report = _validate(project, scope, base, progress)
    except writer.WriteError as exc:
        report = Report()
        report.add(write_issue(project, exc))
    return report


def _validate(project: Project, scope: Scope | None, base: str | None, progress: Progress | None) -> Report:
    outputs, report = collect(project, progress=progress, scope=scope)
    if scope is not None and scope.folders is not None:
        folders = project.seed_folders()
        total, checked = len(folders), len(scope.select(folders))
        report.scope = (f"checked {checked} of {total} seed folders ({scope.reason}); skipped {total - checked}; "
                        "corpus-wide checks (claims, sources, dataset/ up to date) need a full run")
    elif scope is not None:
        report.scope = scope.reason
    if outputs is not None:
        check_dataset(project, outputs, report)
        if base is not None:
            versions.check_release(project, base, outputs.files, outputs.version, report)
    return report


def build(project: Project, progress: Progress | None = progress_to_stderr, workers: int | None = None) -> Outputs:
    """Check everything, then replace dataset/ in one step; raise :class:`BuildError` on any error.

    One build at a time: the lock is taken, and an interrupted swap repaired, before
    anything reads dataset/ (the card's version)."""
    try:
        with writer.locked(project.dataset):
            writer.recover(project.dataset)
            writer.check_target(project.dataset)  # before the work, not after it
            outputs, report = collect(project, progress, workers=workers)
            if outputs is None:
                raise BuildError(report)
            warning = writer.write_atomically(project.dataset, outputs.files)
            if warning is not None:
                outputs.warnings.append(Issue(project.rel(project.dataset), None, None, "", "io", warning,
                                              "warning"))
    except writer.WriteError as exc:
        report = Report()
        report.add(write_issue(project, exc))
        raise BuildError(report) from None
    return outputs


def write_issue(project: Project, exc: writer.WriteError) -> Issue:
    return Issue(project.rel(exc.path), None, None, "", exc.code, exc.message)


def _repair(project: Project) -> Issue | None:
    """Repair an interrupted swap before a validation reads dataset/; an issue if another build runs.

    In a checkout this process cannot write, nothing is repaired (and :func:`collect`
    reports an interrupted swap it finds)."""
    try:
        with writer.locked(project.dataset):
            writer.recover(project.dataset)
    except writer.WriteError as exc:
        if exc.code == "build-lock":
            return write_issue(project, exc)
    return None

