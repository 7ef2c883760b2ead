"""The development texts of the baselines (``tests/fixtures/dev/``) as gold to score against.

Each ``NAME.txt`` has a ``NAME.yaml`` beside it: ``statements`` with the verbatim ``quote``
(and ``occurrence`` where it occurs more than once), the ``kind`` and, for attributed
statements, the ``speaker``; ``aliases`` maps a speaker to the other spellings the text uses.
These texts are the team's own, written to develop the rules; the seed articles are the test
split and are never used for that.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from factprov.bench.gold import Gold, GoldArticle, GoldStatement


class DevSetError(Exception):
    """An annotation of a development text that cannot be resolved."""


def _find(text: str, quote: str, occurrence: int | None, where: str) -> tuple[int, int]:
    starts = []
    at = text.find(quote)
    while at != -1:
        starts.append(at)
        at = text.find(quote, at + 1)
    if not starts:
        raise DevSetError(f"{where}: {quote!r} is not in the text")
    if occurrence is None and len(starts) > 1:
        raise DevSetError(f"{where}: {quote!r} occurs {len(starts)} times; say which with occurrence")
    start = starts[(occurrence or 1) - 1]
    return start, start + len(quote)


def load(folder: Path) -> Gold:
    articles = {}
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))
        aliases = doc.get("aliases") or {}
        statements = []
        for n, s in enumerate(doc["statements"], start=1):
            start, end = _find(text, s["quote"], s.get("occurrence"), f"{path.with_suffix('.yaml').name}[{n}]")
            speaker = s.get("speaker")
            names = frozenset(x.casefold() for x in [speaker, *aliases.get(speaker, [])]) if speaker else frozenset()
            statements.append(GoldStatement(f"{path.stem}/{n}", start, end, s["kind"], names, None, None))
        articles[path.stem] = GoldArticle(path.stem, text, statements)
    return Gold("dev", "dev", "", articles)
