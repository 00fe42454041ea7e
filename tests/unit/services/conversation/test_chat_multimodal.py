"""Turn requests with attachments and image options: blocks, prepared blocks, replay, response_format."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import threading
from typing import Any

from desktop.domain.conversation import BlobPart, ConversationSettings, TextPart, Turn, TurnStatus
from desktop.services.conversation.chat import blob_resolver, plan_turn, response_format
from desktop.services.conversation.chat_turn import TurnRunner
from tests.service_helpers import Sink

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
SHA = hashlib.sha256(PNG).hexdigest()


def image(uri: str | None = None) -> BlobPart:
    return BlobPart(kind="image", mime_type="image/png", sha256=SHA, name="a.png", size=len(PNG), uri=uri)


def test_response_format_only_when_the_user_chose_image_options() -> None:
    assert response_format(ConversationSettings()) is None
    assert response_format(ConversationSettings(image_aspect_ratio="3:4")) == [
        {"type": "text"},
        {"type": "image", "aspect_ratio": "3:4"},
    ]
    settings = ConversationSettings(image_aspect_ratio="1:1", image_size="4K")
    request = plan_turn(settings, [TextPart("a cat")], []).request
    assert request.response_format == [{"type": "text"}, {"type": "image", "aspect_ratio": "1:1", "image_size": "4K"}]
    assert "image_config" not in (request.generation_config or {})
    assert "response_format" not in plan_turn(ConversationSettings(), [TextPart("hi")], []).request.to_params()


def test_text_files_replay_as_text_and_media_as_base64() -> None:
    text = b"print('hi')\n"
    stored = {SHA: PNG, hashlib.sha256(text).hexdigest(): text}
    resolve = blob_resolver(stored.__getitem__)
    assert resolve(image()) == {"type": "image", "data": base64.b64encode(PNG).decode(), "mime_type": "image/png"}
    code = BlobPart(kind="text", mime_type="text/x-python", sha256=hashlib.sha256(text).hexdigest(), name="a.py")
    assert resolve(code) == {"type": "text", "text": "a.py:\nprint('hi')\n"}
    assert blob_resolver(lambda sha: (_ for _ in ()).throw(KeyError(sha)))(image()) is None


def test_prepared_blocks_are_used_instead_of_reading_again() -> None:
    def never(_sha: str) -> bytes:
        raise AssertionError("read again")

    prepared = {SHA: {"type": "image", "data": "UFJFUA==", "mime_type": "image/png"}}
    plan = plan_turn(ConversationSettings(), [image(), TextPart("what?")], [], read_blob=never, prepared=prepared)
    assert plan.request.input == [
        {
            "type": "user_input",
            "content": [
                {"type": "image", "data": "UFJFUA==", "mime_type": "image/png"},
                {"type": "text", "text": "what?"},
            ],
        }
    ]


def test_uploaded_attachments_are_referenced_by_uri_when_chained() -> None:
    plan = plan_turn(ConversationSettings(), [image("https://files/abc")], [])
    assert plan.request.input == [
        {"type": "user_input", "content": [{"type": "image", "mime_type": "image/png", "uri": "https://files/abc"}]}
    ]


def test_replay_sends_small_uploaded_attachments_from_the_local_copy() -> None:
    first = Turn.new("c", None, [image("https://files/old"), TextPart("look")])
    first.answer, first.status, first.interaction_id = [TextPart("seen")], TurnStatus.STOPPED, "v1_a"
    big = BlobPart(
        kind="video", mime_type="video/mp4", sha256="b" * 64, name="v.mp4", size=10**9, uri="https://files/v"
    )
    first.prompt.append(big)
    plan = plan_turn(ConversationSettings(), [TextPart("again")], [first], read_blob={SHA: PNG}.__getitem__)
    assert plan.stateless
    content = plan.request.input[0]["content"]
    assert content[0] == {"type": "image", "data": base64.b64encode(PNG).decode(), "mime_type": "image/png"}
    assert content[2] == {"type": "video", "mime_type": "video/mp4", "uri": "https://files/v"}  # too big to inline
    assert first.prompt[0].uri == "https://files/old"  # the stored turn is not changed


class _Repo:
    def add_turn(self, turn: Turn) -> None: ...
    def update_turn(self, turn: Turn) -> None: ...
    def append_stream_progress(self, *args: Any) -> None: ...


class _Stream:
    stopped = False

    def __init__(self) -> None:
        self.request: Any = None

    def __aiter__(self) -> Any:
        return self

    async def __anext__(self) -> Any:
        raise StopAsyncIteration

    def stop(self) -> None: ...


class _Service:
    def __init__(self) -> None:
        self.requests: list[Any] = []

    def stream_turn(self, request: Any) -> _Stream:
        self.requests.append(request)
        return _Stream()


def test_the_turn_runner_reads_attachments_off_the_calling_thread() -> None:
    caller = threading.get_ident()
    readers: list[int] = []

    class Blobs:
        def get(self, sha: str) -> bytes:
            readers.append(threading.get_ident())
            return PNG

    async def blocking(fn: Any, *args: Any, **kwargs: Any) -> Any:
        return await asyncio.to_thread(fn, *args, **kwargs)

    service = _Service()
    runner = TurnRunner(_Repo(), lambda: service, blocking, blobs=Blobs())
    turn = Turn.new("c", None, [image(), TextPart("hi")])
    asyncio.run(runner.run(turn, ConversationSettings(), [], Sink()))
    assert readers and caller not in readers
    assert service.requests[0].input[0]["content"][0]["data"] == base64.b64encode(PNG).decode()
