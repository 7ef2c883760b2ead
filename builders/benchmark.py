"""``factprov extract`` and ``factprov bench``: run a model over a split, score predictions,
and keep the baselines' leaderboard that the dataset card shows."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from .extract import BASELINES, ModelError, load_model
from .project import Project
from .scoring import Gold, predictions_from, score
from .schemas import Schemas

RESULTS = Path("benchmarks") / "results.json"  # the leaderboard, an input of the card


def extract(project: Project, model_name: str, split: str = "test", gold: Gold | None = None,
            schemas: Schemas | None = None) -> list[dict]:
    """One prediction line per article of ``split``, in article order; a :class:`ModelError` names the article."""
    model = load_model(model_name)
    gold = gold or Gold.load(project, split)
    schemas = schemas or Schemas(project.schema)
    lines = []
    for article_id, article in sorted(gold.articles.items()):
        try:
            statements = model(article.text)
        except Exception as exc:  # the model is the user's: report what it raised, with the article
            raise ModelError(f"{model_name} failed on {article_id}: {type(exc).__name__}: {exc}") from None
        if not isinstance(statements, list):
            raise ModelError(f"{model_name} returned {type(statements).__name__} for {article_id}, not a list of "
                             "statements")
        line = {"article_id": article_id, "statements": statements}
        _, report = predictions_from([line], gold, schemas)
        if not report.ok:
            first = report.sorted()[0]
            raise ModelError(f"{model_name} returned a bad statement for {article_id}: {first.field}: {first.message}")
        lines.append(line)
    return lines


def write_jsonl(path: Path, lines: list[dict]) -> None:
    """Write ``path`` in one step (a temporary file, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            for line in lines:
                handle.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def baselines(project: Project, split: str = "test") -> dict[str, Any]:
    """Every baseline extracted and scored: the leaderboard document."""
    gold = Gold.load(project, split)
    schemas = Schemas(project.schema)
    results = []
    for name in BASELINES:
        predictions, report = predictions_from(extract(project, name, split, gold, schemas), gold, schemas)
        assert report.ok, report.dumps()  # extract() checked them already
        scored = score(gold, predictions)
        results.append({"model": name, "micro": scored["micro"], "macro_f1": scored["macro_f1"],
                        "by_kind": scored["by_kind"]})
    return {"dataset": {"version": gold.version, "fingerprint": gold.fingerprint, "split": split},
            "results": results}


def save_results(project: Project, board: dict[str, Any]) -> Path:
    path = project.root / RESULTS
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(board, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def load_results(project: Project) -> dict[str, Any] | None:
    path = project.root / RESULTS
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None


LEADERBOARD_COLUMNS = [("attribution F1", ("micro", "attribution", "f1")),
                       ("quote F1 (overlap)", ("micro", "quote_overlap", "f1")),
                       ("quote F1 (exact)", ("micro", "quote_exact", "f1")),
                       ("speaker acc.", ("micro", "speaker_accuracy")),
                       ("cue F1", ("micro", "cue", "f1")),
                       ("kind acc.", ("micro", "kind_accuracy")),
                       ("attribution F1 (macro)", ("macro_f1", "attribution"))]


def _get(doc: dict, path: tuple[str, ...]) -> Any:
    for part in path:
        doc = doc[part]
    return doc


def leaderboard_rows(board: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    header = ["model", *(name for name, _ in LEADERBOARD_COLUMNS)]
    rows = [[r["model"], *(f"{_get(r, path):.3f}" for _, path in LEADERBOARD_COLUMNS)] for r in board["results"]]
    return header, rows
