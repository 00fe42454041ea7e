"""File Search stores through the SDK (``client.aio.file_search_stores``, ``client.aio.operations``).

Runs on the SDK worker loop only (``GeminiService`` calls these); returns the app's own types
(``desktop.domain.knowledge``). Uploading into a store is a resumable upload that answers a
long-running operation; the document is searchable once the operation is done.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from desktop.domain.knowledge import DocumentState, KnowledgeDocument, KnowledgeStore, UploadResult
from desktop.services.genai import uploads

_STATES: dict[str, DocumentState] = {"STATE_PENDING": "pending", "STATE_ACTIVE": "active", "STATE_FAILED": "failed"}


def _int(value: Any) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def store_of(sdk_store: Any) -> KnowledgeStore:
    """SDK ``FileSearchStore`` → ``KnowledgeStore``."""
    return KnowledgeStore(
        name=sdk_store.name or "",
        display_name=sdk_store.display_name or "",
        active_documents=_int(sdk_store.active_documents_count),
        pending_documents=_int(sdk_store.pending_documents_count),
        failed_documents=_int(sdk_store.failed_documents_count),
        size_bytes=_int(sdk_store.size_bytes),
    )


def document_of(sdk_doc: Any) -> KnowledgeDocument:
    """SDK ``Document`` → ``KnowledgeDocument``."""
    state = getattr(sdk_doc.state, "value", sdk_doc.state) or ""
    return KnowledgeDocument(
        name=sdk_doc.name or "",
        display_name=sdk_doc.display_name or (sdk_doc.name or "").rsplit("/", 1)[-1],
        state=_STATES.get(str(state), "unknown"),
        size_bytes=_int(sdk_doc.size_bytes),
        mime_type=sdk_doc.mime_type or "",
    )


async def list_stores(client: Any) -> list[KnowledgeStore]:
    """Every store of the project (all pages)."""
    pager = await client.aio.file_search_stores.list(config={"page_size": 20})
    return [store_of(s) async for s in pager]


async def create_store(client: Any, display_name: str) -> KnowledgeStore:
    """A new, empty store."""
    return store_of(await client.aio.file_search_stores.create(config={"display_name": display_name}))


async def delete_store(client: Any, name: str) -> None:
    """Delete a store with its documents (``force``)."""
    await client.aio.file_search_stores.delete(name=name, config={"force": True})


async def list_documents(client: Any, store: str) -> list[KnowledgeDocument]:
    """The documents of a store (all pages)."""
    pager = await client.aio.file_search_stores.documents.list(parent=store)
    return [document_of(d) async for d in pager]


async def delete_document(client: Any, name: str) -> None:
    """Delete one document (``force`` also removes its chunks)."""
    await client.aio.file_search_stores.documents.delete(name=name, config={"force": True})


async def upload(  # noqa: PLR0913 - one upload's whole description
    client: Any,
    store: str,
    source: Path | bytes,
    *,
    mime_type: str,
    display_name: str,
    loop: asyncio.AbstractEventLoop,
    progress: Callable[[int, int], None] | None,
    processing: Callable[[], None] | None,
    poll_s: float,
    timeout_s: float,
) -> UploadResult:
    """Upload a file into ``store`` and wait until the server has processed it.

    ``progress(sent, total)`` and ``processing()`` (upload done, indexing starts) run on ``loop``.
    A processing error or a timeout gives a ``failed`` result with the reason; HTTP errors raise.
    """
    reader = uploads.ProgressReader(source, loop, progress)
    try:
        op = await client.aio.file_search_stores.upload_to_file_search_store(
            file_search_store_name=store,
            file=reader,
            config={"mime_type": mime_type, "display_name": display_name},
        )
    finally:
        reader.close()
    reader.report(reader.total)
    if processing is not None:
        loop.call_soon_threadsafe(processing)
    deadline = asyncio.get_running_loop().time() + timeout_s
    while not op.done:
        if asyncio.get_running_loop().time() > deadline:
            return UploadResult(None, "failed", "The server is still processing the file. Look again later.")
        await asyncio.sleep(poll_s)
        op = await client.aio.operations.get(op)
    if op.error:
        message = op.error.get("message") if isinstance(op.error, dict) else str(op.error)
        return UploadResult(None, "failed", str(message or "The server could not process the file."))
    document = op.response.document_name if op.response is not None else None
    return UploadResult(document, "active")


class KnowledgeApi:
    """File Search stores for callers on any loop (``GeminiService.knowledge``); errors arrive as app errors."""

    def __init__(self, call: Callable[[Callable[[Any], Awaitable[Any]]], Awaitable[Any]]) -> None:
        # ``GeminiService._call``: runs a coroutine function of the client on the worker loop.
        self._call = call

    async def list_stores(self) -> list[KnowledgeStore]:
        """Every File Search store."""
        stores: list[KnowledgeStore] = await self._call(list_stores)
        return stores

    async def create_store(self, display_name: str) -> KnowledgeStore:
        """A new store."""
        store: KnowledgeStore = await self._call(lambda c: create_store(c, display_name))
        return store

    async def delete_store(self, name: str) -> None:
        """Delete a store and its documents."""
        await self._call(lambda c: delete_store(c, name))

    async def list_documents(self, store: str) -> list[KnowledgeDocument]:
        """The documents of a store."""
        documents: list[KnowledgeDocument] = await self._call(lambda c: list_documents(c, store))
        return documents

    async def delete_document(self, name: str) -> None:
        """Delete one document."""
        await self._call(lambda c: delete_document(c, name))

    async def upload(
        self,
        store: str,
        source: Path | bytes,
        *,
        mime_type: str,
        display_name: str,
        progress: Callable[[int, int], None] | None = None,
        processing: Callable[[], None] | None = None,
        poll_s: float = 2.0,
        timeout_s: float = 600.0,
    ) -> UploadResult:
        """Upload into ``store`` and wait for processing; callbacks run on the caller's loop."""
        loop = asyncio.get_running_loop()
        result: UploadResult = await self._call(
            lambda c: upload(
                c,
                store,
                source,
                mime_type=mime_type,
                display_name=display_name,
                loop=loop,
                progress=progress,
                processing=processing,
                poll_s=poll_s,
                timeout_s=timeout_s,
            )
        )
        return result
