"""The fake model catalogue (spec §6): camelCase Model JSON and ``pageSize``/``pageToken`` paging."""

from __future__ import annotations

import copy
from typing import Any

_CHAT_METHODS = ["generateContent", "countTokens", "createCachedContent", "batchGenerateContent"]


def _model(
    name: str,
    display: str,
    description: str,
    *,
    version: str,
    thinking: bool,
    methods: list[str] | None = None,
    output_limit: int = 65536,
) -> dict[str, Any]:
    return {
        "name": f"models/{name}",
        "version": version,
        "displayName": display,
        "description": description,
        "inputTokenLimit": 1048576,
        "outputTokenLimit": output_limit,
        "supportedGenerationMethods": list(methods or _CHAT_METHODS),
        "temperature": 1.0,
        "topP": 0.95,
        "topK": 64,
        "maxTemperature": 2.0,
        "thinking": thinking,
    }


def default_models() -> list[dict[str, Any]]:
    """A small, realistic catalogue: four chat/image models and one embedding-only model."""
    return [
        _model("gemini-3-flash-preview", "Gemini 3 Flash Preview", "Fast and capable.", version="3.0", thinking=True),
        _model("gemini-3.1-pro-preview", "Gemini 3.1 Pro Preview", "Most capable.", version="3.1", thinking=True),
        _model("gemini-2.5-flash", "Gemini 2.5 Flash", "Fast, stable.", version="2.5", thinking=True),
        _model(
            "gemini-3.1-flash-image",
            "Gemini 3.1 Flash Image",
            "Generates images.",
            version="3.1",
            thinking=False,
            output_limit=32768,
        ),
        {
            "name": "models/text-embedding-004",
            "version": "004",
            "displayName": "Text Embedding 004",
            "description": "Embeddings.",
            "inputTokenLimit": 2048,
            "outputTokenLimit": 1,
            "supportedGenerationMethods": ["embedContent"],
        },
    ]


def list_page(
    models: list[dict[str, Any]], page_size: str | None, page_token: str | None, default_page_size: int = 50
) -> dict[str, Any]:
    """One page of ``models``; the token is the offset of the next page as a string."""
    try:
        size = int(page_size) if page_size else default_page_size
    except ValueError:
        size = default_page_size
    size = max(1, size)
    try:
        offset = int(page_token) if page_token else 0
    except ValueError:
        offset = 0
    page: dict[str, Any] = {"models": copy.deepcopy(models[offset : offset + size])}
    if offset + size < len(models):
        page["nextPageToken"] = str(offset + size)
    return page


def find_model(models: list[dict[str, Any]], name: str) -> dict[str, Any] | None:
    """The model called ``name`` (with or without the ``models/`` prefix)."""
    wanted = name if name.startswith("models/") else f"models/{name}"
    for model in models:
        if model.get("name") == wanted:
            return copy.deepcopy(model)
    return None
