"""The static site at scale: ``factprov site`` on the synthetic corpus of ``benchmarks/scale.py``.

Generates the corpus (10,000 articles x 20 statements by default), builds dataset/, then
times ``factprov site -o DIR`` as a separate command and prints wall time, peak memory
(proportional set size of the process tree), pages and bytes written. Then times
``factprov site --changed-since HEAD`` after one article changed. The target: the full
site in under a minute on a 2-core machine.

    python benchmarks/site.py                  # 10,000 articles
    python benchmarks/site.py --articles 1000  # a quicker look
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import corpus_arguments, generate, timed  # noqa: E402  (the corpus generator of the validation benchmark)

TARGET_SECONDS = 60
SAMPLE_EVERY = 1.0  # seconds between memory samples: reading smaps of a 1 GB process tree stalls it, so not often


def main() -> int:
    args = corpus_arguments(__doc__.split("\n\n")[0]).parse_args()
    scratch = args.keep or Path(tempfile.mkdtemp(prefix="factprov-site-bench-"))
    root = scratch / "repo"
    if root.exists():
        shutil.rmtree(root)
    factprov = [sys.executable, "-m", "factprov.cli", "--root", str(root)]
    site = scratch / "site"
    rows = []
    try:
        start = time.perf_counter()
        generate(root, args.articles, args.statements, args.seed)
        print(f"generated {args.articles:,} articles in {time.perf_counter() - start:.1f} s ({root})", file=sys.stderr)
        built = subprocess.run([*factprov, "build", "-q"], capture_output=True, text=True)
        if built.returncode != 0:
            print(built.stdout[-3000:], built.stderr[-3000:], file=sys.stderr)
            raise SystemExit("factprov build failed on the synthetic corpus")
        print("built dataset/; timing factprov site", file=sys.stderr)

        def step(name: str, command: list[str]) -> float:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            seconds, peak, proc = timed(command, root, sample_every=SAMPLE_EVERY)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command and its worker processes
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            if proc.returncode != 0:
                print(proc.stdout[-3000:], proc.stderr[-3000:], file=sys.stderr)
                raise SystemExit(f"{name} failed (exit {proc.returncode})")
            files = [p for p in site.rglob("*") if p.is_file()]
            rows.append((name, seconds, cpu, peak, len(files), sum(p.stat().st_size for p in files)))
            return seconds

        full = step("factprov site -o DIR", [*factprov, "site", "-q", "-o", str(site)])
        for command in (["init", "-q"], ["add", "-A"],
                        ["-c", "user.name=bench", "-c", "user.email=bench@example.org", "commit", "-qm", "corpus"]):
            subprocess.run(["git", *command], cwd=root, check=True, capture_output=True)
        statements = root / "seeds" / f"bench_{args.articles // 2:05d}" / "statements.yaml"
        statements.write_text(statements.read_text(encoding="utf-8").replace(
            "Synthetic statement for the benchmark.", "Synthetic statement, corrected.", 1), encoding="utf-8")
        step("factprov site --changed-since HEAD (1 article changed)",
             [*factprov, "site", "-q", "-o", str(site), "--changed-since", "HEAD"])
    finally:
        if args.keep is None:
            shutil.rmtree(scratch, ignore_errors=True)

    print(f"\n{args.articles:,} articles, {args.articles * args.statements:,} statements; "
          f"{os.cpu_count()} CPU cores\n")
    width = max(len(r[0]) for r in rows)
    print(f"{'step':<{width}}  {'seconds':>8}  {'CPU s':>8}  {'peak MB':>8}  {'files':>7}  {'MB written':>10}")
    print(f"{'-' * width}  {'-' * 8}  {'-' * 8}  {'-' * 8}  {'-' * 7}  {'-' * 10}")
    for name, seconds, cpu, peak, files, size in rows:
        print(f"{name:<{width}}  {seconds:>8.2f}  {cpu:>8.2f}  {peak / 1e6:>8.0f}  {files:>7,}  {size / 1e6:>10.0f}")
    print("\nCPU s: user and system time of the command and its workers; on an idle machine the wall time is about "
          "CPU s divided by the cores used. Other work on the machine lengthens the wall time, not the CPU time.")
    print(f"\n{'met' if full < TARGET_SECONDS else 'MISSED':<6}  full site < {TARGET_SECONDS} s ({full:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
