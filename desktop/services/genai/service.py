"""The API service: everything the app asks of the Gemini Interactions API, in the app's own types.

The SDK lives on a worker thread with its own asyncio loop (see ``loop_thread``); callers await
this service from the GUI loop and receive small, decoded app events in batches. Errors leave
here only as ``desktop.errors.AppError``.
"""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from desktop import errors as app
from desktop.domain import events as ev
from desktop.domain import retired
from desktop.domain.api import FALLBACK_MODELS, InteractionSnapshot, ModelInfo, TurnRequest, UploadedFile
from desktop.domain.endings import refused_message
from desktop.services.genai import fastpath, file_search, stream_errors, uploads
from desktop.services.genai.convert import StreamConverter, _dump
from desktop.services.genai.errors import from_status, map_exception, server_message
from desktop.services.loop_thread import EventPipe, LoopThread, TimeSlicer

T = TypeVar("T")

log = logging.getLogger(__name__)

# The Gemini API's address when no base URL is configured.
DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com"
# Generated files given by ``uri`` are downloaded up to this size.
MAX_MEDIA_BYTES = 100 * 1024 * 1024
HTTP_ERROR = 400


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How the SDK retries a failed request before a stream starts (explicit, not the SDK default).

    Retries cover transient statuses only; a stream that already started is resumed by this
    service instead (``resume_delays``).
    """

    attempts: int = 3
    initial_delay: float = 1.0
    max_delay: float = 8.0
    statuses: tuple[int, ...] = (408, 429, 500, 502, 503, 504)
    resume_delays: tuple[float, ...] = (0.5, 1.5, 4.0)


@dataclass(frozen=True, slots=True)
class ServiceConfig:
    """Connection settings for the service."""

    api_key: str
    base_url: str | None = None
    timeout_s: float = 120.0
    retry: RetryPolicy = RetryPolicy()
    fast_path: bool = True
    # The environment variable the key came from (None: keyring or typed), so a rejection can say
    # where to fix it: an environment key cannot be changed from within the app.
    key_variable: str | None = None

    @property
    def endpoint(self) -> str:
        """The URL requests go to (for messages): ``base_url``, else Google's."""
        return (self.base_url or DEFAULT_BASE_URL).rstrip("/")


class TurnStream:
    """A streamed turn: iterate it for app events; ``stop()`` ends it at once.

    The SDK stream runs on the worker loop; this object yields its events on the caller's loop,
    merging consecutive text deltas and giving the loop a turn every few milliseconds so a burst
    of buffered events never freezes the window.
    """

    def __init__(self, service: GeminiService, producer: Any, last_event_id: str | None = None) -> None:
        self._service = service
        self._producer = producer
        self._future: Any = None
        self._stopped = False
        self._delivered_event_id = last_event_id
        self.converter = StreamConverter()

    @property
    def interaction_id(self) -> str | None:
        """The server's id for this interaction, once ``Started`` was seen."""
        return self.converter.interaction_id

    @property
    def last_event_id(self) -> str | None:
        """The id of the last server event whose app events have all been handed to the consumer
        (including the one being handled now): resuming after it neither repeats nor skips any.

        Not the converter's id: that one runs ahead on the worker thread by whatever is still in
        the pipe, and storing it would lose those events on a resume.
        """
        return self._delivered_event_id

    @property
    def stopped(self) -> bool:
        """Whether ``stop()`` was called."""
        return self._stopped

    def stop(self) -> None:
        """Cancel the turn now: the HTTP stream is closed on the worker loop."""
        self._stopped = True
        if self._future is not None and not self._future.done():
            self._future.cancel()

    def __aiter__(self) -> AsyncIterator[ev.StreamEvent]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[ev.StreamEvent]:
        loop = asyncio.get_running_loop()
        pipe: EventPipe[Fed] = EventPipe(loop)
        self._future = self._service._worker.submit(self._producer(pipe, self.converter))
        if self._stopped:
            self._future.cancel()
        slicer = TimeSlicer()
        try:
            while True:
                batch = await pipe.get_batch()
                slicer.reset()
                if not batch:
                    return
                for item, event_id in coalesce_fed(batch):
                    if event_id is not None:
                        self._delivered_event_id = event_id  # before the yield: it covers this item
                    if item is not None:
                        yield item
                        await slicer.yield_if_due()
        finally:
            pipe.detach()
            if not self._future.done():
                self._future.cancel()


@dataclass(frozen=True, slots=True)
class Fed:
    """The app events made from one server event, and that event's id: they cross the pipe together,
    so the consumer knows exactly which server events it has been given."""

    items: tuple[ev.StreamEvent, ...]
    event_id: str | None


def coalesce(batch: list[ev.StreamEvent]) -> list[ev.StreamEvent]:
    """Merge runs of text (and thought) deltas of the same step into one delta each."""
    return [item for item, _ in _coalesce_marked([(item, None) for item in batch])]


def coalesce_fed(batch: list[Fed]) -> list[tuple[ev.StreamEvent | None, str | None]]:
    """``coalesce`` over a batch of ``Fed``: each output item comes with the id of the last server
    event it completes (None when it completes none); an id with no item before it in the batch
    comes first, as ``(None, id)``."""
    marked: list[tuple[ev.StreamEvent, str | None]] = []
    lead: str | None = None
    for fed in batch:
        marked.extend((item, None) for item in fed.items)
        if fed.event_id:
            if marked:
                marked[-1] = (marked[-1][0], fed.event_id)
            else:
                lead = fed.event_id
    out: list[tuple[ev.StreamEvent | None, str | None]] = [(None, lead)] if lead else []
    out.extend(_coalesce_marked(marked))
    return out


_Delta = (ev.TextDelta, ev.ThoughtDelta)


def _coalesce_marked(
    batch: list[tuple[ev.StreamEvent, str | None]],
) -> list[tuple[ev.StreamEvent, str | None]]:
    """Merge runs of deltas of one kind and step; a merged item keeps the last id among its parts."""
    out: list[tuple[ev.StreamEvent, str | None]] = []
    pieces: list[str] = []

    def close_run() -> None:
        if pieces:
            prev, mark = out[-1]
            assert isinstance(prev, _Delta)
            out[-1] = (type(prev)(prev.index, "".join(pieces)), mark)
            pieces.clear()

    for item, mark in batch:
        prev, prev_mark = out[-1] if out else (None, None)
        if (
            isinstance(item, _Delta)
            and isinstance(prev, _Delta)
            and type(prev) is type(item)
            and prev.index == item.index
        ):
            if not pieces:
                pieces.append(prev.text)
            pieces.append(item.text)
            out[-1] = (prev, mark or prev_mark)
            continue
        close_run()
        out.append((item, mark))
    close_run()
    return out


class GeminiService:
    """Async access to the Interactions API for the app (no Qt)."""

    def __init__(self, config: ServiceConfig, worker: LoopThread | None = None) -> None:
        self.config = config
        self._owns_worker = worker is None
        self._worker = worker or LoopThread("gemini-sdk")
        self._client: Any = None
        # The config ``_client`` was built from; when ``config`` is another one, the next request rebuilds.
        self._client_config: ServiceConfig | None = None
        # Clients replaced by ``reconfigure`` (a stream may still be reading from one); closed in ``aclose``.
        self._retired: list[Any] = []
        self._models: list[ModelInfo] | None = None
        self._closed = False
        # File Search stores ("Knowledge").
        self.knowledge = file_search.KnowledgeApi(self._call)

    def explain(self, error: app.AppError) -> app.AppError:
        """Say which endpoint could not be reached, and where a rejected environment key is set."""
        if isinstance(error, app.NetworkError) and self.config.endpoint not in error.message:
            where = f"the Gemini service at {self.config.endpoint}"
            if "the Gemini service" in error.message:
                error.message = error.message.replace("the Gemini service", where, 1)
            elif "The server" in error.message:
                error.message = error.message.replace("The server", f"The server at {self.config.endpoint}", 1)
            else:
                error.message = f"{error.message.rstrip('.')} ({where})."
            error.args = (error.message,)
        elif isinstance(error, app.InvalidKeyError) and self.config.key_variable:
            error.message = (
                f"The API key in the environment variable {self.config.key_variable} was rejected. "
                f"Correct or unset {self.config.key_variable} and restart the app, "
                "or create a new key in Google AI Studio."
            )
            error.args = (error.message,)
        return error

    # -- client ---------------------------------------------------------------------------------
    def reconfigure(self, config: ServiceConfig) -> None:
        """Use ``config`` (endpoint, timeout, retry policy) from the next request on.

        Called on the caller's loop; nothing is built here. The next request builds a new SDK client
        on the worker thread; streams already running finish on the client they started with.
        """
        if config == self.config:
            return
        if config.base_url != self.config.base_url:
            self._models = None  # another endpoint may offer other models
        self.config = config

    def _ensure_client(self) -> Any:
        """Build the SDK client (on the worker thread: the import alone takes ~1 s)."""
        config = self.config  # one read: ``reconfigure`` may swap it from the GUI thread meanwhile
        if self._client is not None and self._client_config is not config:
            self._retired.append(self._client)
            self._client = None
        if self._client is None:
            if self._closed:
                raise app.AppError("The connection to the service was closed.")
            from google import genai
            from google.genai import types

            silence_sdk_deprecations()
            if config.fast_path:
                fastpath.install()
            retry = config.retry
            options = types.HttpOptions(
                base_url=config.base_url or None,
                timeout=int(config.timeout_s * 1000),
                # Bare JSON error lines in a stream are dropped by the SDK: watch for them.
                async_client_args={"event_hooks": {"response": [stream_errors.on_response]}},
                retry_options=types.HttpRetryOptions(
                    attempts=max(1, retry.attempts),
                    initial_delay=retry.initial_delay,
                    max_delay=retry.max_delay,
                    http_status_codes=list(retry.statuses),
                ),
            )
            client = genai.Client(api_key=config.api_key, http_options=options)
            client.aio.interactions  # noqa: B018 - the first touch builds the SDK (~0.8 s): pay it now
            self._client, self._client_config = client, config
        return self._client

    async def start(self) -> None:
        """Import the SDK and build the client in the background, so the first send is fast."""

        async def build() -> None:
            self._ensure_client()

        try:
            await self._worker.run(build())
        except Exception as exc:  # mapped for the user
            raise map_exception(exc) from exc

    async def aclose(self) -> None:
        """Close the HTTP client and stop the worker thread."""
        self._closed = True

        async def close() -> None:
            clients = [*self._retired, *([self._client] if self._client is not None else [])]
            self._retired, self._client = [], None
            for client in clients:
                try:
                    await client.aio.aclose()
                    client.close()
                except Exception:
                    log.debug("error while closing the client", exc_info=True)

        if self._worker.alive:
            try:
                await asyncio.wait_for(self._worker.run(close()), timeout=1.0)
            except (TimeoutError, Exception):
                log.debug("client close did not finish", exc_info=True)
            if self._owns_worker:
                self._worker.stop()

    async def _call(self, coro_fn: Callable[[Any], Awaitable[T]], *, previous_interaction_id: str | None = None) -> T:
        """Run ``coro_fn(client)`` on the worker loop, mapping errors."""

        async def run() -> T:
            return await coro_fn(self._ensure_client())

        try:
            return await self._worker.run(run())
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            raise self.explain(map_exception(exc, previous_interaction_id=previous_interaction_id)) from exc

    # -- streaming ------------------------------------------------------------------------------
    def stream_turn(self, request: TurnRequest) -> TurnStream:
        """Start a streamed ``create``; a dropped stream of a stored interaction is resumed."""
        params = request.to_params()
        resumable = request.store is not False

        async def produce(pipe: EventPipe[Fed], conv: StreamConverter) -> None:
            async def open_stream(client: Any) -> Any:
                return await client.aio.interactions.create(**params, stream=True)

            await self._produce(pipe, conv, open_stream, resumable, request.previous_interaction_id, created=True)

        return TurnStream(self, produce)

    def watch(self, interaction_id: str, last_event_id: str | None = None) -> TurnStream:
        """Stream a stored interaction (e.g. a background run) from after ``last_event_id``."""

        async def produce(pipe: EventPipe[Fed], conv: StreamConverter) -> None:
            conv.interaction_id = interaction_id
            conv.last_event_id = last_event_id

            async def open_stream(client: Any) -> Any:
                return await _get_stream(client, interaction_id, last_event_id)

            await self._produce(pipe, conv, open_stream, True, None)

        return TurnStream(self, produce, last_event_id)

    async def _produce(  # noqa: PLR0912 - one branch per stream outcome
        self,
        pipe: EventPipe[Fed],
        conv: StreamConverter,
        open_stream: Any,
        resumable: bool,
        previous_interaction_id: str | None,
        *,
        created: bool = False,
    ) -> None:
        """Worker-loop side of a stream: pump events, resume after drops, close the pipe.

        Errors before the server created the interaction are about the request (a 404 there
        means ``previous_interaction_id`` expired); errors after it are about this interaction.
        For a stream this call ``created``, a 404 on its resume ``GET`` means the server kept no
        copy of what it had just started: the answer was refused (it may have been blocked).
        """
        from google.genai import _interactions as ix
        from google.genai import errors as genai_errors

        seen = ReplayFilter(conv.last_event_id)
        token = stream_errors.collect_into(conv.bare_errors)
        try:
            client = self._ensure_client()
            stream = await open_stream(client)
            delays = list(self.config.retry.resume_delays)
            while True:
                dropped: BaseException | None = None
                try:
                    await _pump(stream, conv, pipe, seen)
                except (ix.APIConnectionError, genai_errors.ContinuationInterruptedError) as exc:
                    # ContinuationInterruptedError: the SDK's automatic continuation failed between
                    # hops after output was shown; the hop is stored, so it resumes like a drop.
                    dropped = exc
                if conv.finished or (conv.error_frames and dropped is None):
                    break  # an error frame ends the turn: resuming would only replay it
                if conv.bare_errors and dropped is None:
                    raise _refused(conv)  # the server said why it stopped; nothing more will come
                if not (resumable and conv.interaction_id and delays):
                    if dropped is not None:
                        raise dropped
                    break
                delay = delays.pop(0)
                log.info(
                    "stream of %s ended early; resuming after %s in %.1fs",
                    conv.interaction_id,
                    conv.last_event_id,
                    delay,
                )
                await asyncio.sleep(delay)
                try:
                    stream = await _get_stream(client, conv.interaction_id, conv.last_event_id)
                except ix.NotFoundError as exc:
                    if not created:
                        raise
                    # The server kept no copy of an interaction it created: the answer was refused
                    # (blocked) before any completion. Not an expired previous interaction.
                    raise _refused(conv, exc) from exc
            if not conv.finished:
                if conv.error_frames:
                    raise conv.error_frames[-1].error
                if conv.bare_errors:
                    raise _refused(conv)
                raise app.IncompleteStreamError(
                    "The answer stopped before it was complete. You can retry or continue it.",
                )
            pipe.close()
        except asyncio.CancelledError:
            pipe.close()
            raise
        except Exception as exc:  # noqa: BLE001 - everything reaches the consumer mapped
            # Once the interaction exists, no error is about the previous one any more.
            previous = None if conv.interaction_id else previous_interaction_id
            pipe.close(self.explain(map_exception(exc, previous_interaction_id=previous)))
        finally:
            stream_errors.stop_collecting(token)

    # -- unary calls ----------------------------------------------------------------------------
    async def get(self, interaction_id: str) -> InteractionSnapshot:
        """Fetch an interaction's current state."""

        async def call(client: Any) -> InteractionSnapshot:
            return _snapshot(await client.aio.interactions.get(interaction_id))

        return await self._call(call)

    async def cancel(self, interaction_id: str) -> InteractionSnapshot:
        """Cancel a (background) interaction; returns its state afterwards."""

        async def call(client: Any) -> InteractionSnapshot:
            return _snapshot(await client.aio.interactions.cancel(interaction_id))

        return await self._call(call)

    async def delete(self, interaction_id: str) -> None:
        """Delete a stored interaction from the server."""

        async def call(client: Any) -> None:
            await client.aio.interactions.delete(interaction_id)

        await self._call(call)

    async def create(self, request: TurnRequest) -> InteractionSnapshot:
        """A unary ``create`` (used for background runs: the answer is the queued interaction)."""

        async def call(client: Any) -> InteractionSnapshot:
            return _snapshot(await client.aio.interactions.create(**request.to_params()))

        return await self._call(call, previous_interaction_id=request.previous_interaction_id)

    async def check_key(self) -> None:
        """A cheap authenticated call; raises ``InvalidKeyError`` and friends when it fails."""

        async def call(client: Any) -> None:
            pager = await client.aio.models.list(config={"page_size": 1})
            async for _ in pager:
                break

        await self._call(call)

    async def list_models(self, *, refresh: bool = False) -> list[ModelInfo]:
        """Models that can generate content, cached; the built-in list when the API is unreachable."""
        if self._models is not None and not refresh:
            return self._models

        async def call(client: Any) -> list[ModelInfo]:
            out: list[ModelInfo] = []
            pager = await client.aio.models.list(config={"page_size": 100})
            async for m in pager:
                actions = m.supported_actions or []
                if "generateContent" not in actions:
                    continue
                name = (m.name or "").removeprefix("models/")
                if retired.is_retired(name):
                    continue  # never offered (product rule)
                out.append(
                    ModelInfo(
                        name=name,
                        display_name=m.display_name or name,
                        input_token_limit=m.input_token_limit,
                        output_token_limit=m.output_token_limit,
                        thinking=m.thinking,
                    )
                )
            return out

        try:
            models = await self._call(call)
        except (app.NetworkError, app.ServerError) as exc:
            log.info("model list unavailable (%s); using the built-in list", exc.title)
            return [ModelInfo(name, name) for name in FALLBACK_MODELS]
        self._models = models
        return models

    async def fetch_media(self, uri: str, *, max_bytes: int = MAX_MEDIA_BYTES) -> bytes:
        """Download an output the model gave as a ``uri`` (no inline data): the file's bytes.

        Only ``http``/``https``; the API key goes only to the API's own host (and redirects are
        then not followed). Raises ``InvalidRequestError`` for another scheme, ``ServerError``
        past ``max_bytes``, and the usual mapped errors (``NotFoundError``, ``NetworkError``...).
        """
        parts = urlsplit(uri)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise app.InvalidRequestError("The file is at an address the app cannot open.", detail=uri[:200])
        api = urlsplit(self.config.endpoint)
        same_host = (parts.scheme, parts.netloc) == (api.scheme, api.netloc)
        headers = {"x-goog-api-key": self.config.api_key} if same_host else {}

        async def call(client: Any) -> bytes:
            import httpx2  # the SDK's HTTP library

            async with (
                httpx2.AsyncClient(timeout=self.config.timeout_s, follow_redirects=not same_host) as http,
                http.stream("GET", uri, headers=headers) as response,
            ):
                if response.status_code >= HTTP_ERROR:
                    raise from_status(response.status_code, await response.aread(), response.headers)
                chunks: list[bytes] = []
                total = 0
                async for chunk in response.aiter_bytes():
                    total += len(chunk)
                    if total > max_bytes:
                        raise app.ServerError(f"The file is larger than {max_bytes // (1024 * 1024)} MB.")
                    chunks.append(chunk)
                return b"".join(chunks)

        return await self._call(call)

    # -- Files API (attachments) ----------------------------------------------------------------

    async def upload_file(
        self,
        path: Path | bytes,
        *,
        mime_type: str,
        display_name: str,
        progress: Callable[[int, int], None] | None = None,
    ) -> UploadedFile:
        """Upload a file (or bytes) to the Files API; ``progress(sent, total)`` runs on this loop.

        The SDK reads and sends the file in 8 MiB chunks on the worker thread. Cancelling the
        awaiting task cancels the upload there (the half-sent session is abandoned).
        """
        loop = asyncio.get_running_loop()

        async def call(client: Any) -> UploadedFile:
            reader = uploads.ProgressReader(path, loop, progress)
            try:
                file = await client.aio.files.upload(
                    file=reader, config={"mime_type": mime_type, "display_name": display_name}
                )
            finally:
                reader.close()
            reader.report(reader.total)
            return uploads.uploaded_file(file)

        return await self._call(call)

    async def get_file(self, name: str) -> UploadedFile:
        """The current state of an uploaded file (``NotFoundError`` once the server forgot it)."""

        async def call(client: Any) -> UploadedFile:
            return uploads.uploaded_file(await client.aio.files.get(name=name))

        return await self._call(call)

    async def wait_until_active(self, name: str, *, poll_s: float = 2.0, timeout_s: float = 600.0) -> UploadedFile:
        """Poll a ``PROCESSING`` file (video) until it is ``ACTIVE``; ``FAILED`` or a timeout raise."""
        deadline = asyncio.get_running_loop().time() + timeout_s
        while True:
            file = await self.get_file(name)
            if file.active:
                return file
            if file.state == "FAILED":
                raise app.ServerError("The server could not process this file. Try another format or a shorter clip.")
            if asyncio.get_running_loop().time() + poll_s > deadline:
                raise app.RequestTimeoutError(
                    f"The server is still processing the file after {timeout_s / 60:.0f} minutes. Try again later."
                )
            await asyncio.sleep(poll_s)


def _refused(conv: StreamConverter, not_found: Any = None) -> app.AnswerRefusedError:
    """The error for an answer that stopped without completing: the server's reason when it gave one."""
    reason: str | None = None
    code: str | None = None
    for err in reversed(conv.bare_errors):
        if err.get("message"):
            reason, code = str(err["message"]), str(err.get("code") or "") or None
            break
    detail = f"{code}: {reason}" if code and reason else reason
    if not_found is not None and detail is None:
        _, detail = server_message(getattr(not_found, "body", None))
    return app.AnswerRefusedError(
        refused_message(reason),
        reason=reason,
        detail=detail,
        status_code=getattr(not_found, "status_code", None),
    )


# The SDK's marker on fields the API deprecates (``temperature``, ``top_p``, ``image_config``).
_SDK_DEPRECATION = r".*\*\* DEPRECATED \*\*"


def silence_sdk_deprecations() -> None:
    """Keep the SDK's field DeprecationWarnings out of stderr and the log.

    The app sends temperature only when the user set it (and says the API deprecates it); pydantic
    warns on every validation or attribute read of such a field, which is noise for the user.
    """
    warnings.filterwarnings("ignore", message=_SDK_DEPRECATION, category=DeprecationWarning)


async def _get_stream(client: Any, interaction_id: str, last_event_id: str | None) -> Any:
    kwargs: dict[str, Any] = {"stream": True}
    if last_event_id:
        kwargs["last_event_id"] = last_event_id
    return await client.aio.interactions.get(interaction_id, **kwargs)


class ReplayFilter:
    """Tells events a resumed stream replays from new ones.

    Whether the server's resume after ``last_event_id`` is exclusive, inclusive or overlaps is not
    documented (spec §3.4), so every event id seen in this session is remembered. A stream that
    resumes from an id stored in an earlier session (research re-attach, "Fetch the rest") does
    not know the ids before it; those are recognised by their position: event ids are
    ``"<interaction id>:<n>"`` with n counting from 1, and any id of that interaction numbered at
    or below the stored one is a replay. Ids of another shape are judged by identity alone.
    """

    def __init__(self, last_event_id: str | None = None) -> None:
        self._seen: set[str] = set()
        self._floor: tuple[str, int] | None = None
        if last_event_id:
            self._seen.add(last_event_id)
            self._floor = _event_position(last_event_id)

    def is_new(self, event_id: str | None) -> bool:
        """Whether the event with ``event_id`` was not delivered yet (remembering it if so);
        events without an id are always new."""
        if not event_id:
            return True
        if event_id in self._seen:
            return False
        if self._floor is not None:
            position = _event_position(event_id)
            if position is not None and position[0] == self._floor[0] and position[1] <= self._floor[1]:
                return False
        self._seen.add(event_id)
        return True


def _event_position(event_id: str) -> tuple[str, int] | None:
    """``("v1_x", 4)`` for ``"v1_x:4"``; None for an id of another shape."""
    prefix, sep, number = event_id.rpartition(":")
    if not sep or not prefix or not number.isdigit():
        return None
    return prefix, int(number)


async def _pump(stream: Any, conv: StreamConverter, pipe: EventPipe[Fed], seen: ReplayFilter) -> None:
    """Feed one SDK stream into the pipe, skipping events already delivered (resume may overlap)."""
    try:
        async for sdk_event in stream:
            event_id = getattr(sdk_event, "event_id", None)
            if not seen.is_new(event_id):
                continue
            items = conv.feed(sdk_event)
            if items or event_id:
                pipe.put(Fed(tuple(items), event_id or None))
            if conv.finished:
                break
    finally:
        try:
            await stream.close()
            # AsyncStream.close() leaves its generator suspended; finalising it here (same task)
            # avoids "async generator ignored GeneratorExit" noise when it is collected later.
            generator = getattr(stream, "generator", None)
            if generator is not None:
                await generator.aclose()
        except Exception:  # the stream may already be broken
            log.debug("closing a stream failed", exc_info=True)


def _snapshot(inter: Any) -> InteractionSnapshot:
    steps = tuple(_dump(s) for s in (inter.steps or []))
    errors = tuple(_dump(e) for e in (getattr(inter, "errors", None) or []))
    usage = ev.Usage.from_wire(_dump(inter.usage) if inter.usage is not None else None)
    return InteractionSnapshot(
        id=inter.id or "",
        status=str(inter.status) if inter.status else "unknown",
        steps=steps,
        usage=usage,
        errors=errors,
        model=getattr(inter, "model", None),
        agent=getattr(inter, "agent", None),
        output_text=getattr(inter, "output_text", "") or "",
    )
