""" "Fetch the rest" of an answer interrupted by quitting the app resumes after the last event the
saved answer holds: the transcript shows the whole answer once, and the server is asked only for
the rest (``last_event_id`` on the resume GET)."""

from __future__ import annotations

from desktop.domain.conversation import TurnStatus
from tests.fake_api import Stream, scenarios
from tests.gui.conftest import until
from tests.gui.harness import quit_app, send, start


async def test_fetch_the_rest_after_a_restart_resumes_from_the_saved_event(
    qtbot, fake_server, app_paths, memory_keyring
):
    window, app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    # created, status_update, step.start, "one ", "two " arrive; then the server goes quiet.
    fake_server.push(Stream(scenarios.plain_text("v1_cut", ["one ", "two ", "three ", "four"]), stall_after=5))
    await send(window, "Count to four")
    await until(lambda: "two" in tab.transcript.plain_text(), message="streaming")
    turn_id = tab.transcript.turns()[-1].id
    await until(lambda: app.storage.conversations.get_turn(turn_id).last_event_id == "v1_cut:5", message="saved")
    await quit_app(window, task)  # the user quits mid-answer

    window, app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    await until(lambda: tab.transcript.turns() and tab.transcript.turns()[-1].id == turn_id, message="reopened")
    assert tab.transcript.turns()[-1].status is TurnStatus.INTERRUPTED
    gets_before = len(fake_server.requests_for("interactions.get"))
    tab.transcript.fetch_requested.emit(turn_id)
    await until(lambda: tab.transcript.turns()[-1].status is TurnStatus.COMPLETED, message="fetched")
    resumes = [r for r in fake_server.requests_for("interactions.get")[gets_before:] if r.query.get("stream") == "true"]
    assert [r.query.get("last_event_id") for r in resumes] == ["v1_cut:5"]
    # The transcript renders streamed text on a timer: wait for it rather than read it at once.
    await until(lambda: "one two three four" in tab.transcript.plain_text(), message="shown")
    text = tab.transcript.plain_text()
    assert text.count("one two three four") == 1 and text.count("one") == 1
    stored = app.storage.conversations.get_turn(turn_id)
    assert stored.answer_text == "one two three four" and stored.status is TurnStatus.COMPLETED
    await quit_app(window, task)
