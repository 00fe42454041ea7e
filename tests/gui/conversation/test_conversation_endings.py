"""Every way an answer can end, as the user sees it in the window (whole app against the fake server):
cut off with Continue, refused with Retry and Edit, server errors as plain text, images by uri."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from desktop.domain.conversation import TurnStatus
from desktop.services.conversation.chat import CONTINUE_PROMPT
from desktop.ui.dialogs import conversation as conversation_dialogs
from tests.attachment_samples import png as sample_png
from tests.fake_api import RawSse, Stream, scenarios
from tests.gui.conftest import until
from tests.gui.harness import quit_app, send, start, turn, widgets

FIELD_CASES = Path(__file__).resolve().parents[2] / "field_cases"


async def settle(window, server, before: int) -> None:
    tab = window.conversation_tab
    await until(lambda: len(server.interaction_requests()) > before, message="request sent")
    await until(
        lambda: tab.send_button.isEnabled() and not tab.transcript.turns()[-1].status.is_active, message="turn done"
    )


async def test_a_cut_off_answer_says_so_and_continue_appends_to_it(qtbot, fake_server, app_paths, memory_keyring):
    window, app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    fake_server.push(RawSse.from_file(FIELD_CASES / "cut_off.sse"))
    await send(window, "Write a long essay")
    await settle(window, fake_server, 0)
    w = widgets(window)[-1]
    assert "cut off" in w.status_label.text() and w.status_label.isVisible()
    assert w.continue_button.isVisible() and w.continue_button.isEnabled()
    assert w.continue_button.accessibleName() == "Continue"
    assert w.regenerate_button.isVisible()
    # Continue sits right next to Regenerate.
    rows = [w.layout().itemAt(i).layout() for i in range(w.layout().count())]
    row = next(r for r in rows if r is not None and r.indexOf(w.continue_button) >= 0)
    assert row.indexOf(w.regenerate_button) == row.indexOf(w.continue_button) + 1
    assert not w.retry_button.isVisible()
    conv_id = app.conversation.current_id
    assert app.storage.conversations.turns(conv_id)[-1].status is TurnStatus.INCOMPLETE

    fake_server.push(Stream(scenarios.plain_text("v1_more", ["dle of a sentence."])))
    w.continue_button.click()
    await settle(window, fake_server, 1)
    body = fake_server.interaction_requests()[-1].json
    assert body["previous_interaction_id"] == "v1_x1" and body["input"] == CONTINUE_PROMPT
    assert len(tab.transcript.turns()) == 1
    w = widgets(window)[-1]
    full = "The first half of a long essay that was cut off in the middle of a sentence."
    assert full in w.answer_view.toPlainText()
    assert not w.continue_button.isVisible() and not w.status_label.isVisible()
    stored = app.storage.conversations.turns(conv_id)
    assert len(stored) == 1 and stored[0].answer_text == full and stored[0].status is TurnStatus.COMPLETED
    await quit_app(window, task)


async def test_a_refused_later_turn_says_so_offers_retry_and_edit_and_resends_nothing(
    qtbot, fake_server, app_paths, memory_keyring, monkeypatch
):
    window, app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    await turn(window, fake_server, "My name is Ann", scenarios.plain_text("v1_ann", ["Hello Ann"]))
    fake_server.push(RawSse.from_file(FIELD_CASES / "refused_stream.sse", stored=False))
    await send(window, "Say something blocked")
    await settle(window, fake_server, 1)
    await until(tab.status_label.text, message="error shown")
    w = widgets(window)[-1]
    assert w.status_label.text() == (
        "The answer stopped before it was finished: The response was blocked. You can retry or edit the prompt."
    )
    assert w.retry_button.isVisible() and w.footer_edit_button.isVisible()
    assert not w.note_label.isVisible()  # no false "context was rebuilt"
    assert "Not found" not in tab.status_label.text()
    assert tab.composer.toPlainText() == "Say something blocked"  # the prompt is given back
    creates = fake_server.interaction_requests()
    assert len(creates) == 2 and creates[1].json["previous_interaction_id"] == "v1_ann"
    assert fake_server.requests_for("interactions.get") == []
    stored = app.storage.conversations.turns(app.conversation.current_id)[-1]
    assert stored.status is TurnStatus.REFUSED and stored.note is None

    # Retry sends the same prompt, chained on the earlier answer: the history is not re-sent.
    fake_server.push(Stream(scenarios.plain_text("v1_ok", ["Fine."])))
    w.retry_button.click()
    await settle(window, fake_server, 2)
    retry = fake_server.interaction_requests()[-1].json
    assert retry["input"] == "Say something blocked" and retry["previous_interaction_id"] == "v1_ann"

    # Edit (in the footer of a refused answer) opens the prompt editor.
    fake_server.push(RawSse.from_file(FIELD_CASES / "refused_stream.sse", stored=False))
    await send(window, "Another blocked one")
    await settle(window, fake_server, 3)
    asked: list[str] = []
    monkeypatch.setattr(conversation_dialogs, "ask_prompt_edit", lambda parent, text: asked.append(text) or None)
    widgets(window)[-1].footer_edit_button.click()
    assert asked == ["Another blocked one"]

    # The next prompt takes the refused turn's place (as an alternative), chained on the last answer.
    fake_server.push(Stream(scenarios.plain_text("v1_after", ["After."])))
    await send(window, "Next question")
    await settle(window, fake_server, 4)
    assert [t.prompt_text for t in tab.transcript.turns()] == [
        "My name is Ann",
        "Say something blocked",
        "Next question",
    ]
    assert widgets(window)[-1].branch_label.text() == "2/2"
    assert fake_server.interaction_requests()[-1].json["previous_interaction_id"] == "v1_ok"
    await quit_app(window, task)


async def test_server_messages_are_shown_as_plain_text(qtbot, fake_server, app_paths, memory_keyring):
    window, _app, task = await start(qtbot, fake_server, app_paths)
    errors = [{"code": "internal", "message": "<b>Backend</b> failed <img src=x>"}]
    await turn(window, fake_server, "q", scenarios.ended("v1_f", ["Half an answer"], "failed", errors=errors))
    w = widgets(window)[-1]
    assert w.status_label.textFormat() == Qt.TextFormat.PlainText
    assert w.status_label.text() == "The answer failed on the server: <b>Backend</b> failed <img src=x>"
    assert "Half an answer" in w.answer_view.toPlainText()
    assert w.retry_button.isVisible()
    assert window.conversation_tab.status_label.textFormat() == Qt.TextFormat.PlainText
    await quit_app(window, task)


async def test_an_image_given_by_uri_is_shown_or_linked(qtbot, fake_server, app_paths, memory_keyring):
    window, _app, task = await start(qtbot, fake_server, app_paths)
    png = sample_png(64, 48)
    await turn(window, fake_server, "a cat", scenarios.image_uri("v1_i1", fake_server.put_media("cat.png", png)))
    strip = widgets(window)[-1].answer_media
    await until(lambda: strip.tiles and strip.tiles[0].loaded, message="image decoded")
    assert strip.tiles[0].part.sha256 and not strip.tiles[0].linked

    missing = f"{fake_server.base_url}/media/expired.png"
    await turn(window, fake_server, "another", scenarios.image_uri("v1_i2", missing))
    strip = widgets(window)[-1].answer_media
    await until(lambda: strip.tiles, message="placeholder shown")
    tile = strip.tiles[0]
    assert tile.linked and tile.caption is not None and tile.caption.isVisible()
    assert missing in tile.caption.text() and "not downloaded" in tile.caption.text()
    await quit_app(window, task)
