"""The contributor's path through the CLI: add-article, validate formats, --changed-since, --base."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest

from factprov import cli
from factprov.base.report import Issue, Report
from factprov.build import pipeline
from factprov.cli.output import format_github
from factprov.publish import dataset

from .conftest import A0, A1, replace_in

TEXT = "Judul berita contoh\n\nJakarta - Seorang pejabat mengatakan \"kami siap\" pada Senin.\n".encode()


def run(project, *args: str) -> int:
    return cli.main(["--root", str(project.root), *args])


@pytest.fixture
def text_file(tmp_path):
    path = tmp_path / "incoming" / "berita.txt"
    path.parent.mkdir()
    path.write_bytes(TEXT)
    return path


def test_add_article_copies_the_text_byte_exact_and_records_its_hash(project, text_file, capsys):
    assert run(project, "add-article", str(text_file), "--id", "002_contoh", "--publisher", "ANTARA") == 0
    folder = project.seeds / "002_contoh"
    assert (folder / "article.txt").read_bytes() == TEXT
    meta = (folder / "meta.yaml").read_text(encoding="utf-8")
    assert f"text_sha256: {hashlib.sha256(TEXT).hexdigest()}" in meta
    assert 'seed_file: "berita.txt"' in meta and 'publisher: "ANTARA"' in meta
    assert "statements: []" in (folder / "statements.yaml").read_text(encoding="utf-8")
    assert "created seeds/002_contoh/" in capsys.readouterr().out
    # The scaffold is valid YAML against the schemas; what is left to do is listed as located errors.
    _, report = pipeline.collect(project, progress=None)
    todo = {(i.file, i.field, i.code) for i in report.issues}
    assert todo == {("seeds/002_contoh/meta.yaml", f, "note-missing")
                    for f in ("url", "published", "credits.author", "credits.translator", "credits.editor")}


# An article written for this test: a byline and a date line that no rule knows, the headline of a
# linked article below an empty "Baca juga:", and body paragraphs, one with a dateline and one with
# a sign-off.
UNSURE = """\
Jembatan Gantung Desa Contoh Diresmikan
Oleh Rina Kusuma
Kamis, 15 Mei 2025 10:00 WIB

Bupati Contoh meresmikan jembatan gantung di Desa Contoh pada Kamis pagi.

Jembatan itu memangkas waktu tempuh warga ke pasar dari satu jam menjadi sepuluh menit.

"Anak-anak kini tidak perlu menyeberang sungai dengan rakit," kata Kepala Desa Contoh, Sari Wulan.

Jalan Desa Contoh Diaspal Tahun Depan

Pembangunan jembatan menghabiskan anggaran Rp 2 miliar. (red/adk)
Editor: Maya Sari
"""


def _unsure(out: str) -> list[tuple[int, str]]:
    """(line, text) of each row of add-article's table of unsure lines."""
    if "\nunsure: " not in out:
        return []
    rows = out.split("\nunsure: ", 1)[1].split("\n\n", 1)[0].splitlines()[3:]  # after the heading and the rule
    return [(int(number), text) for number, text in (row.split(None, 1) for row in rows) if number.isdigit()]


def test_add_article_lists_the_short_lines_no_rule_marked(project, tmp_path, capsys):
    path = tmp_path / "jembatan.txt"
    path.write_text(UNSURE, encoding="utf-8")
    assert run(project, "add-article", str(path), "--id", "002_jembatan") == 0
    out = capsys.readouterr().out
    assert "unsure: 3 short line(s) that no rule marked, left as body" in out
    assert out.index("\nboilerplate: ") < out.index("\nunsure: ") < out.index("\nwrong or missing? ")
    # These three and nothing else: not the headline, the furniture, or a body paragraph (with its
    # sign-off).
    expected = [(n, text) for n, text in enumerate(UNSURE.split("\n"), start=1)
                if text in ("Oleh Rina Kusuma", "Kamis, 15 Mei 2025 10:00 WIB", "Jalan Desa Contoh Diaspal Tahun Depan")]
    assert _unsure(out) == expected and [n for n, _ in expected] == [2, 3, 11]


def test_above_a_dateline_the_page_head_is_furniture_and_a_list_follows_its_header(project, tmp_path, capsys):
    text = UNSURE.replace("Bupati Contoh meresmikan", "KOTA CONTOH - Bupati Contoh meresmikan").replace(
        "Jalan Desa Contoh Diaspal", "Baca juga:\nJalan Desa Contoh Diaspal")
    path = tmp_path / "jembatan.txt"
    path.write_text(text, encoding="utf-8")
    assert run(project, "add-article", str(path), "--id", "002_jembatan") == 0
    out = capsys.readouterr().out
    assert "unsure" not in out
    rows = {line.split(None, 2)[2]: line.split(None, 2)[1] for line in out.splitlines()
            if line.strip()[:1].isdigit() and len(line.split(None, 2)) == 3}
    assert rows["Oleh Rina Kusuma"] == "other" and rows["Kamis, 15 Mei 2025 10:00 WIB"] == "other"
    assert rows["Jalan Desa Contoh Diaspal Tahun Depan"] == "read_also"


def test_add_article_lists_nothing_when_every_line_is_body_or_furniture(project, text_file, capsys):
    assert run(project, "add-article", str(text_file), "--id", "002_contoh") == 0
    out = capsys.readouterr().out
    assert "boilerplate: 2 span(s)" in out and "unsure" not in out


def test_add_article_lists_ten_unsure_lines_and_counts_the_rest(project, tmp_path, capsys):
    path = tmp_path / "daftar.txt"
    items = [f"Pos ronda nomor {n}" for n in range(1, 15)]
    path.write_text("Daftar Pos Ronda\n\nWarga menjaga pos ronda bergiliran setiap malam.\n\n" + "\n".join(items) + "\n",
                    encoding="utf-8")
    assert run(project, "add-article", str(path), "--id", "002_daftar") == 0
    out = capsys.readouterr().out
    assert "unsure: 14 short line(s)" in out and "... and 4 more" in out
    assert [text for _, text in _unsure(out)] == items[:10]


@pytest.mark.parametrize("args, code, says", [
    (["--id", A1], "duplicate-id", f"seeds/{A1} exists already"),
    (["--id", "../outside"], "schema", "lowercase slug"),
    (["--id", "/tmp/abs"], "schema", "lowercase slug"),
    (["--id", "002_x", "--publisher", "Pezeshkian"], "source-name", "alias"),
    (["--id", "002_x", "--publisher", "Reuters"], "unknown-source", "not in seeds/sources.yaml"),
    (["--id", "002_x", "--parser", "nyt"], "schema", "choose one of"),
])
def test_add_article_refuses_bad_arguments_and_writes_nothing(project, text_file, capsys, args, code, says):
    before = sorted(p.name for p in project.seeds.iterdir())
    assert run(project, "add-article", str(text_file), *args) == 1
    err = capsys.readouterr().err
    assert f"add-article: {code}: " in err and says in err and "nothing was written" in err
    assert sorted(p.name for p in project.seeds.iterdir()) == before


def test_add_article_refuses_a_text_already_in_the_corpus(project, tmp_path, capsys):
    copy = tmp_path / "again.txt"
    shutil.copyfile(project.seeds / A0 / "article.txt", copy)
    assert run(project, "add-article", str(copy), "--id", "002_again") == 1
    assert f"already in the corpus as seeds/{A0}/article.txt" in capsys.readouterr().err
    assert not (project.seeds / "002_again").exists()


def test_add_article_refuses_non_utf8_with_the_byte_offset(project, tmp_path, capsys):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Presiden berkata: ".encode() + "café".encode("latin-1") + b"\n")
    assert run(project, "add-article", str(bad), "--id", "002_latin") == 1
    offset = len("Presiden berkata: caf".encode())
    assert f"encoding: {bad}: not UTF-8: byte 0xe9 at byte offset {offset}" in capsys.readouterr().err
    assert not (project.seeds / "002_latin").exists()


def test_github_format_annotates_each_issue(project, capsys):
    line = replace_in(project.seeds / A1 / "statements.yaml", "cue: {text: lanjut, occurrence: 2}",
                      "cue: {text: lanjut, occurrence: 3}")
    assert run(project, "validate", "--format", "github") == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"::error file=seeds/{A1}/statements.yaml,line={line},col=")
    assert ",title=factprov span-occurrence::statements[n=8].cue: occurrence 3 of 'lanjut'" in out[0]
    assert out[-1] == "factprov validate: 1 error(s), 0 warning(s)"


def test_github_escaping_keeps_one_annotation_per_line():
    report = Report([Issue("a,b:c.yaml", 3, None, "x", "schema", "50% wrong\nsecond line")])
    first = format_github(report).splitlines()[0]
    assert first == "::error file=a%2Cb%3Ac.yaml,line=3,title=factprov schema::x: 50%25 wrong%0Asecond line"


# --- git: incremental validation and the version step -------------------------------------------

def test_changed_since_checks_changed_folders_and_those_referring_to_them(repo_project, capsys):
    project = repo_project
    # A0 changes; A1's evidence refers to A0's statements, so it is checked too.
    path = project.seeds / A0 / "statements.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert run(project, "validate", "--changed-since", "main", "--format", "json") == 0
    scope = json.loads(capsys.readouterr().out)["scope"]
    assert scope.startswith("checked 2 of 2 seed folders (1 changed since main, 1 referring to them); skipped 0")


def test_changed_since_skips_unrelated_folders_and_still_checks_references(repo_project, capsys):
    project = repo_project
    new = project.seeds / "002_new"
    shutil.copytree(project.seeds / A1, new)
    replace_in(new / "meta.yaml", f"article_id: {A1}", "article_id: 002_new")
    old_sha = hashlib.sha256((new / "article.txt").read_bytes()).hexdigest()
    (new / "article.txt").write_bytes((new / "article.txt").read_bytes() + b"\n")  # not a duplicate text
    replace_in(new / "meta.yaml", old_sha, hashlib.sha256((new / "article.txt").read_bytes()).hexdigest())
    line = replace_in(new / "statements.yaml", f"ref: {A0}/12", f"ref: {A0}/99")
    assert run(project, "validate", "--changed-since", "main", "--format", "json") == 1
    out = json.loads(capsys.readouterr().out)
    assert out["scope"].startswith("checked 1 of 3 seed folders (1 changed since main, 0 referring to them); skipped 2")
    assert [(i["file"], i["line"], i["code"]) for i in out["issues"]] == [
        ("seeds/002_new/statements.yaml", line, "unknown-ref")]


def test_changed_since_a_bad_ref_is_a_located_error(repo_project, capsys):
    assert run(repo_project, "validate", "--changed-since", "no-such-ref") == 1
    assert "git" in capsys.readouterr().out


def _add_statement(project) -> None:
    path = project.seeds / A1 / "statements.yaml"
    text = path.read_text(encoding="utf-8")
    block = text[text.index("  - n: 2\n"):text.index("  - n: 3\n")]
    block = block.replace("  - n: 2\n", "  - n: 12\n").replace(
        "quote: Sebelumnya pada hari yang sama, kedua pemimpin melakukan pembicaraan melalui sambungan telepon",
        "quote: kedua pemimpin melakukan pembicaraan melalui sambungan telepon")
    path.write_text(text.rstrip("\n") + "\n\n" + block, encoding="utf-8")


@pytest.mark.parametrize("change, step, expected", [
    (_add_statement, "minor", "0.2.0"),
    (lambda p: replace_in(p.seeds / A1 / "statements.yaml", "gloss_en: Earlier the same day",
                          "gloss_en: Before that, the same day"), "patch", "0.1.1"),
])
def test_base_requires_the_right_version_step_and_a_changelog_entry(repo_project, capsys, change, step, expected):
    project = repo_project
    change(project)
    dataset.build(project, progress=None)
    assert run(project, "validate", "--base", "main", "--format", "json") == 1
    issues = {i["code"]: i for i in json.loads(capsys.readouterr().out)["issues"]}
    assert set(issues) == {"version-bump"}  # 0.1.0 has its changelog entry
    assert f"a {step} change: the version must go from 0.1.0 to {expected}, found 0.1.0" in issues["version-bump"]["message"]
    assert issues["version-bump"]["file"] == "dataset/README.md" and issues["version-bump"]["line"] is not None

    replace_in(project.card, "\nversion: 0.1.0\n", f"\nversion: {expected}\n")
    dataset.build(project, progress=None)
    assert run(project, "validate", "--base", "main", "--format", "json") == 1
    issues = [i["code"] for i in json.loads(capsys.readouterr().out)["issues"]]
    assert issues == ["changelog"]
    replace_in(project.root / "CHANGELOG.md", "## [Unreleased]\n", f"## [Unreleased]\n\n## [{expected}] - 2026-11-24\n")
    assert run(project, "validate", "--base", "main") == 1  # the card and croissant.json give the release date
    dataset.build(project, progress=None)
    assert run(project, "validate", "--base", "main") == 0


def test_base_without_a_data_change_needs_nothing(repo_project):
    assert run(repo_project, "validate", "--base", "main") == 0


def test_cli_json_equals_the_library_report_with_warnings_and_a_stale_dataset(project, capsys):
    # A warning (a mention two sentences from its quote) and a changed gloss (dataset/ is stale).
    path = project.seeds / A1 / "statements.yaml"
    text = path.read_text(encoding="utf-8")
    at = text.index("    speaker_mention: {text: Kremlin, occurrence: 2}\n", text.index("  - n: 4\n"))
    text = text[:at] + text[at:].replace("occurrence: 2}", "occurrence: 1}", 1)
    path.write_text(text.replace("gloss_en: Earlier the same day", "gloss_en: Before that, the same day"),
                    encoding="utf-8")
    expected = dataset.validate(project).to_json()
    assert run(project, "validate", "--format", "json") == 1
    assert json.loads(capsys.readouterr().out) == expected
    assert {i["code"] for i in expected["issues"]} == {"cue-distance", "dataset-stale"}
    assert (expected["errors"], expected["warnings"]) == (1, 1)  # one stale dataset/, however many files


@pytest.mark.parametrize("raw, code, says", [
    (b"\xef\xbb\xbf" + TEXT, "encoding", "byte order mark"),
    ("Cafe\u0301 baru dibuka di kota.\n".encode(), "normalization", "not in Unicode NFC"),
    (b"x" * 5_000_001, "too-large", "the limit is 5,000,000"),
])
def test_add_article_refuses_a_bom_nfd_or_huge_text(project, tmp_path, capsys, raw, code, says):
    path = tmp_path / "in.txt"
    path.write_bytes(raw)
    assert run(project, "add-article", str(path), "--id", "002_x") == 1
    err = capsys.readouterr().err
    assert f"add-article: {code}: " in err and says in err
    assert not (project.seeds / "002_x").exists()


def test_changed_since_a_deleted_article_checks_those_that_cited_it(repo_project, capsys):
    project = repo_project
    shutil.rmtree(project.seeds / A0)
    assert run(project, "validate", "--changed-since", "main", "--format", "json") == 1
    out = json.loads(capsys.readouterr().out)
    assert out["scope"].startswith("checked 1 of 1 seed folders (1 changed since main, 1 referring to them)")
    refs = [i for i in out["issues"] if i["code"] == "unknown-ref"]
    assert refs and all(i["file"] == f"seeds/{A1}/statements.yaml" and A0 in i["message"] for i in refs)
