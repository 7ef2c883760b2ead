"""schema.org ClaimReview (JSON-LD), one review per statement whose status is decided.

Follows schema.org's ClaimReview and the properties fact-check markup requires:
``claimReviewed`` (the statement in English), ``reviewRating`` with ``alternateName``
(the status, with the rationale as ``ratingExplanation``), ``itemReviewed`` (a Claim whose
``author`` is the speaker, or whose ``firstAppearance`` is the speaker when that is a document,
and whose ``appearance`` is the article), the evidence as
``citation``, and the dataset as ``author`` and ``publisher``. ``url`` (the page of a
review) and ``datePublished`` are given only when they are established: the dataset's
public address from CITATION.cff or the Hub repository, and the release date.

The context is ``https://schema.org``; :func:`document_loader` serves the small context
shipped beside this module, so the document expands offline.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factprov.exports import DECIDED, wikidata_url

if TYPE_CHECKING:
    from factprov.build.pipeline import Outputs

CONTEXT_URL = "https://schema.org"
CONTEXT_FILE = Path(__file__).with_name("schema_org_context.jsonld")
# The schema.org type of a speaker, by source type. A document is no author (schema.org's authors are people and
# organizations): a claim that the text attributes to a document has the document as its first appearance.
SPEAKER_TYPES = {"person": "Person", "organization": "Organization", "group": "Organization", "outlet": "Organization",
                 "document": "CreativeWork"}


def _agent(name: str | None, type_: str, wikidata_id: str | None = None) -> dict | None:
    if name is None:
        return None
    out: dict[str, Any] = {"@type": SPEAKER_TYPES.get(type_, "Organization"), "name": name}
    if (same := wikidata_url(wikidata_id)) is not None:
        out["sameAs"] = same
    return out


def _speaker_property(type_: str) -> str:
    """The property of the Claim that names its speaker: the author, or for a document its first appearance."""
    return "firstAppearance" if type_ == "document" else "author"


def _article(article: dict) -> dict:
    out: dict[str, Any] = {"@type": "NewsArticle", "identifier": article["article_id"],
                           "inLanguage": article["language"]}
    if article["title"]:
        out["headline"] = article["title"]
    if article["url"]:
        out["url"] = article["url"]
    if article["published"]:
        out["datePublished"] = article["published"]
    if article["publisher"]:
        out["publisher"] = {"@type": "Organization", "name": article["publisher"]}
    return out


def _citation(evidence: dict) -> dict:
    out: dict[str, Any] = {"@type": "CreativeWork", "description": f"{evidence['relation']}: {evidence['note']}"}
    if evidence["ref"].startswith("https://"):
        out["url"] = evidence["ref"]
    else:
        out["identifier"] = evidence["ref"]  # another statement of the dataset
    return out


def _dataset(outputs: "Outputs") -> dict:
    release = outputs.release
    out: dict[str, Any] = {"@type": "Organization", "name": "factprov"}
    if release is not None and release.url:
        out["url"] = release.url
    return out


def reviews(outputs: "Outputs") -> list[dict]:
    articles = {a["article_id"]: a for a in outputs.records["articles"]}
    release = outputs.release
    dataset = _dataset(outputs)
    out = []
    for s in outputs.statements:
        if s["verification_status"] not in DECIDED:
            continue
        article = articles[s["article_id"]]
        speaker = s["speaker"]
        claim: dict[str, Any] = {"@type": "Claim", "text": s["quote"]["text"], "inLanguage": article["language"],
                                 "appearance": _article(article)}
        if (author := _agent(speaker["name"], speaker["type"], speaker["wikidata_id"])) is not None:
            claim[_speaker_property(speaker["type"])] = author
        review: dict[str, Any] = {
            "@type": "ClaimReview",
            "identifier": s["statement_id"],
            "claimReviewed": s["gloss_en"],
            "itemReviewed": claim,
            "reviewRating": {"@type": "Rating", "alternateName": s["verification_status"],
                             "ratingExplanation": s["rationale"]},
            "citation": [_citation(e) for e in s["evidence"]],
            "author": dataset,
            "publisher": dataset,
            "isPartOf": {"@type": "Dataset", "name": "factprov", "version": outputs.version},
        }
        if release is not None and release.date:
            review["datePublished"] = release.date
        out.append(review)
    return out


def render(outputs: "Outputs") -> str:
    doc = {"@context": CONTEXT_URL, "@graph": reviews(outputs)}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def document_loader(url: str, options: dict | None = None) -> dict:
    """A JSON-LD document loader (pyld's interface) that serves the shipped context and fetches nothing."""
    if url.rstrip("/") in (CONTEXT_URL, "http://schema.org"):
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
                "document": json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))}
    raise ValueError(f"refusing to fetch {url}: only the shipped schema.org context is available offline")
