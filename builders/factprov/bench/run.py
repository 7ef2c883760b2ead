"""Runs of a model: over the articles of a split or over a folder of texts (``factprov extract``),
each statement checked as a predictions file would be, and written in one step."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

from factprov.base import outpaths, writer
from factprov.base.project import Project
from factprov.bench.gold import Gold, GoldArticle
from factprov.bench.models import ModelError, load_model, run_model
from factprov.bench.predictions import predictions_from
from factprov.build.schemas import Schemas

MAX_TEXT_BYTES = 10_000_000  # one text of extract --input


def input_articles(folder: Path) -> Gold:
    """The ``.txt`` files of ``folder`` as articles without gold statements; the article id is the stem."""
    import re

    if not folder.is_dir():
        raise ModelError(f"--input {folder}: not a folder")
    articles = {}
    slug = re.compile(r"[a-z0-9][a-z0-9_-]{0,99}")  # as article_id in schema/common.schema.json
    for path in sorted(folder.glob("*.txt")):
        if not path.is_file():
            continue
        if not slug.fullmatch(path.stem):
            raise ModelError(f"{path}: the article id is the file's stem, and {path.stem!r} is not a lowercase "
                             "slug (a-z, 0-9, _ and -, at most 100 characters); rename the file")
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise ModelError(f"{path}: {size:,} bytes; the limit for one text is {MAX_TEXT_BYTES:,}")
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ModelError(f"{path}: not UTF-8 at byte {exc.start}") from None
        except OSError as exc:
            raise ModelError(f"{path}: cannot read it: {exc.strerror}") from None
        articles[path.stem] = GoldArticle(path.stem, text.removeprefix("\ufeff"), [])
    if not articles:
        raise ModelError(f"--input {folder}: no .txt files")
    return Gold(f"of {folder}", "", "", articles)


def extract(project: Project, model_name: str, split: str = "test", gold: Gold | None = None,
            schemas: Schemas | None = None, progress: Callable[[str], None] | None = None) -> list[dict]:
    """One prediction line per article, in article order; a :class:`ModelError` names the article.

    The articles are those of ``split``, or of ``gold`` when given (e.g. :func:`input_articles`).
    A model that raises anything, ``SystemExit`` included, stops the run with a :class:`ModelError`;
    ``KeyboardInterrupt`` with :class:`~factprov.bench.models.ModelInterrupted`.
    """
    model = load_model(model_name)
    gold = gold or Gold.load(project, split)
    schemas = schemas or Schemas(project.schema)
    lines = []
    n = len(gold.articles)
    for done, (article_id, article) in enumerate(sorted(gold.articles.items()), start=1):
        statements = run_model(model, model_name, article_id, article.text)
        line = {"article_id": article_id, "statements": statements}
        _, report = predictions_from([line], gold, schemas)
        if not report.ok:
            first = report.sorted()[0]
            raise ModelError(f"{model_name} returned a bad statement for {article_id}: {first.field}: "
                             f"{first.message}")
        lines.append(line)
        if progress is not None and n >= 20 and done % max(1, n // 10) == 0:
            progress(f"extract: {done}/{n} articles")
    return lines


def check_output(project: Project, path: Path) -> str | None:
    """Why ``path`` cannot take predictions, or ``None`` (see :mod:`outpaths`)."""
    return outpaths.check_file(project, path)


def write_jsonl(path: Path, lines: list[dict]) -> None:
    """Write ``path`` in one step (a temporary file, then a rename). Lines end at ``\\n``; other line
    separators (U+2028, U+0085...) are written as they are, and the reader splits at ``\\n`` only."""
    data = "".join(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n" for line in lines).encode("utf-8")
    writer.write_file(path, data, within=path.parent)


