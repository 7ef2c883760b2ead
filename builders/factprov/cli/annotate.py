"""The annotation team's commands: ``agreement``."""

from __future__ import annotations

import argparse
import json
import sys

from factprov.agreement.alpha import UNITS
from factprov.agreement.measure import Agreement, Figures, measure
from factprov.base.report import printable, shorten
from factprov.build.annotators import independent
from factprov.cli.output import format_report, project_of, table


def _figure(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def _share(same: int, of: int) -> str:
    return "n/a" if of == 0 else f"{same / of:.3f} ({same}/{of})"


def _span_row(figures: Figures) -> list[object]:
    counts = ", ".join(f"{a} {n}" for a, n in figures.statements.items())
    return [figures.article_id or "corpus", counts, f"{_figure(figures.f1)} ({figures.matched}x2/{figures.compared})",
            *[_figure(figures.spans[k].value) for k in ("quote", "cue", "mention")]]


def _label_row(figures: Figures) -> list[object]:
    return [figures.article_id or "corpus"] + [
        f"{_share(v.same, v.pairs)}, alpha {_figure(v.alpha.value)}" if v.pairs else "n/a" for v in figures.labels.values()]


def _said(values: list) -> str:
    return "-" if values is None else str(values)


def format_agreement(result: Agreement) -> str:
    if result.corpus is None:
        once = f" ({len(result.once)} article(s) have one annotator's file)" if result.once else ""
        return f"no article has two annotators' files in annotators/{once}: there is nothing to compare"
    figures = [*result.articles, result.corpus]
    out = ["Statements and spans",
           table(["article", "statements", "detection F1", f"alpha quote ({result.unit}s)", "alpha cue",
                  "alpha mention"], [_span_row(f) for f in figures]),
           "",
           "Labels of the matched statements: raw agreement (same/pairs) and alpha",
           table(["article", *result.corpus.labels], [_label_row(f) for f in figures]),
           "",
           ("Detection F1: statements matched one to one by shared quote characters, as the benchmark matches "
            "them; 2 x matched / the statements of both annotators."),
           (f"Alpha: Krippendorff's alpha (nominal): of each span label over the {result.unit}s outside "
            "boilerplate (labelled where a span of that label touches it), and of each label over the matched "
            "statements; n/a where every value is the same."),
           ]
    if result.once:
        out += ["", f"Annotated by one annotator only, not compared: {', '.join(result.once)}"]
    if not result.disagreements:
        return "\n".join(out + ["", "No disagreements."])
    out += ["", f"{len(result.disagreements)} disagreement(s) to adjudicate (the quote in [[ ]]):"]
    for d in result.disagreements:
        said = "; ".join(f"{name}: {_said(v)}" for name, v in zip(d["annotators"], d["values"]))
        out.append(printable(f"- {d['article_id']} line {d['line']}, {d['field']}: {said}", newlines=False))
        out.append(printable(f"    {shorten(d['context'], 240)}", newlines=False))
    return "\n".join(out)


def cmd_agreement(args: argparse.Namespace) -> int:
    project = project_of(args)
    found = independent(project, args.ids or None)
    if not found.report.ok:
        print(format_report(found.report), file=sys.stderr)
        print("\nfactprov agreement: the annotators' files above have errors; fix them first", file=sys.stderr)
        return 1
    result = measure(found.articles, found.annotations, args.unit)
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=1))
    else:
        print(format_agreement(result))
    return 0


def add(sub) -> None:
    """Its commands on the ``factprov`` parser."""
    agree = sub.add_parser("agreement", help="how far the annotators' own files (seeds/<id>/annotators/) agree, "
                                             "with the disagreements to adjudicate")
    agree.add_argument("ids", nargs="*", metavar="ID", help="the articles to compare (default: every one that has "
                                                            "annotators' files)")
    agree.add_argument("--unit", choices=UNITS, default="token", help="what alpha of the span labels counts over "
                                                                     "(default: token, as PolNeAR reports it)")
    agree.add_argument("--json", action="store_true", help="the figures and disagreements as JSON")
    agree.set_defaults(func=cmd_agreement)
