"""The contributor's commands after add-article: show, suggest (drafts a person must finish) and
release (version, rebuild, leaderboard and changelog in one step)."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
import yaml

from factprov import cli
from factprov.base.writer import read_tree
from factprov.build import pipeline
from factprov.publish import dataset

from .conftest import A0, A1, FIXTURE_VERSION, replace_in

# An article written for these tests, in a layout the parsers have no code for.
ARTICLE = ("Jembatan Gantung Contoh Diresmikan\n"
           "Penulis:\n"
           "Rina Kusuma\n"
           "Warga melintasi jembatan baru, Sabtu. (Foto: Arsip Warga)\n"
           "KABARDESA.CO, Desa Contoh - Bupati Contoh Hendra Gunawan meresmikan jembatan gantung di Desa Contoh.\n"
           "\"Jembatan ini memangkas waktu tempuh warga,\" ujar Hendra Gunawan.\n"
           "Jembatan itu dibangun dalam enam bulan.\n"
           "Baca Juga: Jalan Desa Contoh Diaspal\n")


def run(project, *args: str) -> int:
    return cli.main(["--root", str(project.root), *args])


@pytest.fixture
def added(project, tmp_path, capsys):
    path = tmp_path / "jembatan.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert run(project, "add-article", str(path), "--id", "002_jembatan") == 0
    return project, capsys.readouterr().out


def test_add_article_picks_the_layout_and_prints_what_it_marked(added):
    project, out = added
    assert "layout: generic (picked by --parser auto)" in out
    assert "title: Jembatan Gantung Contoh Diresmikan" in out
    for label, text in (("credit", "Penulis: / Rina Kusuma"), ("caption", "(Foto: Arsip Warga)"),
                        ("dateline", "KABARDESA.CO, Desa Contoh -"), ("read_also", "Baca Juga: Jalan Desa")):
        assert any(label in line and text in line for line in out.splitlines()), (label, out)
    meta = (project.seeds / "002_jembatan" / "meta.yaml").read_text(encoding="utf-8")
    assert "parser: generic" in meta and 'author: "Rina Kusuma"' in meta


def test_show_marks_spans_and_boilerplate(project, capsys):
    assert run(project, "show", A1, "--color", "never") == 0
    out = capsys.readouterr().out
    outputs, _ = pipeline.collect(project, progress=None)
    statements = [s for s in outputs.statements if s["article_id"] == A1]
    for s in statements:
        n = s["statement_id"].rsplit("/", 1)[1]
        assert f"[{n} {s['quote']['text'][:30]}" in out
        for name, (opening, closing) in (("cue", "{}"), ("speaker_mention", "<>")):
            if s[name]:  # two statements may share a cue: their marks nest
                assert f"{opening}{n} " in out and f"{closing}{n}" in out
    assert any(line.split("|")[0].split()[1:] == ["read_also"] for line in out.splitlines() if "|" in line)
    assert "\033[" not in out


def test_show_with_colour_and_an_unknown_article(project, capsys):
    assert run(project, "show", A1, "--color", "always") == 0
    assert "\033[4;36m[" in capsys.readouterr().out
    assert run(project, "show", "../seeds") == 1
    assert "no seed folder" in capsys.readouterr().err


def test_suggest_writes_a_draft_that_the_build_refuses_until_decided(added, capsys):
    project, _ = added
    before = read_tree(project.dataset)
    assert run(project, "suggest", "002_jembatan") == 0
    draft = (project.seeds / "002_jembatan" / "statements.yaml").read_text(encoding="utf-8")
    assert "Jembatan ini memangkas waktu tempuh warga" in draft and "kind: direct_quote" in draft
    assert "Warga melintasi jembatan" not in draft  # a caption is never suggested
    todo = draft.count(": TODO")
    assert todo >= 7
    capsys.readouterr()
    assert run(project, "build", "-q") == 1
    err = capsys.readouterr().err
    drafts = [line for line in err.splitlines() if " draft " in line]
    assert len(drafts) == todo and all("statements.yaml:" in line for line in drafts)
    assert read_tree(project.dataset) == before  # nothing unreviewed is released
    # A second suggest never overwrites the draft (or a person's annotations).
    assert run(project, "suggest", "002_jembatan") == 1
    assert "never overwrites" in capsys.readouterr().err
    assert (project.seeds / "002_jembatan" / "statements.yaml").read_text(encoding="utf-8") == draft


def test_alias_counts_even_when_its_article_has_other_errors(project):
    # A0's text holds the alias "Massoud Pezeshkian"; a missing note stops A0 from loading.
    replace_in(project.seeds / A0 / "meta.yaml", "  url: The text as received carries no URL and none was found for it.\n", "")
    _, report = pipeline.collect(project, progress=None)
    codes = {i.code for i in report.errors}
    assert "note-missing" in codes and "alias-missing" not in codes


# --- release ----------------------------------------------------------------------------------

def _annotate(project) -> None:
    replace_in(project.seeds / "002_jembatan" / "meta.yaml", "notes: {}", "notes:\n"
               "  publisher: Written for a test.\n  url: Written for a test.\n  published: Written for a test.\n"
               "  credits.translator: Written for a test.\n  credits.editor: Written for a test.")
    replace_in(project.seeds / "002_jembatan" / "meta.yaml", "published: null", 'published: "2025-06-25"')
    (project.seeds / "002_jembatan" / "statements.yaml").write_text(
        "statements:\n"
        "  - n: 1\n    kind: unattributed_claim\n    claim_type: factual\n"
        "    quote: Jembatan itu dibangun dalam enam bulan\n    source_chain: [null]\n    fidelity: verbatim\n"
        "    verification_status: not_enough_evidence\n    evidence: []\n"
        "    rationale: Written for a test.\n    gloss_en: The bridge was built in six months.\n", encoding="utf-8")


def test_release_sets_the_version_rebuilds_rescores_and_writes_the_changelog(repo_project, tmp_path, capsys):
    project = repo_project
    path = tmp_path / "jembatan.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert run(project, "add-article", str(path), "--id", "002_jembatan") == 0
    _annotate(project)
    capsys.readouterr()
    assert run(project, "release", "patch", "--date", "2026-01-02", "-q") == 1  # an added article is minor
    assert "a minor release, not patch" in capsys.readouterr().err
    assert project.version() == FIXTURE_VERSION
    unreleased = (project.root / "CHANGELOG.md").read_text(encoding="utf-8").split("## [0.1.0]")[0]
    assert run(project, "release", "minor", "--date", "2026-01-02", "-q") == 0
    out = capsys.readouterr().out
    assert project.version() == "0.2.0" and "released 0.2.0 (minor step from 0.1.0" in out
    changelog = (project.root / "CHANGELOG.md").read_text(encoding="utf-8")
    section = changelog[changelog.index("## [0.2.0] - 2026-01-02"):changelog.index("## [0.1.0]")]
    assert "- Data: 1 article: `002_jembatan`." in section and "- Data: 1 statement: `002_jembatan/1`." in section
    assert changelog.startswith(unreleased.rstrip("\n") + "\n\n## [0.2.0]")  # [Unreleased] is left as it was
    board = json.loads((project.root / "benchmarks" / "results.json").read_text(encoding="utf-8"))
    card = project.card.read_text(encoding="utf-8")
    assert board["dataset"]["version"] == "0.2.0" and board["dataset"]["fingerprint"] in card
    assert "The data has changed since then" not in card
    # The section was written before the rebuild: the card and Croissant give its date.
    assert "**Released:** 2026-01-02" in card
    assert json.loads((project.dataset / "croissant.json").read_text(encoding="utf-8"))["datePublished"] == "2026-01-02"
    assert run(project, "validate", "--base", "main") == 0  # the step and the changelog satisfy CI
    # Releasing again gives the same section, not a second one.
    assert run(project, "release", "minor", "--date", "2026-01-02", "-q") == 0
    assert (project.root / "CHANGELOG.md").read_text(encoding="utf-8") == changelog


def test_a_release_that_fails_puts_the_card_the_changelog_and_dataset_back(repo_project, tmp_path, monkeypatch,
                                                                            capsys):
    from factprov.bench import leaderboard
    from factprov.bench.models import ModelError

    project = repo_project
    path = tmp_path / "jembatan.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert run(project, "add-article", str(path), "--id", "002_jembatan") == 0
    _annotate(project)
    dataset.build(project, progress=None)
    before = {name: (project.root / name).read_bytes() for name in ("CHANGELOG.md", "dataset/README.md")}
    built = read_tree(project.dataset)

    def fail(*args, **kwargs):
        raise ModelError("a baseline failed (made to fail by the test)")

    monkeypatch.setattr(leaderboard, "baselines", fail)
    assert run(project, "release", "minor", "--date", "2026-01-02", "-q") == 1
    assert "put back" in capsys.readouterr().err
    assert {name: (project.root / name).read_bytes() for name in before} == before
    assert read_tree(project.dataset) == built


def test_release_with_nothing_changed_writes_nothing(repo_project, capsys):
    before = read_tree(repo_project.root)
    assert run(repo_project, "release", "patch", "-q") == 1
    assert "nothing to release" in capsys.readouterr().err
    assert read_tree(repo_project.root) == before


def test_add_article_fills_cited_sources_from_the_source_line(project, tmp_path, capsys):
    path = tmp_path / "kabar.txt"
    path.write_text("Judul kabar\nKota Contoh - Hujan turun sepanjang hari.\nSumber: Sputnik\n", encoding="utf-8")
    assert run(project, "add-article", str(path), "--id", "002_kabar") == 0
    meta = (project.seeds / "002_kabar" / "meta.yaml").read_text(encoding="utf-8")
    assert '  - {name: "Sputnik", text: "Sputnik"}' in meta
    _, report = pipeline.collect(project, progress=None)
    assert not [i for i in report.issues if i.field.startswith("cited_sources")]


def test_release_refuses_while_another_build_holds_the_lock(repo_project, capsys):
    import sys
    import time

    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from pathlib import Path; from factprov.base import writer\n"
        "with writer.locked(Path(sys.argv[1])):\n    print('held', flush=True); time.sleep(30)\n"),
        str(repo_project.dataset)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        before = read_tree(repo_project.root)
        started = time.monotonic()
        assert run(repo_project, "release", "patch", "-q") == 1
        assert "build-lock" in capsys.readouterr().err
        assert time.monotonic() - started < 20  # refused at once, not after waiting
        assert read_tree(repo_project.root) == before
    finally:
        holder.kill()
        holder.wait()


def test_show_escapes_a_bidirectional_override_in_the_text():
    from factprov.build.statements import Entry
    from factprov.contribute import show

    quote = "harga \u202enaik"
    entry = Entry("n=1", "direct_quote", "supported", "Budi", quote,
                  {"quote": {"text": quote, "start": 0, "end": len(quote)}, "cue": None, "speaker_mention": None})
    assert show.legend([entry])[0][-1] == "harga \\u202enaik"


@pytest.mark.parametrize("name", ["\x1b]0;PWNED\x07.txt", "a\\b.txt", "berita\u202etxt.exe"])
def test_add_article_refuses_a_file_name_that_seed_file_cannot_hold(project, tmp_path, capsys, name):
    path = tmp_path / name
    path.write_text(ARTICLE, encoding="utf-8")
    before = sorted(p.name for p in project.seeds.iterdir())
    assert run(project, "add-article", str(path), "--id", "002_nama") == 1
    err = capsys.readouterr().err
    assert "rename the file" in err and "\x1b" not in err and "\u202e" not in err
    assert sorted(p.name for p in project.seeds.iterdir()) == before


def test_the_release_diff_reads_lines_at_newlines_only():
    """JSON keeps U+2028 and U+0085 raw in a text; they are not line breaks of a data file."""
    from factprov.contribute.release import diff

    before = {"data/articles/test.jsonl": '{"article_id": "a", "text": "x"}\n'.encode()}
    after = {"data/articles/test.jsonl": '{"article_id": "a", "text": "x\u2028y\u0085z"}\n{"article_id": "b"}\n'.encode()}
    change = diff(before, after)
    assert (change.added["articles"], change.changed["articles"]) == (["b"], ["a"])


# --- show and the checks on a draft -----------------------------------------------------------

def _draft(project, capsys, article: str = A1) -> str:
    """A fresh draft of a fixture article: its statements emptied, then ``suggest``."""
    (project.seeds / article / "statements.yaml").write_text("statements: []\n", encoding="utf-8")
    assert run(project, "suggest", article) == 0
    capsys.readouterr()
    return (project.seeds / article / "statements.yaml").read_text(encoding="utf-8")


def _blocks(draft: str) -> list[str]:
    """The draft's header, then the text of each statement, in order (``"".join`` gives the file back)."""
    return re.split(r"(?m)^(?=  - n: )", draft)


def test_show_on_a_fresh_draft_marks_its_spans_and_counts_what_is_left_to_decide(project, capsys):
    draft = _draft(project, capsys)
    statements = yaml.safe_load(draft)["statements"]
    assert len(statements) >= 5
    assert run(project, "show", A1, "--color", "never") == 0
    shown = capsys.readouterr()
    for s in statements:
        n = s["n"]
        # The text with only this statement's marks: each span stands bracketed where it is.
        own = re.sub(r"[\[{<](\d+) |[\]}>](\d+)", lambda m: m[0] if int(m[1] or m[2]) == n else "", shown.out)
        for name, (opening, closing) in (("quote", "[]"), ("cue", "{}"), ("speaker_mention", "<>")):
            if s.get(name) is not None:
                text = s[name] if isinstance(s[name], str) else s[name]["text"]
                assert f"{opening}{n} {text.splitlines()[0]}" in own, (name, n)
                assert f"{closing}{n}" in own
    todo = draft.count(": TODO")
    assert todo >= 7 * len(statements)
    assert f"\n{len(statements)} statements, {todo} fields still to decide: claim_type {len(statements)}, " in shown.out
    assert "still TODO, by statement:\n" in shown.out and "claim_type, source_chain, fidelity" in shown.out
    assert " draft " not in shown.err  # listed on stdout, not again as problems


def test_an_unknown_speaker_in_a_draft_is_reported_at_once_by_show_and_validate(project, capsys):
    draft = _draft(project, capsys)
    blocks = _blocks(draft)
    k = next(i for i, b in enumerate(blocks) if "\n    speaker: " in b)
    n = int(re.match(r"  - n: (\d+)\n", blocks[k])[1])
    at = blocks[k].index("\n    speaker: ") + 1
    line = "".join(blocks[:k]).count("\n") + blocks[k][:at].count("\n") + 1
    blocks[k] = blocks[k][:at] + '    speaker: "Menteri Contoh"' + blocks[k][blocks[k].index("\n", at):]
    (project.seeds / A1 / "statements.yaml").write_text("".join(blocks), encoding="utf-8")
    before = read_tree(project.dataset)

    assert run(project, "show", A1, "--color", "never") == 0
    err = capsys.readouterr().err
    [row] = [r for r in err.splitlines() if "Menteri Contoh" in r]
    assert f"seeds/{A1}/statements.yaml:{line}:" in row and f"statements[n={n}].speaker" in row
    assert "unknown-source" in row and "'Menteri Contoh' is not in seeds/sources.yaml" in row

    assert run(project, "validate", "--format", "json") == 1
    issues = json.loads(capsys.readouterr().out)["issues"]
    assert {(i["line"], i["code"]) for i in issues if i["field"] == f"statements[n={n}].speaker"} == \
        {(line, "unknown-source")}
    assert len([i for i in issues if i["code"] == "draft"]) == draft.count(": TODO")
    assert run(project, "build", "-q") == 1  # a draft is still refused, and nothing is written
    assert read_tree(project.dataset) == before


def test_a_check_that_needs_an_undecided_field_waits_for_it(project, capsys):
    draft = _draft(project, capsys)
    blocks = _blocks(draft)
    # Statement 1: a status that needs evidence while the evidence is TODO, and a chain with its last link TODO.
    blocks[1] = blocks[1].replace("    source_chain: TODO\n", "    source_chain: [Kremln, TODO]\n") \
                         .replace("    verification_status: TODO\n", "    verification_status: supported\n")
    # Statement 2: a decided field with a schema error.
    blocks[2] = blocks[2].replace("    claim_type: TODO\n", "    claim_type: facts\n")
    (project.seeds / A1 / "statements.yaml").write_text("".join(blocks), encoding="utf-8")
    _, report = pipeline.collect(project, progress=None)
    found = {(i.field, i.code): i.message for i in report.issues if i.code != "draft"}
    assert found[("statements[n=1].source_chain", "unknown-source")] == \
        "source_chain[#1] 'Kremln' is not in seeds/sources.yaml"
    assert ("statements[n=2].claim_type", "schema") in found
    assert not [key for key in found if key[1] in ("evidence-required", "chain-publisher", "status-claim-type")]
    drafts = {i.field for i in report.issues if i.code == "draft"}
    assert "statements[n=1].evidence" in drafts and "statements[n=1].source_chain[#2]" in drafts


def test_a_schema_error_in_one_statement_leaves_the_others_checked(project):
    path = project.seeds / A1 / "statements.yaml"
    schema_line = replace_in(path, "    cue: menegaskan\n", "    cue: 5\n")  # statement 7
    span_line = replace_in(path, "cue: {text: lanjut, occurrence: 2}", "cue: {text: lanjut, occurrence: 3}")  # 8
    _, report = pipeline.collect(project, progress=None)
    assert {(i.line, i.field, i.code) for i in report.errors} == {
        (schema_line, "statements[n=7].cue", "schema"), (span_line, "statements[n=8].cue", "span-occurrence")}


def test_show_shows_what_resolves_and_fails_only_when_the_article_cannot_be_read(project, capsys):
    draft = _draft(project, capsys)
    blocks = _blocks(draft)
    blocks[2] = re.sub(r"(?m)^    quote: .*$", "    quote: Kalimat yang tidak ada di teks", blocks[2], count=1)
    path = project.seeds / A1 / "statements.yaml"
    path.write_text("".join(blocks), encoding="utf-8")
    assert run(project, "show", A1, "--color", "never") == 0
    shown = capsys.readouterr()
    assert "[1 " in shown.out and "[3 " in shown.out and "[2 " not in shown.out
    assert "(not found) Kalimat yang tidak ada di teks" in shown.out
    assert "statements[n=2].quote" in shown.err and "span-missing" in shown.err
    # statements.yaml that cannot be read: the text is still shown.
    path.write_text("statements: [\n", encoding="utf-8")
    assert run(project, "show", A1, "--color", "never") == 0
    shown = capsys.readouterr()
    assert "Moskow (ANTARA) -" in shown.out and "cannot be checked yet" in shown.out and "yaml-syntax" in shown.err
    # meta.yaml that cannot be read: the plain text, with nothing marked, and the problem.
    (project.seeds / A1 / "meta.yaml").write_text("article_id: [\n", encoding="utf-8")
    assert run(project, "show", A1, "--color", "never") == 1
    shown = capsys.readouterr()
    assert "| Moskow (ANTARA) - Presiden Rusia" in shown.out and "[1 " not in shown.out
    assert "neither boilerplate nor statements are marked" in shown.out
    assert "yaml-syntax" in shown.err and "cannot be shown in full" in shown.err
    # No article text: nothing to show.
    (project.seeds / A1 / "article.txt").unlink()
    assert run(project, "show", A1, "--color", "never") == 1
    shown = capsys.readouterr()
    assert shown.out == "" and "file-missing" in shown.err


def test_show_marks_only_the_boilerplate_part_of_a_line(project, capsys):
    assert run(project, "show", A1, "--color", "never") == 0
    lines = capsys.readouterr().out.splitlines()
    margin, _, text = lines[0].partition(" | ")
    assert margin.split()[1:] == ["dateline", "(part)"]
    assert text.startswith("⟦Moskow (ANTARA) -⟧ [1 Presiden Rusia")  # the dateline, then the statement
    [read_also] = [line for line in lines if "Baca juga: Lavrov" in line]
    assert read_also.split(" | ")[0].split()[1:] == ["read_also"] and "⟦" not in read_also  # a whole line
    assert run(project, "show", A1, "--color", "always") == 0
    out = capsys.readouterr().out
    assert "\033[2m⟦Moskow (ANTARA) -⟧\033[0m" in out
    assert "\033[2mBaca juga: Lavrov" in out


def test_release_lists_statement_ids_by_article_then_number(repo_project, capsys):
    project = repo_project
    path = project.seeds / A0 / "statements.yaml"
    blocks = _blocks(path.read_text(encoding="utf-8"))
    for n in (2, 10, 12):
        block = blocks[n]
        assert block.startswith(f"  - n: {n}\n")
        folded = "    gloss_en: >-\n" in block
        blocks[n] = block.replace("    gloss_en: >-\n      " if folded else "    gloss_en: ",
                                  "    gloss_en: >-\n      Revised, " if folded else "    gloss_en: Revised, ", 1)
    path.write_text("".join(blocks), encoding="utf-8")
    assert run(project, "release", "patch", "--date", "2026-01-02", "-q") == 0
    changelog = (project.root / "CHANGELOG.md").read_text(encoding="utf-8")
    section = changelog[changelog.index("## [0.1.1] - 2026-01-02"):changelog.index("## [0.1.0]")]
    assert f"- Data: 3 statements: `{A0}/2`, `{A0}/10`, `{A0}/12`." in section
