"""ANTARA wire copy: "Place (ANTARA) - " dateline, then body, "Baca juga:" links, "Sumber:",
credit lines ("Pewarta:", "Penerjemah:", "Editor:") and a copyright line. The dateline is found by
the detector every parser shares; this parser wants the one that names ANTARA."""

from __future__ import annotations

import re

from factprov.build.parsers.base import ParsedArticle, ParseError, finish
from factprov.build.parsers.furniture import Dateline, begin, mark_dateline, mark_title, rules
from factprov.build.parsers.furniture import find_dateline as find_any_dateline

AGENCY = re.compile(r"ANTARA(?:\s+News)?")


def is_antara(dateline: Dateline) -> bool:
    """A dateline that names ANTARA in brackets: "Jakarta (ANTARA) -"."""
    return dateline.outlet is not None and AGENCY.fullmatch(dateline.outlet.strip()) is not None


def find_dateline(candidates: list) -> tuple[int, Dateline] | None:
    """The ANTARA dateline among the first lines of ``candidates``, with its index."""
    return find_any_dateline(candidates, accept=is_antara)


def parse_antara(text: str) -> ParsedArticle:
    parsed, candidates = begin(text)
    if not candidates:
        raise ParseError("empty text: an ANTARA article starts with a dateline such as 'Jakarta (ANTARA) - '")
    found = find_dateline(candidates)
    if found is None:
        raise ParseError(f"no ANTARA dateline ('Place (ANTARA) - ') at the start of any of the first "
                         f"{rules().dateline_lines} lines", candidates[0].number)
    if found[0] > 0:  # a headline above the dateline (printed twice on some pages)
        mark_title(candidates, parsed)
    mark_dateline(found[1], parsed)
    return finish(parsed)
