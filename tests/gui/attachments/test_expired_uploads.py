"""Files API uploads expire after 48 hours. A regenerate, an edit or a stateless replay that needs
an attachment whose ``uri`` expired uploads the local copy again and sends the new ``uri``
(the fake server answers an expired file as the real API does: 403 "... or it may not exist")."""

from __future__ import annotations

import pytest

from desktop.services.attachments.service import file_name_from_uri
from tests.attachment_samples import mp4_video, write
from tests.fake_api import Stream, scenarios
from tests.gui.attachments.attachment_helpers import (
    drop_files,
    ready,
    send_and_wait,
    upload_anything_over_2_kb,
    user_content,
)
from tests.gui.conftest import until
from tests.gui.harness import quit_app, start

pytestmark = pytest.mark.filterwarnings("ignore:Function.*QDrag.*deprecated:DeprecationWarning")


async def _sent_with_an_upload(qtbot, fake_server, app_paths, tmp_path):
    window, app, task = await start(qtbot, fake_server, app_paths)
    tab = window.conversation_tab
    upload_anything_over_2_kb(app)
    video = write(tmp_path, "clip.mp4", mp4_video() + b"\x01" * 5000)
    drop_files(tab, [video])
    await ready(app, tab, 1)
    body = await send_and_wait(window, fake_server, "Describe it", scenarios.plain_text("v1_u1", ["A clip."]))
    uri = user_content(body)[0]["uri"]
    return window, app, task, video, uri


def _new_file_uri(fake_server, old_uri: str, data: bytes) -> str:
    fresh = [f for f in fake_server.files.values() if f.data == data]
    assert len(fresh) == 1, "uploaded again from the local copy"
    uri = fresh[0].to_json()["uri"]
    assert uri != old_uri
    return uri


def _video_sha(app, tab) -> str:
    prompt = app.storage.conversations.get_turn(tab.transcript.turns()[-1].id).prompt
    return next(p.sha256 for p in prompt if hasattr(p, "sha256"))


async def _settled(window, count: int) -> None:
    tab = window.conversation_tab
    await until(
        lambda: len(tab.transcript.turns()) >= count and not tab.transcript.turns()[-1].status.is_active,
        message="turn done",
    )


async def test_regenerate_uploads_an_expired_attachment_again(qtbot, fake_server, app_paths, memory_keyring, tmp_path):
    window, app, task, video, old_uri = await _sent_with_an_upload(qtbot, fake_server, app_paths, tmp_path)
    tab = window.conversation_tab
    # Deleted on the server although the app's cache still counts it alive: the create is refused.
    fake_server.expire_file(file_name_from_uri(old_uri))
    starts = len(fake_server.requests_for("files.upload_start"))
    fake_server.push(Stream(scenarios.plain_text("v1_u2", ["Again."])))
    tab.transcript.regenerate_requested.emit(tab.transcript.turns()[-1].id)
    await until(lambda: len(fake_server.interaction_requests()) == 3, message="sent again")
    await until(lambda: tab.transcript.turns()[-1].answer_text == "Again.", message="answered")
    refused, sent = fake_server.interaction_requests()[1:]
    assert user_content(refused.json)[0]["uri"] == old_uri
    assert len(fake_server.requests_for("files.upload_start")) == starts + 1
    new_uri = _new_file_uri(fake_server, old_uri, video.read_bytes())
    assert user_content(sent.json)[0] == {"type": "video", "mime_type": "video/mp4", "uri": new_uri}
    assert tab.transcript.turns()[-1].error is None
    stored = app.storage.conversations.get_turn(tab.transcript.turns()[-1].id)
    assert [p.uri for p in stored.prompt if hasattr(p, "uri")] == [new_uri]  # the next regenerate reuses it
    await quit_app(window, task)


async def test_edit_checks_an_old_upload_and_replaces_it_before_sending(
    qtbot, fake_server, app_paths, memory_keyring, tmp_path
):
    window, app, task, video, old_uri = await _sent_with_an_upload(qtbot, fake_server, app_paths, tmp_path)
    tab = window.conversation_tab
    # 48 hours later: the app's cache entry has run out and the server deleted the file.
    sha = _video_sha(app, tab)
    app.storage.uploads.forget(sha, scope=app.attachment_service.scope)
    fake_server.expire_file(file_name_from_uri(old_uri))
    fake_server.push(Stream(scenarios.plain_text("v1_u3", ["Edited."])))
    tab.edit_submitted.emit(tab.transcript.turns()[-1].id, "Describe it briefly")
    await until(lambda: len(fake_server.interaction_requests()) == 2, message="edit sent")
    await _settled(window, 1)
    checks = fake_server.requests_for("files.get")
    assert checks and checks[-1].params["id"] == file_name_from_uri(old_uri).split("/")[1]
    new_uri = _new_file_uri(fake_server, old_uri, video.read_bytes())
    content = user_content(fake_server.interaction_requests()[-1].json)
    assert content == [
        {"type": "video", "mime_type": "video/mp4", "uri": new_uri},
        {"type": "text", "text": "Describe it briefly"},
    ]
    await quit_app(window, task)


async def test_stateless_replay_uploads_an_expired_attachment_again(
    qtbot, fake_server, app_paths, memory_keyring, tmp_path
):
    window, app, task, video, old_uri = await _sent_with_an_upload(qtbot, fake_server, app_paths, tmp_path)
    tab = window.conversation_tab
    app.conversation.turns.replay_budget = 0  # the video is too large to travel inline again
    sha = _video_sha(app, tab)
    app.storage.uploads.forget(sha, scope=app.attachment_service.scope)
    fake_server.expire_file(file_name_from_uri(old_uri))
    tab.settings_bar.no_store_check.setChecked(True)  # not kept on the server: the history travels
    body = await send_and_wait(window, fake_server, "And now?", scenarios.plain_text("v1_u4", ["Still a clip."]))
    new_uri = _new_file_uri(fake_server, old_uri, video.read_bytes())
    assert body["store"] is False and "previous_interaction_id" not in body
    assert body["input"][0]["content"][0] == {"type": "video", "mime_type": "video/mp4", "uri": new_uri}
    assert window.conversation_tab.transcript.turns()[-1].answer_text == "Still a clip."
    await quit_app(window, task)


async def test_an_expired_upload_without_a_local_copy_is_named_in_a_clear_error(
    qtbot, fake_server, app_paths, memory_keyring, tmp_path
):
    window, app, task, _video, old_uri = await _sent_with_an_upload(qtbot, fake_server, app_paths, tmp_path)
    tab = window.conversation_tab
    app.storage.blobs.delete(_video_sha(app, tab))  # the local copy is gone too
    fake_server.expire_file(file_name_from_uri(old_uri))
    tab.transcript.regenerate_requested.emit(tab.transcript.turns()[-1].id)
    await until(lambda: tab.transcript.turns()[-1].error, message="failed")
    error = tab.transcript.turns()[-1].error
    assert "“clip.mp4”" in error and "no local copy" in error
    assert len(fake_server.interaction_requests()) == 2  # refused once; nothing sent in vain after
    await quit_app(window, task)
