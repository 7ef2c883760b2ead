"""Outlet parsers: each reads one layout and returns the title and the boilerplate spans.

A parser never changes the text; everything it finds is an offset into it. The
body is what is left when the boilerplate is taken out.
"""

from __future__ import annotations

from typing import Callable

from .antara import parse_antara
from .base import Boilerplate, ParsedArticle, ParseError
from .generic import parse_generic
from .sectioned import parse_sectioned

PARSERS: dict[str, Callable[[str], ParsedArticle]] = {
    "antara": parse_antara,
    "sectioned": parse_sectioned,
    "generic": parse_generic,
}


def parse(text: str, parser: str) -> ParsedArticle:
    """Parse ``text`` with the parser named in the article's meta.yaml."""
    return PARSERS[parser](text)


__all__ = ["PARSERS", "Boilerplate", "ParsedArticle", "ParseError", "parse"]
