"""Exports of the dataset to other ecosystems: schema.org ClaimReview (JSON-LD) and W3C PROV.

Both read the records of a build (:class:`factprov.publish.dataset.Published`) and state nothing
the records do not: a value that is null in the data is left out, never filled in.
"""

from __future__ import annotations

WIKIDATA = "https://www.wikidata.org/wiki/{}"
DECIDED = ("supported", "partially_supported", "refuted", "conflicting")  # statuses a review can state


def wikidata_url(wikidata_id: str | None) -> str | None:
    return WIKIDATA.format(wikidata_id) if wikidata_id else None
