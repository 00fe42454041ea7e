"""The fake's File Search stores API and its request checks, driven by the real SDK."""

from __future__ import annotations

import io

import pytest
from google.genai import _interactions as ix
from google.genai import errors, types

from tests.fake_api import FakeInteractionsServer, fixtures

genai_client = fixtures.genai_client


def test_stores_are_created_listed_filled_polled_and_deleted(genai_client, fake_server: FakeInteractionsServer):
    client = genai_client
    store = client.file_search_stores.create(config={"display_name": "Manuals"})
    assert isinstance(store, types.FileSearchStore)
    assert store.name.startswith("fileSearchStores/") and store.display_name == "Manuals"

    fake_server.file_search.processing_polls = 2
    op = client.file_search_stores.upload_to_file_search_store(
        file_search_store_name=store.name,
        file=io.BytesIO(b"hello manual"),
        config={"display_name": "manual.txt", "mime_type": "text/plain"},
    )
    assert isinstance(op, types.UploadToFileSearchStoreOperation) and not op.done
    docs = list(client.file_search_stores.documents.list(parent=store.name))
    assert [d.state for d in docs] == [types.DocumentState.STATE_PENDING]
    op = client.operations.get(op)
    assert not op.done
    op = client.operations.get(op)
    assert op.done and op.response.document_name == docs[0].name and op.response.parent == store.name
    docs = list(client.file_search_stores.documents.list(parent=store.name))
    assert docs[0].state == types.DocumentState.STATE_ACTIVE and docs[0].display_name == "manual.txt"
    assert docs[0].size_bytes == len(b"hello manual")
    assert client.file_search_stores.get(name=store.name).active_documents_count == 1

    listed = list(client.file_search_stores.list())
    assert [s.name for s in listed] == [store.name]
    with pytest.raises(errors.ClientError):  # not empty, no force
        client.file_search_stores.delete(name=store.name)
    client.file_search_stores.documents.delete(name=docs[0].name, config={"force": True})
    assert list(client.file_search_stores.documents.list(parent=store.name)) == []
    client.file_search_stores.delete(name=store.name, config={"force": True})
    assert list(client.file_search_stores.list()) == []


def test_a_failing_document_ends_in_an_operation_error(genai_client, fake_server: FakeInteractionsServer):
    fake_server.file_search.processing_polls = 0
    fake_server.file_search.failing_names.add("bad.bin")
    store = genai_client.file_search_stores.create(config={"display_name": "S"})
    op = genai_client.file_search_stores.upload_to_file_search_store(
        file_search_store_name=store.name,
        file=io.BytesIO(b"x"),
        config={"display_name": "bad.bin", "mime_type": "application/octet-stream"},
    )
    assert op.done and op.error and "could not be processed" in op.error["message"]
    docs = list(genai_client.file_search_stores.documents.list(parent=store.name))
    assert docs[0].state == types.DocumentState.STATE_FAILED


@pytest.mark.parametrize(
    ("tools", "fragment"),
    [
        ([{"type": "file_search"}], "file_search_store_names"),
        ([{"type": "file_search", "file_search_store_names": ["manuals"]}], "fileSearchStores/"),
        ([{"type": "function", "name": "bad name!"}], "function name"),
        ([{"type": "telepathy"}], "unknown tool type"),
        ([{"type": "mcp_server", "name": "x"}], "mcp_server"),
    ],
)
def test_a_malformed_tool_declaration_is_refused_with_a_400(genai_client, fake_server, tools, fragment):
    with pytest.raises(ix.BadRequestError) as caught:
        genai_client.interactions.create(model="gemini-3-flash-preview", input="hi", tools=tools)
    assert fragment in caught.value.body["error"]["message"]
    assert fake_server.interaction_requests()[0].json["tools"] == tools  # recorded all the same


def test_well_formed_tools_tool_choice_and_json_format_are_accepted(genai_client, fake_server):
    tools = [
        {"type": "google_search"},
        {"type": "url_context"},
        {"type": "code_execution"},
        {"type": "google_maps"},
        {"type": "file_search", "file_search_store_names": ["fileSearchStores/a"]},
    ]
    fmt = {"type": "text", "mime_type": "application/json", "schema": {"type": "object"}}
    genai_client.interactions.create(
        model="gemini-3-flash-preview",
        input="hi",
        tools=tools,
        generation_config={"tool_choice": "any"},
        response_format=fmt,
    )
    body = fake_server.interaction_requests()[0].json
    assert body["tools"] == tools and body["generation_config"] == {"tool_choice": "any"}
    assert body["response_format"] == fmt
    with pytest.raises(ix.BadRequestError):
        genai_client.interactions.create(model="m", input="hi", extra_body={"tool_choice": "auto"})
    with pytest.raises(ix.BadRequestError):
        genai_client.interactions.create(model="m", input="hi", generation_config={"tool_choice": "sometimes"})
