"""The source types: one list, the schema's, stated alike by the guidelines, CONTRIBUTING.md and the
dataset card; and a source of the type ``document``, end to end, from seeds/sources.yaml to the loaded
dataset, the release folder, the exports and the site."""

from __future__ import annotations

import json
import re

import datasets
import pytest

from factprov import cli
from factprov.build import guidelines
from factprov.build.schemas import Schemas
from factprov.publish import dataset

from .conftest import ROOT

GUIDE = ROOT / "CONTRIBUTING.md"


def schema_types() -> list[str]:
    return Schemas(ROOT / "schema").labels("source_type")


def names_in(text: str) -> list[str]:
    return re.findall(r"`([a-z_]+)`", text)


def test_the_guidelines_define_each_type_and_label_of_the_schema_in_its_order():
    schemas = Schemas(ROOT / "schema")
    assert list(guidelines.source_types()) == schemas.labels("source_type"), (
        "builders/factprov/build/guidelines.yaml's source_types differ from source_type in schema/common.schema.json")
    for field, labels in guidelines.load()["labels"].items():
        assert list(labels) == schemas.labels(field), f"builders/factprov/build/guidelines.yaml's {field} differs from the schema"
    assert all(text.strip() for text in guidelines.source_types().values())


def test_contributing_lists_the_schemas_source_types():
    text = GUIDE.read_text(encoding="utf-8")
    section = text.split("\n### Source types\n", 1)[1].split("\n### ", 1)[0]
    assert re.findall(r"^- `([a-z_]+)`: \S", section, re.MULTILINE) == schema_types()
    step = text[text.index("2. **Check the sources.**"):text.index("3. **Add the article.**")]
    assert "(#source-types)" in step  # the step points at the list instead of keeping one of its own


def test_the_card_lists_the_schemas_source_types(project):
    card = project.card.read_text(encoding="utf-8")
    [sources_type] = re.findall(r"^\| `type` \| string \| (.*) \|$", card, re.MULTILINE)
    listed, _, defined = sources_type.partition(". ")
    assert names_in(listed) == schema_types()
    assert re.findall(r"`([a-z_]+)`: ", defined) == schema_types()
    [speaker] = re.findall(r"^\| `speaker` \| [^|]* \| (.*) \|$", card, re.MULTILINE)
    assert names_in(speaker.split("`type` one of ", 1)[1].split(" (", 1)[0]) == schema_types()


# --- a document as the speaker, end to end ----------------------------------------------------------

ARTICLE = """\
Dua Provinsi Berbagi Air Waduk

Kota Contoh - Perjanjian Sungai Jernih diteken dua provinsi pada Maret. Perjanjian itu menyebutkan bahwa air waduk dibagi rata.

Waduk tersebut dibangun tiga puluh tahun lalu.
"""
SOURCES = """\
  - name: Harian Contoh
    type: outlet
    wikidata_id: null
    aliases: []
    note: A made-up outlet of the source types test.
  - name: Perjanjian Sungai Jernih
    type: document
    wikidata_id: null
    aliases: []
    note: A made-up treaty of the source types test.
"""
NOTES = """\
notes:
  url: Written for a test; it was never published.
  published: Written for a test; it carries no date.
  credits.author: The text has no credit line.
  credits.translator: The text has no credit line.
  credits.editor: The text has no credit line.
"""
STATEMENTS = """\
statements:
  - n: 1
    kind: indirect_quote
    claim_type: factual
    quote: air waduk dibagi rata
    speaker: Perjanjian Sungai Jernih
    speaker_mention: Perjanjian itu
    cue: menyebutkan
    source_chain: [Perjanjian Sungai Jernih, Harian Contoh]
    fidelity: paraphrased
    verification_status: supported
    evidence:
      - ref: https://example.org/perjanjian-sungai-jernih
        relation: supports
        note: Written for a test; stands for the treaty's own text.
    rationale: Written for a test; the treaty's text says so.
    gloss_en: The treaty says the reservoir's water is shared equally.
  - n: 2
    kind: unattributed_claim
    claim_type: factual
    quote: Waduk tersebut dibangun tiga puluh tahun lalu
    source_chain: [Harian Contoh]
    fidelity: verbatim
    verification_status: not_enough_evidence
    evidence: []
    rationale: Written for a test; no record of the construction was looked for.
    gloss_en: The reservoir was built thirty years ago.
"""
ARTICLE_ID = "002_dokumen"
DOCUMENT = "Perjanjian Sungai Jernih"
SID = f"{ARTICLE_ID}/1"


def run(project, *args: str) -> int:
    return cli.main(["--root", str(project.root), *args])


@pytest.fixture
def with_document(project, tmp_path, capsys):
    """The fixture corpus with one more article, whose first statement a document speaks, built."""
    text = tmp_path / "dokumen.txt"
    text.write_text(ARTICLE, encoding="utf-8")
    project.registry.write_text(project.registry.read_text(encoding="utf-8") + SOURCES, encoding="utf-8")
    assert run(project, "add-article", str(text), "--id", ARTICLE_ID, "--publisher", "Harian Contoh") == 0, \
        capsys.readouterr()
    meta = project.seeds / ARTICLE_ID / "meta.yaml"
    lines = meta.read_text(encoding="utf-8").splitlines(keepends=True)
    meta.write_text("".join(NOTES if line.startswith("notes: {}") else line for line in lines), encoding="utf-8")
    (project.seeds / ARTICLE_ID / "statements.yaml").write_text(STATEMENTS, encoding="utf-8")
    outputs = dataset.build(project, progress=None)
    capsys.readouterr()
    return project, outputs


def test_a_document_speaker_is_built_and_loaded_offline(with_document, tmp_path):
    project, _ = with_document
    cache = str(tmp_path / "cache")
    statements = datasets.load_dataset(str(project.dataset), "statements", split="test", cache_dir=cache)
    [row] = [s for s in statements if s["statement_id"] == SID]
    assert row["speaker"] == {"name": DOCUMENT, "type": "document", "wikidata_id": None}
    assert row["speaker_mention"]["text"] == "Perjanjian itu"
    assert row["source_chain"] == [{"name": DOCUMENT, "role": "origin"}, {"name": "Harian Contoh", "role": "publisher"}]
    sources = datasets.load_dataset(str(project.dataset), "sources", split="full", cache_dir=cache)
    assert [s["type"] for s in sources if s["name"] == DOCUMENT] == ["document"]


def test_a_document_speaker_is_in_the_release_folder(with_document, tmp_path, capsys):
    project, _ = with_document
    folder = tmp_path / "release"
    assert run(project, "publish", "--dry-run", str(folder)) == 0, capsys.readouterr()
    statements = datasets.load_dataset(str(folder), "statements", split="test", cache_dir=str(tmp_path / "cache"))
    assert [s["speaker"]["type"] for s in statements if s["statement_id"] == SID] == ["document"]
    croissant = json.loads((folder / "croissant.json").read_text(encoding="utf-8"))
    assert croissant["recordSet"]  # written, with the document among the records


def test_a_document_is_the_claims_first_appearance_not_its_author(with_document, tmp_path):
    project, _ = with_document
    assert run(project, "export", "claimreview", "-o", str(tmp_path / "reviews.jsonld")) == 0
    doc = json.loads((tmp_path / "reviews.jsonld").read_text(encoding="utf-8"))
    [review] = [r for r in doc["@graph"] if r["identifier"] == SID]
    claim = review["itemReviewed"]
    assert "author" not in claim  # schema.org's authors are people and organizations
    assert claim["firstAppearance"] == {"@type": "CreativeWork", "name": DOCUMENT}
    jsonld = pytest.importorskip("pyld.jsonld")
    from factprov.exports import claimreview

    jsonld.expand(doc, {"documentLoader": claimreview.document_loader})  # valid JSON-LD, offline


def test_a_document_in_prov_is_an_entity_the_statement_derives_from(with_document, tmp_path):
    model = pytest.importorskip("prov.model")
    project, outputs = with_document
    assert run(project, "export", "prov", "-o", str(tmp_path / "prov.json")) == 0
    doc = model.ProvDocument.deserialize(source=str(tmp_path / "prov.json"), format="json")
    source_id = next(s["source_id"] for s in outputs.records["sources"] if s["name"] == DOCUMENT)
    node = f"factprov:source/{source_id}"
    entities = {str(r.identifier): r for r in doc.get_records(model.ProvEntity)}
    agents = {str(r.identifier) for r in doc.get_records(model.ProvAgent)}
    assert node in entities and node not in agents
    assert [str(t) for t in entities[node].get_attribute("prov:type")] == ["factprov:Document"]
    derived = {(str(r.get_attribute("prov:generatedEntity").pop()), str(r.get_attribute("prov:usedEntity").pop()))
               for r in doc.get_records(model.ProvDerivation)}
    assert (f"factprov:statement/{SID}", node) in derived
    assert not [i for i in entities if i.startswith(f"factprov:utterance/{SID}/")]  # the document is the words
    (speaker,) = entities[f"factprov:statement/{SID}"].get_attribute("factprov:speaker")
    assert str(speaker) == node


def test_a_document_speaker_is_shown_on_the_site(with_document, tmp_path):
    from factprov.site import write_site

    project, _ = with_document
    write_site(project, tmp_path / "site", workers=1)
    page = (tmp_path / "site" / "articles" / f"{ARTICLE_ID}.html").read_text(encoding="utf-8")
    assert f'{DOCUMENT} <span class="muted">(document)</span>' in page
    sources = next((tmp_path / "site").rglob("sources.html")).read_text(encoding="utf-8")
    assert f"<td>{DOCUMENT}</td><td>document</td>" in sources


def test_a_document_between_two_links_is_derived_from_the_words_before_it():
    from types import SimpleNamespace

    from factprov.exports import prov

    def source(name, type_):
        return {"source_id": name.lower().replace(" ", "-"), "name": name, "type": type_, "wikidata_id": None}

    article = {"article_id": "a", "title": None, "text_sha256": "0" * 64, "url": None, "published": None,
               "publisher": "Harian Contoh", "language": "id"}
    statement = {"statement_id": "a/1", "article_id": "a", "kind": "indirect_quote", "fidelity": "unknown",
                 "verification_status": "not_enough_evidence", "quote": {"text": "air dibagi rata"},
                 "gloss_en": "Water is shared equally.", "speaker": {"name": "Dinas Air", "type": "organization"},
                 "source_chain": [{"name": "Dinas Air", "role": "origin"},
                                  {"name": "Laporan Tahunan", "role": "intermediary"},
                                  {"name": "Harian Contoh", "role": "publisher"}]}
    sources = [source("Dinas Air", "organization"), source("Laporan Tahunan", "document"),
               source("Harian Contoh", "outlet")]
    outputs = SimpleNamespace(records={"sources": sources, "articles": [article]}, statements=[statement])
    g = prov.graph(outputs)
    assert "factprov:source/laporan-tahunan" in g.entities and "factprov:source/laporan-tahunan" not in g.agents
    derived = [(a["prov:generatedEntity"].name, a["prov:usedEntity"].name) for kind, a in g.relations
               if kind == "wasDerivedFrom"]
    assert derived == [("factprov:source/laporan-tahunan", "factprov:utterance/a/1/0"),
                       ("factprov:statement/a/1", "factprov:source/laporan-tahunan")]
    assert not [a for a in g.activities if a.startswith("factprov:relay/")]  # a document relays nothing itself
