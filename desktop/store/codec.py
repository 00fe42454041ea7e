"""Mapping between domain objects and database rows (JSON columns, enums, reconciliation)."""

from __future__ import annotations

import json
from typing import Any

from desktop.domain.conversation import (
    BlobPart,
    Conversation,
    ConversationSettings,
    Part,
    TextPart,
    Turn,
    TurnStatus,
    part_from_dict,
    part_to_dict,
    parts_text,
)
from desktop.domain.function_calls import FunctionCallState
from desktop.domain.steps import sources_search_text
from desktop.store.database import Row


def dumps(value: Any) -> str:
    """Compact JSON that keeps non-ASCII text readable in the file."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def loads(text: str | None, default: Any) -> Any:
    """Parse a JSON column; NULL or damaged JSON gives ``default``."""
    if not text:
        return default
    try:
        return json.loads(text)
    except ValueError:
        return default


def conversation_from_row(row: Row) -> Conversation:
    """Build a ``Conversation`` from a ``conversations`` row."""
    return Conversation(
        id=row["id"],
        title=row["title"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        settings=ConversationSettings.from_json(row["settings_json"]),
        draft=row["draft"],
        current_leaf_turn_id=row["current_leaf_turn_id"],
    )


def answer_json(answer: list[Part]) -> str | None:
    """JSON for the answer parts, or NULL when plain text (``answer_text``) says it all."""
    if len(answer) <= 1 and all(isinstance(p, TextPart) for p in answer):
        return None
    return dumps([part_to_dict(p) for p in answer])


def reconcile_answer(stored_parts: str | None, answer_text: str) -> list[Part]:
    """Rebuild the answer from its saved parts and the (possibly newer) streamed text.

    Streaming progress only rewrites ``answer_text``; text that arrived after the parts were
    last saved in full is appended after them, which is where the stream put it.
    """
    if stored_parts is None:
        return [TextPart(answer_text)] if answer_text else []
    parts: list[Part] = [part_from_dict(d) for d in loads(stored_parts, [])]
    saved = parts_text(parts)
    if saved == answer_text:
        return parts
    if answer_text.startswith(saved):
        suffix = answer_text[len(saved) :]
        if parts and isinstance(parts[-1], TextPart):
            parts[-1] = TextPart(parts[-1].text + suffix)
        else:
            parts.append(TextPart(suffix))
        return parts
    blobs: list[Part] = [p for p in parts if isinstance(p, BlobPart)]
    return ([TextPart(answer_text)] if answer_text else []) + blobs


def turn_values(turn: Turn) -> dict[str, Any]:
    """Column values for a turn's row (everything except ``seq``)."""
    return {
        "id": turn.id,
        "conversation_id": turn.conversation_id,
        "parent_id": turn.parent_id,
        "prompt_json": dumps([part_to_dict(p) for p in turn.prompt]),
        "prompt_text": turn.prompt_text,
        "answer_json": answer_json(turn.answer),
        "answer_text": turn.answer_text,
        "thoughts": turn.thoughts,
        "model": turn.model,
        "interaction_id": turn.interaction_id,
        "previous_interaction_id": turn.previous_interaction_id,
        "status": TurnStatus(turn.status).value,
        "error": turn.error,
        "usage_json": None if turn.usage is None else dumps(turn.usage),
        "steps_json": dumps(turn.steps) if turn.steps else None,
        "sources_text": sources_search_text(turn.steps) if turn.steps else "",
        "created_at": turn.created_at,
        "updated_at": turn.updated_at,
        "note": turn.note,
        "output_schema_json": None if turn.output_schema is None else dumps(turn.output_schema),
        "last_event_id": turn.last_event_id,
        "tool_calls_json": dumps([c.to_dict() for c in turn.tool_calls]) if turn.tool_calls else None,
        "interaction_ids_json": dumps(turn.interaction_ids) if turn.interaction_ids else None,
    }


def turn_from_row(row: Row) -> Turn:
    """Build a ``Turn`` from a ``turns`` row."""
    try:
        status = TurnStatus(row["status"])
    except ValueError:
        status = TurnStatus.INTERRUPTED
    return Turn(
        id=row["id"],
        conversation_id=row["conversation_id"],
        parent_id=row["parent_id"],
        prompt=[part_from_dict(d) for d in loads(row["prompt_json"], [])],
        answer=reconcile_answer(row["answer_json"], row["answer_text"]),
        thoughts=row["thoughts"],
        model=row["model"],
        interaction_id=row["interaction_id"],
        previous_interaction_id=row["previous_interaction_id"],
        status=status,
        error=row["error"],
        usage=loads(row["usage_json"], None),
        steps=loads(row["steps_json"], []),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        note=row["note"],
        output_schema=_schema_of(row["output_schema_json"]),
        last_event_id=row["last_event_id"],
        tool_calls=_calls_of(row["tool_calls_json"]),
        interaction_ids=[str(i) for i in loads(row["interaction_ids_json"], []) if isinstance(i, str)],
    )


def _calls_of(text: str | None) -> list[FunctionCallState]:
    """Stored function calls of a turn; malformed entries are skipped."""
    value = loads(text, [])
    if not isinstance(value, list):
        return []
    return [FunctionCallState.from_dict(d) for d in value if isinstance(d, dict)]


def _schema_of(text: str | None) -> dict[str, Any] | None:
    """A stored output schema; anything that is not a JSON object counts as none (a prose answer)."""
    value = loads(text, None)
    return value if isinstance(value, dict) else None
