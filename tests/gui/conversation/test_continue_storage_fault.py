"""Continue on a cut-off answer goes through the same turn lifecycle as every other turn action:
a disk that fills while the continuation streams is said in the status bar, and the answer is
written once space returns (as for a new answer)."""

from __future__ import annotations

from pathlib import Path

from desktop.domain.conversation import TurnStatus
from tests.fake_api import RawSse, Stream, scenarios
from tests.gui.conftest import until
from tests.gui.harness import quit_app, send, start, widgets
from tests.storage_faults import FULL, inject

FIELD_CASES = Path(__file__).resolve().parents[2] / "field_cases"


async def test_a_continuation_that_cannot_be_written_is_said_and_saved_when_space_returns(
    qtbot, fake_server, app_paths, memory_keyring
):
    window, app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    fake_server.push(RawSse.from_file(FIELD_CASES / "cut_off.sse"))
    await send(window, "Write a long essay")
    await until(lambda: len(fake_server.interaction_requests()) == 1, message="request sent")
    await until(lambda: widgets(window) and widgets(window)[-1].continue_button.isVisible(), message="cut off")
    await until(tab.send_button.isEnabled, message="idle")
    conv_id = app.conversation.current_id

    disk = inject(app.storage.db)
    disk.fault = FULL
    disk.only = ("UPDATE turns",)  # the disk fills while the continuation streams
    fake_server.push(Stream(scenarios.plain_text("v1_more", ["dle of a sentence."])))
    widgets(window)[-1].continue_button.click()
    await until(lambda: len(fake_server.interaction_requests()) == 2, message="continuation sent")
    await until(
        lambda: tab.send_button.isEnabled() and widgets(window)[-1].turn.status is TurnStatus.COMPLETED,
        message="continuation done",
    )
    full = "The first half of a long essay that was cut off in the middle of a sentence."
    assert full in widgets(window)[-1].answer_view.toPlainText()
    # Not written: the status bar says so (as after a new answer), and it is kept to be written again.
    await until(window.storage_label.isVisible, message="storage warning")
    assert app.conversation.turns is not None and app.conversation.turns.unsaved

    disk.fault = None
    assert await app.conversation.retry_unsaved() == 0
    stored = app.storage.conversations.turns(conv_id)
    assert stored[-1].answer_text == full and stored[-1].status is TurnStatus.COMPLETED
    await until(lambda: not window.storage_label.isVisible(), message="warning cleared")
    await quit_app(window, task)
