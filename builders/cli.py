"""The ``factprov`` command: ``build`` writes dataset/, ``validate`` runs the same checks without writing."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import pipeline
from .project import Project, ProjectError
from .report import BuildError, Report


def table(header: list[str], rows: list[list[object]], align_right: set[int] | None = None) -> str:
    """A plain-text table with a rule under the header."""
    cells = [[str(c) for c in row] for row in [header, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    right = align_right or set()

    def fmt(row: list[str]) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))).rstrip()

    return "\n".join([fmt(cells[0]), "  ".join("-" * w for w in widths), *map(fmt, cells[1:])])


def format_summary(outputs: pipeline.Outputs) -> str:
    head = table(["dataset", ""], [
        ["version", outputs.version],
        ["fingerprint", outputs.fingerprint],
        *([config, len(records)] for config, records in outputs.records.items()),
    ])
    articles = [a["article_id"] for a in outputs.records["articles"]]

    def breakdown(field: str) -> str:
        counts, labels = outputs.counts(field), outputs.schemas.labels(field)
        rows = [[label, *(counts[(a, label)] for a in articles), sum(counts[(a, label)] for a in articles)]
                for label in labels]
        rows.append(["all", *(sum(counts[(a, label)] for label in labels) for a in articles), sum(counts.values())])
        return table([field, *articles, "all"], rows, align_right=set(range(1, len(articles) + 2)))

    return "\n\n".join([head, breakdown("kind"), breakdown("verification_status")])


def format_report(report: Report) -> str:
    issues = report.sorted()
    if not issues:
        return "valid: no problems found"
    rows = [[i.location(), i.field, i.severity, i.code, i.message] for i in issues]
    errors, warnings = len(report.errors), len(issues) - len(report.errors)
    return f"{table(['where', 'field', 'severity', 'code', 'message'], rows)}\n\n{errors} error(s), {warnings} warning(s)"


def cmd_build(args: argparse.Namespace) -> int:
    project = _project(args)
    try:
        outputs = pipeline.build(project, progress=None if args.quiet else pipeline.progress_to_stderr)
    except BuildError as exc:
        print(format_report(exc.report), file=sys.stderr)
        print(f"\nbuild failed; {project.rel(project.dataset)}/ was left as it was", file=sys.stderr)
        return 1
    print(f"wrote {project.rel(project.dataset)}/ ({len(outputs.files)} files)\n")
    print(format_summary(outputs))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    project = _project(args)
    _, report = pipeline.collect(project, progress=None)
    if args.json:
        print(report.dumps())
    else:
        print(format_report(report))
    return 0 if report.ok else 1


def _project(args: argparse.Namespace) -> Project:
    try:
        return Project(args.root.resolve()) if args.root else Project.find()
    except ProjectError as exc:
        raise SystemExit(f"factprov: {exc}") from None


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="factprov", description=__doc__)
    main.add_argument("--root", type=Path, help="the factprov checkout (default: the one containing the working folder)")
    sub = main.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="check the seeds and write dataset/ atomically, then print a summary")
    build.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    build.set_defaults(func=cmd_build)
    validate = sub.add_parser("validate", help="run every check of the build without writing; exit 1 on any error")
    validate.add_argument("--json", action="store_true", help="print the report as JSON")
    validate.set_defaults(func=cmd_validate)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except ProjectError as exc:
        print(f"factprov: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (`factprov build | head`): the work is done; stop printing quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
