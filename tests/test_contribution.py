"""A contribution, end to end: in a copy of the repository, an article from an outlet the code
has never seen is added with the documented commands and released; then the tests of the live
corpus (marked ``corpus``: what a contribution can break) run against that copy and pass, with
nothing under tests/ changed. The rest of the suite tests behaviour on fixture corpora, which a
contribution does not touch, so it is not run twice.

The article is written for this test. Its furniture (an empty "Reporter:" line with the
name below, a photo caption, a font widget, an "OUTLET.CO, Kota -" dateline, "Baca Juga:")
must be marked as boilerplate without any change to the code.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

INNER = "FACTPROV_CONTRIBUTION_RUN"  # set in the suite run inside the copy, which must not start another
ARTICLE = """\
Nelayan Teluk Contoh Panen Ikan Tongkol
• Font: A A A
Reporter:
Yusuf Pratama
Editor:
Lina Marlina
Perahu nelayan merapat di dermaga Teluk Contoh, Selasa. (AP Photo)
WARTACONTOH.CO, Teluk Contoh - Nelayan Teluk Contoh menangkap ikan tongkol dua kali lebih banyak dari bulan lalu.
Ketua koperasi nelayan Bambang Sutrisno mengatakan bahwa harga ikan di pasar mulai turun.
"Kami berharap cuaca tetap bersahabat sampai akhir bulan," ucapnya.
Baca Juga: Dermaga Baru Teluk Contoh Mulai Dipakai
"""
SOURCES = """\
  - name: Warta Contoh
    type: outlet
    wikidata_id: null
    aliases: []
    note: A made-up outlet of the contribution test.
  - name: Bambang Sutrisno
    type: person
    wikidata_id: null
    aliases: []
    note: A made-up chairman of the contribution test.
"""
NOTES = """\
notes:
  url: Written for a test; it was never published.
  credits.translator: The text names no translator.
"""
STATEMENTS = """\
statements:
  - n: 1
    kind: unattributed_claim
    claim_type: factual
    quote: Nelayan Teluk Contoh menangkap ikan tongkol dua kali lebih banyak dari bulan lalu
    source_chain: [Warta Contoh]
    fidelity: verbatim
    verification_status: not_enough_evidence
    evidence: []
    rationale: Written for a test; no record of the catch was looked for.
    gloss_en: The fishers of Teluk Contoh caught twice as much tuna as last month.
  - n: 2
    kind: indirect_quote
    claim_type: factual
    quote: harga ikan di pasar mulai turun
    speaker: Bambang Sutrisno
    speaker_mention: Bambang Sutrisno
    cue: mengatakan
    source_chain: [Bambang Sutrisno, Warta Contoh]
    fidelity: unknown
    verification_status: not_enough_evidence
    evidence: []
    rationale: Written for a test; no record of his words was looked for.
    gloss_en: The cooperative's chairman said fish prices at the market had begun to fall.
  - n: 3
    kind: direct_quote
    claim_type: opinion
    quote: Kami berharap cuaca tetap bersahabat sampai akhir bulan
    speaker: Bambang Sutrisno
    speaker_mention: {text: nya, in: ucapnya}
    cue: {text: ucap, in: ucapnya}
    source_chain: [Bambang Sutrisno, Warta Contoh]
    fidelity: unknown
    verification_status: not_enough_evidence
    evidence: []
    rationale: Written for a test; an attributed hope is checked for whether it was said.
    gloss_en: '"We hope the weather stays kind until the end of the month," he said.'
"""


def _tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _copy_repository(target: Path) -> None:
    """The checkout's files as git sees them (tracked and untracked, not ignored), committed on main."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode("utf-8").split("\0")
    for rel in filter(None, listed):
        source = ROOT / rel
        if source.is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / rel)
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "the repository"],
                 ["checkout", "-qb", "contribution"]):
        _git(target, *args)


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=root, check=True,
                   capture_output=True)


def _factprov(root: Path, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "factprov.cli", *args], cwd=root, capture_output=True, text=True)
    assert done.returncode == 0, f"factprov {' '.join(args)}\n{done.stdout}\n{done.stderr}"
    assert "Traceback" not in done.stderr
    return done.stdout


@pytest.mark.skipif(os.environ.get(INNER) == "1", reason="already inside the contribution's own suite run")
def test_a_contribution_from_an_unseen_outlet_passes_the_tests_of_the_corpus(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is needed to copy the repository")
    root = tmp_path / "factprov"
    _copy_repository(root)
    tests_before = _tree_digest(root / "tests")
    text = tmp_path / "nelayan.txt"
    text.write_text(ARTICLE, encoding="utf-8")

    # CONTRIBUTING.md, steps 2 to 8.
    registry = root / "seeds" / "sources.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + SOURCES, encoding="utf-8")
    added = _factprov(root, "add-article", str(text), "--id", "900_warta_contoh_nelayan", "--publisher",
                      "Warta Contoh")
    for label, shown in (("caption", "(AP Photo)"), ("credit", "Reporter: / Yusuf Pratama"), ("widget", "Font"),
                         ("dateline", "WARTACONTOH.CO, Teluk Contoh -"), ("read_also", "Baca Juga:")):
        assert any(label in line and shown in line for line in added.splitlines()), (label, added)
    folder = root / "seeds" / "900_warta_contoh_nelayan"
    meta = (folder / "meta.yaml").read_text(encoding="utf-8")
    meta = meta.replace("published: null", 'published: "2019-06-25"')  # a quoted full date
    meta = meta[:meta.index("notes: {}")] + NOTES
    (folder / "meta.yaml").write_text(meta, encoding="utf-8")
    (folder / "statements.yaml").write_text(STATEMENTS, encoding="utf-8")
    _factprov(root, "build")
    _factprov(root, "validate")
    _factprov(root, "release", "minor", "--date", "2026-01-02")
    _factprov(root, "validate", "--base", "main")

    # The tests of the live corpus, against the copy, with tests/ as it was.
    assert _tree_digest(root / "tests") == tests_before
    env = {**os.environ, INNER: "1"}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "-n", "0",
                           "-m", "corpus"], cwd=root, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    last = done.stdout.splitlines()[-1]
    assert " passed" in last and " failed" not in last, last
