"""Scoring speed: 10,000 synthetic articles with 20 gold statements each.

Builds the synthetic corpus of ``scale.py`` (made-up words, never written into the
repository), writes predictions derived from the gold with deterministic noise (spans
shifted or cut, statements dropped and added, speakers changed), and times
``factprov bench`` on them as a user runs it: gold loaded from dataset/, predictions read
and checked line by line, matched and scored.

    python benchmarks/scorer.py                  # 10,000 articles
    python benchmarks/scorer.py --articles 1000
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale  # noqa: E402  (the corpus generator beside this script)


def noisy_predictions(root: Path, seed: int) -> Path:
    """Predictions from the built gold: about 70% kept (some shifted), 10% wrong speaker, 15% extra."""
    rng = random.Random(seed)
    by_article: dict[str, list[dict]] = {}
    for line in (root / "dataset/data/statements/test.jsonl").open(encoding="utf-8"):
        s = json.loads(line)
        by_article.setdefault(s["article_id"], []).append(s)
    out = root / "predictions.jsonl"
    with out.open("w", encoding="utf-8") as handle:
        for article_id, statements in sorted(by_article.items()):
            predicted = []
            for s in statements:
                roll = rng.random()
                if roll < 0.15:
                    continue  # missed
                start, end = s["quote"]["start"], s["quote"]["end"]
                if roll < 0.45:
                    start += rng.randrange(0, max(1, (end - start) // 3))
                speaker = s["speaker"]["name"]
                if rng.random() < 0.1:
                    speaker = "Someone Else"
                item = {"quote": {"start": start, "end": end}, "kind": s["kind"],
                        "speaker": {"name": speaker} if speaker else None}
                if s["cue"]:
                    item["cue"] = {"start": s["cue"]["start"], "end": s["cue"]["end"]}
                predicted.append(item)
                if rng.random() < 0.15:  # a spurious extra statement on the same words
                    predicted.append({"quote": {"start": s["quote"]["start"], "end": s["quote"]["start"] + 3}})
            handle.write(json.dumps({"article_id": article_id, "statements": predicted}) + "\n")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--statements", type=int, default=20)
    parser.add_argument("--seed", type=int, default=20251124)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="factprov-scorer-"))
    root = scratch / "repo"
    factprov = [sys.executable, "-m", "factprov.cli", "--root", str(root)]
    try:
        scale.generate(root, args.articles, args.statements, args.seed)
        print("building the synthetic corpus ...", file=sys.stderr)
        subprocess.run([*factprov, "build", "-q"], check=True, capture_output=True)
        predictions = noisy_predictions(root, args.seed)
        start = time.perf_counter()
        done = subprocess.run([*factprov, "bench", str(predictions), "--json"], capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            print(done.stdout[-2000:], done.stderr[-2000:], file=sys.stderr)
            return 1
        result = json.loads(done.stdout)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    s = result["statements"]
    print(f"\n{result['articles']:,} articles; {s['gold']:,} gold and {s['predicted']:,} predicted statements, "
          f"{s['matched']:,} matched")
    print(f"attribution F1 {result['micro']['attribution']['f1']:.3f}, "
          f"quote F1 (overlap) {result['micro']['quote_overlap']['f1']:.3f}")
    print(f"factprov bench: {seconds:.2f} s  ({'met' if seconds < 10 else 'MISSED'}: target under 10 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
