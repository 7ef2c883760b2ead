"""YAML loading that refuses hostile input and can say where every value came from.

Contributors write ``meta.yaml`` and ``statements.yaml`` by hand, so every error
must point at a line. Values are read by yaml-rs, one fast YAML reader for every
file. A text that may hold something other than plain data is first scanned with
libyaml's event parser (:func:`scan`), which refuses it at its line without building
anything. PyYAML (libyaml) composes the node tree, which gives the line and column of
a value by its path, e.g. ``("statements", 3, "quote")``, only when an error needs a line.

Only plain data is accepted: strings, integers, floats, booleans, null, lists and
mappings with string keys (JSON has no other). Tags, anchors, aliases and merge keys
are refused (an alias bomb never expands), as are unquoted dates, files above
:data:`MAX_BYTES` and nesting deeper than :data:`MAX_DEPTH`.

Before any parser sees a text, its characters are checked (:func:`check_characters`):
a NUL would silently end the file for yaml-rs, and other control characters are
invisible in review. Files are read by :func:`read_limited`, which reads regular files
only and turns every operating-system error into a located ``io`` error.
"""

from __future__ import annotations

import datetime
import errno
import json
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
import yaml_rs

try:  # libyaml is much faster; fall back to the pure-Python loader.
    _FastLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _FastLoader = yaml.SafeLoader

MAX_BYTES = 5_000_000  # an annotation file of 5 MB is some 10,000 statements
MAX_DEPTH = 50  # the schemas need 5 levels
MAX_INTEGER = 10 ** 18 - 1  # no count, offset or occurrence comes near it; Python cannot print one of 4,300 digits
# Every level of nesting takes one of these characters, so a text with fewer of them
# cannot nest deeper than yaml-rs and libyaml's composer recurse safely; others are
# scanned (:func:`scan`, which keeps no recursion) before they are read.
_NESTING_CHARS = "[{-:?"
_C_SAFE_INDICATORS = 5_000
BOM = "\ufeff"

# Characters no input file may hold: C0 controls but tab, LF and CR; DEL; C1 controls;
# lone surrogates; the non-characters U+FFFE and U+FFFF. YAML 1.2 forbids them too.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_CONTROL_NAMES = {0x00: "NUL", 0x1B: "ESC", 0x7F: "DEL", 0x85: "NEL"}

_T = "tag:yaml.org,2002:"
# Scalars the careful path accepts; their values are read by yaml-rs.
_SCALARS = {_T + name for name in ("str", "int", "float", "bool", "null", "timestamp")}


class YamlError(Exception):
    """A file that cannot be read; carries the line and column of the fault and an issue code."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None,
                 code: str = "yaml-syntax", path: tuple = ()):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.code = code
        self.path = path  # the value's path in the document, where the fault is in a value


@dataclass
class Located:
    """A loaded YAML document, and the node tree its values came from (composed when first needed)."""

    data: Any
    root: yaml.Node | None = None
    text: str | None = None  # kept to compose the node tree on demand

    def where(self, path: tuple) -> tuple[int | None, int | None]:
        """Line and column (1-based) of the value at ``path``, or of its nearest located parent."""
        node = self.node(path)
        return (None, None) if node is None else _at(node)

    def node(self, path: tuple) -> yaml.Node | None:
        """The node of the value at ``path``, or of its nearest parent that exists."""
        if self.root is None and self.text is not None:
            try:
                self.root = compose_checked(self.text)
            except YamlError:  # cannot happen for a text yaml-rs read, but a location is never worth a crash
                pass
            self.text = None
        node = self.root
        if node is None:
            return None
        for part in path:
            child = None
            if isinstance(node, yaml.MappingNode):
                child = next((v for k, v in node.value if k.value == str(part)), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                child = node.value[part]
            if child is None:
                break
            node = child
        return node


def _at(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def yaml_scalar(value: str | None) -> str:
    """``value`` written as a YAML scalar: null, or a double-quoted string (a JSON string is one), so that
    a colon, a hash or a quotation mark in it means nothing to YAML."""
    return "null" if value is None else json.dumps(value, ensure_ascii=False)


def decode_utf8(raw: bytes) -> str:
    """``raw`` as text; a :class:`YamlError` with code ``encoding`` names the first bad byte."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlError(f"not UTF-8: byte 0x{raw[exc.start]:02x} at byte offset {exc.start}", line,
                        code="encoding") from None


def _describe(char: str) -> str:
    code = ord(char)
    name = _CONTROL_NAMES.get(code)
    if name is None:
        if 0xD800 <= code <= 0xDFFF:
            name = "a lone surrogate"
        elif code in (0xFFFE, 0xFFFF):
            name = "a non-character"
        elif code < 0x20:
            name = "a C0 control character"
        else:
            name = "a C1 control character"
    return f"U+{code:04X} ({name})"


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def check_characters(text: str) -> None:
    """Refuse a control character, a lone surrogate or U+FFFE/U+FFFF (code ``character``), at its line and column.

    Tab, line feed and carriage return are the only control characters allowed."""
    found = FORBIDDEN.search(text)
    if found is not None:
        line, column = position(text, found.start())
        raise YamlError(f"holds {_describe(found.group())} at line {line}, column {column}; control characters "
                        "are invisible in review and cut files short for some readers: remove it",
                        line, column, code="character")


_RESOLVER = yaml.resolver.Resolver()
_NODE_EVENTS = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent, yaml.AliasEvent)
_END_EVENTS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
_COLLECTION_TAGS = {yaml.SequenceStartEvent: _T + "seq", yaml.MappingStartEvent: _T + "map"}


def scan(text: str) -> None:
    """Refuse what is not plain data, at its line and column, from libyaml's event stream.

    Anchors and aliases (an alias bomb never expands), tags, merge keys, keys that are
    not strings, duplicate keys and nesting deeper than :data:`MAX_DEPTH`. The event
    parser keeps its own stack, so any depth is safe to scan, and no node tree is built:
    a file of 7,800 statements is scanned in a fraction of a second."""
    frames: list[list] = []  # per open collection: [keys seen (a mapping) or None, whether a key comes next]
    documents = 0
    for event in yaml.parse(text, Loader=_FastLoader):
        kind = type(event)
        if kind in _END_EVENTS:
            frames.pop()
            continue
        if kind not in _NODE_EVENTS:
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise YamlError("a second document ('---'); a file holds one YAML document", *_at(event))
            continue
        if kind is yaml.AliasEvent or event.anchor is not None:
            raise YamlError("anchors and aliases (&name, *name) are not allowed; write each value out",
                            *_at(event), code="yaml-unsafe")
        tag = event.tag
        if tag is not None and tag not in (_SCALARS if kind is yaml.ScalarEvent else {_COLLECTION_TAGS[kind]}):
            raise YamlError(f"the tag {tag!r} is not allowed; write plain strings, numbers, lists and mappings",
                            *_at(event), code="yaml-unsafe")
        if frames and frames[-1][0] is not None:  # inside a mapping: a key, or its value
            frame = frames[-1]
            if frame[1]:
                if kind is not yaml.ScalarEvent:
                    raise YamlError("mapping keys must be strings", *_at(event))
                resolved = tag or _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
                if resolved == _T + "merge":
                    raise YamlError("merge keys (<<) are not allowed", *_at(event), code="yaml-unsafe")
                if resolved != _T + "str":
                    raise YamlError("mapping keys must be strings (quote a key such as '1')", *_at(event))
                if event.value in frame[0]:
                    raise YamlError(f"duplicate key {event.value!r}", *_at(event))
                frame[0].add(event.value)
            frame[1] = not frame[1]
        if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            frames.append([set() if kind is yaml.MappingStartEvent else None, True])
            if len(frames) > MAX_DEPTH:
                raise YamlError(f"nested more than {MAX_DEPTH} levels deep", *_at(event), code="yaml-unsafe")


# Anchors (&), aliases (*), tags (!) and merge keys (<<) need the careful path, which refuses them.
_CAREFUL_MARKERS = ("&", "*", "!", "<<")
_RS_POSITION = re.compile(r"at line (\d+), column (\d+)")
_DOCUMENT_MARKS = ("\n---", "\n...")  # yaml-rs reads several documents as a list


def load_located(text: str) -> Located:
    """Parse one YAML document from ``text``; raise :class:`YamlError` with a position on failure.

    Values are read by yaml-rs (fast, and one YAML dialect for every file). A text that
    may hold an anchor, alias, tag or merge key, or could nest deeply, is first scanned
    (:func:`scan`), which refuses what is not plain data with its line. Line numbers of
    valid files are worked out only when a later check needs one.
    """
    if text.startswith(BOM):  # editors on Windows write one; lines and columns are unchanged
        text = text[1:]
    check_characters(text)
    scanned = False
    if (any(marker in text for marker in _CAREFUL_MARKERS) or text.startswith(("---", "..."))
            or any(mark in text for mark in _DOCUMENT_MARKS) or _indicators(text) >= _C_SAFE_INDICATORS):
        _scan_located(text)
        scanned = True
    try:
        data = yaml_rs.loads(text)
    except yaml_rs.YAMLDecodeError as exc:
        if not scanned:
            _scan_located(text)  # PyYAML's located message, where it also refuses the text
        message = str(exc)
        position = _RS_POSITION.search(message)
        lines = [line for line in message.splitlines() if line.strip()]
        problem = lines[-1].strip() if lines else message
        raise YamlError(problem, *(map(int, position.groups()) if position else (None, None))) from None
    located = Located(data, None, text)
    while (found := _not_plain(data) or (_bad_string(data) if "\\" in text else None)) is not None:
        path, message, code = found
        if code == "date":
            # yaml-rs reads "2025-05-06" as a date even in quotes: a quoted one is the string written.
            node = located.node(path)
            if isinstance(node, yaml.ScalarNode) and node.style in ('"', "'") and path:
                _set(data, path, node.value)
                continue
            code = "yaml-syntax"
        elif not scanned:
            _scan_located(text)  # refuses an odd key or deep nesting at its own line
        raise YamlError(message, *located.where(path), code=code, path=path)
    return located


def _set(data: Any, path: tuple, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _indicators(text: str) -> int:
    return sum(text.count(c) for c in _NESTING_CHARS)


def _plain(value: Any, depth: int = 0) -> bool:
    """Whether ``value`` is plain data: the quick test, run on every file."""
    kind = type(value)
    if kind is dict:
        if depth >= MAX_DEPTH:
            return False
        for key, item in value.items():
            if type(key) is not str:
                return False
            if type(item) is not str and not _plain(item, depth + 1):
                return False
        return True
    if kind is list:
        if depth >= MAX_DEPTH:
            return False
        for item in value:
            if type(item) is not str and not _plain(item, depth + 1):
                return False
        return True
    return kind is str or (kind is int and -MAX_INTEGER <= value <= MAX_INTEGER) or kind is bool or kind is float \
        or value is None


def _not_plain(data: Any) -> tuple[tuple, str, str] | None:
    """The first value that is not plain data (a date, an odd key, deep nesting): path, message, code."""
    if _plain(data):
        return None
    todo: list[tuple[Any, tuple]] = [(data, ())]
    while todo:
        value, path = todo.pop()
        if len(path) > MAX_DEPTH:
            return path, f"nested more than {MAX_DEPTH} levels deep", "yaml-unsafe"
        if isinstance(value, dict):
            for key, item in value.items():
                if not isinstance(key, str):
                    return path, (f"mapping keys must be strings, found {type(key).__name__} {key!r} (quote a key "
                                  "such as '1')"), "yaml-syntax"
                todo.append((item, path + (key,)))
        elif isinstance(value, list):
            todo.extend((item, path + (i,)) for i, item in enumerate(value))
        elif isinstance(value, (datetime.date, datetime.datetime)):
            return path, "an unquoted date; write dates as quoted strings, e.g. \"2025-05-06\"", "date"
        elif type(value) is int and not -MAX_INTEGER <= value <= MAX_INTEGER:
            return path, f"an integer of more than {len(str(MAX_INTEGER))} digits; no number here is that large", \
                "schema"
    return None


def _bad_string(data: Any) -> tuple[tuple, str, str] | None:
    """The first string that an escape sequence (``"\\x00"``) made hold a forbidden character."""
    todo: list[tuple[Any, tuple]] = [(data, ())]
    while todo:
        value, path = todo.pop()
        if isinstance(value, str):
            found = FORBIDDEN.search(value)
            if found is not None:
                return path, f"the string holds {_describe(found.group())}, written as an escape; remove it", \
                    "character"
        elif isinstance(value, dict):
            todo.extend((item, path + (key,)) for key, item in value.items())
            todo.extend((key, path) for key in value if isinstance(key, str))
        elif isinstance(value, list):
            todo.extend((item, path + (i,)) for i, item in enumerate(value))
    return None


def _scan_located(text: str) -> None:
    """:func:`scan`, with PyYAML's own errors as located :class:`YamlError`."""
    try:
        scan(text)
    except yaml.YAMLError as exc:
        raise _yaml_error(exc) from None


def _yaml_error(exc: yaml.YAMLError) -> YamlError:
    if not isinstance(exc, yaml.MarkedYAMLError):
        return YamlError(str(exc))
    mark = exc.problem_mark or exc.context_mark
    message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
    if exc.problem and "mapping values are not allowed" in exc.problem:
        message += ("; a value that contains ': ' must be quoted (\"...\") or folded onto the next "
                    "lines with >-")
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    if "nesting depth" in message:  # libyaml's own limit, met while it reads ahead
        return YamlError(f"nested more than {MAX_DEPTH} levels deep", line, column, code="yaml-unsafe")
    return YamlError(message or str(exc), line, column)


def compose_checked(text: str) -> yaml.Node | None:
    """PyYAML's node tree of ``text``, refusing what is not plain data; errors carry line and column."""
    if text.startswith(BOM):
        text = text[1:]
    loader = None
    try:
        check_characters(text)  # PyYAML would refuse most of them too, without saying which
        scan(text)  # first: composing recurses, and would expand an alias bomb
        loader = _FastLoader(text)
        return loader.get_single_node()
    except yaml.YAMLError as exc:
        raise _yaml_error(exc) from None
    except RecursionError:
        raise YamlError(f"nested too deeply (more than {MAX_DEPTH} levels)", code="yaml-unsafe") from None
    finally:
        if loader is not None:
            loader.dispose()


_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


def io_message(exc: OSError) -> str:
    """What went wrong, in words, for an ``io`` error (never the traceback)."""
    reason = exc.strerror or str(exc)
    hint = {errno.ENOSPC: "; free some space and try again", errno.EDQUOT: "; free some space and try again",
            errno.EACCES: "; check the file's permissions", errno.EPERM: "; check the file's permissions",
            errno.EROFS: "; the file system is read-only"}.get(exc.errno or 0, "")
    return f"{reason}{hint}"


def read_limited(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    Raises :class:`YamlError`: code ``too-large`` past the limit, ``io`` for a file that
    cannot be read or is no regular file (a directory, FIFO, device or socket is never
    opened for reading, so a FIFO cannot block), or a file whose size changes as it is
    read (``/proc`` files report size 0)."""
    try:
        info = os.stat(path)
        kind = next((name for test, name in _KINDS if test(info.st_mode)), None)
        if kind is not None:
            raise YamlError(f"is {kind}, not a regular file", code="io")
        if info.st_size > limit:
            raise YamlError(f"{info.st_size:,} bytes; the limit is {limit:,} (split the file or check it is the "
                            "right one)", code="too-large")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced between the two looks
                raise YamlError("is not a regular file", code="io")
            with os.fdopen(fd, "rb", closefd=False) as handle:
                data = handle.read(limit + 1)
        finally:
            os.close(fd)
    except OSError as exc:
        raise YamlError(f"cannot be read: {io_message(exc)}", code="io") from None
    if len(data) > limit:
        raise YamlError(f"more than {limit:,} bytes; the limit is {limit:,}", code="too-large")
    if len(data) != info.st_size:
        raise YamlError(f"its size changed while it was read ({info.st_size:,} bytes, then {len(data):,}); "
                        "it is not a plain file (a /proc or device file) or is being written", code="io")
    return data


def load_located_file(path: Path) -> Located:
    """Read ``path`` (size-limited) as UTF-8 and parse it; every failure is a :class:`YamlError`."""
    return load_located(decode_utf8(read_limited(path)))
