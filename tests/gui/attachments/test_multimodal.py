"""Multimodal input and images, as a user meets them: the whole window against the fake server.

Files are dropped (simulated drag enter/move/drop with file URLs) on the conversation tab, pasted
into the prompt, picked with the Attach button; the tests assert the exact content blocks the fake
server received, uploads through its Files API, the upload cache, cancelling, generated images
shown inline and kept after a restart, "Edit this image", image options and bad input.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from desktop.services.attachments.service import AttachmentState
from desktop.ui.conversation import tab as conversation_tab
from tests.attachment_samples import SAMPLES, mp4_video, png, write
from tests.fake_api import Stream, scenarios
from tests.gui.attachments.attachment_helpers import (
    attach_with_button,
    b64,
    drop_files,
    ready,
    send_and_wait,
    upload_anything_over_2_kb,
    user_content,
)
from tests.gui.conftest import until
from tests.gui.harness import ENV, boot, quit_app, start, turn, widgets

pytestmark = pytest.mark.filterwarnings("ignore:Function.*QDrag.*deprecated:DeprecationWarning")


async def test_dropped_files_are_sent_inline_with_their_real_types(
    qtbot, fake_server, app_paths, memory_keyring, tmp_path, monkeypatch
):
    window, app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    image = write(tmp_path, "photo.png", png(8, 6))
    pdf = write(tmp_path, "paper.pdf", SAMPLES["paper.pdf"][0])
    # A JPEG saved with a .png name: the content decides the MIME type.
    disguised = write(tmp_path, "really-a-jpeg.png", SAMPLES["photo.jpg"][0])
    code = write(tmp_path, "script.py", SAMPLES["script.py"][0])
    tab.composer.setPlainText("What are these?")

    assert drop_files(tab, [image, pdf]) == (True, True)  # on the tab itself
    assert not tab.drop_target.highlighted
    assert drop_files(tab.composer, [disguised]) == (True, True)  # the prompt must not insert the path
    assert drop_files(tab.transcript, [code]) == (True, True)
    await ready(app, tab, 4)
    bar = tab.attachment_bar
    assert bar.isVisible() and [c.name_label.toolTip() for c in bar.chips] == [
        "photo.png",
        "paper.pdf",
        "really-a-jpeg.png",
        "script.py",
    ]
    await until(lambda: bar.chips[0].has_thumbnail, message="thumbnail")
    assert tab.composer.toPlainText() == "What are these?"

    body = await send_and_wait(window, fake_server, "What are these?", scenarios.plain_text("v1_m1", ["Four files."]))
    assert body["input"] == [
        {
            "type": "user_input",
            "content": [
                {"type": "image", "mime_type": "image/png", "data": b64(image.read_bytes())},
                {"type": "document", "mime_type": "application/pdf", "data": b64(pdf.read_bytes())},
                {"type": "image", "mime_type": "image/jpeg", "data": b64(disguised.read_bytes())},
                {"type": "text", "text": "script.py:\n" + code.read_text()},
                {"type": "text", "text": "What are these?"},
            ],
        }
    ]
    assert app.attachments.attachments == [] and not bar.isVisible()  # sent: the chips are gone
    # The user's turn shows its attachments: a thumbnail for the image, badges for the others.
    strip = widgets(window)[-1].prompt_media
    assert [t.part.name for t in strip.tiles] == ["photo.png", "paper.pdf", "really-a-jpeg.png", "script.py"]
    await until(lambda: strip.tiles[0].loaded, message="prompt thumbnail")
    opened: list[Path] = []
    monkeypatch.setattr(conversation_tab, "open_file_externally", lambda path: opened.append(path) or True)
    strip.tiles[1].picture.clicked.emit()  # the PDF opens in the system's viewer, under its own name
    await until(lambda: opened, message="PDF opened")
    assert opened[0].name == "paper.pdf" and opened[0].read_bytes() == pdf.read_bytes()
    # Stored locally with the conversation.
    stored = app.storage.conversations.turns(app.conversation.current_id)[-1]
    assert all(app.storage.blobs.exists(p.sha256) for p in stored.prompt if hasattr(p, "sha256"))
    await quit_app(window, task)


async def test_pasted_image_alone_is_a_prompt(qtbot, fake_server, app_paths, memory_keyring):
    window, app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    pixels = QImage(5, 4, QImage.Format.Format_RGB32)
    pixels.fill(Qt.GlobalColor.blue)
    mime = QMimeData()
    mime.setImageData(pixels)
    assert tab.composer.canInsertFromMimeData(mime)
    tab.composer.insertFromMimeData(mime)  # what Ctrl+V does with a screenshot on the clipboard
    await ready(app, tab, 1)
    att = app.attachments.attachments[0]
    assert att.name.startswith("Pasted image") and att.mime_type == "image/png"
    assert tab.composer.toPlainText() == ""

    tab.send_button.click()  # no text: attachments only
    await until(lambda: len(fake_server.interaction_requests()) == 1, message="sent")
    fake_server.push(Stream(scenarios.plain_text("v1_p", ["A blue rectangle."])))
    body = fake_server.interaction_requests()[0].json
    saved = att.path.read_bytes()
    assert body["input"] == [
        {"type": "user_input", "content": [{"type": "image", "mime_type": "image/png", "data": b64(saved)}]}
    ]
    assert QImage.fromData(saved).pixelColor(0, 0) == pixels.pixelColor(0, 0)
    await until(lambda: app.conversation.state.conversation.title.startswith("Pasted image"), message="titled")
    await quit_app(window, task)


async def test_long_pasted_text_and_copied_files_become_attachments(
    qtbot, fake_server, app_paths, memory_keyring, tmp_path
):
    window, app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    mime = QMimeData()
    mime.setText("log line\n" * 2000)
    tab.composer.insertFromMimeData(mime)
    await ready(app, tab, 1)
    assert app.attachments.attachments[0].kind == "text" and tab.composer.toPlainText() == ""
    copied = QMimeData()  # files copied in a file manager
    copied.setUrls([QUrl.fromLocalFile(str(write(tmp_path, "copied.pdf", SAMPLES["paper.pdf"][0])))])
    tab.composer.insertFromMimeData(copied)
    await ready(app, tab, 2)
    assert app.attachments.attachments[1].mime_type == "application/pdf" and tab.composer.toPlainText() == ""
    short = QMimeData()
    short.setText("just a few words")
    tab.composer.insertFromMimeData(short)
    assert tab.composer.toPlainText() == "just a few words"
    await quit_app(window, task)


async def test_large_video_is_uploaded_polled_cached_and_referenced_by_uri(
    qtbot, fake_server, app_paths, memory_keyring, tmp_path
):
    window, app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    upload_anything_over_2_kb(app)
    fake_server.processing_polls = 3  # video is PROCESSING first
    video = write(tmp_path, "holiday.mp4", mp4_video() + os.urandom(40_000))
    small = write(tmp_path, "dot.png", png())
    states: list[str] = []
    app.attachments.changed.connect(lambda a: states.append(a.state.value))

    drop_files(tab, [video, small])
    await ready(app, tab, 2)
    assert "uploading" in states and "processing" in states
    assert len(fake_server.files) == 1
    ((_name, stored),) = fake_server.files.items()
    assert stored.data == video.read_bytes()
    body = await send_and_wait(window, fake_server, "Summarise the clip", scenarios.plain_text("v1_v", ["A beach."]))
    uri = stored.to_json()["uri"]
    assert user_content(body) == [
        {"type": "video", "mime_type": "video/mp4", "uri": uri},
        {"type": "image", "mime_type": "image/png", "data": b64(small.read_bytes())},
        {"type": "text", "text": "Summarise the clip"},
    ]
    uploads = len(fake_server.requests_for("files.upload_start"))

    # The same content again (even under another name): no second upload, the cached uri is used.
    again = write(tmp_path, "copy of holiday.mp4", video.read_bytes())
    drop_files(tab, [again])
    await ready(app, tab, 1)
    body = await send_and_wait(window, fake_server, "And this one?", scenarios.plain_text("v1_v2", ["Same."]))
    assert len(fake_server.requests_for("files.upload_start")) == uploads and len(fake_server.files) == 1
    assert user_content(body)[0] == {"type": "video", "mime_type": "video/mp4", "uri": uri}
    assert body["previous_interaction_id"] == "v1_v"
    await quit_app(window, task)


async def test_cancelled_and_failed_uploads_keep_the_prompt(qtbot, fake_server, app_paths, memory_keyring, tmp_path):
    window, app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    upload_anything_over_2_kb(app)
    fake_server.processing_polls = 10_000  # stays processing until cancelled
    tab.composer.setPlainText("keep me")
    keep = write(tmp_path, "keep.png", png())
    video = write(tmp_path, "long.mp4", mp4_video() + b"\x00" * 30_000)
    drop_files(tab, [keep, video])
    # Cancelled while the server processes it (its bytes are all sent, so no request is still in flight).
    processing = await until(
        lambda: next((a for a in app.attachments.attachments if a.state is AttachmentState.PROCESSING), None),
        message="processing",
    )
    chip = tab.attachment_bar.chip(processing.id)
    assert chip.cancel_button.isVisibleTo(tab) and chip.progress.isVisibleTo(tab)
    assert not tab.send_button.isEnabled()  # waiting for the upload
    chip.cancel_button.click()
    assert chip.error_label.text() == "Upload cancelled."
    assert tab.send_button.isEnabled()
    tab.send_button.click()  # refused, with the reason, nothing lost
    assert "was cancelled" in tab.status_label.text()
    assert fake_server.interaction_requests() == []
    assert tab.composer.toPlainText() == "keep me" and len(app.attachments.attachments) == 2

    # A failed upload: the error on the chip; retry works.
    fake_server.processing_polls = 0
    fake_server.fail_next_upload(503, message="Backend unavailable")
    chip.retry_button.click()
    failed = app.attachments.get(chip.attachment_id)
    await until(lambda: failed.state is AttachmentState.FAILED, message="upload failed")
    assert chip.error_label.isVisibleTo(tab) and chip.error_label.text()
    chip.retry_button.click()
    await ready(app, tab, 2)
    body = await send_and_wait(window, fake_server, "keep me", scenarios.plain_text("v1_c", ["ok"]))
    assert [b["type"] for b in user_content(body)] == ["image", "video", "text"]
    await quit_app(window, task)


async def test_bad_input_gets_clear_messages_and_loses_nothing(qtbot, fake_server, app_paths, memory_keyring, tmp_path):
    window, app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    tab.composer.setPlainText("my carefully typed prompt")
    folder = tmp_path / "holiday photos"
    folder.mkdir()
    empty = write(tmp_path, "empty.txt", b"")
    truncated = write(tmp_path, "cut.jpg", SAMPLES["photo.jpg"][0][:-2])
    binary = write(tmp_path, "program.exe", b"MZ\x90\x00" + bytes(range(256)) * 4)
    good = write(tmp_path, "good.png", png())
    huge = tmp_path / "huge.mp4"  # sparse: over the Files API's 2 GB without using the disk
    with open(huge, "wb") as handle:
        handle.write(mp4_video())
        handle.truncate(2 * 1024**3 + 1)

    drop_files(tab, [], urls=[QUrl.fromLocalFile(str(folder)), QUrl("https://example.com/cat.jpg")])
    assert "is a folder" in tab.status_label.text() and "is a link, not a file" in tab.status_label.text()
    drop_files(tab, [empty, truncated, binary, huge, good])
    await until(
        lambda: sum(a.state is AttachmentState.FAILED for a in app.attachments.attachments) == 4, message="four refused"
    )
    await until(
        lambda: not any(a.busy for a in app.attachments.attachments) and tab.send_button.isEnabled(), message="all read"
    )
    messages = {c.name_label.toolTip(): c.error_label.text() for c in tab.attachment_bar.chips}
    assert "is empty" in messages["empty.txt"]
    assert "2 GB" in messages["huge.mp4"]
    assert messages["cut.jpg"] and messages["program.exe"] and messages["good.png"] == ""
    tab.send_button.click()
    assert "could not be attached" in tab.status_label.text()
    assert fake_server.interaction_requests() == []
    assert tab.composer.toPlainText() == "my carefully typed prompt"

    for att in list(app.attachments.attachments):
        if att.state is AttachmentState.FAILED:
            tab.attachment_bar.chip(att.id).remove_button.click()
    await ready(app, tab, 1)
    body = await send_and_wait(window, fake_server, "my carefully typed prompt", scenarios.plain_text("v1_b", ["ok"]))
    assert user_content(body) == [
        {"type": "image", "mime_type": "image/png", "data": b64(good.read_bytes())},
        {"type": "text", "text": "my carefully typed prompt"},
    ]
    await quit_app(window, task)


async def test_attach_button_uses_the_file_dialog_function(
    qtbot, fake_server, app_paths, memory_keyring, tmp_path, monkeypatch
):
    window, app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    wav = await attach_with_button(app, tab, monkeypatch, write(tmp_path, "voice.wav", SAMPLES["voice.wav"][0]))
    body = await send_and_wait(window, fake_server, "Transcribe", scenarios.plain_text("v1_w", ["Hello."]))
    assert user_content(body)[0] == {"type": "audio", "mime_type": "audio/wav", "data": b64(wav.read_bytes())}
    await quit_app(window, task)


async def test_generated_image_inline_stored_edited_and_shown_after_restart(
    qtbot, fake_server, app_paths, memory_keyring, monkeypatch
):
    window, app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    picture = png(64, 32, (10, 160, 90))
    await turn(window, fake_server, "draw a green bar", scenarios.image("v1_img", picture, text="Here it is: "))
    w = widgets(window)[-1]
    (tile,) = w.answer_media.tiles
    await until(lambda: tile.loaded, message="image decoded")
    assert tile.picture.width() == 64 and tile.picture.height() == 32  # small images keep their size
    sha = hashlib.sha256(picture).hexdigest()
    assert tile.part.sha256 == sha and app.storage.blobs.get(sha) == picture

    opened: list[tuple[bytes, str]] = []

    class FakeViewer(QWidget):
        def __init__(self, data, part, parent, cache_dir):
            super().__init__()
            opened.append((data, part.mime_type))

        def show(self):
            pass

    monkeypatch.setattr(conversation_tab, "make_image_viewer", FakeViewer)
    tile.picture.clicked.emit()
    await until(lambda: opened, message="viewer opened")
    assert opened == [(picture, "image/png")]

    # "Edit this image": back in the composer, and the next turn chains on the previous interaction.
    tile.edit_button.click()
    await ready(app, tab, 1)
    assert app.attachments.attachments[0].mime_type == "image/png"
    body = await send_and_wait(
        window, fake_server, "make it blue", scenarios.image("v1_img2", png(64, 32, (10, 10, 200)), text=None)
    )
    assert body["previous_interaction_id"] == "v1_img"
    assert user_content(body) == [
        {"type": "image", "mime_type": "image/png", "data": b64(picture)},
        {"type": "text", "text": "make it blue"},
    ]
    await quit_app(window, task)

    # After a restart, with the server having forgotten everything, history still shows the images.
    fake_server.reset()
    window2, _app2, task2 = await boot(qtbot, fake_server, app_paths, ENV)
    shown = widgets(window2)
    assert [len(x.answer_media.tiles) for x in shown] == [1, 1]
    assert [t.part.sha256 for t in shown[1].prompt_media.tiles] == [sha]
    await until(
        lambda: all(t.loaded for x in shown for t in x.answer_media.tiles + x.prompt_media.tiles),
        message="images decoded after restart",
    )
    await quit_app(window2, task2)


async def test_large_generated_image_is_scaled_to_fit(qtbot, fake_server, app_paths, memory_keyring):
    window, _app, task = await start(qtbot, fake_server, app_paths)
    await turn(window, fake_server, "a wide banner", scenarios.image("v1_w", png(1600, 400), text=None))
    w = widgets(window)[-1]
    (tile,) = w.answer_media.tiles
    await until(lambda: tile.loaded)
    assert tile.picture.width() <= w.width() and tile.picture.width() <= 640
    assert abs(tile.picture.width() / tile.picture.height() - 4.0) < 0.05
    await quit_app(window, task)


async def test_image_options_go_in_response_format_only_when_set(qtbot, fake_server, app_paths, memory_keyring):
    window, app, task = await start(qtbot, fake_server, app_paths)
    bar = window.conversation_tab.settings_bar
    body = await send_and_wait(window, fake_server, "plain", scenarios.plain_text("v1_o1", ["ok"]))
    assert "response_format" not in body
    bar.image_ratio_actions["16:9"].trigger()  # what picking it in the Image menu does
    bar.image_size_actions["2K"].trigger()
    assert bar.image_button.text() == "Image 16:9 · 2K"
    body = await send_and_wait(window, fake_server, "a poster", scenarios.image("v1_o2", png(), text=None))
    assert body["response_format"] == [{"type": "text"}, {"type": "image", "aspect_ratio": "16:9", "image_size": "2K"}]
    assert "image_config" not in body.get("generation_config", {})
    stored = app.storage.conversations.get(app.conversation.current_id).settings
    assert (stored.image_aspect_ratio, stored.image_size) == ("16:9", "2K")
    bar.set_image_options("16:9", "")
    body = await send_and_wait(window, fake_server, "square-ish", scenarios.image("v1_o3", png(), text=None))
    assert body["response_format"] == [{"type": "text"}, {"type": "image", "aspect_ratio": "16:9"}]
    await quit_app(window, task)


async def test_stateless_replay_resends_attachments_from_local_copies(
    qtbot, fake_server, app_paths, memory_keyring, tmp_path
):
    window, app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    upload_anything_over_2_kb(app)
    video = write(tmp_path, "clip.mp4", mp4_video() + b"\x01" * 5000)
    drop_files(tab, [video])
    await ready(app, tab, 1)
    body = await send_and_wait(window, fake_server, "first", scenarios.plain_text("v1_s1", ["seen"]))
    assert "uri" in user_content(body)[0]
    tab.settings_bar.no_store_check.setChecked(True)  # don't keep on server: the history travels
    body = await send_and_wait(window, fake_server, "second", scenarios.plain_text("v1_s2", ["again"]))
    assert "previous_interaction_id" not in body and body["store"] is False
    first = body["input"][0]
    assert first["type"] == "user_input"
    # The upload may be gone from the server: the local copy goes inline instead of the uri.
    assert first["content"][0] == {"type": "video", "mime_type": "video/mp4", "data": b64(video.read_bytes())}
    await quit_app(window, task)


async def test_a_failed_send_gives_back_the_prompt_and_its_files(
    qtbot, fake_server, app_paths, memory_keyring, tmp_path, monkeypatch
):
    from tests.fake_api import ErrorReply

    window, app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    wav = await attach_with_button(app, tab, monkeypatch, write(tmp_path, "voice.wav", SAMPLES["voice.wav"][0]))
    fake_server.push(ErrorReply(503, "unavailable", "Overloaded"))
    tab.composer.setPlainText("Transcribe this")
    tab.send_button.click()
    await until(lambda: tab.composer.toPlainText() == "Transcribe this", message="prompt given back")
    await ready(app, tab, 1)
    assert [a.name for a in app.attachments.attachments] == ["voice.wav"]
    # Sending again from the composer sends the same file.
    body = await send_and_wait(window, fake_server, "Transcribe this", scenarios.plain_text("v1_again", ["Hi."]))
    assert {"type": "audio", "mime_type": "audio/wav", "data": b64(wav.read_bytes())} in user_content(body)
    await quit_app(window, task)
