"""The content-addressed file store: atomic writes, one file per content, leftovers found."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from reinstate.core.errors import InputError
from reinstate.desk.storage import FileStore, sha256_of


def test_put_stores_once_under_the_hash(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "files")
    content = b"%PDF-1.4 an invoice"
    sha, new = store.put(content)
    assert sha == hashlib.sha256(content).hexdigest()
    assert new is True
    path = tmp_path / "files" / sha[:2] / sha[2:]
    assert path.read_bytes() == content
    again, new_again = store.put(content)
    assert (again, new_again) == (sha, False)
    assert [f.sha256 for f in store.files()] == [sha]
    assert list(store.stray()) == []  # no temporary file left behind


def test_read_verifies_the_hash(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "files")
    sha, _ = store.put(b"original bytes")
    assert store.read(sha) == b"original bytes"
    store.path_for(sha).write_bytes(b"tampered")
    with pytest.raises(InputError, match="does not match its hash"):
        store.read(sha)
    store.remove(sha)
    with pytest.raises(InputError, match="missing"):
        store.read(sha)
    assert not store.exists(sha)


def test_a_bad_hash_is_refused(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "files")
    with pytest.raises(InputError, match="not a SHA-256"):
        store.path_for("../../etc/passwd")


def test_stray_lists_temporary_and_unnamed_files(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "files")
    sha, _ = store.put(b"kept")
    (store.tmp).mkdir(parents=True, exist_ok=True)
    leftover = store.tmp / "abc.part"
    leftover.write_bytes(b"half")
    odd = store.path_for(sha).parent / "notahash"
    odd.write_bytes(b"?")
    assert sorted(store.stray()) == sorted([leftover, odd])
    assert [f.sha256 for f in store.files()] == [sha]
    assert sha256_of(b"kept") == sha
