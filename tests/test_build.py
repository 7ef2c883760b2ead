"""The built dataset: determinism, freshness of the committed copy, snapshots, and loading with datasets."""

from __future__ import annotations

import json
import os
import shutil

import datasets
import pytest

from factprov.base.project import Project
from factprov.base.report import BuildError
from factprov.base.writer import read_tree
from factprov.build import pipeline
from factprov.build.schemas import OUTPUT_SCHEMAS, Schemas
from factprov.publish import dataset

from .conftest import ROOT, copy_checkout, replace_in


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One fresh build of the fixture corpus, written to a temporary folder."""
    project = copy_checkout(tmp_path_factory.mktemp("built") / "repo")
    outputs = dataset.build(project, progress=None)
    return project, outputs


def test_committed_dataset_equals_a_fresh_build(repo, tmp_path):
    """Live invariant: the committed dataset/ is what the committed seeds build."""
    root = tmp_path / "live"
    for folder in ("seeds", "schema", "dataset"):
        shutil.copytree(ROOT / folder, root / folder)
    for name in ("CITATION.cff", "CHANGELOG.md"):  # the card's citation and release date
        shutil.copyfile(ROOT / name, root / name)
    if (ROOT / "benchmarks" / "results.json").is_file():  # the leaderboard the card shows
        (root / "benchmarks").mkdir()
        shutil.copyfile(ROOT / "benchmarks" / "results.json", root / "benchmarks" / "results.json")
    dataset.build(Project(root), progress=None)
    assert read_tree(repo.dataset) == read_tree(root / "dataset"), (
        "dataset/ is stale: run `factprov build` and commit the result"
    )


def test_two_builds_are_byte_identical(project):
    dataset.build(project, progress=None)
    first = read_tree(project.dataset)
    dataset.build(project, progress=None)
    assert read_tree(project.dataset) == first


def test_statements_snapshot(built, file_regression):
    project, _ = built
    file_regression.check((project.dataset / "data/statements/test.jsonl").read_text(encoding="utf-8"),
                          extension=".jsonl")


def test_card_snapshot(built, file_regression):
    project, _ = built
    file_regression.check(project.card.read_text(encoding="utf-8"), extension=".md")


@pytest.mark.parametrize("config", list(OUTPUT_SCHEMAS))
def test_load_dataset_offline_with_declared_features(built, config, tmp_path):
    project, outputs = built
    loaded = datasets.load_dataset(str(project.dataset), config, cache_dir=str(tmp_path))
    expected = Schemas(project.schema).features(config)
    assert set(loaded) == set(outputs.splits[config])
    for split, rows in outputs.splits[config].items():
        ds = loaded[split]
        assert ds.features == expected
        assert ds.num_rows == len(rows)
        assert str(ds.info.version) == project.version()
        # ClassLabel fields come back as ints that map to the label names written.
        for name, feature in expected.items():
            if isinstance(feature, datasets.ClassLabel):
                assert [feature.int2str(v) for v in ds[name]] == [r[name] for r in rows]


def test_class_label_names_are_exact(repo):
    features = Schemas(repo.schema).features("statements")
    assert features["kind"].names == ["direct_quote", "indirect_quote", "unattributed_claim"]
    assert features["claim_type"].names == ["factual", "opinion", "prediction"]
    assert features["fidelity"].names == ["verbatim", "translated", "paraphrased", "altered", "unknown"]
    assert features["verification_status"].names == [
        "supported", "partially_supported", "refuted", "conflicting", "not_enough_evidence", "not_checkable"]


def test_loaded_spans_equal_the_article_text(repo, tmp_path):
    """Live invariant: every span of the committed dataset, as datasets loads it, is its text."""
    articles = datasets.load_dataset(str(repo.dataset), "articles", cache_dir=str(tmp_path))
    texts = {a["article_id"]: a["text"] for split in articles.values() for a in split}
    statements = datasets.load_dataset(str(repo.dataset), "statements", cache_dir=str(tmp_path))
    checked = 0
    for split in statements.values():
        for row in split:
            for name in ("quote", "cue", "speaker_mention"):
                span = row[name]
                if span is not None:
                    assert texts[row["article_id"]][span["start"]:span["end"]] == span["text"]
                    checked += 1
    assert checked >= sum(s.num_rows for s in statements.values())


def _load_statements(project, cache):
    return datasets.load_dataset(str(project.dataset), "statements", cache_dir=cache)["test"]


def _rebuild_keeping_mtimes(project):
    """Rebuild, then give the data files their old mtimes back.

    datasets keys a local file's cache on its mtime; a copy that keeps mtimes (rsync -a,
    an unpacked archive) defeats that, and only the content fingerprint is left.
    """
    data = project.dataset / "data"
    mtimes = {p.relative_to(data): (p.stat().st_atime_ns, p.stat().st_mtime_ns) for p in data.rglob("*.jsonl")}
    dataset.build(project, progress=None)
    for rel, times in mtimes.items():
        if (data / rel).exists():
            os.utime(data / rel, ns=times)


def test_rebuild_with_one_more_statement_is_loaded(project, tmp_path):
    cache = str(tmp_path / "cache")
    dataset.build(project, progress=None)
    before = _load_statements(project, cache).num_rows
    # One more statement: the outlet's assertion that the call took place by telephone.
    path = project.seeds / "001_3efa282232337d19" / "statements.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + """
  - n: 12
    kind: unattributed_claim
    claim_type: factual
    quote: kedua pemimpin melakukan pembicaraan melalui sambungan telepon
    source_chain: [Kremlin, Sputnik, ANTARA]
    fidelity: paraphrased
    verification_status: not_enough_evidence
    evidence: []
    rationale: Added by a test.
    gloss_en: The two leaders talked by telephone.
""", encoding="utf-8")
    _rebuild_keeping_mtimes(project)
    after = _load_statements(project, cache)
    assert after.num_rows == before + 1
    assert "001_3efa282232337d19/12" in after["statement_id"]


def test_rebuild_with_same_row_count_is_not_served_from_a_stale_cache(project, tmp_path):
    cache = str(tmp_path / "cache")
    dataset.build(project, progress=None)
    assert "Corrected gloss." not in _load_statements(project, cache)["gloss_en"]
    replace_in(project.seeds / "001_3efa282232337d19" / "statements.yaml",
               "gloss_en: Earlier the same day, the two leaders had talked by telephone.",
               "gloss_en: Corrected gloss.")
    _rebuild_keeping_mtimes(project)
    assert "Corrected gloss." in _load_statements(project, cache)["gloss_en"]


def test_version_is_read_from_the_card(project):
    replace_in(project.card, "\nversion: 0.1.0\n", "\nversion: 0.2.0\n")
    outputs = dataset.build(project, progress=None)
    assert outputs.version == "0.2.0"
    card = project.card.read_text(encoding="utf-8")
    assert "\nversion: 0.2.0\n" in card and "0.1.0" not in card
    assert json.loads((project.dataset / "croissant.json").read_text())["version"] == "0.2.0"


def test_a_card_without_version_fails_the_build(project):
    before = read_tree(project.dataset)
    replace_in(project.card, "\nversion: 0.1.0\n", "\n")
    with pytest.raises(BuildError) as err:
        dataset.build(project, progress=None)
    assert [i.code for i in err.value.report.errors] == ["version"]
    assert read_tree(project.dataset) == {**before, "README.md": project.card.read_bytes()}


@pytest.mark.parametrize("n, expected", [(0, "n<1K"), (999, "n<1K"), (1_000, "1K<n<10K"), (250_000, "100K<n<1M")])
def test_size_category(n, expected):
    from factprov.publish.card import size_category

    assert size_category(n) == expected


def test_the_process_pool_gives_the_same_outputs_as_one_process(project, monkeypatch):
    serial, _ = dataset.collect(project, progress=None, workers=1)
    monkeypatch.setattr(pipeline, "POOL_MIN_ARTICLES", 1)
    pooled, report = dataset.collect(project, progress=None, workers=2)
    assert report.ok and pooled is not None
    assert pooled.files == serial.files


def test_the_card_describes_the_committed_data(repo):
    """Live invariant: the card's split sizes, fingerprint and article list are those of the data files."""
    import yaml

    from factprov.base.project import FRONT_MATTER
    from factprov.base.writer import fingerprint_on_disk

    text = repo.card.read_text(encoding="utf-8")
    meta = yaml.safe_load(FRONT_MATTER.match(text)["yaml"])
    for info in meta["dataset_info"]:
        for split in info["splits"]:
            path = repo.dataset / "data" / info["config_name"] / f"{split['name']}.jsonl"
            assert split["num_examples"] == sum(1 for _ in path.open(encoding="utf-8")), path
    assert fingerprint_on_disk(repo.dataset) in text
    for line in (repo.dataset / "data" / "articles").glob("*.jsonl"):
        for row in line.read_text(encoding="utf-8").splitlines():
            assert f"`{json.loads(row)['article_id']}`" in text
