"""Retired model IDs: never offered, never sent (pure logic).

Product rule: ``gemini-2.0-*`` and ``gemini-1.5-*`` are retired. Wherever one is named (a saved
conversation, a preference, an environment variable, a command-line option) it is replaced by
``gemini-3-flash-preview``, or ``gemini-3.1-pro-preview`` for a ``-pro`` model, and the user is told.
"""

from __future__ import annotations

RETIRED_PREFIXES: tuple[str, ...] = ("gemini-2.0-", "gemini-1.5-")
FLASH_REPLACEMENT = "gemini-3-flash-preview"
PRO_REPLACEMENT = "gemini-3.1-pro-preview"


def _bare(model: str) -> str:
    return model.strip().removeprefix("models/")


def is_retired(model: str | None) -> bool:
    """Whether ``model`` (with or without ``models/``) is a retired ID."""
    return bool(model) and _bare(str(model)).lower().startswith(RETIRED_PREFIXES)


def replacement(model: str) -> str:
    """The model a retired ID is switched to (pro for a ``-pro`` ID, else flash)."""
    return PRO_REPLACEMENT if "-pro" in _bare(model).lower() else FLASH_REPLACEMENT


def resolve(model: str) -> tuple[str, str | None]:
    """``(model to use, note)``: the note is None unless ``model`` was retired and replaced."""
    if not is_retired(model):
        return model, None
    new = replacement(model)
    return new, retired_note(_bare(model), new)


def retired_note(old: str, new: str) -> str:
    """The sentence shown in the conversation, e.g. "gemini-1.5-pro is retired; this conversation now uses …"."""
    return f"{old} is retired; this conversation now uses {new}"


def offered(models: list[str]) -> list[str]:
    """``models`` without the retired ones (the picker never offers them)."""
    return [m for m in models if not is_retired(m)]
