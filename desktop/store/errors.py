"""Exceptions raised by the store; callers never see ``sqlite3`` exception types from here."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from desktop.errors import StorageError


class StoreError(Exception):
    """Base class for storage failures."""


class CorruptDatabaseError(StoreError):
    """The database file was unreadable and has been moved aside (never deleted).

    The caller tells the user where the old file went and opens the path again, which
    creates a fresh, empty database.
    """

    def __init__(self, path: Path, moved_to: Path, reason: str) -> None:
        super().__init__(f"{path} is damaged ({reason}); it was moved to {moved_to}")
        self.path = path
        self.moved_to = moved_to
        self.reason = reason
        # What was copied into the new database (a ``SalvageReport``), once salvaged.
        self.salvage: Any = None


class DatabaseTooNewError(StoreError):
    """The file was written by a newer version of the app; it is left untouched."""

    def __init__(self, path: Path, found: int, supported: int) -> None:
        super().__init__(
            f"{path} has schema version {found}, but this version of the app "
            f"understands up to {supported}. Update the app to open it."
        )
        self.path = path
        self.found = found
        self.supported = supported


class MigrationError(StoreError):
    """A schema migration failed; the step was rolled back and a backup exists."""


class MissingBlobError(StoreError, KeyError):
    """No blob with this hash is in the blob store."""


class StoreWriteError(StoreError, StorageError):
    """The data folder refused a write: full, read-only, an I/O error or no permission.

    Both a ``StoreError`` (for the store's callers) and an app ``StorageError``: it reaches the
    user as "Could not save to <folder>: <cause>." without any mapping in between.
    """

    def __init__(self, folder: Path, cause: str, detail: str) -> None:
        StorageError.__init__(self, str(folder), cause, detail=detail)


# SQLite primary result codes that mean the folder, not the file's content, is the problem.
_SQLITE_CAUSES = {
    sqlite3.SQLITE_FULL: "full",
    sqlite3.SQLITE_READONLY: "read-only",
    sqlite3.SQLITE_IOERR: "io",
    sqlite3.SQLITE_CANTOPEN: "permission",
    sqlite3.SQLITE_PERM: "permission",
    sqlite3.SQLITE_BUSY: "locked",
    sqlite3.SQLITE_LOCKED: "locked",
}
_ERRNO_CAUSES = {
    errno.ENOSPC: "full",
    errno.EDQUOT: "full",
    errno.EROFS: "read-only",
    errno.EIO: "io",
    errno.EACCES: "permission",
    errno.EPERM: "permission",
}
_MESSAGE_CAUSES = (
    ("disk is full", "full"),
    ("no space", "full"),
    ("readonly", "read-only"),
    ("read-only", "read-only"),
    ("disk i/o error", "io"),
    ("unable to open database", "permission"),
    ("database is locked", "locked"),
)
# Below this much free space, an I/O error while writing is taken for a full disk.
_NEARLY_FULL_BYTES = 64 * 1024


def write_error_cause(error: BaseException, folder: Path | None = None) -> str | None:
    """The cause (a ``StorageError.CAUSES`` key) when ``error`` is the folder refusing a write, else None.

    SQLite reports a full tmpfs as SQLITE_FULL or as an I/O error depending on where the write
    failed, so an I/O error on a folder with (almost) no free space counts as full.
    """
    cause: str | None = None
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        if isinstance(code, int):
            cause = _SQLITE_CAUSES.get(code & 0xFF)
        if cause is None:
            text = str(error).lower()
            cause = next((c for needle, c in _MESSAGE_CAUSES if needle in text), None)
    elif isinstance(error, OSError):
        cause = _ERRNO_CAUSES.get(error.errno or 0)
    if cause in ("io", "permission") and folder is not None:
        cause = _refine(cause, folder)
    return cause


def _refine(cause: str, folder: Path) -> str:
    """A vague cause made precise by looking at the folder's file system."""
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        if os.statvfs(probe).f_flag & os.ST_RDONLY:
            return "read-only"
        if cause == "io" and shutil.disk_usage(probe).free < _NEARLY_FULL_BYTES:
            return "full"
    except OSError:
        pass
    return cause
