"""``factprov extract`` (a model over a split or a folder of texts) and ``factprov bench`` (scores,
comparisons, the baselines' leaderboard)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from factprov.base.project import Project
from factprov.base.report import BuildError, Issue, Report
from factprov.bench import leaderboard, run
from factprov.bench.figures import compare, score
from factprov.bench.gold import Gold
from factprov.bench.leaderboard import with_interval
from factprov.bench.matching import MatchLimit
from factprov.bench.models import ModelError, ModelInterrupted
from factprov.bench.predictions import read_predictions
from factprov.bench.run import check_output
from factprov.build import pipeline
from factprov.build.schemas import Schemas
from factprov.cli.output import format_report, project_of, table
from factprov.publish import dataset


def _split(project: Project, split: str, command: str) -> str | None:
    """Why ``split`` is not a split name of schema/common.schema.json, or ``None``."""
    names = Schemas(project.schema).labels("split")
    if split in names:
        return None
    return f"factprov {command}: --split {split!r}: choose {', '.join(names)}"

def cmd_extract(args: argparse.Namespace) -> int:
    project = project_of(args)
    problem = check_output(project, args.output) or (None if args.input else _split(project, args.split, "extract"))
    if problem:
        print(problem if problem.startswith("factprov") else f"factprov extract: {problem}", file=sys.stderr)
        return 2
    progress = None if args.quiet else pipeline.progress_to_stderr
    try:
        gold = run.input_articles(args.input) if args.input else None
        lines = run.extract(project, args.model, args.split, gold=gold, progress=progress)
        run.write_jsonl(args.output, lines)
    except (ModelError, FileNotFoundError) as exc:
        print(f"factprov extract: {exc}; nothing was written", file=sys.stderr)
        return 1
    except ModelInterrupted as exc:
        print(f"factprov extract: {exc}; nothing was written", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"factprov extract: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
        return 1
    n = sum(len(line["statements"]) for line in lines)
    source = f"the .txt files of {args.input}" if args.input else f"split {args.split}"
    print(f"wrote {args.output}: {n} statements from {len(lines)} articles ({args.model}, {source})")
    return 0

def format_score(result: dict) -> str:
    data, micro = result["dataset"], result["micro"]
    boot = result["bootstrap"]
    head = (f"scored against factprov {data['version']}, split {data['split']}, {data['fingerprint']}\n"
            f"{result['articles']} articles; statements: {result['statements']['gold']} gold, "
            f"{result['statements']['predicted']} predicted, {result['statements']['matched']} matched\n"
            f"[low, high]: 95% bootstrap interval ({boot['resamples']} resamples of the articles, seed "
            f"{boot['seed']})")
    macro = result["macro_f1"]
    rows = [[name, with_interval(micro, (key, "precision")), with_interval(micro, (key, "recall")),
             with_interval(micro, (key, "f1")), with_interval(macro, (key,)) if key in macro else ""]
            for name, key in (("attribution (headline)", "attribution"), ("quote, overlap", "quote_overlap"),
                              ("quote, exact", "quote_exact"), ("cue", "cue"))]
    main = table(["figure", "precision", "recall", "F1", "macro F1"], rows, align_right={1, 2, 3, 4})
    acc = table(["accuracy on matched statements", ""],
                [["speaker", with_interval(micro, ("speaker_accuracy",))],
                 ["kind", with_interval(micro, ("kind_accuracy",))]], align_right={1})
    kinds = table(["gold kind", "gold", "quote recall", "attribution recall"],
                  [[k, v["gold"], with_interval(v, ("quote_recall",)), with_interval(v, ("attribution_recall",))]
                   for k, v in result["by_kind"].items()], align_right={1, 2, 3})
    missing = result["articles_without_predictions"]
    note = f"\n\nno predictions for {len(missing)} article(s): {', '.join(missing[:5])}" if missing else ""
    return f"{head}\n\n{main}\n\n{acc}\n\n{kinds}{note}"

def format_comparison(result: dict, a: Path, b: Path) -> str:
    data, boot = result["dataset"], result["bootstrap"]
    head = (f"A = {a}\nB = {b}\nscored against factprov {data['version']}, split {data['split']}, "
            f"{data['fingerprint']}; {result['articles']} articles\n"
            f"difference A - B with a paired 95% bootstrap interval ({boot['resamples']} resamples of the "
            f"articles, seed {boot['seed']})")
    rows = leaderboard.comparison_rows(result)
    body = table(["figure", "A", "B", "A - B", "95% interval", "better"], rows, align_right={1, 2, 3})
    headline = result["figures"]["micro.attribution.f1"]
    verdict = {"A": "A beats B on attribution F1 (the headline figure): the interval of the difference is above "
                    "zero.",
               "B": "B beats A on attribution F1 (the headline figure): the interval of the difference is below "
                    "zero.",
               "neither": "A and B cannot be told apart on attribution F1 (the headline figure): the interval of "
                          "the difference includes zero."}[headline["better"]]
    return f"{head}\n\n{body}\n\n{verdict}"

def _read(project: Project, path: Path, gold: Gold, schemas: Schemas, fmt: str):
    predictions, report = read_predictions(path, gold, schemas, fmt)
    if not report.ok:
        print(format_report(report), file=sys.stderr)
        return None
    return predictions

def _limit_error(exc: MatchLimit, paths: list[Path], predictions: list) -> int:
    for path, p in zip(paths, predictions):
        if exc.article_id in getattr(p, "lines", {}):
            report = Report()
            report.add(Issue(str(path), p.lines[exc.article_id], None, "statements", "pred-limit",
                             f"{exc.article_id}: {exc}"))
            print(format_report(report), file=sys.stderr)
            return 1
    print(f"factprov bench: {exc}", file=sys.stderr)
    return 1

def cmd_bench(args: argparse.Namespace) -> int:
    project = project_of(args)
    problem = _split(project, args.split, "bench")
    if problem:
        print(problem, file=sys.stderr)
        return 2
    if args.baselines:
        try:
            board = leaderboard.baselines(project, args.split)
        except (ModelError, FileNotFoundError) as exc:
            print(f"factprov bench: {exc}", file=sys.stderr)
            return 1
        path = leaderboard.save_results(project, board)
        if args.json:
            print(json.dumps(board, indent=2, ensure_ascii=False))
        else:
            header, rows = leaderboard.leaderboard_rows(board)
            print(table(header, rows, align_right=set(range(1, len(header)))))
            print("\n" + "\n".join(leaderboard.comparison_sentences(board)))
        try:
            dataset.build(project, progress=None)  # the card shows the leaderboard
        except BuildError as exc:
            print(format_report(exc.report), file=sys.stderr)
            return 1
        print(f"\nwrote {project.rel(path)} and the card's leaderboard ({project.rel(project.card)})",
              file=sys.stderr)
        return 0
    if args.predictions is None:
        print("factprov bench: give a predictions file, or --baselines", file=sys.stderr)
        return 2
    try:
        gold = Gold.load(project, args.split)
    except FileNotFoundError as exc:
        print(f"factprov bench: {exc}", file=sys.stderr)
        return 1
    schemas = Schemas(project.schema)
    paths = [args.predictions] + ([args.against] if args.against else [])
    predictions = [_read(project, path, gold, schemas, args.format) for path in paths]
    if any(p is None for p in predictions):
        return 1
    try:
        if args.against:
            result = compare(gold, predictions[0], predictions[1])
            result["a"], result["b"] = str(args.predictions), str(args.against)
            text = format_comparison(result, args.predictions, args.against)
        else:
            result = score(gold, predictions[0])
            result["predictions"] = str(args.predictions)
            text = format_score(result)
    except MatchLimit as exc:
        return _limit_error(exc, paths, predictions)
    print(json.dumps(result, indent=2, ensure_ascii=False) if args.json else text)
    return 0


def add(sub) -> None:
    """Its commands on the ``factprov`` parser."""
    extract = sub.add_parser("extract", help="run an extraction model over a split, or over the .txt files of a "
                                             "folder, and write predictions (JSONL)")
    extract.add_argument("--model", required=True,
                         help="a baseline (sentences, quotes, rules) or package.module:function (text -> statements)")
    extract.add_argument("--split", default="test", help="split of the articles config (default: test)")
    extract.add_argument("--input", type=Path, metavar="DIR",
                         help="run over the .txt files of DIR instead (UTF-8; the article id is the file's stem)")
    extract.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    extract.add_argument("-o", "--output", type=Path, required=True, help="the predictions file to write")
    extract.set_defaults(func=cmd_extract)
    bench = sub.add_parser("bench", help="score predictions against the gold statements")
    bench.add_argument("predictions", type=Path, nargs="?", help="predictions (JSONL), as factprov extract writes")
    bench.add_argument("--split", default="test", help="split to score against (default: test)")
    bench.add_argument("--format", choices=["factprov", "citron"], default="factprov",
                       help="factprov (schema/prediction.schema.json, default) or citron (BBC Citron's output)")
    bench.add_argument("--json", action="store_true",
                       help="print the scores as JSON, with the dataset version; each figure x has x_ci95")
    bench.add_argument("--against", type=Path, metavar="B",
                       help="compare with the predictions in B: the difference in each headline figure, with a "
                            "paired bootstrap interval over articles")
    bench.add_argument("--baselines", action="store_true",
                       help="extract and score every baseline; record the leaderboard for the dataset card")
    bench.set_defaults(func=cmd_bench)
