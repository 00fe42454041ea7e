"""File Search stores ("Knowledge"): the app's own types for stores and their documents (plain data).

A store is named ``fileSearchStores/<id>`` on the server; conversations with File Search on send
the names of the stores they search (``ConversationSettings.file_search_stores``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias

# A document's processing state: being indexed, searchable, or failed.
DocumentState: TypeAlias = Literal["pending", "active", "failed", "unknown"]


@dataclass(frozen=True, slots=True)
class KnowledgeStore:
    """A File Search store with its document counts and total size (bytes)."""

    name: str
    display_name: str
    active_documents: int = 0
    pending_documents: int = 0
    failed_documents: int = 0
    size_bytes: int = 0

    @property
    def label(self) -> str:
        """The display name, or the resource name when it has none."""
        return self.display_name or self.name

    @property
    def documents(self) -> int:
        """All documents, whatever their state."""
        return self.active_documents + self.pending_documents + self.failed_documents


@dataclass(frozen=True, slots=True)
class KnowledgeDocument:
    """A document inside a store (``fileSearchStores/<id>/documents/<doc>``)."""

    name: str
    display_name: str
    state: DocumentState = "unknown"
    size_bytes: int = 0
    mime_type: str = ""


@dataclass(frozen=True, slots=True)
class UploadResult:
    """How adding one file to a store ended: the document (when known), its state and any error text."""

    document_name: str | None
    state: DocumentState
    error: str = ""
