"""YAML loading that remembers where every value came from.

Contributors write ``meta.yaml`` and ``statements.yaml`` by hand, so every error
must point at a line. The loader composes the document into nodes (safe tags
only), converts them to plain Python values and records the line and column of
each value under its path, e.g. ``("statements", 3, "quote")``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # libyaml is much faster; fall back to the pure-Python loader.
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

@dataclass
class Located:
    """A loaded YAML document and the (line, column) of each value, both 1-based."""

    data: Any
    marks: dict[tuple, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: tuple) -> tuple[int | None, int | None]:
        """Line and column of the value at ``path``, or of its nearest located parent."""
        path = tuple(path)
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, (None, None))


class YamlError(Exception):
    """A file that cannot be read; carries the line and column of the fault and an issue code."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None,
                 code: str = "yaml-syntax"):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.code = code


def decode_utf8(raw: bytes) -> str:
    """``raw`` as text; a :class:`YamlError` with code ``encoding`` names the first bad byte."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlError(f"not UTF-8: byte 0x{raw[exc.start]:02x} at byte offset {exc.start}", line,
                        code="encoding") from None


def _construct(node: yaml.Node, path: tuple, marks: dict, constructor: yaml.constructor.SafeConstructor) -> Any:
    marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        constructor.flatten_mapping(node)
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = constructor.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int)):
                raise YamlError(f"mapping keys must be strings, found {type(key).__name__}",
                                key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in out:
                raise YamlError(f"duplicate key {key!r}", key_node.start_mark.line + 1,
                                key_node.start_mark.column + 1)
            out[key] = _construct(value_node, path + (key,), marks, constructor)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, path + (i,), marks, constructor) for i, item in enumerate(node.value)]
    return constructor.construct_object(node, deep=True)


def load_located(text: str) -> Located:
    """Parse one YAML document from ``text``; raise :class:`YamlError` with a position on failure."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        marks: dict[tuple, tuple[int, int]] = {}
        data = None if node is None else _construct(node, (), marks, loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        raise YamlError(message or str(exc), mark.line + 1 if mark else None,
                        mark.column + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise YamlError(str(exc)) from None
    finally:
        loader.dispose()
    return Located(data, marks)


def load_located_file(path: Path) -> Located:
    """Read ``path`` as UTF-8 and parse it; decoding errors become :class:`YamlError`."""
    return load_located(decode_utf8(path.read_bytes()))
