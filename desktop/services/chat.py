"""Building the Interactions request for one conversation turn (no Qt, no I/O).

Tools, system instruction and generation config are interaction-scoped on the server, so every
turn carries them again. A turn chains on the server with ``previous_interaction_id`` of the turn
before it, unless the conversation is not kept on the server (``store=false``) or the chain cannot
be trusted (an earlier turn was stopped or interrupted, or the server forgot it): then the local
copy of the history is sent as steps in ``input`` ("stateless replay").
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from desktop.domain.api import TurnRequest
from desktop.domain.conversation import (
    BlobPart,
    ConversationSettings,
    Part,
    TextPart,
    Turn,
    TurnStatus,
    replay_steps,
    user_input_step,
)

log = logging.getLogger(__name__)

#: Thinking levels offered in the settings bar ("" = the model's default).
THINKING_LEVELS: tuple[str, ...] = ("minimal", "low", "medium", "high")

#: The note (a key; the UI words it) put on a turn whose context was rebuilt from the local copy.
REBUILT_NOTE = "context-rebuilt"
#: The note put on an interrupted turn whose rest was fetched from the server.
FETCHED_NOTE = "fetched-from-server"

BlobReader = Callable[[str], bytes]


def generation_config(settings: ConversationSettings) -> dict[str, Any]:
    """The ``generation_config`` for a conversation's settings (sent on every turn)."""
    config: dict[str, Any] = {"thinking_summaries": "auto" if settings.thought_summaries else "none"}
    if settings.thinking_level:
        config["thinking_level"] = settings.thinking_level
    if settings.temperature is not None:
        config["temperature"] = float(settings.temperature)
    return config


def blob_resolver(read: BlobReader | None) -> Callable[[BlobPart], dict[str, Any] | None]:
    """A resolver for ``replay_steps`` that inlines local attachment bytes as base64 blocks."""

    def resolve(part: BlobPart) -> dict[str, Any] | None:
        if read is None:
            return None
        try:
            data = read(part.sha256)
        except (OSError, ValueError, KeyError):
            log.warning("attachment %s is missing locally", part.sha256[:12])
            return None
        wire_type = "document" if part.kind == "text" else part.kind
        return {"type": wire_type, "mime_type": part.mime_type, "data": base64.b64encode(data).decode("ascii")}

    return resolve


def replayable(path: Sequence[Turn]) -> list[Turn]:
    """The turns of a history worth sending back: failed turns the model never answered are left out."""
    return [t for t in path if not (t.status is TurnStatus.FAILED and not t.answer_text and not t.steps)]


def chain_point(history: Sequence[Turn]) -> str | None:
    """The interaction to chain on, or None when the history must be replayed locally.

    ``history`` is the branch up to (and including) the parent of the new turn. The last turn
    that the model answered decides: chained when it completed with an id; replayed when it was
    stopped or interrupted (the server's copy may differ from what the user saw).
    """
    turns = replayable(history)
    if not turns:
        return None
    last = turns[-1]
    if last.status is TurnStatus.COMPLETED and last.interaction_id:
        return last.interaction_id
    return None


def needs_replay(history: Sequence[Turn]) -> bool:
    """Whether a stored conversation must send its history because the chain is broken."""
    return bool(replayable(history)) and chain_point(history) is None


@dataclass(frozen=True, slots=True)
class TurnPlan:
    """What to send for a turn: the request, and whether it replays the history locally."""

    request: TurnRequest
    stateless: bool


def plan_turn(
    settings: ConversationSettings,
    prompt: Sequence[Part],
    history: Sequence[Turn],
    *,
    read_blob: BlobReader | None = None,
    force_stateless: bool = False,
    tools: list[dict[str, Any]] | None = None,
) -> TurnPlan:
    """Build the request for ``prompt`` following ``history`` (the branch up to its parent)."""
    resolve = blob_resolver(read_blob)
    store = settings.store_on_server
    previous = chain_point(history) if store else None
    if previous is None and store and not history:
        previous = settings.continues_interaction_id or None
    stateless = force_stateless or not store or (previous is None and bool(replayable(history)))
    if stateless:
        steps = replay_steps(replayable(history), resolve)
        steps.append(user_input_step(prompt, resolve))
        turn_input: Any = steps
        previous = None
    else:
        turn_input = prompt_input(prompt, resolve)
    request = TurnRequest(
        input=turn_input,
        model=settings.model,
        previous_interaction_id=previous,
        system_instruction=settings.system_instruction.strip() or None,
        tools=tools or None,
        generation_config=generation_config(settings),
        store=store,
    )
    return TurnPlan(request, stateless)


def prompt_input(prompt: Sequence[Part], resolve: Callable[[BlobPart], dict[str, Any] | None]) -> Any:
    """The ``input`` for a chained turn: plain text when there are no attachments."""
    if all(isinstance(p, TextPart) for p in prompt):
        return "".join(p.text for p in prompt if isinstance(p, TextPart))
    return [user_input_step(prompt, resolve)]
