"""Save: serialise records deterministically and replace dataset/ atomically.

The new dataset is written in full to a staging folder beside dataset/, then swapped
in with two renames. A build that fails, or is killed before the swap, leaves the
previous dataset/ as it was; one killed between the two renames is repaired by the
next build (see :func:`recover`).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Iterator


def jsonl(records: list[dict]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")


def lines(data: bytes | bytearray) -> Iterator[bytes]:
    """The lines of a JSONL buffer one at a time, without splitting a large buffer all at once."""
    start = 0
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        yield bytes(data[start:end])
        start = end + 1


def fingerprint(files: dict[str, bytes]) -> str:
    """sha256 over the data files' paths and bytes, in path order."""
    return _combine({path: hashlib.sha256(content).digest() for path, content in files.items()})


def fingerprint_on_disk(folder: Path, chunk: int = 1 << 20) -> str:
    """:func:`fingerprint` of the ``data/`` files below ``folder`` (a dataset/), read in chunks."""
    digests = {}
    for path in sorted((folder / "data").rglob("*.jsonl")):
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            while block := handle.read(chunk):
                digest.update(block)
        digests[path.relative_to(folder).as_posix()] = digest.digest()
    return _combine(digests)


def _combine(digests: dict[str, bytes]) -> str:
    combined = hashlib.sha256()
    for path in sorted(digests):
        combined.update(path.encode("utf-8") + b"\0" + digests[path])
    return "sha256:" + combined.hexdigest()


def _siblings(dataset: Path) -> tuple[Path, Path]:
    return dataset.with_name(f".{dataset.name}.staging"), dataset.with_name(f".{dataset.name}.previous")


def recover(dataset: Path) -> None:
    """Finish or undo a swap that was interrupted, and remove a stale staging folder."""
    staging, previous = _siblings(dataset)
    if previous.exists():
        if dataset.exists():
            shutil.rmtree(previous)
        else:
            previous.rename(dataset)
    if staging.exists():
        shutil.rmtree(staging)


def write_atomically(dataset: Path, files: dict[str, bytes]) -> None:
    """Make ``dataset`` hold exactly ``files`` (relative path -> bytes)."""
    recover(dataset)
    staging, previous = _siblings(dataset)
    try:
        for rel, content in sorted(files.items()):
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if dataset.exists():
        dataset.rename(previous)
    staging.rename(dataset)
    shutil.rmtree(previous, ignore_errors=True)


def read_tree(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder``, by relative path: to compare a build with what is on disk."""
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def list_tree(folder: Path) -> list[str]:
    """Relative paths of every file below ``folder``."""
    if not folder.is_dir():
        return []
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def same_content(path: Path, data: bytes, chunk: int = 1 << 20) -> bool:
    """Whether the file holds exactly ``data``, read in chunks (a data file may be hundreds of MB)."""
    if path.stat().st_size != len(data):
        return False
    view = memoryview(data)
    with open(path, "rb") as handle:
        for start in range(0, len(data), chunk):
            if handle.read(chunk) != view[start:start + chunk]:
                return False
    return True
