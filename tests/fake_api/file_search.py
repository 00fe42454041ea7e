"""File Search stores API of the fake (``client.aio.file_search_stores`` of SDK 3.6.1).

Wire shapes, as the SDK sends and parses them (``google/genai/file_search_stores.py``,
``documents.py``, ``operations.py``, ``_operations_converters.py``):

```
POST   /{v}/fileSearchStores                      body {"displayName"}       -> FileSearchStore
GET    /{v}/fileSearchStores?pageSize=&pageToken=          -> {"fileSearchStores": [...], "nextPageToken"}
GET    /{v}/fileSearchStores/{id}                                            -> FileSearchStore
DELETE /{v}/fileSearchStores/{id}?force=true                                 -> {}  (400 FAILED_PRECONDITION if it
                                                                                  holds documents and force is not set)
POST   /upload/{v}/fileSearchStores/{id}:uploadToFileSearchStore   resumable start (body {"displayName","mimeType"})
       -> 200 + x-goog-upload-url; then chunks to that url; the final chunk answers an Operation
          {"name": "fileSearchStores/{id}/upload/operations/{op}", "done": false}
GET    /{v}/fileSearchStores/{id}/upload/operations/{op}                     -> Operation; done after
          ``processing_polls`` gets, with "response": {"parent", "documentName"} or "error": {"code", "message"}
GET    /{v}/fileSearchStores/{id}/documents                                  -> {"documents": [...]}
GET    /{v}/fileSearchStores/{id}/documents/{doc}                            -> Document
DELETE /{v}/fileSearchStores/{id}/documents/{doc}?force=true                 -> {}
```
FileSearchStore JSON is camelCase with int64 counts as strings; a Document has ``state``
``STATE_PENDING`` / ``STATE_ACTIVE`` / ``STATE_FAILED``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from .transport import RecordedRequest, Responder

if TYPE_CHECKING:
    from .server import FakeInteractionsServer

FILE_SEARCH_ROUTES: list[tuple[str, re.Pattern[str], str]] = [
    (
        "POST",
        re.compile(r"/upload/(?P<v>[^/]+)/fileSearchStores/(?P<store>[^/:]+):uploadToFileSearchStore$"),
        "fileSearchStores.upload",
    ),
    ("POST", re.compile(r"/(?P<v>[^/]+)/fileSearchStores$"), "fileSearchStores.create"),
    ("GET", re.compile(r"/(?P<v>[^/]+)/fileSearchStores$"), "fileSearchStores.list"),
    (
        "GET",
        re.compile(r"/(?P<v>[^/]+)/fileSearchStores/(?P<store>[^/]+)/upload/operations/(?P<op>[^/]+)$"),
        "fileSearchStores.operation",
    ),
    ("GET", re.compile(r"/(?P<v>[^/]+)/fileSearchStores/(?P<store>[^/]+)/documents$"), "fileSearchStores.documents"),
    (
        "GET",
        re.compile(r"/(?P<v>[^/]+)/fileSearchStores/(?P<store>[^/]+)/documents/(?P<doc>[^/]+)$"),
        "fileSearchStores.document_get",
    ),
    (
        "DELETE",
        re.compile(r"/(?P<v>[^/]+)/fileSearchStores/(?P<store>[^/]+)/documents/(?P<doc>[^/]+)$"),
        "fileSearchStores.document_delete",
    ),
    ("GET", re.compile(r"/(?P<v>[^/]+)/fileSearchStores/(?P<store>[^/]+)$"), "fileSearchStores.get"),
    ("DELETE", re.compile(r"/(?P<v>[^/]+)/fileSearchStores/(?P<store>[^/]+)$"), "fileSearchStores.delete"),
]


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _error(status: int, message: str, reason: str) -> dict[str, Any]:
    return {"error": {"code": status, "message": message, "status": reason}}


@dataclass
class FakeDocument:
    """A document of a store; ``data`` holds the uploaded bytes."""

    name: str
    display_name: str
    mime_type: str
    data: bytes
    state: str = "STATE_PENDING"
    created: datetime = field(default_factory=lambda: datetime.now(UTC))

    def to_json(self) -> dict[str, Any]:
        """The camelCase Document resource."""
        stamp = _iso(self.created)
        return {
            "name": self.name,
            "displayName": self.display_name,
            "mimeType": self.mime_type,
            "sizeBytes": str(len(self.data)),
            "state": self.state,
            "createTime": stamp,
            "updateTime": stamp,
        }


@dataclass
class FakeStore:
    """A File Search store and its documents (by full name)."""

    name: str
    display_name: str
    documents: dict[str, FakeDocument] = field(default_factory=dict)
    created: datetime = field(default_factory=lambda: datetime.now(UTC))

    def to_json(self) -> dict[str, Any]:
        """The camelCase FileSearchStore resource (int64 counts as strings, like the real API)."""
        docs = list(self.documents.values())
        stamp = _iso(self.created)
        return {
            "name": self.name,
            "displayName": self.display_name,
            "createTime": stamp,
            "updateTime": stamp,
            "activeDocumentsCount": str(sum(d.state == "STATE_ACTIVE" for d in docs)),
            "pendingDocumentsCount": str(sum(d.state == "STATE_PENDING" for d in docs)),
            "failedDocumentsCount": str(sum(d.state == "STATE_FAILED" for d in docs)),
            "sizeBytes": str(sum(len(d.data) for d in docs)),
        }


@dataclass
class FakeOperation:
    """An upload's long-running operation: done after ``polls_left`` reaches 0."""

    name: str
    document: FakeDocument
    store: FakeStore
    polls_left: int
    fail_message: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The Operation resource; finishing it settles the document's state."""
        body: dict[str, Any] = {"name": self.name, "done": self.polls_left <= 0}
        if self.polls_left > 0:
            return body
        if self.fail_message:
            self.document.state = "STATE_FAILED"
            body["error"] = {"code": 3, "message": self.fail_message}
        else:
            self.document.state = "STATE_ACTIVE"
            body["response"] = {
                "@type": "type.googleapis.com/google.ai.generativelanguage.v1main.UploadToFileSearchStoreResponse",
                "parent": self.store.name,
                "documentName": self.document.name,
            }
        return body


@dataclass
class _Session:
    store: str
    display_name: str
    mime_type: str
    buffer: bytearray = field(default_factory=bytearray)


class FileSearchState:
    """Stores, documents, upload sessions and operations; guarded by the server's lock.

    ``processing_polls``: operation gets before an upload is done (0: done at once).
    ``failing_names``: display names whose processing fails (the document ends ``STATE_FAILED``).
    """

    def __init__(self) -> None:
        self.stores: dict[str, FakeStore] = {}
        self.operations: dict[str, FakeOperation] = {}
        self.sessions: dict[str, _Session] = {}
        self.processing_polls = 1
        self.failing_names: set[str] = set()
        self._ids = itertools.count(1)

    def new_id(self, prefix: str) -> str:
        """A fresh resource id like ``prefix-0001``."""
        return f"{prefix}-{next(self._ids):04d}"

    def add_store(self, display_name: str) -> FakeStore:
        """Create a store (tests may also seed stores this way)."""
        store = FakeStore(f"fileSearchStores/{self.new_id('store')}", display_name)
        self.stores[store.name] = store
        return store

    def add_document(self, store: FakeStore, display_name: str, data: bytes, mime_type: str) -> FakeOperation:
        """A document (pending) and the operation that processes it."""
        doc = FakeDocument(f"{store.name}/documents/{self.new_id('doc')}", display_name, mime_type, data)
        store.documents[doc.name] = doc
        op = FakeOperation(
            f"{store.name}/upload/operations/{self.new_id('op')}",
            doc,
            store,
            self.processing_polls,
            "The file could not be processed." if display_name in self.failing_names else None,
        )
        self.operations[op.name] = op
        if op.polls_left <= 0:
            op.to_json()
        return op


class FileSearchRoutes:
    """Router mixin: the handlers of ``FILE_SEARCH_ROUTES`` (``self.server`` is the fake server)."""

    server: FakeInteractionsServer

    def _state(self) -> FileSearchState:
        return self.server.file_search

    def _store_or_404(self, responder: Responder, store_id: str) -> FakeStore | None:
        store = self._state().stores.get(f"fileSearchStores/{store_id}")
        if store is None:
            responder.send_json(
                404, _error(404, f"File search store fileSearchStores/{store_id} not found.", "NOT_FOUND")
            )
        return store

    def _fileSearchStores_create(self, request: RecordedRequest, responder: Responder) -> None:  # noqa: N802
        body = request.json if isinstance(request.json, dict) else {}
        with self.server.lock:
            store = self._state().add_store(str(body.get("displayName") or ""))
            payload = store.to_json()
        responder.send_json(200, payload)

    def _fileSearchStores_list(self, request: RecordedRequest, responder: Responder) -> None:  # noqa: N802
        size = int(request.query.get("pageSize") or 10)
        start = int(request.query.get("pageToken") or 0)
        with self.server.lock:
            stores = [s.to_json() for s in self._state().stores.values()]
        page: dict[str, Any] = {"fileSearchStores": stores[start : start + size]}
        if start + size < len(stores):
            page["nextPageToken"] = str(start + size)
        responder.send_json(200, page)

    def _fileSearchStores_get(self, request: RecordedRequest, responder: Responder) -> None:  # noqa: N802
        with self.server.lock:
            store = self._store_or_404(responder, request.params["store"])
            if store is not None:
                responder.send_json(200, store.to_json())

    def _fileSearchStores_delete(self, request: RecordedRequest, responder: Responder) -> None:  # noqa: N802
        with self.server.lock:
            store = self._store_or_404(responder, request.params["store"])
            if store is None:
                return
            if store.documents and str(request.query.get("force", "")).lower() != "true":
                message = "Cannot delete a non-empty file search store unless force is true."
                responder.send_json(400, _error(400, message, "FAILED_PRECONDITION"))
                return
            del self._state().stores[store.name]
        responder.send_json(200, {})

    def _fileSearchStores_upload(self, request: RecordedRequest, responder: Responder) -> None:  # noqa: N802
        if "start" in request.headers.get("x-goog-upload-command", ""):
            self._upload_start(request, responder)
        else:
            self._upload_chunk(request, responder)

    def _upload_start(self, request: RecordedRequest, responder: Responder) -> None:
        body = request.json if isinstance(request.json, dict) else {}
        with self.server.lock:
            store = self._store_or_404(responder, request.params["store"])
            if store is None:
                return
            upload_id = self._state().new_id("upload")
            self._state().sessions[upload_id] = _Session(
                store.name,
                str(body.get("displayName") or request.headers.get("x-goog-upload-file-name") or "document"),
                str(
                    body.get("mimeType")
                    or request.headers.get("x-goog-upload-header-content-type")
                    or "application/octet-stream"
                ),
            )
        url = f"{self.server.base_url}{request.path}?upload_id={upload_id}"
        responder.send_json(200, {}, {"x-goog-upload-url": url, "x-goog-upload-status": "active"})

    def _upload_chunk(self, request: RecordedRequest, responder: Responder) -> None:
        final = {"x-goog-upload-status": "final"}
        with self.server.lock:
            state = self._state()
            session = state.sessions.get(request.query.get("upload_id", ""))
            if session is None:
                responder.send_json(404, _error(404, "Upload session not found.", "NOT_FOUND"), final)
                return
            session.buffer.extend(request.body)
            if "finalize" not in request.headers.get("x-goog-upload-command", ""):
                responder.send_bytes(200, "text/plain", b"", {"x-goog-upload-status": "active"})
                return
            del state.sessions[request.query["upload_id"]]
            store = state.stores.get(session.store)
            if store is None:
                responder.send_json(404, _error(404, "The store was deleted.", "NOT_FOUND"), final)
                return
            op = state.add_document(store, session.display_name, bytes(session.buffer), session.mime_type)
            payload = op.to_json()
        responder.send_json(200, payload, final)

    def _fileSearchStores_operation(self, request: RecordedRequest, responder: Responder) -> None:  # noqa: N802
        name = f"fileSearchStores/{request.params['store']}/upload/operations/{request.params['op']}"
        with self.server.lock:
            op = self._state().operations.get(name)
            if op is not None:
                op.polls_left = max(0, op.polls_left - 1)
                payload = op.to_json()
        if op is None:
            responder.send_json(404, _error(404, f"Operation {name} not found.", "NOT_FOUND"))
        else:
            responder.send_json(200, payload)

    def _fileSearchStores_documents(self, request: RecordedRequest, responder: Responder) -> None:  # noqa: N802
        with self.server.lock:
            store = self._store_or_404(responder, request.params["store"])
            if store is not None:
                responder.send_json(200, {"documents": [d.to_json() for d in store.documents.values()]})

    def _document(self, request: RecordedRequest, responder: Responder) -> tuple[FakeStore, FakeDocument] | None:
        store = self._store_or_404(responder, request.params["store"])
        if store is None:
            return None
        doc = store.documents.get(f"{store.name}/documents/{request.params['doc']}")
        if doc is None:
            responder.send_json(404, _error(404, f"Document {request.params['doc']} not found.", "NOT_FOUND"))
            return None
        return store, doc

    def _fileSearchStores_document_get(self, request: RecordedRequest, responder: Responder) -> None:  # noqa: N802
        with self.server.lock:
            found = self._document(request, responder)
            if found is not None:
                responder.send_json(200, found[1].to_json())

    def _fileSearchStores_document_delete(self, request: RecordedRequest, responder: Responder) -> None:  # noqa: N802
        with self.server.lock:
            found = self._document(request, responder)
            if found is not None:
                del found[0].documents[found[1].name]
                responder.send_json(200, {})
