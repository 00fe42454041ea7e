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

from desktop import errors as app
from desktop.domain import retired
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
from desktop.domain.function_calls import paired_steps, unanswered_call_ids
from desktop.domain.tools import ToolRegistry, default_registry
from desktop.services.attachments.service import stored_block
from desktop.services.conversation import structured

log = logging.getLogger(__name__)

# Thinking levels offered in the settings bar ("" = the model's default); which ones a model accepts varies.
THINKING_LEVELS: tuple[str, ...] = ("minimal", "low", "medium", "high", "xhigh")

# The note (a key; the UI words it) put on a turn whose context was rebuilt from the local copy.
REBUILT_NOTE = "context-rebuilt"
# The note put on an interrupted turn whose rest was fetched from the server.
FETCHED_NOTE = "fetched-from-server"
# What a Continue sends after a cut-off answer (chained on it, so the model sees where it stopped).
CONTINUE_PROMPT = "Continue exactly where your previous answer stopped. Do not repeat anything already written."

BlobReader = Callable[[str], bytes]
# Blocks already prepared for a prompt's attachments (by content hash), so they are not read again.
PreparedBlocks = Mapping[str, dict[str, Any]]

# Inline bytes a replayed history may carry (base64 size); larger attachments keep their ``uri``.
REPLAY_INLINE_BUDGET = 15 * 1024 * 1024

# Aspect ratios and sizes offered for generated images ("" = the model's default).
IMAGE_ASPECT_RATIOS: tuple[str, ...] = ("1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9")
IMAGE_SIZES: tuple[str, ...] = ("1K", "2K", "4K")


def generation_config(settings: ConversationSettings) -> dict[str, Any]:
    """The ``generation_config`` for a conversation's settings (sent on every turn)."""
    config: dict[str, Any] = {"thinking_summaries": "auto" if settings.thought_summaries else "none"}
    if settings.thinking_level:
        config["thinking_level"] = settings.thinking_level
    if settings.max_output_tokens:
        config["max_output_tokens"] = int(settings.max_output_tokens)
    if settings.tool_choice:
        # Inside generation_config: a top-level tool_choice is refused by the server.
        config["tool_choice"] = settings.tool_choice
    # The API deprecates temperature: sent only when the user set one (Advanced).
    if settings.temperature is not None:
        config["temperature"] = float(settings.temperature)
    return config


def response_format(settings: ConversationSettings) -> dict[str, Any] | list[dict[str, Any]] | None:
    """The ``response_format``: JSON mode with its schema, image options, both, or None (not sent).

    The current API's image entry (``{"type": "image", "aspect_ratio", "image_size"}``), never
    the deprecated ``generation_config.image_config``.
    """
    image = _image_format(settings)
    if settings.structured_output:
        json_format = structured.response_format(settings.response_schema)
        return json_format if image is None else [json_format, image]
    return None if image is None else [{"type": "text"}, image]


def check_settings(settings: ConversationSettings, registry: ToolRegistry | None = None) -> None:
    """Refuse settings that cannot be sent, before anything is: raises ``InvalidRequestError``.

    An invalid JSON Schema raises ``structured.InvalidSchemaError`` (its message says where).
    """
    if settings.structured_output and settings.response_schema is not None:
        structured.check_schema(settings.response_schema)
    problems = (registry or default_registry()).problems(settings)
    if problems:
        raise app.InvalidRequestError(problems[0])


def _image_format(settings: ConversationSettings) -> dict[str, Any] | None:
    image: dict[str, Any] = {"type": "image"}
    if settings.image_aspect_ratio:
        image["aspect_ratio"] = settings.image_aspect_ratio
    if settings.image_size:
        image["image_size"] = settings.image_size
    return None if len(image) == 1 else image


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
    # A refused answer never existed on the server, and sending it back would repeat what was blocked.
    return [
        t
        for t in path
        if t.status is not TurnStatus.REFUSED
        and not (t.status is TurnStatus.FAILED and not t.answer_text and not t.steps)
    ]


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
    if last.waits_for_calls or unanswered_call_ids(last.steps):
        # The server would refuse a turn chained on an interaction still waiting for function results.
        return None
    # A cut-off answer is stored on the server as the user saw it: chaining on it is safe.
    if last.status in (TurnStatus.COMPLETED, TurnStatus.INCOMPLETE) and last.interaction_id:
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


def plan_turn(  # noqa: PLR0913 - the parts of a turn the request is built from
    settings: ConversationSettings,
    prompt: Sequence[Part],
    history: Sequence[Turn],
    *,
    read_blob: BlobReader | None = None,
    prepared: PreparedBlocks | None = None,
    force_stateless: bool = False,
    tools: list[dict[str, Any]] | None = None,
    replay_budget: int = REPLAY_INLINE_BUDGET,
    registry: ToolRegistry | None = None,
) -> TurnPlan:
    """Build the request for ``prompt`` following ``history`` (the branch up to its parent).

    ``tools`` overrides the declarations the ``registry`` (default: the built-in tools) makes from
    the settings. Raises ``InvalidRequestError`` for settings that cannot be sent (``check_settings``);
    a retired model is never sent (its replacement is). Blocking when attachments must be read
    from ``read_blob``: run it off the GUI thread.
    """
    registry = registry or default_registry()
    check_settings(settings, registry)
    if tools is None:
        tools = registry.declarations(settings)
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
        model=retired.resolve(settings.model)[0],
        previous_interaction_id=previous,
        system_instruction=settings.system_instruction.strip() or None,
        tools=tools or None,
        generation_config=generation_config(settings),
        response_format=response_format(settings),
        store=store,
    )
    return TurnPlan(request, stateless)


def results_request(
    settings: ConversationSettings,
    turn: Turn,
    history: Sequence[Turn],
    results: list[dict[str, Any]],
    turn_steps: list[dict[str, Any]],
    *,
    registry: ToolRegistry | None = None,
    read_blob: BlobReader | None = None,
    final: bool = False,
) -> TurnRequest:
    """The request carrying a round's ``function_result`` steps, with the tools declared again.

    Chained with ``previous_interaction_id`` on the interaction that asked when the conversation
    is kept on the server; otherwise the whole context is replayed: the history, the turn's
    prompt and its steps so far (``turn_steps``, results included; every call paired with a
    result). ``final``: the round limit was reached, so the model is asked to answer without
    calling tools (``tool_choice: none``). Blocking when attachments are read: off the GUI thread.
    """
    registry = registry or default_registry()
    config = generation_config(settings)
    if final:
        config["tool_choice"] = "none"
    turn_input: Any
    previous: str | None = None
    if settings.store_on_server and turn.interaction_id:
        turn_input, previous = list(results), turn.interaction_id
    else:
        resolve = blob_resolver(read_blob)
        steps = replay_steps(replayable(history), resolve)
        steps.append(user_input_step(turn.prompt, resolve))
        steps.extend(paired_steps(turn_steps, turn.tool_calls))
        turn_input = steps
    return TurnRequest(
        input=turn_input,
        model=retired.resolve(settings.model)[0],
        previous_interaction_id=previous,
        system_instruction=settings.system_instruction.strip() or None,
        tools=registry.declarations(settings) or None,
        generation_config=config,
        response_format=response_format(settings),
        store=settings.store_on_server,
    )


def continue_request(
    settings: ConversationSettings, turn: Turn, tools: list[dict[str, Any]] | None = None
) -> TurnRequest:
    """The request that continues ``turn``'s cut-off answer: chained on its interaction.

    Raises ``ValueError`` when the turn has no interaction to chain on.
    """
    if not turn.interaction_id:
        raise ValueError("a turn without an interaction cannot be continued")
    return TurnRequest(
        input=CONTINUE_PROMPT,
        model=settings.model,
        previous_interaction_id=turn.interaction_id,
        system_instruction=settings.system_instruction.strip() or None,
        tools=tools or None,
        generation_config=generation_config(settings),
        response_format=response_format(settings),
        store=True,
    )


def prompt_input(prompt: Sequence[Part], resolve: Callable[[BlobPart], dict[str, Any] | None]) -> Any:
    """The ``input`` for a chained turn: plain text when there are no attachments."""
    if all(isinstance(p, TextPart) for p in prompt):
        return "".join(p.text for p in prompt if isinstance(p, TextPart))
    return [user_input_step(prompt, resolve)]
