"""Reading a large statements.yaml: the careful path that refuses tags, aliases and deep nesting.

A file with 5,000 or more of the characters ``[{-:?`` could nest deeper than libyaml's
composer can recurse, so it used to be composed, and checked, by PyYAML's pure-Python
loader. Now a scan of libyaml's events (which keeps its own stack and builds nothing)
refuses tags, anchors, aliases, merge keys, odd keys and deep nesting, and yaml-rs
reads the values; a node tree, for line numbers, is composed by libyaml only when an
error needs one. This script writes a synthetic annotation file in memory
(made-up Indonesian-style words, example.org evidence) and prints, for each size, the
time of every step and of the whole read, and the pure-Python composition for
comparison. Each figure is the best of ``--repeat`` runs on this machine.

    python benchmarks/yaml_reading.py                     # 1,000 and 7,800 statements
    python benchmarks/yaml_reading.py --statements 20000
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from factprov.base.yamlio import check_characters, compose_checked, load_located, scan  # noqa: E402
from factprov.cli.output import table  # noqa: E402

WORDS = ("kerja sama ekonomi energi pelabuhan investasi perdagangan proyek jalan pangan harga pasar "
         "kebijakan regional bantuan teknologi nasional rencana sektor industri wilayah program").split()


def statements_yaml(n: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    out = ["statements:\n"]
    for i in range(1, n + 1):
        quote = " ".join(rng.choice(WORDS) for _ in range(12))
        out.append(
            f"  - n: {i}\n    kind: indirect_quote\n    claim_type: factual\n    quote: {quote}\n"
            f"    speaker: Tokoh A\n    speaker_mention: {{text: Tokoh A, occurrence: {i}}}\n"
            f"    cue: {{text: menegaskan, occurrence: {i}}}\n    source_chain: [Tokoh A, Kantor Berita P]\n"
            f"    fidelity: paraphrased\n    verification_status: supported\n    evidence:\n"
            f"      - ref: https://example.org/laporan/{i}\n        relation: supports\n"
            f"        note: Laporan resmi tentang {rng.choice(WORDS)}.\n"
            f"    rationale: The report says so.\n    gloss_en: Someone said something about {rng.choice(WORDS)}.\n\n")
    return "".join(out)


def best(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--statements", type=int, nargs="*", default=[1000, 7800])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-pure-python", action="store_true", help="skip the slow pure-Python comparison")
    args = parser.parse_args()
    rows = []
    for n in args.statements:
        text = statements_yaml(n)
        indicators = sum(text.count(c) for c in "[{-:?")
        row = [f"{n:,}", f"{len(text) / 1e6:.1f} MB", f"{indicators:,}",
               f"{best(args.repeat, lambda: check_characters(text)):.3f}",
               f"{best(args.repeat, lambda: scan(text)):.3f}",
               f"{best(args.repeat, lambda: load_located(text)):.3f}",
               f"{best(args.repeat, lambda: compose_checked(text)):.3f}"]
        row.append("-" if args.no_pure_python else f"{best(1, lambda: yaml.compose(text, Loader=yaml.SafeLoader)):.1f}")
        rows.append(row)
        print(f"measured {n:,} statements", file=sys.stderr, flush=True)
    print(table(["statements", "size", "[{-:? chars", "characters s", "scan s", "whole read s",
                 "node tree (for lines) s", "pure-Python compose s"], rows, align_right=set(range(8))))


if __name__ == "__main__":
    main()
