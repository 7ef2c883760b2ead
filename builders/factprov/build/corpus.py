"""Link: what needs every article at once. Evidence references, the claims that group
statements of the same proposition, and the sources table."""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from factprov.base.report import Report
from factprov.build.registry import Registry
from factprov.build.seeds import Seed

GROUPING = ("supports", "partially_supports")
# Where a claim's statements differ in status and none is (partially) supported, the first of these that occurs.
FALLBACK_ORDER = ("refuted", "not_enough_evidence", "not_checkable")


def article_record(seed: Seed) -> dict:
    m = seed.meta.data
    return {
        "article_id": seed.article_id,
        "seed_file": m["seed_file"],
        "language": m["language"],
        "title": seed.parsed.title,
        "text": seed.text,
        "text_sha256": seed.sha256,
        "publisher": m["publisher"],
        "url": m["url"],
        "published": m["published"],
        "credits": dict(m["credits"]),
        "text_rights": text_rights(m["publisher"], [b.text for b in seed.parsed.boilerplate if b.label == "copyright"]),
        "cited_sources": [{"name": c["name"], "text": c["text"]} for c in m["cited_sources"]],
        "boilerplate": [span.record() for span in seed.parsed.boilerplate],
        "notes": [{"field": k, "note": " ".join(v.split())} for k, v in sorted(m["notes"].items())],
        "split": m["split"],
    }


def text_rights(publisher: str | None, notices: list[str]) -> str:
    """Who holds the rights in an article's text, as far as meta.yaml and the text establish it.

    The statement names the publisher and quotes the text's own copyright notices; it
    never names a holder that meta.yaml does not establish."""
    quoted = "; ".join(f'"{n}"' for n in notices)
    notice = f"The text carries the notice {quoted}." if notices else "The text carries no copyright notice."
    if publisher is None:
        holder = ("The publisher is not established (see notes), so the holder of the rights in the text is "
                  "unknown.")
        ask = "its rights holder's"
    else:
        holder = f"The rights in the text remain with its publisher, {publisher}."
        ask = "the publisher's"
    return (f"{holder} {notice} The text is not covered by the CC BY 4.0 licence of the annotations; "
            f"it is included for research on attribution and verification, and reuse of the text needs {ask} "
            "permission.")


def statement_key(identifier: str) -> tuple[str, int]:
    """How ids are ordered for people: by article, then by number (``a/2`` before ``a/10``).

    A statement id ``<article_id>/<n>`` and a claim id ``claim:<statement id>`` sort by what is
    before the last ``/`` and then by the number after it; any other id (an article's, a
    source's) sorts as a string, before the numbered ids under the same name."""
    head, _, n = identifier.rpartition("/")
    if head and n.isascii() and n.isdigit():
        return head, int(n)
    return identifier, -1


class Link(NamedTuple):
    """What grouping statements into claims needs of one statement (small, to pass between processes)."""

    statement_id: str
    article_id: str
    gloss_en: str
    origin: str
    status: str
    grouped_with: tuple[str, ...]  # refs of its supports / partially_supports evidence


def link_of(statement: dict) -> Link:
    return Link(statement["statement_id"], statement["article_id"], statement["gloss_en"], origin_key(statement),
                statement["verification_status"],
                tuple(ev["ref"] for ev in statement["evidence"] if ev["relation"] in GROUPING))


def claims(links: list[Link]) -> list[dict]:
    """Group statements linked by supports / partially_supports (in either direction)."""
    parent = {s.statement_id: s.statement_id for s in links}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for s in links:
        for ref in s.grouped_with:
            if ref in parent:
                a, b = sorted((find(s.statement_id), find(ref)), key=statement_key)
                parent[b] = a
    groups: dict[str, list[Link]] = {}
    for s in sorted(links, key=lambda s: statement_key(s.statement_id)):
        groups.setdefault(find(s.statement_id), []).append(s)
    out = []
    for members in sorted(groups.values(), key=lambda g: statement_key(g[0].statement_id)):
        first = members[0]
        out.append({
            "claim_id": f"claim:{first.statement_id}",
            "gloss_en": first.gloss_en,
            "statement_ids": [m.statement_id for m in members],
            "article_ids": sorted({m.article_id for m in members}),
            "n_reports": len(members),
            "n_independent_origins": len({m.origin for m in members}),
            "verification_status": combined_status([m.status for m in members]),
        })
    return out


def origin_key(statement: dict) -> str:
    """The origin of a statement's chain; an unnamed publisher counts as its own article's."""
    origin = statement["source_chain"][0]["name"]
    return origin if origin is not None else f"publisher of {statement['article_id']}"


def combined_status(statuses: list[str]) -> str:
    kinds = set(statuses)
    if len(kinds) == 1:
        return statuses[0]
    if "conflicting" in kinds or ("refuted" in kinds and kinds & {"supported", "partially_supported"}):
        return "conflicting"
    if kinds & {"supported", "partially_supported"}:
        return "partially_supported"
    return next(status for status in FALLBACK_ORDER if status in kinds)


def slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def sources(registry: Registry, aliases_seen: set[str] | None, report: Report) -> list[dict]:
    """The sources table, from the registry; every alias must occur in an article text.

    ``aliases_seen`` are the aliases found in some article text (``None``: no articles, no check).
    """
    out, ids = [], {}
    for name, src in registry.sources.items():
        for alias in src.aliases:
            if aliases_seen is not None and alias not in aliases_seen:
                report.add(registry.issue(name, "aliases", "alias-missing",
                                          f"alias {alias!r} of {name!r} occurs in no article text"))
        source_id = slug(name)
        if source_id in ids:
            report.add(registry.issue(name, "name", "duplicate-id",
                                      f"{name!r} and {ids[source_id]!r} have the same source_id {source_id!r}"))
        ids[source_id] = name
        out.append({
            "source_id": source_id,
            "name": name,
            "type": src.type,
            "wikidata_id": src.wikidata_id,
            "aliases": sorted(set(src.aliases) - {name}),
            "note": " ".join(src.note.split()) if src.note else None,
        })
    return sorted(out, key=lambda r: r["source_id"])
