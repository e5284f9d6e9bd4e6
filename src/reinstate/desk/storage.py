"""A content-addressed file store: each file once, under ``files/ab/cdef...`` by its SHA-256.

Writes are atomic: the bytes go to a temporary file in ``files/tmp``, are flushed to disk
(fsync), renamed into place and the directory is synced. Only then does a service write the
row that refers to the file, so a process killed in between leaves an orphan file (which
``reinstate doctor`` finds and repairs), never a row without its file.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reinstate.core.errors import InputError

_SHA = re.compile(r"[0-9a-f]{64}")


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    path: Path
    size: int
    mtime: float


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory handles
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


class FileStore:
    """The files of one data directory (``<home>/files``)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.tmp = root / "tmp"

    def path_for(self, sha256: str) -> Path:
        if not _SHA.fullmatch(sha256):
            raise InputError(f"not a SHA-256 hash: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:]

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def put(self, content: bytes) -> tuple[str, bool]:
        """Store ``content``; returns its hash and whether the file was new."""
        sha = sha256_of(content)
        target = self.path_for(sha)
        if target.is_file() and target.stat().st_size == len(content):
            return sha, False
        target.parent.mkdir(parents=True, exist_ok=True)
        self.tmp.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=self.tmp, prefix=sha[:12] + ".", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp_name, target)
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise
        _fsync_dir(target.parent)
        return sha, True

    def read(self, sha256: str, verify: bool = True) -> bytes:
        path = self.path_for(sha256)
        try:
            content = path.read_bytes()
        except FileNotFoundError:
            raise InputError(
                f"the stored file {sha256[:12]}… is missing from {self.root}"
            ) from None
        if verify and sha256_of(content) != sha256:
            raise InputError(f"the stored file {sha256[:12]}… does not match its hash")
        return content

    def remove(self, sha256: str) -> None:
        path = self.path_for(sha256)
        path.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            path.parent.rmdir()

    def files(self) -> Iterator[StoredFile]:
        """Every file in the store proper (not the temporary area)."""
        if not self.root.is_dir():
            return
        for sub in sorted(self.root.iterdir()):
            if not sub.is_dir() or len(sub.name) != 2 or sub == self.tmp:
                continue
            for path in sorted(sub.iterdir()):
                name = sub.name + path.name
                if path.is_file() and _SHA.fullmatch(name):
                    st = path.stat()
                    yield StoredFile(name, path, st.st_size, st.st_mtime)

    def stray(self) -> Iterator[Path]:
        """Leftovers: temporary files and anything in the store that is not named by a hash."""
        if not self.root.is_dir():
            return
        if self.tmp.is_dir():
            yield from sorted(p for p in self.tmp.iterdir() if p.is_file())
        for sub in sorted(self.root.iterdir()):
            if sub == self.tmp:
                continue
            if not sub.is_dir() or len(sub.name) != 2:
                yield sub
                continue
            for path in sorted(sub.iterdir()):
                if not (path.is_file() and _SHA.fullmatch(sub.name + path.name)):
                    yield path
