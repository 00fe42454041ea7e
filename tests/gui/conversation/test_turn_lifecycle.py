"""Send, retry, regenerate and fetch-the-rest share one lifecycle: busy, run, report a failure, not busy."""

from __future__ import annotations

from tests.fake_api import ErrorReply, Stream, scenarios
from tests.gui.conftest import until
from tests.gui.harness import quit_app, send, start, turn


async def test_each_kind_of_turn_work_is_busy_then_reports_then_settles(qtbot, fake_server, app_paths, memory_keyring):
    window, app, task = await start(qtbot, fake_server, app_paths)
    conversation, tab = app.conversation, window.conversation_tab
    assert conversation is not None
    await turn(window, fake_server, "fine", scenarios.plain_text("v1_ok", ["Fine."]))
    answered = tab.transcript.turns()[-1]
    seen: list[tuple[object, ...]] = []
    conversation.busy_changed.connect(lambda busy: seen.append(("busy", busy)))
    conversation.turn_failed.connect(lambda error, prompt: seen.append(("failed", prompt)))
    conversation.conversations_changed.connect(lambda: seen.append(("listed",)))

    async def settled() -> list[tuple[object, ...]]:
        await until(lambda: ("busy", False) in seen, message="settled")
        assert not conversation.busy and tab.send_button.isEnabled() and not tab.stop_button.isEnabled()
        events = [e for e in seen if e != ("listed",)]
        assert seen[-1] == ("listed",)  # the sidebar refreshes however the work ended
        seen.clear()
        return events

    fake_server.push(ErrorReply(503, "unavailable", "Overloaded"))
    await send(window, "please work")
    # A failed send gives the prompt back, before Send is enabled again.
    assert await settled() == [("busy", True), ("failed", "please work"), ("busy", False)]
    failed = tab.transcript.turns()[-1]

    fake_server.push(ErrorReply(503, "unavailable", "Still overloaded"))
    conversation.on_retry_requested(failed.id)
    assert await settled() == [("busy", True), ("failed", "please work"), ("busy", False)]

    fake_server.push(ErrorReply(503, "unavailable", "Overloaded again"))
    conversation.on_regenerate_requested(failed.id)
    assert await settled() == [("busy", True), ("failed", ""), ("busy", False)]

    fake_server.push_route_error("interactions.get", ErrorReply(404, "not_found", "Gone."))
    conversation.on_fetch_rest_requested(answered.id)
    assert await settled() == [("busy", True), ("failed", ""), ("busy", False)]
    assert answered.note is None  # the "fetched" note is taken back when the fetch fails

    # And one that works: busy, then not busy, nothing reported.
    fake_server.push(Stream(scenarios.plain_text("v1_fine", ["Worked."])))
    conversation.on_regenerate_requested(failed.id)
    assert await settled() == [("busy", True), ("busy", False)]
    await quit_app(window, task)
