"""Models list and Files API on the fake server, through the real SDK (spec §5, §6)."""

from __future__ import annotations

import io
import json
import urllib.request
from typing import Any

import pytest
from google.genai import errors as genai_errors
from google.genai import types

from tests.fake_api import ErrorReply, FakeInteractionsServer, fixtures

# Fixtures shared through assignment (an import would look unused to linters).
fake_server = fixtures.fake_server
genai_client = fixtures.genai_client

CONTENT = b"hello from a test file.\n\x00\xff"


def test_models_list_paginates(fake_server: FakeInteractionsServer, genai_client: Any) -> None:
    models = list(genai_client.models.list(config={"page_size": 2}))
    assert [m.name for m in models] == [
        "models/gemini-3-flash-preview",
        "models/gemini-3.1-pro-preview",
        "models/gemini-2.5-flash",
        "models/gemini-3.1-flash-image",
        "models/text-embedding-004",
    ]
    queries = [r.query for r in fake_server.requests_for("models.list")]
    assert queries == [{"pageSize": "2"}, {"pageSize": "2", "pageToken": "2"}, {"pageSize": "2", "pageToken": "4"}]
    flash = models[0]
    assert flash.display_name == "Gemini 3 Flash Preview" and flash.thinking is True
    assert flash.input_token_limit == 1048576 and "generateContent" in flash.supported_actions
    assert models[-1].supported_actions == ["embedContent"]


def test_models_are_settable_and_get_one(fake_server: FakeInteractionsServer, genai_client: Any) -> None:
    fake_server.models = [
        {"name": "models/only-one", "displayName": "Only", "supportedGenerationMethods": ["generateContent"]}
    ]
    assert [m.display_name for m in genai_client.models.list()] == ["Only"]
    assert genai_client.models.get(model="only-one").name == "models/only-one"
    with pytest.raises(genai_errors.ClientError) as caught:
        genai_client.models.get(model="missing")
    assert caught.value.code == 404


@pytest.mark.asyncio
async def test_models_error_injection_async(fake_server: FakeInteractionsServer, genai_client: Any) -> None:
    fake_server.push_models_error(ErrorReply(503, message="unavailable now"))
    with pytest.raises(genai_errors.ServerError) as caught:
        await genai_client.aio.models.list()
    assert caught.value.code == 503 and "unavailable now" in str(caught.value)
    pager = await genai_client.aio.models.list(config={"page_size": 50})
    assert len([m async for m in pager]) == 5
    await genai_client.aio.aclose()


def test_upload_round_trips_bytes_then_processing_to_active(
    fake_server: FakeInteractionsServer, genai_client: Any
) -> None:
    fake_server.processing_polls = 2
    uploaded = genai_client.files.upload(
        file=io.BytesIO(CONTENT), config={"mime_type": "text/plain", "display_name": "notes.txt"}
    )
    assert uploaded.name.startswith("files/") and uploaded.size_bytes == len(CONTENT)
    assert uploaded.mime_type == "text/plain" and uploaded.display_name == "notes.txt"
    assert uploaded.uri.endswith(uploaded.name)
    assert fake_server.files[uploaded.name].data == CONTENT
    states = [genai_client.files.get(name=uploaded.name).state for _ in range(3)]
    assert states == [types.FileState.PROCESSING, types.FileState.PROCESSING, types.FileState.ACTIVE]
    start, chunk = fake_server.requests[:2]
    assert (start.route, start.path) == ("files.upload_start", "/upload/v1/files")
    assert start.headers["x-goog-upload-command"] == "start"
    assert chunk.route == "files.upload_chunk" and chunk.body == CONTENT
    assert chunk.headers["x-goog-upload-command"] == "upload, finalize"


def test_upload_from_path(tmp_path: Any, fake_server: FakeInteractionsServer, genai_client: Any) -> None:
    path = tmp_path / "sample.txt"
    path.write_bytes(CONTENT)
    uploaded = genai_client.files.upload(file=str(path))
    assert uploaded.state == types.FileState.ACTIVE
    assert fake_server.files[uploaded.name].data == CONTENT
    assert fake_server.files[uploaded.name].display_name == "sample.txt"


def test_failed_uploads(fake_server: FakeInteractionsServer, genai_client: Any) -> None:
    fake_server.fail_next_upload(500, message="disk full")
    with pytest.raises(genai_errors.ServerError):
        genai_client.files.upload(file=io.BytesIO(CONTENT), config={"mime_type": "text/plain"})
    fake_server.fail_next_upload(403, stage="chunk")
    with pytest.raises(genai_errors.APIError) as caught:
        genai_client.files.upload(file=io.BytesIO(CONTENT), config={"mime_type": "text/plain"})
    assert caught.value.code == 403
    assert fake_server.files == {}


def test_multi_chunk_protocol(fake_server: FakeInteractionsServer) -> None:
    def post(url: str, body: bytes, headers: dict[str, str]) -> Any:
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        return urllib.request.urlopen(request, timeout=10)

    start = post(
        fake_server.base_url + "/upload/v1beta/files",
        json.dumps({"file": {"display_name": "big.bin", "mime_type": "application/octet-stream"}}).encode(),
        {"x-goog-upload-protocol": "resumable", "x-goog-upload-command": "start", "content-type": "application/json"},
    )
    url = start.headers["x-goog-upload-url"]
    assert url.startswith(fake_server.base_url + "/upload/")
    first = post(url, b"abc", {"x-goog-upload-command": "upload", "x-goog-upload-offset": "0"})
    assert first.headers["x-goog-upload-status"] == "active"
    last = post(url, b"def", {"x-goog-upload-command": "upload, finalize", "x-goog-upload-offset": "3"})
    assert last.headers["x-goog-upload-status"] == "final"
    name = json.loads(last.read())["file"]["name"]
    assert fake_server.files[name].data == b"abcdef"
