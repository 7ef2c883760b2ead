"""The baselines' leaderboard: every baseline extracted and scored with intervals, compared with the
next, recorded in benchmarks/results.json (checked against its schema when read), and the rows
and sentences the card, the site and the command line show of it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from factprov.base import writer
from factprov.base.project import Project
from factprov.base.report import Issue, Report
from factprov.bench.figures import HEADLINE, compare, score
from factprov.bench.gold import Gold
from factprov.bench.models import BASELINES
from factprov.bench.predictions import MAX_DEPTH, bad_string, predictions_from, too_deep
from factprov.bench.run import extract
from factprov.build.schemas import INPUT_SCHEMAS, Schemas

RESULTS = Path("benchmarks") / "results.json"  # the leaderboard, an input of the card
MAX_RESULTS_BYTES = 1_000_000


def baselines(project: Project, split: str = "test") -> dict[str, Any]:
    """Every baseline extracted and scored, with intervals, and each model compared with the next one
    down: the leaderboard document."""
    gold = Gold.load(project, split)
    schemas = Schemas(project.schema)
    results, predictions = [], {}
    for name in BASELINES:
        predictions[name], report = predictions_from(extract(project, name, split, gold, schemas), gold, schemas)
        assert report.ok, report.dumps()  # extract() checked them already
        scored = score(gold, predictions[name])
        results.append({"model": name, "micro": scored["micro"], "macro_f1": scored["macro_f1"],
                        "by_kind": scored["by_kind"]})
    ranked = sorted(results, key=lambda r: -r["micro"]["attribution"]["f1"])
    comparisons = []
    for upper, lower in zip(ranked, ranked[1:]):
        diff = compare(gold, predictions[upper["model"]], predictions[lower["model"]])["figures"]
        row = diff["micro.attribution.f1"]
        comparisons.append({"a": upper["model"], "b": lower["model"], "figure": "micro.attribution.f1",
                            "difference": row["difference"], "difference_ci95": row["difference_ci95"],
                            "better": row["better"]})
    return {"dataset": {"version": gold.version, "fingerprint": gold.fingerprint, "split": split},
            "bootstrap": scored["bootstrap"], "results": results, "comparisons": comparisons}


def save_results(project: Project, board: dict[str, Any]) -> Path:
    path = project.root / RESULTS
    path.parent.mkdir(parents=True, exist_ok=True)
    writer.write_file(path, (json.dumps(board, indent=2, sort_keys=True) + "\n").encode("utf-8"), within=project.root)
    return path


def load_results(project: Project, report: Report | None = None) -> dict[str, Any] | None:
    """``benchmarks/results.json``, checked against its schema; ``None`` if there is none.

    A file that cannot be read, is not JSON or does not match ``schema/benchmark-results.schema.json``
    is an issue in ``report`` (code ``results``, with the line or the field), and gives ``None``.
    """
    path = project.root / RESULTS
    if not path.exists():
        return None
    report = report if report is not None else Report()
    where = RESULTS.as_posix()

    def refuse(message: str, line: int | None = None, column: int | None = None, field: str = "") -> None:
        report.add(Issue(where, line, column, field, "results", message))

    try:
        if not path.is_file():
            refuse("is not a regular file")
            return None
        size = path.stat().st_size
        if size > MAX_RESULTS_BYTES:
            refuse(f"{size:,} bytes; the limit is {MAX_RESULTS_BYTES:,}")
            return None
        raw = path.read_bytes()
    except OSError as exc:
        refuse(f"cannot be read: {exc.strerror}")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        refuse(f"not UTF-8 at byte {exc.start}")
        return None
    for number, line in enumerate(text.split("\n"), start=1):
        column = too_deep(line, MAX_DEPTH)
        if column is not None:
            refuse(f"nested deeper than {MAX_DEPTH} levels", number, column)
            return None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        refuse(f"not JSON: {exc.msg}; rerun `factprov bench --baselines`", exc.lineno, exc.colno)
        return None
    except RecursionError:
        refuse(f"nested deeper than {MAX_DEPTH} levels")
        return None
    bad = bad_string(doc)
    if bad is not None:
        refuse(bad[1], field=bad[0])
        return None
    schema = INPUT_SCHEMAS["benchmark-results"]
    errors = list(Schemas(project.schema).iter_errors(schema, doc))
    for error in errors:
        field = "".join(f"[#{p + 1}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path).lstrip(".")
        refuse(f"{error.message[:300]} (schema/{schema}); rerun `factprov bench --baselines`", field=field)
    return None if errors else doc


LEADERBOARD_COLUMNS = [("attribution F1", ("micro", "attribution", "f1")),
                       ("quote F1 (overlap)", ("micro", "quote_overlap", "f1")),
                       ("quote F1 (exact)", ("micro", "quote_exact", "f1")),
                       ("speaker acc.", ("micro", "speaker_accuracy")),
                       ("cue F1", ("micro", "cue", "f1")),
                       ("kind acc.", ("micro", "kind_accuracy")),
                       ("attribution F1 (macro)", ("macro_f1", "attribution"))]
FIGURE_NAMES = {".".join(path): name for name, path in LEADERBOARD_COLUMNS}
assert set(FIGURE_NAMES) == set(HEADLINE)


def _get(doc: dict, path: tuple[str, ...]) -> Any:
    for part in path:
        doc = doc[part]
    return doc


def with_interval(doc: dict, path: tuple[str, ...]) -> str:
    """A figure and its 95% interval: ``0.704 [0.552, 0.830]``."""
    value = _get(doc, path)
    low, high = _get(doc, (*path[:-1], f"{path[-1]}_ci95"))
    return f"{value:.3f} [{low:.3f}, {high:.3f}]"


def leaderboard_rows(board: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    header = ["model", *(name for name, _ in LEADERBOARD_COLUMNS)]
    rows = [[r["model"], *(with_interval(r, path) for _, path in LEADERBOARD_COLUMNS)] for r in board["results"]]
    return header, rows


def comparison_sentences(board: dict[str, Any]) -> list[str]:
    """Each comparison of the leaderboard in plain words (model names as they are; escape them for Markdown)."""
    out = []
    for c in board.get("comparisons", []):
        low, high = c["difference_ci95"]
        figure = FIGURE_NAMES.get(c["figure"], c["figure"])
        if c["better"] == "A":
            out.append(f"{c['a']} beats {c['b']} on {figure}: the difference, {c['difference']:+.3f}, has a 95% "
                       f"interval of [{low:+.3f}, {high:+.3f}], above zero.")
        elif c["better"] == "B":
            out.append(f"{c['b']} beats {c['a']} on {figure}: the difference, {-c['difference']:+.3f}, has a 95% "
                       f"interval of [{-high:+.3f}, {-low:+.3f}], above zero.")
        else:
            out.append(f"{c['a']} and {c['b']} cannot be told apart on {figure}: the difference, "
                       f"{c['difference']:+.3f}, has a 95% interval of [{low:+.3f}, {high:+.3f}], which includes "
                       "zero.")
    return out


def comparison_rows(result: dict[str, Any]) -> list[list[str]]:
    """The rows of ``bench A --against B``: each headline figure, both values, the difference and its interval."""
    rows = []
    for key, r in result["figures"].items():
        low, high = r["difference_ci95"]
        better = {"A": "A", "B": "B", "neither": "cannot tell"}[r["better"]]
        rows.append([FIGURE_NAMES[key], f"{r['a']:.3f}", f"{r['b']:.3f}", f"{r['difference']:+.3f}",
                     f"[{low:+.3f}, {high:+.3f}]", better])
    return rows
