"""Validation at scale: a synthetic corpus of 10,000 articles (about 200,000 statements).

Generates the corpus deterministically in a scratch folder, then times, each as a
separate command as a contributor or CI would run it:

  1. ``factprov build``                        (every check, then writes dataset/)
  2. ``factprov validate``                     (every check, and dataset/ up to date)
  3. ``check-jsonschema`` on the same statements.yaml files (schema checks only)
  4. ``factprov validate --changed-since HEAD`` after adding one article

and prints wall time and peak memory (proportional set size of the process tree) of each.

    python benchmarks/scale.py                  # 10,000 articles x 20 statements
    python benchmarks/scale.py --articles 1000  # a quicker look
Needs ``pip install -e ".[bench]"`` for check-jsonschema. The corpus is synthetic
(made-up words, example.org evidence URLs) and is never written into the repository.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORDS = ("kerja sama ekonomi energi pelabuhan investasi perdagangan proyek jalan pangan harga pasar "
         "kebijakan regional bantuan teknologi nasional rencana sektor industri wilayah program "
         "pembangunan anggaran laporan keamanan pertemuan kesepakatan negara rakyat pemerintah").split()
SPEAKERS = [f"Tokoh {chr(65 + i)}{chr(65 + j)}" for i in range(6) for j in range(6)]  # 36 people
OUTLETS = [f"Kantor Berita {c}" for c in "PQRSTUVW"]
CUES_INDIRECT = ["menegaskan bahwa", "mengatakan bahwa", "menyampaikan bahwa", "menekankan bahwa"]


def sentence(rng: random.Random, tag: str, n: int = 14) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)) + f" nomor {tag}"


def q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def selector(text: str, needle: str, at: int) -> str:
    """The annotation for the occurrence of ``needle`` that starts at offset ``at``."""
    before = text.count(needle, 0, at)
    return q(needle) if text.count(needle) == 1 else f"{{text: {q(needle)}, occurrence: {before + 1}}}"


def article(rng: random.Random, a: int, n_statements: int) -> tuple[str, str, str]:
    """(article text, meta.yaml, statements.yaml) of synthetic article ``a``."""
    publisher = OUTLETS[a % len(OUTLETS)]
    paragraphs, specs = [], []
    for k in range(1, n_statements + 1):
        words = sentence(rng, f"{a}-{k}")
        speaker = SPEAKERS[rng.randrange(len(SPEAKERS))]
        form = k % 3
        if form == 0:
            para = f'"{words}," ujar {speaker}.'
            specs.append((k, "direct_quote", words, speaker, "ujar", len(paragraphs)))
        elif form == 1:
            cue = rng.choice(CUES_INDIRECT)
            para = f"{speaker} {cue} {words}."
            specs.append((k, "indirect_quote", words, speaker, cue, len(paragraphs)))
        else:
            para = words[0].upper() + words[1:] + "."
            specs.append((k, "unattributed_claim", para[:-1], None, None, len(paragraphs)))
        paragraphs.append(para)
    paragraphs.append(f"Baca juga: Berita lain nomor {a}")
    text = "\n\n".join(paragraphs) + "\n"
    starts, at = [], 0
    for para in paragraphs:
        starts.append(at)
        at += len(para) + 2
    out = ["statements:"]
    for k, kind, quote, speaker, cue, p in specs:
        base = starts[p]
        q_at = text.index(quote, base)
        out += [f"  - n: {k}", f"    kind: {kind}", "    claim_type: factual", f"    quote: {selector(text, quote, q_at)}"]
        if speaker:
            out += [f"    speaker: {q(speaker)}",
                    f"    speaker_mention: {selector(text, speaker, text.index(speaker, base))}",
                    f"    cue: {selector(text, cue, text.index(' ' + cue + ' ', base) + 1)}"]
            chain, fidelity = f"[{q(speaker)}, {q(publisher)}]", "unknown"
        else:  # the outlet's own words: verbatim, as the build requires
            chain, fidelity = f"[{q(publisher)}]", "verbatim"
        out += [f"    source_chain: {chain}", f"    fidelity: {fidelity}", "    verification_status: supported",
                "    evidence:", f"      - ref: https://example.org/evidence/{a}/{k}", "        relation: supports",
                "        note: Synthetic evidence for the benchmark."]
        if a > 0 and k % 5 == 0:
            out += [f"      - ref: bench_{a - 1:05d}/{k}", "        relation: supports",
                    "        note: The previous article reports it too."]
        out += ["    rationale: Synthetic statement for the benchmark.", f"    gloss_en: Synthetic statement {a}/{k}.", ""]
    meta = "\n".join([
        f"article_id: bench_{a:05d}", f"seed_file: bench_{a:05d}.txt",
        f"text_sha256: {hashlib.sha256(text.encode()).hexdigest()}", "language: id", "parser: generic",
        f"publisher: {q(publisher)}", "url: null", "published: null",
        "credits: {author: null, translator: null, editor: null}", "cited_sources: []", "split: test",
        "notes: {url: synthetic, published: synthetic, credits.author: synthetic, credits.translator: synthetic,"
        " credits.editor: synthetic}", ""])
    return text, meta, "\n".join(out)


def registry() -> str:
    lines = ["sources:"]
    for name, kind in [*((s, "person") for s in SPEAKERS), *((o, "outlet") for o in OUTLETS)]:
        lines += [f"  - name: {q(name)}", f"    type: {kind}", "    wikidata_id: null", "    aliases: []",
                  "    note: Synthetic source for the benchmark."]
    return "\n".join(lines) + "\n"


def generate(root: Path, n_articles: int, n_statements: int, seed: int) -> None:
    shutil.copytree(ROOT / "schema", root / "schema")
    (root / "dataset").mkdir(parents=True)
    shutil.copyfile(ROOT / "dataset" / "README.md", root / "dataset" / "README.md")  # the version
    for name in ("CITATION.cff", "CHANGELOG.md"):  # the card's citation and release date
        shutil.copyfile(ROOT / name, root / name)
    (root / "seeds").mkdir()
    (root / "seeds" / "sources.yaml").write_text(registry(), encoding="utf-8")
    rng = random.Random(seed)
    for a in range(n_articles):
        folder = root / "seeds" / f"bench_{a:05d}"
        folder.mkdir()
        text, meta, statements = article(rng, a, n_statements)
        (folder / "article.txt").write_bytes(text.encode("utf-8"))
        (folder / "meta.yaml").write_text(meta, encoding="utf-8")
        (folder / "statements.yaml").write_text(statements, encoding="utf-8")


def bundled_schema(root: Path) -> Path:
    """statements.yaml's schema with the shared definitions inlined, for a validator without our registry."""
    doc = json.loads((root / "schema" / "annotations.schema.json").read_text(encoding="utf-8"))
    common = json.loads((root / "schema" / "common.schema.json").read_text(encoding="utf-8"))["$defs"]
    text = json.dumps(doc).replace("urn:factprov:schema:common#/$defs/", "#/$defs/common_")
    doc = json.loads(text)
    inlined = json.loads(json.dumps(common).replace('"#/$defs/', '"#/$defs/common_'))
    doc["$defs"].update({f"common_{k}": v for k, v in inlined.items()})
    doc.pop("$id")
    path = root / "annotations.bundled.schema.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def tree_memory(pid: int) -> int:
    """Memory of ``pid`` and its descendants, in bytes: proportional set size (Linux /proc), so that
    pages the worker processes share with their parent are counted once."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as rollup:
                total += next(int(l.split()[1]) * 1024 for l in rollup if l.startswith("Pss:"))
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as children:
                    todo += [int(c) for c in children.read().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def timed(command: list[str], cwd: Path, sample_every: float = 0.05) -> tuple[float, int, subprocess.CompletedProcess]:
    """Wall time, peak memory of the process tree, and the finished process."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_memory(proc.pid))
            time.sleep(sample_every)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    elapsed = time.perf_counter() - start
    sampler.join()
    return elapsed, peak[0], subprocess.CompletedProcess(command, proc.returncode, out, err)


def corpus_arguments(description: str) -> argparse.ArgumentParser:
    """The options of a benchmark on the synthetic corpus: its size, its seed, and where to keep it."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--statements", type=int, default=20, help="per article")
    parser.add_argument("--seed", type=int, default=20251124)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    return parser


def main() -> int:
    parser = corpus_arguments(__doc__.split("\n\n")[0])
    parser.add_argument("--no-check-jsonschema", action="store_true", help="skip the side-by-side comparison")
    args = parser.parse_args()
    scratch = args.keep or Path(tempfile.mkdtemp(prefix="factprov-bench-"))
    root = scratch / "repo"
    if root.exists():
        shutil.rmtree(root)
    factprov = [sys.executable, "-m", "factprov.cli", "--root", str(root)]
    try:
        start = time.perf_counter()
        generate(root, args.articles, args.statements, args.seed)
        n_statements = args.articles * args.statements
        print(f"generated {args.articles:,} articles, {n_statements:,} statements in "
              f"{time.perf_counter() - start:.1f} s ({root})", file=sys.stderr)
        rows = []

        def step(name: str, command: list[str], expect_ok: bool = True) -> float:
            print(f"running: {name}", file=sys.stderr)
            seconds, peak, proc = timed(command, root)
            if expect_ok and proc.returncode != 0:
                print(proc.stdout[-3000:], proc.stderr[-3000:], file=sys.stderr)
                raise SystemExit(f"{name} failed (exit {proc.returncode})")
            rows.append((name, seconds, peak))
            return seconds

        step("factprov build", [*factprov, "build", "-q"])
        full = step("factprov validate (full)", [*factprov, "validate"])
        schema_only = None
        if not args.no_check_jsonschema:
            beside = Path(sys.executable).with_name("check-jsonschema")
            tool = str(beside) if beside.exists() else shutil.which("check-jsonschema")
            if tool is None:
                raise SystemExit('check-jsonschema is not installed: pip install -e ".[bench]"')
            files = sorted(str(p) for p in (root / "seeds").glob("*/statements.yaml"))
            schema_only = step("check-jsonschema (schema only)",
                               [tool, "--schemafile", str(bundled_schema(root)), *files])
        for command in (["init", "-q"], ["add", "-A"],
                        ["-c", "user.name=bench", "-c", "user.email=bench@example.org", "commit", "-qm", "corpus"]):
            subprocess.run(["git", *command], cwd=root, check=True, capture_output=True)
        rng = random.Random(args.seed + 1)
        text, _, statements = article(rng, args.articles, args.statements)
        incoming = scratch / "incoming.txt"
        incoming.write_bytes(text.encode("utf-8"))
        new_id = f"bench_{args.articles:05d}"
        subprocess.run([*factprov, "add-article", str(incoming), "--id", new_id, "--publisher",
                        OUTLETS[args.articles % len(OUTLETS)]], check=True, capture_output=True)
        (root / "seeds" / new_id / "statements.yaml").write_text(statements, encoding="utf-8")
        meta = root / "seeds" / new_id / "meta.yaml"
        meta.write_text(meta.read_text(encoding="utf-8").replace(
            "notes: {}", "notes: {url: synthetic, published: synthetic, credits.author: synthetic, "
                         "credits.translator: synthetic, credits.editor: synthetic}"), encoding="utf-8")
        incremental = step("factprov validate --changed-since HEAD (1 new article)",
                           [*factprov, "validate", "--changed-since", "HEAD"])
    finally:
        if args.keep is None:
            shutil.rmtree(scratch, ignore_errors=True)

    print(f"\n{args.articles:,} articles, {n_statements:,} statements; {os.cpu_count()} CPU cores\n")
    width = max(len(r[0]) for r in rows)
    print(f"{'step':<{width}}  {'seconds':>8}  {'peak MB':>8}")
    print(f"{'-' * width}  {'-' * 8}  {'-' * 8}")
    for name, seconds, peak in rows:
        print(f"{name:<{width}}  {seconds:>8.2f}  {peak / 1e6:>8.0f}")
    peak_mb = max(r[2] for r in rows if r[0].startswith("factprov")) / 1e6
    checks = [("full validation < 15 s", full < 15),
              ("incremental < 1 s", incremental < 1),
              ("peak memory < 1 GB", peak_mb < 1000)]
    if schema_only is not None:
        checks.append((f"full validation >= 5x faster than check-jsonschema (x{schema_only / full:.1f})",
                       schema_only >= 5 * full))
    print()
    for name, ok in checks:
        print(f"{'met' if ok else 'MISSED':<6}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
