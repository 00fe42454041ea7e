"""Uploads through the real SDK to the fake Files API; the upload cache; the v4 migration."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from desktop import errors as app
from desktop.domain.api import UploadedFile
from desktop.services.attachments.service import Attachment, AttachmentService, AttachmentState
from desktop.services.genai import GeminiService
from desktop.store import BlobStore, open_database
from desktop.store.uploads import UploadRepository
from tests.attachment_samples import SAMPLES, write
from tests.fake_api import FakeInteractionsServer
from tests.service_helpers import started_service

MOVIE = SAMPLES["movie.mp4"][0] + os.urandom(9 * 1024 * 1024)  # two SDK chunks (8 MiB each)


@pytest.fixture
async def service(fake_server: FakeInteractionsServer) -> AsyncIterator[GeminiService]:
    async with started_service(fake_server) as svc:
        yield svc


@pytest.fixture
def uploads(tmp_path: Path) -> UploadRepository:
    return UploadRepository(open_database(tmp_path / "app.sqlite3"))


async def test_upload_sends_the_file_and_reports_progress(service, fake_server, tmp_path):
    path = write(tmp_path, "movie.mp4", MOVIE)
    seen: list[tuple[int, int]] = []
    file = await service.upload_file(
        path, mime_type="video/mp4", display_name="movie.mp4", progress=lambda sent, total: seen.append((sent, total))
    )
    stored = fake_server.files[file.name]
    assert stored.data == MOVIE and stored.mime_type == "video/mp4" and stored.display_name == "movie.mp4"
    assert file.uri.endswith(file.name) and file.size == len(MOVIE) and file.active
    assert file.expires_at is not None and file.expires_at > time.time() + 47 * 3600
    await asyncio.sleep(0)  # progress callbacks are scheduled on this loop
    assert seen[0] == (0, len(MOVIE)) and (8 * 1024 * 1024, len(MOVIE)) in seen and seen[-1] == (len(MOVIE),) * 2
    assert [s for s, _ in seen] == sorted(s for s, _ in seen)


async def test_processing_video_is_polled_until_active(service, fake_server, tmp_path):
    fake_server.processing_polls = 2
    attachments = AttachmentService(service, inline_limit_bytes=1024, poll_s=0.01)
    att = Attachment.from_path(write(tmp_path, "movie.mp4", MOVIE))
    await attachments.inspect(att)
    assert att.state is AttachmentState.UPLOADING
    states: list[AttachmentState] = []
    await attachments.upload(att, lambda a: states.append(a.state))
    assert AttachmentState.PROCESSING in states and att.state is AttachmentState.READY
    assert len(fake_server.requests_for("files.get")) == 3  # PROCESSING, PROCESSING, ACTIVE
    name = next(iter(fake_server.files))
    assert att.block == {"type": "video", "uri": fake_server.files[name].to_json()["uri"], "mime_type": "video/mp4"}


async def test_a_file_that_fails_processing_says_so(service, fake_server, tmp_path):
    fake_server.processing_polls = 5
    file = await service.upload_file(SAMPLES["movie.mp4"][0], mime_type="video/mp4", display_name="m.mp4")
    assert file.state == "PROCESSING"
    fake_server.files[file.name].state_override = "FAILED"
    with pytest.raises(app.ServerError) as caught:
        await service.wait_until_active(file.name, poll_s=0.01, timeout_s=5)
    assert "could not process this file" in caught.value.message


async def test_failed_upload_is_an_app_error_and_nothing_is_stored(service, fake_server, tmp_path, uploads):
    fake_server.fail_next_upload(500, message="disk full")
    attachments = AttachmentService(service, uploads, inline_limit_bytes=1024)
    att = Attachment.from_path(write(tmp_path, "movie.mp4", MOVIE))
    await attachments.inspect(att)
    with pytest.raises(app.ServerError):
        await attachments.upload(att)
    assert fake_server.files == {} and uploads.lookup(att.sha256) is None
    fake_server.fail_next_upload(403, stage="chunk", message="not allowed")
    with pytest.raises(app.PermissionDeniedError):
        await attachments.upload(att)
    await attachments.upload(att)  # a retry after the failures works
    assert att.state is AttachmentState.READY and len(fake_server.files) == 1


async def test_cancelling_the_awaiting_task_cancels_the_upload(service, fake_server, tmp_path):
    path = write(tmp_path, "movie.mp4", MOVIE)
    started = asyncio.get_running_loop().create_future()

    def progress(sent: int, total: int) -> None:
        if not started.done():
            started.set_result(sent)

    task = asyncio.ensure_future(service.upload_file(path, mime_type="video/mp4", display_name="m", progress=progress))
    await started  # the SDK is reading the first chunk: the upload is under way
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    # The worker loop is still usable afterwards, and nothing half-finished became a file.
    ok = await service.upload_file(SAMPLES["photo.png"][0], mime_type="image/png", display_name="p.png")
    assert [f.data for f in fake_server.files.values()] == [SAMPLES["photo.png"][0]] and ok.active


async def test_the_same_content_is_uploaded_once(service, fake_server, tmp_path, uploads):
    attachments = AttachmentService(service, uploads, BlobStore(tmp_path / "blobs"), inline_limit_bytes=1024)
    first = Attachment.from_path(write(tmp_path, "a.mp4", MOVIE))
    again = Attachment.from_path(write(tmp_path, "copy of a.mp4", MOVIE))
    for att in (first, again):
        await attachments.inspect(att)
        await attachments.upload(att)
    assert len(fake_server.requests_for("files.upload_start")) == 1
    assert again.block == first.block and again.uploaded == first.uploaded
    # The server forgot it: the stale entry is dropped and the file uploaded again.
    fake_server.files.clear()
    third = Attachment.from_path(write(tmp_path, "b.mp4", MOVIE))
    await attachments.inspect(third)
    await attachments.upload(third)
    assert (
        len(fake_server.requests_for("files.upload_start")) == 2
        and fake_server.files[third.uploaded.name].data == MOVIE
    )


def test_cache_offers_entries_only_before_expiry_with_a_margin(uploads: UploadRepository, tmp_path: Path) -> None:
    now = [1_000_000.0]
    repo = UploadRepository(open_database(tmp_path / "other.sqlite3"), margin_s=3600, clock=lambda: now[0])
    file = UploadedFile("files/x", "https://h/files/x", "image/png", 10, "ACTIVE", expires_at=now[0] + 48 * 3600)
    repo.remember("AB" * 32, file)
    assert repo.lookup("ab" * 32) == file
    assert repo.lookup("ab" * 32, scope="another key") is None
    now[0] += 47 * 3600 - 1
    assert repo.lookup("ab" * 32) == file
    now[0] += 2
    assert repo.lookup("ab" * 32) is None
    now[0] += 3600
    assert repo.prune() == 1 and not repo.forget("ab" * 32)


def test_a_v3_database_migrates_to_the_upload_cache(tmp_path: Path) -> None:
    import sqlite3

    from desktop.store.migrations import MIGRATIONS

    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    for step in MIGRATIONS[:3]:
        conn.executescript(step.sql)
    conn.execute("PRAGMA user_version = 3")
    conn.commit()
    conn.close()
    db = open_database(path)
    assert db.schema_version >= 4 and (tmp_path / "old.sqlite3.bak-v3").is_file()
    repo = UploadRepository(db)
    repo.remember("cd" * 32, UploadedFile("files/y", "u", "video/mp4"))
    assert repo.lookup("cd" * 32).name == "files/y"
