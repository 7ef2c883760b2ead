"""Scoring time when predictions overlap: sliding windows over one article.

A sliding-window model predicts many spans that all overlap one another and the gold
quotes. The scorer pairs gold and predicted quotes optimally inside each group of
overlapping spans, and its cost grows with the group's smaller side (the gold side), so
the time should stay near-linear in the number of predictions. This script times
``factprov bench`` as a user runs it (a separate process: gold loaded, predictions read
and checked, matched, scored with bootstrap intervals) on a copy of the checkout, with
N windows over the longest article of the test split and no predictions for the others.
It then times the matching alone on 1,600 predictions against many gold quotes, and on the
worst case the limits allow: ``MAX_GROUP`` gold quotes and 1,600 predictions, all
overlapping one another.

    python benchmarks/overlap.py
    python benchmarks/overlap.py --windows 400 1600 6400
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factprov.bench.gold import GoldStatement  # noqa: E402
from factprov.bench.matching import MAX_GROUP, match
from factprov.bench.predictions import Predicted
from factprov.cli.output import table  # noqa: E402


def windows(text: str, n: int, width: int) -> list[dict]:
    """``n`` spans of ``width`` characters, evenly spread over the text (each overlaps its neighbours)."""
    width = min(width, len(text))
    step = (len(text) - width) / max(1, n - 1)
    return [{"quote": {"start": int(i * step), "end": min(len(text), int(i * step) + width)}} for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--windows", type=int, nargs="+", default=[400, 800, 1600, 3200])
    parser.add_argument("--width", type=int, default=400, help="characters per window (default 400)")
    args = parser.parse_args()
    factprov = Path(sys.executable).with_name("factprov")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for folder in ("seeds", "schema", "dataset"):
            shutil.copytree(ROOT / folder, root / folder)
        articles = [json.loads(line) for line in (root / "dataset/data/articles/test.jsonl").open(encoding="utf-8")]
        article = max(articles, key=lambda a: len(a["text"]))
        rows = []
        for n in args.windows:
            path = root / f"windows-{n}.jsonl"
            path.write_text(json.dumps({"article_id": article["article_id"],
                                        "statements": windows(article["text"], n, args.width)}) + "\n")
            started = time.perf_counter()
            done = subprocess.run([str(factprov), "--root", str(root), "bench", str(path), "--json"],
                                  capture_output=True, text=True)
            seconds = time.perf_counter() - started
            if done.returncode != 0:
                raise SystemExit(done.stderr)
            matched = json.loads(done.stdout)["statements"]["matched"]
            rows.append([f"{n:,}", f"{len(article['text']):,}", matched, f"{seconds:.2f}"])
            print(f"{n:,} windows: {seconds:.2f} s", file=sys.stderr)
    print(f"factprov bench, {args.width}-character windows over the longest test article\n")
    print(table(["predictions", "article characters", "matched", "seconds"], rows, align_right={0, 1, 2, 3}))
    print("\nmatching alone (in this process), 1,600 predicted quotes:")
    cases = {
        "2,000 gold quotes of 80 characters, one every 100; windows of 400 every 125 characters":
            ([GoldStatement(f"g/{i}", 100 * i, 100 * i + 80, "indirect_quote", frozenset(), None, None)
              for i in range(2000)],
             [Predicted(125 * i, 125 * i + 400, None, None, None, None) for i in range(1600)]),
        f"{MAX_GROUP} gold quotes all overlapping one another and every prediction (the limit)":
            ([GoldStatement(f"g/{i}", i, i + 2000, "indirect_quote", frozenset(), None, None)
              for i in range(MAX_GROUP)],
             [Predicted(i, i + 2000, None, None, None, None) for i in range(1600)]),
    }
    rows = []
    for name, (gold, predicted) in cases.items():
        started = time.perf_counter()
        pairs = match(gold, predicted)
        rows.append([name, len(pairs), f"{time.perf_counter() - started:.2f}"])
    print(table(["case", "pairs", "seconds"], rows, align_right={1, 2}))

if __name__ == "__main__":
    main()
