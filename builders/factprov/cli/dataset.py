"""``factprov build`` and ``factprov validate``: dataset/ written, or checked, and the build's summary."""

from __future__ import annotations

import argparse
import sys

from factprov.base.report import BuildError, printable
from factprov.build import pipeline
from factprov.cli.output import FORMATS, format_report, project_of, table
from factprov.publish import dataset


def format_summary(outputs: pipeline.Outputs) -> str:
    head = table(["dataset", ""], [
        ["version", outputs.version],
        ["fingerprint", outputs.fingerprint],
        *([config, rows] for config, rows in outputs.rows.items()),
    ])
    records = outputs.records["articles"]
    # A column per article while they fit on a screen; beyond that, a column per split.
    if len(records) <= SUMMARY_ARTICLE_COLUMNS:
        columns = {a["article_id"]: {a["article_id"]} for a in records}
    else:
        columns = {}
        for a in records:
            columns.setdefault(f"split {a['split']}", set()).add(a["article_id"])

    def breakdown(field: str) -> str:
        counts, labels = outputs.counts(field), outputs.schemas.labels(field)
        per = {(name, label): sum(counts[(a, label)] for a in ids) for name, ids in columns.items() for label in labels}
        rows = [[label, *(per[(name, label)] for name in columns), sum(per[(name, label)] for name in columns)]
                for label in labels]
        rows.append(["all", *(sum(per[(name, label)] for label in labels) for name in columns), sum(counts.values())])
        return table([field, *columns, "all"], rows, align_right=set(range(1, len(columns) + 2)))

    return "\n\n".join([head, breakdown("kind"), breakdown("verification_status")])

SUMMARY_ARTICLE_COLUMNS = 8  # articles shown one per column in the build summary

def cmd_build(args: argparse.Namespace) -> int:
    project = project_of(args)
    try:
        outputs = dataset.build(project, progress=None if args.quiet else pipeline.progress_to_stderr)
    except BuildError as exc:
        print(format_report(exc.report), file=sys.stderr)
        print(f"\nbuild failed; {project.rel(project.dataset)}/ was left as it was", file=sys.stderr)
        return 1
    for warning in outputs.warnings:
        print(printable(str(warning), newlines=False), file=sys.stderr)
    rows = outputs.rows
    print(f"wrote {project.rel(project.dataset)}/ ({len(outputs.files)} files): version {outputs.version}, "
          f"{rows['articles']} articles, {rows['statements']} statements, {outputs.fingerprint}")
    if not args.quiet:
        print("\n" + format_summary(outputs))
    return 0

def cmd_validate(args: argparse.Namespace) -> int:
    project = project_of(args)
    report = dataset.validate(project, args.changed_since, args.base)
    print(FORMATS["json" if args.json else args.format](report))
    return 0 if report.ok else 1


def add(sub) -> None:
    """Its commands on the ``factprov`` parser."""
    build = sub.add_parser("build", help="check the seeds and write dataset/ atomically, then print a summary")
    build.add_argument("-q", "--quiet", action="store_true", help="one line: no progress lines, no tables")
    build.set_defaults(func=cmd_build)
    validate = sub.add_parser("validate", help="run every check of the build without writing; exit 1 on any error")
    validate.add_argument("--format", choices=sorted(FORMATS), default="table",
                          help="table (default), json, or github (workflow annotations on the pull request)")
    validate.add_argument("--json", action="store_true", help="the same as --format json")
    validate.add_argument("--changed-since", metavar="REF",
                          help="check only the seed folders changed since the git REF, and those referring to them")
    validate.add_argument("--base", metavar="REF",
                          help="if dataset/ changed since the git REF, require the right version step and a "
                               "CHANGELOG.md entry")
    validate.set_defaults(func=cmd_validate)
