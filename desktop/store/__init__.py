"""Persistence: SQLite (the only importer of ``sqlite3``) and the attachment blob store.

Typical start-up::

    db, damaged = open_or_recover(paths.data / "gemini-desktop.sqlite3")
    conversations = ConversationRepository(db)
    research = ResearchRepository(db)
    blobs = BlobStore(paths.data / "blobs")
    conversations.mark_interrupted_streaming_turns()
"""

from desktop.store.blobs import BlobStore
from desktop.store.conversations import ConversationRepository, ConversationSummary, SearchHit
from desktop.store.database import Database, open_database, open_or_recover
from desktop.store.errors import (
    CorruptDatabaseError,
    DatabaseTooNewError,
    MigrationError,
    MissingBlobError,
    StoreError,
)
from desktop.store.migrations import LATEST_VERSION
from desktop.store.research import ResearchRepository

__all__ = [
    "LATEST_VERSION",
    "BlobStore",
    "ConversationRepository",
    "ConversationSummary",
    "CorruptDatabaseError",
    "Database",
    "DatabaseTooNewError",
    "MigrationError",
    "MissingBlobError",
    "ResearchRepository",
    "SearchHit",
    "StoreError",
    "open_database",
    "open_or_recover",
]
