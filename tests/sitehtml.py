"""Read the site's HTML without a browser: span texts, links, and well-formedness."""

from __future__ import annotations

from html.parser import HTMLParser

VOID = {"meta", "link", "br", "img", "input", "hr", "area", "base", "col", "embed", "source", "track", "wbr",
        "rect", "path", "polygon"}  # the SVG elements the site writes self-closed


class Page(HTMLParser):
    """Collects, per (statement id, role), the text inside its elements in document order; every
    attribute that loads or links something; the text of the article's text block; and nesting errors."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.spans: dict[tuple[str, str], str] = {}
        self.fragments: dict[tuple[str, str], int] = {}
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.ids: list[str] = []
        self.text_block = ""
        self.errors: list[str] = []
        self.feed(html)
        self.close()
        if self.stack:
            self.errors.append(f"unclosed: {[t for t, _ in self.stack]}")

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name in ("href", "src", "action", "data", "poster", "srcset", "xlink:href"):
            if name in a:
                self.links.append((tag, name, a[name]))
        if "id" in a:
            self.ids.append(a["id"])
        if a.get("data-statement-id") and a.get("data-role"):
            key = (a["data-statement-id"], a["data-role"])
            self.fragments[key] = self.fragments.get(key, 0) + 1
        if tag not in VOID:
            self.stack.append((tag, a))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1][0] if self.stack else 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data):
        seen = set()
        for _, a in self.stack:
            if a.get("data-statement-id") and a.get("data-role"):
                key = (a["data-statement-id"], a["data-role"])
                if key not in seen:  # an element never nests in itself, but count each key once
                    seen.add(key)
                    self.spans[key] = self.spans.get(key, "") + data
            if a.get("id") == "text":
                self.text_block += data
