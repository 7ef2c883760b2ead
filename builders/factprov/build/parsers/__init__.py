"""Outlet parsers: each reads one layout and returns the title and the boilerplate spans.

A parser never changes the text; everything it finds is an offset into it. The
body is what is left when the boilerplate is taken out. ``auto`` picks a layout from
the text.
"""

from __future__ import annotations

from typing import Callable

from factprov.build.parsers.antara import parse_antara
from factprov.build.parsers.auto import choose
from factprov.build.parsers.base import Boilerplate, ParsedArticle, ParseError
from factprov.build.parsers.generic import parse_generic
from factprov.build.parsers.sectioned import parse_sectioned

PARSERS: dict[str, Callable[[str], ParsedArticle]] = {
    "antara": parse_antara,
    "sectioned": parse_sectioned,
    "generic": parse_generic,
}
CHOICES = ("auto", *PARSERS)  # what meta.yaml's parser may name


def resolve(text: str, parser: str) -> str:
    """The parser a meta.yaml choice stands for: ``auto`` is decided from the text."""
    return choose(text) if parser == "auto" else parser


def parse(text: str, parser: str) -> ParsedArticle:
    """Parse ``text`` with the parser named in the article's meta.yaml (or the one ``auto`` picks)."""
    return PARSERS[resolve(text, parser)](text)


__all__ = ["CHOICES", "PARSERS", "Boilerplate", "ParsedArticle", "ParseError", "parse", "resolve"]
