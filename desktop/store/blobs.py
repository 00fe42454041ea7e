"""Content-addressed attachment storage: ``root/ab/cdef…`` named by the bytes' SHA-256.

Equal content is stored once. Writes go to a temporary file in ``root/tmp`` that is
fsync'ed and then renamed into place, so a crash leaves either the whole blob or none
(never a truncated file under a valid name). Thread-safe: concurrent writers of the same
content race only to rename identical files.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from desktop.store.errors import MissingBlobError, StoreWriteError, write_error_cause

_HEX64 = re.compile(r"[0-9a-f]{64}")
_CHUNK = 1 << 20
_FANOUT = 2  # the first hex digits of a digest name its folder, as in git's object store


class BlobStore:
    """Stores attachment bytes by hash."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._tmp = self.root / "tmp"
        with self._writing():
            self._tmp.mkdir(parents=True, exist_ok=True)

    def path(self, sha256: str) -> Path:
        """Where the blob lives (whether or not it exists). Rejects malformed hashes."""
        sha = sha256.lower()
        if not _HEX64.fullmatch(sha):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.root / sha[:_FANOUT] / sha[_FANOUT:]

    def exists(self, sha256: str) -> bool:
        """True when the blob is stored."""
        return self.path(sha256).is_file()

    def put(self, data: bytes) -> str:
        """Store ``data`` (once) and return its SHA-256 hex digest."""
        sha = hashlib.sha256(data).hexdigest()
        if not self.exists(sha):
            with self._writing(), self._temp() as (tmp, handle):
                handle.write(data)
                self._commit(tmp, handle, sha)
        return sha

    def put_file(self, source: Path) -> str:
        """Copy a file in chunk by chunk (never whole in memory); return its digest."""
        digest = hashlib.sha256()
        with open(source, "rb") as src, self._writing(), self._temp() as (tmp, handle):
            while chunk := src.read(_CHUNK):
                digest.update(chunk)
                handle.write(chunk)
            sha = digest.hexdigest()
            if not self.exists(sha):
                self._commit(tmp, handle, sha)
        return sha

    def get(self, sha256: str) -> bytes:
        """Return the blob's bytes; ``MissingBlobError`` if absent."""
        try:
            return self.path(sha256).read_bytes()
        except FileNotFoundError:
            raise MissingBlobError(sha256) from None

    def open(self, sha256: str) -> BinaryIO:
        """Open the blob for streaming reads; ``MissingBlobError`` if absent."""
        try:
            return open(self.path(sha256), "rb")
        except FileNotFoundError:
            raise MissingBlobError(sha256) from None

    def delete(self, sha256: str) -> bool:
        """Remove a blob; False if it was not there."""
        try:
            self.path(sha256).unlink()
            return True
        except FileNotFoundError:
            return False

    def hashes(self) -> Iterator[str]:
        """Every stored digest."""
        for folder in self.root.iterdir():
            if len(folder.name) == _FANOUT and folder.is_dir():
                for file in folder.iterdir():
                    sha = folder.name + file.name
                    if _HEX64.fullmatch(sha):
                        yield sha

    def collect_garbage(self, keep: set[str]) -> int:
        """Delete blobs not in ``keep`` and leftover temporary files; return blobs removed.

        Only call this when no write is in flight (e.g. at start-up).
        """
        removed = sum(self.delete(sha) for sha in list(self.hashes()) if sha not in keep)
        shutil.rmtree(self._tmp, ignore_errors=True)
        self._tmp.mkdir(parents=True, exist_ok=True)
        return removed

    class _Temp:
        """Context manager yielding a temporary file that is removed unless committed."""

        def __init__(self, folder: Path) -> None:
            fd, name = tempfile.mkstemp(dir=folder, prefix="blob-")
            self.path = Path(name)
            self.handle: BinaryIO = os.fdopen(fd, "wb")

        def __enter__(self) -> tuple[Path, BinaryIO]:
            return self.path, self.handle

        def __exit__(self, *exc: object) -> None:
            try:
                self.handle.close()
            except OSError:
                if exc[0] is None:  # else the write's own error is the one to report
                    raise
            finally:
                self.path.unlink(missing_ok=True)

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """A full or read-only folder becomes ``StoreWriteError`` naming the folder."""
        try:
            yield
        except OSError as error:
            cause = write_error_cause(error, self.root)
            if cause in ("full", "read-only", "io"):
                raise StoreWriteError(self.root, cause, str(error)) from error
            raise

    def _temp(self) -> BlobStore._Temp:
        return BlobStore._Temp(self._tmp)

    def _commit(self, tmp: Path, handle: BinaryIO, sha: str) -> None:
        handle.flush()
        os.fsync(handle.fileno())
        handle.close()
        target = self.path(sha)
        target.parent.mkdir(exist_ok=True)
        os.replace(tmp, target)
