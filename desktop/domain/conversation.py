"""Conversations, turns and content parts: the app's own chat model (pure data, no I/O).

A conversation is a tree of turns: each turn follows ``parent_id`` (``None`` for the first
turn), and several turns sharing a parent are alternative branches (edits/regenerations).
The conversation remembers which leaf is shown; ``branch_path`` walks from the root to it.
``replay_steps`` turns such a path back into Interactions API wire steps so a context can be
rebuilt statelessly when the server no longer holds it.
"""

from __future__ import annotations

import copy
import json
import re
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum
from typing import Any, Literal, TypeAlias

from desktop.domain.function_calls import FunctionCallState, paired_steps
from desktop.domain.steps import Block, blocks_from_steps, text_of
from desktop.domain.steps import TextBlock as StepText

DEFAULT_MODEL = "gemini-3-flash-preview"
DEFAULT_TITLE = "New conversation"
TITLE_MAX_CHARS = 48


def new_id() -> str:
    """Return a fresh random identifier (uuid4 hex, 32 characters)."""
    return uuid.uuid4().hex


class TurnStatus(StrEnum):
    """Life cycle of one turn; the value is what the database stores."""

    PENDING = "pending"
    STREAMING = "streaming"
    COMPLETED = "completed"
    STOPPED = "stopped"
    FAILED = "failed"
    INTERRUPTED = "interrupted"
    # Cut off by the server (``incomplete``, typically the output limit): it can be continued.
    INCOMPLETE = "incomplete"
    # Stopped before any completion and not kept by the server (it may have been blocked).
    REFUSED = "refused"
    # The model asked for function calls: waiting for the user's approval, the tools or the results' POST.
    AWAITING = "requires_action"

    @property
    def is_active(self) -> bool:
        """True while the answer may still grow (the request has not settled)."""
        return self in (TurnStatus.PENDING, TurnStatus.STREAMING)


BlobKind: TypeAlias = Literal["image", "audio", "video", "document", "text"]


@dataclass(frozen=True, slots=True)
class TextPart:
    """A run of text typed by the user or produced by the model."""

    text: str


@dataclass(frozen=True, slots=True)
class BlobPart:
    """An attachment; its bytes live in the blob store under ``sha256``.

    ``uri`` is set once the file has been uploaded to the Files API (it expires there after
    ~48 h, so replay falls back to the local bytes when it is gone).
    """

    kind: BlobKind
    mime_type: str
    sha256: str
    name: str = ""
    size: int = 0
    uri: str | None = None


Part: TypeAlias = TextPart | BlobPart


def part_to_dict(part: Part) -> dict[str, Any]:
    """Serialise a part to a plain JSON-able dict tagged with ``"part"``."""
    if isinstance(part, TextPart):
        return {"part": "text", "text": part.text}
    data = asdict(part)
    data["part"] = "blob"
    return data


def part_from_dict(data: Mapping[str, Any]) -> Part:
    """Inverse of ``part_to_dict``; unknown keys are ignored."""
    if data.get("part") == "blob":
        return BlobPart(
            kind=data.get("kind", "document"),
            mime_type=str(data.get("mime_type", "application/octet-stream")),
            sha256=str(data.get("sha256", "")),
            name=str(data.get("name", "")),
            size=int(data.get("size") or 0),
            uri=data.get("uri"),
        )
    return TextPart(str(data.get("text", "")))


def parts_text(parts: Iterable[Part]) -> str:
    """Concatenate the text parts (attachments contribute nothing)."""
    return "".join(p.text for p in parts if isinstance(p, TextPart))


@dataclass(slots=True)
class ConversationSettings:
    """Per-conversation request options, persisted as JSON."""

    model: str = DEFAULT_MODEL
    system_instruction: str = ""
    thinking_level: str | None = None
    thought_summaries: bool = True
    temperature: float | None = None
    store_on_server: bool = True
    image_aspect_ratio: str | None = None
    image_size: str | None = None
    # The interaction this conversation continues (e.g. a Deep Research run): its first turn
    # chains on it, so follow-up questions see the whole research context.
    continues_interaction_id: str | None = None
    # -- request options of the tools issue (see desktop.domain.tools / services.conversation.structured)
    # Ids of the tools switched on (``desktop.domain.tools``); re-sent with every turn.
    tools: list[str] = field(default_factory=list)
    # File Search store names (``fileSearchStores/...``) searched when File Search is on.
    file_search_stores: list[str] = field(default_factory=list)
    # ``generation_config.tool_choice`` (auto / any / none); None = not sent.
    tool_choice: str | None = None
    # ``generation_config.max_output_tokens``; None = the model's limit.
    max_output_tokens: int | None = None
    # JSON mode: answers follow ``response_schema`` (``response_format`` with a schema).
    structured_output: bool = False
    # The JSON Schema of structured answers (kept when JSON mode is switched off).
    response_schema: dict[str, Any] | None = None
    # Function names the user chose "Always allow" for in this conversation (the tool loop).
    always_allowed_tools: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the settings as a plain dict."""
        return asdict(self)

    def to_json(self) -> str:
        """Return the settings as a JSON string."""
        return json.dumps(self.to_dict(), sort_keys=True)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> ConversationSettings:
        """Build settings from a dict, ignoring unknown keys and wrongly typed values."""
        result = cls()
        if not isinstance(data, Mapping):
            return result
        for f in fields(cls):
            if f.name in data and _fits(f.name, data[f.name]):
                value = data[f.name]
                if f.name == "temperature" and value is not None:
                    value = float(value)
                setattr(result, f.name, copy.deepcopy(value))
        return result

    @classmethod
    def from_json(cls, text: str | bytes | Mapping[str, Any] | None) -> ConversationSettings:
        """Parse settings saved by any version; bad JSON yields the defaults."""
        if text is None or isinstance(text, Mapping):
            return cls.from_dict(text)
        try:
            return cls.from_dict(json.loads(text))
        except (ValueError, TypeError):
            return cls()


_SETTING_TYPES: dict[str, tuple[type, ...]] = {
    "model": (str,),
    "system_instruction": (str,),
    "thinking_level": (str, type(None)),
    "thought_summaries": (bool,),
    "temperature": (int, float, type(None)),
    "store_on_server": (bool,),
    "image_aspect_ratio": (str, type(None)),
    "image_size": (str, type(None)),
    "continues_interaction_id": (str, type(None)),
    "tools": (list,),
    "file_search_stores": (list,),
    "tool_choice": (str, type(None)),
    "max_output_tokens": (int, type(None)),
    "structured_output": (bool,),
    "response_schema": (dict, type(None)),
    "always_allowed_tools": (list,),
}


def _fits(name: str, value: Any) -> bool:
    # bool is an int subclass: reject it for the numeric options.
    if name in ("temperature", "max_output_tokens") and isinstance(value, bool):
        return False
    if name in ("tools", "file_search_stores", "always_allowed_tools"):
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, _SETTING_TYPES[name])


@dataclass(slots=True)
class Conversation:
    """A conversation's header: title, options, draft and the branch currently shown."""

    id: str
    title: str
    created_at: float
    updated_at: float
    settings: ConversationSettings = field(default_factory=ConversationSettings)
    draft: str = ""
    current_leaf_turn_id: str | None = None

    @classmethod
    def new(cls, title: str = DEFAULT_TITLE, settings: ConversationSettings | None = None) -> Conversation:
        """Create a conversation with a fresh id, stamped now."""
        now = time.time()
        return cls(new_id(), title, now, now, settings or ConversationSettings())


@dataclass(slots=True)
class Turn:
    """One prompt and the model's answer to it.

    ``steps`` holds the model's own wire steps as assembled from the stream (thought steps
    with their signatures, tool calls, model_output), so the context can be replayed verbatim.
    ``last_event_id`` is the id of the last stream event whose content ``answer`` and
    ``thoughts`` hold (saved together), so an interrupted answer resumes right after it.
    """

    id: str
    conversation_id: str
    parent_id: str | None
    prompt: list[Part] = field(default_factory=list)
    answer: list[Part] = field(default_factory=list)
    thoughts: str = ""
    model: str = DEFAULT_MODEL
    interaction_id: str | None = None
    previous_interaction_id: str | None = None
    status: TurnStatus = TurnStatus.PENDING
    error: str | None = None
    usage: dict[str, Any] | None = None
    steps: list[dict[str, Any]] = field(default_factory=list)
    created_at: float = 0.0
    updated_at: float = 0.0
    note: str | None = None
    # Structured output: the JSON Schema the answer was asked to follow (``{}``: JSON without a
    # schema; None: a prose answer). Set when the turn is sent.
    output_schema: dict[str, Any] | None = None
    last_event_id: str | None = None
    # Function calls the model asked for during this turn, with decisions and results (the tool loop).
    tool_calls: list[FunctionCallState] = field(default_factory=list)
    # Every interaction of the turn, in order (one per tool round); the last is what the next turn chains on.
    interaction_ids: list[str] = field(default_factory=list)

    @classmethod
    def new(
        cls,
        conversation_id: str,
        parent_id: str | None,
        prompt: list[Part],
        model: str = DEFAULT_MODEL,
    ) -> Turn:
        """Create a PENDING turn with a fresh id, stamped now."""
        now = time.time()
        return cls(new_id(), conversation_id, parent_id, list(prompt), model=model, created_at=now, updated_at=now)

    @property
    def prompt_text(self) -> str:
        """The prompt's text parts joined."""
        return parts_text(self.prompt)

    @property
    def answer_text(self) -> str:
        """The answer's text parts joined."""
        return parts_text(self.answer)

    @property
    def blocks(self) -> list[Block]:
        """The answer as ordered blocks, one per API step (see ``desktop.domain.steps``).

        Derived from ``steps`` (saved as each step completes); text that streamed after the last
        saved step, or a turn kept without steps, becomes a trailing text block.
        """
        blocks = blocks_from_steps(self.steps) if self.steps else []
        shown = text_of(blocks)
        answer = self.answer_text
        if answer != shown:
            if shown and answer.startswith(shown):
                blocks.append(StepText(answer[len(shown) :]))
            else:
                # The steps disagree with what was shown (an old or repaired row): the text wins.
                blocks = [b for b in blocks if not isinstance(b, StepText)] + ([StepText(answer)] if answer else [])
        return blocks

    @property
    def open_calls(self) -> list[FunctionCallState]:
        """Function calls not yet sent back to the model (waiting, running or done)."""
        return [c for c in self.tool_calls if c.state != "sent"]

    @property
    def waits_for_calls(self) -> bool:
        """Whether the last interaction of the turn still waits for function results."""
        return bool(self.open_calls) or self.status is TurnStatus.AWAITING


# --- titles -----------------------------------------------------------------------------

_FENCE = re.compile(r"^\s*(```|~~~)")
_MD_PREFIX = re.compile(r"^(\s*(#{1,6}|>|[-*+]|\d+[.)])\s+)+")
_SENTENCE_END = re.compile(r"(?<=[^\s.])([.!?…]+(?=\s|$)|[。！？])")


def title_from_prompt(text: str, max_chars: int = TITLE_MAX_CHARS) -> str:
    """Make a short local title from a prompt: its first sentence, cut on a word boundary."""
    line = ""
    in_fence = False
    for raw in text.splitlines():
        if _FENCE.match(raw):
            in_fence = not in_fence
            continue
        if not in_fence and raw.strip():
            line = raw
            break
    line = " ".join(_MD_PREFIX.sub("", line).split())
    match = _SENTENCE_END.search(line)
    if match:
        line = line[: match.end()]
    line = line.rstrip(".,;:…。").rstrip() or line.strip()
    if not line:
        return DEFAULT_TITLE
    if len(line) <= max_chars:
        return line
    cut = line[: max_chars - 1]
    space = cut.rfind(" ")
    if space >= max_chars // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "…"


# --- branches ---------------------------------------------------------------------------


def branch_path(turns: Iterable[Turn], leaf_id: str | None) -> list[Turn]:
    """Return the turns from the root down to ``leaf_id`` (empty if it is unknown)."""
    by_id = {t.id: t for t in turns}
    path: list[Turn] = []
    seen: set[str] = set()
    current = by_id.get(leaf_id) if leaf_id else None
    while current is not None and current.id not in seen:  # `seen` guards a corrupt cycle
        seen.add(current.id)
        path.append(current)
        current = by_id.get(current.parent_id) if current.parent_id else None
    path.reverse()
    return path


def children(turns: Iterable[Turn], parent_id: str | None) -> list[Turn]:
    """Return the turns following ``parent_id`` (``None``: the roots), oldest first."""
    return sorted((t for t in turns if t.parent_id == parent_id), key=lambda t: t.created_at)


def siblings(turns: Iterable[Turn], turn: Turn) -> list[Turn]:
    """Return the alternatives sharing ``turn``'s parent, ``turn`` included, oldest first.

    ``siblings(...).index(turn)`` is the position for the ‹ 1/2 › switcher.
    """
    return children((t for t in turns if t.conversation_id == turn.conversation_id), turn.parent_id)


def newest_leaf(turns: Iterable[Turn], turn_id: str) -> str:
    """Follow the newest child from ``turn_id`` down to a leaf and return that leaf's id.

    Used when switching to another sibling: the conversation then shows that branch's
    most recent continuation.
    """
    kids: dict[str | None, list[Turn]] = {}
    for t in turns:
        kids.setdefault(t.parent_id, []).append(t)
    current, seen = turn_id, {turn_id}
    while kids.get(current):
        current = max(kids[current], key=lambda t: t.created_at).id
        if current in seen:
            break
        seen.add(current)
    return current


# --- stateless replay -------------------------------------------------------------------

BlobResolver: TypeAlias = Callable[[BlobPart], "dict[str, Any] | None"]


def blob_block(part: BlobPart, resolve_blob: BlobResolver | None = None) -> dict[str, Any]:
    """Return the wire content block for an attachment.

    A Files API ``uri`` is used when present; otherwise ``resolve_blob`` must supply an
    inline block (``{"type", "data": <base64>, "mime_type"}``). If it cannot, a text block
    says the attachment is unavailable, so the model still knows something was attached.
    """
    if part.uri:
        # Text files have no uri-referenced "text" block on the wire; documents carry them.
        wire_type = "document" if part.kind == "text" else part.kind
        return {"type": wire_type, "mime_type": part.mime_type, "uri": part.uri}
    block = resolve_blob(part) if resolve_blob else None
    if block is not None:
        return block
    return {"type": "text", "text": f"[Attachment unavailable: {part.name or part.sha256[:12]}]"}


def user_input_step(parts: Iterable[Part], resolve_blob: BlobResolver | None = None) -> dict[str, Any]:
    """Build a ``user_input`` step from prompt parts."""
    content: list[dict[str, Any]] = []
    for part in parts:
        if isinstance(part, TextPart):
            if part.text:
                content.append({"type": "text", "text": part.text})
        else:
            content.append(blob_block(part, resolve_blob))
    return {"type": "user_input", "content": content}


def replay_steps(path: Iterable[Turn], resolve_blob: BlobResolver | None = None) -> list[dict[str, Any]]:
    """Build the stateless ``input`` (a list of wire steps) for a branch path.

    Each turn contributes its ``user_input`` step, then its recorded model steps verbatim
    (thought steps keep their signatures, which the API requires), or, for turns recorded
    without steps, a ``model_output`` step holding the answer text. Turns with neither
    steps nor answer text contribute only their prompt.
    """
    result: list[dict[str, Any]] = []
    for turn in path:
        step = user_input_step(turn.prompt, resolve_blob)
        if step["content"]:
            result.append(step)
        # Steps are saved as they complete, so a stopped or interrupted turn holds a partial list
        # (a thought without its signature, a call without its result): only a finished one, or one
        # whose function calls are known (paired with results below), is replayed verbatim; the
        # others send the text that was shown.
        verbatim = turn.status in (TurnStatus.COMPLETED, TurnStatus.AWAITING) or bool(turn.tool_calls)
        model_steps = [s for s in turn.steps if s.get("type") != "user_input"] if verbatim else []
        if model_steps:
            # A function call is never replayed without its result.
            result.extend(paired_steps(model_steps, turn.tool_calls))
        elif turn.answer_text:
            result.append({"type": "model_output", "content": [{"type": "text", "text": turn.answer_text}]})
    return result
