"""factprov export: schema.org ClaimReview read back with pyld, W3C PROV read back with the prov package
(and its Turtle with rdflib). Nothing is fetched: the JSON-LD context is served from the package."""

from __future__ import annotations

import json

import pytest

from factprov import cli
from factprov.exports import DECIDED, claimreview
from factprov.publish import dataset

from .conftest import copy_checkout, replace_in

SCHEMA = "http://schema.org/"
PROV = "http://www.w3.org/ns/prov#"


def run(project, *args: str) -> int:
    return cli.main(["--root", str(project.root), *args])


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """One copy of the checkout, and the three export files written by the CLI."""
    project = copy_checkout(tmp_path_factory.mktemp("export") / "repo")
    outputs, report = dataset.collect(project, progress=None)
    assert report.ok
    out = project.root.parent
    assert run(project, "export", "claimreview", "-o", str(out / "reviews.jsonld")) == 0
    assert run(project, "export", "prov", "-o", str(out / "prov.json")) == 0
    assert run(project, "export", "prov", "-o", str(out / "prov.ttl"), "--format", "ttl") == 0
    return project, outputs, out


def _expand(path):
    jsonld = pytest.importorskip("pyld.jsonld")
    doc = json.loads(path.read_text(encoding="utf-8"))
    return jsonld.expand(doc, {"documentLoader": claimreview.document_loader})


def _one(node, prop):
    values = node[SCHEMA + prop]
    assert len(values) == 1, prop
    return values[0]


def _value(node, prop):
    value = _one(node, prop)
    return value.get("@value", value.get("@id"))


def test_claimreview_expands_offline_with_one_review_per_decided_statement(exported):
    _, outputs, out = exported
    expanded = _expand(out / "reviews.jsonld")
    reviews = [n for n in expanded if SCHEMA + "ClaimReview" in n.get("@type", [])]
    decided = [s for s in outputs.statements if s["verification_status"] in DECIDED]
    assert [_value(r, "identifier") for r in reviews] == [s["statement_id"] for s in decided]
    for review, statement in zip(reviews, decided):
        # Required by the fact-check markup: the claim, and a rating with its name.
        assert _value(review, "claimReviewed") == statement["gloss_en"]
        rating = _one(review, "reviewRating")
        assert _value(rating, "alternateName") == statement["verification_status"]
        claim = _one(review, "itemReviewed")
        assert claim["@type"] == [SCHEMA + "Claim"]
        assert _value(claim, "text") == statement["quote"]["text"]
        appearance = _one(claim, "appearance")
        assert _value(appearance, "identifier") == statement["article_id"]
        speaker = "firstAppearance" if statement["speaker"]["type"] == "document" else "author"
        if statement["speaker"]["name"] is not None:
            assert _value(_one(claim, speaker), "name") == statement["speaker"]["name"]
        else:
            assert SCHEMA + "author" not in claim
        citations = review.get(SCHEMA + "citation", [])
        assert len(citations) == len(statement["evidence"])
        for citation, evidence in zip(citations, statement["evidence"]):
            key = "url" if evidence["ref"].startswith("https://") else "identifier"
            assert _value(citation, key) == evidence["ref"]
        assert _value(_one(review, "author"), "name") == "factprov"
        assert _value(_one(review, "publisher"), "name") == "factprov"


def test_claimreview_states_only_what_the_data_establishes(exported):
    _, outputs, out = exported
    doc = json.loads((out / "reviews.jsonld").read_text(encoding="utf-8"))
    articles = {a["article_id"]: a for a in outputs.records["articles"]}
    for review in doc["@graph"]:
        article = articles[review["itemReviewed"]["appearance"]["identifier"]]
        appearance = review["itemReviewed"]["appearance"]
        assert ("url" in appearance) == (article["url"] is not None)
        assert ("publisher" in appearance) == (article["publisher"] is not None)
        assert ("datePublished" in appearance) == (article["published"] is not None)
        assert "url" not in review  # no page per review exists yet


def test_the_document_loader_fetches_nothing():
    with pytest.raises(ValueError, match="refusing"):
        claimreview.document_loader("https://example.org/context.jsonld")


def test_prov_json_reads_back_with_the_prov_package(exported):
    model = pytest.importorskip("prov.model")
    _, outputs, out = exported
    doc = model.ProvDocument.deserialize(source=str(out / "prov.json"), format="json")
    ns = doc.get_registered_namespaces()
    factprov = next(n for n in ns if n.prefix == "factprov")
    entities = {str(r.identifier): r for r in doc.get_records(model.ProvEntity)}
    agents = {str(r.identifier): r for r in doc.get_records(model.ProvAgent)}
    languages = {a["article_id"]: a["language"] for a in outputs.records["articles"]}
    for s in outputs.statements:
        entity = entities[f"factprov:statement/{s['statement_id']}"]
        (value,) = entity.get_attribute("prov:value")
        assert (value.value, value.langtag) == (s["quote"]["text"], languages[s["article_id"]])
    names = {r.label for r in agents.values()}
    documents = {s["name"] for s in outputs.records["sources"] if s["type"] == "document"}  # entities, not agents
    chain_names = {link["name"] for s in outputs.statements for link in s["source_chain"] if link["name"]}
    assert chain_names - documents <= names
    attributions = {(str(r.get_attribute("prov:entity").pop()), str(r.get_attribute("prov:agent").pop()))
                    for r in doc.get_records(model.ProvAttribution)}
    ids = {s["name"]: s["source_id"] for s in outputs.records["sources"]}
    for article in outputs.records["articles"]:
        attributed = {agent for entity, agent in attributions if entity == f"factprov:article/{article['article_id']}"}
        expected = {f"factprov:source/{ids[article['publisher']]}"} if article["publisher"] else set()
        assert attributed == expected
    quotations = [r for r in doc.get_records(model.ProvDerivation)
                  if model.PROV["Quotation"] in r.get_attribute("prov:type")]
    chained_direct = [s for s in outputs.statements if s["kind"] == "direct_quote" and len(s["source_chain"]) > 1]
    assert sorted(str(r.get_attribute("prov:generatedEntity").pop()) for r in quotations) == sorted(
        f"factprov:statement/{s['statement_id']}" for s in chained_direct)
    # Every intermediary of a chain is an activity associated with its agent.
    associations = {(str(r.get_attribute("prov:activity").pop()), str(r.get_attribute("prov:agent").pop()))
                    for r in doc.get_records(model.ProvAssociation)}
    for s in outputs.statements:
        for k, link in enumerate(s["source_chain"][1:-1], start=1):
            if link["name"] and link["name"] not in documents:
                assert (f"factprov:relay/{s['statement_id']}/{k}", f"factprov:source/{ids[link['name']]}") in associations
    assert factprov.uri == "urn:factprov:"


def test_prov_turtle_parses_and_says_what_the_json_says(exported):
    rdflib = pytest.importorskip("rdflib")
    model = pytest.importorskip("prov.model")
    _, outputs, out = exported
    graph = rdflib.Graph().parse(out / "prov.ttl", format="turtle")
    p = rdflib.Namespace(PROV)
    doc = model.ProvDocument.deserialize(source=str(out / "prov.json"), format="json")
    entities = {str(r.identifier).replace("factprov:", "urn:factprov:") for r in doc.get_records(model.ProvEntity)}
    assert {str(s) for s in graph.subjects(rdflib.RDF.type, p.Entity)} == entities
    quoted = {str(s) for s, _ in graph.subject_objects(p.wasQuotedFrom)}
    assert quoted == {f"urn:factprov:statement/{s['statement_id']}" for s in outputs.statements
                      if s["kind"] == "direct_quote" and len(s["source_chain"]) > 1}
    for s in outputs.statements:
        value = graph.value(rdflib.URIRef(f"urn:factprov:statement/{s['statement_id']}"), p.value)
        assert str(value) == s["quote"]["text"]


def test_exports_are_deterministic(exported, tmp_path):
    project, _, out = exported
    for kind, name, extra in (("claimreview", "reviews.jsonld", []), ("prov", "prov.json", []),
                              ("prov", "prov.ttl", ["--format", "ttl"])):
        assert run(project, "export", kind, "-o", str(tmp_path / name), *extra) == 0
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes()


def test_export_of_a_broken_corpus_writes_nothing(project, tmp_path, capsys):
    replace_in(project.seeds / "001_3efa282232337d19" / "statements.yaml", "cue: menegaskan", "cue: tidak ada di teks")
    assert run(project, "export", "prov", "-o", str(tmp_path / "prov.json")) == 1
    assert "span-missing" in capsys.readouterr().err
    assert not (tmp_path / "prov.json").exists()
