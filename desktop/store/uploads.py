"""Files API uploads remembered by content hash, so the same bytes are not uploaded twice.

The server keeps an uploaded file about 48 hours; an entry is offered only while it has at least
``margin_s`` left (a file that expires mid-conversation would break the next turn). Entries are
scoped (e.g. by API key and endpoint): another project cannot read this project's files.
Synchronous and thread-safe like every repository; call it through ``run_blocking``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from desktop.domain.api import UploadedFile
from desktop.store.database import Database

# Assumed lifetime when the server did not say when a file expires.
DEFAULT_LIFETIME_S = 48 * 3600.0
# Entries closer than this to their expiry are not offered.
DEFAULT_MARGIN_S = 3600.0


class UploadRepository:
    """The ``uploads`` table: ``(scope, sha256)`` → the uploaded file."""

    def __init__(
        self, db: Database, *, margin_s: float = DEFAULT_MARGIN_S, clock: Callable[[], float] = time.time
    ) -> None:
        self._db = db
        self._margin = margin_s
        self._clock = clock

    def remember(self, sha256: str, file: UploadedFile, *, scope: str = "") -> None:
        """Record (or replace) the upload of the content ``sha256``."""
        now = self._clock()
        expires = file.expires_at if file.expires_at is not None else now + DEFAULT_LIFETIME_S
        self._db.execute(
            "INSERT OR REPLACE INTO uploads (scope, sha256, name, uri, mime_type, size, state, expires_at, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (scope, sha256.lower(), file.name, file.uri, file.mime_type, file.size, file.state, expires, now),
        )

    def lookup(self, sha256: str, *, scope: str = "") -> UploadedFile | None:
        """The upload of this content if it still has ``margin_s`` to live, else None."""
        row = self._db.query_one(
            "SELECT name, uri, mime_type, size, state, expires_at FROM uploads"
            " WHERE scope = ? AND sha256 = ? AND expires_at > ?",
            (scope, sha256.lower(), self._clock() + self._margin),
        )
        if row is None:
            return None
        return UploadedFile(
            name=row["name"],
            uri=row["uri"],
            mime_type=row["mime_type"],
            size=int(row["size"]),
            state=row["state"],
            expires_at=float(row["expires_at"]),
        )

    def forget(self, sha256: str, *, scope: str = "") -> bool:
        """Drop an entry (e.g. the server no longer has the file); True if there was one."""
        return self._db.execute("DELETE FROM uploads WHERE scope = ? AND sha256 = ?", (scope, sha256.lower())) > 0

    def prune(self) -> int:
        """Delete expired entries; returns how many."""
        return self._db.execute("DELETE FROM uploads WHERE expires_at <= ?", (self._clock(),))
