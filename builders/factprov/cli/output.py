"""What every command shares: tables for people, the report as a table, JSON or GitHub annotations,
and the checkout a command works on."""

from __future__ import annotations

import argparse

from factprov.base.project import Project, ProjectError
from factprov.base.report import Report, printable


def table(header: list[str], rows: list[list[object]], align_right: set[int] | None = None) -> str:
    """A plain-text table with a rule under the header."""
    cells = [[str(c) for c in row] for row in [header, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    right = align_right or set()

    def fmt(row: list[str]) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))).rstrip()

    return "\n".join([fmt(cells[0]), "  ".join("-" * w for w in widths), *map(fmt, cells[1:])])


def format_report(report: Report) -> str:
    issues = report.sorted()
    scope = f"\n{report.scope}" if report.scope else ""
    if not issues:
        return "valid: no problems found" + scope
    # Every cell on one line, with no control character: a folder name cannot send escape codes.
    rows = [[printable(str(cell), newlines=False) for cell in (i.location(), i.field, i.severity, i.code, i.message)]
            for i in issues]
    errors, warnings = report.counts()
    return (f"{table(['where', 'field', 'severity', 'code', 'message'], rows)}\n\n"
            f"{errors} error(s), {warnings} warning(s){scope}")


def _escape(value: str, property_: bool = False) -> str:
    """GitHub workflow-command escaping: data escapes %, CR, LF; properties also ':' and ','."""
    value = printable(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))
    return value.replace(":", "%3A").replace(",", "%2C") if property_ else value


def format_github(report: Report) -> str:
    """One ``::error``/``::warning`` annotation per issue, then a summary line."""
    lines = []
    for i in report.sorted():
        props = [f"file={_escape(i.file, True)}"]
        if i.line is not None:
            props.append(f"line={i.line}")
            if i.column is not None:
                props.append(f"col={i.column}")
        props.append(f"title={_escape(f'factprov {i.code}', True)}")
        field = f"{i.field}: " if i.field else ""
        lines.append(f"::{i.severity} {','.join(props)}::{_escape(field + i.message)}")
    errors, warnings = report.counts()
    lines.append(f"factprov validate: {errors} error(s), {warnings} warning(s)"
                 + (f"; {report.scope}" if report.scope else ""))
    return "\n".join(lines)


FORMATS = {"table": format_report, "json": lambda report: report.dumps(), "github": format_github}


def project_of(args: argparse.Namespace) -> Project:
    try:
        return Project(args.root.resolve()) if args.root else Project.find()
    except ProjectError as exc:
        raise SystemExit(printable(f"factprov: {exc}", newlines=False)) from None
