"""BlobStore: content addressing, dedupe, streamed file import, atomic writes."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from desktop.store import BlobStore, MissingBlobError


@pytest.fixture
def store(tmp_path: Path) -> BlobStore:
    return BlobStore(tmp_path / "blobs")


def test_put_get_round_trip_under_a_hash_named_path(store: BlobStore) -> None:
    data = b"\x89PNG fake image bytes"
    sha = store.put(data)
    assert sha == hashlib.sha256(data).hexdigest()
    assert store.get(sha) == data
    assert store.path(sha) == store.root / sha[:2] / sha[2:]
    assert store.path(sha).read_bytes() == data
    with store.open(sha) as handle:
        assert handle.read() == data


def test_equal_content_is_stored_once(store: BlobStore) -> None:
    first = store.put(b"same")
    second = store.put(b"same")
    assert first == second
    assert list(store.hashes()) == [first]


def test_put_file_streams_and_matches_put(store: BlobStore, tmp_path: Path) -> None:
    source = tmp_path / "big.bin"
    payload = os.urandom(3 * 1024 * 1024 + 17)  # several read chunks
    source.write_bytes(payload)
    sha = store.put_file(source)
    assert sha == hashlib.sha256(payload).hexdigest()
    assert store.get(sha) == payload
    assert store.put_file(source) == sha  # dedupe
    assert store.put(payload) == sha
    assert list(store.hashes()) == [sha]


def test_no_temporary_files_are_left_behind(store: BlobStore, tmp_path: Path) -> None:
    source = tmp_path / "f.txt"
    source.write_text("hello")
    store.put_file(source)
    store.put_file(source)
    store.put(b"hello")
    assert list((store.root / "tmp").iterdir()) == []


def test_failed_import_leaves_no_partial_blob(store: BlobStore, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        store.put_file(tmp_path / "missing.bin")
    assert list(store.hashes()) == []
    assert list((store.root / "tmp").iterdir()) == []


def test_missing_and_malformed_hashes(store: BlobStore) -> None:
    with pytest.raises(MissingBlobError):
        store.get("0" * 64)
    with pytest.raises(KeyError):  # MissingBlobError is also a KeyError
        store.open("0" * 64)
    with pytest.raises(ValueError):
        store.path("../../etc/passwd")
    assert not store.exists("f" * 64)


def test_collect_garbage_keeps_only_referenced_blobs(store: BlobStore) -> None:
    keep = store.put(b"keep")
    drop = store.put(b"drop")
    assert store.collect_garbage({keep}) == 1
    assert store.exists(keep) and not store.exists(drop)
