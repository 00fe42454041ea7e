"""A new prompt sent while approval cards wait: the model is told those calls were never answered, and
the cards say so instead of still offering Allow once / Always allow / Deny (answering one used to run
the tool afterwards and write an answer into the older turn, above the newer one)."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from desktop.domain.conversation import TurnStatus
from tests.fake_api import Stream, scenarios
from tests.gui.conftest import until
from tests.gui.harness import quit_app, send, start, turn


async def test_a_new_prompt_closes_the_waiting_cards(qtbot, fake_server, app_paths, memory_keyring):
    window, app, task = await start(qtbot, fake_server, app_paths)
    try:
        tab = window.conversation_tab
        tab.settings_bar.panel.tool_checks["local.current_time"].setChecked(True)
        fake_server.push(Stream(scenarios.parallel_function_calls("v1_w1", [("call_1", "current_time", ["{}"])])))
        await send(window, "What time is it?")
        await until(tab.transcript.turns, message="turn shown")
        first = tab.transcript.turns()[-1].id

        def card():
            widget = tab.transcript.widget_for(first)
            return widget.calls_view.cards.get("call_1") if widget is not None else None

        await until(card, message="approval card")
        await until(tab.send_button.isEnabled, message="waiting for the user")
        await turn(window, fake_server, "Never mind, tell me a joke", scenarios.plain_text("v1_w2", ["A joke."]))

        replay = fake_server.interaction_requests()[-1].json["input"]
        results = [s for s in replay if s.get("type") == "function_result"]
        assert [r["result"] for r in results] == ["This call was never answered."]
        stored = app.storage.conversations.turns(app.conversation.current_id)
        old = next(t for t in stored if t.id == first)
        assert old.status is not TurnStatus.AWAITING
        assert [(c.state, c.error) for c in old.tool_calls] == [("done", "This call was never answered.")]
        await until(lambda: not [b for b in card().findChildren(QPushButton) if not b.isHidden()], message="closed")
        assert card().state_label.text() == "Not answered: a newer prompt was sent instead."
        assert "asks to run" not in tab.transcript.plain_text()
        requests = len(fake_server.interaction_requests())
        card().decided.emit("call_1", "allow")  # a stale decision changes nothing
        assert len(fake_server.interaction_requests()) == requests
    finally:
        await quit_app(window, task)
