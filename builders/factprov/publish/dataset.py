"""dataset/, the published dataset: the build's records with what publishing adds (the card, the
licence, croissant.json, the leaderboard and the release's citation), written in one step
(:func:`build`) or compared with what is committed (:func:`validate`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from factprov.base import git, writer
from factprov.base.project import Project, ProjectError
from factprov.base.report import BuildError, Issue, Report
from factprov.base.yamlio import io_message
from factprov.bench.leaderboard import load_results
from factprov.build import pipeline
from factprov.build.outputs import Outputs
from factprov.build.pipeline import Progress, Scope, progress_to_stderr
from factprov.publish import citation, versions

MAX_LISTED_FILES = 10  # files named in a dataset-stale message, for each way they differ


@dataclass
class Published:
    """A build's :class:`~factprov.build.outputs.Outputs` (its attributes are this object's too), the
    leaderboard the card shows and the release it cites, and from them every file of dataset/."""

    outputs: Outputs
    leaderboard: dict | None  # benchmarks/results.json, shown in the card
    release: citation.Release  # CITATION.cff and the CHANGELOG date, for card and Croissant

    def __getattr__(self, name: str):
        if name == "outputs":  # not set yet (while unpickling): no recursion
            raise AttributeError(name)
        return getattr(self.outputs, name)

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
        from factprov.publish import card, croissant  # they import datasets, which a partial validation never needs

        layout = card.Layout.jsonl(self)
        out = dict(self.data_files)
        out["README.md"] = card.render(self, layout).encode("utf-8")
        out[card.LICENSE_FILE] = card.render_license(self).encode("utf-8")
        out["croissant.json"] = croissant.render(self, layout).encode("utf-8")
        return out


def collect(project: Project, progress: Progress | None = progress_to_stderr, scope: Scope | None = None,
            workers: int | None = None) -> tuple[Published | None, Report]:
    """:func:`factprov.build.pipeline.collect`, then the release's citation and the leaderboard, each a
    located error where it cannot be read; ``None`` when there is any error or the scope is partial."""
    report = Report()
    try:
        version = project.version()
    except ProjectError:
        version = None  # the build's collect reports it, located
    release = None
    if version is not None:
        try:
            release = citation.load(project.root, version)
        except citation.CitationError as exc:
            report.add(Issue("CITATION.cff", None, None, "", "citation", str(exc)))
            return None, report
    outputs, report = pipeline.collect(project, progress, scope=scope, workers=workers)
    if outputs is None:
        return None, report
    leaderboard = load_results(project, report)  # a bad benchmarks/results.json is a located error
    if not report.ok:
        return None, report
    return Published(outputs, leaderboard, release), report


def check_dataset(project: Project, outputs: Published, report: Report) -> None:
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


def build(project: Project, progress: Progress | None = progress_to_stderr, workers: int | None = None) -> Published:
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

