"""The composer's attachments belong to each conversation's draft: they stay behind when the user
opens another conversation, come back with it, and survive a restart with the draft."""

from __future__ import annotations

import pytest

from tests.attachment_samples import write
from tests.fake_api import scenarios
from tests.gui.attachments.attachment_helpers import drop_files, ready, send_and_wait, user_content
from tests.gui.conftest import until
from tests.gui.harness import quit_app, start, turn

pytestmark = pytest.mark.filterwarnings("ignore:Function.*QDrag.*deprecated:DeprecationWarning")


async def test_attachments_stay_with_their_conversation_and_survive_a_restart(
    qtbot, fake_server, app_paths, memory_keyring, tmp_path
):
    notes = write(tmp_path, "notes.txt", b"Buy oat milk.\n")
    window, app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    await turn(window, fake_server, "Shopping", scenarios.plain_text("v1_a1", ["Sure."]))
    first_id = app.conversation.current_id
    drop_files(tab, [notes])
    await ready(app, tab, 1)
    tab.composer.setPlainText("Add this")

    app.conversation.on_new_conversation()
    await until(lambda: app.conversation.current_id != first_id, message="new conversation")
    await until(lambda: app.attachments.attachments == [] and not tab.attachment_bar.isVisible(), message="left")
    body = await send_and_wait(window, fake_server, "Unrelated", scenarios.plain_text("v1_b1", ["Ok."]))
    assert body["input"] == "Unrelated"  # the other draft's file did not come along

    app.conversation.on_open_requested(first_id)
    await until(lambda: app.conversation.current_id == first_id, message="back")
    await until(lambda: [a.name for a in app.attachments.attachments] == ["notes.txt"], message="its file is back")
    assert [c.name_label.toolTip() for c in tab.attachment_bar.chips] == ["notes.txt"]
    await until(lambda: app.storage.conversations.draft_parts(first_id), message="saved with the draft")
    await quit_app(window, task)

    window, app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    app.conversation.on_open_requested(first_id)
    await until(lambda: app.conversation.current_id == first_id, message="opened after the restart")
    await ready(app, tab, 1)
    assert [a.name for a in app.attachments.attachments] == ["notes.txt"]
    body = await send_and_wait(window, fake_server, "Add this", scenarios.plain_text("v1_a2", ["Added."]))
    assert user_content(body) == [
        {"type": "text", "text": "notes.txt:\nBuy oat milk.\n"},
        {"type": "text", "text": "Add this"},
    ]
    await until(lambda: not app.storage.conversations.draft_parts(first_id), message="sent: the draft is empty again")
    await quit_app(window, task)
