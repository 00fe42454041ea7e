"""Conversation tab: switching with drafts, search, rename, delete + undo, export, restart after a kill."""

from __future__ import annotations

import asyncio
import base64

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop.domain.conversation import TurnStatus
from desktop.ui.dialogs import conversation as conversation_dialogs
from tests.fake_api import Stream, scenarios
from tests.gui.conftest import until
from tests.gui.harness import ENV, boot, quit_app, send, start, turn, widgets

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


async def test_switching_keeps_a_draft_per_conversation_across_restarts(qtbot, fake_server, app_paths, memory_keyring):
    window, app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    assert tab.composer.hasFocus()
    await turn(window, fake_server, "about apples", scenarios.plain_text("v1_d1", ["apples!"]))
    first_id = app.conversation.current_id
    tab.composer.setPlainText("unsent about apples")
    window.new_action.trigger()  # Ctrl+N
    await until(lambda: app.conversation.current_id != first_id, message="new conversation")
    assert tab.composer.toPlainText() == "" and tab.transcript.turns() == []
    tab.composer.setPlainText("draft in the new one")
    await until(lambda: len(tab.sidebar.ids()) == 2, message="new one listed once it has a draft")
    second_id = app.conversation.current_id
    tab.sidebar.list.setCurrentRow(tab.sidebar.ids().index(first_id))
    await until(lambda: app.conversation.current_id == first_id, message="switched back")
    assert tab.composer.toPlainText() == "unsent about apples"
    assert "apples!" in tab.transcript.plain_text()
    tab.sidebar.list.setCurrentRow(tab.sidebar.ids().index(second_id))
    await until(lambda: tab.composer.toPlainText() == "draft in the new one", message="second draft")
    await quit_app(window, task)

    window2, app2, task2 = await boot(qtbot, fake_server, app_paths, ENV)
    assert app2.conversation.current_id == second_id  # the most recently active one
    assert window2.conversation_tab.composer.toPlainText() == "draft in the new one"
    window2.conversation_tab.sidebar.list.setCurrentRow(window2.conversation_tab.sidebar.ids().index(first_id))
    await until(lambda: window2.conversation_tab.composer.toPlainText() == "unsent about apples")
    await quit_app(window2, task2)


async def test_untouched_new_conversation_leaves_no_trace(qtbot, fake_server, app_paths, memory_keyring):
    window, app, task = await start(qtbot, fake_server, app_paths)
    window.new_action.trigger()
    window.new_action.trigger()
    await asyncio.sleep(0.1)
    assert app.storage.conversations.list() == []
    await quit_app(window, task)


async def test_search_rename_delete_and_undo(qtbot, fake_server, app_paths, memory_keyring, monkeypatch):
    window, app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    await turn(
        window, fake_server, "tell me about pelicans", scenarios.plain_text("v1_p", ["Pelicans have a gular pouch."])
    )
    window.new_action.trigger()
    await until(lambda: not tab.transcript.turns())
    await turn(window, fake_server, "and now badgers", scenarios.plain_text("v1_b", ["Badgers dig setts."]))
    await until(lambda: tab.sidebar.titles() == ["and now badgers", "tell me about pelicans"], message="newest first")

    QTest.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert tab.sidebar.search_edit.hasFocus()
    QTest.keyClicks(tab.sidebar.search_edit, "gular")  # only in an answer's text
    await until(lambda: tab.sidebar.titles() == ["tell me about pelicans"], message="search hit")
    assert "gular" in tab.sidebar.list.item(0).text()
    tab.sidebar.search_edit.clear()
    await until(lambda: len(tab.sidebar.titles()) == 2, message="full list back")

    pelican_id = tab.sidebar.ids()[1]
    monkeypatch.setattr(conversation_dialogs, "ask_title", lambda parent, title: "Pelican facts 🐦")
    tab.sidebar.list.setCurrentRow(1)
    tab.sidebar.rename_action.trigger()
    await until(lambda: "Pelican facts 🐦" in tab.sidebar.titles(), message="renamed")
    assert app.storage.conversations.get(pelican_id).title == "Pelican facts 🐦"

    tab.sidebar.list.setCurrentRow(tab.sidebar.ids().index(pelican_id))
    await until(lambda: app.conversation.current_id == pelican_id)
    tab.sidebar.delete_action.trigger()
    await until(lambda: pelican_id not in tab.sidebar.ids(), message="deleted")
    assert tab.sidebar.undo_bar.isVisible()
    await until(lambda: app.conversation.current_id != pelican_id, message="another one opened")
    tab.sidebar.undo_button.click()
    await until(lambda: pelican_id in tab.sidebar.ids(), message="restored")
    assert app.storage.conversations.get(pelican_id) is not None
    await quit_app(window, task)


async def test_export_markdown_and_html_with_embedded_image(
    qtbot, fake_server, app_paths, memory_keyring, monkeypatch, tmp_path
):
    window, _app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    await turn(window, fake_server, "draw a dot", scenarios.image("v1_img", PNG, text="Here **it** is: "))
    w = widgets(window)[-1]
    sha = __import__("hashlib").sha256(PNG).hexdigest()
    assert [t.part.sha256 for t in w.answer_media.tiles] == [sha]
    await until(lambda: w.answer_media.tiles[0].loaded, message="generated image decoded")
    html_path = tmp_path / "out.html"
    monkeypatch.setattr(conversation_dialogs, "ask_export_path", lambda parent, title: str(html_path))
    tab.settings_bar.export_button.click()
    await until(html_path.exists, message="html export")
    text = html_path.read_text()
    assert "draw a dot" in text and "<strong>it</strong>" in text
    assert "data:image/png;base64," + base64.b64encode(PNG).decode() in text
    md_path = tmp_path / "out.md"
    monkeypatch.setattr(conversation_dialogs, "ask_export_path", lambda parent, title: str(md_path))
    tab.settings_bar.export_button.click()
    await until(md_path.exists, message="markdown export")
    md = md_path.read_text()
    assert "## You" in md and "Here **it** is:" in md and "data:image" not in md
    await quit_app(window, task)


async def test_restart_after_a_kill_mid_stream_shows_the_partial_answer_and_fetches_the_rest(
    qtbot, fake_server, app_paths, memory_keyring
):
    window, app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    chunks = [f"part{i} " for i in range(40)]
    fake_server.push(Stream(scenarios.plain_text("v1_kill", chunks), stall_after=22, stall_seconds=30))
    await send(window, "a long answer please")
    await until(lambda: "part18" in tab.transcript.plain_text(), message="partial answer on screen")
    conv_id = app.conversation.current_id
    # Progress is written as it arrives (every 250 ms at most), not only at the end.
    await until(lambda: "part18" in (app.storage.conversations.turns(conv_id)[-1].answer_text or ""), message="saved")
    on_screen = tab.transcript.plain_text()

    # "Kill": abandon the first app without any shutdown; its turn stays "streaming" in the file.
    task.cancel()
    for t in list(app.runner._tasks):
        t.cancel()
    await asyncio.sleep(0.05)
    assert app.storage.conversations.turns(conv_id)[-1].status is TurnStatus.STREAMING

    window2, app2, task2 = await boot(qtbot, fake_server, app_paths, ENV)
    tab2 = window2.conversation_tab
    await until(tab2.transcript.turns, message="conversation reopened")
    w = widgets(window2)[-1]
    shown = w.answer_view.toPlainText()
    assert "part18" in shown and shown.strip() in on_screen
    assert "Interrupted" in w.status_label.text()
    assert w.fetch_button.isVisible()
    await until(lambda: window2.connection_label.text() == "Ready")
    w.fetch_button.click()
    await until(lambda: "part39" in tab2.transcript.plain_text(), message="rest fetched")
    await until(tab2.send_button.isEnabled)
    stored = app2.storage.conversations.turns(conv_id)[-1]
    assert stored.status is TurnStatus.COMPLETED and stored.answer_text == "".join(chunks)
    assert any(r.route == "interactions.get" and r.query.get("stream") == "true" for r in fake_server.requests)
    assert not widgets(window2)[-1].fetch_button.isVisible()
    await quit_app(window2, task2)
    await app.session.shutdown()
    window.close()
