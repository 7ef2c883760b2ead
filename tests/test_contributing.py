"""CONTRIBUTING.md, followed literally: its walkthrough adds a made-up third article, which
validates, builds and loads; then one mistake of each kind gives one located error."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from factprov import cli
from factprov.base.report import CODES

from .conftest import ROOT, copy_checkout, replace_in

GUIDE = ROOT / "CONTRIBUTING.md"
FENCE = re.compile(r"^```(?P<info>[^\n]*)\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)


def walkthrough_blocks() -> list[tuple[str, str]]:
    text = GUIDE.read_text(encoding="utf-8")
    section = text[text.index("## Walkthrough"):text.index("## Error codes")]
    return [(m["info"].strip(), m["body"]) for m in FENCE.finditer(section)]


def follow_guide(root: Path) -> str:
    """Do what each block of the walkthrough says, in order, in ``root`` as the working folder;
    return what the Python block printed."""
    printed = ""
    for info, body in walkthrough_blocks():
        language, _, target = info.partition(" ")
        if target.startswith("file="):
            path = root / target[len("file="):]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(body, encoding="utf-8")
        elif target.startswith("append="):
            path = root / target[len("append="):]
            path.write_text(path.read_text(encoding="utf-8") + body, encoding="utf-8")
        elif target.startswith("replace="):
            file, _, old = target[len("replace="):].partition(":")  # the whole line that starts with old
            path = root / file
            lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
            [at] = [i for i, line in enumerate(lines) if line.startswith(old.strip())]
            path.write_text("".join(lines[:at]) + body + "".join(lines[at + 1:]), encoding="utf-8")
        elif language == "sh":
            for line in body.strip().splitlines():
                argv = shlex.split(line)
                assert argv[0] == "factprov", line
                out, err = io.StringIO(), io.StringIO()
                with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                    status = cli.main(argv[1:])
                assert status == 0, f"{line}\n{out.getvalue()}\n{err.getvalue()}"
        elif language == "python":
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                exec(compile(body, "CONTRIBUTING.md", "exec"), {})
            printed = out.getvalue()
        else:
            raise AssertionError(f"a walkthrough block the test does not know how to follow: {info!r}")
    return printed


@pytest.fixture(scope="session")
def walked(tmp_path_factory) -> tuple[Path, str]:
    """The fixture corpus after the whole walkthrough, committed on main first: followed once per session."""
    folder = tmp_path_factory.mktemp("guided")
    root = copy_checkout(folder / "repo").root
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "base"]):
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=root, check=True,
                       capture_output=True)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        patch.setenv("HF_DATASETS_CACHE", str(folder / "hf-cache"))
        printed = follow_guide(root)
    return root, printed


@pytest.fixture
def guided(walked, tmp_path, monkeypatch) -> tuple[Path, str]:
    """A copy of the walked-through checkout, safe to edit, as the working folder."""
    root = tmp_path / "repo"
    shutil.copytree(walked[0], root, symlinks=True)
    monkeypatch.chdir(root)
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "hf-cache"))
    return root, walked[1]


def test_the_walkthrough_validates_builds_and_loads(guided):
    root, printed = guided
    assert printed.strip() == str(["pelabuhan baru itu akan melayani dua juta penumpang per tahun",
                                   "Pelabuhan ini milik semua warga", "Pelabuhan tersebut dibangun selama tiga tahun"])
    rows = [json.loads(line) for line in (root / "dataset/data/articles/test.jsonl").read_text().splitlines()]
    assert [r["article_id"] for r in rows][-1] == "002_contoh"
    assert (root / "seeds/002_contoh/article.txt").read_bytes() == (root / "contoh.txt").read_bytes()


STATEMENTS = "seeds/002_contoh/statements.yaml"
META = "seeds/002_contoh/meta.yaml"
SOURCES = "seeds/sources.yaml"

# One mistake of each kind: (file, old text, new text, expected code, expected field).
MISTAKES = {
    "misspelled_quote": (STATEMENTS, "quote: Pelabuhan tersebut dibangun", "quote: Pelabuhan itu dibangun",
                         "span-missing", "statements[n=3].quote"),
    "ambiguous_mention": (STATEMENTS, "speaker_mention: {text: Menteri Contoh, occurrence: 2}",
                          "speaker_mention: Menteri Contoh", "span-ambiguous", "statements[n=2].speaker_mention"),
    "missing_occurrence": (STATEMENTS, "{text: Menteri Contoh, occurrence: 2}", "{text: Menteri Contoh, occurrence: 3}",
                           "span-occurrence", "statements[n=2].speaker_mention"),
    "direct_without_marks": (STATEMENTS, "kind: indirect_quote", "kind: direct_quote", "quote-marks", "statements[n=1].kind"),
    "indirect_inside_marks": (STATEMENTS, "kind: direct_quote", "kind: indirect_quote", "quote-marks",
                              "statements[n=2].kind"),
    "unknown_speaker": (STATEMENTS, "    speaker: Menteri Contoh\n    speaker_mention: {text: Menteri Contoh, occurrence: 2}",
                        "    speaker: Menteri Lain\n    speaker_mention: {text: Menteri Contoh, occurrence: 2}",
                        "unknown-source", "statements[n=2].speaker"),
    "chain_not_at_publisher": (STATEMENTS, "source_chain: [null]", "source_chain: [ANTARA]", "chain-publisher",
                               "statements[n=3].source_chain"),
    "chain_without_the_publisher": (STATEMENTS, "source_chain: [Menteri Contoh, null]\n    fidelity: unknown",
                                    "source_chain: [Menteri Contoh]\n    fidelity: unknown", "chain-publisher",
                                    "statements[n=1].source_chain"),
    "direct_quote_with_its_comma": (STATEMENTS, "quote: Pelabuhan ini milik semua warga\n",
                                    "quote: Pelabuhan ini milik semua warga,\n", "quote-marks", "statements[n=2].quote"),
    "direct_quote_with_its_marks": (STATEMENTS, "quote: Pelabuhan ini milik semua warga\n",
                                    "quote: '\"Pelabuhan ini milik semua warga,\"'\n", "quote-marks",
                                    "statements[n=2].quote"),
    "http_evidence": (STATEMENTS, "    evidence: []\n    rationale: No public",
                      "    evidence: [{ref: 'http://example.org/port', relation: supports, note: n}]\n"
                      "    rationale: No public", "schema", "statements[n=3].evidence[#1].ref"),
    "status_without_evidence": (STATEMENTS, "    verification_status: not_enough_evidence\n    evidence: []\n    rationale: No public",
                                "    verification_status: supported\n    evidence: []\n    rationale: No public",
                                "evidence-required", "statements[n=3].evidence"),
    "checked_outlet_opinion": (STATEMENTS, "    claim_type: factual\n    quote: Pelabuhan tersebut",
                               "    claim_type: opinion\n    quote: Pelabuhan tersebut", "status-claim-type",
                               "statements[n=3].verification_status"),
    "cue_in_boilerplate": (STATEMENTS, "    cue: mengatakan\n", "    cue: Baca juga\n", "span-boilerplate",
                           "statements[n=1].cue"),
    "cue_inside_quote": (STATEMENTS, "    cue: mengatakan\n", "    cue: penumpang\n", "span-overlap", "statements[n=1].cue"),
    "misspelled_field": (STATEMENTS, "    cue: ujar\n", "    kue: ujar\n", "schema", "statements[n=2].kue"),
    "duplicate_number": (STATEMENTS, "  - n: 3\n", "  - n: 2\n", "duplicate-id", "statements[#3].n"),
    "unquoted_date": (META, "published: null", "published: 2025-05-06", "yaml-syntax", "published"),
    "null_without_note": (META, "  url: A made-up example; it was never published.\n", "", "note-missing", "url"),
    "malformed_wikidata_id": (SOURCES, "    wikidata_id: null\n    aliases: []\n    note: A made-up minister",
                              "    wikidata_id: Q-12\n    aliases: []\n    note: A made-up minister", "schema",
                              "sources[#11].wikidata_id"),
    "alias_in_no_text": (SOURCES, "    aliases: []\n    note: A made-up minister",
                         "    aliases: [Menteri Contoh Kita]\n    note: A made-up minister", "alias-missing",
                         "sources[#11].aliases"),
}


@pytest.mark.parametrize("file, old, new, code, field", list(MISTAKES.values()), ids=list(MISTAKES))
def test_one_mistake_gives_one_located_error(guided, capsys, file, old, new, code, field):
    root, _ = guided
    line = replace_in(root / file, old, new)
    changed_line = line + next((i for i, (a, b) in enumerate(zip(old.split("\n"), new.split("\n"))) if a != b), 0)
    cli.main(["validate", "--format", "json"])
    issues = json.loads(capsys.readouterr().out)["issues"]
    assert len(issues) == 1, issues
    [issue] = issues
    assert (issue["file"], issue["code"], issue["field"]) == (file, code, field)
    if code not in ("yaml-syntax", "note-missing", "alias-missing", "evidence-required", "status-claim-type"):
        assert issue["line"] == changed_line
    assert issue["line"] is not None and issue["message"]


def test_the_readmes_example_of_an_error_is_what_validate_prints(guided, capsys):
    """README.md shows a located error on the walkthrough's article: the misspelled quote above."""
    root, _ = guided
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [example] = [m["body"] for m in FENCE.finditer(readme) if m["body"].startswith("$ factprov validate\n")]
    file, old, new, _, _ = MISTAKES["misspelled_quote"]
    assert f"`{new} ...`" in readme  # the README names the mistake it shows
    replace_in(root / file, old, new)
    capsys.readouterr()
    assert cli.main(["validate"]) == 1
    assert "$ factprov validate\n" + capsys.readouterr().out == example


def test_the_walkthrough_ends_in_a_released_minor_version(guided):
    root, _ = guided
    from factprov.base.project import Project

    assert Project(root).version() == "0.2.0"
    changelog = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [0.2.0] - " in changelog and "- Data: 1 article: `002_contoh`." in changelog


def test_the_guidelines_in_the_guide_are_the_ones_stated_once():
    from factprov.build.guidelines import guide_block

    assert guide_block() in GUIDE.read_text(encoding="utf-8"), (
        "CONTRIBUTING.md's guidelines differ from factprov/build/guidelines.yaml: run "
        "`python -m factprov.build.guidelines CONTRIBUTING.md`")


def test_the_error_code_table_lists_every_code():
    text = GUIDE.read_text(encoding="utf-8")
    table = text[text.index("<!-- codes:start -->"):text.index("<!-- codes:end -->")]
    rows = re.findall(r"^\| `([a-z-]+)` \| (.+) \|$", table, re.MULTILINE)
    assert rows == list(CODES.items())  # same codes, same order, same meanings
