"""``FakeInteractionsServer``: the test-facing object (scenario queue, recorded requests, faults).

It owns all state behind one lock; ``routes.Router`` answers HTTP requests against that state.
A test configures what the next requests get, points the real SDK at ``base_url`` and asserts on
``requests`` afterwards.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from . import scenarios
from .file_search import FileSearchState
from .files import FakeFile, FileStore
from .models import default_models
from .records import InteractionRecord
from .replies import BackgroundRun, ErrorReply, Reply, ReplySource, Stream, with_event_ids
from .routes import Router
from .sse import StreamFaults
from .transport import RecordedRequest, TrackingHTTPServer, make_server


class FakeInteractionsServer:
    """A real HTTP/1.1 server on 127.0.0.1 speaking the Interactions, Models and Files APIs.

    Configuration attributes (kept across ``reset``):
    ``default_reply`` (a reply, or a callable taking the create body; used when the queue is
    empty), ``check_previous_ids``, ``expired_previous_id_status`` (404 or 400),
    ``echo_input_in_get`` (``get`` prepends the request input as steps), ``models``,
    ``models_page_size``, ``processing_polls``, ``resume_overlap`` (a ``get(stream=True,
    last_event_id=X)`` also replays X and the ``resume_overlap - 1`` events before it, as a server
    whose resume is inclusive or overlaps would; 0, the default, replays strictly after X).
    """

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._cond = threading.Condition(self._lock)
        self._interrupt = threading.Event()
        self._httpd: TrackingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._ids = itertools.count(1)
        self._router = Router(self)
        self.default_reply: ReplySource = self._echo_reply
        self.check_previous_ids = True
        self.expired_previous_id_status = 404
        self.echo_input_in_get = True
        self.models: list[dict[str, Any]] = default_models()
        self.models_page_size = 50
        self.processing_polls = 0
        self.resume_overlap = 0
        self.internal_errors: list[str] = []
        self._clear_state()

    def _clear_state(self) -> None:
        self._queue: deque[ReplySource] = deque()
        self._requests: list[RecordedRequest] = []
        self.records: dict[str, InteractionRecord] = {}
        self.known_ids: set[str] = set()
        self._expired: set[str] = set()
        self._get_stream_faults: deque[StreamFaults] = deque()
        self._route_errors: dict[str, deque[ErrorReply]] = {}
        self._upload_failures: deque[tuple[int, str, str]] = deque()
        self._read_failures: dict[str, ErrorReply] = {}
        #: Media served at ``/media/<name>`` (generated outputs given as a ``uri``): name -> (mime, bytes).
        self.media: dict[str, tuple[str, bytes]] = {}
        self.file_store = FileStore()
        #: File Search stores, documents and upload operations (``file_search.py``).
        self.file_search = FileSearchState()

    # -- lifecycle -------------------------------------------------------------------------
    def start(self) -> FakeInteractionsServer:
        """Bind an ephemeral port and serve in a daemon thread; returns self."""
        if self._httpd is not None:
            return self
        self._interrupt = threading.Event()
        self._httpd = make_server(self._router.dispatch)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-interactions-api", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, interrupt stalls and close every connection. Never blocks for long."""
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        with self._cond:
            self._interrupt.set()
            self._cond.notify_all()
        httpd.shutdown()
        httpd.close_all_connections()
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FakeInteractionsServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The bound TCP port."""
        if self._httpd is None:
            raise RuntimeError("server not started")
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT`` for ``HttpOptions(base_url=...)``."""
        return f"http://127.0.0.1:{self.port}"

    def reset(self) -> None:
        """Forget queued replies, requests, interactions, files and pending faults.

        In-flight stalls and background streams are aborted; configuration attributes stay.
        """
        with self._cond:
            old, self._interrupt = self._interrupt, threading.Event()
            old.set()
            self._clear_state()
            self._cond.notify_all()

    # -- scenario queue --------------------------------------------------------------------
    def push(self, *replies: ReplySource) -> None:
        """Queue replies (FIFO) for the next ``POST /{v}/interactions`` creates."""
        with self._lock:
            self._queue.extend(replies)

    @property
    def pending_replies(self) -> int:
        """How many pushed replies no create has consumed yet."""
        with self._lock:
            return len(self._queue)

    def next_reply(self, body: dict[str, Any]) -> Reply:
        """Pop the next queued reply (or the default), resolving factories with ``body``."""
        with self._lock:
            source = self._queue.popleft() if self._queue else self.default_reply
        return source(body) if callable(source) else source

    def new_interaction_id(self) -> str:
        """A fresh id like the real API's ``v1_...``."""
        return f"v1_fake{next(self._ids):04d}"

    def _echo_reply(self, body: dict[str, Any]) -> Reply:
        who = body.get("model") or body.get("agent") or "gemini-3-flash-preview"
        return Stream(
            scenarios.plain_text(self.new_interaction_id(), ["Fake reply ", "from ", str(who), "."], model=str(who))
        )

    # -- recorded requests -----------------------------------------------------------------
    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far, in arrival order (a copy)."""
        with self._lock:
            return list(self._requests)

    def record(self, request: RecordedRequest) -> None:
        """Called by the router for every request."""
        with self._cond:
            self._requests.append(request)
            self._cond.notify_all()

    def requests_for(self, route: str) -> list[RecordedRequest]:
        """Requests whose route matches, e.g. ``"interactions.get"`` or ``"files.upload_chunk"``."""
        return [r for r in self.requests if r.route == route]

    def interaction_requests(self) -> list[RecordedRequest]:
        """The recorded ``POST /{v}/interactions`` create requests only."""
        return self.requests_for("interactions.create")

    def wait_for(self, predicate: Callable[[FakeInteractionsServer], bool], timeout: float = 5.0) -> bool:
        """Block until ``predicate(server)`` holds (re-checked on each request); False on timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not predicate(self):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._cond.wait(min(remaining, 0.05))
        return True

    # -- stored interactions and background runs -------------------------------------------
    def stored(self, interaction_id: str) -> dict[str, Any] | None:
        """The Interaction a ``get`` would return now (without input steps), or None."""
        with self._lock:
            record = self.records.get(interaction_id)
            return record.interaction() if record else None

    def store(self, record: InteractionRecord) -> None:
        """Register a record (replacing one with the same id)."""
        with self._cond:
            self.records[record.interaction_id] = record
            self._expired.discard(record.interaction_id)
            self._cond.notify_all()

    def remember(self, *interaction_ids: str) -> None:
        """Mark ids as known for the ``previous_interaction_id`` check without storing them."""
        with self._lock:
            self.known_ids.update(interaction_ids)
            self._expired.difference_update(interaction_ids)

    def expire(self, interaction_id: str) -> None:
        """Forget an interaction: ``get`` answers 404 and it is rejected as a previous id."""
        with self._cond:
            self.records.pop(interaction_id, None)
            self.known_ids.discard(interaction_id)
            self._expired.add(interaction_id)
            self._cond.notify_all()

    def is_known(self, interaction_id: str) -> bool:
        """Whether a create may chain onto ``interaction_id``."""
        with self._lock:
            if interaction_id in self._expired:
                return False
            return interaction_id in self.records or interaction_id in self.known_ids

    def add_background_run(self, run: BackgroundRun, *, request_body: dict[str, Any] | None = None) -> None:
        """Register a background run as if created now (e.g. the app re-attaches after a restart)."""
        events = with_event_ids(run.events, run.interaction_id)
        self.store(InteractionRecord.from_run(run, events, request_body))

    def _change(self, interaction_id: str, change: Callable[[InteractionRecord], None]) -> None:
        with self._cond:
            record = self.records.get(interaction_id)
            if record is None:
                raise KeyError(f"unknown interaction {interaction_id!r}")
            change(record)
            self._cond.notify_all()

    def advance(self, interaction_id: str, n: int | None = None) -> None:
        """Release ``n`` more events of a run now (all when None); needed with ``seconds_per_event=None``."""
        self._change(interaction_id, lambda r: r.advance(n))

    def set_status(self, interaction_id: str, status: str | None) -> None:
        """Force the reported status (None clears it); a terminal one also stops further events."""
        self._change(interaction_id, lambda r: r.set_status(status))

    def fail_run(self, interaction_id: str, code: str = "internal", message: str = "The run failed.") -> None:
        """Fail a run: an ``error`` frame, a ``failed`` completion, ``errors`` on ``get``."""
        self._change(interaction_id, lambda r: r.fail(code, message))

    def cancel_run(self, interaction_id: str) -> None:
        """Cancel a run server-side, as the cancel endpoint does."""
        self._change(interaction_id, lambda r: r.cancel())

    # -- faults ----------------------------------------------------------------------------
    def drop_next_get_stream(self, after_frames: int) -> None:
        """The next ``get(..., stream=True)`` closes the socket after ``after_frames`` frames."""
        with self._lock:
            self._get_stream_faults.append(StreamFaults(drop_after=after_frames))

    def stall_next_get_stream(self, after_frames: int, seconds: float = 30.0) -> None:
        """The next ``get(..., stream=True)`` goes silent for ``seconds`` after ``after_frames`` frames."""
        with self._lock:
            self._get_stream_faults.append(StreamFaults(stall_after=after_frames, stall_seconds=seconds))

    def take_get_stream_faults(self) -> StreamFaults:
        """Faults for a starting ``get`` stream (none when nothing is queued)."""
        with self._lock:
            return self._get_stream_faults.popleft() if self._get_stream_faults else StreamFaults()

    def push_route_error(self, route: str, reply: ErrorReply) -> None:
        """The next request on ``route`` (e.g. ``"interactions.get"``, or a prefix like ``"models"``) fails."""
        with self._lock:
            self._route_errors.setdefault(route, deque()).append(reply)

    def push_models_error(self, reply: ErrorReply) -> None:
        """The next ``models.list``/``models.get`` request fails with ``reply``."""
        self.push_route_error("models", reply)

    def take_route_error(self, route: str) -> ErrorReply | None:
        """A queued error for ``route`` or its prefix before the first dot."""
        with self._lock:
            for key in (route, route.split(".", 1)[0]):
                queue = self._route_errors.get(key)
                if queue:
                    return queue.popleft()
        return None

    def fail_next_upload(self, status: int, *, stage: str = "start", message: str = "Upload failed.") -> None:
        """Fail the next upload at ``stage`` ``"start"`` (the create request) or ``"chunk"``."""
        if stage not in ("start", "chunk"):
            raise ValueError("stage must be 'start' or 'chunk'")
        with self._lock:
            self._upload_failures.append((status, stage, message))

    def take_upload_failure(self, stage: str) -> tuple[int, str] | None:
        """The queued upload failure if it is for ``stage``."""
        with self._lock:
            if self._upload_failures and self._upload_failures[0][1] == stage:
                status, _, message = self._upload_failures.popleft()
                return status, message
        return None

    def fail_reads(self, interaction_id: str, reply: ErrorReply) -> None:
        """Every ``get`` of ``interaction_id`` (unary and streamed) answers ``reply`` until ``allow_reads``."""
        with self._lock:
            self._read_failures[interaction_id] = reply

    def allow_reads(self, interaction_id: str) -> None:
        """Undo ``fail_reads``."""
        with self._lock:
            self._read_failures.pop(interaction_id, None)

    def read_failure(self, interaction_id: str) -> ErrorReply | None:
        """The error a ``get`` of ``interaction_id`` answers now, if any."""
        with self._lock:
            return self._read_failures.get(interaction_id)

    # -- media -----------------------------------------------------------------------------
    def put_media(self, name: str, data: bytes, mime_type: str = "image/png") -> str:
        """Serve ``data`` at ``/media/<name>``; returns its absolute URL (for a ``uri`` output)."""
        with self._lock:
            self.media[name] = (mime_type, data)
        return f"{self.base_url}/media/{name}"

    # -- files -----------------------------------------------------------------------------
    def expire_file(self, name: str) -> None:
        """A file's 48 hours are over: ``files.get`` and any create whose input uses its ``uri``
        answer 403 "You do not have permission to access the File … or it may not exist."."""
        with self._lock:
            self.file_store.expire(name)

    @property
    def files(self) -> dict[str, FakeFile]:
        """Uploaded files by name (``files/<id>``); ``.data`` holds the received bytes."""
        return self.file_store.files

    # -- internals used by the router ------------------------------------------------------
    @property
    def lock(self) -> threading.RLock:
        """The state lock (the router holds it while reading records)."""
        return self._lock

    @property
    def condition(self) -> threading.Condition:
        """Notified on every state change; streams of background runs wait on it."""
        return self._cond

    @property
    def interrupt(self) -> threading.Event:
        """Set when the server stops or resets: stalls and live streams abort."""
        return self._interrupt
