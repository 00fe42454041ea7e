"""Exceptions raised by the store; callers never see ``sqlite3`` exception types from here."""

from __future__ import annotations

from pathlib import Path


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
