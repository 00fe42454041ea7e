"""Conversations and their turns in SQLite: CRUD, soft delete, drafts, search, streaming saves.

Every method is synchronous and thread-safe (the ``Database`` lock serialises access).
Deletion is soft (``deleted_at``) so the UI can offer undo; ``purge_deleted`` removes rows
for good. Streaming progress goes through ``append_stream_progress``: one small UPDATE of
one row, cheap enough to call every 250 ms.
"""

from __future__ import annotations

import builtins
import time
from dataclasses import dataclass
from typing import NamedTuple

from desktop.domain.conversation import (
    DEFAULT_TITLE,
    BlobPart,
    Conversation,
    ConversationSettings,
    Turn,
    TurnStatus,
    part_from_dict,
    part_to_dict,
)
from desktop.store import fts
from desktop.store.codec import conversation_from_row, dumps, loads, turn_from_row, turn_values
from desktop.store.database import Database

_ACTIVE = (TurnStatus.PENDING.value, TurnStatus.STREAMING.value)
_TURN_COLUMNS = tuple(turn_values(Turn("", "", None)).keys())
_INSERT_TURN = f"INSERT INTO turns ({', '.join(_TURN_COLUMNS)}) VALUES ({', '.join(':' + c for c in _TURN_COLUMNS)})"
_UPDATE_TURN = (
    "UPDATE turns SET "
    + ", ".join(f"{c} = :{c}" for c in _TURN_COLUMNS if c not in ("id", "conversation_id"))
    + " WHERE id = :id"
)
_SNIPPET_TOKENS = 12
_BODY_ROWS_PER_RESULT = 10


@dataclass(frozen=True, slots=True)
class ConversationSummary:
    """A light row for the conversation list."""

    id: str
    title: str
    updated_at: float
    created_at: float


class SearchHit(NamedTuple):
    """One conversation matching a search; ``snippet`` is "" for a title-only match."""

    conversation_id: str
    title: str
    snippet: str


class ConversationRepository:
    """Reads and writes conversations and turns."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # --- conversations ------------------------------------------------------------------

    def create(self, title: str = DEFAULT_TITLE, settings: ConversationSettings | None = None) -> Conversation:
        """Create, save and return a new conversation."""
        conversation = Conversation.new(title, settings)
        self.insert(conversation)
        return conversation

    def insert(self, conversation: Conversation) -> None:
        """Save a conversation built elsewhere (e.g. an import)."""
        self._db.execute(
            "INSERT INTO conversations (id, title, created_at, updated_at, settings_json,"
            " current_leaf_turn_id, draft) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                conversation.id,
                conversation.title,
                conversation.created_at,
                conversation.updated_at,
                conversation.settings.to_json(),
                conversation.current_leaf_turn_id,
                conversation.draft,
            ),
        )

    def get(self, conversation_id: str, *, include_deleted: bool = False) -> Conversation | None:
        """Return the conversation, or ``None`` if unknown (or deleted, unless asked)."""
        row = self._db.query_one("SELECT * FROM conversations WHERE id = ?", (conversation_id,))
        if row is None or (row["deleted_at"] is not None and not include_deleted):
            return None
        return conversation_from_row(row)

    def list(self, *, limit: int | None = None) -> builtins.list[ConversationSummary]:
        """Return live conversations, most recent activity first."""
        rows = self._db.query(
            "SELECT id, title, updated_at, created_at FROM conversations"
            " WHERE deleted_at IS NULL ORDER BY updated_at DESC LIMIT ?",
            (-1 if limit is None else limit,),
        )
        return [ConversationSummary(r[0], r[1], r[2], r[3]) for r in rows]

    def rename(self, conversation_id: str, title: str) -> bool:
        """Change the title (does not count as activity); False if unknown."""
        return self._set(conversation_id, "title", title)

    def update_settings(self, conversation_id: str, settings: ConversationSettings) -> bool:
        """Replace the conversation's request options; False if unknown."""
        return self._set(conversation_id, "settings_json", settings.to_json())

    def save_draft(self, conversation_id: str, text: str) -> bool:
        """Remember the unsent composer text; False if unknown."""
        return self._set(conversation_id, "draft", text)

    def save_draft_parts(self, conversation_id: str, parts: builtins.list[BlobPart]) -> bool:
        """Remember the composer's attachments of a conversation's draft; False if unknown."""
        value = dumps([part_to_dict(p) for p in parts]) if parts else None
        return self._set(conversation_id, "draft_parts_json", value)

    def draft_parts(self, conversation_id: str) -> builtins.list[BlobPart]:
        """The attachments saved with a conversation's draft (none if unknown)."""
        row = self._db.query_one("SELECT draft_parts_json FROM conversations WHERE id = ?", (conversation_id,))
        if row is None:
            return []
        parts = [part_from_dict(d) for d in loads(row[0], []) if isinstance(d, dict)]
        return [p for p in parts if isinstance(p, BlobPart)]

    def set_current_leaf(self, conversation_id: str, turn_id: str | None) -> bool:
        """Choose the branch shown: the leaf turn it ends with (``None``: empty view).

        Raises ``ValueError`` if the turn belongs to another conversation.
        """
        with self._db.transaction():
            if turn_id is not None:
                row = self._db.query_one("SELECT conversation_id FROM turns WHERE id = ?", (turn_id,))
                if row is None or row[0] != conversation_id:
                    raise ValueError(f"turn {turn_id} is not in conversation {conversation_id}")
            return self._set(conversation_id, "current_leaf_turn_id", turn_id)

    def delete(self, conversation_id: str) -> bool:
        """Hide the conversation (soft delete, undoable with ``restore``)."""
        return (
            self._db.execute(
                "UPDATE conversations SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
                (time.time(), conversation_id),
            )
            > 0
        )

    def restore(self, conversation_id: str) -> bool:
        """Bring back a soft-deleted conversation."""
        return (
            self._db.execute(
                "UPDATE conversations SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL",
                (conversation_id,),
            )
            > 0
        )

    def purge_deleted(self, older_than: float | None = None) -> int:
        """Erase soft-deleted conversations (deleted before ``older_than`` if given)."""
        return self._db.execute(
            "DELETE FROM conversations WHERE deleted_at IS NOT NULL AND deleted_at <= ?",
            (float("inf") if older_than is None else older_than,),
        )

    def _set(self, conversation_id: str, column: str, value: object) -> bool:
        # `column` is always one of our literals, never user input.
        return self._db.execute(f"UPDATE conversations SET {column} = ? WHERE id = ?", (value, conversation_id)) > 0

    # --- search -------------------------------------------------------------------------

    def search(self, query: str, *, limit: int = 50, highlight: tuple[str, str] = ("", "")) -> builtins.list[SearchHit]:
        """Find live conversations whose title or messages contain every word of ``query``.

        Words match as prefixes, case- and accent-insensitively. Any input is safe. Title
        matches come first, then the best message matches. ``highlight`` wraps matched
        words in the snippet (the caller escapes the snippet before adding markup).
        """
        expression = fts.match_expression(query)
        hits: dict[str, SearchHit] = {}
        if expression is not None:
            for cid, title in self._db.query(
                "SELECT c.id, c.title FROM conversation_fts"
                " JOIN conversations c ON c.seq = conversation_fts.rowid"
                " WHERE conversation_fts MATCH ? AND c.deleted_at IS NULL"
                " ORDER BY c.updated_at DESC LIMIT ?",
                (expression, limit),
            ):
                hits[cid] = SearchHit(cid, title, "")
            for cid, title, snippet in self._db.query(
                "SELECT c.id, c.title, snippet(turn_fts, -1, ?, ?, '…', ?) FROM turn_fts"
                " JOIN turns t ON t.seq = turn_fts.rowid"
                " JOIN conversations c ON c.id = t.conversation_id"
                " WHERE turn_fts MATCH ? AND c.deleted_at IS NULL ORDER BY turn_fts.rank LIMIT ?",
                (*highlight, _SNIPPET_TOKENS, expression, limit * _BODY_ROWS_PER_RESULT),
            ):
                if cid not in hits:
                    hits[cid] = SearchHit(cid, title, snippet)
                elif not hits[cid].snippet:
                    hits[cid] = hits[cid]._replace(snippet=snippet)
        needle = query.strip()
        # Emoji, punctuation and unspaced CJK text are not words to the tokenizer: fall back
        # to a plain substring scan when the index has nothing.
        if not hits and needle and (expression is None or not needle.isascii()):
            return self._substring_search(needle, limit)
        return builtins.list(hits.values())[:limit]

    def _substring_search(self, needle: str, limit: int) -> builtins.list[SearchHit]:
        hits: dict[str, SearchHit] = {}
        for cid, title in self._db.query(
            "SELECT id, title FROM conversations WHERE deleted_at IS NULL"
            " AND instr(title, ?) > 0 ORDER BY updated_at DESC LIMIT ?",
            (needle, limit),
        ):
            hits[cid] = SearchHit(cid, title, "")
        for cid, title, prompt, answer, sources in self._db.query(
            "SELECT c.id, c.title, t.prompt_text, t.answer_text, t.sources_text FROM turns t"
            " JOIN conversations c ON c.id = t.conversation_id WHERE c.deleted_at IS NULL"
            " AND (instr(t.prompt_text, ?) > 0 OR instr(t.answer_text, ?) > 0 OR instr(t.sources_text, ?) > 0)"
            " ORDER BY c.updated_at DESC, t.seq LIMIT ?",
            (needle, needle, needle, limit * _BODY_ROWS_PER_RESULT),
        ):
            snippet = fts.excerpt(prompt, needle) or fts.excerpt(answer, needle) or fts.excerpt(sources, needle)
            if cid not in hits:
                hits[cid] = SearchHit(cid, title, snippet)
            elif not hits[cid].snippet:
                hits[cid] = hits[cid]._replace(snippet=snippet)
        return builtins.list(hits.values())[:limit]

    # --- turns --------------------------------------------------------------------------

    def add_turn(self, turn: Turn, *, make_current: bool = True) -> None:
        """Save a new turn; by default it becomes the conversation's current leaf."""
        with self._db.transaction():
            self._db.execute(_INSERT_TURN, turn_values(turn))
            self._touch(turn.conversation_id, turn.id if make_current else None)

    def update_turn(self, turn: Turn) -> bool:
        """Rewrite one turn's row (not the others'); False if it no longer exists."""
        values = turn_values(turn)
        with self._db.transaction():
            if self._db.execute(_UPDATE_TURN, values) == 0:
                return False
            self._touch(turn.conversation_id, None)
            return True

    def append_stream_progress(
        self,
        turn_id: str,
        answer_text: str,
        thoughts: str,
        status: TurnStatus = TurnStatus.STREAMING,
        last_event_id: str | None = None,
    ) -> bool:
        """Save streaming progress with a single small UPDATE of one row.

        ``answer_text`` and ``thoughts`` are the full text received so far (snapshots, so
        a repeated call is harmless), not deltas; ``last_event_id`` is the stream event they
        end with (kept as it was when None). False if the turn no longer exists.
        """
        return (
            self._db.execute(
                "UPDATE turns SET answer_text = ?, thoughts = ?, status = ?, updated_at = ?,"
                " last_event_id = coalesce(?, last_event_id) WHERE id = ?",
                (answer_text, thoughts, TurnStatus(status).value, time.time(), last_event_id, turn_id),
            )
            > 0
        )

    def get_turn(self, turn_id: str) -> Turn | None:
        """Return one turn, or ``None``."""
        row = self._db.query_one("SELECT * FROM turns WHERE id = ?", (turn_id,))
        return None if row is None else turn_from_row(row)

    def turns(self, conversation_id: str) -> builtins.list[Turn]:
        """Return every turn of the conversation (all branches), in creation order."""
        rows = self._db.query("SELECT * FROM turns WHERE conversation_id = ? ORDER BY seq", (conversation_id,))
        return [turn_from_row(r) for r in rows]

    def mark_interrupted_streaming_turns(self) -> builtins.list[Turn]:
        """At start-up: mark every turn left PENDING/STREAMING as INTERRUPTED; return them."""
        now = time.time()
        with self._db.transaction():
            rows = self._db.query("SELECT * FROM turns WHERE status IN (?, ?) ORDER BY seq", _ACTIVE)
            self._db.execute(
                "UPDATE turns SET status = ?, updated_at = ? WHERE status IN (?, ?)",
                (TurnStatus.INTERRUPTED.value, now, *_ACTIVE),
            )
        interrupted = [turn_from_row(r) for r in rows]
        for turn in interrupted:
            turn.status = TurnStatus.INTERRUPTED
            turn.updated_at = now
        return interrupted

    def referenced_blobs(self) -> set[str]:
        """Hashes of every blob a stored turn refers to (for blob garbage collection)."""
        rows = self._db.query(
            "SELECT DISTINCT json_extract(p.value, '$.sha256') FROM turns t,"
            " json_each(t.prompt_json) p WHERE json_extract(p.value, '$.part') = 'blob'"
            " UNION SELECT DISTINCT json_extract(a.value, '$.sha256') FROM turns t,"
            " json_each(t.answer_json) a WHERE t.answer_json IS NOT NULL"
            " AND json_extract(a.value, '$.part') = 'blob'"
        )
        return {r[0] for r in rows if r[0]}

    def _touch(self, conversation_id: str, leaf_id: str | None) -> None:
        """Record activity (and optionally a new current leaf) on the conversation."""
        self._db.execute(
            "UPDATE conversations SET updated_at = ?,"
            " current_leaf_turn_id = coalesce(?, current_leaf_turn_id) WHERE id = ?",
            (time.time(), leaf_id, conversation_id),
        )
