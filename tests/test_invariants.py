"""Each invariant of the design, broken once on a copy of the seeds: the build fails with a
located error, and the previous dataset/ is left exactly as it was."""

from __future__ import annotations

import errno
import json
from dataclasses import asdict
from pathlib import Path

import pytest

from factprov import cli
from factprov.base import writer
from factprov.base.report import BuildError
from factprov.base.writer import read_tree
from factprov.build import pipeline
from factprov.publish import dataset

from .conftest import A0, A1, replace_in


def _statements(project, article: str) -> Path:
    return project.seeds / article / "statements.yaml"


def edit(article: str, old: str, new: str, field: str, code: str, below: int = 0):
    """A breaker that replaces ``old`` in an article's statements.yaml and expects ``code`` at that
    line (or ``below`` lines further down)."""
    def breaker(project):
        line = replace_in(_statements(project, article), old, new)
        return f"seeds/{article}/statements.yaml", line + below, field, code
    return breaker


def edit_sources(old: str, new: str, field: str, code: str):
    def breaker(project):
        return "seeds/sources.yaml", replace_in(project.registry, old, new), field, code
    return breaker


def duplicate_statement(project):
    """Statement 2 of A1 annotated a second time under another number."""
    path = _statements(project, A1)
    text = path.read_text(encoding="utf-8")
    block = text[text.index("  - n: 2\n"):text.index("  - n: 3\n")]
    path.write_text(text.rstrip("\n") + "\n\n" + block.replace("  - n: 2\n", "  - n: 90\n"), encoding="utf-8")
    quote_line = text.count("\n") + 1 + block[:block.index("    quote:")].count("\n") + 1
    return f"seeds/{A1}/statements.yaml", quote_line, "statements[n=90].quote", "duplicate-statement"


def duplicate_text(project):
    copy = project.seeds / "002_copy"
    copy.mkdir()
    for name in ("article.txt", "statements.yaml"):
        (copy / name).write_bytes((project.seeds / A1 / name).read_bytes())
    (copy / "statements.yaml").write_text("statements: []\n", encoding="utf-8")
    meta = (project.seeds / A1 / "meta.yaml").read_text(encoding="utf-8")
    (copy / "meta.yaml").write_text(meta.replace(f"article_id: {A1}", "article_id: 002_copy"), encoding="utf-8")
    return "seeds/002_copy/article.txt", None, "", "duplicate-text"


def edited_article_text(project):
    path = project.seeds / A1 / "article.txt"
    raw = path.read_bytes()
    path.write_bytes(raw.replace("Kedua pemimpin".encode(), "Kedua presiden".encode(), 1))
    meta = (project.seeds / A1 / "meta.yaml").read_text(encoding="utf-8")
    line = meta[: meta.index("text_sha256:")].count("\n") + 1
    return f"seeds/{A1}/meta.yaml", line, "text_sha256", "text-hash"


def status_without_evidence(project):
    path = _statements(project, A1)
    text = path.read_text(encoding="utf-8")
    start = text.index("  - n: 2\n")
    block_end = text.index("  - n: 3\n")
    block = text[start:block_end]
    evidence_at = block.index("    evidence:\n")
    rationale_at = block.index("    rationale:")
    new_block = block[:evidence_at] + "    evidence: []\n" + block[rationale_at:]
    path.write_text(text[:start] + new_block + text[block_end:], encoding="utf-8")
    line = text[: start + evidence_at].count("\n") + 1
    return f"seeds/{A1}/statements.yaml", line, "statements[n=2].evidence", "evidence-required"


def yaml_syntax(project):
    replace_in(_statements(project, A0), "    kind: unattributed_claim\n    claim_type: opinion",
               "    kind: [unattributed_claim\n    claim_type: opinion")
    return f"seeds/{A0}/statements.yaml", None, "", "yaml-syntax"


def attributed_opinion_not_checkable(project):
    """Statement 7 of A1 (Putin's reported readiness) made an opinion that is not_checkable."""
    path = _statements(project, A1)
    replace_in(path, "  - n: 7\n    kind: indirect_quote\n    claim_type: factual",
               "  - n: 7\n    kind: indirect_quote\n    claim_type: opinion")
    line = replace_in(path, "verification_status: partially_supported", "verification_status: not_checkable")
    return f"seeds/{A1}/statements.yaml", line, "statements[n=7].verification_status", "status-claim-type"


BREAKERS = {
    "missing_quote": edit(A0, "quote: Salah satu fokus utama diskusi ini", "quote: Salah satu fokus terutama diskusi ini",
                          "statements[n=4].quote", "span-missing"),
    "ambiguous_string": edit(A0, "speaker_mention: {text: Putin, occurrence: 4}", "speaker_mention: Putin",
                             "statements[n=10].speaker_mention", "span-ambiguous"),
    "missing_occurrence": edit(A1, "cue: {text: lanjut, occurrence: 2}", "cue: {text: lanjut, occurrence: 3}",
                               "statements[n=8].cue", "span-occurrence"),
    "edited_article_text": edited_article_text,
    "unknown_status": edit(A1, "verification_status: partially_supported", "verification_status: mostly_true",
                           "statements[n=7].verification_status", "schema"),
    "dangling_reference": edit(A1, f"ref: {A0}/12", f"ref: {A0}/99", "statements[n=1].evidence[#4].ref", "unknown-ref"),
    "status_without_evidence": status_without_evidence,
    "chain_not_at_publisher": edit(A1, "source_chain: [Kremlin, Sputnik, ANTARA]",
                                   "source_chain: [Kremlin, ANTARA, Sputnik]", "statements[n=1].source_chain",
                                   "chain-publisher"),
    "span_in_boilerplate": edit(A0, "quote: Salah satu fokus utama diskusi ini adalah perluasan hubungan perdagangan "
                                "dan investasi bilateral", "quote: Program nuklir Iran dan peran mediasi Oman",
                                "statements[n=4].quote", "span-boilerplate"),
    "cue_inside_quote": edit(A1, "    cue: menegaskan\n", "    cue: kesiapan Rusia\n", "statements[n=7].cue",
                             "span-overlap"),
    "checked_opinion": edit(A0, "verification_status: not_checkable\n    evidence: []\n    rationale: The outlet's reading",
                            "verification_status: not_enough_evidence\n    evidence: []\n    rationale: The outlet's reading",
                            "statements[n=6].verification_status", "status-claim-type"),
    "yaml_syntax": yaml_syntax,
    "attributed_opinion_not_checkable": attributed_opinion_not_checkable,
    "own_words_not_verbatim": edit(A0, "    source_chain: [null]\n    fidelity: verbatim",
                                   "    source_chain: [null]\n    fidelity: paraphrased", "statements[n=6].fidelity",
                                   "fidelity", below=1),
    "direct_quote_outside_quotation_marks": edit(A1, "  - n: 1\n    kind: indirect_quote", "  - n: 1\n    kind: direct_quote",
                                                 "statements[n=1].kind", "quote-marks", below=1),
    "indirect_quote_inside_quotation_marks": edit(A1, "  - n: 4\n    kind: direct_quote", "  - n: 4\n    kind: indirect_quote",
                                                  "statements[n=4].kind", "quote-marks", below=1),
    "alias_as_speaker": edit(A1, "    speaker: Masoud Pezeshkian\n", "    speaker: Pezeshkian\n",
                             "statements[n=3].speaker", "source-name"),
    "one_spelling_two_sources": edit_sources("    aliases: []\n    note: >-\n      The Russian presidency",
                                             "    aliases: [Pezeshkian]\n    note: >-\n      The Russian presidency",
                                             "sources[#4].aliases[#1]", "source-name"),
    "malformed_wikidata_id": edit_sources("wikidata_id: Q7747", "wikidata_id: q7747", "sources[#1].wikidata_id", "schema"),
    "url_not_https": edit(A1, "  - ref: https://sputnikglobe.com/20250506/putin-holds", "  - ref: http://sputnikglobe.com/20250506/putin-holds",
                          "statements[n=1].evidence[#2].ref", "schema"),
    "duplicate_statement": duplicate_statement,
    "duplicate_text": duplicate_text,
}


@pytest.mark.parametrize("breaker", list(BREAKERS.values()), ids=list(BREAKERS))
def test_broken_invariant_is_located_and_dataset_untouched(project, breaker):
    before = read_tree(project.dataset)
    assert before, "the copy starts with a built dataset"
    file, line, field, code = breaker(project)
    with pytest.raises(BuildError) as err:
        dataset.build(project, progress=None)
    errors = err.value.report.errors
    matching = [i for i in errors if i.code == code and i.file == file]
    assert matching, f"expected a {code} error in {file}, got {[str(i) for i in errors]}"
    issue = matching[0]
    if line is not None:
        assert issue.line == line
        assert issue.field == field
    elif code == "yaml-syntax":
        assert issue.line is not None  # a syntax error still names a line
    assert issue.message
    assert read_tree(project.dataset) == before


def test_cli_json_equals_library_report(project, capsys):
    BREAKERS["dangling_reference"](project)
    _, report = pipeline.collect(project, progress=None)
    exit_code = cli.main(["--root", str(project.root), "validate", "--json"])
    printed = json.loads(capsys.readouterr().out)
    assert exit_code == 1
    assert printed == report.to_json()
    assert printed["valid"] is False
    assert printed["issues"] == [asdict(i) for i in report.sorted()]


def test_cli_build_failure_prints_table_and_keeps_dataset(project, capsys):
    before = read_tree(project.dataset)
    BREAKERS["missing_quote"](project)
    assert cli.main(["--root", str(project.root), "build", "-q"]) == 1
    err = capsys.readouterr().err
    assert f"seeds/{A0}/statements.yaml:" in err and "span-missing" in err and "statements[n=4].quote" in err
    assert read_tree(project.dataset) == before


def test_failed_write_leaves_previous_dataset(project, monkeypatch):
    before = read_tree(project.dataset)
    calls = {"n": 0}
    real_open = open

    def failing_open(path, mode="r", *args, **kwargs):
        if "b" in mode and ("w" in mode or "x" in mode):
            calls["n"] += 1
            if calls["n"] == 3:
                raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", failing_open)
    replace_in(project.card, "\nversion: 0.1.0\n", "\nversion: 0.1.1\n")
    expected = {**before, "README.md": project.card.read_bytes()}
    with pytest.raises(BuildError) as failed:
        dataset.build(project, progress=None)
    [issue] = failed.value.report.issues
    assert (issue.file, issue.code) == ("dataset", "io")
    assert "No space left on device" in issue.message and "left as it was" in issue.message
    assert read_tree(project.dataset) == expected
    assert not list(project.root.glob(".dataset.staging*"))


def test_interrupted_swap_is_recovered(project):
    before = read_tree(project.dataset)
    # A build killed between its two renames leaves only the previous copy.
    project.dataset.rename(project.root / ".dataset.previous")
    writer.recover(project.dataset)
    assert read_tree(project.dataset) == before
    assert not (project.root / ".dataset.previous").exists()


@pytest.mark.parametrize("old, new, field, expected", [
    ("    cue: menegaskan\n", "    kue: menegaskan\n", "statements[n=7].kue", "'kue' is not a field here; did you mean 'cue'?"),
    ("    cue: menegaskan\n", "    cue: 5\n", "statements[n=7].cue", "5 has the wrong type; expected one of: string, object, null"),
    ("cue: {text: lanjut, occurrence: 2}", "cue: {text: lanjut, occurrence: 0}", "statements[n=8].cue.occurrence",
     "0 is less than the minimum of 1"),
])
def test_schema_errors_say_what_was_expected(project, old, new, field, expected):
    line = replace_in(_statements(project, A1), old, new)
    _, report = pipeline.collect(project, progress=None)
    messages = {(i.line, i.field): i.message for i in report.errors if i.code == "schema"}
    assert messages.get((line, field)) == expected, messages


@pytest.mark.parametrize("name", ["article.txt", "meta.yaml"])
def test_a_file_that_is_not_utf8_names_the_first_bad_byte(project, name):
    path = project.seeds / A1 / name
    raw = path.read_bytes()
    second_line = raw.index(b"\n") + 1
    path.write_bytes(raw[:second_line] + b"\xff" + raw[second_line:])
    _, report = pipeline.collect(project, progress=None)
    issues = [i for i in report.errors if i.file == f"seeds/{A1}/{name}"]
    assert [(i.code, i.line) for i in issues] == [("encoding", 2)]
    assert f"byte 0xff at byte offset {second_line}" in issues[0].message


def test_schema_pattern_errors_name_what_is_expected(project):
    BREAKERS["url_not_https"](project)
    _, report = pipeline.collect(project, progress=None)
    [issue] = [i for i in report.errors if i.code == "schema"]
    assert issue.message.startswith("'http://sputnikglobe.com/")
    assert "expected another statement's id (<article_id>/<n>) or an absolute https:// URL" in issue.message


def test_cue_far_from_its_quote_is_a_warning_not_an_error(project):
    # Statement 4 of A1 quotes line 4; point its speaker mention at the first "Kremlin", lines away.
    path = _statements(project, A1)
    text = path.read_text(encoding="utf-8")
    block_at = text.index("  - n: 4\n")
    old = "    speaker_mention: {text: Kremlin, occurrence: 2}\n"
    at = text.index(old, block_at)
    path.write_text(text[:at] + "    speaker_mention: {text: Kremlin, occurrence: 1}\n" + text[at + len(old):],
                    encoding="utf-8")
    outputs, report = pipeline.collect(project, progress=None)
    assert report.ok and outputs is not None
    [warning] = report.issues
    assert (warning.code, warning.severity, warning.field) == ("cue-distance", "warning", "statements[n=4].speaker_mention")
    assert warning.line == text[:at].count("\n") + 1


def test_validate_reports_a_stale_dataset(project, capsys):
    replace_in(_statements(project, A1), "gloss_en: Earlier the same day", "gloss_en: Before that, the same day")
    assert cli.main(["--root", str(project.root), "validate", "--format", "json"]) == 1
    issues = json.loads(capsys.readouterr().out)["issues"]
    # One cause, one issue: it names every file that differs (the card and croissant.json by the fingerprint).
    [issue] = issues
    assert (issue["file"], issue["code"]) == ("dataset", "dataset-stale")
    assert issue["message"].startswith("dataset/ is not what seeds/ build: 4 files differ (README.md, croissant.json, "
                                       "data/claims/full.jsonl, data/statements/test.jsonl); run `factprov build`")
    (project.dataset / "data" / "claims" / "full.jsonl").unlink()
    (project.dataset / "notes.txt").write_text("left over\n", encoding="utf-8")
    assert cli.main(["--root", str(project.root), "validate", "--format", "json"]) == 1
    [issue] = json.loads(capsys.readouterr().out)["issues"]
    assert ("3 files differ (README.md, croissant.json, data/statements/test.jsonl), 1 file is missing "
            "(data/claims/full.jsonl), 1 file is not part of the build (notes.txt)") in issue["message"]
    dataset.build(project, progress=None)
    assert cli.main(["--root", str(project.root), "validate"]) == 0
