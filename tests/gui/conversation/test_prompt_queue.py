"""Prompts typed while an answer streams are queued under the composer (editable, removable, by
keyboard too) and sent in order when the answer before each ends, each chained on the previous."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.controllers.prompt_queue import PromptQueue
from desktop.domain.conversation import TextPart
from tests.attachment_samples import write
from tests.fake_api import Stream, scenarios
from tests.gui.attachments.attachment_helpers import drop_files
from tests.gui.conftest import until
from tests.gui.harness import quit_app, save_screenshot, send, start


async def test_prompts_typed_while_streaming_are_queued_and_sent_in_order(
    qtbot, fake_server, app_paths, memory_keyring, tmp_path
):
    window, app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    fake_server.push(
        # Long enough to queue three prompts while it streams, even on a busy machine.
        Stream(scenarios.plain_text("v1_q1", [f"part {i} " for i in range(20)]), frame_delay=0.3),
        Stream(scenarios.plain_text("v1_q2", ["Two."])),
        Stream(scenarios.plain_text("v1_q3", ["Three."])),
    )
    await send(window, "First question")
    await until(lambda: "part 0" in tab.transcript.plain_text(), message="streaming")

    drop_files(tab, [write(tmp_path, "notes.txt", b"Buy oat milk.\n")])
    await until(lambda: app.attachments.attachments and app.attachments.can_send, message="file ready")
    await send(window, "Second question")  # Enter while the answer streams
    assert tab.composer.toPlainText() == "" and app.attachments.attachments == []  # free for the next one
    tab.composer.setPlainText("Third question")
    assert tab.queue_button.isVisible() and tab.queue_button.accessibleName() == "Queue prompt"
    tab.queue_button.click()
    await send(window, "Never mind")
    pending = tab.pending_prompts
    assert pending.isVisible() and pending.texts() == ["Second question", "Third question", "Never mind"]
    assert [r.editor.accessibleName() for r in pending.rows] == [
        "Queued prompt 1",
        "Queued prompt 2",
        "Queued prompt 3",
    ]
    assert [r.remove_button.accessibleName() for r in pending.rows] == [
        "Remove queued prompt 1",
        "Remove queued prompt 2",
        "Remove queued prompt 3",
    ]
    assert len(fake_server.interaction_requests()) == 1  # nothing merged, nothing sent early
    assert [r.files_label.text() for r in pending.rows] == ["+ 1 file", "", ""]

    # Keyboard: edit the second queued prompt, then Tab to its Remove button of the third and press Space.
    editor = pending.rows[1].editor
    editor.setFocus()
    editor.selectAll()
    QTest.keyClicks(editor, "Third question, edited")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert pending.texts()[1] == "Third question, edited"
    third_remove = pending.rows[2].remove_button
    third_remove.setFocus()
    assert third_remove.focusPolicy() & Qt.FocusPolicy.TabFocus and editor.focusPolicy() & Qt.FocusPolicy.TabFocus
    QTest.keyClick(third_remove, Qt.Key.Key_Space)
    await until(lambda: pending.texts() == ["Second question", "Third question, edited"], message="removed")
    window.resize(1100, 760)
    save_screenshot(window, "data-kept-queued-prompts")

    await until(lambda: len(fake_server.interaction_requests()) == 3, message="queue sent", timeout=20)
    await until(lambda: "Three." in tab.transcript.plain_text(), message="all answered")
    bodies = [r.json for r in fake_server.interaction_requests()]
    assert bodies[1]["input"] == [
        {
            "type": "user_input",
            "content": [
                {"type": "text", "text": "notes.txt:\nBuy oat milk.\n"},
                {"type": "text", "text": "Second question"},
            ],
        }
    ]
    assert [bodies[0]["input"], bodies[2]["input"]] == ["First question", "Third question, edited"]
    assert "previous_interaction_id" not in bodies[0]
    assert [b.get("previous_interaction_id") for b in bodies[1:]] == ["v1_q1", "v1_q2"]
    await until(
        lambda: not pending.isVisible() and tab.send_button.isEnabled() and not tab.queue_button.isVisible(),
        message="queue empty, idle",
    )
    assert [t.prompt_text for t in app.storage.conversations.turns(app.conversation.current_id)] == [
        "First question",
        "Second question",
        "Third question, edited",
    ]
    await quit_app(window, task)


async def test_a_failed_answer_holds_the_queue_until_the_user_sends_it(qtbot, fake_server, app_paths, memory_keyring):
    window, _app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    fake_server.push(
        Stream(
            scenarios.ended("v1_f1", [f"bit {i} " for i in range(8)], "failed", errors=[{"message": "Overloaded"}]),
            frame_delay=0.3,
        ),
        Stream(scenarios.plain_text("v1_f2", ["Later."])),
    )
    await send(window, "Will break")
    await until(lambda: "bit 0" in tab.transcript.plain_text(), message="streaming")
    await send(window, "Waiting one")
    await until(tab.pending_prompts.resume_button.isVisible, message="paused after the failure")
    assert tab.pending_prompts.texts() == ["Waiting one"]
    assert tab.pending_prompts.title.text().startswith("1 prompt waiting: the last answer did not end well")
    assert len(fake_server.interaction_requests()) == 1
    tab.pending_prompts.resume_button.click()
    await until(lambda: "Later." in tab.transcript.plain_text(), message="sent after resuming")
    body = fake_server.interaction_requests()[-1].json
    # After a failed answer the history travels with it (the chain cannot be trusted).
    assert body["input"][-1]["content"] == [{"type": "text", "text": "Waiting one"}]
    assert len(fake_server.interaction_requests()) == 2
    assert not tab.pending_prompts.isVisible()
    await quit_app(window, task)


def test_each_conversation_keeps_its_own_queue(qtbot) -> None:
    """A prompt queued in one conversation is sent there, never into the one opened meanwhile."""
    queue = PromptQueue()
    sent: list[tuple[str, str]] = []
    current = ["a"]
    queue.send.connect(lambda parts: sent.append((current[0], parts[-1].text)))
    queue.on_current_changed("a")
    queue.on_busy_changed(True)
    queue.on_submitted([TextPart("for a")])
    current[0] = "b"
    queue.on_current_changed("b")  # the user opens another conversation while a's answer streams
    assert queue.pending() == [] and [p.text for p in queue.pending("a")] == ["for a"]
    queue.on_busy_changed(False)
    qtbot.wait(20)
    assert sent == []  # not into b
    queue.on_submitted([TextPart("for b")])  # idle, nothing waits in b: sent at once
    assert sent == [("b", "for b")]
    queue.on_busy_changed(True)
    queue.on_busy_changed(False)
    current[0] = "a"
    queue.on_current_changed("a")
    qtbot.waitUntil(lambda: ("a", "for a") in sent, timeout=2000)
    assert queue.pending("a") == []
