"""Save: serialise records deterministically and replace dataset/ atomically; write any other file
in one step (:func:`write_file`).

One build at a time: a build holds an advisory ``fcntl`` lock on ``.dataset.lock``
beside dataset/ from before it reads anything until the swap is done (:func:`locked`).
The new dataset is written in full to a staging folder of its own process beside
dataset/, then swapped in with two renames. A build that fails, or is killed before
the swap, leaves the previous dataset/ as it was; one killed between the two renames
is repaired by the next build or validation, before dataset/ is read (:func:`recover`).
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import secrets
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from factprov.base.yamlio import io_message

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows has no fcntl; builds there are not serialised
    fcntl = None  # type: ignore[assignment]


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


class WriteError(Exception):
    """dataset/ cannot be written, or another build holds the lock: where, and why (issue code ``io`` or
    ``build-lock``). dataset/ is as it was before the build, unless the message says otherwise."""

    def __init__(self, path: Path, message: str, code: str = "io"):
        super().__init__(f"{path}: {message}")
        self.path, self.message, self.code = path, message, code


def write_file(path: Path, data: bytes, within: Path) -> None:
    """Write one file in one step (a new temporary file beside it, then a rename): the one writer of
    every single file factprov writes (a draft, predictions, an export, the card, the CHANGELOG).

    It refuses, with a :class:`WriteError`, a ``path`` that is a symbolic link or stands in a folder
    reached through one, a ``path`` that leaves ``within`` (the folder it is meant for), and anything
    that is not a regular file. The temporary file is created anew (never an existing name, never
    followed), so nothing outside ``within`` can be written through a link planted beside it; an
    interrupted write leaves the previous file as it was."""
    parent = path.parent
    try:
        real_within = within.resolve()
        real_parent = parent.resolve()
    except OSError as exc:
        raise _failed(path, "resolve its folder", exc) from None
    if real_parent != real_within and real_within not in real_parent.parents:
        raise WriteError(path, f"leads out of {within}, where it belongs (through a symbolic link or '..')")
    folder = parent
    while folder != within and within in folder.parents:
        if folder.is_symlink():
            raise WriteError(path, f"its folder {folder} is a symbolic link; factprov does not write through links")
        folder = folder.parent
    if path.is_symlink():
        raise WriteError(path, "is a symbolic link; factprov does not write through links (remove it first)")
    if os.path.lexists(path) and not path.is_file():
        raise WriteError(path, "is not a regular file (a folder, pipe or device)")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".partial")
    except OSError as exc:
        raise _failed(path, "create a file beside it", exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # as an ordinary file would be: mkstemp makes it private
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _failed(path, "write it", exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _previous(dataset: Path) -> Path:
    return dataset.with_name(f".{dataset.name}.previous")


def _staging_prefix(dataset: Path) -> str:
    return f".{dataset.name}.staging-"


def lock_path(dataset: Path) -> Path:
    return dataset.with_name(f".{dataset.name}.lock")


def _failed(path: Path, doing: str, exc: OSError) -> WriteError:
    return WriteError(path, f"cannot {doing}: {io_message(exc)}")


_HELD: set[str] = set()  # lock files this process holds


@contextmanager
def locked(dataset: Path, shared: bool = False) -> Iterator[None]:
    """Hold the advisory lock of ``dataset`` (a file beside it): exclusive for a build, shared for reading.

    Never waits: a lock held by another process raises :class:`WriteError` ``build-lock``.
    A reader of a checkout it cannot write to reads without a lock
    (no build can run there either)."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    path = lock_path(dataset)
    key = os.path.abspath(path)
    if key in _HELD:  # this process holds it already (a release builds inside its own lock)
        yield
        return
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as exc:
        if shared and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            yield
            return
        raise _failed(path, "create the build lock", exc) from None
    try:
        try:
            fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            raise WriteError(dataset, f"another factprov build is writing {dataset.name}/, or a validation is "
                                      f"reading it ({path.name} is locked); wait until it has finished and run "
                                      "this again", "build-lock") from None
        except OSError as exc:
            raise _failed(path, "take the build lock", exc) from None
        _HELD.add(key)
        try:
            yield
        finally:
            _HELD.discard(key)
    finally:
        os.close(fd)  # closing releases the lock; the file stays, so that no two processes lock two files


def interrupted(dataset: Path) -> bool:
    """Whether a build was stopped between the two renames of its swap (dataset/ is missing, its copy is not)."""
    return not os.path.lexists(dataset) and _previous(dataset).is_dir()


def recover(dataset: Path) -> None:
    """Finish or undo a swap that was interrupted, and remove stale staging folders.

    Call it holding the exclusive lock (:func:`locked`), before anything reads dataset/:
    then no other build is running, and every staging folder is a leftover."""
    previous = _previous(dataset)
    try:
        if os.path.lexists(previous):
            if previous.is_symlink() or not previous.is_dir():
                raise WriteError(previous, "is in the way of the build and is no folder factprov made; "
                                           "remove it by hand")
            if os.path.lexists(dataset):
                _remove(previous)  # the swap was done; only the old copy was left
            else:
                os.rename(previous, dataset)  # killed between the renames: the old dataset/ comes back
        ours = re.compile(re.escape(_staging_prefix(dataset)) + r"[0-9]+-[0-9a-f]{8}")
        for stale in dataset.parent.glob(_staging_prefix(dataset) + "*"):
            if ours.fullmatch(stale.name) and stale.is_dir() and not stale.is_symlink():
                _remove(stale)  # only a folder of the name a build gives its staging folder
    except OSError as exc:
        raise _failed(previous, "repair what an interrupted build left", exc) from None


def check_target(dataset: Path) -> None:
    """Refuse a ``dataset`` that the swap cannot replace safely: a link, a file, or read-only folders."""
    if dataset.is_symlink():
        raise WriteError(dataset, f"is a symbolic link to {os.readlink(dataset)}; factprov replaces "
                                  f"{dataset.name}/ as a whole, so it must be a real folder")
    if not os.path.lexists(dataset):
        return
    if not dataset.is_dir():
        raise WriteError(dataset, "is not a folder; move it away so that the build can write one")
    for folder, _dirs, _files in os.walk(dataset):
        if not os.access(folder, os.W_OK):
            raise WriteError(Path(folder), f"is read-only; the build replaces {dataset.name}/ as a whole: make it "
                                           f"writable (chmod -R u+w {dataset.name})")


def _remove(folder: Path) -> None:
    """Remove a folder tree factprov made, even where its folders were made read-only."""
    try:
        shutil.rmtree(folder)
    except PermissionError:
        for path, _dirs, _files in os.walk(folder):
            os.chmod(path, 0o700)
        shutil.rmtree(folder)


def write_atomically(dataset: Path, files: dict[str, bytes]) -> str | None:
    """Make ``dataset`` hold exactly ``files`` (relative path -> bytes); raise :class:`WriteError` on failure.

    Returns a warning when the new dataset is in place but the old copy could not be removed.

    Call it holding the exclusive lock, after :func:`recover`. The files go to a staging
    folder of this process; two renames swap it in. Any failure before the swap removes
    the staging folder and leaves ``dataset`` as it was."""
    check_target(dataset)
    staging = dataset.with_name(f"{_staging_prefix(dataset)}{os.getpid()}-{secrets.token_hex(4)}")
    try:
        os.mkdir(staging)  # fails rather than reuse a folder that exists
    except OSError as exc:
        raise _failed(dataset.parent, f"create a staging folder for {dataset.name}/", exc) from None
    try:
        for rel, content in sorted(files.items()):
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "xb") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, OSError):
            raise _failed(dataset, f"write the new {dataset.name}/ ({dataset.name}/ was left as it was)",
                          exc) from None
        raise
    previous = _previous(dataset)
    moved = False
    try:
        if os.path.lexists(dataset):
            os.rename(dataset, previous)
            moved = True
        os.rename(staging, dataset)
    except OSError as exc:
        if moved and not os.path.lexists(dataset):
            os.rename(previous, dataset)
        shutil.rmtree(staging, ignore_errors=True)
        raise _failed(dataset, f"swap in the new {dataset.name}/ ({dataset.name}/ was left as it was)", exc) from None
    if moved:
        try:
            _remove(previous)
        except OSError as exc:  # the build succeeded; the next one removes the copy, or says why it cannot
            return (f"the new {dataset.name}/ is in place, but the old copy {previous.name} cannot be removed: "
                    f"{io_message(exc)}; remove it by hand")
    return None


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
