"""The app's own types for talking to the Interactions API: requests, snapshots, models.

Plain data; the API service converts them to and from the SDK's classes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from desktop.domain.events import TERMINAL_STATUSES, Usage

DEFAULT_MODEL = "gemini-3-flash-preview"

# Shown in the model picker when the model list cannot be fetched (offline, bad key): the text and
# image generation models of the SDK's ``Model`` literal (google-genai 3.6.1), newest families first.
# Speech, music, video, robotics and Gemma models are left out; retired IDs are never listed.
FALLBACK_MODELS: tuple[str, ...] = (
    "gemini-3-flash-preview",
    "gemini-3.1-pro-preview",
    "gemini-3.1-pro-preview-customtools",
    "gemini-4-argon",
    "gemini-4-carbon",
    "gemini-4-hydrogen",
    "gemini-4-neon",
    "gemini-3.8-flash",
    "gemini-3.7-flash",
    "gemini-3.6-flash",
    "gemini-3.5-flash",
    "gemini-3.5-flash-lite",
    "gemini-3.1-flash-lite",
    "gemini-flash-latest",
    "gemini-flash-lite-latest",
    "gemini-pro-latest",
    "gemini-2.5-flash",
    "gemini-2.5-pro",
    "gemini-2.5-flash-lite",
    "gemini-3.1-flash-image",
    "gemini-3.1-flash-lite-image",
    "gemini-3-pro-image",
    "gemini-2.5-flash-image",
)

# Deep Research agents the SDK knows, newest first.
RESEARCH_AGENTS: tuple[str, ...] = (
    "deep-research-max-preview-04-2026",
    "deep-research-preview-04-2026",
    "deep-research-pro-preview-12-2025",
)


@dataclass(slots=True)
class TurnRequest:
    """One ``interactions.create`` call. ``None`` fields are not sent.

    Tools, system instruction and generation config are interaction-scoped on the server, so a
    conversation sends them again on every turn.
    """

    input: str | list[dict[str, Any]] | dict[str, Any]
    model: str | None = None
    agent: str | None = None
    agent_config: dict[str, Any] | None = None
    previous_interaction_id: str | None = None
    system_instruction: str | None = None
    tools: list[dict[str, Any]] | None = None
    generation_config: dict[str, Any] | None = None
    response_format: dict[str, Any] | list[dict[str, Any]] | None = None
    store: bool | None = None
    background: bool | None = None

    def to_params(self) -> dict[str, Any]:
        """The keyword arguments for ``interactions.create`` (unset fields dropped)."""
        params: dict[str, Any] = {"input": self.input}
        for name in (
            "model",
            "agent",
            "agent_config",
            "previous_interaction_id",
            "system_instruction",
            "tools",
            "generation_config",
            "response_format",
            "store",
            "background",
        ):
            value = getattr(self, name)
            if value is not None and value != "":
                params[name] = value
        return params


@dataclass(frozen=True, slots=True)
class InteractionSnapshot:
    """An interaction as ``get`` / ``cancel`` return it."""

    id: str
    status: str
    steps: tuple[dict[str, Any], ...] = ()
    usage: Usage = field(default_factory=Usage)
    errors: tuple[dict[str, Any], ...] = ()
    model: str | None = None
    agent: str | None = None
    output_text: str = ""

    @property
    def is_terminal(self) -> bool:
        """Whether the interaction will not change any more."""
        return self.status in TERMINAL_STATUSES


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """A model the picker can offer."""

    name: str
    display_name: str
    input_token_limit: int | None = None
    output_token_limit: int | None = None
    thinking: bool | None = None


@dataclass(frozen=True, slots=True)
class UploadedFile:
    """A file stored by the Files API; content blocks reference it by ``uri`` until it expires.

    ``state`` is ``PROCESSING`` (video being prepared), ``ACTIVE`` (usable) or ``FAILED``;
    ``expires_at`` is a Unix time (the server keeps files about 48 hours).
    """

    name: str
    uri: str
    mime_type: str
    size: int = 0
    state: str = "ACTIVE"
    expires_at: float | None = None

    @property
    def active(self) -> bool:
        """Whether the file can be used in a request now."""
        return self.state == "ACTIVE"
