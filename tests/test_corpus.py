"""Linking: claims grouped from evidence links, their origins and status; the sources table."""

from __future__ import annotations

import pytest

from factprov.build.corpus import claims as claims_of_links
from factprov.build.corpus import combined_status, link_of, slug


def claims(statements: list[dict]) -> list[dict]:
    return claims_of_links([link_of(s) for s in statements])


def statement(sid: str, origin: str | None, status: str = "supported", links=()) -> dict:
    article = sid.rsplit("/", 1)[0]
    chain = [{"name": origin, "role": "origin"}, {"name": "Outlet", "role": "publisher"}]
    return {
        "statement_id": sid, "article_id": article, "gloss_en": f"gloss of {sid}",
        "source_chain": chain, "verification_status": status,
        "evidence": [{"ref": ref, "relation": rel, "note": "n"} for ref, rel in links],
    }


def test_links_group_statements_in_either_direction():
    rows = [
        statement("a/1", "Press office", links=[("b/1", "supports")]),
        statement("a/2", "Press office"),
        statement("b/1", "Press office"),
        statement("b/2", "Other", links=[("a/2", "partially_supports")]),
        statement("b/3", "Other", links=[("a/1", "refutes"), ("https://example.org/x", "supports")]),
    ]
    out = claims(rows)
    assert [c["statement_ids"] for c in out] == [["a/1", "b/1"], ["a/2", "b/2"], ["b/3"]]
    assert [c["claim_id"] for c in out] == ["claim:a/1", "claim:a/2", "claim:b/3"]
    assert [c["n_reports"] for c in out] == [2, 2, 1]


def test_reports_from_one_origin_count_once():
    rows = [statement("a/1", "Press office", links=[("b/1", "supports")]), statement("b/1", "Press office")]
    assert claims(rows)[0]["n_independent_origins"] == 1
    rows[1]["source_chain"][0]["name"] = "Witness"
    assert claims(rows)[0]["n_independent_origins"] == 2


def test_unnamed_publishers_of_two_articles_are_two_origins():
    rows = [statement("a/1", None, links=[("b/1", "supports")]), statement("b/1", None)]
    assert claims(rows)[0]["n_independent_origins"] == 2


def test_numeric_order_of_statement_ids():
    rows = [statement("a/10", "X"), statement("a/9", "X"), statement("a/2", "X", links=[("a/10", "supports")])]
    assert [c["statement_ids"] for c in claims(rows)] == [["a/2", "a/10"], ["a/9"]]


@pytest.mark.parametrize("statuses, expected", [
    (["supported", "supported"], "supported"),
    (["supported", "partially_supported"], "partially_supported"),
    (["supported", "refuted"], "conflicting"),
    (["partially_supported", "refuted"], "conflicting"),
    (["refuted", "not_enough_evidence"], "refuted"),
    (["not_enough_evidence", "not_checkable"], "not_enough_evidence"),
    (["supported", "not_enough_evidence"], "partially_supported"),
])
def test_combined_status(statuses, expected):
    assert combined_status(statuses) == expected


def test_seed_claims_from_the_kremlin_readout_have_one_origin(project):
    from factprov.build import pipeline

    outputs, report = pipeline.collect(project, progress=None)
    assert report.ok
    by_id = {s["statement_id"]: s for s in outputs.statements}
    multi = [c for c in outputs.records["claims"] if len(c["article_ids"]) > 1]
    assert multi, "the two seeds share claims"
    for claim in multi:
        origins = {by_id[sid]["source_chain"][0]["name"] for sid in claim["statement_ids"]}
        if origins == {"Kremlin"}:
            assert claim["n_independent_origins"] == 1
    assert sum(c["n_reports"] for c in outputs.records["claims"]) == len(by_id)


@pytest.mark.parametrize("name, expected", [("Vladimir Putin", "vladimir-putin"), ("TV BRICS", "tv-brics"),
                                            ("Émile Zola & Co.", "emile-zola-co")])
def test_slug(name, expected):
    assert slug(name) == expected
