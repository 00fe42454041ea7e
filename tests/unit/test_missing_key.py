"""Every action that needs an API key says the same thing when there is none, from one place."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from desktop import errors as app
from desktop.domain.research import ResearchTask
from desktop.services.attachments.service import Attachment, AttachmentService
from desktop.services.research.service import ResearchManager

ROOT = Path(__file__).resolve().parents[2] / "desktop"


def test_the_wording_lives_in_one_place() -> None:
    holders = [p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*.py") if "Add an API key" in p.read_text("utf-8")]
    assert holders == ["errors.py"]
    assert app.NO_KEY_MESSAGE.count("Add an API key") == 1


def test_research_and_uploads_raise_the_one_error() -> None:
    class _Quiet:
        def __getattr__(self, name: str) -> object:
            return lambda *args, **kwargs: None

    manager = ResearchManager(lambda: None, _Quiet(), _Quiet(), lambda coro: coro.close())  # type: ignore[arg-type]
    task = ResearchTask.new("q", "agent", {})
    task.interaction_id = "v1_x"
    with pytest.raises(app.MissingKeyError) as research:
        asyncio.run(manager.cancel(task))
    assert research.value.message == app.NO_KEY_MESSAGE
    uploads = AttachmentService(None)
    att = Attachment.from_bytes(b"x" * 10, "x.bin")
    with pytest.raises(app.MissingKeyError) as upload:
        asyncio.run(uploads.upload(att))
    assert upload.value.message == app.NO_KEY_MESSAGE
