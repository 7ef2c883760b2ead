"""YAML loading that remembers where every value came from, and refuses hostile input.

Contributors write ``meta.yaml`` and ``statements.yaml`` by hand, so every error
must point at a line. The loader composes the document into nodes (libyaml where
available), turns them into plain Python values and keeps the node tree, so the
line and column of any value can be found by its path, e.g.
``("statements", 3, "quote")``, when (and only when) an error needs it.

Only plain data is accepted: strings, integers, floats, booleans, null, lists and
mappings with string keys. Tags, anchors and aliases are refused (an alias bomb
never expands), as are files above :data:`MAX_BYTES` and nesting deeper than
:data:`MAX_DEPTH`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

try:  # libyaml is much faster; fall back to the pure-Python loader.
    _FastLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _FastLoader = yaml.SafeLoader

MAX_BYTES = 5_000_000  # an annotation file of 5 MB is some 10,000 statements
MAX_DEPTH = 50  # the schemas need 5 levels
# Every level of nesting takes one of these characters, so a text with fewer of them
# than libyaml's safe depth cannot nest deeper; others go through the pure-Python
# composer, whose recursion fails cleanly.
_NESTING_CHARS = "[{-:?"
_C_SAFE_INDICATORS = 5_000
BOM = "\ufeff"

_T = "tag:yaml.org,2002:"
_SCALARS = {
    _T + "str": str,
    _T + "int": None,  # constructed by PyYAML (0x.., 1_000, ...)
    _T + "float": None,
    _T + "bool": None,
    _T + "null": None,
    _T + "timestamp": str,  # a date stays the text it was written as; the schema checks its form
}


class YamlError(Exception):
    """A file that cannot be read; carries the line and column of the fault and an issue code."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None,
                 code: str = "yaml-syntax"):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.code = code


@dataclass
class Located:
    """A loaded YAML document, and the node tree its values came from."""

    data: Any
    root: yaml.Node | None = None

    def where(self, path: tuple) -> tuple[int | None, int | None]:
        """Line and column (1-based) of the value at ``path``, or of its nearest located parent."""
        node = self.root
        if node is None:
            return None, None
        for part in path:
            child = None
            if isinstance(node, yaml.MappingNode):
                child = next((v for k, v in node.value if k.value == str(part)), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                child = node.value[part]
            if child is None:
                break
            node = child
        return node.start_mark.line + 1, node.start_mark.column + 1


def _at(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def decode_utf8(raw: bytes) -> str:
    """``raw`` as text; a :class:`YamlError` with code ``encoding`` names the first bad byte."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlError(f"not UTF-8: byte 0x{raw[exc.start]:02x} at byte offset {exc.start}", line,
                        code="encoding") from None


class _Builder:
    """Nodes to plain values; refuses aliases (a node met twice), tags and deep nesting."""

    def __init__(self, loader: yaml.BaseLoader):
        self.loader = loader
        self.seen: set[int] = set()

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        if id(node) in self.seen:
            raise YamlError("anchors and aliases (&name, *name) are not allowed; write each value out",
                            *_at(node), code="yaml-unsafe")
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            raise YamlError(f"nested more than {MAX_DEPTH} levels deep", *_at(node), code="yaml-unsafe")
        plain = {yaml.MappingNode: _T + "map", yaml.SequenceNode: _T + "seq"}.get(type(node))
        if plain is not None and node.tag != plain:
            raise YamlError(f"the tag {node.tag!r} is not allowed; write plain strings, numbers, lists and mappings",
                            *_at(node), code="yaml-unsafe")
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == _T + "merge":
                    raise YamlError("merge keys (<<) are not allowed", *_at(key_node), code="yaml-unsafe")
                key = self.build(key_node, depth + 1)
                if not isinstance(key, (str, int)) or isinstance(key, bool):
                    raise YamlError(f"mapping keys must be strings, found {type(key).__name__}", *_at(key_node))
                if key in out:
                    raise YamlError(f"duplicate key {key!r}", *_at(key_node))
                out[key] = self.build(value_node, depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, depth + 1) for item in node.value]
        if node.tag not in _SCALARS:
            raise YamlError(f"the tag {node.tag!r} is not allowed; write plain strings, numbers, lists and mappings",
                            *_at(node), code="yaml-unsafe")
        if _SCALARS[node.tag] is str:
            return node.value
        return self.loader.construct_object(node)


def load_located(text: str) -> Located:
    """Parse one YAML document from ``text``; raise :class:`YamlError` with a position on failure."""
    if text.startswith(BOM):  # editors on Windows write one; lines and columns are unchanged
        text = text[1:]
    indicators = sum(text.count(c) for c in _NESTING_CHARS)
    loader = (_FastLoader if indicators < _C_SAFE_INDICATORS else yaml.SafeLoader)(text)
    try:
        node = loader.get_single_node()
        data = None if node is None else _Builder(loader).build(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        raise YamlError(message or str(exc), mark.line + 1 if mark else None,
                        mark.column + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise YamlError(str(exc)) from None
    except RecursionError:
        raise YamlError(f"nested too deeply (more than {MAX_DEPTH} levels)", code="yaml-unsafe") from None
    finally:
        loader.dispose()
    return Located(data, node)


def read_limited(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of ``path``; a :class:`YamlError` with code ``too-large`` if it is bigger than ``limit``."""
    size = path.stat().st_size
    if size > limit:
        raise YamlError(f"{size:,} bytes; the limit is {limit:,} (split the file or check it is the right one)",
                        code="too-large")
    return path.read_bytes()


def load_located_file(path: Path) -> Located:
    """Read ``path`` (size-limited) as UTF-8 and parse it; every failure is a :class:`YamlError`."""
    return load_located(decode_utf8(read_limited(path)))
