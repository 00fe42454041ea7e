"""Request routing and the API behaviour of the fake: interactions, models and files endpoints.

Paths are matched at their end, so any version segment (``v1``, ``v1beta``) and any base-url
prefix work (spec §1.1).
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from . import models as model_catalogue
from .file_search import FILE_SEARCH_ROUTES, FileSearchRoutes
from .files import no_access_message
from .records import InteractionRecord
from .replies import BackgroundRun, ErrorReply, Json, RawSse, Stream, with_event_ids
from .sse import ConnectionAborted, StreamFaults
from .tool_checks import request_problem
from .transport import RecordedRequest, Responder

if TYPE_CHECKING:
    from .server import FakeInteractionsServer

_ROUTES: list[tuple[str, re.Pattern[str], str]] = [
    ("POST", re.compile(r"/upload/(?P<v>[^/]+)/files$"), "files.upload"),
    ("POST", re.compile(r"/(?P<v>[^/]+)/interactions$"), "interactions.create"),
    ("POST", re.compile(r"/(?P<v>[^/]+)/interactions/(?P<id>[^/]+)/cancel$"), "interactions.cancel"),
    ("GET", re.compile(r"/(?P<v>[^/]+)/interactions/(?P<id>[^/]+)$"), "interactions.get"),
    ("DELETE", re.compile(r"/(?P<v>[^/]+)/interactions/(?P<id>[^/]+)$"), "interactions.delete"),
    ("GET", re.compile(r"/(?P<v>[^/]+)/models$"), "models.list"),
    ("GET", re.compile(r"/(?P<v>[^/]+)/models/(?P<name>[^/:]+)$"), "models.get"),
    ("GET", re.compile(r"/(?P<v>[^/]+)/tunedModels$"), "tunedModels.list"),
    ("GET", re.compile(r"/(?P<v>[^/]+)/files$"), "files.list"),
    ("GET", re.compile(r"/(?P<v>[^/]+)/files/(?P<id>[^/]+)$"), "files.get"),
    ("DELETE", re.compile(r"/(?P<v>[^/]+)/files/(?P<id>[^/]+)$"), "files.delete"),
    ("GET", re.compile(r"/media/(?P<name>[^/]+)$"), "media.get"),
    *FILE_SEARCH_ROUTES,
]
_CONTENT_TYPES = frozenset({"text", "image", "audio", "video", "document"})
_GOOGLE_STATUS = {
    400: "INVALID_ARGUMENT",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    503: "UNAVAILABLE",
}


def match_route(method: str, path: str, headers: dict[str, str]) -> tuple[str, dict[str, str]]:
    """The route name and path parameters for a request (``"unknown"`` when none matches)."""
    for route_method, pattern, name in _ROUTES:
        found = pattern.search(path)
        if route_method == method and found:
            params = {k: unquote(v) for k, v in found.groupdict().items() if v is not None}
            if name == "files.upload":
                start = "start" in headers.get("x-goog-upload-command", "")
                return ("files.upload_start" if start else "files.upload_chunk"), params
            return name, params
    return "unknown", {}


def input_as_steps(value: Any) -> list[dict[str, Any]]:
    """A create ``input`` as the steps a full-timeline ``get`` shows before the output."""
    if value is None:
        return []
    if isinstance(value, str):
        return [{"type": "user_input", "content": [{"type": "text", "text": value}]}]
    if isinstance(value, dict):
        value = [value]
    if isinstance(value, list) and value:
        if all(isinstance(v, dict) and v.get("type", "text") in _CONTENT_TYPES for v in value):
            return [{"type": "user_input", "content": value}]
        return [v for v in value if isinstance(v, dict)]
    return []


def _google_error(status: int, message: str) -> dict[str, Any]:
    """The classic Google error body the Models/Files endpoints use."""
    return {"error": {"code": status, "message": message, "status": _GOOGLE_STATUS.get(status, "UNKNOWN")}}


class Router(FileSearchRoutes):
    """Answers one recorded request against the server's state."""

    def __init__(self, server: FakeInteractionsServer) -> None:
        self.server = server

    def dispatch(self, request: RecordedRequest, responder: Responder) -> None:
        """Record, route and answer ``request``; a bug in the fake becomes a 500 and an entry in
        ``server.internal_errors`` instead of a silent hang."""
        request.route, request.params = match_route(request.method, request.path, request.headers)
        self.server.record(request)
        handler: Callable[[RecordedRequest, Responder], None] | None = getattr(
            self, "_" + request.route.replace(".", "_"), None
        )
        try:
            injected = self.server.take_route_error(request.route)
            if injected is not None:
                self._send_error(responder, injected)
            elif handler is None:
                responder.send_json(
                    404, {"error": {"code": "not_found", "message": f"No route for {request.method} {request.path}"}}
                )
            else:
                handler(request, responder)
        except (ConnectionAborted, OSError):
            raise
        except Exception:  # noqa: BLE001 - surfaced to tests through internal_errors
            self.server.internal_errors.append(traceback.format_exc())
            if responder.started:
                raise ConnectionAborted("fake server bug") from None
            responder.send_json(500, {"error": {"code": "fake_server_bug", "message": traceback.format_exc()}})

    # -- helpers ---------------------------------------------------------------------------
    @staticmethod
    def _send_error(responder: Responder, reply: ErrorReply) -> None:
        content_type, payload = reply.encoded()
        responder.send_bytes(reply.status, content_type, payload, reply.headers)

    @staticmethod
    def _not_found(responder: Responder, interaction_id: str) -> None:
        responder.send_json(
            404, {"error": {"code": "not_found", "message": f"Interaction {interaction_id} not found."}}
        )

    def _record(self, interaction_id: str) -> InteractionRecord | None:
        with self.server.lock:
            return self.server.records.get(interaction_id)

    # -- interactions ----------------------------------------------------------------------
    def _interactions_create(self, request: RecordedRequest, responder: Responder) -> None:
        body = request.json if isinstance(request.json, dict) else {}
        problem = request_problem(body)
        if problem is not None:  # a malformed tool declaration: refused before anything runs
            responder.send_json(400, {"error": {"code": "invalid_request", "message": problem}})
            return
        previous = body.get("previous_interaction_id")
        if previous and self.server.check_previous_ids and not self.server.is_known(str(previous)):
            self._reject_previous(responder, str(previous))
            return
        with self.server.lock:
            expired = self.server.file_store.expired_uris(body.get("input"))
        if expired:
            name = "files/" + expired[0].rsplit("/files/", 1)[-1]
            responder.send_json(403, {"error": {"code": "permission_denied", "message": no_access_message(name)}})
            return
        pending = self._unanswered_calls(str(previous)) if previous else []
        if pending:
            answered = {
                s.get("call_id") for s in input_as_steps(body.get("input")) if s.get("type") == "function_result"
            }
            missing = [c for c in pending if c not in answered]
            if missing:
                message = (
                    f"Interaction {previous} is waiting for function results: no function_result for call_id "
                    f"{', '.join(repr(c) for c in missing)}."
                )
                responder.send_json(400, {"error": {"code": "invalid_request", "message": message}})
                return
        reply = self.server.next_reply(body)
        streaming = body.get("stream") is True
        if isinstance(reply, ErrorReply):
            self._send_error(responder, reply)
        elif isinstance(reply, Json):
            if reply.status < 300 and reply.body.get("id"):
                self.server.store(InteractionRecord(str(reply.body["id"]), [], snapshot=reply.body, request_body=body))
            responder.send_json(reply.status, reply.body, reply.headers)
        elif isinstance(reply, BackgroundRun):
            self._create_background(reply, body, streaming, responder)
        elif isinstance(reply, Stream):
            self._create_stream(reply, body, streaming, responder)
        elif isinstance(reply, RawSse):
            self._create_raw(reply, body, responder)
        else:
            raise TypeError(f"unsupported reply {reply!r}")

    def _unanswered_calls(self, interaction_id: str) -> list[str]:
        """Call ids of ``function_call`` steps the interaction ended with and nothing answered (spec §3.3)."""
        with self.server.lock:
            record = self.server.records.get(interaction_id)
            if record is None:
                return []
            steps = record.interaction(include_input=False).get("steps") or []
        answered = {s.get("call_id") for s in steps if s.get("type") == "function_result"}
        return [str(s.get("id")) for s in steps if s.get("type") == "function_call" and s.get("id") not in answered]

    def _reject_previous(self, responder: Responder, previous: str) -> None:
        if self.server.expired_previous_id_status == 400:
            message = f"Invalid previous_interaction_id: Interaction {previous} not found or expired."
            responder.send_json(400, {"error": {"code": "invalid_request", "message": message}})
        else:
            status = self.server.expired_previous_id_status
            responder.send_json(
                status, {"error": {"code": "not_found", "message": f"Interaction {previous} not found or expired."}}
            )

    def _create_stream(self, reply: Stream, body: dict[str, Any], streaming: bool, responder: Responder) -> None:
        interaction_id = reply.resolved_id()
        prefix = interaction_id or f"stream{len(self.server.requests)}"
        events = with_event_ids(reply.events, prefix)
        defaults = {k: body[k] for k in ("model", "agent") if body.get(k)}
        record = InteractionRecord(interaction_id or prefix, events, defaults=defaults, request_body=body)
        if interaction_id and reply.stored:
            self.server.store(record)
        if not streaming:
            with self.server.lock:
                body = record.interaction()
            responder.send_json(200, body)
            return
        faults = StreamFaults(
            drop_after=reply.drop_after,
            stall_after=reply.stall_after,
            stall_seconds=reply.stall_seconds,
            frame_delay=reply.frame_delay,
            end_without_done=reply.end_without_done,
            raw_frames=reply.raw_frames,
            sse_event_lines=reply.sse_event_lines,
        )
        writer = responder.start_stream(faults, self.server.interrupt)
        writer.check_start()
        for position, event in enumerate(events):
            writer.write_event(event, position)
        writer.finish(len(events))

    def _create_raw(self, reply: RawSse, body: dict[str, Any], responder: Responder) -> None:
        events = reply.events()
        interaction_id = next(
            (str(e["interaction"]["id"]) for e in events if e.get("event_type") == "interaction.created"), None
        )
        if interaction_id and reply.stored:
            defaults = {k: body[k] for k in ("model", "agent") if body.get(k)}
            self.server.store(InteractionRecord(interaction_id, events, defaults=defaults, request_body=body))
        writer = responder.start_stream(StreamFaults(), self.server.interrupt)
        for block in reply.blocks():
            writer.write_raw(block)
        writer.wfile.write(b"0\r\n\r\n")
        writer.wfile.flush()

    def _create_background(
        self, run: BackgroundRun, body: dict[str, Any], streaming: bool, responder: Responder
    ) -> None:
        self.server.add_background_run(run, request_body=body)
        if not streaming:
            with self.server.lock:
                body = self.server.records[run.interaction_id].interaction()
            responder.send_json(200, body)
            return
        faults = StreamFaults(
            drop_after=run.drop_after,
            stall_after=run.stall_after,
            stall_seconds=run.stall_seconds,
            sse_event_lines=run.sse_event_lines,
        )
        self._stream_record(run.interaction_id, 0, faults, responder)

    def _stream_record(self, interaction_id: str, start: int, faults: StreamFaults, responder: Responder) -> None:
        """Stream a record's events from ``start``, following releases until it finishes."""
        interrupt = self.server.interrupt
        condition = self.server.condition
        writer = responder.start_stream(faults, interrupt)
        writer.check_start()
        sent = start
        while True:
            if interrupt.is_set():
                raise ConnectionAborted("server stopped or reset")
            with condition:
                record = self.server.records.get(interaction_id)
                if record is None:
                    break  # deleted or expired meanwhile: end the stream cleanly
                released = record.released()
                pending = record.events[sent:released]
                finished = record.finished() and sent + len(pending) >= released
                wait = record.next_release_in()
            for event in pending:
                writer.write_event(event, sent)
                sent += 1
            if finished:
                break
            with condition:
                # Capped so a missed notification costs at most a short delay.
                condition.wait(0.2 if wait is None else min(max(wait, 0.001), 0.2))
        writer.finish(sent)

    def _interactions_get(self, request: RecordedRequest, responder: Responder) -> None:
        interaction_id = request.params["id"]
        failure = self.server.read_failure(interaction_id)
        if failure is not None:
            self._send_error(responder, failure)
            return
        record = self._record(interaction_id)
        if record is None:
            self._not_found(responder, interaction_id)
            return
        if request.query.get("stream") == "true":
            start = record.index_after(request.query.get("last_event_id"))
            if request.query.get("last_event_id") and start > 0:
                start = max(0, start - self.server.resume_overlap)
            self._stream_record(interaction_id, start, self.server.take_get_stream_faults(), responder)
            return
        with self.server.lock:
            steps = input_as_steps(record.request_body.get("input")) if self.server.echo_input_in_get else []
            body = record.interaction(include_input=request.query.get("include_input") == "true", input_steps=steps)
        responder.send_json(200, body)

    def _interactions_cancel(self, request: RecordedRequest, responder: Responder) -> None:
        interaction_id = request.params["id"]
        with self.server.condition:
            record = self.server.records.get(interaction_id)
            if record is not None:
                record.cancel()
                self.server.condition.notify_all()
                body = record.interaction()
        if record is None:
            self._not_found(responder, interaction_id)
        else:
            responder.send_json(200, body)

    def _interactions_delete(self, request: RecordedRequest, responder: Responder) -> None:
        interaction_id = request.params["id"]
        with self.server.condition:
            record = self.server.records.pop(interaction_id, None)
            self.server.condition.notify_all()
        if record is None:
            self._not_found(responder, interaction_id)
        else:
            responder.send_json(200, {})

    # -- media -----------------------------------------------------------------------------
    def _media_get(self, request: RecordedRequest, responder: Responder) -> None:
        with self.server.lock:
            item = self.server.media.get(request.params["name"])
        if item is None:
            responder.send_json(404, _google_error(404, f"Media {request.params['name']} not found."))
        else:
            responder.send_bytes(200, item[0], item[1])

    # -- models ----------------------------------------------------------------------------
    def _models_list(self, request: RecordedRequest, responder: Responder) -> None:
        page = model_catalogue.list_page(
            self.server.models,
            request.query.get("pageSize"),
            request.query.get("pageToken"),
            self.server.models_page_size,
        )
        responder.send_json(200, page)

    def _models_get(self, request: RecordedRequest, responder: Responder) -> None:
        model = model_catalogue.find_model(self.server.models, request.params["name"])
        if model is None:
            responder.send_json(404, _google_error(404, f"models/{request.params['name']} is not found."))
        else:
            responder.send_json(200, model)

    def _tunedModels_list(self, request: RecordedRequest, responder: Responder) -> None:
        responder.send_json(200, {"tunedModels": []})

    # -- files -----------------------------------------------------------------------------
    def _files_upload_start(self, request: RecordedRequest, responder: Responder) -> None:
        failure = self.server.take_upload_failure("start")
        if failure is not None:
            responder.send_json(failure[0], _google_error(*failure))
            return
        session = self.server.file_store.start(request.headers, request.json)
        url = f"{self.server.base_url}/upload/{request.params['v']}/files?upload_id={session.upload_id}"
        responder.send_json(
            200,
            {},
            {"x-goog-upload-url": url, "x-goog-upload-status": "active", "x-goog-upload-chunk-granularity": "8388608"},
        )

    def _files_upload_chunk(self, request: RecordedRequest, responder: Responder) -> None:
        failure = self.server.take_upload_failure("chunk")
        if failure is not None:
            # A status header stops the SDK's slow chunk-retry loop (spec §4.2).
            responder.send_json(failure[0], _google_error(*failure), {"x-goog-upload-status": "final"})
            return
        with self.server.lock:
            status, body, headers = self._apply_chunk(request)
        if isinstance(body, bytes):
            responder.send_bytes(status, "text/plain", body, headers)
        else:
            responder.send_json(status, body, headers)

    def _apply_chunk(self, request: RecordedRequest) -> tuple[int, Any, dict[str, str]]:
        """Append a chunk to its session (lock held); the response to send."""
        final = {"x-goog-upload-status": "final"}
        session = self.server.file_store.sessions.get(request.query.get("upload_id", ""))
        if session is None:
            return 404, _google_error(404, "Upload session not found."), final
        offset = int(request.headers.get("x-goog-upload-offset") or 0)
        if offset != len(session.buffer):
            return 400, _google_error(400, f"Bad offset {offset}."), final
        session.buffer.extend(request.body)
        if "finalize" not in request.headers.get("x-goog-upload-command", ""):
            return 200, b"", {"x-goog-upload-status": "active"}
        stored = self.server.file_store.finalize(session, self.server.processing_polls)
        return 200, {"file": stored.to_json()}, final

    def _files_get(self, request: RecordedRequest, responder: Responder) -> None:
        with self.server.lock:
            stored = self.server.file_store.get(request.params["id"])
            expired = f"files/{request.params['id']}" in self.server.file_store.expired
            if stored is not None:
                body = stored.to_json()
                stored.processing_polls_left = max(0, stored.processing_polls_left - 1)
        if expired:
            responder.send_json(403, _google_error(403, no_access_message(request.params["id"])))
        elif stored is None:
            responder.send_json(404, _google_error(404, f"File files/{request.params['id']} not found."))
        else:
            responder.send_json(200, body)

    def _files_list(self, request: RecordedRequest, responder: Responder) -> None:
        with self.server.lock:
            files = [f.to_json() for f in self.server.file_store.files.values()]
        responder.send_json(200, {"files": files})

    def _files_delete(self, request: RecordedRequest, responder: Responder) -> None:
        with self.server.lock:
            stored = self.server.file_store.files.pop(f"files/{request.params['id']}", None)
        if stored is None:
            responder.send_json(404, _google_error(404, f"File files/{request.params['id']} not found."))
        else:
            responder.send_json(200, {})
