"""Building the Interactions request for one conversation turn (no Qt, no I/O).

Tools, system instruction and generation config are interaction-scoped on the server, so every
turn carries them again. A turn chains on the server with ``previous_interaction_id`` of the turn
before it, unless the conversation is not kept on the server (``store=false``) or the chain cannot
be trusted (an earlier turn was stopped or interrupted, or the server forgot it): then the local
copy of the history is sent as steps in ``input`` ("stateless replay").
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Mapping, Sequence
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
from desktop.services.attachments.service import stored_block

log = logging.getLogger(__name__)

#: Thinking levels offered in the settings bar ("" = the model's default).
THINKING_LEVELS: tuple[str, ...] = ("minimal", "low", "medium", "high")

#: The note (a key; the UI words it) put on a turn whose context was rebuilt from the local copy.
REBUILT_NOTE = "context-rebuilt"
#: The note put on an interrupted turn whose rest was fetched from the server.
FETCHED_NOTE = "fetched-from-server"

BlobReader = Callable[[str], bytes]
#: Blocks already prepared for a prompt's attachments (by content hash), so they are not read again.
PreparedBlocks = Mapping[str, dict[str, Any]]

#: Inline bytes a replayed history may carry (base64 size); larger attachments keep their ``uri``.
REPLAY_INLINE_BUDGET = 15 * 1024 * 1024

#: Aspect ratios and sizes offered for generated images ("" = the model's default).
IMAGE_ASPECT_RATIOS: tuple[str, ...] = ("1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9")
IMAGE_SIZES: tuple[str, ...] = ("1K", "2K", "4K")


def generation_config(settings: ConversationSettings) -> dict[str, Any]:
    """The ``generation_config`` for a conversation's settings (sent on every turn)."""
    config: dict[str, Any] = {"thinking_summaries": "auto" if settings.thought_summaries else "none"}
    if settings.thinking_level:
        config["thinking_level"] = settings.thinking_level
    if settings.temperature is not None:
        config["temperature"] = float(settings.temperature)
    return config


def response_format(settings: ConversationSettings) -> list[dict[str, Any]] | None:
    """The multimodal ``response_format`` when the user chose image options, else None (not sent).

    The current API's image entry (``{"type": "image", "aspect_ratio", "image_size"}``), never
    the deprecated ``generation_config.image_config``.
    """
    image: dict[str, Any] = {"type": "image"}
    if settings.image_aspect_ratio:
        image["aspect_ratio"] = settings.image_aspect_ratio
    if settings.image_size:
        image["image_size"] = settings.image_size
    if len(image) == 1:
        return None
    return [{"type": "text"}, image]


def blob_resolver(
    read: BlobReader | None, prepared: PreparedBlocks | None = None
) -> Callable[[BlobPart], dict[str, Any] | None]:
    """A resolver that inlines local attachment bytes (text files as text, media as base64 blocks).

    ``prepared`` blocks (the composer's, already encoded) are used first. Reading is blocking:
    call the resolver off the GUI thread (``plan_turn`` runs on an I/O thread).
    """

    def resolve(part: BlobPart) -> dict[str, Any] | None:
        if prepared is not None and part.sha256 in prepared:
            return dict(prepared[part.sha256])
        if read is None:
            return None
        try:
            data = read(part.sha256)
        except (OSError, ValueError, KeyError):
            log.warning("attachment %s is missing locally", part.sha256[:12])
            return None
        return stored_block(part, data)

    return resolve


def local_first(parts: Sequence[Part], budget: list[int]) -> list[Part]:
    """Parts with their Files API ``uri`` dropped where the local copy fits ``budget[0]`` bytes.

    A replayed history is sent because the server forgot something; its uploads may be gone too
    (they expire after 48 h), so small attachments travel from the local blob store again.
    """
    out: list[Part] = []
    for part in parts:
        if isinstance(part, BlobPart) and part.uri:
            cost = 4 * ((part.size + 2) // 3)
            if part.size and cost <= budget[0]:
                budget[0] -= cost
                out.append(dataclasses.replace(part, uri=None))
                continue
        out.append(part)
    return out


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
    prepared: PreparedBlocks | None = None,
    force_stateless: bool = False,
    tools: list[dict[str, Any]] | None = None,
    replay_budget: int = REPLAY_INLINE_BUDGET,
) -> TurnPlan:
    """Build the request for ``prompt`` following ``history`` (the branch up to its parent).

    Blocking when attachments must be read from ``read_blob``: run it off the GUI thread.
    """
    resolve = blob_resolver(read_blob, prepared)
    store = settings.store_on_server
    previous = chain_point(history) if store else None
    if previous is None and store and not history:
        previous = settings.continues_interaction_id or None
    stateless = force_stateless or not store or (previous is None and bool(replayable(history)))
    if stateless:
        budget = [replay_budget]
        turns = [dataclasses.replace(t, prompt=local_first(t.prompt, budget)) for t in replayable(history)]
        steps = replay_steps(turns, resolve)
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
        response_format=response_format(settings),
        store=store,
    )
    return TurnPlan(request, stateless)


def prompt_input(prompt: Sequence[Part], resolve: Callable[[BlobPart], dict[str, Any] | None]) -> Any:
    """The ``input`` for a chained turn: plain text when there are no attachments."""
    if all(isinstance(p, TextPart) for p in prompt):
        return "".join(p.text for p in prompt if isinstance(p, TextPart))
    return [user_input_step(prompt, resolve)]
