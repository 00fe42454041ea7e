"""Tools, tool choice, structured output, answer length and retired models, driven as a user would.

The whole app runs against the fake server; assertions are on what the server received, what the
window shows and what the database holds.
"""

from __future__ import annotations

import json

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QCheckBox, QGroupBox, QWidget

from desktop.domain.conversation import Conversation, ConversationSettings
from desktop.ui.conversation import settings_bar as settings_bar_module
from desktop.ui.dialogs import store_picker
from tests.fake_api import scenarios
from tests.fake_api.models import _model
from tests.gui.conftest import until
from tests.gui.harness import ENV, boot, menu_action, quit_app, send, start, turn, widgets

TOOL_NAMES = ["Google Search", "URL context", "Code execution", "Google Maps", "File Search"]
SCHEMA = {
    "type": "object",
    "properties": {"label": {"type": "string", "enum": ["positive", "negative"]}},
    "required": ["label"],
}


def by_name(root: QWidget, cls: type, name: str) -> QWidget:
    found = [w for w in root.findChildren(cls) if w.accessibleName() == name]
    assert len(found) == 1, f"{name!r}: {len(found)} found"
    return found[0]


async def test_tools_are_chosen_in_the_panel_or_the_menu_stored_and_resent(
    qtbot, fake_server, app_paths, memory_keyring
):
    window, app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    bar = tab.settings_bar
    tools = by_name(window, QGroupBox, "Tools")
    boxes = {name: by_name(tools, QCheckBox, name) for name in TOOL_NAMES}
    assert bar.summary_label.text().startswith("No tools")
    boxes["Google Search"].click()
    menu_action(window, "Conversation", "Tools", "Code execution").trigger()  # the menu bar does the same
    assert boxes["Code execution"].isChecked()
    assert menu_action(window, "Conversation", "Tools", "Google Search").isChecked()
    menu_action(window, "Conversation", "Tools", "Tool choice", "Any").trigger()
    assert bar.tool_choice_combo.currentData() == "any"
    menu_action(window, "Conversation", "Max output tokens", "1024").trigger()
    menu_action(window, "Conversation", "Thinking level", "extra high").trigger()
    assert "Tools: Search · Code" in bar.summary_label.text() and "1024" in bar.summary_label.text()

    await turn(window, fake_server, "first", scenarios.plain_text("v1_t1", ["one"]))
    await turn(window, fake_server, "second", scenarios.plain_text("v1_t2", ["two"]))
    for request in fake_server.interaction_requests()[-2:]:
        body = request.json
        assert body["tools"] == [{"type": "google_search"}, {"type": "code_execution"}]
        assert body["generation_config"] == {
            "thinking_summaries": "auto",
            "thinking_level": "xhigh",
            "max_output_tokens": 1024,
            "tool_choice": "any",
        }
    conversation_id = app.conversation.current_id
    stored = app.storage.conversations.get(conversation_id).settings
    assert stored.tools == ["google_search", "code_execution"] and stored.tool_choice == "any"

    # Another conversation starts from the defaults; coming back shows the stored choice again.
    window.new_action.trigger()
    await until(lambda: not boxes["Google Search"].isChecked(), message="new conversation")
    assert not menu_action(window, "Conversation", "Tools", "Code execution").isChecked()
    tab.sidebar.open_requested.emit(conversation_id)
    await until(boxes["Google Search"].isChecked, message="reopened")
    assert menu_action(window, "Conversation", "Tools", "Code execution").isChecked()
    await quit_app(window, task)


async def test_file_search_asks_for_stores_and_sends_their_names(
    qtbot, fake_server, app_paths, memory_keyring, monkeypatch
):
    store = fake_server.file_search.add_store("Manuals")
    asked: list[list[str]] = []

    def pick(parent, stores, chosen):
        asked.append([s.label for s in stores])
        return [stores[0].name]

    monkeypatch.setattr(store_picker, "ask_stores", pick)
    window, _app, task = await start(qtbot, fake_server, app_paths)
    bar = window.conversation_tab.settings_bar
    by_name(window, QCheckBox, "File Search").click()
    await until(lambda: bar.settings().file_search_stores == [store.name], message="stores chosen")
    assert asked == [["Manuals"]]
    await turn(window, fake_server, "search my manuals", scenarios.plain_text("v1_fs", ["found"]))
    body = fake_server.interaction_requests()[-1].json
    assert body["tools"] == [{"type": "file_search", "file_search_store_names": [store.name]}]
    await quit_app(window, task)


async def test_structured_output_sends_the_schema_and_shows_checked_json(
    qtbot, fake_server, app_paths, memory_keyring, monkeypatch
):
    monkeypatch.setattr(settings_bar_module, "ask_schema", lambda parent, schema: SCHEMA)
    window, app, task = await start(qtbot, fake_server, app_paths)
    bar = window.conversation_tab.settings_bar
    control = by_name(window, QCheckBox, "Structured output")
    control.click()
    assert menu_action(window, "Conversation", "Structured output").isChecked()
    await turn(window, fake_server, "classify: great!", scenarios.plain_text("v1_j1", ['{"label": ', '"positive"}']))
    body = fake_server.interaction_requests()[-1].json
    assert body["response_format"] == {"type": "text", "mime_type": "application/json", "schema": SCHEMA}
    view = widgets(window)[-1].json_view
    assert view is not None and view.isVisible()
    assert view.mark_label.text() == "✓ Valid" and view.error_label.text() == ""
    assert view.tree.topLevelItem(0).text(0) == "label" and view.tree.topLevelItem(0).text(1) == '"positive"'
    view.copy_button.click()
    assert json.loads(QGuiApplication.clipboard().text()) == {"label": "positive"}

    await turn(window, fake_server, "and this?", scenarios.plain_text("v1_j2", ['{"label": "meh"}']))
    view = widgets(window)[-1].json_view
    assert view.mark_label.text() == "✗ Invalid"
    assert view.error_label.text().startswith("label: 'meh' is not one of")
    stored = app.storage.conversations.get(app.conversation.current_id).settings
    assert stored.structured_output and stored.response_schema == SCHEMA
    assert bar.summary_label.text().endswith("JSON")

    # Switching JSON mode off: the next answer is prose; the earlier ones stay checked JSON.
    menu_action(window, "Conversation", "Structured output").trigger()
    assert not control.isChecked()
    await turn(window, fake_server, "now in words", scenarios.plain_text("v1_j3", ["It is positive."]))
    assert "response_format" not in fake_server.interaction_requests()[-1].json
    assert widgets(window)[-1].json_view is None
    assert widgets(window)[0].json_view.mark_label.text() == "✓ Valid"
    await quit_app(window, task)

    # After a restart each answer is shown as it was asked.
    window, app, task = await start(qtbot, fake_server, app_paths)
    await until(lambda: len(widgets(window)) == 3, message="reopened")
    shown = widgets(window)
    assert shown[0].json_view.mark_label.text() == "✓ Valid" and shown[1].json_view.mark_label.text() == "✗ Invalid"
    assert shown[2].json_view is None and "It is positive." in shown[2].answer_view.toPlainText()
    await quit_app(window, task)


async def test_an_invalid_schema_is_refused_before_sending_and_the_prompt_kept(
    qtbot, fake_server, app_paths, memory_keyring, monkeypatch
):
    bad = {"type": "object", "properties": {"n": {"type": "integer", "minimum": "zero"}}}
    monkeypatch.setattr(settings_bar_module, "ask_schema", lambda parent, schema: bad)
    window, _app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    by_name(window, QCheckBox, "Structured output").click()
    await send(window, "count things")
    await until(lambda: "Invalid JSON Schema" in tab.status_label.text(), message="refused")
    assert "properties → n → minimum" in tab.status_label.text()
    assert tab.composer.toPlainText() == "count things"
    assert fake_server.interaction_requests() == []
    await quit_app(window, task)


async def test_retired_models_are_never_offered_and_a_stored_one_is_replaced_with_a_note(
    qtbot, fake_server, app_paths, memory_keyring
):
    fake_server.models.append(_model("gemini-2.0-flash", "Gemini 2.0 Flash", "Old.", version="2.0", thinking=False))
    fake_server.models.append(_model("gemini-1.5-pro", "Gemini 1.5 Pro", "Old.", version="1.5", thinking=False))
    window, app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    combo = tab.settings_bar.model_combo
    # The SDK, and with it the models list, is loaded at the first keystroke (not at start).
    window.conversation_tab.composer.setPlainText("h")
    await until(lambda: combo.findData("gemini-3.1-pro-preview") >= 0, message="models listed")
    assert combo.findData("gemini-2.0-flash") < 0 and combo.findData("gemini-1.5-pro") < 0

    old = Conversation.new("Old chat", ConversationSettings(model="gemini-1.5-pro"))
    app.storage.conversations.insert(old)
    tab.sidebar.open_requested.emit(old.id)
    note = "gemini-1.5-pro is retired; this conversation now uses gemini-3.1-pro-preview"
    await until(lambda: tab.status_label.text() == note, message="note shown")
    assert combo.currentData() == "gemini-3.1-pro-preview"
    await until(
        lambda: app.storage.conversations.get(old.id).settings.model == "gemini-3.1-pro-preview", message="saved"
    )
    await turn(window, fake_server, "hello again", scenarios.plain_text("v1_r", ["hi"]))
    assert fake_server.interaction_requests()[-1].json["model"] == "gemini-3.1-pro-preview"
    await quit_app(window, task)


async def test_a_retired_model_from_the_environment_is_replaced(qtbot, fake_server, app_paths, memory_keyring):
    window, app, task = await boot(qtbot, fake_server, app_paths, {**ENV, "GEMINI_DESKTOP_MODEL": "gemini-2.0-flash"})
    tab = window.conversation_tab
    await until(lambda: window.connection_label.text() == "Ready", message="ready")
    assert app.conversation.default_settings.model == "gemini-3-flash-preview"
    await until(lambda: "gemini-2.0-flash is retired" in tab.status_label.text(), message="note")
    await turn(window, fake_server, "hi", scenarios.plain_text("v1_env", ["hey"]))
    assert fake_server.interaction_requests()[-1].json["model"] == "gemini-3-flash-preview"
    await quit_app(window, task)


async def test_preferences_give_new_conversations_their_tools(qtbot, fake_server, app_paths, memory_keyring):
    from desktop.settings import Settings

    prefs = Settings(app_paths.settings_file, environ={})
    prefs.set("default_tool_url_context", True)
    prefs.set("default_tool_choice", "auto")
    prefs.set("default_model", "gemini-1.5-flash")
    window, _app, task = await start(qtbot, fake_server, app_paths)
    await turn(window, fake_server, "read https://example.com", scenarios.plain_text("v1_p", ["read"]))
    body = fake_server.interaction_requests()[-1].json
    assert body["tools"] == [{"type": "url_context"}] and body["generation_config"]["tool_choice"] == "auto"
    assert body["model"] == "gemini-3-flash-preview"
    assert Settings(app_paths.settings_file, environ={}).get("default_model") == "gemini-3-flash-preview"
    await quit_app(window, task)


async def test_a_retired_model_on_the_command_line_is_replaced(qtbot, fake_server, app_paths, memory_keyring):
    from desktop.launch import take_option

    argv = ["gemini-desktop", "--model", "gemini-1.5-pro-002", "-style", "fusion"]
    model = take_option(argv, "--model")
    assert model == "gemini-1.5-pro-002" and argv == ["gemini-desktop", "-style", "fusion"]
    assert take_option(["x", "--model=gemini-2.5-pro"], "--model") == "gemini-2.5-pro"
    window, _app, task = await start(qtbot, fake_server, app_paths, model=model)
    note = "gemini-1.5-pro-002 is retired; this conversation now uses gemini-3.1-pro-preview"
    await until(lambda: window.conversation_tab.status_label.text() == note, message="note")
    await turn(window, fake_server, "hi", scenarios.plain_text("v1_cli", ["hey"]))
    assert fake_server.interaction_requests()[-1].json["model"] == "gemini-3.1-pro-preview"
    await quit_app(window, task)


async def test_the_run_settings_panel_collapses_and_is_remembered(qtbot, fake_server, app_paths, memory_keyring):
    window, _app, task = await start(qtbot, fake_server, app_paths)
    bar = window.conversation_tab.settings_bar
    assert bar.panel.isVisible()
    menu_action(window, "Conversation", "Run settings panel").trigger()
    assert not bar.panel.isVisible() and not bar.panel_button.isChecked()
    await quit_app(window, task)
    window2, _app2, task2 = await start(qtbot, fake_server, app_paths)
    assert not window2.conversation_tab.settings_bar.panel.isVisible()
    window2.conversation_tab.settings_bar.panel_button.click()
    assert window2.conversation_tab.settings_bar.panel.isVisible()
    await quit_app(window2, task2)
