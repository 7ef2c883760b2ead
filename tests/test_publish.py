"""factprov publish: the release folder (typed Parquet, card, Croissant, licence), its upload, and the card's
metadata: sizes, licence, template keys, size categories, citation."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import datasets
import pyarrow.parquet as pq
import pytest
import yaml

from factprov import cli
from factprov.base.project import FRONT_MATTER
from factprov.base.writer import read_tree
from factprov.publish import card, dataset, hub
from factprov.publish import folder as release_folder

from .conftest import ROOT, copy_checkout, replace_in

RESOURCES = Path(datasets.__file__).parent / "utils" / "resources"


def run(project, *args: str) -> int:
    return cli.main(["--root", str(project.root), *args])


def front_matter(text: str) -> dict:
    return yaml.safe_load(FRONT_MATTER.match(text)["yaml"])


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    """A copy of the checkout, built, and its release folder written by `factprov publish --dry-run`."""
    project = copy_checkout(tmp_path_factory.mktemp("release") / "repo")
    outputs = dataset.build(project, progress=None)
    folder = project.root.parent / "release"
    assert run(project, "publish", "--dry-run", str(folder)) == 0
    return project, outputs, folder


def test_the_release_folder_holds_parquet_for_every_config_and_split_and_no_jsonl(released):
    project, outputs, folder = released
    files = set(read_tree(folder))
    expected_data = {f"data/{c}/{s}.parquet" for c, splits in outputs.split_sizes.items() for s in splits}
    assert files == expected_data | {"README.md", "croissant.json", card.LICENSE_FILE, "CITATION.cff",
                                     release_folder.MARKER}  # the marker is not uploaded (ignore_patterns)
    meta = front_matter((folder / "README.md").read_text(encoding="utf-8"))
    declared = {f["path"] for config in meta["configs"] for f in config["data_files"]}
    assert declared == expected_data


@pytest.mark.parametrize("config", ["articles", "statements", "claims", "sources"])
def test_load_dataset_reads_the_release_as_dataset(released, config, tmp_path):
    project, _, folder = released
    release = datasets.load_dataset(str(folder), config, cache_dir=str(tmp_path / "a"))
    committed = datasets.load_dataset(str(project.dataset), config, cache_dir=str(tmp_path / "b"))
    assert set(release) == set(committed)
    for split in committed:
        assert release[split].features == committed[split].features
        assert release[split].to_list() == committed[split].to_list()
        assert str(release[split].info.version) == project.version()


def test_parquet_is_typed_without_the_card(released):
    """A reader that skips the card still gets strings, ints and nulls, not floats."""
    _, outputs, folder = released
    articles = pq.read_table(folder / "data/articles/test.parquet").to_pylist()
    expected = outputs.splits["articles"]["test"]
    assert [a["published"] for a in articles] == [a["published"] for a in expected]
    assert [a["url"] for a in articles] == [a["url"] for a in expected]
    # The features travel in the Parquet schema, so datasets restores the ClassLabels from the file alone.
    schema = pq.read_schema(folder / "data/statements/test.parquet")
    features = datasets.Features.from_arrow_schema(schema)
    assert features == outputs.schemas.features("statements")


def test_sizes_are_real(released):
    _, _, folder = released
    for info in front_matter((folder / "README.md").read_text(encoding="utf-8"))["dataset_info"]:
        config = info["config_name"]
        sizes = {s["name"]: s["num_bytes"] for s in info["splits"]}
        for split, num_bytes in sizes.items():
            path = folder / f"data/{config}/{split}.parquet"
            assert num_bytes == pq.read_table(path).nbytes > 0
        assert info["dataset_size"] == sum(sizes.values())
        assert info["download_size"] == sum((folder / f"data/{config}/{s}.parquet").stat().st_size for s in sizes)


def test_the_committed_card_has_real_sizes_of_its_jsonl_files(released):
    project, _, _ = released
    for info in front_matter(project.card.read_text(encoding="utf-8"))["dataset_info"]:
        splits = [s["name"] for s in info["splits"]]
        assert all(s["num_bytes"] > 0 for s in info["splits"])
        assert info["download_size"] == sum(
            (project.dataset / f"data/{info['config_name']}/{s}.jsonl").stat().st_size for s in splits)


def test_two_dry_runs_are_byte_identical(released, tmp_path):
    project, _, folder = released
    assert run(project, "publish", "--dry-run", str(tmp_path / "again")) == 0
    assert read_tree(tmp_path / "again") == read_tree(folder)


def test_dry_run_refuses_a_folder_holding_other_files(project, tmp_path, capsys):
    dataset.build(project, progress=None)
    target = tmp_path / "mine"
    target.mkdir()
    (target / "notes.txt").write_text("keep me", encoding="utf-8")
    assert run(project, "publish", "--dry-run", str(target)) == 1
    assert "notes.txt" in capsys.readouterr().err
    assert read_tree(target) == {"notes.txt": b"keep me"}


def test_publish_refuses_a_stale_dataset_and_writes_nothing(project, tmp_path, capsys):
    replace_in(project.seeds / "001_3efa282232337d19" / "statements.yaml",
               "gloss_en: Earlier the same day", "gloss_en: Before that, the same day")
    assert run(project, "publish", "--dry-run", str(tmp_path / "out")) == 1
    assert "dataset-stale" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_publish_needs_a_target(project, capsys):
    assert run(project, "publish") == 2
    assert "--repo-id" in capsys.readouterr().err


@pytest.mark.parametrize("repo_id", ["no-owner", "two//slashes", "bad name/x"])
def test_publish_refuses_a_bad_repo_id(project, repo_id, capsys):
    assert run(project, "publish", "--repo-id", repo_id) == 2
    assert "not a Hub repository id" in capsys.readouterr().err


class FakeHub:
    """Records the HfApi calls of an upload, and what the uploaded folder held at that moment."""

    def __init__(self, tags=()):
        self.calls: list[tuple[str, tuple, dict]] = []
        self.tags = list(tags)
        self.uploaded: dict[str, bytes] = {}

    def create_repo(self, *args, **kwargs):
        self.calls.append(("create_repo", args, kwargs))

    def list_repo_refs(self, *args, **kwargs):
        self.calls.append(("list_repo_refs", args, kwargs))
        return type("Refs", (), {"tags": [type("Ref", (), {"name": t})() for t in self.tags]})()

    def upload_folder(self, **kwargs):
        self.calls.append(("upload_folder", (), kwargs))
        self.uploaded = read_tree(Path(kwargs["folder_path"]))
        return type("Commit", (), {"oid": "c0ffee", "commit_url": "https://hub.invalid/commit/c0ffee"})()

    def create_tag(self, *args, **kwargs):
        self.calls.append(("create_tag", args, kwargs))


def test_publish_uploads_the_dry_run_folder_and_tags_the_version(project, tmp_path, monkeypatch, capsys):
    dataset.build(project, progress=None)
    fake = FakeHub()
    import huggingface_hub

    monkeypatch.setattr(huggingface_hub, "HfApi", lambda token=None: fake)
    assert run(project, "publish", "--repo-id", "someone/factprov") == 0
    version = project.version()
    assert [c[0] for c in fake.calls] == ["create_repo", "list_repo_refs", "upload_folder", "create_tag"]
    _, args, kwargs = fake.calls[0]
    assert args == ("someone/factprov",) and kwargs == {"repo_type": "dataset", "exist_ok": True}
    upload = fake.calls[2][2]
    assert upload["repo_id"] == "someone/factprov" and upload["repo_type"] == "dataset"
    assert upload["ignore_patterns"] == [release_folder.MARKER]  # the folder's marker stays local
    _, args, kwargs = fake.calls[3]
    assert args == ("someone/factprov",)
    assert kwargs["tag"] == f"v{version}" and kwargs["revision"] == "c0ffee" and kwargs["repo_type"] == "dataset"
    # What was uploaded is exactly what --dry-run writes for the same repository.
    assert run(project, "publish", "--dry-run", str(tmp_path / "dry"), "--repo-id", "someone/factprov") == 0
    assert fake.uploaded == read_tree(tmp_path / "dry")
    doc = json.loads(fake.uploaded["croissant.json"])
    assert doc["url"] == "https://huggingface.co/datasets/someone/factprov"
    assert 'load_dataset("someone/factprov", "statements")' in fake.uploaded["README.md"].decode("utf-8")


def test_publish_without_the_hub_is_a_clear_error(project, capsys):
    """The tests run with HF_HUB_OFFLINE=1: the real client refuses, and the command says so."""
    dataset.build(project, progress=None)
    assert run(project, "publish", "--repo-id", "someone/factprov") == 1
    err = capsys.readouterr().err
    assert "factprov publish: could not reach the Hub" in err and "Traceback" not in err


def test_publish_refuses_a_version_already_tagged(project, monkeypatch, capsys):
    dataset.build(project, progress=None)
    fake = FakeHub(tags=[hub.tag_name(project.version())])
    import huggingface_hub

    monkeypatch.setattr(huggingface_hub, "HfApi", lambda token=None: fake)
    assert run(project, "publish", "--repo-id", "someone/factprov") == 1
    assert "already has the tag" in capsys.readouterr().err
    assert "upload_folder" not in [c[0] for c in fake.calls]


# The card: licence, template keys, size categories, citation.

def test_one_licence_story(released):
    project, outputs, folder = released
    meta = front_matter((folder / "README.md").read_text(encoding="utf-8"))
    assert meta["license"] == "other" and meta["license_link"] == card.LICENSE_FILE
    licence = (folder / card.LICENSE_FILE).read_text(encoding="utf-8")
    assert "CC BY 4.0" in licence and "MIT" in licence
    doc = json.loads((folder / "croissant.json").read_text(encoding="utf-8"))
    assert doc["license"] == "https://creativecommons.org/licenses/by/4.0/" and "text_rights" in doc["description"]
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "MIT" in pyproject and "CC-BY-4.0" in pyproject and "text_rights" in pyproject
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    for article in outputs.records["articles"]:
        assert article["text_rights"] in licence
        boilerplate = {b["label"]: b["text"] for b in article["boilerplate"]}
        if article["publisher"] is None:
            assert "not established" in article["text_rights"]
        else:
            assert article["publisher"] in article["text_rights"]
        if "copyright" in boilerplate:
            assert boilerplate["copyright"] in article["text_rights"]
        else:
            assert "no copyright notice" in article["text_rights"]


def test_text_rights_never_names_a_holder_the_origin_record_does_not():
    from factprov.build.corpus import text_rights

    unknown = text_rights(None, [])
    assert "not established" in unknown and "unknown" in unknown and "no copyright notice" in unknown
    known = text_rights("Kantor Berita Contoh", ["Hak cipta © Kantor Berita Contoh 2024"])
    assert "Kantor Berita Contoh" in known and '"Hak cipta © Kantor Berita Contoh 2024"' in known


def test_card_keys_come_from_the_lists_datasets_ships(released):
    _, _, folder = released
    meta = front_matter((folder / "README.md").read_text(encoding="utf-8"))
    creators = json.loads((RESOURCES / "creators.json").read_text())
    assert set(meta["annotations_creators"]) <= set(creators["annotations"])
    assert set(meta["language_creators"]) <= set(creators["language"])
    assert set(meta["multilinguality"]) <= set(json.loads((RESOURCES / "multilingualities.json").read_text()))
    assert set(meta["size_categories"]) <= set(json.loads((RESOURCES / "size_categories.json").read_text()))
    assert meta["source_datasets"] == ["original"]


def test_card_has_the_hub_template_sections(released):
    _, outputs, folder = released
    text = (folder / "README.md").read_text(encoding="utf-8")
    for heading in ("## Uses", "### Out-of-scope use", "## Dataset Structure", "### Data instance",
                    "#### Who are the annotators?", "#### Personal and sensitive information",
                    "## Bias, risks, and limitations", "## Licensing", "## Citation", "## Dataset card contact"):
        assert f"\n{heading}\n" in text, heading
    people = [s["name"] for s in outputs.records["sources"] if s["type"] == "person"]
    section = text[text.index("#### Personal and sensitive information"):text.index("## Bias, risks")]
    assert all(name in section for name in people)
    instance = text[text.index("### Data instance"):text.index("### Articles")]
    start = instance.index("```json\n") + len("```json\n")
    shown = json.loads(instance[start:instance.index("\n```", start)])
    assert shown in outputs.statements
    # The statements field table is its own template, included in the card.
    partial = (card.TEMPLATES / "statements_fields.md.j2").read_text(encoding="utf-8")
    fixed = [line for line in partial.splitlines() if line and "{{" not in line]
    assert fixed and all(f"\n{line}\n" in text for line in fixed)


@pytest.mark.parametrize("n", [0, 999, 1_000, 250_000, 9_999_999, 10_000_000, 10**11, 10**12, 10**13])
def test_size_category_is_a_bucket_datasets_knows(n):
    known = json.loads((RESOURCES / "size_categories.json").read_text())
    label = card.size_category(n)
    assert label in known
    bounds = [float(x.replace("K", "e3").replace("M", "e6").replace("B", "e9").replace("T", "e12"))
              for x in re.findall(r"\d+[KMBT]", label)]
    if label.startswith("n<"):
        assert n < bounds[0]
    elif label.startswith("n>"):
        assert n >= bounds[0]
    else:
        assert bounds[0] <= n < bounds[1]


def test_citation_year_and_date_come_from_the_changelog(project):
    version = project.version()
    replace_in(project.root / "CHANGELOG.md", f"## [{version}] - 2026-11-24", f"## [{version}] - 2027-01-02")
    dataset.build(project, progress=None)
    text = project.card.read_text(encoding="utf-8")
    assert re.search(r"^  year\s+= \{2027\},$", text, re.MULTILINE)
    assert json.loads((project.dataset / "croissant.json").read_text())["datePublished"] == "2027-01-02"
    replace_in(project.root / "CHANGELOG.md", f"## [{version}] - 2027-01-02", "## [9.9.9] - 2027-01-02")
    dataset.build(project, progress=None)
    text = project.card.read_text(encoding="utf-8")
    assert "not yet released" in text and not re.search(r"^  year\s+=", text, re.MULTILINE)
    assert "datePublished" not in json.loads((project.dataset / "croissant.json").read_text())


def test_citation_cff_is_valid_and_feeds_the_card(repo):
    cff = yaml.safe_load((repo.root / "CITATION.cff").read_text(encoding="utf-8"))
    # CFF 1.2.0: the required keys and the types used here.
    assert cff["cff-version"] == "1.2.0"
    assert isinstance(cff["message"], str) and cff["message"]
    assert isinstance(cff["title"], str) and cff["title"]
    assert cff["authors"] and all(set(a) & {"name", "family-names"} for a in cff["authors"])
    assert cff["type"] in ("dataset", "software")
    assert cff["license"] == "CC-BY-4.0"
    assert set(cff) <= {"cff-version", "message", "type", "title", "authors", "abstract", "keywords", "license",
                        "url", "repository-code", "contact", "version", "date-released", "identifiers"}
    text = repo.card.read_text(encoding="utf-8")
    assert f"title  = {{{{{cff['title']}}}}}" in text
    assert all(a["name"] in text for a in cff["authors"])


def test_a_missing_citation_file_is_a_located_error(project, capsys):
    before = read_tree(project.dataset)
    (project.root / "CITATION.cff").unlink()
    assert run(project, "build", "-q") == 1
    err = capsys.readouterr().err
    assert "CITATION.cff" in err and "citation" in err
    assert read_tree(project.dataset) == before


# Croissant of the release.

def test_release_croissant_validates_and_has_rai_fields(released):
    pytest.importorskip("mlcroissant")
    import subprocess

    _, _, folder = released
    jsonld = folder / "croissant.json"
    result = subprocess.run([str(Path(sys.executable).parent / "mlcroissant"), "validate", "--jsonld", str(jsonld)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    doc = json.loads(jsonld.read_text(encoding="utf-8"))
    for key in ("dataCollection", "dataAnnotationProtocol", "annotatorDemographics", "dataLimitations",
                "dataBiases", "personalSensitiveInformation", "dataUseCases"):
        assert doc[f"rai:{key}"], key
    assert "url" not in doc  # no public address is established for a dry run without --repo-id
    assert doc["creator"] and doc["citeAs"].startswith("@misc{")
    assert all(f["encodingFormat"] == "application/x-parquet" for f in doc["distribution"])


def test_release_croissant_links_record_sets_and_enumerates_labels(released):
    _, outputs, folder = released
    doc = json.loads((folder / "croissant.json").read_text(encoding="utf-8"))
    ids = set()

    def walk(fields):
        for f in fields:
            ids.add(f["@id"])
            walk(f.get("subField", []))

    for rs in doc["recordSet"]:
        walk(rs["field"])
    references = []

    def refs(fields):
        for f in fields:
            if "references" in f:
                references.append((f["@id"], f["references"]["field"]["@id"]))
            refs(f.get("subField", []))

    for rs in doc["recordSet"]:
        assert rs["key"]["@id"] in ids
        refs(rs["field"])
    assert references and all(target in ids for _, target in references)
    assert ("statements-test/article_id", "articles-test/article_id") in references
    enums = {rs["@id"]: rs for rs in doc["recordSet"] if rs.get("dataType") == "sc:Enumeration"}
    for name, feature in outputs.schemas.features("statements").items():
        if isinstance(feature, datasets.ClassLabel):
            rs = enums[f"label-{name}"]
            assert [row[f"label-{name}/name"] for row in rs["data"]] == feature.names
            assert [row[f"label-{name}/index"] for row in rs["data"]] == list(range(len(feature.names)))


def _plain(value):
    """A Croissant value as a row value: bytes are text, sub-field ids lose their record-set prefix."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, dict):
        return {key.rsplit("/", 1)[1]: _plain(v) for key, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value.item() if hasattr(value, "item") else value


def test_every_croissant_record_equals_its_row(released):
    mlc = pytest.importorskip("mlcroissant")
    from factprov.publish.croissant import nullable_structs

    _, outputs, folder = released
    doc = json.loads((folder / "croissant.json").read_text(encoding="utf-8"))
    dataset = mlc.Dataset(jsonld=str(folder / "croissant.json"))
    compared = 0
    for rs in doc["recordSet"]:
        if "data" in rs:
            continue
        config, split = rs["@id"].rsplit("-", 1)
        rows = [dict(r) for r in pq.read_table(io.BytesIO((folder / f"data/{config}/{split}.parquet").read_bytes()))
                .to_pylist()]
        # Croissant has no null struct: these fields come back with every sub-field null, never otherwise.
        nullable = nullable_structs(outputs, config)
        records = []
        for record in dataset.records(record_set=rs["@id"]):
            plain = {key.split("/", 1)[1]: _plain(v) for key, v in record.items()}
            for name in nullable:
                if all(v is None for v in plain[name].values()):
                    plain[name] = None
            records.append(plain)
        assert len(records) == len(rows)
        for record, row in zip(records, rows):
            assert record.keys() == row.keys()
            for name in row:
                assert record[name] == row[name], (rs["@id"], name)
                compared += 1
    assert compared == sum(len(outputs.schemas.features(c)) * n for c, s in outputs.split_sizes.items()
                           for n in s.values())
