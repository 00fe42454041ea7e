"""Tool registry, retired models, structured output checks and the new conversation settings."""

from __future__ import annotations

import typing
from collections.abc import Sequence
from typing import Any

import pytest
from google.genai._gaos.types.interactions.model import Model

from desktop.domain import retired
from desktop.domain.api import FALLBACK_MODELS
from desktop.domain.conversation import ConversationSettings
from desktop.domain.tools import ToolOption, default_registry
from desktop.services.conversation import structured


def test_settings_keep_tool_and_output_options_across_a_round_trip() -> None:
    s = ConversationSettings(
        tools=["google_search", "file_search"],
        file_search_stores=["fileSearchStores/a"],
        tool_choice="none",
        max_output_tokens=100,
        structured_output=True,
        response_schema={"type": "object"},
    )
    back = ConversationSettings.from_json(s.to_json())
    assert back == s
    back.tools.append("url_context")
    assert s.tools == ["google_search", "file_search"]  # no shared lists
    broken = ConversationSettings.from_dict({"tools": "google_search", "max_output_tokens": True, "tool_choice": 3})
    assert broken.tools == [] and broken.max_output_tokens is None and broken.tool_choice is None
    assert ConversationSettings.from_dict({"tools": ["x", 1]}).tools == []


def test_the_registry_declares_enabled_tools_in_menu_order_and_skips_unknown_ones() -> None:
    registry = default_registry()
    assert [o.label for o in registry.options()] == [
        "Google Search",
        "URL context",
        "Code execution",
        "Google Maps",
        "File Search",
        # the local function tools (function-calling issue) follow Google's tools
        "Current time",
        "Read file",
        "List folder",
        "Open link",
        "Read clipboard",
    ]
    s = ConversationSettings(tools=["code_execution", "gone_tool", "google_search"])
    assert registry.declarations(s) == [{"type": "google_search"}, {"type": "code_execution"}]
    assert registry.summary(s.tools) == ["Search", "Code"]
    assert registry.problems(s) == []
    assert registry.problems(ConversationSettings(tools=["file_search"]))


def test_another_provider_adds_its_tools_to_the_same_registry() -> None:
    class Functions:
        def options(self) -> Sequence[ToolOption]:
            return [ToolOption("fn:weather", "Weather", "Weather", kind="function")]

        def declarations(self, enabled: Sequence[str], selection: Any) -> list[dict[str, Any]]:
            return [{"type": "function", "name": "weather"}] if "fn:weather" in enabled else []

        def problems(self, enabled: Sequence[str], selection: Any) -> list[str]:
            return []

    registry = default_registry()
    registry.register(Functions())
    s = ConversationSettings(tools=["fn:weather", "url_context"])
    assert registry.declarations(s) == [{"type": "url_context"}, {"type": "function", "name": "weather"}]
    assert registry.option("fn:weather").kind == "function"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        (
            "gemini-1.5-pro",
            ("gemini-3.1-pro-preview", "gemini-1.5-pro is retired; this conversation now uses gemini-3.1-pro-preview"),
        ),
        (
            "gemini-2.0-flash",
            (
                "gemini-3-flash-preview",
                "gemini-2.0-flash is retired; this conversation now uses gemini-3-flash-preview",
            ),
        ),
        ("gemini-3-flash-preview", ("gemini-3-flash-preview", None)),
        ("gemini-2.5-pro", ("gemini-2.5-pro", None)),
    ],
)
def test_retired_models_are_replaced_with_a_note(model: str, expected: tuple[str, str | None]) -> None:
    assert retired.resolve(model) == expected


def test_the_fallback_list_is_current_sdk_models_and_never_retired_ones() -> None:
    literals = set(typing.get_args(typing.get_args(Model)[0]))
    assert set(FALLBACK_MODELS) <= literals
    assert not [m for m in FALLBACK_MODELS if retired.is_retired(m)]
    assert {"gemini-3-flash-preview", "gemini-3.1-pro-preview", "gemini-3.8-flash", "gemini-4-argon"} <= set(
        FALLBACK_MODELS
    )
    assert retired.offered(["gemini-2.0-flash", "gemini-3-flash-preview"]) == ["gemini-3-flash-preview"]


def test_templates_are_valid_schemas_and_bad_ones_say_where() -> None:
    for schema in structured.TEMPLATES.values():
        structured.check_schema(schema)
    with pytest.raises(structured.InvalidSchemaError) as caught:
        structured.parse_schema('{"type": "object", "properties": {"n": {"type": "integer", "minimum": "0"}}}')
    assert caught.value.location == "properties → n → minimum"
    with pytest.raises(structured.InvalidSchemaError, match="line 1, column"):
        structured.parse_schema('{"type": ')
    with pytest.raises(structured.InvalidSchemaError):
        structured.check_schema({"type": "banana"})


def test_answers_are_checked_against_the_schema() -> None:
    schema = structured.TEMPLATES["Classification"]
    ok = structured.check_answer('{"label": "positive", "confidence": 0.9}', schema)
    assert ok.parsed and ok.valid and ok.value["label"] == "positive"
    bad = structured.check_answer('{"label": "angry"}', schema)
    assert bad.parsed and not bad.valid and bad.error.startswith("label: 'angry' is not one of")
    assert not structured.check_answer("Sure! Here", schema).parsed
    assert structured.check_answer("[1, 2]", None).valid
